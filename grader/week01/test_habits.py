"""Milestone 1.7: Python habits: a dict comprehension, apply, a timer that survives errors, logs.

The context manager and the logging run inside the sandbox through check-written snippets
(``week.run_snippet(..., capture=True)``): they enter ``with habits.timed(...)`` and collect
the log records and printed text. Each snippet first sets the ``"telco"`` logger's level (and
restores it after), as whoever runs the pipeline would.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import expect, expect_equal, expect_type, milestone
from grader.week01 import reference

# -- judge-side references -------------------------------------------------------------------


def reference_churn_rate_by(raw_text: pd.DataFrame, column: str) -> dict[str, float]:
    """Share of "Yes" in Churn per level of `column`, levels as text."""
    shares = (raw_text["Churn"] == "Yes").groupby(raw_text[column]).mean()
    return {str(level): float(share) for level, share in shares.items()}


BANDS = ["0-12", "13-24", "25-48", "49+"]


def reference_tenure_band(tenure: pd.Series) -> pd.Series:
    """0-12, 13-24, 25-48, 49+ (upper bounds included), indexed like `tenure`."""
    months = tenure.astype("int64").to_numpy()
    which = np.searchsorted([12, 24, 48], months, side="left")  # 12 -> 0, 13 -> 1, 49 -> 3
    return pd.Series(np.array(BANDS, dtype=object)[which], index=tenure.index,
                     name="tenure_band")


# -- helpers ---------------------------------------------------------------------------------

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def numbers_in(message: str) -> list[float]:
    return [float(n) for n in NUMBER.findall(message)]


def telco_records(logs: list[dict[str, Any]], *levels: str) -> list[dict[str, Any]]:
    """Records on logger "telco" or a child of it ("telco.clean"), at one of `levels`."""
    return [r for r in logs if (r["logger"] == "telco" or r["logger"].startswith("telco."))
            and (not levels or r["level"] in levels)]


def where_else(captured: dict[str, Any]) -> str:
    """What the learner's code did instead of logging on "telco": printed, or another logger."""
    if captured["stdout"].strip():
        return f"printed {captured['stdout'].strip().splitlines()[0]!r} (print, not logging)"
    others = [f"{r['level']} on logger {r['logger']!r}: {r['message']!r}"
              for r in captured["logs"] if r not in telco_records(captured["logs"])]
    return others[0] if others else "no log record and no output"


def messages(records: list[dict[str, Any]]) -> str:
    return "\n".join(f"{r['level']}: {r['message']}" for r in records[:4]) or "(none)"


LOGGING_SNIPPET = """
import logging
import time
import habits

telco, root = logging.getLogger("telco"), logging.getLogger()
saved = telco.level, root.level
telco.setLevel(level)
root.setLevel(logging.INFO)  # INFO records on other loggers are seen too, to say where they went
try:
%s
finally:
    telco.setLevel(saved[0])
    root.setLevel(saved[1])
"""


def run_logged(week: Any, body: str, *, level: str = "INFO", label: str,
               **inputs: Any) -> dict[str, Any]:
    """Run `body` (indented code using `habits`) with "telco" at `level`; records and stdout."""
    return week.run_snippet(LOGGING_SNIPPET % body, capture=True, label=label, level=level,
                            **inputs)


def expect_no_error(captured: dict[str, Any], doing: str) -> None:
    error = captured["error"]
    expect(error is None, f"{doing} raised {error and error['type']}",
           expected="no exception", got=error and f"{error['type']}: {error['message']}")


# -- churn_rate_by ---------------------------------------------------------------------------


def churn_by_contract(week: Any) -> tuple[dict[str, float], dict[Any, Any]]:
    raw = week.label(week.data("telco_churn_raw"), "telco_churn_raw")
    got = week.once("churn_rate_by(telco_churn_raw, 'Contract')",
                    lambda: week.call("habits.churn_rate_by", raw, "Contract"))
    expect_type(got, dict, "churn_rate_by(raw, 'Contract')")
    return reference_churn_rate_by(raw, "Contract"), got


