"""The sandbox and the Week facade, driven directly on a tiny week folder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from grader.engine.course import Week as WeekSpec
from grader.engine.handles import Handle
from grader.engine.outcomes import LearnerFault
from grader.engine.sandbox import Limits
from grader.engine.week import Week

MODEL = '''
import numpy as np


class MeanModel:
    """Predicts the training mean: enough to exercise handles."""

    def fit(self, X, y):
        self.mean_ = float(np.mean(y))
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)


def build():
    return MeanModel()


def crash():
    import os
    os._exit(3)


def noisy():
    import logging
    logging.getLogger("telco").info("cleaning %d rows", 3)
    logging.getLogger("telco").debug("hidden at INFO")
    print("printed")
    return 3
'''

CLI = '''
import argparse
import sys
from pathlib import Path


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    Path(args.output).write_text("done")
    print("wrote", args.output, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
'''


SERVICE = '''
import os


async def app(scope, receive, send):
    """A bare ASGI app: answers every request with the CHURN_MODEL_DIR it was started with."""
    if scope["type"] == "lifespan":
        message = await receive()
        if os.environ.get("FAIL_AT_START"):
            await send({"type": "lifespan.startup.failed", "message": "no model in /nowhere"})
            return
        await send({"type": "lifespan.startup.complete"})
        await receive()
        await send({"type": "lifespan.shutdown.complete"})
        return
    body = os.environ.get("CHURN_MODEL_DIR", "").encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": body})
'''


def _notebook(*sources: str) -> str:
    cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [],
              "execution_count": None, "source": src} for i, src in enumerate(sources)]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sub") / "week09"
    folder.mkdir()
    (folder / "model.py").write_text(MODEL)
    (folder / "cli.py").write_text(CLI)
    (folder / "service.py").write_text(SERVICE)
    (folder / "nb.ipynb").write_text(_notebook("x = 40", "y = x + 2  # split cells are fine"))
    (folder / "stuck.ipynb").write_text(_notebook("z = 1", "while True:\n    pass"))
    spec = WeekSpec(id="week09", number=9, title="t", folder="week09", hours=1, goals=(),
                    milestones=(), preload=("numpy",), time_limit_s=3, memory_limit_mb=4096)
    w = Week(spec, folder, "weeks/week09", Limits(time_s=3, preload=("numpy",)))
    yield w
    w.close()
    assert (folder / "model.py").read_text() == MODEL  # the learner's file is untouched


def test_objects_that_cannot_cross_come_back_as_handles(week):
    model = week.call("model.build")
    assert isinstance(model, Handle) and model.type_name == "model.MeanModel"
    fitted = model.fit(np.zeros((4, 2)), np.array([1.0, 2.0, 3.0, 4.0]))
    assert isinstance(fitted, Handle)
    assert model.mean_ == 2.5
    np.testing.assert_array_equal(model.predict(np.zeros((3, 2))), [2.5, 2.5, 2.5])


def test_notebook_names_are_read_by_name_not_position(week):
    week.run_notebook("nb.ipynb")
    assert week.eval("y") == 42
    with pytest.raises(LearnerFault) as info:
        week.eval("not_defined")
    assert info.value.reason == "MISSING" and "nb.ipynb defines no `not_defined`" in str(
        info.value.evalue)


def test_a_stuck_cell_times_out_with_its_position(week):
    with pytest.raises(LearnerFault) as info:
        week.run_notebook("stuck.ipynb")
    assert info.value.reason == "TIMEOUT"
    assert "stuck.ipynb, cell 2 (while True:)" in info.value.where


def test_handles_die_with_the_kernel_and_say_so(week):
    model = week.call("model.build")
    with pytest.raises(LearnerFault) as info:
        week.call("model.crash")
    assert info.value.reason == "EXIT"
    with pytest.raises(LearnerFault) as lost:
        model.fit([1], [1])
    assert "lost when the sandbox restarted" in lost.value.evalue
    assert week.call("model.build").type_name == "model.MeanModel"  # the next call works


def test_sandbox_copy_is_removed_on_close(tmp_path):
    folder = tmp_path / "week01"
    folder.mkdir()
    (folder / "m.py").write_text("def f():\n    return 1\n")
    spec = WeekSpec(id="week01", number=1, title="t", folder="week01", hours=1, goals=(),
                    milestones=(), preload=(), time_limit_s=5, memory_limit_mb=4096)
    w = Week(spec, folder, "weeks/week01", Limits(time_s=5, preload=()))
    assert w.call("m.f") == 1
    sandbox_dir = Path(w.sandbox.tmp)
    w.close()
    assert not sandbox_dir.exists()


def test_snippets_run_check_code_next_to_learner_code(week):
    code = """
