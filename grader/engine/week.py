"""What a check holds: one learner week, graded through its sandbox.

``week.call("clean.total_charges_as_float", raw)`` imports the learner's module in the kernel,
calls the function, and returns the result as data (or a `Handle`). ``week.run_notebook(
"first_look.ipynb")`` runs a notebook top to bottom; ``week.eval("churn_rate")`` then reads a
name it defined. Learner faults surface as `LearnerFault`; the kernel starts on first use, so
a week whose verdicts are cached never starts one.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from . import codec, notebook
from .course import ROOT
from .course import Week as WeekSpec
from .handles import Handle
from .outcomes import LearnerFault, current
from .protocol import Reason
from .sandbox import Limits, Sandbox

DATA_DIRS = (ROOT / "data", ROOT / "grader" / "hidden" / "data")
#: Faults that cost a time limit or a kernel restart: a later call to the same function
#: fails at once with the same fault instead of paying again.
_EXPENSIVE = {Reason.TIMEOUT, Reason.CRASH, Reason.EXIT, Reason.MEMORY}


class Week:
    """A learner's week folder, its sandbox, and the data checks may use."""

    def __init__(self, spec: WeekSpec, folder: Path, shown_as: str, limits: Limits):
        self.spec = spec
        self.folder = folder
        self.shown_as = shown_as
        self.limits = limits
        self.time_limit_s = limits.time_s
        self._sandbox: Sandbox | None = None
        self._labels: dict[int, str] = {}
        self._notebook: tuple[str, int] | None = None  # (run key, sandbox generation) loaded
        self._notebook_name = ""
        self._notebook_faults: dict[str, LearnerFault] = {}
        self._call_faults: dict[str, LearnerFault] = {}  # target -> fault that cost a restart
        self._once: dict[tuple[str, int], tuple[bool, Any, str, str]] = {}

    # -- sandbox ---------------------------------------------------------------------------
    @property
    def sandbox(self) -> Sandbox:
        """The week's kernel, created (not yet started) on first use."""
        if self._sandbox is None:
            self._sandbox = Sandbox(self.folder, self.shown_as, ROOT / "data", self.limits)
        return self._sandbox

    def warm(self, *, tools: bool = False) -> None:
        """Launch the kernel now, so it boots while pytest collects and checks other weeks.

        `tools`: start the fork server for command-line checks too (watch's warm start, where
        the wait for the save leaves time for it; otherwise it starts at the first tool run).
        """
        self.sandbox.start()
        if tools:
            self.sandbox.start_tools()

    @property
    def learner_s(self) -> float:
        """Seconds the learner's code has run in this week's sandbox (kernel and tools)."""
        return self._sandbox.learner_s if self._sandbox is not None else 0.0

    def resync(self) -> None:
        """Take the learner's files as they are now into the warmed sandbox (watch mode)."""
        if self._sandbox is not None:
            self._sandbox.resync()

    def close(self) -> None:
        """Stop the kernel and delete the sandbox copy."""
        if self._sandbox is not None:
            self._sandbox.close()
            self._sandbox = None

    # -- data ------------------------------------------------------------------------------
    def data(self, name: str) -> Any:
        """A course data set, judge-side.

        A CSV comes as the raw text IBM wrote (every column a string); a Parquet table (the
        cleaned customers weeks 2 and later start from) with the dtypes it was saved with.
        """
        frame = _read(_find(name)).copy()
        self._labels[id(frame)] = name
        return frame

    def data_path(self, name: str) -> str:
        """The path of a data set inside the sandbox, for learner functions that take a path.

        Learner data is already in the sandbox (``../../data``); hidden data is copied in only
        for the call that needs it.
        """
        source = _find(name)
        target = self.sandbox.io / source.name
        if not target.exists():
            shutil.copyfile(source, target)
        return str(target)

    def put_file(self, name: str, content: bytes) -> str:
        """Write a file the check made (a variant of a data set) into the sandbox; its path."""
        target = self.sandbox.io / name
        target.write_bytes(content)
        return str(target)

    def label(self, obj: Any, label: str) -> Any:
        """Name an argument the way messages should show it (``telco_churn_raw``)."""
        self._labels[id(obj)] = label
        return obj

    # -- calls -----------------------------------------------------------------------------
    def call(self, target: str, *args: Any, **kwargs: Any) -> Any:
        """Call ``module.function`` from the learner's week with data arguments."""
        module, _, func = target.rpartition(".")
        current.where = f"{self.shown_as}/{module.replace('.', '/')}.py::{func}"
        if target in self._call_faults:  # don't wait out the same infinite loop check after check
            raise self._call_faults[target]
        try:
            return self.request({"op": "call", "target": target}, args, kwargs, label=func)
        except LearnerFault as fault:
            if fault.reason in _EXPENSIVE:
                self._call_faults[target] = fault
            raise

    def once(self, key: str, thunk: Any) -> Any:
        """Compute `thunk()` once per kernel and reuse it across this week's checks.

        For results several checks inspect (the loaded table, the parsed column): the learner's
        code runs once, like a person would run it, and each check reads one property. A fault
        is remembered too, so it is reported by every check that needed the result.
        """
        memo_key = (key, self.sandbox.generation)
        if memo_key not in self._once:
            try:
                result = (True, thunk())
            except LearnerFault as fault:
                result = (False, fault)
            self._once[memo_key] = (*result, current.checking, current.where)
        ok, value, current.checking, current.where = self._once[memo_key]
        if not ok:
            raise value
        return value

    def run_snippet(self, code: str, *, capture: bool = False, label: str = "",
                    target: str = "", **inputs: Any) -> Any:
        """Run the check's own `code` in the week's kernel, where it can use learner modules.

        For what a plain call cannot do: enter a context manager, time a function against a
        loop in the same process, collect log records. `code` sets ``result``; `inputs` arrive
        as data. With `capture`, returns ``{"result", "logs", "stdout", "error"}``; the
        starter's NotImplementedError still means "not started". `target` ("arrays.sigmoid")
        names the learner function the message should point at.
        """
        current.checking = label or current.checking
        if target:
            module, _, func = target.rpartition(".")
            current.where = f"{self.shown_as}/{module.replace('.', '/')}.py::{func}"
        return self.request({"op": "snippet", "name": code, "capture": capture}, (), inputs,
                            label=label)

    def run_module(self, module: str, *args: str, timeout: float | None = None,
                   env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, Any]:
        """``python -m module args...`` in the sandbox copy: exit code, stdout, stderr.

        `env` adds environment variables; `cwd` (a folder under the sandbox, e.g. a copy the
        check altered) replaces the week folder as working directory.
        """
        current.checking = " ".join(["python -m", module, *args])
        current.where = f"{self.shown_as}/{module}.py"
        result = self.sandbox.run_process(["-m", module, *args],
                                          timeout or self.time_limit_s, env=env, cwd=cwd)
        if result["timeout"]:
            raise LearnerFault(Reason.TIMEOUT, "TIMEOUT", f"{timeout or self.time_limit_s:g} s",
                               where=current.where, checking=current.checking)
        last = (result["stderr"].strip().splitlines() or [""])[-1]
        if result["returncode"] and last.startswith("NotImplementedError: Milestone"):
            raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError", last.split(": ", 1)[1],
                               where=current.where, checking=current.checking)
        return result

    @contextlib.contextmanager
    def serve(self, app: str = "app:app", *, env: dict[str, str] | None = None,
              start_s: float | None = None, cwd: Path | None = None) -> Iterator[Server]:
        """Run the learner's ASGI app under uvicorn on a free loopback port, then stop it.

        Yields a `Server` (``url``, ``output()``) once the port accepts connections. A server
        that exits first (start-up failed) yields too, with ``exited`` set: the check decides
        whether that is the expected behaviour (a missing model) or a fault. `cwd` (a folder
        under the sandbox, e.g. a clean copy of a project) replaces the week folder.
        """
        port = _free_port()
        current.checking = f"uvicorn {app} --port {port}"
        log = self.sandbox.io / f"uvicorn-{port}.log"
        process = self.sandbox.start_process(
            ["-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
             "--workers", "1", "--no-access-log"], env=env, log=log, cwd=cwd)
        server = Server(f"http://127.0.0.1:{port}", process, log)
        try:
            server.wait_until_listening(start_s or self.time_limit_s)
            yield server
        finally:
            self.sandbox.stop_process(process)

    def read_file(self, relative: str) -> bytes | None:
        """A file the learner's code wrote, relative to the week folder (None if absent)."""
        return self.sandbox.read_file(relative)

    def imports(self, module: str) -> None:
        """Import a learner module (IMPORT/SYNTAX faults surface here)."""
        current.where = f"{self.shown_as}/{module}.py"
        self.request({"op": "import", "target": module}, label=f"import {module}")

    def request(self, req: dict[str, Any], args: tuple[Any, ...] = (),
                kwargs: dict[str, Any] | None = None, *, label: str = "") -> Any:
        """Send a request with encoded arguments; decode the answer or raise LearnerFault."""
        kwargs = kwargs or {}
        if req["op"] == "call":
            shown = [self._describe(a) for a in args]
            shown += [f"{k}={self._describe(v)}" for k, v in kwargs.items()]
            current.checking = f"{label}({', '.join(shown)})"
        io = str(self.sandbox.io)
        enc_args = [codec.encode(a, io, _send_handle, side="j") for a in args]
        enc_kwargs = {k: codec.encode(v, io, _send_handle, side="j") for k, v in kwargs.items()}
        if args or kwargs:
            req = {**req, "args": enc_args, "kwargs": enc_kwargs}
        response = self.sandbox.request(req, timeout=self.time_limit_s)
        if not response["ok"]:
            frames = [f"{f['file']}:{f['line']} in {f['function']}: {f['code']}"
                      for f in response.get("frames", [])] + response.get("trace", [])
            evalue = response.get("evalue", "")
            if response["reason"] == Reason.TIMEOUT:
                evalue = f"{self.time_limit_s:g} s"
            raise LearnerFault(response["reason"], response.get("ename", ""),
                               evalue, where=current.where,
                               checking=current.checking, frames=frames[-4:])
        return codec.decode(response["value"], lambda env: Handle(self, env))

    def _describe(self, value: Any) -> str:
        if id(value) in self._labels:
            return self._labels[id(value)]
        if isinstance(value, Handle):
            return value.short()
        shape = getattr(value, "shape", None)
        if shape is not None:
            return f"{type(value).__name__} of shape {tuple(shape)}"
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."

    # -- notebooks -------------------------------------------------------------------------
    def run_notebook(self, name: str, *, data: dict[str, str] | None = None) -> None:
        """Run a notebook top to bottom (once per kernel); its names are then in `eval`.

        `data` swaps course data files for the run, e.g. ``{"telco_churn_raw":
        "telco_churn_holdout"}``: the notebook reads its usual path but gets held-out
        customers, so an answer typed in by hand cannot pass.
        """
        memo = f"{name} {sorted((data or {}).items())}"
        if memo in self._notebook_faults:
            raise self._notebook_faults[memo]
        if self._notebook == (memo, self.sandbox.generation):
            return
        shown = f"{self.shown_as}/{name}"
        current.where, current.checking = shown, f"Restart & Run All of {name}"
        swapped = self._swap_data(data or {})
        try:
            notebook.run(self.sandbox, self.sandbox.root / name, shown)
        except LearnerFault as fault:
            fault.checking = fault.checking or current.checking
            self._notebook_faults[memo] = fault
            self._notebook = None
            raise
        finally:
            for target, original in swapped:
                target.write_bytes(original)
        self._notebook = (memo, self.sandbox.generation)
        self._notebook_name = name

    def forget_notebook(self) -> None:
        """Say the kernel's namespace no longer holds the last `run_notebook`'s names.

        For a check that runs a notebook its own way (cell by cell, with a hook installed):
        the next `run_notebook` or `eval` then starts from a fresh run instead of trusting
        a memo of the old one.
        """
        self._notebook = None

    def _swap_data(self, data: dict[str, str]) -> list[tuple[Path, bytes]]:
        swapped = []
        for usual, replacement in data.items():
            source = _find(replacement)
            target = self.sandbox.tmp / "data" / f"{usual}{source.suffix}"
            swapped.append((target, target.read_bytes()))
            target.write_bytes(source.read_bytes())
        return swapped

    def eval(self, expression: str, notebook: str | None = None) -> Any:
        """Evaluate a name or expression in the namespace the last notebook left behind."""
        if notebook is not None:
            self.run_notebook(notebook)
        elif self._notebook is not None and self._notebook[1] != self.sandbox.generation:
            self.run_notebook(self._notebook_name)
        if self._notebook:
            current.where = f"{self.shown_as}/{self._notebook_name}"
        current.checking = expression
        try:
            return self.request({"op": "eval", "name": expression}, label=expression)
        except LearnerFault as fault:
            if fault.reason == "MISSING" and self._notebook:
                fault.evalue = f"{self._notebook_name} defines no `{expression}` ({fault.evalue})"
            raise


