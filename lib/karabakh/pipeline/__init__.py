"""Pipeline layer: notebook discovery (`notebooks`), parameter checks (`params`), presets and
`-p` parsing (`presets`), execution (`runner`, on `workers` with kernels forked from a `zygote`),
stored outputs (`refresh`), pages (`site`), atomic writes (`atomic`), lean imports (`lean`) and the
command line (`cli`).
"""
