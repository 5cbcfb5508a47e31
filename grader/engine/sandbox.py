"""One Jupyter kernel running a learner's week, in a throwaway copy of that week's folder.

The sandbox owns the kernel's lifecycle and its limits: a memory cap set by `_launch`, a time
limit per execution (interrupt first, restart if the kernel will not stop), and recovery after
a crash so the next check gets a working kernel. It knows nothing about checks or milestones:
it executes code and moves request/response files (see `protocol` and `_kernel_side`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

from .forkserver import ForkServer, ServerGone
from .protocol import Reason

LAUNCHER = str(Path(__file__).with_name("_launch.py"))
PREFIX, OWNER = "mlpath-", "owner.pid"  # each sandbox copy: /tmp/mlpath-*/, and who made it
STALE_S = 24 * 3600.0  # a copy with no owner file, untouched this long, is left over
_IGNORE = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", ".grader", "*.pyc")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


#: Environment of every learner process. One BLAS/OpenMP thread each: weeks are graded in
#: parallel on small machines, and a scikit-learn fit with a thread per core in each of two
#: kernels ran 10x slower than with one (oversubscription), hitting time limits.

LEARNER_ENV = {"MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1"}

@dataclass(frozen=True)
class Limits:
    """Per-week limits: seconds per call or cell, and the kernel's address-space cap."""

    time_s: float = 30.0
    memory_mb: int = 4096
    start_s: float = 90.0
    preload: tuple[str, ...] = ("numpy", "pandas", "pyarrow")


@dataclass
class Execution:
    """What one execute request produced. `fault` is set when no normal reply came back."""

    status: str = "ok"  # ok | error | fault
    ename: str = ""
    evalue: str = ""
    traceback: list[str] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    fault: Reason | None = None
    detail: str = ""


def _make_manager(limits: Limits, crash_log: str) -> Any:
    from jupyter_client.manager import KernelManager

    class LimitedKernelManager(KernelManager):
        """A KernelManager that starts the kernel through `_launch` (limits, preload)."""

        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            cmd = super().format_kernel_cmd(extra_arguments)
            tail = cmd[cmd.index("-f"):]
            return [sys.executable, LAUNCHER, str(limits.memory_mb), ",".join(limits.preload),
                    crash_log, "--", *tail, "--HistoryManager.enabled=False",
                    "--IPKernelApp.quiet=True"]

    # IPC sockets: local only, no TCP ports to open or to warn about.
    ipc = os.path.join(os.path.dirname(crash_log), "kernel")
    return LimitedKernelManager(kernel_name="python3", transport="ipc", ip=ipc)


