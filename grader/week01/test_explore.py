"""Milestone 1.9: the explore notebook prints churn by group, saves two plots, and is right.

The notebook runs top to bottom in the sandbox; the checks read the names it defines and the
PNG files it wrote. Expected values are computed here from the raw text of the same file.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from grader.engine.checks import (
    CheckFailed,
    expect,
    expect_equal,
    expect_png,
    expect_type,
    milestone,
)

NOTEBOOK = "explore.ipynb"
BANDS = ("0-12", "13-24", "25-48", "49+")
FIGURES = {"contract": "figures/churn_by_contract.png",
           "tenure band": "figures/churn_by_tenure_band.png"}
BAND_RULE = ("bands 0-12 (tenure 0 up to 12 included: the first year), 13-24, 25-48, 49+; "
             "every customer in one band")


# -- judge-side reference, from the raw text -----------------------------------------------

def churned(raw_text: pd.DataFrame) -> pd.Series:
    """True for each customer who left."""
    return raw_text["Churn"] == "Yes"


def tenure_bands(raw_text: pd.DataFrame, first_year_ends: int = 12,
                 first_band_starts: int = 0) -> pd.Series:
    """Each customer's band (NaN outside every band).

    ``first_year_ends=11`` is the classic off-by-one at month 12 (``tenure < 12``, or
    ``pd.cut(..., right=False)``); ``first_band_starts=1`` leaves tenure 0 in no band
    (``pd.cut(tenure, [0, 12, ...])`` without ``include_lowest``).
    """
    tenure = raw_text["tenure"].astype("int64")
    edges = [first_band_starts - 1, first_year_ends, first_year_ends + 12,
             first_year_ends + 36, np.inf]
    return pd.cut(tenure, edges, labels=list(BANDS)).astype(object)


def expected_churn_rate(raw_text: pd.DataFrame) -> float:
    """Share of all customers who left."""
    return float(churned(raw_text).mean())


def expected_by_contract(raw_text: pd.DataFrame) -> pd.Series:
    """Churn share per Contract level, sorted by level."""
    return churned(raw_text).groupby(raw_text["Contract"]).mean().sort_index()


def expected_by_band(raw_text: pd.DataFrame, **mistake: int) -> pd.Series:
    """Churn share per band, sorted by band; `mistake` as in `tenure_bands`."""
    bands = tenure_bands(raw_text, **mistake)
    return churned(raw_text).groupby(bands).mean().sort_index()


# -- comparing the learner's Series with the reference ---------------------------------------

def _as_shares(got: Any, expected: pd.Series, what: str, levels: str) -> pd.Series:
    """The learner's Series as float shares indexed by text labels, sorted; fails helpfully."""
    expect_type(got, pd.Series, what=what)
    labels = [str(label) for label in got.index]
    want = [str(label) for label in expected.index]
    if sorted(labels) != want:
        missing = [x for x in want if x not in labels]
        extra = [x for x in labels if x not in want]
        got_text = f"index {labels[:6]}" + (f"; missing {missing}" if missing else "")
        got_text += f"; unexpected {extra[:4]}" if extra else ""
        raise CheckFailed(f"{what} should be indexed by {levels}, one row each",
                          expected=f"index {want}", got=got_text)
    if got.dtype.kind in "iub":
        raise CheckFailed(f"{what} should hold shares (floats between 0 and 1), not counts",
                          expected="float shares, e.g. churners / customers in each group",
                          got=f"{got.dtype} values {got.tolist()[:4]}")
    if got.dtype.kind != "f" and str(got.dtype) not in ("Float64", "Float32"):
        raise CheckFailed(f"{what} should hold float shares", expected="Series of float64",
                          got=f"Series of {got.dtype}, first value {got.iloc[0]!r}")
    values = got.to_numpy(dtype="float64", na_value=np.nan)
    shares = pd.Series(values, index=pd.Index(labels, dtype=object), name=what).sort_index()
    if not np.all((shares >= 0) & (shares <= 1)):
        kind = ("percentages" if np.allclose(shares, 100 * expected.to_numpy(), rtol=1e-6)
                else "counts or percentages")
        raise CheckFailed(f"{what} should hold shares between 0 and 1, not {kind}",
                          expected="e.g. 0.427 for 42.7 %",
                          got=", ".join(f"{k}: {v:g}" for k, v in shares.items()))
    return shares


def _compare(shares: pd.Series, expected: pd.Series, what: str, explain: str | None = None):
    """Values per label, within a relative 1e-9; the message lists the first differing rows."""
    reference = pd.Series(expected.to_numpy(dtype="float64"),
                          index=pd.Index([str(x) for x in expected.index], dtype=object),
                          name=what)
    expect_equal(shares, reference, what=what, rtol=1e-9, explain=explain)


