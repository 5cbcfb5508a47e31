"""Milestone 4.1: load_model reads a model folder or says clearly why not; the app loads it once.

The model folders are the judge's (`ref_serve.model_dir`): the judge's pipeline, saved in week
3's format into the sandbox, so this milestone is graded on its own. Broken folders (missing,
without the JSON, a model file holding garbage) must give one `ModelLoadError` naming the
path, raised ``from None``. How often the model file is opened is counted in the kernel by an
audit hook (``sys.addaudithook``, the "open" event), active only while a check counts.
"""

from __future__ import annotations

import re
from typing import Any

from grader.engine.checks import CheckFailed, expect, expect_equal, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week04 import ref_serve as R

DATA = "telco_churn_clean"
N_ROWS = 300
REQUESTS = 5
TRACEBACK = "Traceback (most recent call last)"

LOAD = """
import pandas as pd

import app

X = pd.read_parquet(data_path).drop(columns="churn").head(n_rows)
model = app.load_model(folder)
pipeline, metadata = getattr(model, "pipeline", None), getattr(model, "metadata", None)
version = getattr(model, "version", None)
result = {"kind": type(model).__name__,
          "lacks": [name for name in ("pipeline", "metadata", "version")
                    if not hasattr(model, name)],
          "version": version if isinstance(version, str) else repr(version)[:80],
          "metadata_kind": type(metadata).__name__,
          "threshold": metadata.get("threshold") if isinstance(metadata, dict) else None,
          "proba": (pipeline.predict_proba(X)[:, 1] if hasattr(pipeline, "predict_proba")
                    else None),
          "pipeline_kind": type(pipeline).__name__}
"""

#: load_model on each broken folder: what it raised, and how the exception is chained.
BROKEN = """
import app

result = {}
for case, path in folders.items():
    try:
        app.load_model(path)
        result[case] = {"raised": None}
    except NotImplementedError:
        raise  # the starter: "not started"
    except (Exception, SystemExit) as exc:
        error_class = getattr(app, "ModelLoadError", None)
        result[case] = {
            "raised": type(exc).__name__, "message": str(exc)[:400],
            "is_model_load_error": isinstance(error_class, type) and isinstance(exc, error_class),
            "cause": None if exc.__cause__ is None else type(exc.__cause__).__name__,
            "context": (None if exc.__context__ is None or exc.__suppress_context__
                        else type(exc.__context__).__name__)}
"""

#: create_app on a missing folder must build; entering the lifespan must fail.
START_UP = """
import warnings

import app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

result = {"build": None, "start": None}
try:
    application = app.create_app(folder)
except NotImplementedError:
    raise
except Exception as exc:
    result["build"] = f"{type(exc).__name__}: {exc}"[:200]
else:
    try:
        with TestClient(application):
            pass
    except NotImplementedError:
        raise
    except Exception as exc:
        error_class = getattr(app, "ModelLoadError", None)
        result["start"] = {"raised": type(exc).__name__, "message": str(exc)[:300],
                           "is_model_load_error": isinstance(error_class, type)
                           and isinstance(exc, error_class)}
"""

#: Count opens of the model file while the app is built, started, and answers requests.
OPENS = """
import os
import sys
import types
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

state = sys.modules.get("_grader_open_audit")
if state is None:  # an audit hook cannot be removed: install one, inert unless counting
    state = types.ModuleType("_grader_open_audit")
    state.active, state.opened = False, []

    def _hook(event, args, state=state):
        if not state.active or event != "open" or not args:
            return
        try:
            name = os.fsdecode(os.fspath(args[0]))
        except Exception:
            return
        if os.path.basename(name) == state.target:
            state.opened.append(name)

    sys.modules["_grader_open_audit"] = state
    sys.addaudithook(_hook)
state.target = model_file

import app


def count(action):
    state.opened.clear()
    state.active = True
    try:
        return action()
    finally:
        state.active = False


application = count(lambda: app.create_app(folder))
result = {"build": len(state.opened)}
client = TestClient(application, raise_server_exceptions=False)
count(client.__enter__)
result["start"] = len(state.opened)
try:
    statuses = count(lambda: [client.post("/predict", json=body).status_code
                              for _ in range(n_requests)])
    result["requests"], result["statuses"] = len(state.opened), statuses
finally:
    client.__exit__(None, None, None)
"""


