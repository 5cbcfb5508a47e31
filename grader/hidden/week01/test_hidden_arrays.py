"""Hidden checks for 1.6: random inputs from the grading seed, in several shapes and dtypes.

float32 and int64 inputs, one-row and one-column tables, extreme scores. Compared with the
judge-side references of the public checks, with tolerances that float32 can meet.
"""

from __future__ import annotations

import numpy as np

from grader.engine.checks import expect, milestone
from grader.week01.test_arrays import (
    as_number,
    expect_array,
    reference_log_loss,
    reference_moving_average,
    reference_one_hot,
    reference_pairwise_distances,
    reference_sigmoid,
    reference_standardize,
    shown,
)

UNSEEN = "fails on unseen inputs (other shapes, dtypes or extreme values)"


def tolerance(dtype: np.dtype) -> dict[str, float]:
    """float32 carries about 7 digits; float64 and int inputs are held to 1e-9."""
    return {"rtol": 1e-4, "atol": 1e-5} if dtype == np.float32 else {"rtol": 1e-9, "atol": 1e-9}


def random_table(rng: np.random.Generator, shape: tuple[int, int], dtype: str) -> np.ndarray:
    """Columns on their own scales; float32 ones near 0, where 7 digits are enough for any
    correct method."""
    if dtype == "int64":
        return rng.integers(-1000, 1000, size=shape)
    if dtype == "float32":
        return (rng.normal(size=shape) * rng.uniform(0.5, 5, size=shape[1])).astype(dtype)
    scale = rng.uniform(0.1, 1000, size=shape[1])
    offset = rng.uniform(-1e4, 1e4, size=shape[1])
    return (rng.normal(size=shape) * scale + offset).astype(dtype)


@milestone("1.6", category=UNSEEN)
def test_standardize_random_tables(week, seed):
    rng = np.random.default_rng(seed)
    for shape, dtype in [((50, 4), "float64"), ((37, 3), "float32"), ((20, 5), "int64"),
                         ((1, 6), "float64"), ((9, 1), "float64")]:
        X = random_table(rng, shape, dtype)
        if shape[0] > 1 and shape[1] > 1:  # one constant column, with a value that rounds
            X[:, rng.integers(shape[1])] = X.dtype.type(rng.uniform(-10, 10))
        got = week.call("arrays.standardize", shown(week, X, "X"))
        expect_array(got, reference_standardize(X), f"standardize(X) for {dtype} X of shape "
                     f"{shape}", **tolerance(X.dtype))


@milestone("1.6", category=UNSEEN)
def test_sigmoid_random_shapes_dtypes_and_extremes(week, seed):
    rng = np.random.default_rng(seed)
    cases = [
        rng.normal(0, 300, size=(40,)),  # float64, many beyond |z| = 36 where 1 - s rounds
        np.concatenate([[-1e4, -745.2, -709.9, 709.9, 745.2, 1e4], rng.normal(0, 5, 6)])
        .reshape(3, 4),
        rng.normal(0, 50, size=(2, 3, 4)).astype(np.float32),
        np.array([-100, -88, 88, 100], dtype=np.float32),  # exp overflows float32 at 88.7
        rng.integers(-2000, 2000, size=(5, 3)),  # int64: the result is float anyway
    ]
    for z in cases:
        got = week.call("arrays.sigmoid", shown(week, z, "z"))
        expect_array(got, reference_sigmoid(z), f"sigmoid(z) for {z.dtype} z of shape "
                     f"{z.shape}", **tolerance(z.dtype))
    value = float(rng.normal(0, 20))
    got = as_number(week.call("arrays.sigmoid", value), f"sigmoid({value})")
    expect_array(np.array(got), reference_sigmoid(value), f"sigmoid({value})")


