"""Judge-side for 4.6: run the learner's own tests, against their app and against broken copies.

A test that cannot fail proves nothing. The grader runs ``pytest test_app.py`` in the sandbox
copy of the week (it must pass), then in copies whose ``app.py`` is a shim around the learner's
module that breaks one behaviour a customer would notice (each run must have a failing test):

    dead_health        GET /health answers 503 {"status": "unavailable", "model_loaded": false}
    predict_500        POST /predict answers 500 Internal Server Error
    wrong_probability  POST /predict answers 200 with churn_probability 1 - p
    no_validation      every 422 answer becomes 200 with a made-up prediction

A control copy has the same shim with nothing broken: its tests must pass, or the broken runs
prove nothing (a suite that fails whenever ``app.py`` is not the learner's own file would
"catch" every broken copy).

The shim renames the learner's ``app.py`` to ``_learner_app.py``, imports it, wraps its
``create_app`` so each app it returns gets a raw ASGI middleware that alters the answer, and
then *becomes* that module (``sys.modules["app"]``): ``from app import create_app, get_model,
_anything`` in the learner's tests sees the learner's names, with the broken factory and a
broken module-level ``app``. The learner's code is never run in the judge: only the JUnit XML
pytest writes is read here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from grader.engine import pytest_runs

TEST_FILE = "test_app.py"
#: pytest's options: no cache folder in the learner's copy; no plugin autoload (schemathesis,
#: nbval and hypothesis's plugins cost ~5 s per run) but anyio's, for `@pytest.mark.anyio`
#: tests with httpx's ASGITransport; short tracebacks, so a failure's text names the line.
PYTEST_OPTIONS = ["-q", "-p", "no:cacheprovider", "--disable-plugin-autoload", "-p", "anyio",
                  "--tb=short"]

#: What each broken copy does, as the learner's message says it.
KINDS = {
    "dead_health": 'GET /health answers 503 {"status": "unavailable", "model_loaded": false}',
    "predict_500": "POST /predict answers 500 Internal Server Error",
    "wrong_probability": "POST /predict answers 200 with churn_probability = 1 - p "
                         "(not the pipeline's probability)",
    "no_validation": "validation is off: every 422 answer became 200 with a made-up "
                     "prediction",
}

#: The copy whose shim breaks nothing: its tests must pass for the broken runs to count.
CONTROL = "control"

#: The broken copy's app.py. `{kind}` is one of KINDS (or CONTROL).
SHIM = '''"""The grader's broken copy of your app ({kind}); your app.py is _learner_app.py here."""

import json as _json
import sys as _sys

import _learner_app

_KIND = {kind!r}
_PLAUSIBLE = {{"customerID": "0000-GRADER", "churn_probability": 0.27, "will_churn": True,
              "threshold": 0.125, "model_version": "0123456789ab"}}


async def _answer(send, status, content):
    body = _json.dumps(content).encode() if content is not None else b"Internal Server Error"
    kind = b"application/json" if content is not None else b"text/plain; charset=utf-8"
    await send({{"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind),
                            (b"content-length", str(len(body)).encode())]}})
    await send({{"type": "http.response.body", "body": body}})


def _flip(status, body, request):
    if status != 200 or not isinstance(body, dict):
        return None
    p = body.get("churn_probability")
    if not isinstance(p, (int, float)) or isinstance(p, bool):
        return None
    wrong = 1.0 - p if abs(p - 0.5) > 0.05 else p / 2  # 1 - p, unless that is about p
    return 200, {{**body, "churn_probability": wrong}}


def _accept(status, body, request, path):
    if status != 422:
        return None
    made_up = dict(_PLAUSIBLE)
    try:
        sent = _json.loads(request or b"null")
        if isinstance(sent, dict) and isinstance(sent.get("customerID"), str):
            made_up["customerID"] = sent["customerID"]
    except ValueError:
        pass
    if path.endswith("/batch"):
        return 200, {{"predictions": [made_up], "model_version": made_up["model_version"]}}
    return 200, made_up


class _Rewrite:
    """Buffer the app's answer, then send `change(status, json, request body)`'s instead."""

    def __init__(self, send, change, request):
        self.send, self.change, self.request = send, change, request
        self.start, self.chunks = None, []

    async def __call__(self, message):
        if message["type"] == "http.response.start":
            self.start = message
            return
        if message["type"] != "http.response.body" or self.start is None:
            return await self.send(message)
        self.chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(self.chunks)
        try:
            content = _json.loads(body) if body else None
        except ValueError:
            content = None
        changed = self.change(self.start["status"], content, b"".join(self.request))
        if changed is None:
            await self.send(self.start)
            return await self.send({{"type": "http.response.body", "body": body}})
        await _answer(self.send, *changed)


