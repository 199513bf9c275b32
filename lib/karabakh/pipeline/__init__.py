"""Pipeline layer: notebook discovery (`notebooks`), parameter checks (`params`), presets and
`-p` parsing (`presets`), execution (`runner`), stored outputs (`refresh`), pages (`site`),
atomic writes (`atomic`) and the command line (`cli`).
"""
