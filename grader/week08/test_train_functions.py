"""Milestone 8.1: train.py's `evaluate` and `save_figures`, called the way ``main()`` calls them.

Both get the learner's own pipeline: ``build_pipeline()`` fitted on week 2's 4,507 training
customers in the sandbox (the fit the headline check makes, kept there as a handle), and the
1,127 test customers. `evaluate` must report the documented keys, and its ROC-AUC and average
precision must be what the judge computes from the same pipeline's probabilities.
`save_figures` draws into a folder the judge names: two PNGs that pillow opens and that are not
blank, and it returns their paths.
"""

from __future__ import annotations

import numbers
import shutil
from pathlib import Path
from typing import Any

from grader.engine.checks import CheckFailed, Handle, expect, milestone
from grader.week08 import ref_portfolio as P
from grader.week08.test_portfolio_readme import week2_scores

#: What evaluate() returns (the week README lists them); more keys are welcome.
KEYS = ("roc_auc", "average_precision", "precision", "recall", "n_test")
#: The same probabilities give the same score, up to floating point.
EXACT = 1e-9
FITTED = "build_pipeline().fit(X_train, y_train)"


def arguments(week: Any) -> tuple[dict[str, Any], Any, Any, Any]:
    """Week 2's fit (once per kernel), its pipeline handle and the test customers, labelled."""
    fitted = week2_scores(week)
    pipe = week.label(fitted["pipeline"], FITTED)
    X_test = week.label(fitted["X_test"], "X_test")
    y_test = week.label(fitted["y_test"], "y_test")
    return fitted, pipe, X_test, y_test


def is_score(value: Any) -> bool:
    return (isinstance(value, numbers.Real) and not isinstance(value, bool)
            and 0 <= float(value) <= 1)


@milestone("8.1")
def test_evaluate_reports_the_test_metrics(week):
    from sklearn.metrics import average_precision_score, roc_auc_score

    fitted, pipe, X_test, y_test = arguments(week)
    got = week.call(f"{P.PROJECT}.train.evaluate", pipe, X_test, y_test)
    expect(isinstance(got, dict), "evaluate() should return a dict of the test metrics",
           expected="{" + ", ".join(f'"{key}": ...' for key in KEYS) + "}",
           got=got.short() if isinstance(got, Handle) else repr(got)[:120])
    missing = [key for key in KEYS if key not in got]
    expect(not missing, "evaluate() should return every documented metric, under these names "
           "(main() writes them to models/metrics.json)", expected=", ".join(KEYS),
           got="no " + ", ".join(missing) + "; keys: " + ", ".join(map(str, got))[:100])
    n_test = got["n_test"]
    expect(isinstance(n_test, numbers.Integral) and n_test == len(X_test),
           "evaluate()['n_test'] should count the customers it measured",
           expected=f"{len(X_test):,} (len(X_test))", got=repr(n_test)[:60])
    for key in ("precision", "recall"):
        expect(is_score(got[key]), f"evaluate()['{key}'] should be a score between 0 and 1",
               expected="a float in [0, 1]", got=repr(got[key])[:60])
    y = fitted["y_test"].to_numpy(dtype=bool)
    scores = fitted["scores"]["X_test"]
    proba, decided = scores["proba"], scores["decided"]
    for key, score, name in (("roc_auc", roc_auc_score, "roc_auc_score"),
                             ("average_precision", average_precision_score,
                              "average_precision_score")):
        want = float(score(y, proba))
        value = got[key]
        if is_score(value) and abs(float(value) - want) <= EXACT:
            continue
        lines = []
        if is_score(value) and abs(float(value) - score(y, decided)) <= EXACT:
            lines.append("Tip       that is the score of predict()'s yes/no answers: rank by "
                         "predict_proba(X_test)[:, 1]")
        elif is_score(value) and abs(float(value) - score(y, 1 - proba)) <= EXACT:
            lines.append("Tip       that is the score of P(stays): column 1 of predict_proba "
                         "is P(churn)")
        elif is_score(value) and abs(float(value) - want) < 0.005:
            lines.append(f"Tip       that is {want:.6f} rounded: return the score itself, and "
                         "round it where you print it")
        raise CheckFailed(f"evaluate()['{key}'] should be the {P.NAMES[key]} of the pipeline's "
                          "churn probabilities for the test customers",
                          expected=f"{want:.6f}: {name}(y_test, "
                          "pipeline.predict_proba(X_test)[:, 1])",
                          got=repr(value)[:60], lines=lines)


@milestone("8.1")
def test_save_figures_writes_two_pictures(week):
    _, pipe, X_test, y_test = arguments(week)
    folder = week.sandbox.io / "save_figures"
    shutil.rmtree(folder, ignore_errors=True)
    before = {path: path.stat().st_mtime_ns for path in week.sandbox.root.rglob("*.png")}
    returned = week.call(f"{P.PROJECT}.train.save_figures", pipe, X_test, y_test,
                         week.label(folder, "Path(FOLDER)"))
    written = sorted(folder.rglob("*.png")) if folder.is_dir() else []
    if len(written) < 2:
        elsewhere = [path for path in week.sandbox.root.rglob("*.png")
                     if before.get(path) != path.stat().st_mtime_ns]
        lines = [f"Tip       it wrote {path.relative_to(week.sandbox.root).as_posix()}: save "
                 "into the folder it is given, which main() sets from --images"
                 for path in elsewhere[:1]]
        listed = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                        if p.is_file()) if folder.is_dir() else []
        raise CheckFailed("save_figures(..., folder) should draw the confusion matrix and the "
                          "precision-recall curve as two PNG files in `folder`",
                          expected="FOLDER/confusion_matrix.png and FOLDER/precision_recall.png",
                          got="files in FOLDER: " + (", ".join(listed[:4]) or "none"),
                          lines=lines)
    for path in written:
        problem = P.image_problem(path.read_bytes())
        expect(problem is None and path.read_bytes().startswith(b"\x89PNG"),
               f"{path.name}, drawn by save_figures, should be a picture a reader can look at",
               expected="a PNG chart that pillow opens, not one flat colour (savefig after "
               "drawing, before closing the figure)",
               got=problem or "not a PNG (saved in another format?)")
    names = {path.name for path in written}
    paths = returned if isinstance(returned, (list, tuple)) else None
    expect(paths is not None and len(paths) == 2 and all(
        isinstance(p, (str, Path)) and Path(p).name in names for p in paths),
        "save_figures() should return the paths of the two files it wrote, for main() to log",
        expected="[FOLDER/" + ", FOLDER/".join(sorted(names)[:2]) + "]",
        got=(returned.short() if isinstance(returned, Handle) else
             repr(returned).replace(str(folder), "FOLDER")[:120]))
