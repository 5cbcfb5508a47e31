"""Every solution notebook runs top to bottom under nbval, in the kernel it names.

Each notebook runs in its own pytest subprocess from the repository root. `-o addopts=""`
drops pyproject's addopts (which keep the grader's plugins lean) and `-p nbval` loads nbval;
`--nbval-lax` runs every code cell but compares only the outputs of cells marked
`# NBVAL_CHECK_OUTPUT`. The notebook's own kernelspec is used (`ml-path`, registered by
`make setup`), as in JupyterLab; a missing or foreign kernel fails with the doctor's fix.
Each runs in a temporary copy of its week (data at ../../data, as in the repository), so the
files a notebook writes (figures/) never land in solutions/.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import doctor

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(ROOT.glob("solutions/**/*.ipynb"))
NOTEBOOKS = [nb for nb in NOTEBOOKS if ".ipynb_checkpoints" not in nb.parts]
TIMEOUT_S = 600
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the kernel colours its tracebacks


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_solution_notebook_runs(notebook: Path, tmp_path: Path):
    rel = notebook.relative_to(ROOT).as_posix()
    nb = json.loads(notebook.read_text(encoding="utf-8"))  # plain JSON: nbformat imports slowly
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name", "")
    assert kernel == doctor.KERNEL_NAME, (
        f"{rel} uses kernel {kernel!r}: select the {doctor.KERNEL_NAME!r} kernel in JupyterLab "
        f"and save, so learners open it with the course's packages")
    check = doctor.check_kernel(ROOT)  # registered, and runs this interpreter
    assert check.status == "OK", f"cannot run {rel}: {check.line()}"

    cells = sum(1 for cell in nb["cells"]
                if cell["cell_type"] == "code" and "".join(cell["source"]).strip())
    week = tmp_path / "solutions" / notebook.parent.name
    shutil.copytree(notebook.parent, week, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "data").symlink_to(ROOT / "data")
    args = [sys.executable, "-m", "pytest", "-p", "nbval", "--nbval-lax", "-q",
            "-p", "no:cacheprovider", "-o", "addopts=", "--color=no", "--rootdir", str(tmp_path),
            str(week / notebook.name)]
    run = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT_S)
    output = ANSI.sub("", f"$ python {' '.join(args[1:])}\n{run.stdout}{run.stderr}")
    assert run.returncode == 0, f"{rel} does not run top to bottom under nbval:\n{output}"
    passed = re.search(r"(\d+) passed", run.stdout)
    assert passed and int(passed[1]) >= cells, (
        f"nbval ran {passed[1] if passed else 'no'} cells of {rel}, which has {cells} code "
        f"cells: check the nbval flags in {Path(__file__).name}\n{output}")
