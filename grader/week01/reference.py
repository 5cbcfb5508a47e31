"""Judge-side facts about the raw Telco file that week 1's checks compare against.

Computed here from the raw text, independently of any solution, so a check never trusts the
code it grades.
"""

from __future__ import annotations

from typing import Any

TEXT_COLUMNS = ("gender", "Partner", "Dependents", "PhoneService", "MultipleLines",
                "InternetService", "OnlineSecurity", "OnlineBackup", "DeviceProtection",
                "TechSupport", "StreamingTV", "StreamingMovies", "Contract",
                "PaperlessBilling", "PaymentMethod", "Churn")
#: dtypes a careful loader may choose for each column (1.1).
LOAD_DTYPES: dict[str, tuple[str, ...]] = {
    **{c: ("string", "str", "category") for c in TEXT_COLUMNS},
    "TotalCharges": ("string", "str"),
    "tenure": ("int64", "Int64"),
    "SeniorCitizen": ("int64", "Int64"),
    "MonthlyCharges": ("float64", "Float64"),
}


def indexed(raw_text: Any) -> Any:
    """The raw text table indexed by customerID, with tenure as numbers (input for 1.2)."""
    frame = raw_text.set_index("customerID")
    return frame.astype({"tenure": "int64"})


def total_charges(raw_text: Any) -> Any:
    """TotalCharges as money: blanks (tenure 0, not billed yet) are 0.0."""
    import pandas as pd

    text = raw_text.set_index("customerID")["TotalCharges"].str.strip()
    return pd.to_numeric(text.where(text != "", "0")).astype("float64").rename("TotalCharges")


def duplicated_customers(raw_text: Any) -> int:
    """Rows identical to an earlier one in every column but the id: different customers."""
    return int(raw_text.drop(columns="customerID").duplicated().sum())


def without_blanks(raw_text: Any) -> bytes:
    """The raw CSV without the tenure-0 rows, written as IBM writes it: no blank TotalCharges."""
    billed = raw_text[raw_text["TotalCharges"].str.strip() != ""]
    return billed.to_csv(index=False, lineterminator="\n").encode()


# --- the cleaned table (1.4), its rules (1.5) and the command-line cleaner (1.8) -------------

#: IBM's column -> (our snake_case name, what its text means).
CLEAN_COLUMNS: dict[str, tuple[str, str]] = {
    "gender": ("gender", "level"),
    "SeniorCitizen": ("senior_citizen", "0/1"),
    "Partner": ("partner", "yes/no"),
    "Dependents": ("dependents", "yes/no"),
    "tenure": ("tenure", "count"),
    "PhoneService": ("phone_service", "yes/no"),
    "MultipleLines": ("multiple_lines", "yes/no"),
    "InternetService": ("internet_service", "level"),
    "OnlineSecurity": ("online_security", "yes/no"),
    "OnlineBackup": ("online_backup", "yes/no"),
    "DeviceProtection": ("device_protection", "yes/no"),
    "TechSupport": ("tech_support", "yes/no"),
    "StreamingTV": ("streaming_tv", "yes/no"),
    "StreamingMovies": ("streaming_movies", "yes/no"),
    "Contract": ("contract", "level"),
    "PaperlessBilling": ("paperless_billing", "yes/no"),
    "PaymentMethod": ("payment_method", "level"),
    "MonthlyCharges": ("monthly_charges", "money"),
    "TotalCharges": ("total_charges", "total"),
    "Churn": ("churn", "yes/no"),
}
_CLEAN_DTYPE = {"level": "category", "0/1": "bool", "yes/no": "bool", "count": "int64",
                "money": "float64", "total": "float64"}
#: The cleaned table's dtypes, by our column name (1.4).
CLEAN_DTYPES: dict[str, str] = {name: _CLEAN_DTYPE[kind]
                                for name, kind in CLEAN_COLUMNS.values()}
#: Add-ons that only a customer with internet can have; "No internet service" is a no.
INTERNET_ADD_ONS = ("online_security", "online_backup", "device_protection", "tech_support",
                    "streaming_tv", "streaming_movies")
#: What a Yes/No answer means; the two "No ... service" answers are a plain no.
_ANSWERS = {"Yes": True, "No": False, "No phone service": False, "No internet service": False}


def loaded(raw_text: Any) -> Any:
    """The raw text table as milestone 1.1's load_raw returns it (input for 1.4's checks)."""
    frame = raw_text.set_index("customerID")
    numbers = {"tenure": "int64", "SeniorCitizen": "int64", "MonthlyCharges": "float64"}
    return frame.astype({c: numbers.get(c, "string") for c in frame.columns})


