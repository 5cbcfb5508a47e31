"""Learner-facing assertions: compare types first, then shapes, then values.

Each helper raises `CheckFailed` with Expected/Got lines a learner can act on (first differing
rows, dtypes, lengths). Numbers are compared with stated tolerances. These run in the judge on
decoded data, so nothing the learner's code does inside the sandbox can change a verdict.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import Any

from .handles import Handle
from .outcomes import CheckFailed

__all__ = ["describe", "expect", "expect_columns", "expect_dtype", "expect_dtypes",
           "expect_equal", "expect_index", "expect_type"]


_LIBRARIES = {"pandas": "pandas", "polars": "polars", "numpy": "NumPy"}


def kind(cls: type) -> str:
    """A type as a learner would say it: ``pandas DataFrame``, ``polars DataFrame``, ``int``."""
    library = _LIBRARIES.get(cls.__module__.split(".")[0])
    return f"{library} {cls.__name__}" if library else cls.__name__


def _article(words: str) -> str:
    return f"an {words}" if words[:1].lower() in "aeiou" else f"a {words}"


def _handle_kind(value: Handle) -> str:
    """A handle's type as `kind` says it (``pandas DataFrame``), else its full name."""
    module, _, name = value.type_name.rpartition(".")
    library = _LIBRARIES.get(module.split(".")[0])
    return f"{library} {name}" if library else value.type_name


def describe(value: Any) -> str:
    """A short, type-first description: ``pandas Series of float64, length 5634``."""
    if isinstance(value, Handle):
        # A table or array stays in the sandbox only when it cannot be sent as data.
        if _handle_kind(value).startswith(("pandas ", "polars ")):
            return (f"{_article(_handle_kind(value))} that could not be read as data: a column "
                    "mixing numbers and text (a transposed table?), repeated column names, "
                    "or objects in its cells")
        if _handle_kind(value) == "NumPy ndarray":
            return "a NumPy ndarray of Python objects (dtype object), not plain data"
        return f"a {value.type_name} object (not plain data)"
    if value is None:
        return "None (did the function forget to return?)"
    name = kind(type(value))
    if name == "pandas Series":
        first = f", first value {value.iloc[0]!r}" if len(value) else ""
        return f"{name} of {value.dtype}, length {len(value)}{first}"
    if name in ("pandas DataFrame", "polars DataFrame"):
        return f"{name} of shape {value.shape}"
    if name == "NumPy ndarray":
        return f"{name} of {value.dtype}, shape {value.shape}"
    text = repr(value)
    text = text if len(text) <= 80 else text[:77] + "..."
    return f"{name} {text}"


def expect(condition: bool, message: str, *, expected: Any = None, got: Any = None) -> None:
    """Fail with `message` unless `condition` holds."""
    if not condition:
        raise CheckFailed(message, expected=expected, got=got)


def expect_type(value: Any, expected: type | tuple[type, ...], what: str = "the result") -> None:
    """The exact kind of object, before anything about its contents."""
    types = expected if isinstance(expected, tuple) else (expected,)
    if not isinstance(value, Handle) and isinstance(value, types):
        return
    names = " or ".join(kind(t) for t in types)
    if isinstance(value, Handle) and _handle_kind(value) in [kind(t) for t in types]:
        plain = ("of numbers, text or dates" if _handle_kind(value) == "NumPy ndarray" else
                 "whose columns each hold one kind of value (numbers, text or dates)")
        raise CheckFailed(f"{what} could not be read as data", got=describe(value),
                          expected=f"{_article(_handle_kind(value))} {plain}")
    failed = CheckFailed(f"{what} should be {_article(names)}", expected=names,
                         got=describe(value))
    if kind(type(value)).startswith("polars") and "pandas" in names:
        failed.lines.append("Tip       polars and pandas differ: convert with .to_pandas()")
    raise failed


def expect_dtype(series: Any, dtypes: str | Iterable[str], what: str = "the result") -> None:
    """A Series' dtype is one of `dtypes` (names as pandas prints them)."""
    allowed = [dtypes] if isinstance(dtypes, str) else list(dtypes)
    expect_type(series, _pandas().Series, what)
    if str(series.dtype) not in allowed:
        raise CheckFailed(f"{what} has the wrong dtype",
                          expected=f"Series of {' or '.join(allowed)}", got=describe(series))


def expect_columns(frame: Any, columns: Iterable[str], what: str = "the table") -> None:
    """A DataFrame has exactly these columns (any order)."""
    expect_type(frame, _pandas().DataFrame, what)
    want, have = list(columns), [str(c) for c in frame.columns]
    missing = [c for c in want if c not in have]
    extra = [c for c in have if c not in want]
    if missing or extra:
        got = "; ".join(p for p in (f"missing {_clip(missing)}" if missing else "",
                                    f"unexpected {_clip(extra)}" if extra else "") if p)
        raise CheckFailed(f"{what} has the wrong columns",
                          expected=f"{len(want)} columns: {_clip(want)}", got=got)


def expect_dtypes(frame: Any, dtypes: Mapping[str, str | Iterable[str]],
                  what: str = "the table") -> None:
    """Each named column has one of the allowed dtypes; lists every column that does not."""
    expect_type(frame, _pandas().DataFrame, what)
    wrong = []
    for column, allowed in dtypes.items():
        names = [allowed] if isinstance(allowed, str) else list(allowed)
        if column in frame.columns and str(frame[column].dtype) not in names:
            wrong.append(f"{column}: {frame[column].dtype} (want {' or '.join(names)})")
    if wrong:
        raise CheckFailed(f"{what} has {len(wrong)} column(s) with the wrong dtype",
                          expected="explicit dtypes, as listed",
                          got="\n".join(wrong[:8]) + (" ..." if len(wrong) > 8 else ""))


