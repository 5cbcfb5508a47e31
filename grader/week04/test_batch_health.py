"""Milestone 4.3: POST /predict/batch scores many customers in order; GET /health tells the truth.

A batch answer is checked the way a nightly job would use it: one prediction per customer, in
the order sent (the job matches answers by position), each equal to the judge's probability,
which is what POST /predict must say for the same customer (4.2). ``/health`` must report the
version of the model actually served (the judge's), not a number typed into the code.
"""

from __future__ import annotations

from typing import Any

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import current
from grader.week04 import ref_serve as R
from grader.week04.test_predict import (
    answer_problem,
    expect_decisions,
    expect_prediction,
    expect_probabilities,
    judge_version,
)

N_BATCH, N_LARGE = 300, 1000


def batch_request(bodies: list[dict[str, Any]]) -> list[Any]:
    return R.request("POST", "/predict/batch", {"customers": bodies})


def expect_batch(answer: dict[str, Any], bodies: list[dict[str, Any]],
                 what: str) -> list[dict[str, Any]]:
    """A 200 with {"predictions": [one Prediction per customer], "model_version"}."""
    current.checking = f"POST /predict/batch with {what}"
    expect(answer["status"] == 200, "POST /predict/batch should answer 200 for valid customers",
           expected='200 and {"predictions": [...], "model_version": ...}',
           got=answer_problem(answer))
    body = answer["json"]
    expect(isinstance(body, dict) and isinstance(body.get("predictions"), list),
           "the batch answer should hold a list of predictions",
           expected='{"predictions": [...], "model_version": ...} (BatchResponse)',
           got=repr(body)[:200])
    got = body["predictions"]
    expect(len(got) == len(bodies), "the batch answer should hold one prediction per customer",
           expected=f"{len(bodies)} predictions", got=f"{len(got)}")
    for i, prediction in enumerate(got):
        expect_prediction(prediction, f"predictions[{i}]")
    return got


def expect_in_order(got: list[dict[str, Any]], bodies: list[dict[str, Any]]) -> None:
    """The predictions come back in the order the customers were sent; says how they differ."""
    sent = [body["customerID"] for body in bodies]
    ids = [prediction["customerID"] for prediction in got]
    if ids == sent:
        return
    i = next(i for i, (a, b) in enumerate(zip(ids, sent, strict=True)) if a != b)
    proba = [float(p["churn_probability"]) for p in got]
    if ids == sent[::-1]:
        how = "reversed"
    elif proba in (sorted(proba), sorted(proba, reverse=True)):
        how = "sorted by churn_probability"
    elif sorted(map(str, ids)) == sorted(map(str, sent)):
        how = "the same customers in another order"
    else:
        how = "other customerIDs than the ones sent"
    failed = CheckFailed("the batch should answer in the order the customers were sent: the "
                         "caller matches answers to customers by position",
                         expected=f"predictions[{i}] for customer {sent[i]} "
                         f"(sent as customers[{i}])",
                         got=f"customer {ids[i]!r} at position {i}: {how}")
    failed.lines.append("Tip       build one Prediction per customer with "
                        "zip(batch.customers, probabilities)")
    raise failed


def judge_folder(week) -> str:
    return R.model_dir(week, "model")


def answered(week) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The public batch, a batch of 1,000, and /health: one lifespan."""
    raw = week.data(R.RAW)
    bodies = {"batch": R.payloads(raw.head(N_BATCH)),
              "large": R.payloads(raw.iloc[N_BATCH:N_BATCH + N_LARGE])}
    requests = [batch_request(bodies["batch"]), batch_request(bodies["large"]),
                R.request("GET", "/health")]
    answers = week.once("4.3 batch and health", lambda: R.call_app(
        week, requests, folder=judge_folder(week), label=f"POST /predict/batch with "
        f"{N_BATCH} customers, then {N_LARGE}; GET /health", target="app.predict_batch"))
    return answers, bodies


def batch(week) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    answers, bodies = answered(week)
    got = expect_batch(answers[0], bodies["batch"], f"{N_BATCH} customers of {R.RAW}.csv")
    return got, bodies["batch"], answers[0]["json"]


@milestone("4.3")
def test_batch_answers_one_prediction_per_customer_in_order(week):
    got, bodies, _ = batch(week)
    expect_in_order(got, bodies)


@milestone("4.3")
def test_batch_probabilities_equal_the_pipelines(week):
    """The judge's probabilities, as POST /predict must give them (4.2), for each customer."""
    got, bodies, _ = batch(week)
    expect_in_order(got, bodies)
    expect_probabilities(week, got, bodies, R.expected_for(week, bodies),
                         request="POST /predict/batch")
    _, _, metadata = R.judge_model(week)
    expect_decisions(got, bodies, metadata["threshold"], request="POST /predict/batch")


@milestone("4.3")
def test_batch_reports_the_model_version(week):
    got, _, body = batch(week)
    version = judge_version(week)
    expect(body.get("model_version") == version and got[0]["model_version"] == version,
           "the batch answer and each prediction should carry the served model's version",
           expected=f"model_version {version!r}",
           got=f"{body.get('model_version')!r} in the answer, "
           f"{got[0]['model_version']!r} in predictions[0]"[:200])


@milestone("4.3")
def test_batch_of_1000_customers_is_scored(week):
    answers, bodies = answered(week)
    large = bodies["large"]
    got = expect_batch(answers[1], large, f"{N_LARGE} customers (MAX_BATCH)")
    expect_in_order(got, large)
    expect_probabilities(week, got, large, R.expected_for(week, large),
                         request="POST /predict/batch")


@milestone("4.3")
def test_health_says_ok_with_the_served_models_version(week):
    answers, _ = answered(week)
    answer = answers[-1]
    current.checking = "GET /health after start-up"
    current.where = f"{week.shown_as}/app.py::health"
    expect(answer["status"] == 200, "GET /health should answer 200 once the model is loaded",
           expected='200 and {"status": "ok", ...}', got=answer_problem(answer))
    body = answer["json"]
    version = judge_version(week)
    want = {"status": "ok", "model_loaded": True, "model_version": version}
    expect(isinstance(body, dict), "GET /health should answer a JSON object (Health)",
           expected=want, got=repr(body)[:200])
    wrong = {key: body.get(key) for key, value in want.items() if body.get(key) != value}
    if wrong:
        failed = CheckFailed("GET /health should say the model is loaded, and which one",
                             expected=want, got=body)
        if "model_version" in wrong:
            failed.lines.append(f"{'Likely':<9} model_version must be the served model's "
                                "(app.state.model.version), not text typed into the code")
        raise failed

