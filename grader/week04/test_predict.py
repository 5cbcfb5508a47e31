"""Milestone 4.2: POST /predict answers the pipeline's own probability, decided at the threshold.

Every customer is a row of IBM's raw file sent as a client would (`ref_serve.payload`); the
expected probability is the judge's pipeline on week 1's cleaning of the same row, so a
``to_frame`` that maps a level differently, or ``predict`` instead of ``predict_proba``,
shows up as a number. The model folder says threshold 0.31 (neither 0.5 nor week 3's), so a
threshold typed into the code cannot pass. The OpenAPI schema must carry an example customer
that the service accepts, and the levels of each text field.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from grader.engine.checks import CheckFailed, expect, expect_equal, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week04 import ref_serve as R

N_CUSTOMERS = 40
#: Not 0.5 (predict's default) and not week 3's cheapest (about 0.13): read from the metadata.
THRESHOLD = 0.31
FIELDS = ("customerID", "churn_probability", "will_churn", "threshold", "model_version")
TOLERANCE = 1e-9


# --- shared with 4.3 and the hidden checks -------------------------------------------------------


def public_bodies(week, n: int = N_CUSTOMERS) -> list[dict[str, Any]]:
    """The first `n` customers of the public raw file, as API bodies."""
    return R.payloads(week.data(R.RAW).head(n))


def shown(body: dict[str, Any]) -> str:
    """A customer as sent, compact: ``gender=Female, SeniorCitizen=0, ...``."""
    return ", ".join(f"{k}={v}" for k, v in body.items() if k != "customerID")


def answer_problem(answer: dict[str, Any]) -> str:
    """What came back instead of a 200: the status and body, or the exception and its line."""
    if answer["exception"]:
        return f"{answer['exception'][:160]}\nat {answer['at']}"
    return f"{answer['status']}: {answer['text'][:200]}"


def expect_prediction(prediction: Any, what: str) -> None:
    """A Prediction: a dict with the five fields, a number for the probability, a bool."""
    expect(isinstance(prediction, dict), f"{what} should be a JSON object (a Prediction)",
           expected=", ".join(FIELDS), got=repr(prediction)[:200])
    missing = [field for field in FIELDS if field not in prediction]
    expect(not missing, f"{what} lacks field(s) of a Prediction",
           expected=", ".join(FIELDS), got=f"missing {', '.join(missing)}; has "
           f"{', '.join(map(str, prediction))}"[:200])
    p = prediction["churn_probability"]
    expect(isinstance(p, (int, float)) and not isinstance(p, bool),
           f"churn_probability in {what} should be a number",
           expected="a float between 0 and 1", got=repr(p)[:80])
    expect(isinstance(prediction["will_churn"], bool), f"will_churn in {what} should be "
           "true or false", expected="a JSON boolean", got=repr(prediction["will_churn"])[:80])


def expect_answered(answers: list[dict[str, Any]], bodies: list[dict[str, Any]],
                    request: str = "POST /predict") -> list[dict[str, Any]]:
    """Every answer is a 200 holding a Prediction; the predictions."""
    for answer, body in zip(answers, bodies, strict=True):
        if answer["status"] != 200:
            raised = " (it raised: the caller gets a 500)" if answer["exception"] else ""
            raise CheckFailed(f"{request} should answer 200 for a valid customer{raised}",
                              expected="200 and a Prediction",
                              got=answer_problem(answer),
                              lines=wrapped("Sent", shown(body)))
        expect_prediction(answer["json"], f"the answer of {request}")
    return [answer["json"] for answer in answers]


def wrapped(label: str, text: str, lines: int = 4) -> list[str]:
    """`text` as at most `lines` message lines under `label`."""
    chunks = textwrap.wrap(text, 92, max_lines=lines, placeholder=" ...")
    return [f"{label if i == 0 else '':<9} {chunk}" for i, chunk in enumerate(chunks)]


def mistakes(week, bodies: list[dict[str, Any]]) -> dict[str, np.ndarray]:
    """The judge's probabilities under the usual to_frame mistakes: what each would answer."""
    import pandas as pd

    from grader.week01.reference import CLEAN_COLUMNS, clean

    pipeline = R.judge_model(week)[0]
    rows = [{**{k: str(v) for k, v in body.items()}, "Churn": "No"} for body in bodies]
    frame = pd.DataFrame(rows)
    frame["customerID"] = [f"c{i}" for i in range(len(frame))]
    table = clean(frame).drop(columns="churn")
    yes_no = [(ibm, name) for ibm, (name, kind) in CLEAN_COLUMNS.items()
              if kind == "yes/no" and name in table.columns]
    no_is_true, as_text = table.copy(), table.copy()
    for ibm, name in yes_no:
        no_is_true[name] = (frame[ibm] != "No").to_numpy()
        as_text[name] = frame[ibm].to_numpy(dtype=object)
    return {
        "'No internet service' / 'No phone service' became True: they mean no (False)":
            pipeline.predict_proba(no_is_true)[:, 1],
        "the Yes/No answers reached the pipeline as text: map them to True/False":
            pipeline.predict_proba(as_text)[:, 1],
    }


