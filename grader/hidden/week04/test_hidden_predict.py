"""Hidden checks for 4.1-4.3: held-out customers, a threshold drawn with the grading seed.

The 1,409 held-out customers were never in the learner's data; the threshold in the served
model's metadata is drawn from [0.2, 0.7] with the grader's seed, so neither a probability nor
a decision rule tuned to the public customers can pass. New customers (tenure 0, nothing billed
yet) are where a ``to_frame`` that treats 0 as missing goes wrong.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, expect_equal, milestone
from grader.engine.outcomes import current
from grader.week04 import ref_serve as R
from grader.week04.test_app_factory import LOAD, N_ROWS
from grader.week04.test_batch_health import batch_request, expect_batch, expect_in_order
from grader.week04.test_predict import (
    expect_answered,
    expect_decisions,
    expect_probabilities,
)

UNSEEN = "fails on unseen customers"
#: One POST /predict costs ~20 ms (a one-row frame through the pipeline): 100 singles here,
#: the batch checks send 1,500 more held-out customers.
N_HELD_OUT, N_NEW, N_SHUFFLED, N_LARGE = 100, 15, 500, 1000


@milestone("4.1", category="fails on another model file")
def test_load_model_reads_another_model_file(week, seed):
    """The same pipeline saved with a seeded compression level: other bytes, another version."""
    rng = np.random.default_rng(seed)
    pipeline = R.judge_model(week)[0]
    content = R.dumped(pipeline, compress=("zlib", int(rng.integers(1, 10))))
    threshold = round(float(rng.uniform(0.05, 0.6)), 4)
    folder = R.model_dir(week, "model_other", threshold=threshold, model_bytes=content)
    got = week.run_snippet(LOAD, label=f"load_model({folder!r}) of another model file",
                           target="app.load_model", folder=folder,
                           data_path=week.data_path("telco_churn_clean"), n_rows=N_ROWS)
    expect(not got["lacks"] and got["proba"] is not None, "load_model should return the "
           "fitted pipeline, the metadata and the version", expected="LoadedModel(...)",
           got=f"a {got['kind']}")
    X = week.data("telco_churn_clean").drop(columns="churn").head(N_ROWS)
    expect_equal(got["proba"], pipeline.predict_proba(X)[:, 1], what="predict_proba",
                 rtol=0, atol=1e-12)
    expect_equal(got["threshold"], threshold, what='metadata["threshold"]', rtol=0, atol=0)
    version = R.model_version(content)
    expect(got["version"] == version, "version should be computed from the bytes of the "
           "model file it loaded", expected=repr(version), got=repr(got["version"])[:80])


def held_out(week, seed: int) -> dict[str, Any]:
    """Held-out customers as bodies: a sample, new customers, and the seeded threshold."""
    rng = np.random.default_rng(seed)
    raw = week.data(R.HOLDOUT_RAW)
    rows = rng.choice(len(raw), size=N_HELD_OUT + N_NEW, replace=False)
    sample = R.payloads(raw.iloc[rows[:N_HELD_OUT]])
    new = [{**body, "customerID": f"{body['customerID']}-new", "tenure": 0,
            "TotalCharges": 0.0} for body in R.payloads(raw.iloc[rows[N_HELD_OUT:]])]
    new += [body for body in R.payloads(raw) if body["tenure"] == 0]
    return {"sample": sample, "new": new, "threshold": round(float(rng.uniform(0.2, 0.7)), 4)}


def single_answers(week, seed: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """POST /predict for every held-out body, under a model with the seeded threshold."""
    bodies = held_out(week, seed)
    folder = R.model_dir(week, "model_hidden", threshold=bodies["threshold"])
    sent = bodies["sample"] + bodies["new"]
    answers = week.once("4.2 hidden predict", lambda: R.call_app(
        week, [R.request("POST", "/predict", body) for body in sent], folder=folder,
        label=f"POST /predict for {len(sent)} held-out customers", target="app.predict"))
    current.checking = f"POST /predict for {len(sent)} held-out customers"
    return bodies, expect_answered(answers, sent)


@milestone("4.2", category=UNSEEN)
def test_held_out_customers_get_the_pipelines_probability(week, seed):
    bodies, got = single_answers(week, seed)
    sample = bodies["sample"]
    expect_probabilities(week, got[:len(sample)], sample, R.expected_for(week, sample))


@milestone("4.2", category="ignores the threshold in the model's metadata")
def test_will_churn_follows_a_threshold_drawn_with_the_seed(week, seed):
    bodies, got = single_answers(week, seed)
    threshold = bodies["threshold"]
    expect_equal(got[0]["threshold"], threshold, what="threshold", rtol=0, atol=1e-12,
                 explain=f"{threshold}: the threshold in {R.METADATA_FILE}")
    sent = bodies["sample"] + bodies["new"]
    expect_decisions(got, sent, threshold)


@milestone("4.2", category="fails on new customers (tenure 0, nothing billed yet)")
def test_new_customers_with_tenure_0_and_no_charges(week, seed):
    bodies, got = single_answers(week, seed)
    new = bodies["new"]
    expect_probabilities(week, got[-len(new):], new, R.expected_for(week, new))


def batch_answers(week, seed: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rng = np.random.default_rng(seed + 1)
    raw = week.data(R.HOLDOUT_RAW)
    bodies = {"shuffled": R.payloads(raw.iloc[rng.permutation(len(raw))[:N_SHUFFLED]]),
              "large": R.payloads(raw.iloc[rng.choice(len(raw), N_LARGE, replace=False)])}
    answers = week.once("4.3 hidden batch", lambda: R.call_app(
        week, [batch_request(bodies["shuffled"]), batch_request(bodies["large"])],
        folder=R.model_dir(week, "model"), label=f"POST /predict/batch with {N_SHUFFLED}, "
        f"then {N_LARGE} held-out customers", target="app.predict_batch"))
    return answers, bodies


@milestone("4.3", category=UNSEEN)
def test_shuffled_held_out_batch_answers_in_order(week, seed):
    answers, bodies = batch_answers(week, seed)
    sent = bodies["shuffled"]
    got = expect_batch(answers[0], sent, f"{N_SHUFFLED} held-out customers, shuffled")
    expect_in_order(got, sent)
    expect_probabilities(week, got, sent, R.expected_for(week, sent),
                         request="POST /predict/batch")


@milestone("4.3", category=UNSEEN)
def test_batch_of_1000_held_out_customers(week, seed):
    answers, bodies = batch_answers(week, seed)
    sent = bodies["large"]
    got = expect_batch(answers[1], sent, f"{N_LARGE} held-out customers")
    expect_in_order(got, sent)
    expect_probabilities(week, got, sent, R.expected_for(week, sent),
                         request="POST /predict/batch")
    expect(len({p["model_version"] for p in got}) == 1, "every prediction of one batch should "
           "carry the same model_version", expected="one version",
           got=", ".join(sorted({str(p["model_version"]) for p in got}))[:120])
