"""A learner's `python -m tool` run through the fork server gives what a fresh interpreter
gives: exit code, stdout and stderr byte for byte (tracebacks included), with the same
limits, and it falls back to a fresh interpreter where it could not be exact."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from grader.engine.sandbox import Limits, Sandbox

TOOLS = {
    "echo.py": (
        "import os, sys\n"
        "print('argv', [os.path.basename(sys.argv[0]), *sys.argv[1:]], __name__,\n"
        "      os.path.basename(__file__))\n"
        "print('env', os.environ.get('MODEL_PATH'), 'cwd', os.path.basename(os.getcwd()))\n"
        "print('stdin', repr(sys.stdin.read()))\n"
        "print('globals', sorted(k for k in vars(sys.modules['__main__'])\n"
        "                        if not k.startswith('__')))\n"
        "print('path0', sys.path[0] == os.getcwd())\n"
        "open('written.txt', 'w').write('x')\n"
        "sys.stdout.write('no newline')\n"),
    "boom.py": "def f():\n    raise ValueError('bad value')\n\n\nf()\n",
    "quits.py": ("import sys\nprint('before')\n"
                 "sys.exit('no input: x.csv' if len(sys.argv) < 2 else int(sys.argv[1]))\n"),
    "needs.py": ("import argparse\np = argparse.ArgumentParser(description='d')\n"
                 "p.add_argument('--input', required=True)\nprint(p.parse_args())\n"),
    "broken.py": "def f(:\n    pass\n",
    "missing_dep.py": "import nonexistent_pkg_zz\n",
    "hog.py": "import numpy as np\nprint(np.ones(3 * 10**8).sum())\n",
    "goodbye.py": ("import atexit, logging\natexit.register(print, 'bye')\n"
                   "logging.basicConfig(level=logging.INFO)\n"
                   "logging.getLogger('telco').info('cleaned %d rows', 3)\n"),
    "draws.py": "import random\nimport numpy as np\nprint(random.random(), np.random.rand())\n",
    "loops.py": "import time\nprint('started', flush=True)\nwhile True:\n    time.sleep(0.01)\n",
}

CASES = [["echo", "--a", "1"], ["boom"], ["quits"], ["quits", "3"], ["needs"],
         ["needs", "--input", "x"], ["broken"], ["missing_dep"], ["hog"], ["goodbye"]]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sub") / "week09"
    folder.mkdir()
    for name, text in TOOLS.items():
        (folder / name).write_text(text)
    box = Sandbox(folder, "weeks/week09", None, Limits(memory_mb=1024, preload=("numpy",)))
    yield box
    box.close()


def _fresh(box: Sandbox, args: list[str], env: dict[str, str]) -> dict:
    """What a fresh interpreter gives: the plain subprocess the sandbox would otherwise use."""
    done = subprocess.run(**box._process_args(["-m", *args], env, None), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=60)
    return {"returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr,
            "timeout": False}


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a))
def test_a_forked_run_gives_what_a_fresh_interpreter_gives(sandbox, args):
    env = {"MODEL_PATH": "model.joblib"}
    forked = sandbox.run_process(["-m", *args], 20, env=env)
    assert sandbox._forks is not None and sandbox._forks.process is not None  # it was forked
    assert forked == _fresh(sandbox, args, env)


def test_the_cases_cover_what_a_tool_can_do(sandbox):
    """The comparison above is not vacuous: the outcomes differ from case to case."""
    got = {" ".join(a): sandbox.run_process(["-m", *a], 20) for a in CASES}
    assert got["echo --a 1"]["stdout"].startswith("argv ['echo.py', '--a', '1'] __main__")
    # A fresh __main__: only the tool's own imports, none of the server's globals.
    assert "globals ['os', 'sys']" in got["echo --a 1"]["stdout"]
    assert got["boom"]["stderr"].startswith('Traceback (most recent call last):\n  File "<frozen')
    assert got["boom"]["stderr"].endswith("ValueError: bad value\n")
    assert "_forkserver" not in got["boom"]["stderr"]
    assert (got["quits"]["returncode"], got["quits"]["stderr"]) == (1, "no input: x.csv\n")
    assert got["quits 3"]["returncode"] == 3 and got["needs"]["returncode"] == 2
    assert "SyntaxError" in got["broken"]["stderr"]
    assert "MemoryError" in got["hog"]["stderr"]  # 2.4 GB against a 1 GB cap
    assert got["goodbye"]["stdout"] == "bye\n" and "cleaned 3 rows" in got["goodbye"]["stderr"]


def test_each_run_draws_fresh_random_numbers(sandbox):
    draws = {sandbox.run_process(["-m", "draws"], 20)["stdout"] for _ in range(3)}
    assert len(draws) == 3


def test_a_run_past_its_time_limit_is_killed_and_the_server_goes_on(sandbox):
    start = time.monotonic()
    done = sandbox.run_process(["-m", "loops"], 1.0)
    assert done["timeout"] and done["returncode"] is None and done["stdout"] == "started\n"
    assert time.monotonic() - start < 10  # killed, not waited for
    assert sandbox.run_process(["-m", "quits", "0"], 20)["returncode"] == 0


def test_what_the_server_cannot_run_exactly_runs_in_a_fresh_interpreter(sandbox, tmp_path):
    forks = sandbox._forks
    # A module that is not the learner's file (no file named so in the folder).
    done = sandbox.run_process(["-m", "json.tool", "--help"], 20)
    assert done["returncode"] == 0 and "json.tool" in done["stdout"]
    # A PYTHON* variable only interpreter start-up reads.
    assert not forks.can_run({**forks.env, "PYTHONWARNINGS": "error"})
    done = sandbox.run_process(["-m", "echo"], 20, env={"PYTHONWARNINGS": "error"})
    assert done["returncode"] == 0


def test_a_dead_server_falls_back_to_fresh_interpreters_and_close_stops_it(tmp_path):
    folder = tmp_path / "week09"
    folder.mkdir()
    (folder / "quits.py").write_text(TOOLS["quits.py"])
    box = Sandbox(folder, "weeks/week09", None, Limits(preload=()))
    try:
        assert box.run_process(["-m", "quits", "4"], 20)["returncode"] == 4
        server = box._forks.process
        server.kill()
        server.wait()
        assert box.run_process(["-m", "quits", "5"], 20)["returncode"] == 5  # fresh Python
        assert box._forks_failed and box._forks.process is None
    finally:
        box.close()
    box = Sandbox(folder, "weeks/week09", None, Limits(preload=()))
    box.start_tools()
    pid = box._forks.process.pid
    box.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_week_one_runs_its_tools_through_the_server():
    """The cleaner CLI checks are what the server is for: each run is a fork, not a Python."""
    from grader.engine.course import load
    from grader.engine.week import Week

    root = Path(__file__).resolve().parents[1]
    spec = load().week("week01")
    week = Week(spec, root / "solutions" / "week01", "solutions/week01",
                Limits(preload=spec.preload))
    try:
        for _ in range(2):
            done = week.run_module("cleaner", "--help")
            assert done["returncode"] == 0 and "--input" in done["stdout"]
        forks = week.sandbox._forks
        assert forks is not None and forks.process is not None and forks._count == 2
    finally:
        week.close()
