"""Milestone 1.5: validate the cleaned table; one error lists every broken rule.

The tables are cleaned here, by the judge, so these checks do not depend on 1.1 or 1.4.
"""

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week01 import reference

#: Calls the learner's validate in the kernel; a ValueError comes back as data, anything
#: else (NotImplementedError, KeyError, ...) is the learner's fault and is reported as such.
CALL_VALIDATE = """
import validate
before = df.copy()
try:
    returned = validate.validate(df)
except ValueError as exc:
    result = {"raised": type(exc).__name__, "message": str(exc),
              "validation_error": isinstance(exc, getattr(validate, "ValidationError", ())),
              "changed": not df.equals(before)}
else:
    result = {"raised": None, "same": returned is df, "returned": type(returned).__name__,
              "changed": not df.equals(before)}
"""


def run_validate(week, df, label):
    """validate(df) in the kernel: what it raised or returned, as a dict."""
    return week.run_snippet(CALL_VALIDATE, label=f"validate({label})", df=df)


def cleaned(week, name="telco_churn_raw"):
    """A valid cleaned table, made by the judge's own cleaning."""
    return week.once(f"reference.clean({name})", lambda: reference.clean(week.data(name)))


def expect_rejected(outcome, columns, what):
    """validate raised one ValidationError whose message names every column in `columns`."""
    expect(outcome["raised"] is not None, f"validate should reject a table with {what}",
           expected=f"ValidationError naming {', '.join(columns)}",
           got="no error: validate returned the table")
    expect(outcome["validation_error"], "raise your ValidationError (a ValueError subclass)",
           expected="ValidationError", got=f"{outcome['raised']}: {_short(outcome['message'])}")
    missing = [column for column in columns if column not in outcome["message"]]
    expect(not missing, f"the error should name each broken column ({what})",
           expected=f"a message naming {', '.join(columns)}",
           got=f"nothing about {', '.join(missing)} in: {_short(outcome['message'])}")


def _short(message, lines=4):
    shown = message.strip().splitlines()
    text = "\n".join(line[:110] for line in shown[:lines])
    return text + (f"\n... ({len(shown) - lines} more lines)" if len(shown) > lines else "")


def _rows(table, n):
    """The first n customer ids of `table`."""
    return table.index[:n]


def expect_validation_error_class(week):
    """validate.py's exception is given in the starter: checked with the learner's own work."""
    found = week.run_snippet(
        "import validate\ncls = getattr(validate, 'ValidationError', None)\n"
        "result = [isinstance(cls, type), isinstance(cls, type) and issubclass(cls, ValueError)]",
        label="validate.ValidationError")
    expect(found[0], "validate.py should define the exception class ValidationError",
           expected="class ValidationError(ValueError)", got="no class named ValidationError")
    expect(found[1], "ValidationError should subclass ValueError (a table with bad values)",
           expected="class ValidationError(ValueError)", got="a class that is not a ValueError")


@milestone("1.5")
def test_valid_table_is_returned_unchanged(week):
    outcome = run_validate(week, cleaned(week), "the cleaned telco_churn_raw")
    expect(outcome["raised"] is None, "validate should accept a valid cleaned table",
           expected="the table itself, returned", got=f"{outcome['raised']}: "
           f"{_short(outcome.get('message', ''))}")
    expect(not outcome["changed"], "validate should look at the table, never change it",
           expected="the table unchanged", got="a table with different values or dtypes")
    returned = "None" if outcome["returned"] == "NoneType" else f"another {outcome['returned']}"
    expect(outcome["same"], "return the table you were given (`return df`), so calls chain",
           expected="the same DataFrame object (validate(df) is df)",
           got=f"{returned} (a copy? a forgotten return?)")


@milestone("1.5")
def test_negative_tenure_is_rejected(week):
    table = cleaned(week).copy()
    table.loc[_rows(table, 2), "tenure"] = [-1, -12]
    outcome = run_validate(week, table, "table with 2 negative tenures")
    expect_rejected(outcome, ["tenure"], "2 negative tenures")


@milestone("1.5")
def test_unknown_contract_is_rejected(week):
    table = reference.as_text(cleaned(week), "contract")
    table.loc[_rows(table, 3), "contract"] = "Three year"
    table["contract"] = table["contract"].astype("category")
    outcome = run_validate(week, table, "table with contract 'Three year'")
    expect_rejected(outcome, ["contract"], "an unknown contract, 'Three year'")


@milestone("1.5")
def test_missing_total_charges_is_rejected(week):
    table = cleaned(week).copy()
    table.loc[_rows(table, 2), "total_charges"] = np.nan
    outcome = run_validate(week, table, "table with 2 NaN total_charges")
    expect_rejected(outcome, ["total_charges"], "NaN in total_charges")


@milestone("1.5")
def test_missing_column_is_rejected(week):
    table = cleaned(week).drop(columns="payment_method")
    outcome = run_validate(week, table, "table without payment_method")
    expect_rejected(outcome, ["payment_method"], "no payment_method column")


@milestone("1.5")
def test_wrong_dtype_is_rejected(week):
    table = cleaned(week).astype({"senior_citizen": "int64"})
    outcome = run_validate(week, table, "table with senior_citizen as 0/1 int64")
    expect_rejected(outcome, ["senior_citizen"], "senior_citizen as int64 0/1, not bool")


@milestone("1.5")
def test_three_problems_in_one_error(week):
    """A validator that stops at the first broken rule makes you run it three times."""
    expect_validation_error_class(week)
    table = reference.as_text(cleaned(week), "contract")
    table.loc[_rows(table, 1), "tenure"] = -3
    table.loc[table.index[10:12], "contract"] = "Three year"
    table.loc[table.index[20:23], "total_charges"] = np.nan
    table["contract"] = table["contract"].astype("category")
    outcome = run_validate(week, table, "table with 3 problems: tenure, contract, total_charges")
    columns = ["tenure", "contract", "total_charges"]
    expect_rejected(outcome, columns, "three problems at once")
    lines = [line for line in outcome["message"].splitlines() if line.strip()]
    expect(len(lines) >= 3, "list each problem on its own line",
           expected="3 lines or more, one per problem", got=_short(outcome["message"]))
