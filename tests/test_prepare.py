"""Reader copies of executed notebooks: fingerprints out (alt text from them), tables tidied."""

import nbformat

from karabakh.figures.report import bundle
from karabakh.pipeline.prepare import alt_text, for_readers, split_fingerprints, tidy_table

PRINT = (
    "before\n"
    "figure fingerprint\n"
    "axes 'Contingent size': x='' y='servicemen'\n"
    "  points 'government' n=1 x=2020-11-10..2020-11-10 y=1960..1960 crc=6345e7e614\n"
    "  sources: a-1, b-2\n"
    "after\n"
)
SOURCES = {
    "a-1": {"url": "https://example.org/a", "publisher": "A", "title": "Page A"},
    "b-2": {"url": "https://example.org/b", "publisher": "B", "title": "Page B"},
}
TABLE = """<div><style scoped>.x{}</style><table border="1" class="dataframe">
<thead><tr style="text-align: right;"><th></th><th>n</th><th>share</th><th>source_ids</th></tr>
</thead><tbody>
<tr><th>0</th><td>1960.0</td><td>0.5</td><td>a-1; b-2</td></tr>
<tr><th>1</th><td>NaN</td><td>1.0</td><td>not-an-id</td></tr>
</tbody></table></div>"""


def test_fingerprint_is_cut_out_and_the_rest_kept():
    text, prints = split_fingerprints(PRINT)
    assert text == "before\nafter\n"
    assert len(prints) == 1 and prints[0][-1] == "  sources: a-1, b-2"


def test_alt_text_names_the_chart_its_axis_and_sources():
    _, prints = split_fingerprints(PRINT)
    assert alt_text(prints[0]) == "Figure: Contingent size (servicemen). Sources: a-1, b-2."


def test_table_loses_its_index_shows_integers_and_links_sources():
    out = tidy_table(TABLE, SOURCES)
    assert "<th></th>" not in out and "<th>0</th>" not in out
    assert "<td>1960</td>" in out and "NaN" not in out
    assert "<td>0.5</td>" in out and "<td>1.0</td>" in out  # a fraction column stays as it is
    assert '<a class="source-link" href="https://example.org/a"' in out
    assert "<td>not-an-id</td>" in out  # only known ids become links
    assert "<style" not in out and 'border="1"' not in out


def test_reader_copy_folds_code_and_leaves_the_executed_notebook_alone():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("plot()")
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=PRINT),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBOR", "text/plain": "fig"}),
        nbformat.v4.new_output("display_data", data=bundle("k", "It is 2.", headline=True)),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), code]
    reader = for_readers(nb, SOURCES, banner="See also.")
    assert [c.cell_type for c in reader.cells] == ["markdown", "markdown", "code"]
    cell = reader.cells[2]
    assert "hide-input" in cell.metadata["tags"]
    assert cell.outputs[0]["text"] == "before\nafter\n"
    assert cell.metadata["mystnb"]["image"]["alt"].startswith("Figure: Contingent size")
    assert cell.outputs[2]["data"] == {"text/markdown": "**Finding.** It is 2."}
    assert "figure fingerprint" in nb.cells[1].outputs[0]["text"]  # the original is untouched
    assert "tags" not in nb.cells[1].metadata