class Server:
    """A learner's web app running under uvicorn in the sandbox (see `Week.serve`)."""

    def __init__(self, url: str, process: Any, log: Path):
        self.url, self.process, self.log = url, process, log
        self.exited: int | None = None

    def output(self) -> str:
        """What uvicorn and the app printed so far (stdout and stderr together)."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def wait_until_listening(self, timeout: float) -> None:
        """Return once the port accepts a connection or the process has exited."""
        host, port = self.url.removeprefix("http://").split(":")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (code := self.process.poll()) is not None:
                self.exited = code
                return
            with contextlib.suppress(OSError), socket.create_connection((host, int(port)), 0.2):
                return
            time.sleep(0.05)
        raise LearnerFault(Reason.TIMEOUT, "TIMEOUT",
                           f"{timeout:g} s: uvicorn did not start listening; "
                           f"last output: {self.output()[-300:]}",
                           where=current.where, checking=current.checking)


def _free_port() -> int:
    """A TCP port free on the loopback interface right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _send_handle(obj: Any) -> dict[str, Any]:
    if isinstance(obj, Handle):
        return {"t": "handle", "id": obj._ref()}
    raise TypeError(f"a check tried to send a {type(obj).__name__} to the sandbox; "
                    "send data (frames, arrays, JSON values) or handles")


def _find(name: str) -> Path:
    for folder in DATA_DIRS:
        for suffix in (".csv", ".parquet"):
            path = folder / f"{name}{suffix}"
            if path.exists():
                return path
    raise FileNotFoundError(f"no data set {name!r} in {', '.join(map(str, DATA_DIRS))}")


@cache
def _read(path: Path) -> Any:
    import pandas as pd

    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path, dtype=str, keep_default_na=False)
