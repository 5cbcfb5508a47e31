"""Milestone 2.2: a stratified, reproducible split with no customer on both sides.

Sizes and churn shares are computed here from the table the judge passed. A stratified split
puts round(share * n_test) churners in the test set, so its churn share is within
1 / n_test of the whole table's; a plain random draw is usually ten times further off.
"""

import pandas as pd

from grader.engine.checks import expect, expect_type, milestone

DATA = "telco_churn_clean"
#: Room for rounding in a share computed from counts.
SLACK = 1e-9


def split_of(week, table, label, **kwargs):
    """split_customers(table, **kwargs) as (train, test) DataFrames with the input's columns."""
    got = week.call("split.split_customers", week.label(table, label), **kwargs)
    return expect_train_test(got, table)


def default_split(week):
    """The split of the cleaned customers with the default test_size and seed, computed once."""
    table = week.data(DATA)
    return table, week.once("split_customers(telco_churn_clean)",
                            lambda: split_of(week, table, DATA))


def expect_train_test(got, table):
    """Two DataFrames, train then test, each with the columns and index of `table`."""
    n = len(got) if isinstance(got, (tuple, list)) else None
    expect(n == 2, "split_customers should return two tables: train, test",
           expected="(train, test), each a DataFrame with every column, churn included",
           got=(f"{n} values: X_train, X_test, y_train, y_test is train_test_split on X and y; "
                "pass the whole table instead" if n == 4 else
                f"{n} values" if n is not None else f"a {type(got).__name__}"))
    for name, part in zip(("train", "test"), got, strict=True):
        expect_type(part, pd.DataFrame, what=name)
        expect(list(part.columns) == list(table.columns),
               f"{name} should have the table's columns, churn included",
               expected=f"{len(table.columns)} columns: ..., {', '.join(table.columns[-3:])}",
               got=f"{len(part.columns)} columns: ..., {', '.join(map(str, part.columns[-3:]))}")
        expect(part.index.name == table.index.name,
               f"{name} should keep the {table.index.name} index",
               expected=f"index {table.index.name!r}", got=f"index {part.index.name!r}")
    return tuple(got)


def expect_partition(train, test, table):
    """Every customer on exactly one side, once."""
    both = train.index.intersection(test.index)
    expect(both.empty, f"{len(both)} customers are in both train and test: the model would be "
           "tested on customers it learned from", expected="no customer on both sides",
           got=f"{list(both[:3])} ... in both")
    for name, part in (("train", train), ("test", test)):
        expect(part.index.is_unique, f"{name} holds some customers twice",
               expected="each customer once",
               got=f"{list(part.index[part.index.duplicated()][:3])} repeated")
    unknown = train.index.append(test.index).difference(table.index)
    expect(unknown.empty, "train and test should hold only the table's customers",
           expected="ids from the table", got=f"{list(unknown[:3])} ...")
    left_out = table.index.difference(train.index.append(test.index))
    expect(left_out.empty, f"{len(left_out)} customers are in neither train nor test",
           expected=f"all {len(table)} customers, split in two", got=f"{list(left_out[:3])} ...")


def expect_test_size(test, table, test_size):
    want = round(test_size * len(table))
    expect(abs(len(test) - want) <= 1,
           f"test should hold test_size={test_size} of the {len(table)} customers",
           expected=f"{want} test customers (± 1)", got=f"{len(test)}")


def expect_stratified(train, test, table):
    """Each side's churn share within 1 / len(test) of the whole table's."""
    whole = float(table["churn"].mean())
    bound = 1 / len(test) + SLACK
    for name, part in (("test", test), ("train", train)):
        share = float(part["churn"].mean())
        expect(abs(share - whole) <= bound,
               f"{name}'s churn share is {share:.2%}, the whole table's {whole:.2%}: more than "
               "one customer off, as in a plain random split; pass stratify=table['churn']",
               expected=f"{whole:.2%} ± {bound:.2%} (one customer's worth)",
               got=f"{share:.2%} ({int(part['churn'].sum())} churners of {len(part)})")


@milestone("2.2")
def test_returns_train_and_test_tables(week):
    default_split(week)  # types, columns and index are checked on the way


@milestone("2.2")
def test_every_customer_on_exactly_one_side(week):
    table, (train, test) = default_split(week)
    expect_partition(train, test, table)


@milestone("2.2")
def test_test_size_is_respected(week):
    table, (_, test) = default_split(week)
    expect_test_size(test, table, 0.2)
    _, test = split_of(week, table, DATA, test_size=0.3)
    expect_test_size(test, table, 0.3)


@milestone("2.2")
def test_same_seed_gives_the_same_split(week):
    table = week.data(DATA)
    _, first = split_of(week, table, DATA, seed=7)
    _, again = split_of(week, table, DATA, seed=7)
    expect(first.index.sort_values().equals(again.index.sort_values()),
           "split_customers(table, seed=7) twice gave two different test sets: pass "
           "random_state=seed so a result can be reproduced",
           expected="the same test customers both times",
           got=f"{len(first.index.difference(again.index))} of {len(first)} test customers differ")


@milestone("2.2")
def test_another_seed_gives_another_split(week):
    table = week.data(DATA)
    _, seven = split_of(week, table, DATA, seed=7)
    _, eight = split_of(week, table, DATA, seed=8)
    expect(not seven.index.sort_values().equals(eight.index.sort_values()),
           "seed=7 and seed=8 gave the same test set: the seed is ignored, or rows are taken "
           "by position (the first rows train, the last rows test)",
           expected="another random draw for another seed (random_state=seed)",
           got="the same test customers")


@milestone("2.2")
def test_churn_share_is_the_same_on_both_sides(week):
    table, (train, test) = default_split(week)
    expect_stratified(train, test, table)
