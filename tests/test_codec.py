"""The codec moves data only: values round-trip exactly, anything else becomes a handle."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import polars as pl
import pytest

from grader.engine import codec


def _roundtrip(value, tmp_path):
    kept = []

    def keep(obj):
        kept.append(obj)
        return {"t": "handle", "id": len(kept) - 1, "type": codec._type_name(obj)}

    env = codec.encode(value, str(tmp_path), keep)
    return codec.decode(env, lambda e: ("handle", e["type"])), env


@pytest.mark.parametrize("value", [None, True, 3, 2.5, "text", [1, "a"], (1, 2.0),
                                   {"a": [1, 2], "b": {"c": None}}, {1: "int key"}])
def test_json_values_round_trip_with_their_types(value, tmp_path):
    got, _ = _roundtrip(value, tmp_path)
    assert got == value and type(got) is type(value)


def test_non_finite_floats_round_trip(tmp_path):
    got, _ = _roundtrip([math.inf, -math.inf, math.nan], tmp_path)
    assert got[0] == math.inf and got[1] == -math.inf and math.isnan(got[2])


def test_numpy_scalars_keep_their_dtype(tmp_path):
    for value in (np.float64(0.25), np.int32(7), np.bool_(True), np.float32(1.5)):
        got, _ = _roundtrip(value, tmp_path)
        assert type(got) is type(value) and got == value


def test_arrays_travel_as_npy_without_pickle(tmp_path):
    value = np.arange(12, dtype=np.float32).reshape(3, 4)
    got, env = _roundtrip(value, tmp_path)
    assert env["t"] == "ndarray" and got.dtype == value.dtype
    np.testing.assert_array_equal(got, value)


def test_object_arrays_stay_behind(tmp_path):
    got, env = _roundtrip(np.array([object()], dtype=object), tmp_path)
    assert env["t"] == "handle" and got[0] == "handle"


def test_dataframes_keep_dtypes_and_index(tmp_path):
    frame = pd.DataFrame({
        "s": pd.array(["a", None, "c"], dtype="string"),
        "cat": pd.Categorical(["x", "y", "x"]),
        "b": [True, False, True],
        "f": [1.5, np.nan, 3.0],
        "i": np.array([1, 2, 3], dtype="int64"),
    }, index=pd.Index(["u1", "u2", "u3"], name="customerID"))
    got, env = _roundtrip(frame, tmp_path)
    assert env["t"] == "dataframe"
    pd.testing.assert_frame_equal(got, frame)


def test_series_keeps_name_and_index(tmp_path):
    series = pd.Series([1.0, 2.0], index=pd.Index(["a", "b"], name="id"), name="TotalCharges")
    got, _ = _roundtrip(series, tmp_path)
    pd.testing.assert_series_equal(got, series)


def test_polars_frames_round_trip(tmp_path):
    frame = pl.DataFrame({"contract": ["Month-to-month", "Two year"], "rate": [0.42, 0.03]})
    got, _ = _roundtrip(frame, tmp_path)
    assert got.equals(frame)


class AlwaysEqual:
    def __eq__(self, other):
        return True


class FloatLike(float):
    def __eq__(self, other):
        return True


def test_objects_with_forged_equality_never_cross(tmp_path):
    got, env = _roundtrip(AlwaysEqual(), tmp_path)
    assert env["t"] == "handle" and got == ("handle", f"{__name__}.AlwaysEqual")


def test_subclassed_scalars_cross_as_plain_values(tmp_path):
    got, env = _roundtrip(FloatLike(1.0), tmp_path)
    assert type(got) is float and got != 2.0 and env["sub"].endswith("FloatLike")


def test_subclassed_frames_stay_behind(tmp_path):
    class Sneaky(pd.DataFrame):
        pass

    _, env = _roundtrip(Sneaky({"a": [1]}), tmp_path)
    assert env["t"] == "handle"
