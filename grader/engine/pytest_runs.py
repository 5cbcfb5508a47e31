"""Run a learner's pytest suite in several copies of their work at once, and read the results.

Weeks whose checks run the learner's own tests share this: 4.6 runs them against broken
copies of the learner's app, 7.2 against altered copies of a library. One sandbox process
(`RUNNER`: the sandbox's limits and environment) imports pytest and the libraries the tests
need once, then forks one ``pytest.main`` per copy, each in its own working directory and
process group. The children share the parent's imports (copy-on-write): five runs cost about
one start-up plus five test sessions. Each run writes JUnit XML; the judge reads only that
(`parse_junit`), never the learner's code.

    runs = [Run("control", cwd=copy, args=[..., f"--junitxml={xml}"], xml=xml)]
    suites = run_batch(week, runs, preload=["pytest", "numpy"], timeout=60.0)
    suites["control"].failed    # [Case(nodeid="tests/test_x.py::test_y", outcome="failed")]

JUnit XML cannot tell a test marked xfail that passed from one that simply passed: the runner
adds a plugin that records it (``xpassed``), so a check can tell the learner that marking a
test xfail is a change to it.
"""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Every outcome a `Case` can have.
OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")
#: The JUnit property the runner's plugin adds to a test marked xfail that passed.
XPASS_PROPERTY = "grader_outcome"
_PARAMETERS = re.compile(r"\[.*\]$", re.DOTALL)


@dataclass
class Case:
    """One test, as pytest's JUnit XML reports it."""

    nodeid: str  # tests/test_lift.py::TestLift::test_ties_gh2[a]
    name: str  # test_ties_gh2[a]
    file: str  # tests/test_lift.py ("" when the report does not say)
    outcome: str  # one of OUTCOMES
    message: str = ""
    text: str = ""

    @property
    def test_path(self) -> str:
        """The node id without its file: ``TestLift::test_ties_gh2[a]``."""
        return self.nodeid.split("::", 1)[-1]

    @property
    def family(self) -> str:
        """The node id without its parameters: every case of a parametrized test shares it."""
        return _PARAMETERS.sub("", self.nodeid)

    def where(self, width: int = 80) -> str:
        """``tests/test_lift.py:12  assert ...`` then the error pytest showed last: what failed.

        The line is the last frame of the test's own file in the traceback (`file`); the error
        is the first ``E`` line after the last frame. ``assert x, "why"`` shows both lines.
        """
        lines = self.text.splitlines()
        source, at, last_frame = "", "", -1
        for i, line in enumerate(lines):
            if not line.startswith((" ", "E ")) and ": in " in line:
                last_frame = i
            if self.file and line.startswith(self.file + ":") and ": in " in line:
                at = line.split(": in ")[0]
                source = lines[i + 1].strip() if i + 1 < len(lines) else ""
        errors = [line[1:].strip() for line in lines[last_frame + 1:] if line.startswith("E ")]
        error = errors[0] if errors else self.message.splitlines()[0] if self.message else ""
        if error.startswith("AssertionError: assert "):
            error = error.removeprefix("AssertionError: ")
        elif error.startswith("AssertionError") and len(errors) > 1 and \
                errors[1].startswith("assert "):  # assert x, "message": both lines say why
            error = f"{error}: {errors[1]}" if error != "AssertionError" else errors[1]
        shown = f"{at}  {source[:width]}" if at else ""
        return f"{shown}\n      {error[:100]}" if shown else error[:100]


@dataclass
class Suite:
    """What one pytest run did."""

    cases: list[Case] = field(default_factory=list)
    returncode: int | None = None
    output: str = ""
    timeout: bool = False  # stopped at its time limit
    xml: bool = False  # pytest wrote its report
    seconds: float = 0.0  # how long the batch it belonged to took
    limit_s: float = 0.0  # the time it had

    @property
    def collection_errors(self) -> list[Case]:
        """Test files pytest could not import (a run with one stops before any test)."""
        return [c for c in self.cases if c.outcome == "error" and c.message ==
                "collection failure"]

    @property
    def tests(self) -> list[Case]:
        """The tests that ran (collection errors left out)."""
        errors = self.collection_errors
        return [c for c in self.cases if c not in errors]

    ran = tests

    @property
    def passed(self) -> list[Case]:
        return [c for c in self.cases if c.outcome == "passed"]

    @property
    def failed(self) -> list[Case]:
        return [c for c in self.cases if c.outcome in ("failed", "error")]

    def by_id(self) -> dict[str, Case]:
        return {c.nodeid: c for c in self.tests}

    def by_family(self) -> dict[str, list[Case]]:
        """The tests that ran, grouped by node id without parameters (`Case.family`)."""
        families: dict[str, list[Case]] = {}
        for case in self.tests:
            families.setdefault(case.family, []).append(case)
        return families

    def caught(self) -> bool:
        """Did this run fail (a failing test, an error, or no clean finish)?"""
        return self.timeout or bool(self.failed) or not self.xml or self.returncode != 0

    def tail(self, n: int = 3) -> str:
        lines = [line[:110] for line in self.output.strip().splitlines() if line.strip()]
        return "\n".join(lines[-n:]) if lines else "(no output)"


