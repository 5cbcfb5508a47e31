"""Hidden checks for 2.2: other tables, other seeds, and the churn share over many draws.

One seed can be lucky: a plain random split lands within one customer of the whole table's
churn share about one time in sixteen on 1,127 test customers. Six seeds in a row is well
under a chance in a million, while a stratified split is always that close.
"""

import numpy as np
import pandas as pd

from grader.engine.checks import expect, milestone
from grader.week02.test_split import (
    expect_partition,
    expect_stratified,
    expect_test_size,
    split_of,
)

UNSEEN = "fails on unseen customers"
HOLDOUT = "telco_churn_holdout_clean"


def synthetic_customers(seed, n=1000, prevalence=0.10):
    """A seeded table of n customers, 10 % churners, ids unlike the course's, rows unsorted."""
    rng = np.random.default_rng(seed)
    churn = np.zeros(n, dtype=bool)
    churn[rng.choice(n, round(prevalence * n), replace=False)] = True
    ids = pd.Index([f"CUST-{i:05d}" for i in rng.permutation(n) + 1], name="customer_id")
    return pd.DataFrame({"tenure": rng.integers(0, 73, n),
                         "monthly_charges": rng.uniform(18, 120, n).round(2),
                         "contract": pd.Categorical(rng.choice(["Month-to-month", "One year",
                                                                "Two year"], n)),
                         "churn": churn}, index=ids)


@milestone("2.2", category=UNSEEN)
def test_split_of_holdout_customers(week):
    table = week.data(HOLDOUT)
    train, test = split_of(week, table, HOLDOUT, test_size=0.25, seed=3)
    expect_partition(train, test, table)
    expect_test_size(test, table, 0.25)
    expect_stratified(train, test, table)


@milestone("2.2", category="fails on another table (10 % churners, other ids)")
def test_split_of_a_table_with_rare_churners(week, seed):
    table = synthetic_customers(seed)
    train, test = split_of(week, table, "1,000 customers, 10 % churners", test_size=0.3,
                           seed=int(seed % 1000))
    expect_partition(train, test, table)
    expect_test_size(test, table, 0.3)
    expect_stratified(train, test, table)


@milestone("2.2", category="does not keep the churn share equal on both sides")
def test_churn_share_stays_close_over_many_seeds(week, seed):
    table = week.data("telco_churn_clean")
    whole = float(table["churn"].mean())
    seeds = [int(s) for s in np.random.default_rng(seed).choice(10_000, 6, replace=False)]
    gaps = {}
    for s in seeds:
        _, test = split_of(week, table, "telco_churn_clean", seed=s)
        gaps[s] = abs(float(test["churn"].mean()) - whole)
    worst = max(gaps, key=gaps.get)
    split_of(week, table, "telco_churn_clean", seed=worst)  # the call the message shows
    bound = 1 / round(0.2 * len(table)) + 1e-9
    expect(gaps[worst] <= bound,
           f"over {len(seeds)} seeds the test set's churn share strayed up to "
           f"{gaps[worst]:.2%} from the whole table's {whole:.2%}: the split is not stratified; "
           "pass stratify=table['churn']",
           expected=f"within {bound:.2%} for every seed (one customer's worth)",
           got=f"{gaps[worst]:.2%} off with seed={worst}")
