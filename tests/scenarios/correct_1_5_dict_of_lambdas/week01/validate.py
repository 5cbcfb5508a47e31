"""A schema in the style of pandera: per column, a dtype test and named value checks."""

import pandas as pd
from pandas.api import types


class ValidationError(ValueError):
    """One line per broken rule."""


def is_category(dtype) -> bool:
    return isinstance(dtype, pd.CategoricalDtype)


def one_of(*levels):
    return {f"in {list(levels)}": lambda s: s.isin(levels)}


BOOL = {"dtype": types.is_bool_dtype}
SCHEMA = {
    "gender": {"dtype": is_category},
    "senior_citizen": BOOL, "partner": BOOL, "dependents": BOOL,
    "tenure": {"dtype": types.is_integer_dtype, ">= 0": lambda s: s >= 0},
    "phone_service": BOOL, "multiple_lines": BOOL,
    "internet_service": {"dtype": is_category, **one_of("DSL", "Fiber optic", "No")},
    "online_security": BOOL, "online_backup": BOOL, "device_protection": BOOL,
    "tech_support": BOOL, "streaming_tv": BOOL, "streaming_movies": BOOL,
    "contract": {"dtype": is_category, **one_of("Month-to-month", "One year", "Two year")},
    "paperless_billing": BOOL,
    "payment_method": {"dtype": is_category,
                       **one_of("Electronic check", "Mailed check",
                                "Bank transfer (automatic)", "Credit card (automatic)")},
    "monthly_charges": {"dtype": types.is_float_dtype,
                        "in (0, 200)": lambda s: (s > 0) & (s < 200)},
    "total_charges": {"dtype": types.is_float_dtype, ">= 0": lambda s: s >= 0},
    "churn": BOOL,
}


def validate(df: pd.DataFrame) -> pd.DataFrame:
    errors = [f"{c}: column missing" for c in SCHEMA if c not in df]
    errors += [f"{c}: unexpected column" for c in df if c not in SCHEMA]
    if df.index.duplicated().any():
        errors.append(f"index: {df.index.duplicated().sum()} repeated ids")
    for column, checks in SCHEMA.items():
        if column not in df:
            continue
        values = df[column]
        if values.isna().any():
            errors.append(f"{column}: {values.isna().sum()} missing values")
        if not checks["dtype"](values.dtype):
            errors.append(f"{column}: wrong dtype {values.dtype}")
            continue
        known = values.dropna()
        for name, check in checks.items():
            if name == "dtype":
                continue
            bad = ~check(known)
            if bad.any():
                errors.append(f"{column}: {bad.sum()} rows not {name}, e.g. "
                              f"{list(known.index[bad][:3])}")
    if errors:
        raise ValidationError("\n".join(errors))
    return df
