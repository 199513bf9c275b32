"""Analysis layer: one module per question, on evidence snapshots and plain values.

`claims` (verdicts on the article's claims), `mandate` (the mandate clock). The functions that
judge or score are pure functions of small frames and numbers.
"""
