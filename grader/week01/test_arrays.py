"""Milestone 1.6: NumPy fluency. Each function against a judge-side formula, then its speed.

The references below are written the plain way, here in the judge; the learner's code is never
trusted to check itself. Warnings are observed on purpose: the checks that need it run the
learner's function inside ``warnings.catch_warnings(record=True)`` in the sandbox. Speed is
measured in the sandbox too: the learner's function against a plain Python loop written here,
on the same 100,000 values, best of a few runs with ``time.perf_counter``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.engine.checks import expect, expect_equal, expect_type, milestone

# -- judge-side references -------------------------------------------------------------------


def reference_standardize(X: Any) -> np.ndarray:
    """(X - mean) / std per column, population std; 0.0 where every value is the same."""
    X = np.asarray(X, dtype=np.float64)
    constant = X.max(axis=0) == X.min(axis=0)
    std = np.where(constant, 1.0, X.std(axis=0))
    return np.where(constant, 0.0, (X - X.mean(axis=0)) / std)


def reference_sigmoid(z: Any) -> np.ndarray:
    """1 / (1 + e^-z), evaluated with e^-|z| so nothing overflows."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def reference_log_loss(y: Any, p: Any, eps: float = 1e-15) -> float:
    """Mean binary cross-entropy with p clipped to [eps, 1 - eps]."""
    y = np.asarray(y, dtype=np.float64)
    p = np.clip(np.asarray(p, dtype=np.float64), eps, 1.0 - eps)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def reference_one_hot(labels: Any, n_classes: int | None = None) -> np.ndarray:
    """Row i is 1.0 in column labels[i]; float64."""
    labels = np.asarray(labels, dtype=np.int64)
    n_classes = int(labels.max()) + 1 if n_classes is None else n_classes
    out = np.zeros((len(labels), n_classes))
    out[np.arange(len(labels)), labels] = 1.0
    return out


def reference_pairwise_distances(A: Any, B: Any) -> np.ndarray:
    """||A[i] - B[j]|| by broadcasting the difference (no expansion, so no cancellation)."""
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    return np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=-1))


def reference_moving_average(x: Any, window: int) -> np.ndarray:
    """Trailing means, as np.convolve's 'valid' mode computes them."""
    return np.convolve(np.asarray(x, dtype=np.float64), np.ones(window) / window, "valid")


# -- helpers ---------------------------------------------------------------------------------


def shown(week: Any, array: np.ndarray, name: str = "") -> np.ndarray:
    """Label an argument as the learner would type it (small) or by its shape (large)."""
    text = repr(array.tolist())
    if len(text) > 60:
        text = f"{name or 'array'} of shape {array.shape} ({array.dtype})"
    return week.label(array, text)


POSITION = {1: "[index]", 2: "[row, column]"}


