"""The judge's side of `_forkserver`: a learner's command-line tool run as a fork, not a new
Python.

Week 1's checks run ``python -m cleaner`` four times; each fresh interpreter spends 0.4 s
importing pandas and pyarrow before the learner's first line, 1.6 s of a 6 s week. The server
imports the week's preload once and forks per run, so a run costs what the learner's code
costs. Anything the server cannot do exactly as a fresh ``python -m`` would (a module that is
not the learner's own file, a PYTHON* variable that only interpreter start-up reads) is left
to a plain subprocess by `Sandbox.run_process`; so is every run after the server failed.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SERVER = str(Path(__file__).with_name("_forkserver.py"))


class ServerGone(RuntimeError):
    """The fork server died or broke protocol: the caller runs a plain subprocess instead."""


class ForkServer:
    """One `_forkserver` process for one sandbox: start early, `run` many times, `close`."""

    def __init__(self, preload: tuple[str, ...], env: dict[str, str], cwd: Path, io: Path):
        self.env = env  # the environment it starts with: what interpreter start-up read
        self.io = io
        self._count = 0
        self._buffer = b""
        self._ready = False
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, SERVER, ",".join(preload)], cwd=cwd, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True, bufsize=0)

    def alive(self) -> bool:
        """Whether the server still runs (stopped for good if not: `close`)."""
        if self.process is not None and self.process.poll() is not None:
            self.close()
        return self.process is not None

    def can_run(self, env: dict[str, str]) -> bool:
        """Whether a run with environment `env` would start as a fresh interpreter would:
        no PYTHON* variable differs from the one the server started with."""
        keys = {k for k in (*env, *self.env) if k.startswith("PYTHON")}
        return all(env.get(k) == self.env.get(k) for k in keys)

    def run(self, module: str, args: list[str], *, cwd: Path, env: dict[str, str],
            memory_mb: int, timeout: float) -> dict[str, Any]:
        """``python -m module args`` as a fork: returncode, stdout, stderr, timeout, as
        `Sandbox.run_process` returns them. Raises ServerGone if the server is not usable."""
        deadline = time.monotonic() + timeout
        try:
            if not self._ready:  # started early; the first run waits for its imports
                self._expect("ready", deadline + 60.0)
                self._ready = True
        except TimeoutError as exc:
            raise self._gone("the fork server did not start") from exc
        self._count += 1
        out, err = self.io / f"fork-{self._count}.out", self.io / f"fork-{self._count}.err"
        request = {"module": module, "args": args, "cwd": str(cwd), "env": env,
                   "stdout": str(out), "stderr": str(err), "memory_mb": memory_mb}
        try:
            assert self.process is not None and self.process.stdin is not None
            self.process.stdin.write((json.dumps(request) + "\n").encode())
        except (OSError, AssertionError) as exc:
            raise self._gone(f"request not sent: {exc}") from exc
        try:
            pid = self._expect("pid", time.monotonic() + 30.0)
        except TimeoutError as exc:
            raise self._gone("the fork server did not fork") from exc
        timed_out = False
        try:
            code = self._expect("returncode", deadline)
        except TimeoutError:
            timed_out, code = True, None
            _kill_session(pid)
            try:  # the server reaps the killed child and says so
                self._expect("returncode", time.monotonic() + 10.0)
            except (TimeoutError, ServerGone):
                self.close()  # the next run starts a plain subprocess; this one timed out
        return {"returncode": code, "stdout": _read(out),
                "stderr": _read(err), "timeout": timed_out}

    def _expect(self, key: str, deadline: float) -> Any:
        """The next reply's `key`; TimeoutError at `deadline` (the child still runs)."""
        line = self._line(deadline)
        try:
            return json.loads(line)[key]
        except (ValueError, KeyError) as exc:
            raise self._gone(f"unexpected reply {line[:200]!r}") from exc

    def _line(self, deadline: float) -> bytes:
        assert self.process is not None and self.process.stdout is not None
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                raise self._gone("the fork server exited")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _gone(self, why: str) -> ServerGone:
        self.close()
        return ServerGone(why)

    def close(self) -> None:
        """Stop the server (its session: it forks no other long-lived process)."""
        process, self.process = self.process, None
        if process is None:
            return
        _kill_session(process.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5.0)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _kill_session(pid: int) -> None:
    """SIGKILL the process group `pid` leads (or the process, before its setsid)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
