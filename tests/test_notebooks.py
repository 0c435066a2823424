"""The notebooks: saved without outputs, holding only calls; executed end to end (slow)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = ("01_compare_versions.ipynb", "02_review_low_similarity.ipynb")


@pytest.mark.parametrize("name", NAMES)
def test_saved_without_outputs_and_without_definitions(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook with no code"
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, "save notebooks without outputs"
        for line in cell.source.splitlines():  # logic lives in align, not here
            assert not line.lstrip().startswith(("def ", "class ", "lambda")), line
    assert any("import" in c.source and "align" in c.source for c in code)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_on_the_bundled_model(name):
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    for needed in ("align.pipeline", "align.review"):
        if importlib.util.find_spec(needed) is None:
            pytest.skip(f"{needed} is not there yet")
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, with the cell and the traceback, if a cell fails
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type in ("display_data", "execute_result") and "text/html" in o.get("data", {})]
    assert html, "no view was displayed"
    assert any("working translation made by this project" in h for h in html)