import logging
import model
logging.getLogger("telco").setLevel(logging.INFO)
result = model.noisy()
"""
    got = week.run_snippet(code, capture=True)
    assert got["result"] == 3 and got["stdout"] == "printed\n" and got["error"] is None
    assert got["logs"] == [{"logger": "telco", "level": "INFO", "message": "cleaning 3 rows"}]
    assert week.run_snippet("result = sum(values)", values=[1, 2, 3]) == 6


def test_command_line_tools_run_in_the_sandbox_copy(week):
    done = week.run_module("cli", "--output", "out.txt")
    assert done["returncode"] == 0 and "wrote out.txt" in done["stderr"]
    assert week.read_file("out.txt") == b"done"
    assert week.read_file("../../etc/passwd") is None  # only files inside the sandbox copy
    assert week.run_module("cli")["returncode"] == 2  # argparse: missing --output


def test_environment_and_working_folder_reach_command_line_tools(week):
    other = week.sandbox.io / "copy"
    other.mkdir()
    (other / "cli.py").write_text(CLI.replace('"done"', 'os.environ["MARK"]').replace(
        "import sys", "import os\nimport sys"))
    done = week.run_module("cli", "--output", "out.txt", env={"MARK": "from env"}, cwd=other)
    assert done["returncode"] == 0, done["stderr"]
    assert (other / "out.txt").read_text() == "from env"


def test_a_web_app_is_served_on_loopback_and_stopped(week):
    import httpx

    with week.serve("service:app", env={"CHURN_MODEL_DIR": "/models/a"}) as server:
        assert server.exited is None
        assert server.url.startswith("http://127.0.0.1:")
        assert httpx.get(server.url + "/health", timeout=5).text == "/models/a"
        process = server.process
    assert process.poll() is not None  # stopped on leaving the block


def test_a_web_app_that_fails_at_start_up_reports_its_exit_and_output(week):
    with week.serve("service:app", env={"FAIL_AT_START": "1"}) as server:
        assert server.exited not in (None, 0)
        assert "no model in /nowhere" in server.output()


def test_a_timed_out_tool_takes_the_processes_it_started_with_it(week):
    import time

    (week.sandbox.root / "spawner.py").write_text(
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
        "open('child.pid', 'w').write(str(child.pid))\n"
        "time.sleep(300)\n")
    import psutil

    with pytest.raises(LearnerFault, match=r"time limit"):
        week.run_module("spawner", timeout=3)
    pid = int(week.read_file("child.pid"))
    time.sleep(0.2)
    gone = not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert gone, "the grandchild is still running"


def test_copies_left_by_killed_runs_are_swept_and_live_ones_kept(tmp_path, monkeypatch):
    """A killed grading leaves its copy of the learner's week behind; the next run removes
    it, and never the copy of a run still going."""
    import os
    import subprocess
    import sys
    import tempfile

    from grader.engine import sandbox

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(sandbox, "_swept", False)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    for name, owner in (("mlpath-killed", gone), ("mlpath-running", str(os.getpid())),
                        ("mlpath-old", None), ("mlpath-new", None), ("other-dir", gone)):
        (tmp_path / name).mkdir()
        if owner:
            (tmp_path / name / sandbox.OWNER).write_text(owner)
    day_ago = os.path.getmtime(tmp_path / "mlpath-old") - sandbox.STALE_S - 60
    os.utime(tmp_path / "mlpath-old", (day_ago, day_ago))
    folder = tmp_path / "sub" / "week09"
    folder.mkdir(parents=True)
    box = sandbox.Sandbox(folder, "weeks/week09", None, Limits(preload=()))
    try:
        left = sorted(p.name for p in tmp_path.iterdir() if p != box.tmp)
        assert left == ["mlpath-new", "mlpath-running", "other-dir", "sub"]
        assert (box.tmp / sandbox.OWNER).read_text() == str(os.getpid())
    finally:
        box.close()
    assert sandbox.sweep_stale_copies() == []  # once per process