def clean(raw_text: Any) -> Any:
    """The cleaned table (1.4) from the raw text: our names, bools, categories and money."""
    import pandas as pd

    frame = raw_text.set_index("customerID").rename_axis("customer_id")
    columns = {}
    for ibm, (name, kind) in CLEAN_COLUMNS.items():
        text = frame[ibm].astype(str).str.strip()
        if kind == "yes/no":
            unknown = set(text) - set(_ANSWERS)
            if unknown:
                raise ValueError(f"reference.clean: {ibm} holds {sorted(unknown)[:3]}")
            columns[name] = text.map(_ANSWERS).astype("bool")
        elif kind == "0/1":
            columns[name] = text.astype("int64").astype("bool")
        elif kind == "level":
            columns[name] = text.astype("category")
        elif kind == "count":
            columns[name] = text.astype("int64")
        elif kind == "money":
            columns[name] = pd.to_numeric(text).astype("float64")
        else:
            columns[name] = total_charges(raw_text).set_axis(frame.index)
    return pd.DataFrame(columns, index=frame.index)


def as_text(table: Any, column: str) -> Any:
    """A copy of `table` whose `column` is plain text, so a check can write any value there."""
    copy = table.copy()
    copy[column] = copy[column].astype(object)
    return copy


def read_output(content: bytes, suffix: str) -> Any:
    """A table the learner's cleaner wrote, indexed by customer_id when it has that column.

    CSV is read as text (every column a string); `like` then gives it the expected dtypes.
    """
    import io

    import pandas as pd

    if suffix == ".parquet":
        table = pd.read_parquet(io.BytesIO(content))
    else:
        table = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    if "customer_id" in table.columns:
        table = table.set_index("customer_id")
    return table


_TRUTH = {"true": True, "false": False, "1": True, "0": False}


def like(text_table: Any, expected: Any) -> Any:
    """A table read back from CSV text, converted to `expected`'s dtypes where the text allows."""
    import pandas as pd

    columns = {}
    for column in expected.columns:
        values, kind = text_table[column], expected[column].dtype.kind
        if kind == "b":
            truth = values.str.strip().str.lower().map(_TRUTH)
            values = truth.astype("bool") if truth.notna().all() else values
        elif kind in "if":
            values = pd.to_numeric(values, errors="coerce")
        columns[column] = values
    return pd.DataFrame(columns, index=text_table.index)


def expect_snake_case_columns(got: Any, columns: list[str],
                              what: str = "the cleaned table") -> None:
    """Exactly `columns`, in any order; a message that pairs IBM's names with ours."""
    import pandas as pd

    from grader.engine.checks import expect, expect_type

    expect_type(got, pd.DataFrame, what)
    have = [str(c) for c in got.columns]
    missing = [c for c in columns if c not in have]
    extra = [c for c in have if c not in columns]
    ours = {ibm: name for ibm, (name, _) in CLEAN_COLUMNS.items()}
    renames = [f"{c} -> {ours[c]}" for c in extra if c in ours and ours[c] in missing]
    wrong = [f"missing {len(missing)}: {_clip(missing)}" if missing else "",
             f"unexpected {len(extra)}: {_clip(extra)}" if extra else "",
             f"rename e.g. {', '.join(renames[:3])}" if renames else ""]
    expect(not missing and not extra, f"{what} has the wrong columns",
           expected=f"{len(columns)} snake_case columns: {_clip(columns)}",
           got="\n".join(line for line in wrong if line))


def _clip(names: list[str], n: int = 5) -> str:
    return "[" + ", ".join(names[:n]) + (", ...]" if len(names) > n else "]")


def expect_same_table(got: Any, expected: Any, what: str = "the cleaned table") -> None:
    """Columns (any order), rows, then values column by column; names every column that differs.

    The first differing column is shown with its first differing rows; the others are listed.
    """
    from grader.engine.checks import CheckFailed, expect, expect_equal

    expect_snake_case_columns(got, list(expected.columns), what)
    expect(len(got) == len(expected), f"{what} should keep one row per customer",
           expected=f"{len(expected)} rows", got=f"{len(got)} rows")
    expect(got.index.equals(expected.index),
           f"{what} should keep the customers' ids, in the order they came",
           expected=f"ids {list(expected.index[:3])} ...", got=f"ids {list(got.index[:3])} ...")
    failures = []
    for column in expected.columns:
        mine, theirs = got[column], expected[column]
        if theirs.dtype == bool:  # compare as Python bools: shown as True, not np.True_
            mine, theirs = mine.astype(object), theirs.astype(object)
        try:
            expect_equal(mine, theirs, what=f"{what}, column {column}")
        except CheckFailed as failed:
            failures.append((column, failed))
    if failures:
        first = failures[0][1]
        if len(failures) > 1:
            others = ", ".join(column for column, _ in failures[1:])
            first.lines.append(f"Also      these columns differ too: {others}")
        raise first
