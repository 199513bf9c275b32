"""`python -m karabakh ...` is the same as the `karabakh` command."""

import sys

from .cli import main

sys.exit(main())
