"""Bare execution of what the grader runs for week 1, in one plain Python process.

The baseline for bench_grading.py: the same learner modules called with the same inputs, and
the same notebook's code cells executed in order, with no grader, no pytest and no kernel.
Usage: python bench/_bare.py SUBMISSION_DIR
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
    import clean
    import load
    import pandas as pd

    raw_path = ROOT / "data" / "telco_churn_raw.csv"
    holdout_path = ROOT / "grader" / "hidden" / "data" / "telco_churn_holdout.csv"
    for path in (raw_path, holdout_path):
        load.load_raw(path)  # the grader calls load_raw once per check of 1.1
        table = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("customerID")
        clean.total_charges_as_float(table.astype({"tenure": "int64"}))
    nb = json.loads((week / "first_look.ipynb").read_text())
    namespace: dict = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            if not source.lstrip().startswith(("%", "!")):
                exec(compile(source, "<cell>", "exec"), namespace)


if __name__ == "__main__":
    main()
