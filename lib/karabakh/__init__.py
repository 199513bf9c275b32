"""Helper library of the Karabakh peacekeeping notebooks.

One module per job: `paths` (where things live), `data` (load and validate the evidence base),
`asof` (what was known on a date), `params` (parameter checks), `sources` (citations),
`mandate` (the mandate clock), `style` (house style and text fingerprints of figures),
`claims` (verdicts on the article's claims), `runner` (papermill execution), `refresh`
(stored reference outputs), `site` (HTML pages) and `cli` (the `karabakh` command).
"""

__version__ = "0.1.0"