def parse_junit(content: bytes, file: str = "") -> list[Case]:
    """The cases of a JUnit XML report, each named by its pytest node id.

    xunit1 reports (``-o junit_family=xunit1``) give each case its file; for xunit2 ones
    `file` is the test file they all come from (``test_app.py``), or "" when unknown.
    """
    cases = []
    for case in ET.fromstring(content).iter("testcase"):
        outcome, message, text = "passed", "", ""
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed"}.get(child.tag, child.tag)
                if child.tag == "skipped" and child.get("type") == "pytest.xfail":
                    outcome = "xfailed"
                message, text = child.get("message", ""), child.text or ""
                break
        if outcome == "passed" and any(p.get("name") == XPASS_PROPERTY and
                                       p.get("value") == "xpassed"
                                       for p in case.iter("property")):
            outcome = "xpassed"
        name, classname = case.get("name", "?"), case.get("classname", "")
        path = case.get("file", "") or file
        module = path.removesuffix(".py").replace("/", ".")
        if path and module and classname.startswith(module):
            classes = [part for part in classname[len(module):].split(".") if part]
            nodeid = "::".join([path, *classes, name])
        else:  # a collection error: classname is empty, name is the module
            nodeid = f"{classname}::{name}" if classname else name
        cases.append(Case(nodeid, name, path, outcome, message, text))
    return cases


def read_suite(xml: Path, returncode: int | None, output: str, timeout: bool, *,
               seconds: float = 0.0, limit_s: float = 0.0, file: str = "",
               shown: tuple[str, str] | None = None) -> Suite:
    """A run's Suite from its JUnit file (absent or cut short: no cases, ``xml`` False).

    `shown` = (path, as) replaces a copy's path in the messages with what the learner knows.
    """
    content = xml.read_bytes() if xml.is_file() else b""
    try:
        cases = parse_junit(content, file) if content else []
    except ET.ParseError:  # cut short at the deadline
        cases, content = [], b""
    if shown:
        for case in cases:
            case.message = case.message.replace(*shown)
            case.text = case.text.replace(*shown)
    return Suite(cases, returncode, output, timeout, bool(content), seconds, limit_s)


@dataclass(frozen=True)
class Run:
    """One pytest run of a batch: in which folder, with which arguments, where its XML goes."""

    name: str
    cwd: Path
    args: list[str]  # pytest's arguments, ``--junitxml=<xml>`` included
    xml: Path
    log: Path | None = None  # its output (default: next to the XML)
    file: str = ""  # the test file of an xunit2 report (`parse_junit`)
    shown: str | None = None  # how messages name `cwd` (default: its full path)

    @property
    def log_path(self) -> Path:
        return self.log or self.xml.with_suffix(".log")


#: Runs in the sandbox: import the libraries every run needs once, then fork one child per job
#: that runs pytest in its own copy. The children share the parent's imports (copy-on-write).
#: Nothing of the learner's is imported before the fork, so each child imports its own copy.
#: PRELOAD and TIMEOUT are filled in by `runner_code`.
RUNNER = """
import ctypes, json, os, signal, sys, time, warnings
deadline = time.monotonic() + TIMEOUT
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:
            pass
import pytest


class GraderOutcomes:
    # JUnit XML reports a test marked xfail that passed as passed: say so in a property.
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        if report.when == "call" and report.passed and hasattr(report, "wasxfail"):
            item.user_properties.append((PROPERTY, "xpassed"))
        return report


children = {}
for job in json.loads(sys.argv[1]):
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            os.setpgid(0, 0)  # its own group: a server a test started goes with it
            try:
                ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # dies with this runner
            except Exception:
                pass
            out = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(out, 2)
            os.chdir(job["cwd"])
            code = int(pytest.main(job["args"], plugins=[GraderOutcomes()]))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    children[pid] = job["name"]
codes = {}
while children and time.monotonic() < deadline:
    pid, status = os.waitpid(-1, os.WNOHANG)
    if pid == 0:
        time.sleep(0.02)
        continue
    codes[children.pop(pid)] = os.waitstatus_to_exitcode(status)
    try:
        os.killpg(pid, signal.SIGKILL)  # whatever its tests left running
    except OSError:
        pass
for pid, name in children.items():  # past the deadline: stopped, reported as timed out
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
    os.waitpid(pid, 0)
print(json.dumps(codes))
"""


def runner_code(preload: list[str], timeout: float) -> str:
    """`RUNNER` with what to import first and when to stop."""
    return (RUNNER.replace("PRELOAD", repr(list(preload))).replace("TIMEOUT", repr(float(timeout)))
            .replace("PROPERTY", repr(XPASS_PROPERTY)))


def run_batch(week: Any, runs: list[Run], *, preload: list[str], timeout: float,
              env: dict[str, str] | None = None, label: str = "pytest runner") -> dict[str, Suite]:
    """Run every `Run` at once in one sandbox process; each run's Suite by name.

    A run still going after `timeout` is stopped: its Suite has ``timeout`` set. `label` names
    the runner in the error raised when the runner itself gives no result (the grader's fault).
    """
    jobs = [{"name": run.name, "cwd": str(run.cwd), "log": str(run.log_path),
             "args": list(run.args)} for run in runs]
    t0 = time.perf_counter()
    done = week.sandbox.run_process(["-c", runner_code(preload, timeout), json.dumps(jobs)],
                                    timeout + 15, env=env)
    seconds = time.perf_counter() - t0
    try:
        codes = json.loads(done["stdout"].strip().splitlines()[-1])
    except (ValueError, IndexError):  # the runner itself failed: the grader's fault
        raise RuntimeError(f"the {label} gave no result (exit {done['returncode']}, "
                           f"timeout {done['timeout']}): {done['stderr'][-500:]}") from None
    suites = {}
    for run in runs:
        log = run.log_path
        output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        shown = (str(run.cwd), run.shown) if run.shown is not None else None
        suites[run.name] = read_suite(run.xml, codes.get(run.name), output,
                                      run.name not in codes, seconds=seconds, limit_s=timeout,
                                      file=run.file, shown=shown)
    return suites
