"""Helper library of the Karabakh peacekeeping notebooks, in four layers; imports run one way.

- `evidence/`: load and validate `data/`, the as-of snapshot (`evidence.at`), citations, spread
  between sources, provenance audit;
- `analysis/`: one module per question (claims, mandate, ...), on snapshots and plain values;
- `figures/`: house style, fingerprints, charts by kind, tables for reading;
- `pipeline/`: notebook discovery, parameters, presets, runner, refresh, site, command line.

Notebooks and `pipeline/` use `analysis/` and `figures/`, which use `evidence/`; nothing imports
upward (tests/test_layers.py checks it). `errors` and `paths` serve every layer.
"""

__version__ = "0.1.0"