def expect_probabilities(week, predictions: list[dict[str, Any]],
                         bodies: list[dict[str, Any]], expected: np.ndarray,
                         request: str = "POST /predict") -> None:
    """churn_probability equals the judge's P(churn) to 1e-9; names the likely mistake."""
    got = np.array([float(p["churn_probability"]) for p in predictions])
    bad = np.flatnonzero(~np.isclose(got, expected, rtol=0, atol=TOLERANCE))
    if not len(bad):
        return
    i = bad[0]
    if np.isin(got, (0.0, 1.0)).all():
        why = "every answer is 0 or 1: predict gives labels; use predict_proba(X)[0, 1]"
    elif np.allclose(got, 1 - expected, rtol=0, atol=TOLERANCE):
        why = "these are P(stay): predict_proba's column 0; churn is column 1"
    elif all(bodies[j]["tenure"] == 0 for j in bad):
        why = ("only new customers differ (tenure 0, TotalCharges 0): 0 is an amount, "
               "not a missing value")
    else:
        why = next((text for text, proba in mistakes(week, bodies).items()
                    if np.allclose(got[bad], proba[bad], rtol=0, atol=1e-6)),
                   "the pipeline saw other features than week 1's cleaning gives: check "
                   "to_frame (names, True/False answers, SeniorCitizen == 1, numbers)")
    failed = CheckFailed(f"{request}: churn_probability should be the pipeline's "
                         f"predict_proba for the customer ({len(bad)} of {len(got)} differ)",
                         expected=f"{float(expected[i])!r} (± {TOLERANCE:g}) for customer "
                         f"{bodies[i]['customerID']}", got=repr(float(got[i])))
    failed.lines += [*wrapped("Sent", shown(bodies[i])), f"{'Likely':<9} {why}"]
    raise failed


def expect_decisions(predictions: list[dict[str, Any]], bodies: list[dict[str, Any]],
                     threshold: float, request: str = "POST /predict") -> None:
    """will_churn is churn_probability >= the metadata's threshold, for every answer."""
    got = np.array([p["will_churn"] for p in predictions], dtype=bool)
    proba = np.array([float(p["churn_probability"]) for p in predictions])
    want = proba >= threshold
    bad = np.flatnonzero(got != want)
    if not len(bad):
        return
    i = bad[0]
    half = (got == (proba >= 0.5)).all()
    failed = CheckFailed(f"{request}: will_churn should be churn_probability >= the threshold "
                         f"in {R.METADATA_FILE} ({len(bad)} of {len(got)} differ)",
                         expected=f"will_churn {bool(want[i])} for customer "
                         f"{bodies[i]['customerID']}: P(churn) {proba[i]:.4f}, "
                         f"threshold {threshold}", got=f"will_churn {bool(got[i])}")
    failed.lines.append(f"{'Likely':<9} " + (
        "0.5 typed in the code: use model.threshold (metadata[\"threshold\"])" if half else
        "another threshold than the metadata's: use model.threshold"))
    raise failed


