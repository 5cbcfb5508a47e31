"""Hidden checks for 1.9 and 1.10: the same code on customers the learner never saw.

1.9 runs the explore notebook with held-out customers under the usual file name, so numbers
typed in by hand fail. 1.10 runs each engine on the holdout file and on a shuffled sample of
it written for this run (seeded), so an answer that depends on the row order or on the file
the learner had fails too.
"""

from __future__ import annotations

import numpy as np
import pytest

from grader.engine.checks import milestone
from grader.week01.test_engines import ENGINES, check_summary
from grader.week01.test_explore import check_by_band, check_by_contract, check_churn_rate

UNSEEN = "gives answers that do not follow the data (typed in by hand?)"


def _explore_on_holdout(week):
    """explore.ipynb run top to bottom on held-out customers; the raw text it read."""
    week.run_notebook("explore.ipynb", data={"telco_churn_raw": "telco_churn_holdout"})
    return week.data("telco_churn_holdout")


@milestone("1.9", category=UNSEEN)
def test_explore_churn_rate_on_held_out_customers(week):
    raw = _explore_on_holdout(week)
    check_churn_rate(week.eval("churn_rate"), raw)


@milestone("1.9", category=UNSEEN)
def test_explore_group_shares_on_held_out_customers(week):
    raw = _explore_on_holdout(week)
    check_by_contract(week.eval("churn_by_contract"), raw)
    check_by_band(week.eval("churn_by_tenure_band"), raw)


@milestone("1.10", category="fails on unseen customers")
@pytest.mark.parametrize("engine", list(ENGINES))
def test_engine_on_held_out_customers(week, engine):
    got = week.call(ENGINES[engine], week.data_path("telco_churn_holdout"))
    check_summary(got, engine, week.data("telco_churn_holdout"))


def _shuffled_sample(week, seed):
    """A seeded sample of 80 % of the held-out rows, shuffled, as a CSV in the sandbox."""
    def write():
        rng = np.random.default_rng(seed)
        raw = week.data("telco_churn_holdout")
        sample = raw.sample(frac=0.8, random_state=int(rng.integers(2**31)))
        content = sample.to_csv(index=False, lineterminator="\n").encode()
        return week.put_file("telco_shuffled_sample.csv", content), sample

    return week.once(f"shuffled holdout sample (seed {seed})", write)


@milestone("1.10", category="fails when the rows change")
@pytest.mark.parametrize("engine", list(ENGINES))
def test_engine_on_shuffled_sample(week, seed, engine):
    path, sample = _shuffled_sample(week, seed)
    got = week.call(ENGINES[engine], week.label(path, "'telco_shuffled_sample.csv'"))
    check_summary(got, engine, sample)
