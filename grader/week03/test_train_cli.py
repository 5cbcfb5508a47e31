"""Milestone 3.4: `python -m train` fits, picks the cheapest threshold and saves the model.

Each run is a real command line in the sandbox copy of the week folder. The saved JSON is
parsed judge-side; the threshold is graded by its cost on the judge's own out-of-fold
probabilities (5 stratified folds of the judge's pipeline), so any honest fold split passes.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from grader.engine.checks import CheckFailed, expect, expect_type, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week01.test_cleaner_cli import tail
from grader.week03.ref_persist import COST_SLACK, oof, oof_facts, sha256_of, threshold_cost

DATA = "telco_churn_clean"
DATA_ARG = "../../data/telco_churn_clean.parquet"  # as typed in the week folder
MODEL_FILE, METADATA_FILE = "churn_model.joblib", "churn_model.json"
AUC_RANGE = (0.82, 0.87)  # cross-validated LR on these customers; above: leakage

CLEAR_OUT = """
import shutil
shutil.rmtree(out, ignore_errors=True)
result = None
"""

LOAD_SAVED = """
import joblib
import pandas as pd
from sklearn.exceptions import NotFittedError

X = pd.read_parquet(data_path).drop(columns="churn")
model = joblib.load(model_path)
try:
    result = {"proba": model.predict_proba(X)[:, 1], "type": type(model).__name__}
except NotFittedError as exc:
    result = {"proba": None, "type": type(model).__name__, "error": str(exc)[:120]}
"""


def run_train(week, *args: str) -> dict[str, Any]:
    """``python -m train ARGS``: exit code, stdout and stderr; a missing train.py is MISSING."""
    done = week.run_module("train", *args, timeout=max(week.time_limit_s, 60))
    if done["returncode"] and tail(done["stderr"], 1).endswith("No module named train"):
        folder = current.where.rpartition("/")[0]
        raise LearnerFault(Reason.MISSING, "", f"found no train.py in {folder}",
                           where=current.where, checking=current.checking)
    return done


def trained(week, data_arg: str = DATA_ARG, out: str = "models") -> dict[str, Any]:
    """One run of the training per (data, out) and kernel, shared by the checks reading it.

    The `out` folder is emptied first: files from a run on the learner's machine were copied
    into the sandbox, and only what this run writes counts.
    """
    def run() -> dict[str, Any]:
        week.run_snippet(CLEAR_OUT, out=out, label=f"removing {out}/ before the run")
        return run_train(week, "--data", data_arg, "--out", out)
    return week.once(f"train {data_arg} {out}", run)


def expect_saved(week, done: dict[str, Any], out: str = "models") -> dict[str, Any]:
    """Exit 0 and both files in `out`; the parsed metadata."""
    if done["returncode"] != 0:
        failed = CheckFailed("python -m train should finish with exit code 0",
                             expected=f"exit 0, {out}/{MODEL_FILE} and {out}/{METADATA_FILE}",
                             got=f"exit {done['returncode']}; stderr ends:\n"
                             f"{tail(done['stderr'])}")
        if "NotFittedError" in done["stderr"]:
            failed.lines.append("Tip       cross_val_predict fits copies: fit the pipeline "
                                "itself on every row before saving it")
        raise failed
    files = {name: week.read_file(f"{out}/{name}") for name in (MODEL_FILE, METADATA_FILE)}
    missing = [name for name, content in files.items() if content is None]
    expect(not missing, f"python -m train --out {out} should write both files there",
           expected=f"{out}/{MODEL_FILE} and {out}/{METADATA_FILE}",
           got=f"no {' and no '.join(missing)} in {out}/")
    try:
        meta = json.loads(files[METADATA_FILE])
    except ValueError as exc:
        raise CheckFailed(f"{out}/{METADATA_FILE} should be valid JSON",
                          expected="json.dumps(metadata)", got=str(exc)) from None
    expect_type(meta, dict, what=f"the content of {out}/{METADATA_FILE}")
    return meta


def expect_cheapest_threshold(week, meta: dict[str, Any], name: str) -> None:
    """The saved threshold costs (nearly) the least on the judge's out-of-fold probabilities."""
    threshold = meta.get("threshold")
    expect(isinstance(threshold, (int, float)) and not isinstance(threshold, bool)
           and 0 < threshold < 1, "the saved threshold should be a probability between 0 and 1",
           expected="a float such as 0.13", got=repr(threshold))
    best = oof_facts(week, name)
    cost = threshold_cost(week, name, threshold)
    limit = best["cost"] * (1 + COST_SLACK)
    if cost > limit:
        failed = CheckFailed(
            "the threshold should minimise the expected cost on out-of-fold probabilities",
            expected=f"about {best['threshold']:.3f}: ${best['cost']:,.0f} for "
            f"{len(oof(week, name)[0]):,} customers at $500 a missed churner, $50 an offer",
            got=f"{threshold:.3f}: ${cost:,.0f}, {cost / best['cost'] - 1:.0%} more")
        if threshold == 0.5:
            failed.lines.append("Tip       0.5 is predict's default, not the cheapest: try "
                                "every probability as a threshold and keep the cheapest")
        raise failed