def expect_index(frame: Any, name: str, what: str = "the table") -> None:
    """The frame is indexed by `name`, with unique values."""
    expect_type(frame, _pandas().DataFrame, what)
    if frame.index.name != name:
        raise CheckFailed(f"{what} should be indexed by {name}", expected=f"index {name!r}",
                          got=f"index {frame.index.name!r} ({type(frame.index).__name__})")
    if not frame.index.is_unique:
        dup = frame.index[frame.index.duplicated()][:3].tolist()
        raise CheckFailed(f"{what}'s index should be unique", expected="unique ids",
                          got=f"repeated ids, e.g. {dup}")


def expect_equal(got: Any, expected: Any, what: str = "the result", *,
                 rtol: float = 1e-9, atol: float = 1e-12, explain: str | None = None) -> None:
    """Type, then shape and labels, then values (numbers within rtol/atol); shows first diffs.

    `explain` replaces the Expected line with what the values mean ("0.0 for customers with
    tenure 0"), for when a tolerance says less than the business rule.
    """
    try:
        _expect_equal(got, expected, what, rtol, atol)
    except CheckFailed as failed:
        if explain and failed.expected is not None:
            failed.expected = explain
        raise


def _expect_equal(got: Any, expected: Any, what: str, rtol: float, atol: float) -> None:
    pd = _pandas()
    if isinstance(expected, (pd.Series, pd.DataFrame)):
        expect_type(got, type(expected), what)
        if got.shape != expected.shape:
            raise CheckFailed(f"{what} has the wrong shape", expected=describe(expected),
                              got=describe(got))
        if not got.index.equals(expected.index):
            raise CheckFailed(f"{what} has the wrong index (row labels or order)",
                              expected=_clip(list(expected.index[:3])),
                              got=_clip(list(got.index[:3])))
        _compare_values(got, expected, what, rtol, atol)
        return
    if type(expected).__name__ == "ndarray":
        expect_type(got, type(expected), what)
        if got.shape != expected.shape:
            raise CheckFailed(f"{what} has the wrong shape", expected=describe(expected),
                              got=describe(got))
        _compare_values(pd.Series(got.ravel()), pd.Series(expected.ravel()), what, rtol, atol)
        return
    if isinstance(expected, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        if abs(got - expected) <= atol + rtol * abs(expected):
            return
        tolerance = atol + rtol * abs(expected)
        raise CheckFailed(f"{what} is off", expected=f"{expected!r} (± {tolerance:.2g})",
                          got=repr(got))
    if isinstance(expected, int) and not isinstance(expected, bool):
        if isinstance(got, numbers.Integral) and not isinstance(got, bool) and got == expected:
            return  # 10 and numpy.int64(10) are the same count
    elif type(got) is type(expected) and got == expected:
        return
    raise CheckFailed(f"{what} is not what was expected", expected=describe(expected),
                      got=describe(got))


def _compare_values(got: Any, expected: Any, what: str, rtol: float, atol: float) -> None:
    import numpy as np

    pd = _pandas()
    g = got.to_frame() if isinstance(got, pd.Series) else got
    e = expected.to_frame() if isinstance(expected, pd.Series) else expected
    if list(map(str, g.columns)) != list(map(str, e.columns)):
        raise CheckFailed(f"{what} has the wrong columns", expected=_clip(list(e.columns)),
                          got=_clip(list(g.columns)))
    bad = np.zeros(len(e), dtype=bool)
    numeric = all(e[c].dtype.kind in "fiu" for c in e.columns)
    for column in e.columns:
        ge, ee = g[column], e[column]
        if ee.dtype.kind in "fiu" and ge.dtype.kind in "fiub":
            a, b = ge.to_numpy(dtype=float), ee.to_numpy(dtype=float)
            close = np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)
        else:
            a, b = ge.astype(object).to_numpy(), ee.astype(object).to_numpy()
            close = np.array([(x == y) or (_isna(x) and _isna(y))
                              for x, y in zip(a, b, strict=True)], dtype=bool)
        bad |= ~close
    if bad.any():
        rows = np.flatnonzero(bad)[:5]
        show = (lambda v: v) if numeric else repr  # text: show ' ' and '' as they are
        table = pd.DataFrame(
            {"expected": [show(e.iloc[i, 0]) if e.shape[1] == 1 else e.iloc[i].tolist()
                          for i in rows],
             "got": [show(g.iloc[i, 0]) if g.shape[1] == 1 else g.iloc[i].tolist()
                     for i in rows]},
            index=e.index[rows])
        expected_text = (f"values within rtol={rtol:g}, atol={atol:g}" if numeric
                         else "the same values")
        raise CheckFailed(f"{what}: {bad.sum()} of {len(e)} rows differ",
                          expected=expected_text,
                          got="first differing rows:\n" + table.to_string(max_colwidth=40))


def _isna(x: Any) -> bool:
    try:
        return bool(x != x) or x is None or type(x).__name__ in ("NAType", "NaTType")
    except (TypeError, ValueError):
        return False


def _clip(items: list[Any], n: int = 6) -> str:
    shown = ", ".join(map(str, items[:n]))
    return f"[{shown}{', ...' if len(items) > n else ''}]"


def _pandas() -> Any:
    import pandas as pd

    return pd
