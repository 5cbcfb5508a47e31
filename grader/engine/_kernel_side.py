"""The only engine code that runs inside the sandbox kernel.

The judge writes a request file and executes ``__import__("_mlpath_kernel").serve(path)``;
this module performs it (import, call, eval, attribute access on a handle), encodes the result
with `codec`, and writes a response file. Faults are described, never re-raised, so the judge
always gets an answer while the kernel is alive. Loaded by `_launch` under the names
``_mlpath_kernel``, ``_mlpath_codec`` and ``_mlpath_protocol``.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
from typing import Any

import _mlpath_codec as codec  # type: ignore[import-not-found]
import _mlpath_protocol as protocol  # type: ignore[import-not-found]

R = protocol.Reason
_handles: dict[int, Any] = {}
_state: dict[str, Any] = {"io_dir": "", "root": "", "shown_as": "", "learner_s": 0.0}


def init(io_dir: str, root: str, shown_as: str) -> None:
    """Remember where requests live, where the learner's files are and how to name them."""
    _state.update(io_dir=io_dir, root=os.path.realpath(root), shown_as=shown_as)
    if root not in sys.path:
        sys.path.insert(0, root)


def _keep(obj: Any) -> dict[str, Any]:
    handle_id = id(obj)
    _handles[handle_id] = obj
    try:
        text = repr(obj)
    except Exception:  # a learner's broken __repr__ must not break the transfer
        text = f"<{type(obj).__name__}>"
    return {"t": "handle", "id": handle_id, "type": codec._type_name(obj), "repr": text[:300]}


def _resolve(env: dict[str, Any]) -> Any:
    return _handles[env["id"]]


