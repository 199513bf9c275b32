"""Figures layer: the house style and fingerprints (`style`), charts by kind (`charts`) and tables
for reading (`tables`). Charts return (figure, source ids); `style.finish` adds the source line.
"""