class Sandbox:
    """A kernel started in a temporary copy of `week_dir`, next to a copy of the course data."""

    def __init__(self, week_dir: Path, shown_as: str, data_dir: Path | None, limits: Limits):
        self.week_dir = week_dir
        self.shown_as = shown_as
        self.limits = limits
        sweep_stale_copies()
        self.tmp = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.tmp / OWNER).write_text(str(os.getpid()))
        self.root = self.tmp / "sub" / week_dir.name
        shutil.copytree(week_dir, self.root, ignore=_IGNORE)
        if data_dir is not None and data_dir.is_dir():
            shutil.copytree(data_dir, self.tmp / "data", ignore=_IGNORE)
        self.io = self.tmp / "io"
        self.io.mkdir()
        self.crash_log = str(self.io / "crash.log")
        self.generation = 0  # bumped at every restart: handles and notebook state die with it
        self._seq = itertools.count()
        self._km: Any = None
        self._kc: Any = None
        self._ready = False
        self._forks: ForkServer | None = None  # runs the learner's tools (engine.forkserver)
        # Seconds the learner's code ran: inside the kernel (calls, notebook cells) and as
        # command-line tools. The benchmarks' "bare execution time" (GRADER_TIMINGS).
        self.learner_s = 0.0

    # -- lifecycle -------------------------------------------------------------------------
    def resync(self) -> None:
        """Copy the learner's files again, for a kernel warmed before the save it grades.

        Only before `ready`: the kernel has imported no learner code yet. The folder itself
        stays (it is the kernel's working directory); its contents are replaced.
        """
        if self._ready:
            raise RuntimeError("resync after the kernel loaded learner code")
        for child in self.root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        if self.week_dir.is_dir():
            shutil.copytree(self.week_dir, self.root, ignore=_IGNORE, dirs_exist_ok=True)

    def start(self) -> None:
        """Launch the kernel process without waiting for it (warm-up overlaps other work)."""
        if self._km is None:
            self._km = _make_manager(self.limits, self.crash_log)
            env = {**os.environ, **LEARNER_ENV, "PYDEVD_DISABLE_FILE_VALIDATION": "1",
                   "IPYTHONDIR": str(self.tmp / "ipython"), "JUPYTER_PLATFORM_DIRS": "1"}
            env.pop("PYTEST_XDIST_WORKER", None)
            self._km.start_kernel(cwd=str(self.root), env=env)

    def ready(self) -> None:
        """Block until the kernel answers, then load the kernel-side helper."""
        if self._ready:
            return
        self.start()
        self._kc = self._km.client()
        self._kc.start_channels()
        try:
            self._kc.wait_for_ready(timeout=self.limits.start_s)
        except RuntimeError as exc:
            raise SandboxBroken(f"the sandbox kernel did not start: {exc}") from exc
        self._ready = True
        boot = (f"__import__('_mlpath_kernel').init({str(self.io)!r}, {str(self.root)!r}, "
                f"{self.shown_as!r})")
        result = self.execute(boot, timeout=self.limits.start_s)
        if result.status != "ok":
            raise SandboxBroken(f"the sandbox kernel did not initialise: {result.evalue}")

    def restart(self) -> None:
        """Start over after a fault; everything in the kernel is gone."""
        self.generation += 1
        self._ready = False
        if self._kc is not None:
            self._kc.stop_channels()
            self._kc = None
        if self._km is not None:
            with contextlib.suppress(Exception):  # a dead kernel may refuse a polite shutdown
                self._km.shutdown_kernel(now=True)
            self._km = None
        self.ready()

    def close(self) -> None:
        """Kill the kernel at once (no polite shutdown: nothing in it is worth saving)."""
        if self._forks is not None:
            self._forks.close()
        if self._kc is not None:
            self._kc.stop_channels()
        if self._km is not None:
            with contextlib.suppress(Exception):
                self._km.shutdown_kernel(now=True)
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- execution -------------------------------------------------------------------------
    def execute(self, code: str, timeout: float | None = None, *,
                learner: bool = False) -> Execution:
        """Run `code` in the kernel within `timeout` seconds; faults come back as data.

        `learner`: the code is the learner's (a notebook cell): its time in the kernel
        counts in `learner_s`.
        """
        timeout = self.limits.time_s if timeout is None else timeout
        if not self._ready:
            self.ready()
        msg_id = self._kc.execute(code, silent=False, store_history=False, allow_stdin=False,
                                  stop_on_error=False)
        reply = self._wait_reply(msg_id, timeout)
        if isinstance(reply, Execution):
            return reply
        result = self._drain_iopub(msg_id)
        if learner:
            self.learner_s += _kernel_seconds(reply)
        content = reply["content"]
        result.status = content["status"]
        if result.status == "error":
            result.ename = content.get("ename", "")
            result.evalue = content.get("evalue", "")
            result.traceback = [_ANSI.sub("", line) for line in content.get("traceback", [])]
        return result

    def _wait_reply(self, msg_id: str, timeout: float) -> dict[str, Any] | Execution:
        deadline = time.monotonic() + timeout
        interrupted = False
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                if interrupted:  # the interrupt did not work: the kernel is stuck in C code
                    self.restart()
                    return Execution(status="fault", fault=Reason.TIMEOUT,
                                     detail=f"still running after {timeout:g} s")
                self._km.interrupt_kernel()
                interrupted = True
                deadline = time.monotonic() + 5.0
                continue
            try:
                msg = self._kc.get_shell_msg(timeout=min(remaining, 0.25))
            except Empty:
                if not self._km.is_alive():
                    return self._died()
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def _died(self) -> Execution:
        code = self._km.provisioner.process.returncode if self._km.provisioner else None
        trace = Path(self.crash_log).read_text(errors="replace") if os.path.exists(
            self.crash_log) else ""
        if code is not None and code >= 0:
            fault, detail = Reason.EXIT, f"the kernel exited with code {code} (os._exit?)"
        elif code == -9:
            fault, detail = Reason.MEMORY, "the kernel was killed (signal 9): out of memory?"
        else:
            fault, detail = Reason.CRASH, f"the kernel died (signal {-(code or 0)})"
        self.restart()
        return Execution(status="fault", fault=fault, detail=detail,
                         traceback=self._learner_lines(trace))

    def _learner_lines(self, text: str) -> list[str]:
        """faulthandler's frames that point into the learner's files, made readable."""
        lines = []
        for match in re.finditer(r'File "([^"]+)", line (\d+) in (\S+)', text):
            path, line, func = match.groups()
            if path.startswith(str(self.root)):
                rel = self.shown_as + path[len(str(self.root)):]
                lines.append(f"{rel}:{line} in {func}")
        return lines

    def _drain_iopub(self, msg_id: str) -> Execution:
        result = Execution()
        out, err = [], []
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            try:
                msg = self._kc.get_iopub_msg(timeout=0.5)
            except Empty:
                break
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                (out if content["name"] == "stdout" else err).append(content["text"])
            elif kind == "status" and content["execution_state"] == "idle":
                break
        result.stdout, result.stderr = "".join(out), "".join(err)
        return result

    # -- requests --------------------------------------------------------------------------
    def request(self, req: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        """Send one protocol request; return the kernel's response (or a fault as a response)."""
        self.ready()
        n = next(self._seq)
        req_path, resp_path = self.io / f"req-{n}.json", self.io / f"resp-{n}.json"
        req_path.write_text(json.dumps({**req, "response": str(resp_path)}), encoding="utf-8")
        result = self.execute(f"__import__('_mlpath_kernel').serve({str(req_path)!r})", timeout)
        if result.fault is not None:
            return {"ok": False, "reason": result.fault, "ename": result.fault.value,
                    "evalue": result.detail, "frames": [], "trace": result.traceback,
                    "stdout": result.stdout}
        if result.status == "error" and result.ename == "KeyboardInterrupt":
            limit = self.limits.time_s if timeout is None else timeout
            return {"ok": False, "reason": Reason.TIMEOUT, "ename": "KeyboardInterrupt",
                    "evalue": f"{limit:g} s", "frames": [], "stdout": result.stdout}
        try:
            response = json.loads(resp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return {"ok": False, "reason": Reason.TRANSFER, "ename": "Transfer",
                    "evalue": f"no answer from the sandbox ({exc}); stderr: {result.stderr[-300:]}",
                    "frames": [], "stdout": result.stdout}
        response["stdout"] = result.stdout
        response["stderr"] = result.stderr
        self.learner_s += float(response.get("learner_s") or 0.0)
        return response


    def run_process(self, args: list[str], timeout: float, *, env: dict[str, str] | None = None,
                    cwd: Path | None = None) -> dict[str, Any]:
        """Run ``python ARGS`` in the sandbox copy (a command-line tool), with the same limits.

        Returns exit code, stdout and stderr; running past `timeout` gives ``timeout: True``.
        `env` adds variables (a model path); `cwd` runs it in another folder under the sandbox.
        """
        import subprocess

        # Its own session: at the time limit the whole group goes, with any server or worker
        # the learner's code started (subprocess.run would kill the direct child only).
        start = time.perf_counter()
        forked = self._run_forked(args, timeout, env, cwd)
        if forked is not None:
            self.learner_s += time.perf_counter() - start
            return forked
        with subprocess.Popen(**self._process_args(args, env, cwd), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              start_new_session=True) as process:
            try:
                stdout, stderr = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.stop_process(process, grace_s=0.0)
                stdout, stderr = process.communicate()
                return {"returncode": None, "stdout": _text(stdout), "stderr": _text(stderr),
                        "timeout": True}
            finally:
                self.learner_s += time.perf_counter() - start
        return {"returncode": process.returncode, "stdout": stdout, "stderr": stderr,
                "timeout": False}

    def start_tools(self) -> None:
        """Start the fork server for `run_process` now rather than at the first run (watch's
        warm start: it loads its libraries while the learner edits)."""
        if self._forks is None:  # once: a server that failed is not started again
            self._forks = ForkServer(self.limits.preload, self._tool_env(None), self.root,
                                     self.io)

    def _run_forked(self, args: list[str], timeout: float, env: dict[str, str] | None,
                    cwd: Path | None) -> dict[str, Any] | None:
        """``python -m <learner module>`` through the fork server (engine.forkserver), or
        None: not the learner's own module, or not runnable there exactly as a fresh
        interpreter would run it. A server that fails is not used again."""
        where = cwd or self.root
        if len(args) < 2 or args[0] != "-m" or not _is_module_in(args[1], where):
            return None
        full_env = self._tool_env(env)
        self.start_tools()
        assert self._forks is not None
        if not self._forks.alive() or not self._forks.can_run(full_env):
            return None
        try:
            return self._forks.run(args[1], args[2:], cwd=where, env=full_env,
                                   memory_mb=self.limits.memory_mb, timeout=timeout)
        except ServerGone:  # it closed itself: not alive from now on
            return None

    @property
    def _forks_failed(self) -> bool:
        """The fork server was started and is gone: tools run in fresh interpreters."""
        return self._forks is not None and not self._forks.alive()

    def start_process(self, args: list[str], *, env: dict[str, str] | None = None,
                      log: Path, cwd: Path | None = None) -> Any:
        """Start ``python ARGS`` in the background (a web server), output to `log`; a Popen.

        The caller stops it (`stop_process`). It runs in its own session, so stopping it
        also stops any worker it forked.
        """
        import subprocess

        with open(log, "wb") as out:
            return subprocess.Popen(**self._process_args(args, env, cwd), stdout=out,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True)

    @staticmethod
    def stop_process(process: Any, grace_s: float = 5.0) -> None:
        """SIGTERM the process group (a server shuts down cleanly), SIGKILL after `grace_s`."""
        import signal
        import subprocess

        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(grace_s)
        # Whatever is left in the group (the process, or workers it started) goes now.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5.0)

    def _process_args(self, args: list[str], env: dict[str, str] | None,
                      cwd: Path | None) -> dict[str, Any]:
        """Popen arguments shared by run_process and start_process: limits, environment."""
        limit = self.limits.memory_mb << 20

        def limit_memory() -> None:  # runs in the child, before the learner's code
            import resource

            if limit > 0:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        return {"args": [sys.executable, *args], "cwd": cwd or self.root,
                "env": self._tool_env(env), "preexec_fn": limit_memory}

    @staticmethod
    def _tool_env(env: dict[str, str] | None) -> dict[str, str]:
        """The environment of a learner's command-line tool, with the check's additions."""
        return {**os.environ, **LEARNER_ENV, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}

    def read_file(self, relative: str) -> bytes | None:
        """Bytes of a file the learner's code wrote in its sandbox copy, or None if absent."""
        path = (self.root / relative).resolve()
        if self.root.resolve() not in path.parents or not path.is_file():
            return None
        return path.read_bytes()


_swept = False


def sweep_stale_copies() -> list[Path]:
    """Remove sandbox copies whose grading process is gone (once per process); return them.

    A run cleans up after itself, but a killed one cannot (`kill -9`, a closed terminal,
    `-x` under xdist): its copy of the learner's week stays in the temporary folder. A copy
    whose owner process no longer exists is removed; one without an owner file (made before
    the owner was written down) only once untouched for a day.
    """
    global _swept
    if _swept:
        return []
    _swept = True
    now, removed = time.time(), []
    with contextlib.suppress(OSError), os.scandir(tempfile.gettempdir()) as entries:
        for entry in entries:
            if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
                continue
            path, stale = Path(entry.path), False
            try:
                owner = int((path / OWNER).read_text())
                stale = not _alive(owner)
            except (OSError, ValueError):
                with contextlib.suppress(OSError):
                    stale = now - entry.stat(follow_symlinks=False).st_mtime > STALE_S
            if stale:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive, and not ours to judge
    return True


def _is_module_in(module: str, folder: Path) -> bool:
    """Whether ``python -m module`` run in `folder` would run a file of the learner's there."""
    top = folder / module.split(".")[0]
    return top.with_suffix(".py").is_file() or (top / "__init__.py").is_file()


def _kernel_seconds(reply: dict[str, Any]) -> float:
    """How long an execute request ran, by the kernel's clock (no messaging in it): from
    ipykernel's `started` metadata to the reply's date. 0.0 when either is missing."""
    from datetime import datetime

    stamps = [reply.get("metadata", {}).get("started"), reply.get("header", {}).get("date")]
    try:
        start, end = (s if isinstance(s, datetime) else datetime.fromisoformat(str(s))
                      for s in stamps)
        return max(0.0, (end - start).total_seconds())
    except (TypeError, ValueError):
        return 0.0


def _text(data: bytes | str | None) -> str:
    if isinstance(data, bytes):
        return data.decode(errors="replace")
    return data or ""


class SandboxBroken(RuntimeError):
    """The sandbox itself could not be started: a grader or installation problem."""