def expect_sha_and_features(week, meta: dict[str, Any], name: str) -> None:
    want = sha256_of(week.data_path(name))
    expect(meta.get("data_sha256") == want,
           "data_sha256 should be the SHA-256 of the bytes of the --data file",
           expected=want, got=repr(meta.get("data_sha256"))[:80])
    columns = [c for c in week.data(name).columns if c != "churn"]
    features = meta.get("features")
    expect(isinstance(features, list) and sorted(map(str, features)) == sorted(columns),
           "features should list the columns the pipeline takes (all but churn)",
           expected=f"{len(columns)} columns: {', '.join(columns[:4])}, ...",
           got=repr(features)[:160])


def expect_cross_validated_auc(meta: dict[str, Any], low: float, high: float,
                               expected: str) -> float:
    metrics = meta.get("metrics")
    expect(isinstance(metrics, dict) and isinstance(metrics.get("roc_auc"), (int, float)),
           "metrics should hold the cross-validated roc_auc", expected="metrics['roc_auc']",
           got=repr(metrics)[:120])
    auc = float(metrics["roc_auc"])
    if auc > high:
        raise CheckFailed("metrics['roc_auc'] is too good to be an honest estimate",
                          expected=expected, got=f"{auc:.4f}: scored on rows the model was "
                          "fitted on? Use out-of-fold probabilities (cross_val_predict)")
    expect(auc >= low, "metrics['roc_auc'] is too low for the pipeline on these customers",
           expected=expected, got=f"{auc:.4f}")
    return auc


@milestone("3.4")
def test_train_writes_model_and_metadata(week):
    expect_saved(week, trained(week))


@milestone("3.4")
def test_train_saves_a_fitted_pipeline(week):
    expect_saved(week, trained(week))
    got = week.run_snippet(LOAD_SAVED, label=f"joblib.load('models/{MODEL_FILE}')"
                           ".predict_proba(customers)", target="train.main",
                           data_path=week.data_path(DATA), model_path=f"models/{MODEL_FILE}")
    expect(got["proba"] is not None, "the saved pipeline should be fitted",
           expected="a pipeline fitted on every customer",
           got=f"an unfitted {got['type']}: {got.get('error', '')}")
    from sklearn.metrics import roc_auc_score

    table = week.data(DATA)
    proba = np.asarray(got["proba"], dtype=float)
    auc = roc_auc_score(table["churn"].to_numpy(dtype=bool), proba)
    expect(auc >= 0.8, "the saved pipeline should predict churn on the customers it learned from",
           expected="ROC-AUC of at least 0.80 on the training table",
           got=f"{auc:.3f}: fitted on the wrong column, or on a few rows?")


@milestone("3.4")
def test_train_threshold_is_the_cheapest(week):
    expect_cheapest_threshold(week, expect_saved(week, trained(week)), DATA)


@milestone("3.4")
def test_train_metrics_are_cross_validated(week):
    meta = expect_saved(week, trained(week))
    low, high = AUC_RANGE
    expect_cross_validated_auc(meta, low, high, f"between {low} and {high} (5-fold, "
                               "out-of-fold)")


@milestone("3.4")
def test_train_metadata_follows_the_data_file(week):
    expect_sha_and_features(week, expect_saved(week, trained(week)), DATA)


@milestone("3.4")
def test_missing_data_is_one_line_error(week):
    done = run_train(week, "--data", "no_such_file.parquet", "--out", "never")
    expect(done["returncode"] not in (0, None), "a missing --data file is an error: exit non-zero",
           expected="exit 1 and one line on stderr", got=f"exit {done['returncode']}")
    errors = [line for line in done["stderr"].splitlines()
              if line.strip() and not line.startswith(("INFO", "DEBUG"))]
    expect("Traceback" not in done["stderr"] and len(errors) == 1,
           "say what is wrong in one line on stderr, not with a traceback",
           expected="one line, like: error: data file not found: no_such_file.parquet",
           got=f"{len(errors)} lines, ending:\n{tail(done['stderr'])}")
    expect("no_such_file.parquet" in errors[0], "the error should name the missing file",
           expected="a line naming no_such_file.parquet", got=errors[0][:110])
