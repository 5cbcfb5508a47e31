"""Encode values as data only: JSON, Arrow IPC for data frames, `.npy` for arrays.

Both sides use this module: the kernel encodes learner results and decodes arguments; the
judge does the reverse. Nothing is ever pickled or unpickled, so an object from learner code
(say, one whose ``__eq__`` always returns True) can never reach the judge: anything that is
not plain data stays in the kernel and crosses as a *handle* (an id and a type name).

An envelope is a small JSON object ``{"t": kind, ...}``; large payloads go to files in the
sandbox's I/O folder, named by a counter so the two sides never collide.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable
from typing import Any

JSON_SCALARS = (bool, int, float, str, type(None))
_counter = itertools.count()


def _type_name(obj: Any) -> str:
    cls = type(obj)
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _new_path(io_dir: str, side: str, suffix: str) -> str:
    return os.path.join(io_dir, f"{side}-{os.getpid()}-{next(_counter)}{suffix}")


def encode(
    obj: Any,
    io_dir: str,
    keep: Callable[[Any], dict[str, Any]],
    side: str = "k",
) -> dict[str, Any]:
    """Return a JSON-able envelope for `obj`; `keep(obj)` makes a handle for what cannot cross."""
    module = type(obj).__module__.split(".")[0]
    if module == "numpy":  # before the scalars: numpy.float64 subclasses float
        env = _encode_numpy(obj, io_dir, side)
        if env is not None:
            return env
    if isinstance(obj, JSON_SCALARS):
        cls = type(obj)
        if cls in JSON_SCALARS:
            if isinstance(obj, float) and not math.isfinite(obj):
                return {"t": "float", "v": repr(obj)}
            return {"t": "json", "v": obj}
        # A subclass of int/str/float keeps only its plain value; its methods stay behind.
        base = next(b for b in JSON_SCALARS if isinstance(obj, b))
        return {"t": "json", "v": base(obj), "sub": _type_name(obj)}
    if isinstance(obj, (list, tuple)) and type(obj) in (list, tuple):
        kind = "list" if type(obj) is list else "tuple"
        return {"t": kind, "items": [encode(x, io_dir, keep, side) for x in obj]}
    if type(obj) is dict:
        pairs = [[encode(k, io_dir, keep, side), encode(v, io_dir, keep, side)]
                 for k, v in obj.items()]
        return {"t": "dict", "items": pairs}
    if module == "pandas":
        env = _encode_pandas(obj, io_dir, side)
        if env is not None:
            return env
    if module == "polars":
        env = _encode_polars(obj, io_dir, side)
        if env is not None:
            return env
    if module == "pathlib":
        return {"t": "path", "v": os.fspath(obj)}
    return keep(obj)


def _encode_numpy(obj: Any, io_dir: str, side: str) -> dict[str, Any] | None:
    import numpy as np

    if isinstance(obj, np.generic):
        if obj.dtype.kind in "biuf":
            value = obj.item()
            if isinstance(value, float) and not math.isfinite(value):
                value = repr(value)
            return {"t": "npscalar", "dtype": obj.dtype.str, "v": value}
        if obj.dtype.kind == "U":
            return {"t": "npscalar", "dtype": obj.dtype.str, "v": str(obj)}
        return None
    if isinstance(obj, np.ndarray) and type(obj) is np.ndarray and obj.dtype.kind in "biufcUSmM":
        path = _new_path(io_dir, side, ".npy")
        np.save(path, obj, allow_pickle=False)
        return {"t": "ndarray", "path": path}
    return None


def _encode_pandas(obj: Any, io_dir: str, side: str) -> dict[str, Any] | None:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.ipc as ipc

    if isinstance(obj, pd.DataFrame):
        frame, kind, extra = obj, "dataframe", {}
    elif isinstance(obj, pd.Series):
        name = obj.name if isinstance(obj.name, JSON_SCALARS) else str(obj.name)
        frame, kind, extra = obj.to_frame("__series__"), "series", {"name": name}
    elif isinstance(obj, pd.Index) and not isinstance(obj, pd.MultiIndex):
        frame, kind, extra = pd.DataFrame({"__index__": obj}), "index", {"name": obj.name}
    else:
        return None
    try:
        if not frame.columns.is_unique:
            return None
        table = pa.Table.from_pandas(frame, preserve_index=True)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    path = _new_path(io_dir, side, ".arrow")
    with pa.OSFile(path, "wb") as sink, ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return {"t": kind, "path": path, **extra}


def _encode_polars(obj: Any, io_dir: str, side: str) -> dict[str, Any] | None:
    import polars as pl

    if isinstance(obj, pl.DataFrame):
        path = _new_path(io_dir, side, ".arrow")
        obj.write_ipc(path)
        return {"t": "polars", "path": path}
    if isinstance(obj, pl.Series):
        path = _new_path(io_dir, side, ".arrow")
        obj.to_frame().write_ipc(path)
        return {"t": "polars_series", "path": path}
    return None


def decode(env: dict[str, Any], resolve: Callable[[dict[str, Any]], Any]) -> Any:
    """Rebuild a value from its envelope; `resolve(env)` turns a handle envelope into an object."""
    kind = env["t"]
    if kind == "json":
        return env["v"]
    if kind == "float":
        return float(env["v"])
    if kind in ("list", "tuple"):
        items = [decode(x, resolve) for x in env["items"]]
        return items if kind == "list" else tuple(items)
    if kind == "dict":
        return {decode(k, resolve): decode(v, resolve) for k, v in env["items"]}
    if kind == "path":
        from pathlib import Path

        return Path(env["v"])
    if kind == "npscalar":
        import numpy as np

        value = env["v"]
        return np.dtype(env["dtype"]).type(float(value) if isinstance(value, str) else value)
    if kind == "ndarray":
        import numpy as np

        return np.load(env["path"], allow_pickle=False)
    if kind in ("dataframe", "series", "index"):
        return _decode_pandas(env)
    if kind in ("polars", "polars_series"):
        import polars as pl

        frame = pl.read_ipc(env["path"])
        return frame if kind == "polars" else frame.to_series(0)
    if kind == "handle":
        return resolve(env)
    raise ValueError(f"unknown envelope kind {kind!r}")


def _decode_pandas(env: dict[str, Any]) -> Any:
    import pyarrow as pa
    import pyarrow.ipc as ipc

    with pa.memory_map(env["path"], "r") as source:
        table = ipc.open_file(source).read_all()
    frame = table.to_pandas()
    if env["t"] == "dataframe":
        return frame
    if env["t"] == "series":
        series = frame["__series__"]
        series.name = env.get("name")
        return series
    index = frame["__index__"]
    import pandas as pd

    return pd.Index(index.to_numpy(), dtype=index.dtype, name=env.get("name"))
