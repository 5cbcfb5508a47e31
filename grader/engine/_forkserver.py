"""A fork server: ``python -m <learner module>`` without paying Python and pandas each time.

Run as a script by `forkserver.ForkServer` in a week's sandbox copy. It imports the week's
preload modules once (numpy, pandas, pyarrow: 0.4 s of every fresh ``python -m``), then, for
each request, forks a child that becomes what ``python -m module args`` would have been: its
own session, working directory, environment, address-space cap, stdin from /dev/null,
stdout and stderr to files, a fresh ``__main__``, the working directory first on sys.path,
reseeded random generators. The child runs the module as ``python -m`` does
(runpy._run_module_as_main), reports exceptions and SystemExit as the interpreter would, runs
atexit handlers and exits. This process never imports learner code, so each child starts from
the same clean state a new interpreter would.

Protocol (one JSON object per line): request on stdin
``{"module", "args", "cwd", "env", "stdout", "stderr", "memory_mb"}``; replies on stdout
``{"pid": N}`` right after the fork (the judge may kill that session at its time limit), then
``{"returncode": R}`` (negative: killed by that signal, as subprocess reports it).

Usage: _forkserver.py PRELOAD(comma list)
"""

import contextlib
import importlib
import json
import os
import sys


def _child(req: dict) -> None:
    """Become ``python -m module args``; never returns."""
    code = 1
    try:
        os.setsid()
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        if req["memory_mb"] > 0:
            import resource

            limit = req["memory_mb"] << 20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        _redirect(req)
        sys.path.insert(0, req["cwd"])
        importlib.invalidate_caches()
        _reseed()
        code = _run(req["module"], req["args"])
        import atexit

        atexit._run_exitfuncs()  # as the interpreter does on its way out
    except BaseException:  # whatever happens, the child must not return to the server loop
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(BaseException):  # a closed stream: nothing to flush
                stream.flush()
        os._exit(code)


def _redirect(req: dict) -> None:
    """fds 0/1/2 as a fresh process run by the judge has them, and sys streams over them."""
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(req["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    err = os.open(req["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for fd, target in ((null, 0), (out, 1), (err, 2)):
        os.dup2(fd, target)
        os.close(fd)
    encoding = os.environ.get("PYTHONIOENCODING", "utf-8").split(":")[0] or "utf-8"
    sys.stdin = sys.__stdin__ = open(0, encoding=encoding, closefd=False)  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(1, "w", encoding=encoding,  # noqa: SIM115
                                       closefd=False)
    sys.stderr = sys.__stderr__ = open(2, "w", encoding=encoding,  # noqa: SIM115
                                       errors="backslashreplace", closefd=False,
                                       buffering=1)


def _reseed() -> None:
    """A fresh interpreter seeds its generators from the OS: so must each child."""
    import random

    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def _run(module: str, args: list) -> int:
    """runpy as ``python -m`` runs it, in a new ``__main__``; the interpreter's exit code."""
    import runpy
    import types

    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = __builtins__
    sys.modules["__main__"] = main
    sys.argv = [module, *args]
    try:
        runpy._run_module_as_main(module, alter_argv=True)  # what `python -m` calls
    except SystemExit as stop:
        return _exit_code(stop.code)
    except BaseException as exc:  # printed as the interpreter prints it
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
            tb = tb.tb_next  # this server's frames: not in a fresh `python -m` traceback
        sys.excepthook(type(exc), exc.with_traceback(tb), tb)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    return 0


def _exit_code(code: object) -> int:
    """SystemExit's code as the interpreter turns it into an exit status."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _reply(obj: dict) -> None:
    os.write(1, (json.dumps(obj) + "\n").encode())


def main() -> None:
    # Not this script's folder: learner modules must not resolve against the engine's.
    del sys.path[0]
    for name in filter(None, sys.argv[1].split(",")):
        try:
            importlib.import_module(name)
        except Exception:  # a missing optional module only costs speed
            continue
    _reply({"ready": True})
    for line in sys.stdin.buffer:
        req = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(req)
        _reply({"pid": pid})
        _, status = os.waitpid(pid, 0)
        _reply({"returncode": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    main()
