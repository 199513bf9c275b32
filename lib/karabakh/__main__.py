"""`python -m karabakh ...` is the same as the `karabakh` command."""

import sys

from .pipeline.cli import main

sys.exit(main())