def judge_folder(week) -> str:
    return R.model_dir(week, "model")


def judge_version(week) -> str:
    return R.model_version(R.judge_model(week)[1])


_SERVED: dict[str, bytes] = {}


def served_model(week) -> tuple[str, str]:
    """The judge's pipeline saved compressed: a model whose version differs from models/'s."""
    if "bytes" not in _SERVED:
        _SERVED["bytes"] = R.dumped(R.judge_model(week)[0], compress=3)
    folder = R.model_dir(week, "model_served", model_bytes=_SERVED["bytes"])
    return folder, R.model_version(_SERVED["bytes"])


@milestone("4.1")
def test_load_model_returns_the_pipeline_its_metadata_and_version(week):
    folder = judge_folder(week)
    got = week.run_snippet(LOAD, label=f"model = load_model({folder!r}); "
                           "model.pipeline.predict_proba(300 customers)",
                           target="app.load_model", folder=folder,
                           data_path=week.data_path(DATA), n_rows=N_ROWS)
    expect(not got["lacks"], "load_model should return the model with .pipeline, .metadata "
           "and .version (the LoadedModel of app.py)",
           expected="LoadedModel(pipeline, metadata, version)",
           got=f"a {got['kind']} without {', '.join(got['lacks'])}")
    expect(got["proba"] is not None, ".pipeline should be the fitted pipeline from "
           f"{R.MODEL_FILE}", expected="an object with predict_proba (joblib.load)",
           got=f"a {got['pipeline_kind']}")
    pipeline, _, metadata = R.judge_model(week)
    X = week.data(DATA).drop(columns="churn").head(N_ROWS)
    expect_equal(got["proba"], pipeline.predict_proba(X)[:, 1],
                 what="model.pipeline.predict_proba(X)[:, 1]", rtol=0, atol=1e-12,
                 explain=f"exactly the saved pipeline's probabilities ({R.MODEL_FILE})")
    expect(got["metadata_kind"] == "dict", f".metadata should be the dict in {R.METADATA_FILE}",
           expected="json.loads of the file", got=f"a {got['metadata_kind']}")
    expect_equal(got["threshold"], metadata["threshold"], what='model.metadata["threshold"]',
                 rtol=0, atol=0, explain=f"{metadata['threshold']!r}, as in {R.METADATA_FILE}")
    version = judge_version(week)
    expect(got["version"] == version, ".version should be the first 12 hex digits of the "
           f"SHA-256 of {R.MODEL_FILE}'s bytes",
           expected=f"{version!r} (hashlib.sha256(bytes).hexdigest()[:12])",
           got=repr(got["version"])[:80])


def broken(week) -> dict[str, Any]:
    """load_model on the three broken folders, once per kernel."""
    folders = {"missing": str(week.sandbox.io / "no_such_model"),
               "no_metadata": R.model_dir(week, "model_without_json", files=(R.MODEL_FILE,)),
               "garbage": R.model_dir(week, "model_garbage", model_bytes=b"not a model")}
    got = week.once("4.1 load_model broken folders", lambda: week.run_snippet(
        BROKEN, label="load_model(a broken model folder)", target="app.load_model",
        folders=folders))
    return {case: {**got[case], "folder": folders[case]} for case in folders}


