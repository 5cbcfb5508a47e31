"""Learner-facing assertions: compare types first, then shapes, then values.

Each helper raises `CheckFailed` with Expected/Got lines a learner can act on (first differing
rows, dtypes, lengths). Numbers are compared with stated tolerances. These run in the judge on
decoded data, so nothing the learner's code does inside the sandbox can change a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .handles import Handle
from .outcomes import CheckFailed

__all__ = ["describe", "expect", "expect_columns", "expect_dtype", "expect_dtypes",
           "expect_equal", "expect_index", "expect_type"]


def describe(value: Any) -> str:
    """A short, type-first description: ``Series of float64, length 5634``."""
    if isinstance(value, Handle):
        return f"a {value.type_name} object (not plain data)"
    kind = type(value).__name__
    if kind == "Series":
        first = f", first value {value.iloc[0]!r}" if len(value) else ""
        return f"Series of {value.dtype}, length {len(value)}{first}"
    if kind == "DataFrame":
        return f"DataFrame of shape {value.shape}"
    if kind == "ndarray":
        return f"ndarray of {value.dtype}, shape {value.shape}"
    text = repr(value)
    text = text if len(text) <= 80 else text[:77] + "..."
    return f"{kind} {text}" if kind not in ("NoneType",) else "None"


def expect(condition: bool, message: str, *, expected: Any = None, got: Any = None) -> None:
    """Fail with `message` unless `condition` holds."""
    if not condition:
        raise CheckFailed(message, expected=expected, got=got)


def expect_type(value: Any, expected: type | tuple[type, ...], what: str = "the result") -> None:
    """The exact kind of object, before anything about its contents."""
    types = expected if isinstance(expected, tuple) else (expected,)
    if not isinstance(value, Handle) and isinstance(value, types):
        return
    names = " or ".join(t.__name__ for t in types)
    raise CheckFailed(f"{what} should be a {names}", expected=names, got=describe(value))


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
        got = "; ".join(p for p in (f"missing {missing}" if missing else "",
                                    f"unexpected {extra}" if extra else "") if p)
        raise CheckFailed(f"{what} has the wrong columns",
                          expected=f"{len(want)} columns: {_clip(want)}", got=got)


def expect_dtypes(frame: Any, dtypes: Mapping[str, str | Iterable[str]],
                  what: str = "the table") -> None:
    """Each named column has one of the allowed dtypes; lists every column that does not."""
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
    if frame.index.name != name:
        raise CheckFailed(f"{what} should be indexed by {name}", expected=f"index {name!r}",
                          got=f"index {frame.index.name!r} ({type(frame.index).__name__})")
    if not frame.index.is_unique:
        dup = frame.index[frame.index.duplicated()][:3].tolist()
        raise CheckFailed(f"{what}'s index should be unique", expected="unique ids",
                          got=f"repeated ids, e.g. {dup}")


def expect_equal(got: Any, expected: Any, what: str = "the result", *,
                 rtol: float = 1e-9, atol: float = 1e-12) -> None:
    """Type, then shape and labels, then values (numbers within rtol/atol); shows first diffs."""
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
    if type(got) is not type(expected) or got != expected:
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
        rows = np.flatnonzero(bad)
        table = pd.DataFrame({"expected": e.iloc[rows[:5], 0] if e.shape[1] == 1 else
                              [e.iloc[i].tolist() for i in rows[:5]],
                              "got": g.iloc[rows[:5], 0] if g.shape[1] == 1 else
                              [g.iloc[i].tolist() for i in rows[:5]]})
        raise CheckFailed(f"{what}: {bad.sum()} of {len(e)} rows differ",
                          expected=f"values within rtol={rtol:g}, atol={atol:g}",
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