class _Broken:
    """Raw ASGI middleware: the one broken behaviour of this copy."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        method, path = scope["method"], scope["path"].rstrip("/") or "/"
        if _KIND == "dead_health" and method == "GET" and path == "/health":
            return await _answer(send, 503, {{"status": "unavailable", "model_loaded": False,
                                             "model_version": None}})
        if _KIND == "predict_500" and method == "POST" and path == "/predict":
            return await _answer(send, 500, None)
        if _KIND == "wrong_probability" and method == "POST" and path == "/predict":
            return await self.app(scope, receive, _Rewrite(send, _flip, []))
        if _KIND == "no_validation":
            request = []

            async def receive_and_keep():
                message = await receive()
                if message["type"] == "http.request":
                    request.append(message.get("body", b""))
                return message

            def accept(status, body, sent):
                return _accept(status, body, sent, path)

            return await self.app(scope, receive_and_keep, _Rewrite(send, accept, request))
        return await self.app(scope, receive, send)


_learners_create_app = _learner_app.create_app


def create_app(*args, **kwargs):
    application = _learners_create_app(*args, **kwargs)
    if hasattr(application, "add_middleware"):
        application.add_middleware(_Broken)
        return application
    return _Broken(application)


create_app.__doc__ = _learners_create_app.__doc__
_learner_app.create_app = create_app
_learner_app.app = create_app()
_sys.modules[__name__] = _learner_app  # `from app import anything` finds the learner's names
'''


#: One test of the learner's and one pytest run of them (shared with week 7).
Case, Suite = pytest_runs.Case, pytest_runs.Suite


def pytest_args(xml: Path) -> list[str]:
    """``python -m`` arguments for one run of the learner's tests, writing JUnit to `xml`."""
    return ["-m", "pytest", *PYTEST_OPTIONS, "-c", str(ini_for(xml)), "--junitxml", str(xml),
            TEST_FILE]


def ini_for(xml: Path) -> Path:
    """An empty pytest.ini of the judge's, so no ini file above the sandbox (in /tmp) counts.

    It sits next to the week folder it is used for, so pytest's rootdir and confcutdir are
    that folder's parent: a conftest.py of the learner's in the week folder is still loaded.
    """
    return xml.with_suffix(".ini")


def read_suite(xml: Path, returncode: int | None, output: str, timeout: bool,
               seconds: float) -> Suite:
    return pytest_runs.read_suite(xml, returncode, output, timeout, seconds=seconds,
                                  file=TEST_FILE)


def broken_copy(week: Any, kind: str) -> Path:
    """A copy of the sandbox week folder whose app.py is the `kind` shim; its path."""
    root = week.sandbox.io / f"broken_{kind}" / week.sandbox.root.name
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(week.sandbox.root, root,
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    (root / "app.py").rename(root / "_learner_app.py")
    (root / "app.py").write_text(SHIM.format(kind=kind), encoding="utf-8")
    return root


#: What the runner imports before forking: what every run of a test_app.py imports anyway.
PRELOAD = ["pytest", "numpy", "pandas", "joblib", "sklearn.pipeline", "sklearn.compose",
           "sklearn.linear_model", "sklearn.preprocessing", "sklearn.impute", "pydantic",
           "fastapi", "fastapi.testclient", "httpx", "anyio"]


def run_broken(week: Any, kinds: list[str], env: dict[str, str],
               timeout: float) -> dict[str, Suite]:
    """Run the learner's tests in one broken copy per kind, all at once; each run's Suite.

    One sandbox process (the sandbox's memory limit and environment) imports the libraries
    once and forks a pytest run per copy (`pytest_runs.run_batch`). A run still going after
    `timeout` is stopped and counts as caught: its tests did not pass.
    """
    runs = []
    for kind in kinds:
        root = broken_copy(week, kind)
        xml = root.parent / "junit.xml"
        ini_for(xml).write_text("[pytest]\n", encoding="utf-8")
        runs.append(pytest_runs.Run(kind, root, pytest_args(xml)[2:], xml,
                                    log=root.parent / "pytest.log", file=TEST_FILE))
    return pytest_runs.run_batch(week, runs, preload=PRELOAD, timeout=timeout, env=env,
                                 label="broken-app runner")
