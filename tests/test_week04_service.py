"""Week 4's solution service as its clients meet it: fuzzed against its own OpenAPI schema, and
the README's curl command run against a live uvicorn.

The model is built once per test process by the week's own ``python -m build_model`` into a
temporary folder (``solutions/week04/models/`` is not in git) and handed to the service as a
learner's would be: ``create_app(folder)`` in process, ``CHURN_MODEL_DIR`` for uvicorn.

The fuzzing is schemathesis (an instructor extra: skipped where it is not installed). The
pytest plugin is not loaded here (pyproject's ``--disable-plugin-autoload``), so each operation
gets the Hypothesis test the plugin would build for it (``create_test``: the schema's examples,
the coverage phase's boundary and wrong-type values, then random positive and negative cases),
run in process against the ASGI app with its lifespan entered. Derandomized: a failure found
once is found on every run.
"""

from __future__ import annotations

import importlib
import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
WEEK = ROOT / "solutions" / "week04"
#: The week's modules, imported by their plain names as uvicorn and test_app.py do.
MODULES = ("app", "schemas")
#: Every route the service has: a new one must be fuzzed too.
OPERATIONS = ["POST /predict", "POST /predict/batch", "GET /health"]
#: Generated cases per operation, on top of the examples and the coverage phase's cases.
MAX_EXAMPLES = 100
#: schemathesis checks every response must pass (`st explain <code>` tells more).
CHECKS = (
    "not_a_server_error",            # never a 5xx
    "status_code_conformance",       # every status is documented in the schema
    "content_type_conformance",      # the documented media type
    "response_schema_conformance",   # the body matches the documented schema (200 and 422)
    "positive_data_acceptance",      # a request the schema allows is answered 2xx
    "negative_data_rejection",       # a request the schema forbids is refused with a 4xx
)
STARTUP_S = 60


# --- the model and the week's modules ----------------------------------------------------------


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh reference model, built by the week's `build_model` as its README says."""
    out = tmp_path_factory.mktemp("week04-model")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-m", "build_model", "--out", str(out)], cwd=WEEK,
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"python -m build_model failed in {WEEK}:\n{done.stderr}"
    return out


@contextmanager
def solution_modules() -> Iterator[SimpleNamespace]:
    """Import the week's ``app.py`` and ``schemas.py`` by their plain names, then forget them.

    Their names are generic: whatever ``app`` or ``schemas`` was imported before is set aside
    and put back afterwards, and the week's folder leaves ``sys.path``.
    """
    saved = {name: sys.modules.pop(name) for name in MODULES if name in sys.modules}
    sys.path.insert(0, str(WEEK))
    dont_write = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # no __pycache__ in solutions/
    try:
        yield SimpleNamespace(**{name: importlib.import_module(name) for name in MODULES})
    finally:
        sys.dont_write_bytecode = dont_write
        sys.path.remove(str(WEEK))
        for name in MODULES:
            sys.modules.pop(name, None)
        sys.modules.update(saved)


@pytest.fixture(scope="module")
def week() -> Iterator[SimpleNamespace]:
    """The week's modules for this test module: ``week.app``, ``week.schemas``."""
    with solution_modules() as modules:
        yield modules


# --- fuzzing the OpenAPI schema ----------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(week: SimpleNamespace, model_dir: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The service's OpenAPI schema, loaded from the running ASGI app (lifespan entered)."""
    schemathesis = pytest.importorskip("schemathesis", reason="an instructor extra: "
                                       "pip install -e '.[instructor]'")
    from hypothesis.configuration import set_hypothesis_home_dir
    from schemathesis.python import asgi

    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))  # not .hypothesis/ in the repo
    app = week.app.create_app(model_dir)
    try:
        loaded = schemathesis.openapi.from_asgi("/openapi.json", app)  # starts the lifespan
        assert getattr(app.state, "model", None) is not None, (
            "the app's lifespan ran but app.state.model is not set: the model was not loaded")
        yield loaded
    finally:
        asgi.shutdown_lifespans()
        set_hypothesis_home_dir(None)


def test_every_operation_is_fuzzed(schema: Any) -> None:
    labels = sorted(result.ok().label for result in schema.get_all_operations())
    assert labels == sorted(OPERATIONS), (
        f"the service's OpenAPI schema has the operations {labels}; {Path(__file__).name} "
        f"fuzzes {sorted(OPERATIONS)}: update OPERATIONS")


