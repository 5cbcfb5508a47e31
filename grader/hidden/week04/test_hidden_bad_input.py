"""Hidden checks for 4.4: bad values the public checks never send, each refused by name.

Customers are held-out rows; which field is broken, how, and where in a batch is drawn with
the grading seed. A service that refuses exactly the public examples (an ``if`` for
``"Weekly"``) cannot pass; one whose schema states every rule does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week04 import ref_serve as R
from grader.week04.test_bad_input import FIX, batch, expect_refused, fields, predict, send

UNSEEN = "fails on inputs you have not seen"
#: The text fields and the levels IBM's file uses.
LEVELS = {
    "gender": ["Female", "Male"], "Partner": ["Yes", "No"], "Dependents": ["Yes", "No"],
    "PhoneService": ["Yes", "No"], "MultipleLines": ["Yes", "No", "No phone service"],
    "InternetService": ["DSL", "Fiber optic", "No"],
    **{f: ["Yes", "No", "No internet service"] for f in (
        "OnlineSecurity", "OnlineBackup", "DeviceProtection", "TechSupport", "StreamingTV",
        "StreamingMovies")},
    "Contract": ["Month-to-month", "One year", "Two year"], "PaperlessBilling": ["Yes", "No"],
    "PaymentMethod": ["Electronic check", "Mailed check", "Bank transfer (automatic)",
                      "Credit card (automatic)"],
}  # fmt: skip
#: Near misses a person typing by hand produces, per field, besides a change of case.
NEAR_MISSES = {"InternetService": ["Fiber", "Cable"], "Contract": ["Monthly", "1 year"],
               "PaymentMethod": ["Credit card", "Cash"], "MultipleLines": ["No phone"],
               "gender": ["F"], "OnlineSecurity": ["No internet"]}
REQUIRED = [f for f in R.FIELDS if f != "customerID"]


def customers(week: Any, rng: np.random.Generator, n: int = 1) -> list[dict[str, Any]]:
    """`n` held-out customers drawn with the seed."""
    table = week.data(R.HOLDOUT_RAW)
    rows = rng.choice(len(table), size=n, replace=False)
    return R.payloads(table.iloc[rows])


def near_miss(rng: np.random.Generator, field: str, value: str) -> str:
    """A value a hand-typed request could carry instead of `value`: "yes", "DSL" -> "dsl"."""
    options = [v for v in (value.lower(), value.upper(), *NEAR_MISSES.get(field, []))
               if v not in LEVELS[field]]
    return str(rng.choice(options))


@milestone("4.4", category=UNSEEN)
def test_other_wrong_levels_are_a_422_naming_the_field(week, seed):
    rng = np.random.default_rng(seed)
    [body] = customers(week, rng)
    yes_no = [f for f, levels in LEVELS.items() if levels == ["Yes", "No"]]
    others = rng.choice(sorted(set(LEVELS) - set(yes_no)), 2, replace=False)
    picked = [str(rng.choice(yes_no)), *map(str, others)]
    cases = [(f, body[f].lower() if i == 0 else near_miss(rng, f, body[f]))
             for i, f in enumerate(picked)]
    answers = send(week, "POST /predict with a mistyped level",
                   [predict({**body, f: v}) for f, v in cases])
    for (field, value), answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with {field} = {value!r}", field, FIX["level"])


@milestone("4.4", category=UNSEEN)
def test_senior_citizen_other_than_0_or_1_is_a_422(week, seed):
    rng = np.random.default_rng(seed)
    [body] = customers(week, rng)
    cases = [2, int(rng.integers(3, 10)), -1]
    answers = send(week, "POST /predict with SeniorCitizen outside 0/1",
                   [predict({**body, "SeniorCitizen": v}) for v in cases])
    for value, answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with SeniorCitizen = {value}", "SeniorCitizen",
                       "SeniorCitizen: Literal[0, 1]")


@milestone("4.4", category=UNSEEN)
def test_negative_charges_are_a_422(week, seed):
    rng = np.random.default_rng(seed)
    [body] = customers(week, rng)
    cases = [("TotalCharges", -1), ("MonthlyCharges", -round(float(rng.uniform(0.5, 99)), 2))]
    answers = send(week, "POST /predict with a negative charge",
                   [predict({**body, f: v}) for f, v in cases])
    for (field, value), answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with {field} = {value}", field,
                       "Field(ge=0, allow_inf_nan=False) on both charges")


@milestone("4.4", category=UNSEEN)
def test_fractional_tenure_is_a_422(week, seed):
    rng = np.random.default_rng(seed)
    [body] = customers(week, rng)
    value = int(rng.integers(1, 60)) + 0.5
    sent = f"POST /predict with tenure = {value}"
    [answer] = send(week, sent, [predict({**body, "tenure": value})])
    expect_refused(answer, sent, "tenure", "tenure is whole months: tenure: int = Field(ge=0)")


@milestone("4.4", category=UNSEEN)
def test_missing_or_null_field_is_a_422_naming_it(week, seed):
    rng = np.random.default_rng(seed)
    [body] = customers(week, rng)
    dropped, nulled = (str(f) for f in rng.choice(REQUIRED, 2, replace=False))
    answers = send(week, "POST /predict with a field missing or null",
                   [predict({k: v for k, v in body.items() if k != dropped}),
                    predict({**body, nulled: None})])
    expect_refused(answers[0], f"POST /predict without {dropped}", dropped, FIX["missing"])
    expect_refused(answers[1], f"POST /predict with {nulled}: null", nulled,
                   f"{nulled} is required: no Optional, no default")


@milestone("4.4", category=UNSEEN)
def test_body_that_is_not_a_customer_object_is_a_422(week, seed):
    rng = np.random.default_rng(seed)
    [body] = customers(week, rng)
    cases = [("a JSON list holding the customer", predict([body])),
             ("a JSON string", predict(str(body["customerID"]))),
             ("a JSON number", predict(raw=str(int(rng.integers(1, 1000)))))]
    answers = send(week, "POST /predict with a body that is not an object",
                   [request for _, request in cases])
    for (shown, _), answer in zip(cases, answers, strict=True):
        expect_refused(answer, f"POST /predict with {shown} as the body", "body",
                       "the whole body is the problem: its field is \"body\"")


@milestone("4.4", category=UNSEEN)
def test_bad_customer_in_a_batch_names_its_position(week, seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 13))
    many = customers(week, rng, n)
    position = int(rng.integers(1, n))
    field, value, fix = [("tenure", -3, FIX["bound"]), ("Contract", "Weekly", FIX["level"]),
                         ("MonthlyCharges", "a lot", FIX["type"]),
                         ("SeniorCitizen", 2, "SeniorCitizen: Literal[0, 1]")][int(rng.integers(4))]
    many[position] = {**many[position], field: value}
    sent = (f"POST /predict/batch with {n} customers, customers[{position}] with "
            f"{field} = {value!r}")
    [answer] = send(week, sent, [batch(many)])
    expect_refused(answer, sent, field, fix)
    path = f"customers.{position}.{field}"
    expect(any(str(position) in f.split(".") and f.split(".")[-1] == field
               for f in fields(answer)),
           "the field of a batch error should say which customer: its position in the list",
           expected=f"{path!r} (the error's loc without 'body', joined with '.')",
           got=f"fields {fields(answer)}")
