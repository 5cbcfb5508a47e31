"""Hidden checks for 1.7: held-out customers, other columns, random tenures, nested timers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_equal, expect_type, milestone
from grader.week01.test_habits import (
    expect_count_and_percentage,
    messages,
    numbers_in,
    reference_churn_rate_by,
    reference_tenure_band,
    run_logged,
    summary,
    telco_records,
)

UNSEEN = "fails on unseen customers or other columns"


@milestone("1.7", category=UNSEEN)
def test_churn_rate_by_other_columns_on_holdout(week):
    raw = week.label(week.data("telco_churn_holdout"), "telco_churn_holdout")
    for column in ("PaymentMethod", "InternetService", "SeniorCitizen", "gender"):
        got = week.call("habits.churn_rate_by", raw, column)
        expect_type(got, dict, f"churn_rate_by(holdout, {column!r})")
        expected = reference_churn_rate_by(raw, column)
        expect(sorted(map(repr, got)) == sorted(map(repr, expected)),
               f"one entry per level of {column}, keyed by the level as text",
               expected=sorted(expected), got=sorted(map(repr, got)))
        for level, share in expected.items():
            expect_equal(float(got[level]), share, f"churn rate where {column} is {level!r}")


@milestone("1.7", category="fails on tenures it has not seen")
def test_tenure_band_random_tenures(week, seed):
    rng = np.random.default_rng(seed)
    tenure = np.concatenate([rng.integers(0, 120, size=300), [0, 12, 13, 24, 25, 48, 49]])
    ids = [f"{rng.integers(1000, 9999)}-{''.join(rng.choice(list('ABCDEFGHJK'), 5))}-{i}"
           for i in range(len(tenure))]
    table = pd.DataFrame({"tenure": tenure.astype("int64"), "Churn": "No"},
                         index=pd.Index(ids, name="customerID")).iloc[rng.permutation(len(ids))]
    got = week.call("habits.tenure_band", week.label(table, "random tenures, shuffled ids"))
    expect_type(got, pd.Series, "tenure_band(table)")
    expect_equal(got.rename("tenure_band"), reference_tenure_band(table["tenure"]),
                 "tenure bands of random tenures")


NESTED_BODY = """\
    with habits.timed("outer"):
        time.sleep(0.05)
        with habits.timed("inner"):
            time.sleep(0.1)
    result = None"""


@milestone("1.7", category="fails when timed blocks are nested")
def test_timed_nested_blocks(week):
    week.call("habits.timed", "outer")
    captured = run_logged(week, NESTED_BODY, label="timed('inner') inside timed('outer')")
    expect(captured["error"] is None, "nested timed blocks raised",
           expected="no exception", got=captured["error"])
    info = telco_records(captured["logs"], "INFO")
    steps = [next((r for r in info if step in r["message"]), None) for step in ("inner", "outer")]
    expect(all(steps), "each nested block logs its own INFO record",
           expected="one record for 'inner', one for 'outer'", got=messages(info))
    inner, outer = (max(numbers_in(r["message"]) or [-1.0]) for r in steps)
    expect(0.08 <= inner <= 5 and 0.13 <= outer <= 5 and inner <= outer,
           "inner took about 0.1 s and outer about 0.15 s (it contains inner)",
           expected="inner ≈ 0.1 s, outer ≈ 0.15 s", got=messages(info))
    expect(info.index(steps[0]) < info.index(steps[1]), "the inner block ends first, so it is "
           "logged first", expected="inner, then outer", got=messages(info))


@milestone("1.7", category=UNSEEN)
def test_log_summary_on_holdout(week):
    captured = summary(week, "INFO", name="telco_churn_holdout")
    expect_count_and_percentage(captured, week.data("telco_churn_holdout"))