def expect_one_clear_error(got: dict[str, Any], what: str, names: list[str]) -> None:
    """`got` raised ModelLoadError, naming one of `names`, raised ``from None``."""
    current.checking = f"load_model({got['folder']!r}): {what}"
    expect(got["raised"] is not None, f"load_model should raise ModelLoadError for {what}",
           expected="ModelLoadError naming the path",
           got="no exception: the service would start without a usable model")
    if not got["is_model_load_error"]:
        raise CheckFailed(f"load_model let {got['raised']} escape for {what}",
                          expected="ModelLoadError: one exception type the service handles",
                          got=f"{got['raised']}: {got['message'][:150]}",
                          lines=["Tip       try: ... except Exception: raise "
                                 "ModelLoadError(f\"... {path} ...\") from None"])
    expect(any(name in got["message"] for name in names),
           f"the ModelLoadError for {what} should name it, so the operator knows what to fix",
           expected=f"a message containing {names[0]}", got=repr(got["message"][:200]))
    chained = got["cause"] or got["context"]
    expect(chained is None, "ModelLoadError should be raised `from None`: a chained exception "
           "prints two tracebacks in the server's log",
           expected="__cause__ None and no context shown (raise ModelLoadError(...) from None)",
           got=f"chained to {chained} ({'from error' if got['cause'] else 'raised inside except'})")


@milestone("4.1")
def test_load_model_names_a_missing_folder(week):
    got = broken(week)["missing"]
    expect_one_clear_error(got, "a folder that does not exist", [got["folder"]])


@milestone("4.1")
def test_load_model_names_a_missing_metadata_file(week):
    got = broken(week)["no_metadata"]
    expect_one_clear_error(got, f"a folder without {R.METADATA_FILE}", [R.METADATA_FILE])


@milestone("4.1")
def test_load_model_refuses_a_corrupt_model_file(week):
    got = broken(week)["garbage"]
    expect_one_clear_error(got, f"a {R.MODEL_FILE} holding the bytes b'not a model'",
                           [got["folder"], R.MODEL_FILE])


@milestone("4.1")
def test_create_app_loads_nothing_until_start_up(week):
    folder = str(week.sandbox.io / "no_such_model")
    got = week.run_snippet(START_UP, label=f"create_app({folder!r}), then "
                           "`with TestClient(app):` (start-up)", target="app.create_app",
                           folder=folder)
    expect(got["build"] is None, "create_app should only build the app: the model is loaded "
           "when the service starts (the lifespan), so building never fails",
           expected="a FastAPI app, whatever the folder holds",
           got=f"create_app raised {got['build']}")
    start = got["start"]
    expect(start is not None, "start-up with a missing model folder should fail, not serve "
           "a service without a model", expected="ModelLoadError when the lifespan runs",
           got="the app started: did the lifespan call load_model?")
    expect(start["is_model_load_error"], "start-up with a missing model should raise "
           "load_model's ModelLoadError", expected="ModelLoadError naming the folder",
           got=f"{start['raised']}: {start['message'][:150]}")


@milestone("4.1")
def test_model_file_is_read_once_at_start_up_not_per_request(week):
    folder = judge_folder(week)
    body = R.payload(week.data(R.RAW).iloc[0].to_dict())
    got = week.run_snippet(OPENS, label=f"create_app({folder!r}), start-up, then "
                           f"{REQUESTS} x POST /predict", target="app.create_app",
                           folder=folder, model_file=R.MODEL_FILE, body=body,
                           n_requests=REQUESTS)
    expect(got["build"] == 0, f"create_app should not read {R.MODEL_FILE}: the lifespan "
           "loads it when the service starts", expected="0 reads while building the app",
           got=f"{got['build']} read(s) inside create_app")
    expect(got["start"] >= 1, "the model should be loaded at start-up (the lifespan), "
           "so a broken model stops the service before its first customer",
           expected=f"{R.MODEL_FILE} read when `with TestClient(app):` starts",
           got=f"0 reads at start-up; {got['requests']} during {REQUESTS} requests")
    expect(got["requests"] == 0, "the model should be loaded once, not on every request: "
           "each load costs disk and time for every customer",
           expected=f"0 reads of {R.MODEL_FILE} during {REQUESTS} POST /predict "
           "(keep it on app.state)",
           got=f"the file was read {got['requests']} times during {REQUESTS} requests "
           f"(answers {sorted(set(got['statuses']))})")