@pytest.mark.slow
@pytest.mark.parametrize("label", OPERATIONS)
def test_operation_answers_as_documented(schema: Any, label: str) -> None:
    import hypothesis
    from schemathesis import checks as builtin
    from schemathesis.generation.hypothesis.builder import (
        HypothesisTestConfig,
        HypothesisTestMode,
        create_test,  # what schemathesis' pytest plugin calls (pinned: 4.32.5)
    )

    checks = [getattr(builtin, name) for name in CHECKS]  # the registry: built-in and OpenAPI
    operation = schema.find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the service's OpenAPI schema"

    def call_and_check(case: Any) -> None:
        case.call_and_validate(checks=checks)  # raises with the failure and a curl to replay it

    settings = hypothesis.settings(
        max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
        suppress_health_check=[hypothesis.HealthCheck.too_slow,
                               hypothesis.HealthCheck.filter_too_much])
    fuzz = create_test(operation=operation, test_func=call_and_check, config=HypothesisTestConfig(
        project=schema.config, modes=list(HypothesisTestMode), settings=settings))
    fuzz()


# --- the README's curl command against a live uvicorn ------------------------------------------


def readme_curl() -> str:
    """The first ```bash block of the README's *Your service* that starts with ``curl``."""
    text = (WEEK / "README.md").read_text(encoding="utf-8")
    section = text.split("## Your service", 1)[-1].split("\n## ", 1)[0]
    for block in re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL):
        if block.lstrip().startswith("curl"):
            return block.replace("\\\n", " ").strip()
    raise AssertionError("solutions/week04/README.md's *Your service* section has no ```bash "
                         "block starting with curl: milestone 4.5 needs one")


def sent_body(argv: list[str]) -> dict[str, Any]:
    """The JSON body a curl command line sends with ``-d`` (or ``--data``, ``--data-raw``)."""
    for flag, value in itertools.pairwise(argv):
        if flag in ("-d", "--data", "--data-raw", "--data-binary"):
            return json.loads(value)
    raise AssertionError(f"the README's curl command sends no -d body: {shlex.join(argv)}")


@pytest.fixture
def live_service(model_dir: Path, tmp_path: Path) -> Iterator[str]:
    """``python -m uvicorn app:app`` in the week's folder on a free port; its base URL."""
    log = tmp_path / "uvicorn.log"
    env = {**os.environ, "CHURN_MODEL_DIR": str(model_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", "0"]
    with log.open("w") as sink:
        server = subprocess.Popen(command, cwd=WEEK, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        url = wait_until_serving(server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_serving(server: subprocess.Popen, log: Path) -> str:
    """The URL uvicorn prints once it listens, after ``/health`` says the model is loaded."""
    deadline = time.monotonic() + STARTUP_S
    url = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"uvicorn exited with {server.returncode} before serving:\n"
                                 f"{log.read_text()}")
        if url is None:
            found = re.search(r"running on (http://\S+)", log.read_text())
            url = found and found[1]
        if url is not None:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if json.load(response).get("model_loaded"):
                        return url
            except OSError:
                pass
        time.sleep(0.05)
    raise AssertionError(f"uvicorn did not serve /health within {STARTUP_S} s:\n"
                         f"{log.read_text()}")


def test_readme_curl_targets_port_8000() -> None:
    command = readme_curl()
    assert "localhost:8000/predict" in command, (
        f"the README's curl command should call http://localhost:8000/predict, the port "
        f"*Your service* starts uvicorn on; it is:\n{command}")
    sent_body(shlex.split(command))


def test_readme_curl_answers_the_pipeline(live_service: str, week: SimpleNamespace,
                                          model_dir: Path) -> None:
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("no curl binary on PATH: the README's command cannot be run as written")
    argv = shlex.split(readme_curl().replace("http://localhost:8000", live_service))
    assert argv[0] == "curl"
    done = subprocess.run([curl, "--silent", "--show-error", "--max-time", "30",
                           "--write-out", r"\n%{http_code}", *argv[1:]],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"$ {shlex.join(argv)}\nfailed: {done.stderr}"
    text, _, status = done.stdout.rpartition("\n")
    assert status == "200", f"$ {shlex.join(argv)}\nanswered {status}: {text}"

    answer = json.loads(text)
    body = sent_body(argv)
    model = week.app.load_model(model_dir)
    rows = week.schemas.to_frame([week.schemas.Customer(**body)])
    expected = float(model.pipeline.predict_proba(rows)[0, 1])
    assert 0 <= answer["churn_probability"] <= 1, f"not a probability: {answer}"
    assert answer["churn_probability"] == pytest.approx(expected, abs=1e-9), (
        f"the service answered {answer['churn_probability']!r} for the README's customer; "
        f"the pipeline's predict_proba in process gives {expected!r}")
    assert answer["customerID"] == body.get("customerID")
    assert answer["will_churn"] == (expected >= model.threshold)