def expect_array(got: Any, expected: np.ndarray, what: str, *, rtol: float = 1e-9,
                 atol: float = 1e-12, explain: str | None = None) -> None:
    """An ndarray of the expected shape, then values within rtol/atol, shown by position."""
    expect_type(got, np.ndarray, what)
    expect(got.shape == expected.shape, f"{what} has the wrong shape",
           expected=f"ndarray of shape {expected.shape}",
           got=f"ndarray of shape {got.shape} ({got.dtype})")
    expect(got.dtype.kind in "biuf", f"{what} should hold numbers",
           expected="an ndarray of float64", got=f"ndarray of {got.dtype}")
    close = np.isclose(got.astype(np.float64), expected, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return
    rows = [f"{list(map(int, at))}: expected {expected[tuple(at)]:.6g}, got {got[tuple(at)]:.6g}"
            for at in np.argwhere(~close)[:5]]
    expect(False, f"{what}: {int((~close).sum())} of {close.size} values differ",
           expected=explain or f"values within rtol={rtol:g}, atol={atol:g}",
           got=f"at {POSITION.get(got.ndim, '[position]')}:\n" + "\n".join(rows))


def expect_float64(got: np.ndarray, what: str, why: str) -> None:
    expect(got.dtype == np.float64, f"{what} should hold float64 ({why})",
           expected="ndarray of float64", got=f"ndarray of {got.dtype}")


def as_number(got: Any, what: str) -> float:
    """A Python float, NumPy scalar or 0-d array, as a float; anything else fails."""
    if isinstance(got, np.ndarray) and got.shape == ():
        return float(got)
    expect_type(got, (float, np.floating), what)
    return float(got)


WARNINGS_SNIPPET = """
import warnings
import numpy as np
import arrays

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    # NumPy's defaults, whatever the session set before (underflow to 0.0 is harmless)
    with np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
        getattr(arrays, name)(*args)
result = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
"""


def warnings_of(week: Any, name: str, *args: Any, label: str) -> list[str]:
    """The warnings a learner function raises on `args`, recorded in the sandbox."""
    return week.run_snippet(WARNINGS_SNIPPET, label=label, name=name, args=list(args))


RAISES_SNIPPET = """
import numpy as np
import arrays

outcomes = []
for case in cases:
    try:
        getattr(arrays, name)(np.asarray(case[0]), case[1])
        outcomes.append(None)
    except NotImplementedError:
        raise  # still the starter: reported as not started
    except Exception as exc:
        outcomes.append(f"{type(exc).__name__}: {exc}")
result = outcomes
"""


def expect_value_errors(week: Any, name: str, cases: list[tuple[list[int], Any]],
                        shown_as: str, why: str) -> None:
    """Each (array, second argument) case makes `name` raise ValueError."""
    outcomes = week.run_snippet(RAISES_SNIPPET, label=f"{name} on bad input", name=name,
                                cases=[list(c) for c in cases])
    for (values, second), outcome in zip(cases, outcomes, strict=True):
        call = shown_as.format(values=values, second=second)
        expect(outcome is not None and outcome.startswith("ValueError"),
               f"{call} should raise ValueError ({why})",
               expected="ValueError with a message saying what is wrong",
               got=(f"raised {outcome}" if outcome else "returned a result, silently"))


# -- standardize -----------------------------------------------------------------------------


@milestone("1.6")
def test_standardize_uses_population_std_per_column(week):
    X = np.array([[1, 200], [2, 180], [6, 260], [3, 240]])  # int input: float64 comes back
    got = week.call("arrays.standardize", shown(week, X))
    expect_array(got, reference_standardize(X), "standardize(X)",
                 explain="(x - column mean) / column std, std with ddof=0 (population, like "
                         "StandardScaler)")
    expect_float64(got, "standardize(X)", "int input still gives fractional z-scores")


@milestone("1.6")
def test_standardize_constant_column_becomes_zero(week):
    # Column 1 is 5.0 everywhere; column 2 is 0.1 everywhere, where rounding makes
    # x - mean about 1e-17 instead of 0, so `std == 0` is not a test of "constant".
    X = np.array([[1.0, 5.0, 0.1], [2.0, 5.0, 0.1], [4.0, 5.0, 0.1]])
    got = week.call("arrays.standardize", shown(week, X))
    expect_array(got, reference_standardize(X), "standardize(X) with constant columns",
                 explain="0.0 in the constant columns 1 and 2 (not NaN, not ±1: for 0.1s the "
                         "std is ~1e-17, not 0)")
    one_row = np.array([[3.0, -1.0, 7.5]])
    got = week.call("arrays.standardize", shown(week, one_row))
    expect_array(got, np.zeros((1, 3)), "standardize of one row (every column is constant)")
    warned = warnings_of(week, "standardize", X, label="standardize(X) with constant columns, "
                         "recording warnings")
    expect(not warned, "standardize warned on a constant column: the 0 / 0 was computed even "
           "if its NaN was replaced afterwards", expected="no warning (divide by a safe std)",
           got="; ".join(warned))


# -- sigmoid ---------------------------------------------------------------------------------


@milestone("1.6")
def test_sigmoid_on_scalars_and_any_shape(week):
    got = as_number(week.call("arrays.sigmoid", 0.0), "sigmoid(0.0)")
    expect_equal(got, 0.5, "sigmoid(0.0)")
    z = np.linspace(-6.0, 6.0, 12)
    for shape in [(12,), (3, 4), (2, 3, 2)]:
        arg = z.reshape(shape)
        got = week.call("arrays.sigmoid", shown(week, arg, "z"))
        expect_array(got, reference_sigmoid(arg), f"sigmoid(z) for z of shape {shape}")
    empty = np.array([])
    got = week.call("arrays.sigmoid", shown(week, empty))
    expect_array(got, np.array([]), "sigmoid of an empty array")


@milestone("1.6")
def test_sigmoid_stable_at_plus_minus_1000(week):
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    got = week.call("arrays.sigmoid", shown(week, z))
    expect_array(got, reference_sigmoid(z), "sigmoid(z) at extreme scores",
                 explain=f"[0.0 (or tiny), {float(reference_sigmoid(-40.0)):.2g}, 0.5, 1.0, 1.0],"
                         " no NaN")
    expect(got[-1] == 1.0, "sigmoid(1000) should be exactly 1.0", expected="1.0",
           got=repr(float(got[-1])))
    warned = warnings_of(week, "sigmoid", z, label="sigmoid([-1000, -40, 0, 40, 1000]), "
                         "recording warnings")
    expect(not warned, "sigmoid warned at |z| = 1000, where np.exp(1000) is inf. The check "
           "records warnings on purpose: a right answer reached through inf is luck",
           expected="no warning (take exp of -|z| only)", got="; ".join(warned))


# -- log_loss --------------------------------------------------------------------------------


@milestone("1.6")
def test_log_loss_is_mean_binary_cross_entropy(week):
    y = np.array([1, 0, 1, 1, 0])
    p = np.array([0.9, 0.2, 0.6, 0.99, 0.01])
    got = week.call("arrays.log_loss", shown(week, y), shown(week, p))
    expect_equal(as_number(got, "log_loss(y, p)"), reference_log_loss(y, p), "log_loss(y, p)",
                 explain=f"{reference_log_loss(y, p):.6f}: -mean(y log p + (1 - y) log(1 - p))")


@milestone("1.6")
def test_log_loss_finite_when_p_is_0_or_1(week):
    y = np.array([1, 0, 1, 0])
    p = np.array([1.0, 0.0, 0.0, 1.0])  # two perfect answers, two confidently wrong ones
    got = as_number(week.call("arrays.log_loss", shown(week, y), shown(week, p)),
                    "log_loss(y, p)")
    expected = reference_log_loss(y, p)
    expect(bool(np.isfinite(got)), "log_loss is not finite when p is exactly 0 or 1: clip p to "
           "[eps, 1 - eps] before taking logs", expected=f"{expected:.4f}", got=repr(got))
    expect_equal(got, expected, "log_loss(y, p) with p exactly 0 and 1",
                 explain=f"{expected:.6f} (p clipped to [1e-15, 1 - 1e-15])")


# -- one_hot ---------------------------------------------------------------------------------


@milestone("1.6")
def test_one_hot_shape_dtype_and_values(week):
    labels = np.array([2, 0, 1, 2])
    got = week.call("arrays.one_hot", shown(week, labels))
    expect_array(got, reference_one_hot(labels), "one_hot(labels)")
    expect_float64(got, "one_hot(labels)", "as its docstring promises")
    got = week.call("arrays.one_hot", shown(week, labels), n_classes=5)
    expect_array(got, reference_one_hot(labels, 5), "one_hot(labels, n_classes=5)")
    none = np.array([], dtype=np.int64)
    got = week.call("arrays.one_hot", week.label(none, "np.array([], dtype=int)"), n_classes=3)
    expect_array(got, np.zeros((0, 3)), "one_hot of no labels with n_classes=3")


@milestone("1.6")
def test_one_hot_rejects_labels_out_of_range(week):
    week.call("arrays.one_hot", shown(week, np.array([0, 1])), 2)
    expect_value_errors(week, "one_hot", [([0, 1, 3], 3), ([0, -1, 2], 3), ([-1, 0], None)],
                        "one_hot(np.array({values}), n_classes={second})",
                        "labels must be in 0 .. n_classes - 1; NumPy would read -1 as the "
                        "last class")


# -- pairwise_distances ----------------------------------------------------------------------


@milestone("1.6")
def test_pairwise_distances_shape_and_values(week):
    A = np.array([[0, 0, 0], [3, 4, 0], [1, 2, 2], [-1, 0, 5]])  # int input
    B = np.array([[0, 0, 0], [1, 1, 1]])
    for a, b in [(A, B), (A[:1], B), (A, B[1:]), (A[:0], B)]:
        got = week.call("arrays.pairwise_distances", shown(week, a), shown(week, b))
        expect_array(got, reference_pairwise_distances(a, b),
                     f"pairwise_distances(A, B) for A {a.shape}, B {b.shape}",
                     rtol=1e-7, atol=1e-7)


@milestone("1.6")
def test_pairwise_distances_zero_not_nan_for_equal_rows(week):
    # Customers as (tenure, monthly charges, ...): values near 100 make |a|^2 + |b|^2 - 2ab
    # cancel, and rounding can leave it slightly negative on the diagonal.
    rng = np.random.default_rng(6)
    A = np.round(rng.normal([30, 70, 100, 5], [20, 30, 10, 2], size=(20, 4)), 2)
    got = week.call("arrays.pairwise_distances", shown(week, A, "A"), shown(week, A, "A"))
    expect_type(got, np.ndarray, "pairwise_distances(A, A)")
    bad = int((~np.isfinite(got)).sum()) if got.dtype.kind == "f" else 0
    expect(bad == 0, f"pairwise_distances(A, A) has {bad} NaN or inf values: with the "
           "|a|^2 + |b|^2 - 2ab trick, rounding can go below 0; clip at 0 before np.sqrt",
           expected="finite distances, 0.0 (or ~1e-6) on the diagonal",
           got=f"non-finite at (row, column) {np.argwhere(~np.isfinite(got))[:3].tolist()}")
    expect_array(got, reference_pairwise_distances(A, A), "pairwise_distances(A, A)",
                 rtol=1e-7, atol=1e-4)


# -- moving_average --------------------------------------------------------------------------


@milestone("1.6")
def test_moving_average_matches_valid_convolution(week):
    x = np.array([3, 1, 4, 1, 5, 9, 2, 6])  # int input: the means are fractions
    for window in (3, 1, len(x)):
        got = week.call("arrays.moving_average", shown(week, x), window)
        expect_array(got, reference_moving_average(x, window),
                     f"moving_average(x, {window})",
                     explain=f"{len(x) - window + 1} trailing means, like "
                             f"np.convolve(x, np.ones({window}) / {window}, 'valid')")


@milestone("1.6")
def test_moving_average_rejects_bad_windows(week):
    week.call("arrays.moving_average", shown(week, np.array([1.0, 2.0])), 1)
    x = [3, 1, 4]
    expect_value_errors(week, "moving_average", [(x, 0), (x, -2), (x, 4)],
                        "moving_average(np.array({values}), {second})",
                        "a window must cover 1 to len(x) values")


# -- speed: vectorized, not a Python loop over elements --------------------------------------

SPEED_SNIPPET = """
import contextlib
import math
import time
import numpy as np
import arrays

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # without it, BLAS keeps its threads
    def threadpool_limits(limits):
        return contextlib.nullcontext()

def best(run, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        if sum(times) > 1.0:  # a slow function: one or two runs say enough
            break
    return min(times)

rng = np.random.default_rng(0)
%(setup)s

def learner():
    return %(call)s

def loop():
%(loop)s

# One BLAS thread, like the loop: on a busy machine, idle BLAS threads cost more than they give.
with threadpool_limits(limits=1):
    learner()  # warm-up: imports and first-call costs are not the function's speed
    result = {"learner_s": best(learner, 5), "loop_s": best(loop, 3) * %(scale)s}
"""


@dataclass(frozen=True)
class Speed:
    """A speed check: setup code, the learner's call, a plain loop, and the ratio to reach.

    The ratios were measured, not guessed. On 100,000 values, correct NumPy (np.where,
    boolean masks, scipy, einsum, sliding windows, pandas rolling) runs 7-500x faster than these
    loops, and loops over elements (for, comprehension, np.vectorize, a running sum) 0.1-2x;
    a double loop of C-coded math.dist reaches 6x, hence the higher bar for distances.
    Memory-bound NumPy slows more than a loop on a busy machine, so each bar sits well below
    the slowest correct style. The moving-average window is small (5) so that the loop's cost is
    per element, like any Python loop's, not per window.
    """

    call: str
    setup: str
    loop: str
    size: str
    min_ratio: float
    scale: float = 1.0


SPEEDS = {
    "standardize": Speed(
        call="arrays.standardize(X)", size="a 1,000 x 100 table", min_ratio=4,
        setup="X = rng.normal(size=(1000, 100))",
        loop="""\
    rows = X.tolist()
    n, d = len(rows), len(rows[0])
    means = [sum(r[j] for r in rows) / n for j in range(d)]
    stds = [math.sqrt(sum((r[j] - means[j]) ** 2 for r in rows) / n) for j in range(d)]
    return [[(r[j] - means[j]) / stds[j] for j in range(d)] for r in rows]"""),
    "sigmoid": Speed(
        call="arrays.sigmoid(z)", size="100,000 values", min_ratio=4,
        setup="z = rng.normal(0, 10, 100_000)",
        loop="""\
    return np.array([1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
                     for v in z])"""),
    "log_loss": Speed(
        call="arrays.log_loss(y, p)", size="100,000 values", min_ratio=4,
        setup="y = rng.integers(0, 2, 100_000)\np = rng.uniform(0.001, 0.999, 100_000)",
        loop="""\
    total = 0.0
    for label, prob in zip(y.tolist(), p.tolist()):
        prob = min(max(prob, 1e-15), 1 - 1e-15)
        total += label * math.log(prob) + (1 - label) * math.log(1 - prob)
    return -total / len(y)"""),
    "one_hot": Speed(
        call="arrays.one_hot(labels, 10)", size="100,000 labels", min_ratio=4,
        setup="labels = rng.integers(0, 10, 100_000)",
        loop="""\
    out = np.zeros((len(labels), 10))
    for i, label in enumerate(labels):
        out[i, label] = 1.0
    return out"""),
    "pairwise_distances": Speed(
        call="arrays.pairwise_distances(A, B)", size="300 x 300 pairs of 8 features",
        min_ratio=10, scale=9.0,  # the loop runs on 100 x 100 pairs: 9 times fewer
        setup="A = rng.normal(size=(300, 8))\nB = rng.normal(size=(300, 8))",
        loop="""\
    rows_a, rows_b = A[:100].tolist(), B[:100].tolist()
    return [[math.sqrt(sum((a - b) ** 2 for a, b in zip(r, s))) for s in rows_b]
            for r in rows_a]"""),
    "moving_average": Speed(
        call="arrays.moving_average(x, 5)", size="100,000 values", min_ratio=6,
        setup="x = rng.normal(size=100_000)",
        loop="""\
    xs = x.tolist()
    return [sum(xs[i:i + 5]) / 5 for i in range(len(xs) - 5 + 1)]"""),
}


def expect_vectorized(week: Any, name: str) -> None:
    """The learner's `name` beats the plain loop by SPEEDS[name].min_ratio, measured in the
    sandbox on the same data."""
    speed = SPEEDS[name]
    code = SPEED_SNIPPET % {"setup": speed.setup, "call": speed.call, "loop": speed.loop,
                            "scale": speed.scale}
    call = speed.call.removeprefix("arrays.")
    timing = week.run_snippet(code, label=f"{call} on {speed.size}, timed against a plain "
                              "Python loop in the same kernel")
    learner_s, loop_s = timing["learner_s"], timing["loop_s"]
    ratio = loop_s / max(learner_s, 1e-9)
    expect(ratio >= speed.min_ratio,
           f"{name} ran at {ratio:.1f}x the speed of a plain Python loop: is there a loop "
           "(for, a comprehension, np.vectorize, apply) over the elements?",
           expected=f"at least {speed.min_ratio:g}x the loop's speed (the loop took "
                    f"{loop_s * 1e3:.1f} ms)",
           got=f"{learner_s * 1e3:.1f} ms: {ratio:.1f}x")


def _probe(week: Any, name: str) -> None:
    """A small plain call first: a starter or a crash is reported as such, with its trace."""
    small = {"standardize": (np.ones((2, 2)),), "sigmoid": (np.zeros(2),),
             "log_loss": (np.array([0, 1]), np.array([0.5, 0.5])),
             "one_hot": (np.array([0, 1]), 2), "pairwise_distances": (np.ones((2, 2)),) * 2,
             "moving_average": (np.ones(3), 2)}[name]
    week.call(f"arrays.{name}", *(shown(week, a) if isinstance(a, np.ndarray) else a
                                  for a in small))


@milestone("1.6")
def test_standardize_is_vectorized(week):
    _probe(week, "standardize")
    expect_vectorized(week, "standardize")


@milestone("1.6")
def test_sigmoid_is_vectorized(week):
    _probe(week, "sigmoid")
    expect_vectorized(week, "sigmoid")


@milestone("1.6")
def test_log_loss_is_vectorized(week):
    _probe(week, "log_loss")
    expect_vectorized(week, "log_loss")


@milestone("1.6")
def test_one_hot_is_vectorized(week):
    _probe(week, "one_hot")
    expect_vectorized(week, "one_hot")


@milestone("1.6")
def test_pairwise_distances_is_vectorized(week):
    _probe(week, "pairwise_distances")
    expect_vectorized(week, "pairwise_distances")


@milestone("1.6")
def test_moving_average_is_vectorized(week):
    _probe(week, "moving_average")
    expect_vectorized(week, "moving_average")