def check_churn_rate(got: Any, raw_text: pd.DataFrame) -> None:
    """churn_rate is a float share equal to the file's share of churners."""
    expect_type(got, float, what="churn_rate (a share: churners / customers)")
    expect(0.0 <= got <= 1.0, "churn_rate should be a share between 0 and 1, not a percentage",
           expected="a float between 0 and 1", got=repr(got))
    expect_equal(got, expected_churn_rate(raw_text), what="churn_rate", rtol=1e-9)


def check_by_contract(got: Any, raw_text: pd.DataFrame) -> None:
    """churn_by_contract holds one share per Contract level, equal to the reference."""
    expected = expected_by_contract(raw_text)
    shares = _as_shares(got, expected, "churn_by_contract", "the Contract levels")
    _compare(shares, expected, "churn_by_contract",
             explain="per contract: churners / customers with that contract")


def check_by_band(got: Any, raw_text: pd.DataFrame) -> None:
    """churn_by_tenure_band holds one share per band; month 12 belongs to the first year."""
    expected = expected_by_band(raw_text)
    shares = _as_shares(got, expected, "churn_by_tenure_band", f"the four bands {list(BANDS)}")
    first_two = list(BANDS[:2])

    def matches(reference: pd.Series, bands: list[str] = first_two) -> bool:
        return bool(np.allclose(shares[bands], reference[bands], rtol=1e-9))

    if matches(expected, list(BANDS)):
        return
    if matches(expected_by_band(raw_text, first_year_ends=11)):
        failed = CheckFailed(
            "churn_by_tenure_band puts customers with tenure 12 in the wrong band",
            expected="tenure 12 (a full first year) in '0-12'; tenure 13 starts '13-24'",
            got="shares that match tenure 12 counted in '13-24' (< where <= was meant?)")
        failed.lines.append("Tip       pd.cut includes each bin's right edge: "
                            "bins=[-1, 12, 24, 48, inf]")
        raise failed
    if matches(expected_by_band(raw_text, first_band_starts=1)):
        failed = CheckFailed(
            "churn_by_tenure_band leaves customers with tenure 0 out of '0-12'",
            expected="tenure 0 (joined this month) in '0-12'",
            got="shares that match tenure 0 in no band")
        failed.lines.append("Tip       pd.cut excludes each bin's left edge: start the bins "
                            "at -1, or pass include_lowest=True")
        raise failed
    _compare(shares, expected, "churn_by_tenure_band", explain=BAND_RULE)


# -- running the notebook --------------------------------------------------------------------

CLEAR_FIGURES = """
from pathlib import Path
for name in names:
    Path(name).unlink(missing_ok=True)
result = None
"""


def _run(week) -> None:
    """Restart & Run All of the notebook, in a folder without figures from earlier runs.

    PNGs left by a run on the learner's machine are removed from the sandbox copy first
    (once per kernel), so the figure checks see only what this run saved.
    """
    stale = [*FIGURES.values(), *(PurePosixPath(p).name for p in FIGURES.values())]
    week.once("explore.ipynb: stale figures removed",
              lambda: week.run_snippet(CLEAR_FIGURES, names=stale,
                                       label="removing old figures before the run"))
    week.run_notebook(NOTEBOOK)


def _eval(week, name: str) -> Any:
    """A name the notebook defines, after `_run`."""
    _run(week)
    return week.eval(name, notebook=NOTEBOOK)


def _figure(week, which: str) -> tuple[int, int]:
    """The saved PNG for `which`: present, a real image, big enough, not blank. Its size."""
    _run(week)
    return expect_png(week, FIGURES[which], notebook=NOTEBOOK, what=f"the churn by {which} plot")


# -- checks ----------------------------------------------------------------------------------

@milestone("1.9")
def test_churn_rate_is_the_share_that_left(week):
    check_churn_rate(_eval(week, "churn_rate"), week.data("telco_churn_raw"))


@milestone("1.9")
def test_churn_by_contract_is_a_share_per_contract(week):
    check_by_contract(_eval(week, "churn_by_contract"), week.data("telco_churn_raw"))


@milestone("1.9")
def test_churn_by_tenure_band_uses_the_four_bands(week):
    check_by_band(_eval(week, "churn_by_tenure_band"), week.data("telco_churn_raw"))


@milestone("1.9")
def test_saves_churn_by_contract_plot(week):
    _figure(week, "contract")


@milestone("1.9")
def test_saves_churn_by_tenure_band_plot(week):
    _figure(week, "tenure band")


@milestone("1.9")
def test_figure_paths_lists_the_saved_plots(week):
    got = _eval(week, "figure_paths")
    expect_type(got, list, what="figure_paths")
    expect(all(isinstance(p, str) for p in got), "figure_paths should list paths as text",
           expected="a list of str", got=", ".join(type(p).__name__ for p in got) or "[]")
    saved = {PurePosixPath(p.replace("\\", "/")).as_posix().removeprefix("./") for p in got}
    missing = [p for p in FIGURES.values()
               if not any(s == p or s.endswith("/" + p) for s in saved)]
    expect(not missing, "figure_paths should name both saved plots",
           expected=list(FIGURES.values()), got=f"{got} (missing {missing})")