def refused_before_4_4(fault: LearnerFault) -> bool:
    """The request failed validation and reached 4.4's handler, still the starter's stub.

    FastAPI calls ``validation_error_handler`` only for a request its schema refused, so for a
    4.2 check this is a refusal; the stub's NotImplementedError is 4.4's "not started".
    """
    return fault.reason == Reason.NOT_STARTED and "validation_error_handler" in fault.evalue


def threshold_folder(week, threshold: float = THRESHOLD, name: str = "model_t031") -> str:
    return R.model_dir(week, name, threshold=threshold)


def judge_version(week) -> str:
    return R.model_version(R.judge_model(week)[1])


# --- the checks ---------------------------------------------------------------------------------


def answered(week) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """40 public customers through POST /predict, and GET /openapi.json; once per kernel."""
    bodies = public_bodies(week)
    folder = threshold_folder(week)

    def send():
        requests = [R.request("POST", "/predict", body) for body in bodies]
        return R.call_app(week, [*requests, R.request("GET", "/openapi.json")], folder=folder,
                          label=f"POST /predict for {len(bodies)} customers of "
                          f"{R.RAW}.csv (model threshold {THRESHOLD})", target="app.predict")

    answers = week.once("4.2 predict public customers", send)
    current.checking = (f"POST /predict for {len(bodies)} customers of {R.RAW}.csv "
                        f"(model threshold {THRESHOLD})")
    return answers[:-1], answers[-1]


def predictions(week) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    answers, _ = answered(week)
    bodies = public_bodies(week)
    return expect_answered(answers, bodies), bodies


@milestone("4.2")
def test_predict_answers_200_with_a_prediction(week):
    predictions(week)


@milestone("4.2")
def test_predict_gives_the_pipelines_probability(week):
    got, bodies = predictions(week)
    expect_probabilities(week, got, bodies, R.expected_for(week, bodies))


@milestone("4.2")
def test_will_churn_uses_the_threshold_in_the_metadata(week):
    got, bodies = predictions(week)
    expect_decisions(got, bodies, THRESHOLD)


@milestone("4.2")
def test_predict_reports_the_threshold_and_model_version(week):
    got, _ = predictions(week)
    expect_equal(got[0]["threshold"], THRESHOLD, what="threshold", rtol=0, atol=1e-12,
                 explain=f"{THRESHOLD}: the threshold in {R.METADATA_FILE} of the served model")
    version = judge_version(week)
    expect(got[0]["model_version"] == version, "model_version should be the first 12 hex "
           f"digits of the SHA-256 of the served {R.MODEL_FILE}", expected=repr(version),
           got=repr(got[0]["model_version"])[:80])


@milestone("4.2")
def test_predict_echoes_the_customerID(week):
    got, bodies = predictions(week)
    for prediction, body in zip(got, bodies, strict=True):
        expect(prediction["customerID"] == body["customerID"], "each answer should carry the "
               "customerID it was sent, so the caller can match answers to customers",
               expected=repr(body["customerID"]), got=repr(prediction["customerID"])[:80])


def resolve(schema: Any, components: dict[str, Any]) -> Any:
    """`schema` with a top-level ``$ref`` followed into ``components/schemas``."""
    while isinstance(schema, dict) and "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def levels(schema: Any, components: dict[str, Any]) -> list[Any]:
    """The values an enum (or const) in `schema` allows, through $ref/anyOf/oneOf/allOf."""
    schema = resolve(schema, components)
    if not isinstance(schema, dict):
        return []
    found = list(schema.get("enum", []))
    if "const" in schema:
        found.append(schema["const"])
    for key in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(key, []):
            found += levels(part, components)
    return found