@milestone("1.6", category=UNSEEN)
def test_log_loss_random_predictions(week, seed):
    rng = np.random.default_rng(seed)
    for n, eps in [(200, None), (7, 1e-7), (1, None), (50, 1e-3)]:
        y = rng.integers(0, 2, size=n)
        p = rng.uniform(0, 1, size=n)
        certain = rng.random(n) < 0.2
        p[certain] = rng.integers(0, 2, size=int(certain.sum()))  # exactly 0 or 1
        kwargs = {} if eps is None else {"eps": eps}
        got = week.call("arrays.log_loss", shown(week, y, "y"), shown(week, p, "p"), **kwargs)
        got = as_number(got, "log_loss(y, p)")
        expected = reference_log_loss(y, p, **kwargs)
        expect(bool(np.isfinite(got)) and abs(got - expected) <= 1e-9 * max(1, expected),
               f"log_loss(y, p{f', eps={eps}' if eps else ''}) on {n} predictions is off",
               expected=f"{expected!r}", got=repr(got))


@milestone("1.6", category=UNSEEN)
def test_one_hot_random_labels(week, seed):
    rng = np.random.default_rng(seed)
    for n, k, n_classes, dtype in [(100, 7, None, "int64"), (30, 3, 10, "int32"),
                                   (1, 1, None, "int64"), (12, 4, 4, "int64")]:
        labels = rng.integers(0, k, size=n).astype(dtype)
        labels[rng.integers(n)] = k - 1  # the top class is present: max + 1 == k
        kwargs = {} if n_classes is None else {"n_classes": n_classes}
        got = week.call("arrays.one_hot", shown(week, labels, "labels"), **kwargs)
        expect_array(got, reference_one_hot(labels, n_classes), f"one_hot of {n} {dtype} "
                     f"labels{f', n_classes={n_classes}' if n_classes else ''}")


@milestone("1.6", category=UNSEEN)
def test_pairwise_distances_random_points(week, seed):
    rng = np.random.default_rng(seed)
    for n, m, d, dtype in [(25, 13, 5, "float64"), (1, 9, 3, "float64"), (8, 1, 1, "float64"),
                           (10, 12, 4, "float32"), (6, 7, 3, "int64")]:
        A, B = (random_table(rng, (rows, d), dtype) for rows in (n, m))
        got = week.call("arrays.pairwise_distances", shown(week, A, "A"), shown(week, B, "B"))
        scale = float(np.abs(np.concatenate([A, B]).astype(np.float64)).max())
        rtol = 1e-5 if dtype == "float32" else 1e-7
        expect_array(got, reference_pairwise_distances(A, B), f"pairwise_distances(A, B) for "
                     f"{dtype} A {A.shape}, B {B.shape}", rtol=rtol, atol=1e-6 * scale)
    A = random_table(rng, (30, 6), "float64")
    got = week.call("arrays.pairwise_distances", shown(week, A, "A"), shown(week, A, "A"))
    expect(bool(np.isfinite(got).all()) and bool((got >= 0).all()),
           "pairwise_distances(A, A) should be finite and non-negative",
           expected="no NaN", got=f"{int(np.isnan(got).sum())} NaN")


@milestone("1.6", category=UNSEEN)
def test_moving_average_random_series(week, seed):
    rng = np.random.default_rng(seed)
    cases = [(rng.normal(50, 20, size=500), int(rng.integers(2, 60))),
             (rng.integers(0, 10**6, size=300), int(rng.integers(1, 300))),
             (rng.normal(size=40).astype(np.float32), int(rng.integers(1, 40))),
             (rng.normal(size=1), 1)]
    for x, window in cases:
        got = week.call("arrays.moving_average", shown(week, x, "x"), window)
        scale = float(np.abs(x).max())
        rtol = 1e-5 if x.dtype == np.float32 else 1e-9
        expect_array(got, reference_moving_average(x, window), f"moving_average(x, {window}) "
                     f"for {x.dtype} x of length {len(x)}", rtol=rtol, atol=1e-9 * scale
                     if x.dtype != np.float32 else 1e-5 * scale)