def _decode_all(args: list[Any], kwargs: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    return ([codec.decode(a, _resolve) for a in args],
            {k: codec.decode(v, _resolve) for k, v in kwargs.items()})


def _user_ns() -> dict[str, Any]:
    ip = sys.modules.get("IPython")
    shell = ip.get_ipython() if ip else None
    return shell.user_ns if shell is not None else {}


def _import(module: str) -> Any:
    path = os.path.join(_state["root"], *module.split(".")) + ".py"
    if not os.path.exists(path) and module not in sys.modules:
        raise _Missing(f"{_shown(path)} does not exist")
    return importlib.import_module(module)


def _target(name: str) -> Any:
    module, _, func = name.rpartition(".")
    mod = _import(module)
    try:
        return getattr(mod, func)
    except AttributeError:
        raise _Missing(f"{_shown(mod.__file__)} defines no `{func}`") from None


class _Missing(Exception):
    """A file, function or name the check needs is not there."""


class _Importing(Exception):
    """Wraps an exception raised while a learner module was being imported."""


def _timed(thunk: Any) -> Any:
    """Run learner code, adding its wall time to the request's `learner_s` (bench's bare)."""
    start = time.perf_counter()
    try:
        return thunk()
    finally:
        _state["learner_s"] += time.perf_counter() - start


def _perform(req: dict[str, Any]) -> Any:
    op = req["op"]
    if op == "import":
        return _timed(lambda: _wrap_import(lambda: _import(req["target"]))) and None
    if op == "call":
        if "handle" in req:
            obj = _handles[req["handle"]]
            func = getattr(obj, req["name"]) if req.get("name") else obj
        else:
            func = _timed(lambda: _wrap_import(lambda: _target(req["target"])))
        args, kwargs = _decode_all(req.get("args", []), req.get("kwargs", {}))
        return _timed(lambda: func(*args, **kwargs))
    if op == "getattr":
        return _timed(lambda: getattr(_handles[req["handle"]], req["name"]))
    if op == "eval":
        ns = _user_ns()
        try:
            return _timed(lambda: eval(req["name"], ns))
        except NameError as exc:
            raise _Missing(str(exc)) from None
    if op == "snippet":
        _, kwargs = _decode_all([], req.get("kwargs", {}))
        return _snippet(req["name"], kwargs, bool(req.get("capture")))
    if op == "release":
        _handles.pop(req["handle"], None)
        return None
    if op == "reset":
        return _reset()
    raise ValueError(f"unknown op {op!r}")


def _snippet(code: str, inputs: dict[str, Any], capture: bool) -> Any:
    """Run a check's own code next to the learner's (context managers, timings, logging).

    The code sets `result`; with `capture`, log records and printed text come back too.
    """
    import contextlib
    import io
    import logging

    ns: dict[str, Any] = {"__name__": "__grader_snippet__", **inputs}
    if not capture:
        exec(compile(code, "<grader check>", "exec"), ns)
        return ns.get("result")
    records: list[dict[str, Any]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append({"logger": record.name, "level": record.levelname,
                            "message": record.getMessage()})

    handler, out = Keep(level=1), io.StringIO()
    root = logging.getLogger()
    root.addHandler(handler)
    error = None
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<grader check>", "exec"), ns)
    except NotImplementedError as exc:  # the starter's stub: "not started", not a result
        if "StdinNotImplementedError" in {c.__name__ for c in type(exc).__mro__}:
            error = {"type": type(exc).__name__, "message": str(exc)}
        else:
            raise
    except Exception as exc:  # reported as data: the check decides what a raise means
        error = {"type": type(exc).__name__, "message": str(exc)}
    finally:
        root.removeHandler(handler)
    return {"result": ns.get("result"), "logs": records, "stdout": out.getvalue(),
            "error": error}


def _wrap_import(thunk: Any) -> Any:
    try:
        return thunk()
    except (_Missing, KeyboardInterrupt):
        raise
    except SyntaxError:
        raise
    except BaseException as exc:
        raise _Importing() from exc


def _reset() -> None:
    """Forget learner modules and notebook names: the next notebook starts as after a restart."""
    root = _state["root"]
    for name, mod in list(sys.modules.items()):
        path = getattr(mod, "__file__", None) or ""
        if path and os.path.realpath(path).startswith(root + os.sep):
            del sys.modules[name]
    ip = sys.modules.get("IPython")
    shell = ip.get_ipython() if ip else None
    if shell is not None:
        shell.reset(new_session=False)
    _handles.clear()


def _shown(path: str | None) -> str:
    """A sandbox path as the learner knows it (weeks/week01/clean.py)."""
    real = os.path.realpath(path or "")
    root = _state["root"]
    if real.startswith(root + os.sep):
        return _state["shown_as"] + "/" + os.path.relpath(real, root)
    return path or "?"


def _frames(exc: BaseException) -> list[dict[str, Any]]:
    """The traceback frames that are the learner's own: files under the sandbox root."""
    frames = []
    for fs in traceback.extract_tb(exc.__traceback__):
        if not os.path.isabs(fs.filename):  # <frozen ...>, pandas/_libs/x.pyx: not the learner's
            continue
        real = os.path.realpath(fs.filename)
        if real.startswith(_state["root"] + os.sep):
            frames.append({"file": _shown(fs.filename), "line": fs.lineno or 0,
                           "function": fs.name, "code": (fs.line or "").strip()})
    if isinstance(exc, SyntaxError) and exc.filename:
        frames.append({"file": _shown(exc.filename), "line": exc.lineno or 0,
                       "function": "<module>", "code": (exc.text or "").strip()})
    return frames


def _reason(exc: BaseException) -> str:
    names = {cls.__name__ for cls in type(exc).__mro__}
    if "StdinNotImplementedError" in names:
        return R.STDIN
    if isinstance(exc, NotImplementedError):
        return R.NOT_STARTED
    if isinstance(exc, SystemExit):
        return R.EXIT
    if isinstance(exc, MemoryError):
        return R.MEMORY
    if isinstance(exc, KeyboardInterrupt):
        return R.TIMEOUT
    if isinstance(exc, SyntaxError):
        return R.SYNTAX
    return R.EXCEPTION


def _describe(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, _Missing):
        return {"ok": False, "reason": R.MISSING, "ename": "Missing", "evalue": str(exc),
                "frames": []}
    reason = None
    if isinstance(exc, _Importing) and exc.__cause__ is not None:
        exc = exc.__cause__
        reason = R.IMPORT
    reason = _reason(exc) if reason is None or isinstance(exc, SyntaxError) else reason
    try:
        evalue = str(exc)
    except Exception:
        evalue = "<unprintable>"
    return {"ok": False, "reason": reason, "ename": type(exc).__name__,
            "evalue": evalue[:2000], "frames": _frames(exc)}


def serve(request_path: str) -> None:
    """Perform one request and write its response; never raises."""
    with open(request_path, encoding="utf-8") as fh:
        req = json.load(fh)
    _state["learner_s"] = 0.0
    try:
        value = _perform(req)
        response = {"ok": True, "value": codec.encode(value, _state["io_dir"], _keep)}
    except BaseException as exc:  # every fault becomes a described answer
        response = _describe(exc)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    response["learner_s"] = _state["learner_s"]
    tmp = req["response"] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(response, fh)
    os.replace(tmp, req["response"])