@milestone("1.7")
def test_churn_rate_by_has_one_python_float_per_level(week):
    expected, got = churn_by_contract(week)
    expect(sorted(map(repr, got)) == sorted(map(repr, expected)),
           "one entry per contract level, keyed by the level as text",
           expected=sorted(expected), got=sorted(map(repr, got)))
    wrong = {level: f"{type(v).__module__}.{type(v).__name__}".removeprefix("builtins.")
             for level, v in got.items() if type(v) is not float}
    expect(not wrong, "the values should be Python floats (float(...)): a numpy.float64 shows "
           "as np.float64(0.43) in every printed dict and report",
           expected="float for every level", got=f"{wrong}")


@milestone("1.7")
def test_churn_rate_by_values_are_shares(week):
    expected, got = churn_by_contract(week)
    shares = all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in got.values())
    expect(shares, "churn rates are shares between 0 and 1 (churners / customers in the "
           "group), not percentages or counts",
           expected={k: round(v, 4) for k, v in expected.items()},
           got={k: v for k, v in got.items()})
    for level, share in expected.items():
        expect_equal(float(got[level]), share, f"churn rate of {level!r} customers", rtol=1e-9)


# -- tenure_band -----------------------------------------------------------------------------

BOUNDARIES = [0, 1, 12, 13, 24, 25, 48, 49, 72]


@milestone("1.7")
def test_tenure_band_at_the_boundaries(week):
    table = pd.DataFrame({"tenure": np.array(BOUNDARIES, dtype="int64")},
                         index=pd.Index([f"tenure={t}" for t in BOUNDARIES], name="customerID"))
    label = f"a table with tenure {', '.join(map(str, BOUNDARIES))}"
    got = week.call("habits.tenure_band", week.label(table, label))
    expect_type(got, pd.Series, "tenure_band(table)")
    expect_equal(got.rename("tenure_band"), reference_tenure_band(table["tenure"]),
                 "tenure bands at the boundaries",
                 explain="0-12 up to 12 months (included), 13-24, 25-48, then 49+")


@milestone("1.7")
def test_tenure_band_on_the_data(week):
    raw = week.data("telco_churn_raw")
    table = week.label(reference.indexed(raw), "telco_churn_raw (tenure as int)")
    got = week.call("habits.tenure_band", table)
    expect_type(got, pd.Series, "tenure_band(raw)")
    expect(got.name == "tenure_band", "name the Series 'tenure_band' (Series.rename)",
           expected="name 'tenure_band'", got=f"name {got.name!r}")
    expect_equal(got, reference_tenure_band(table["tenure"]), "tenure_band(raw)")


# -- timed -----------------------------------------------------------------------------------

TIMED_BODY = """\
    with habits.timed("load"):
        time.sleep(0.2)
    result = None"""

TIMED_RAISES_BODY = """\
    outcome = "nothing came out of the with block"
    try:
        with habits.timed("fail"):
            raise KeyError("x")
    except KeyError as exc:
        outcome = "KeyError('x')" if exc.args == ("x",) else f"KeyError{exc.args}"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    result = outcome"""


@milestone("1.7")
def test_timed_logs_step_and_seconds_at_info(week):
    week.call("habits.timed", "load")  # a starter or a broken signature shows here
    captured = run_logged(week, TIMED_BODY, label="with timed('load'): time.sleep(0.2)")
    expect_no_error(captured, "with timed('load'): ...")
    info = [r for r in telco_records(captured["logs"], "INFO") if "load" in r["message"]]
    expect(bool(info), "timed('load') should log one INFO record on logger 'telco' naming "
           "the step", expected="e.g. INFO on 'telco': 'load took 0.200 s'",
           got=where_else(captured))
    seconds = [n for r in info for n in numbers_in(r["message"])]
    expect(any(0.15 <= n <= 5 for n in seconds),
           "the record should give the elapsed wall-clock time in seconds "
           "(time.perf_counter() before and after)",
           expected="a number near 0.2: the block slept 0.2 s", got=messages(info))


