"""Bare execution of what the grader runs for week 1, in one plain Python process.

The baseline for bench_grading.py: the same learner module calls with the same inputs as the
checks make (public and hidden), and the notebook's code cells executed in order twice (the
public run and the hidden run on held-out customers), with no grader, no pytest and no kernel.
With --jupyter the notebook runs through nbclient instead, as `jupyter execute` would.
Usage: python bench/_bare.py SUBMISSION_DIR [--jupyter]
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    week = (Path(sys.argv[1]) / "week01").resolve()
    os.chdir(week)
    sys.path.insert(0, str(week))
    import pandas as pd

    import clean
    import load

    raw_path = ROOT / "data" / "telco_churn_raw.csv"
    holdout_path = ROOT / "grader" / "hidden" / "data" / "telco_churn_holdout.csv"
    for path in (raw_path, holdout_path):
        load.load_raw(path)
        table = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("customerID")
        clean.total_charges_as_float(table.astype({"tenure": "int64"}))
    clean.total_charges_as_float(table.sample(frac=1.0).astype({"tenure": "int64"}))
    for _ in range(2):
        if "--jupyter" in sys.argv:
            import nbclient
            import nbformat

            nb = nbformat.read(week / "first_look.ipynb", as_version=4)
            nbclient.NotebookClient(nb, kernel_name="python3",
                                    resources={"metadata": {"path": str(week)}}).execute()
            continue
        nb = json.loads((week / "first_look.ipynb").read_text())
        namespace: dict = {}
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                exec(compile("".join(cell["source"]), "<cell>", "exec"), namespace)


if __name__ == "__main__":
    main()
