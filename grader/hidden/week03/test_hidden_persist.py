"""Hidden checks for 3.4: the saved facts follow the data they were computed from.

The training command runs on the 1,409 held-out customers; ``save_model`` gets a file of
customers sampled with the grading seed. A hash, metric or threshold typed in from the public
run cannot match.
"""

from __future__ import annotations

import io
import json

import numpy as np

from grader.engine.checks import CheckFailed, expect, expect_equal, milestone
from grader.week03.ref_persist import oof_facts, sha256_of
from grader.week03.test_persist import SAVE, expect_version_warning
from grader.week03.test_train_cli import (
    expect_cheapest_threshold,
    expect_cross_validated_auc,
    expect_saved,
    expect_sha_and_features,
    trained,
)

UNSEEN = "fails on unseen customers"
HOLDOUT = "telco_churn_holdout_clean"
OUT = "models_holdout"
AUC_SLACK = 0.025  # other folds move a 1,409-customer ROC-AUC by about ±0.005


def holdout_run(week):
    return expect_saved(week, trained(week, week.data_path(HOLDOUT), OUT), OUT)


@milestone("3.4", category=UNSEEN)
def test_train_on_holdout_records_its_hash_and_metrics(week):
    meta = holdout_run(week)
    expect_sha_and_features(week, meta, HOLDOUT)
    auc = oof_facts(week, HOLDOUT)["roc_auc"]
    got = expect_cross_validated_auc(meta, auc - AUC_SLACK, auc + AUC_SLACK,
                                     f"about {auc:.3f} (5-fold, out-of-fold, on this file)")
    public = trained(week)
    if public["returncode"] == 0:
        public_meta = json.loads(week.read_file("models/churn_model.json") or b"{}")
        same = public_meta.get("metrics", {}).get("roc_auc")
        expect(same is None or abs(float(same) - got) > 1e-12,
               "metrics should be computed from the --data file",
               expected="a different roc_auc for different customers",
               got=f"{got!r} for both files (typed in?)")


@milestone("3.4", category=UNSEEN)
def test_train_on_holdout_picks_its_cheapest_threshold(week):
    expect_cheapest_threshold(week, holdout_run(week), HOLDOUT)


@milestone("3.4", category="fails on a data file it has not seen")
def test_save_model_hashes_and_keeps_what_it_is_given(week, seed):
    rng = np.random.default_rng(seed)
    sample = week.data(HOLDOUT).sample(n=1100, random_state=int(rng.integers(2**31)))
    buffer = io.BytesIO()
    sample.to_parquet(buffer)
    path = week.put_file(f"customers_{seed}.parquet", buffer.getvalue())
    metrics = {"roc_auc": float(rng.uniform(0.8, 0.86)), "pr_auc": float(rng.uniform(0.6, 0.7))}
    threshold = float(rng.uniform(0.08, 0.2))
    folder = "grader_checks/hidden"
    env = week.run_snippet(SAVE, label=f"save_model(pipeline, {folder!r}, data_path="
                           "unseen file, ...)", target="persist.save_model", data_path=path,
                           folder=folder, n_train=800, metrics=metrics, threshold=threshold)
    content = week.read_file(f"{folder}/churn_model.json")
    expect(content is not None, "save_model should write churn_model.json into its folder",
           expected=f"{folder}/churn_model.json", got="no such file")
    try:
        meta = json.loads(content)
    except ValueError as exc:
        raise CheckFailed("churn_model.json should be valid JSON", expected="json.dumps(...)",
                          got=str(exc)) from None
    expect(meta.get("data_sha256") == sha256_of(path),
           "data_sha256 should be the SHA-256 of the bytes of the file given as data_path",
           expected=sha256_of(path), got=repr(meta.get("data_sha256"))[:80])
    expect(sorted(map(str, meta.get("features") or [])) == sorted(env["columns"]),
           "features should list the fitted pipeline's input columns",
           expected=", ".join(env["columns"][:4]) + ", ...", got=repr(meta.get("features"))[:120])
    for name, value in metrics.items():
        expect_equal((meta.get("metrics") or {}).get(name), value, what=f"metrics[{name!r}]",
                     rtol=1e-12)
    expect_equal(meta.get("threshold"), threshold, what="threshold", rtol=1e-12)


@milestone("3.4", category="stays silent about a small version change")
def test_load_model_warns_about_a_patch_release_too(week):
    """A pickle is only promised to load in the exact version that wrote it."""
    import sklearn

    major, minor, patch = sklearn.__version__.split(".")[:3]  # a pinned release, e.g. 1.9.1
    other = int(patch) - 1 if int(patch) > 0 else 1
    expect_version_warning(week, f"{major}.{minor}.{other}")