def customer_schema(week) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(the request body's schema, its media entry, components) of POST /predict."""
    predictions(week)  # a /predict that answers first: a starter is "not started"
    _, answer = answered(week)
    current.checking = "GET /openapi.json: the request body of POST /predict"
    document = answer["json"]
    expect(answer["status"] == 200 and isinstance(document, dict),
           "GET /openapi.json should answer the OpenAPI document FastAPI writes",
           expected="200 and JSON", got=answer_problem(answer))
    components = document.get("components", {}).get("schemas", {})
    operation = document.get("paths", {}).get("/predict", {}).get("post", {})
    media = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = resolve(media.get("schema", {}), components)
    expect(isinstance(schema, dict) and "properties" in schema,
           "POST /predict's body should be documented as a Customer with its fields",
           expected="predict(customer: Customer, ...) with the fields in Customer",
           got=repr(schema)[:200])
    return schema, media, components


@milestone("4.2")
def test_openapi_schema_shows_an_example_customer_that_works(week):
    schema, media, _ = customer_schema(week)
    examples = schema.get("examples") or ([schema["example"]] if "example" in schema else [])
    if not examples:  # Body(openapi_examples=...) puts them next to the schema
        examples = [e.get("value") for e in (media.get("examples") or {}).values()]
        examples = examples or ([media["example"]] if "example" in media else [])
    expect(bool(examples) and isinstance(examples[0], dict),
           "/docs should show an example customer, so a caller can try the service at once",
           expected='model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_CUSTOMER]})',
           got=f"no example in the schema (keys: {', '.join(sorted(schema))})"[:200])
    example = examples[0]
    try:
        answer = R.call_app(week, [R.request("POST", "/predict", example)],
                            folder=threshold_folder(week), label="POST /predict with the "
                            "example of the OpenAPI schema", target="schemas.Customer")[0]
    except LearnerFault as fault:
        if not refused_before_4_4(fault):
            raise
        answer = {"status": 422, "exception": None, "text": "refused by validation (the "
                  "validation_error_handler of 4.4 is not written yet)"}
    if answer["status"] != 200:
        raise CheckFailed("the example customer in the schema should be accepted by "
                          "POST /predict", expected="200 and a Prediction",
                          got=answer_problem(answer), lines=wrapped("Example", shown(example)))


@milestone("4.2")
def test_customer_schema_lists_the_levels_of_each_text_field(week):
    schema, _, components = customer_schema(week)
    raw = week.data(R.RAW)
    text_fields = [f for f in R.FIELDS if f != "customerID" and f not in R.NUMBERS]
    properties = schema["properties"]
    absent = [f for f in text_fields if f not in properties]
    expect(not absent, "Customer should have every field of IBM's file, with IBM's names",
           expected=", ".join(text_fields)[:200], got=f"no {', '.join(absent)}")
    loose = [f for f in text_fields if not levels(properties[f], components)]
    expect(not loose, "each text field should list its allowed levels (an enum in the "
           "schema), so \"Weekly\" or \"yes\" is refused and /docs shows the choices",
           expected='Contract: Literal["Month-to-month", "One year", "Two year"], ...',
           got=f"any text accepted for {', '.join(loose)}")
    for field in text_fields:
        allowed = set(map(str, levels(properties[field], components)))
        missing = sorted(set(raw[field].str.strip()) - allowed)
        expect(not missing, f"the levels of {field} should include every level IBM's file "
               "uses", expected=f"{field} levels including {', '.join(map(repr, missing))}",
               got=f"{sorted(allowed)}"[:200])


@milestone("4.2")
def test_unknown_field_is_refused(week):
    body = public_bodies(week, 1)[0]
    sent = [{**body, "Tenure": 3}, {**body, "favourite_colour": "green"}]
    try:
        answers = R.call_app(week, [R.request("POST", "/predict", b) for b in sent],
                             folder=threshold_folder(week), label="POST /predict with an "
                             "extra field", target="schemas.Customer")
    except LearnerFault as fault:
        if refused_before_4_4(fault):
            return  # validation refused it; shaping the 422 is milestone 4.4's job
        raise
    for answer, extra in zip(answers, ('"Tenure": 3', '"favourite_colour": "green"'),
                             strict=True):
        current.checking = f"POST /predict with a valid customer plus {extra}"
        if answer["status"] == 200:
            raise CheckFailed("a field Customer does not have should be refused: a typo such as "
                              "\"Tenure\" must not be silently ignored",
                              expected="422 (model_config = ConfigDict(extra=\"forbid\"))",
                              got="200: the extra field was ignored")
        expect(answer["status"] == 422, "an unknown field is the caller's mistake: 422",
               expected="422", got=answer_problem(answer))
