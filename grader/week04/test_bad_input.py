"""Milestone 4.4: bad input gets a clear 422 naming the field, never a 500.

Each check sends a few broken requests to ``create_app(judge's model folder)`` through FastAPI's
TestClient in the sandbox (`ref_serve.call_app`) and reads the answers as data. A request the
app lets an exception escape from comes back as a 500 with the exception and the learner's
line, and the message shows both. The customers are real rows of IBM's public file.
"""

from __future__ import annotations

import json
from typing import Any

from grader.engine.checks import CheckFailed, expect, milestone
from grader.week04 import ref_serve as R

TARGET = "app.validation_error_handler"
SHAPE = '{"detail": "...", "errors": [{"field": "tenure", "message": "..."}]}'
#: What to fix, per kind of broken value: the schema rule that refuses it.
FIX = {
    "missing": "every field is required: declare it without a default (tenure: int)",
    "type": "declare the field's type (tenure: int, MonthlyCharges: float): pydantic then "
            "refuses text",
    "level": "list the levels: Contract: Literal[\"Month-to-month\", \"One year\", "
             "\"Two year\"]",
    "finite": "refuse NaN and infinity: Field(ge=0, allow_inf_nan=False)",
    "bound": "bound the number: tenure: int = Field(ge=0, le=1200)",
    "batch": "bound the list: customers: list[Customer] = Field(min_length=1, "
             "max_length=MAX_BATCH)",
    "json": "FastAPI answers broken JSON with a RequestValidationError of type json_invalid: "
            "its field is \"body\"",
}


# --- sending ------------------------------------------------------------------------------------


def customer(week: Any, row: int = 0) -> dict[str, Any]:
    """A real customer of IBM's public file, as the product team sends it."""
    return R.payload(week.data(R.RAW).iloc[row].to_dict())


def send(week: Any, label: str, requests: list[list[Any]]) -> list[dict[str, Any]]:
    """Answers of ``create_app(judge's model)`` to `requests` (one app, one lifespan)."""
    return R.call_app(week, requests, folder=R.model_dir(week), label=label, target=TARGET)


def predict(body: Any = None, raw: str | None = None) -> list[Any]:
    return R.request("POST", "/predict", body, raw)


def batch(customers: list[dict[str, Any]]) -> list[Any]:
    return R.request("POST", "/predict/batch", {"customers": customers})


def raw_json(body: dict[str, Any]) -> str:
    """`body` as JSON text, NaN and Infinity written as Python's json writes them."""
    return json.dumps(body, allow_nan=True)


# --- judging one answer -------------------------------------------------------------------------


def shape_problem(answer: dict[str, Any]) -> str | None:
    """What is wrong with a 422 body's shape, or None when it is the documented one."""
    body = answer["json"]
    if not isinstance(body, dict):
        return f"not a JSON object: {answer['text'][:150]}"
    errors = body.get("errors")
    if "errors" not in body and isinstance(body.get("detail"), list):
        return ("FastAPI's default {\"detail\": [...]}: validation_error_handler is not "
                "registered (app.add_exception_handler(RequestValidationError, ...))")
    if not isinstance(errors, list) or not errors:
        return f"no non-empty \"errors\" list: {answer['text'][:150]}"
    if not body.get("detail"):
        return "no \"detail\": say in a sentence what is wrong (\"2 problems in the request\")"
    for error in errors:
        if not (isinstance(error, dict) and isinstance(error.get("field"), str)
                and isinstance(error.get("message"), str)):
            return f"each error should be {{\"field\": str, \"message\": str}}, got {error!r}"[:200]
    return None


def names(field: str, wanted: str) -> bool:
    """Does errors[].field `field` name `wanted` ("tenure", "customers.3.tenure", "body")?"""
    if wanted == "body":
        return field == "body" or field.startswith("body.")
    return field == wanted or field.endswith("." + wanted)


def fields(answer: dict[str, Any]) -> list[str]:
    return [str(error.get("field")) for error in answer["json"]["errors"]]


def expect_refused(answer: dict[str, Any], sent: str, field: str, fix: str,
                   statuses: tuple[int, ...] = (422,)) -> None:
    """`answer` is a 422 (or one of `statuses`) in the documented shape naming `field`."""
    want = " or ".join(map(str, statuses))
    expected = f"{want} naming {field!r} in errors[].field"
    if answer["exception"]:
        json_nan = "JSON compliant" in answer["exception"]
        failed = CheckFailed(f"{sent} should get a {want}, never a 500", expected=expected,
                             got=f"500: {answer['exception'][:160]}\nat {answer['at']}")
        failed.lines.append("Tip       " + (
            "the NaN went into the JSON answer: build errors from loc and msg only, never "
            "error[\"input\"]" if json_nan else f"the bad value reached your code: {fix}"))
        raise failed
    if answer["status"] not in statuses:
        got = f"{answer['status']}: {answer['text'][:200]}"
        if answer["status"] == 200:
            failed = CheckFailed(f"{sent} should be refused, but it was accepted",
                                 expected=expected, got=got)
            failed.lines.append(f"Tip       the schema lets it through: {fix}")
        else:
            failed = CheckFailed(f"{sent} should get a {want}", expected=expected, got=got)
            if answer["status"] >= 500:
                failed.lines.append(f"Tip       the bad value reached your code: {fix}")
            elif answer["status"] != 404:
                failed.lines.append("Tip       a request that fails validation is a 422: "
                                    "JSONResponse(status_code=422, ...)")
        raise failed
    if answer["status"] != 422:
        return  # 413 for an oversized batch: refused before validation, any body
    problem = shape_problem(answer)
    expect(problem is None, f"the 422 for {sent} should have the documented body",
           expected=SHAPE, got=problem)
    expect(any(names(f, field) for f in fields(answer)),
           f"the 422 for {sent} should say which field to fix", expected=expected,
           got=f"fields {fields(answer)}: {answer['text'][:150]}")