@milestone("1.7")
def test_timed_logs_when_the_step_raises(week):
    week.call("habits.timed", "fail")
    captured = run_logged(week, TIMED_RAISES_BODY,
                          label="with timed('fail'): raise KeyError('x')")
    expect_no_error(captured, "with timed('fail'): raise KeyError('x')")
    expect(captured["result"] == "KeyError('x')",
           "the step's exception should come out of `with timed(...)` unchanged",
           expected="KeyError('x')", got=captured["result"])
    logged = [r for r in telco_records(captured["logs"], "INFO", "WARNING", "ERROR", "CRITICAL")
              if "fail" in r["message"] and numbers_in(r["message"])]
    expect(bool(logged), "when the step raised, timed('fail') logged no time: log in a "
           "`finally:` block so it runs on the way out of an exception too",
           expected="an INFO record on 'telco' like 'fail took 0.000 s'",
           got=messages(telco_records(captured["logs"])) if captured["logs"]
           else where_else(captured))


# -- log_summary -----------------------------------------------------------------------------

SUMMARY_BODY = """\
    habits.log_summary(df)
    result = None"""


def summary(week: Any, level: str, name: str = "telco_churn_raw") -> dict[str, Any]:
    """log_summary's records and output at `level`, once per level per kernel."""
    raw = week.label(week.data(name), name)
    week.once(f"log_summary({name})", lambda: week.call("habits.log_summary", raw))

    def run() -> dict[str, Any]:
        return run_logged(week, SUMMARY_BODY, level=level, df=raw,
                          label=f"log_summary({name}) with logger 'telco' at {level}")

    captured = week.once(f"log_summary({name}) at {level}", run)
    expect_no_error(captured, f"log_summary({name})")
    return captured


def expect_count_and_percentage(captured: dict[str, Any], raw: pd.DataFrame) -> None:
    n, rate = len(raw), 100 * float((raw["Churn"] == "Yes").mean())
    info = telco_records(captured["logs"], "INFO")
    expect(bool(info), "log_summary should log at INFO on logger 'telco'",
           expected=f"e.g. INFO: '{n} customers, {rate:.1f}% churned'", got=where_else(captured))
    text = "\n".join(r["message"] for r in info)
    expect(any(f in text for f in (str(n), f"{n:,}", f"{n:_}")),
           "the INFO record should give the number of customers",
           expected=f"{n} (or {n:,}) in the message", got=messages(info))
    percents = [float(p) for p in PERCENT.findall(text)]
    expect(any(abs(p - rate) <= 0.51 for p in percents),
           "the INFO record should give the churn rate as a percentage",
           expected=f"{rate:.1f}% (any rounding, with a % sign)", got=messages(info))


@milestone("1.7")
def test_log_summary_logs_count_and_churn_percentage_at_info(week):
    captured = summary(week, "INFO")
    expect_count_and_percentage(captured, week.data("telco_churn_raw"))


@milestone("1.7")
def test_log_summary_prints_nothing(week):
    captured = summary(week, "INFO")
    out = captured["stdout"].strip()
    expect(not out, "log_summary printed: on a server nobody reads stdout, and print cannot "
           "be turned up or down. Use the 'telco' logger", expected="no printed output",
           got=out.splitlines()[0] if out else "")


@milestone("1.7")
def test_log_summary_debug_detail_only_at_debug_level(week):
    contracts = sorted(set(week.data("telco_churn_raw")["Contract"]))
    debug = telco_records(summary(week, "DEBUG")["logs"], "DEBUG")
    text = "\n".join(r["message"] for r in debug)
    missing = [c for c in contracts if c not in text]
    expect(bool(debug) and not missing,
           "with logger 'telco' at DEBUG, log_summary should log the churn rate per contract "
           "at DEBUG", expected=f"DEBUG record(s) naming {', '.join(contracts)}",
           got=messages(debug) if debug else "no DEBUG record on 'telco'")
    at_info = telco_records(summary(week, "INFO")["logs"], "DEBUG")
    expect(not at_info, "with logger 'telco' at INFO, no DEBUG record should come out: "
           "leave the level to whoever runs the code (no setLevel or basicConfig inside)",
           expected="no DEBUG records", got=messages(at_info))