def expect_started(server, what: str) -> None:
    """uvicorn is listening; otherwise not started (the starter) or a failed start-up."""
    if server.exited is None:
        return
    output = server.output()
    last = [line for line in output.strip().splitlines() if line.strip()]
    match = re.search(r"NotImplementedError: (Milestone [^\n]*)", output)
    if match:
        raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError", match.group(1),
                           where=current.where, checking=current.checking)
    # The exception line says why (which file it looked for), not uvicorn's "Exiting".
    errors = [line for line in last if re.match(r"^[\w.]+(Error|Exception)\b.*:", line)]
    raise CheckFailed(f"uvicorn app:app should start with {what}",
                      expected="the service listening",
                      got=f"exit code {server.exited}: {(errors or last or [''])[-1][:240]}")


@milestone("4.1")
def test_uvicorn_serves_the_model_CHURN_MODEL_DIR_names(week):
    import httpx

    folder, version = served_model(week)
    with week.serve(env={R.MODEL_DIR_VARIABLE: folder}) as server:
        current.where = f"{week.shown_as}/app.py::create_app"
        current.checking = (f"{R.MODEL_DIR_VARIABLE}={folder} uvicorn app:app; GET /health, "
                            "POST /predict")
        expect_started(server, f"{R.MODEL_DIR_VARIABLE} naming a good model folder")
        seen: dict[str, Any] = {}
        body = R.payload(week.data(R.RAW).iloc[0].to_dict())
        with httpx.Client(base_url=server.url, timeout=week.time_limit_s) as client:
            # /health is 4.3's and /predict 4.2's: each that answers names the served version
            for method, path in (("GET", "/health"), ("POST", "/predict")):
                try:
                    answer = client.request(method, path, json=body if method == "POST" else None)
                    if answer.status_code == 200:
                        seen[f"{method} {path}"] = answer.json()["model_version"]
                except (httpx.HTTPError, ValueError, KeyError, TypeError):
                    continue  # not written yet, or an error of a later milestone
    if not seen:
        return  # neither endpoint is written yet; the missing-folder check proves the variable
    expect(version in seen.values(), f"the service should serve the model in "
           f"{R.MODEL_DIR_VARIABLE}: create_app() reads the variable when no folder is given",
           expected=f"model_version {version!r} (the judge's model in {folder})",
           got="; ".join(f"{via} says {v!r}" for via, v in seen.items()) + ": another model "
           "(models/?)")


@milestone("4.1")
def test_uvicorn_stops_with_one_message_when_the_model_is_missing(week):
    folder = str(week.sandbox.io / "missing_model_folder")
    with week.serve(env={R.MODEL_DIR_VARIABLE: folder}) as server:
        current.where = f"{week.shown_as}/app.py::create_app"
        current.checking = f"{R.MODEL_DIR_VARIABLE}={folder} uvicorn app:app"
        output = server.output()
        code = server.exited
    if code is not None and "NotImplementedError: Milestone" in output:
        expect_started(server, "a missing model folder")  # raises not started
    expect(code is not None, "with a missing model folder the service should stop at start-up, "
           "not serve", expected="uvicorn exits: the lifespan's ModelLoadError stops it",
           got=f"it started and listened: {R.MODEL_DIR_VARIABLE} ignored, or the model is "
           "loaded later")
    expect(code != 0, "a start-up that failed should exit with a non-zero code",
           expected="exit code != 0", got="exit code 0")
    last = [line for line in output.strip().splitlines() if line.strip()]
    expect(folder in output, "uvicorn's output should name the missing folder",
           expected=f"a message naming {folder}",
           got=repr((last or [""])[-1][:200]))
    tracebacks = output.count(TRACEBACK)
    expect(tracebacks <= 1, "the log should show one traceback ending in one clear message, "
           "not a chain: raise ModelLoadError(...) from None",
           expected=f"at most one {TRACEBACK!r}",
           got=f"{tracebacks} tracebacks (\"During handling of the above exception...\")")