# --- checks -------------------------------------------------------------------------------------


@milestone("4.4")
def test_missing_field_is_a_422_naming_it(week):
    body = {k: v for k, v in customer(week).items() if k != "tenure"}
    sent = "POST /predict without tenure"
    [answer] = send(week, sent, [predict(body)])
    expect_refused(answer, sent, "tenure", FIX["missing"])


@milestone("4.4")
def test_wrong_type_is_a_422_naming_the_field(week):
    body = customer(week)
    cases = [("tenure", "twelve"), ("MonthlyCharges", "a lot")]
    answers = send(week, "POST /predict with a word for a number",
                   [predict({**body, k: v}) for k, v in cases])
    for (key, value), answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with {key} = {value!r}", key, FIX["type"])


@milestone("4.4")
def test_unknown_level_is_a_422_naming_the_field(week):
    body = customer(week)
    cases = [("Contract", "Weekly"), ("PaymentMethod", "Bitcoin")]
    answers = send(week, "POST /predict with an unknown level",
                   [predict({**body, k: v}) for k, v in cases])
    for (key, value), answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with {key} = {value!r}", key, FIX["level"])


@milestone("4.4")
def test_nan_and_infinity_are_a_422_not_a_500(week):
    body = customer(week)
    cases = [("MonthlyCharges", "NaN", float("nan")), ("TotalCharges", "Infinity", float("inf")),
             ("MonthlyCharges", "-Infinity", float("-inf"))]
    answers = send(week, "POST /predict with NaN or Infinity in a charge",
                   [predict(raw=raw_json({**body, k: v})) for k, _, v in cases])
    for (key, shown, _), answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with {key}: {shown} (raw JSON)", key,
                       FIX["finite"])


@milestone("4.4")
def test_tenure_out_of_range_is_a_422_naming_it(week):
    cases = [-1, 10**20]  # a typo, and a number no int64 column holds (a 500 in to_frame)
    answers = send(week, "POST /predict with tenure out of range",
                   [predict({**customer(week), "tenure": value}) for value in cases])
    for value, answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with tenure = {value}", "tenure", FIX["bound"])


@milestone("4.4")
def test_empty_batch_is_a_422(week):
    sent = 'POST /predict/batch with {"customers": []}'
    [answer] = send(week, sent, [batch([])])
    expect_refused(answer, sent, "customers", FIX["batch"])


@milestone("4.4")
def test_oversized_batch_is_refused(week):
    sent = "POST /predict/batch with 1,001 customers"
    many = R.payloads(week.data(R.RAW).head(1001))
    [answer] = send(week, sent, [batch(many)])
    expect_refused(answer, sent, "customers", FIX["batch"], statuses=(422, 413))


@milestone("4.4")
def test_broken_json_is_a_422_on_the_body(week):
    text = raw_json(customer(week))
    sent = "POST /predict with half a JSON document"
    [answer] = send(week, sent, [predict(raw=text[:len(text) // 2])])
    expect_refused(answer, sent, "body", FIX["json"])


@milestone("4.4")
def test_every_422_has_detail_and_a_list_of_field_errors(week):
    body = customer(week)
    cases = [("POST /predict with tenure = -1 and Contract = 'Weekly'",
              predict({**body, "tenure": -1, "Contract": "Weekly"})),
             ("POST /predict with half a JSON document", predict(raw=raw_json(body)[:40])),
             ('POST /predict/batch with {"customers": []}', batch([]))]
    answers = send(week, "POST /predict and /predict/batch with bad input",
                   [request for _, request in cases])
    for (sent, _), answer in zip(cases, answers, strict=True):
        expect(answer["status"] == 422, f"{sent} should get a 422", expected=f"422 {SHAPE}",
               got=f"{answer['status']}: " + (f"{answer['exception']} at {answer['at']}"
                                              if answer["exception"] else answer["text"][:200]))
        problem = shape_problem(answer)
        expect(problem is None, f"the 422 for {sent} should have the documented body",
               expected=SHAPE, got=problem)
    both = fields(answers[0])
    expect(any(names(f, "tenure") for f in both) and any(names(f, "Contract") for f in both),
           "a request with two bad fields should get one error per field",
           expected="errors naming 'tenure' and 'Contract'", got=f"fields {both}")


@milestone("4.4")
def test_bad_customer_in_a_batch_is_a_422_naming_the_field(week):
    customers = R.payloads(week.data(R.RAW).head(5))
    customers[3] = {**customers[3], "tenure": -1}
    sent = "POST /predict/batch with 5 customers, the 4th (index 3) with tenure = -1"
    [answer] = send(week, sent, [batch(customers)])
    expect_refused(answer, sent, "tenure", FIX["bound"])
