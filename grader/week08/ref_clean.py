"""Milestone 8.2: the README's *How to run* followed on a clean copy of the portfolio.

A stranger clones the repository and types what the README says. The judge does the same in
the sandbox: a copy of ``portfolio/`` without what a run leaves behind (``models/``,
``images/``, ``figures/``, caches) at ``<sandbox>/clean/week08/portfolio``, the same depth as
in the repo, so ``Path(__file__).parents[3] / "data"`` is the course data there too. The
section's steps (`ref_commands`) are done in order; then, while the service still runs, the
judge sends the first customer it scored again with tenure "abc" (`spoiled`). `run_readme`
returns what happened as plain data (`Run`) for the checks to read.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from grader.week04 import ref_readme
from grader.week08.ref_commands import Step, shown
from grader.week08.ref_portfolio import PROJECT, README

#: What a run leaves behind: a clean clone has none of it.
IGNORED = ("models", "figures", "images", "__pycache__", ".ipynb_checkpoints", ".pytest_cache",
           ".ruff_cache", ".venv", "venv", ".git", ".grader", "*.pyc")
#: One ``python ...`` command (training, figures) may take this many times the week's time
#: limit per call: 180 s at the course's 30 s.
COMMAND_FACTOR = 6
#: Seconds for uvicorn to listen, for one HTTP answer, and for its log of a 500 to be written.
START_S, HTTP_S, LOG_S = 60.0, 15.0, 2.0
#: What a trained model is saved as.
MODEL_SUFFIXES = (".joblib", ".pkl", ".pickle", ".skops", ".onnx")
#: Hosts that mean "this machine" in a curl: the README's port must then be uvicorn's.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1")
#: What the judge puts in a customer's tenure (else its first number) to spoil it: a service
#: must refuse it with a 4xx naming the field, never score it or fail with a 500.
INVALID = "abc"


@dataclass
class Run:
    """What the section's commands did on the clean copy, as plain data for the checks.

    `failure` is the first command that did not do what the README promises (None: all
    did); `health` and `answers` are the service's replies, `invalid` its reply to a customer
    the judge spoiled (`INVALID`), `wrapper` the field its request schema wraps customers in
    (name, holds a list), `log` what uvicorn printed; `outputs` lists the files the run added
    to the copy, `files` every file it holds afterwards.
    """

    steps: list[Step]
    notes: list[str] = field(default_factory=list)
    failure: dict[str, Any] | None = None
    served: dict[str, Any] | None = None
    health: dict[str, Any] | None = None
    answers: list[dict[str, Any]] = field(default_factory=list)
    invalid: dict[str, Any] | None = None
    wrapper: tuple[str, bool] | None = None
    log: str = ""
    outputs: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def clean_copy(week: Any, drop: tuple[str, ...] = ()) -> Path:
    """A fresh copy of the learner's portfolio/ without run outputs, at repo depth.

    ``<sandbox.tmp>/clean/week08/portfolio``: ``parents[3]`` of a file in it is the sandbox's
    folder that holds ``data/``, as ``parents[3]`` of portfolio/train.py is the repository.
    `drop` names more files to leave out (relative to portfolio/): the figures the README
    shows, wherever they are kept, so the commands must draw them again.
    """
    base = week.sandbox.tmp / "clean"
    shutil.rmtree(base, ignore_errors=True)
    target = base / week.folder.name / PROJECT
    shutil.copytree(week.sandbox.root / PROJECT, target, ignore=shutil.ignore_patterns(*IGNORED))
    for name in drop:
        (target / name).unlink(missing_ok=True)
    if not (target / "train.py").resolve().parents[3].joinpath("data").is_dir():
        raise RuntimeError(f"the clean copy {target} has no data/ at parents[3]")
    return target


def run_readme(week: Any, plan: list[Step], clean: Path) -> Run:
    """Walk the steps (`steps`) in the clean copy; stop at the first one that fails."""
    run = Run(plan)
    cwd, env = clean, {}
    before = {p.relative_to(clean).as_posix() for p in clean.rglob("*")}
    with contextlib.ExitStack() as stack:
        server = None
        for step in plan:
            if step.kind == "skip":
                run.notes.append(f"`{shown(step)}` ({step.where.replace(README + ' ', '')}"
                                 f"): {step.note}")
            elif step.kind == "unsupported":
                run.failure = {"kind": "unsupported", "step": step}
            elif step.kind == "cd":
                cwd, problem = _cd(clean, cwd, step.args[0] if step.args else "")
                if problem:
                    run.failure = {"kind": "cd", "step": step, "detail": problem}
            elif step.kind == "export":
                env.update(dict(step.env))
            elif step.kind == "mkdir":
                for name in step.args:
                    path = (cwd / name).resolve()
                    if clean.resolve() in (path, *path.parents):
                        path.mkdir(parents=True, exist_ok=True)
            elif step.kind == "run":
                run.failure = _run(week, step, cwd, {**env, **dict(step.env)})
            elif step.kind == "serve" and server is not None:
                run.notes.append(f"`{shown(step)}`: the service is already running")
            elif step.kind == "serve":
                server = stack.enter_context(week.serve(step.args[0], env={**env, **dict(
                    step.env)}, cwd=cwd, start_s=START_S))
                run.served = {"step": step, "url": server.url, "cwd": cwd}
                if server.exited is not None:
                    run.failure = {"kind": "serve", "step": step, "code": server.exited,
                                   "output": server.output()}
                else:
                    run.health = _send("GET", f"{server.url}/health", None, {})
            elif step.kind == "curl":
                run.failure = _curl(run, step, cwd)
            if run.failure:
                break
        if server is not None and run.failure is None and not any(
                a["method"] == "POST" for a in run.answers):
            run.answers.append(judge_example(week, server.url))
        if server is not None and server.exited is None:
            run.wrapper = request_wrapper(server.url)
            run.invalid = spoiled(run, server.url)
        if server is not None:
            run.log = _log_after(server, run)
    run.files = sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*")
                       if p.is_file())
    run.outputs = sorted(set(run.files) - before)
    return run


def _log_after(server: Any, run: Run) -> str:
    """What uvicorn printed; after a 500, once its traceback is written (it follows the answer)."""
    answers = [*run.answers, *([run.invalid] if run.invalid else [])]
    wait = any((answer["status"] or 0) >= 500 for answer in answers)
    deadline = time.monotonic() + (LOG_S if wait else 0.0)
    while "Traceback" not in server.output() and time.monotonic() < deadline:
        time.sleep(0.1)
    return server.output()


def _cd(clean: Path, cwd: Path, name: str) -> tuple[Path, str]:
    """Where ``cd name`` leads; outside the project only its own folder's name is accepted."""
    if not name or name == "~":
        return cwd, "cd without a folder of the project leaves it"
    path = (cwd / name).resolve()
    root = clean.resolve()
    inside = path == root or root in path.parents
    if inside and path.is_dir():
        return path, ""
    if PurePosixPath(name.rstrip("/")).name == PROJECT:  # cd weeks/week08/portfolio from a clone
        return root, ""
    if inside:
        return cwd, f"{name} is not a folder of a clean copy (made by a run, or ignored?)"
    return cwd, f"{name} leads outside the project"


def _run(week: Any, step: Step, cwd: Path, env: dict[str, str]) -> dict[str, Any] | None:
    bound = command_s(week)
    result = week.sandbox.run_process(list(step.args), bound, env=env, cwd=cwd)
    if result["timeout"]:
        return {"kind": "timeout", "step": step, "seconds": bound}
    if result["returncode"] == 0:
        return None
    return {"kind": "exit", "step": step, "code": result["returncode"],
            "stderr": result["stderr"], "stdout": result["stdout"]}


def command_s(week: Any) -> float:
    """Seconds one README command may run (`COMMAND_FACTOR` x the week's time limit)."""
    return COMMAND_FACTOR * week.time_limit_s


def _curl(run: Run, step: Step, cwd: Path) -> dict[str, Any] | None:
    request = ref_readme.parse_curl(list(step.args), text=step.text)
    if run.served is None:
        return {"kind": "curl_first", "step": step}
    url = urlsplit(request.url if "://" in request.url else f"http://{request.url}")
    port = url.port or (443 if url.scheme == "https" else 80)
    serve_port = run.served["step"].port
    if url.hostname in LOCAL_HOSTS and port != serve_port:
        return {"kind": "curl_port", "step": step, "url": request.url, "port": serve_port}
    # A deployed service's URL (https://churn.example.com/predict) is asked of this one.
    target = urlunsplit(url._replace(scheme="http", netloc=run.served["url"].split("://")[1]))
    body = request.body
    if request.body_file is not None:
        path = (cwd / request.body_file).resolve()
        if not path.is_file():
            return {"kind": "curl_file", "step": step, "file": request.body_file}
        body = path.read_text(encoding="utf-8", errors="replace").replace("\n", "")
    headers = {k: v for k, v in request.headers.items()
               if k.lower() not in ("host", "content-length")}
    answer = _send(request.method, target, body, headers)
    run.answers.append({**answer, "method": request.method, "path": url.path or "/",
                        "where": step.where, "text_sent": step.text, "body": body})
    return None


def _send(method: str, url: str, body: str | None, headers: dict[str, str]) -> dict[str, Any]:
    """One real HTTP request, bounded in time: status, JSON (or None), text."""
    import httpx

    try:
        response = httpx.request(method, url, content=(body or "").encode() if body is not None
                                 else None, headers=headers, timeout=HTTP_S)
    except httpx.HTTPError as error:
        return {"status": None, "json": None, "text": f"{type(error).__name__}: {error}"[:200]}
    try:
        parsed = response.json()
    except ValueError:
        parsed = None
    return {"status": response.status_code, "json": parsed, "text": response.text[:300]}


def judge_example(week: Any, url: str) -> dict[str, Any]:
    """POST /predict with one real customer, shaped the way the app's OpenAPI schema asks.

    The customer is the first of the cleaned table (its column names), else of IBM's file
    (its field names); sent as it is, or wrapped in the one field the request schema requires
    (``{"customers": [...]}``).
    """
    from grader.week04 import ref_serve

    row = week.data("telco_churn_clean").drop(columns="churn").iloc[0]
    cleaned = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
    raw = ref_serve.payload(week.data(ref_serve.RAW).iloc[0].to_dict())
    raw.pop("customerID", None)
    shapes = [*_wrappers(url), lambda customer: customer]
    answer: dict[str, Any] = {}
    for customer in (cleaned, raw):
        for shape in shapes:
            text = json.dumps(shape(customer), default=str)
            answer = _send("POST", f"{url}/predict", text, {"Content-Type": "application/json"})
            answer.update(method="POST", path="/predict", where="the grader's example",
                          text_sent=f"POST /predict {text[:60]}...", body=text)
            if answer["status"] == 200:
                return answer
    return answer


def spoiled(run: Run, url: str) -> dict[str, Any] | None:
    """The service's answer to the first customer it scored, with `INVALID` in a number field.

    None when no POST got a probability, or its customer holds no number to spoil.
    """
    for answer in run.answers:
        if answer["method"] != "POST" or answer["status"] != 200 or not probabilities(answer):
            continue
        try:
            body = json.loads(answer["body"] or "")
        except ValueError:
            continue
        customer = _customer(body, _is_tenure) or _customer(body, _is_number)
        if customer is None:
            continue
        name = next((k for k in customer if _is_tenure(k, customer[k])), None) or next(
            k for k in customer if _is_number(k, customer[k]))
        kind = "int" if isinstance(customer[name], int) else "float"
        customer[name] = INVALID
        text = json.dumps(body)
        got = _send("POST", f"{url}{answer['path']}", text, {"Content-Type": "application/json"})
        return {**got, "field": name, "kind": kind, "path": answer["path"], "body": text,
                "where": answer["where"]}
    return None


def _customer(body: Any, spoilable: Any) -> dict[str, Any] | None:
    """The first object of a request body with a field `spoilable(name, value)` accepts."""
    if isinstance(body, dict):
        if any(spoilable(k, v) for k, v in body.items()):
            return body
        body = list(body.values())
    if isinstance(body, list):
        return next((found for item in body if (found := _customer(item, spoilable))), None)
    return None


def _is_number(name: Any, value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_tenure(name: Any, value: Any) -> bool:
    return str(name).lower() == "tenure" and _is_number(name, value)


def _wrappers(url: str) -> list[Any]:
    """How POST /predict's body wraps a customer, read from the app's /openapi.json."""
    wrapper = request_wrapper(url)
    if wrapper is None:
        return []
    name, many = wrapper
    if many:
        return [lambda customer: {name: [customer]}]
    return [lambda customer: {name: customer}]


def request_wrapper(url: str) -> tuple[str, bool] | None:
    """The one field POST /predict's body must hold, and whether it is a list (/openapi.json).

    ``("customers", True)`` for ``{"customers": [{...}]}``; None when the body is the customer
    itself, or the app publishes no schema.
    """
    spec = _send("GET", f"{url}/openapi.json", None, {}).get("json") or {}
    try:
        schema = spec["paths"]["/predict"]["post"]["requestBody"]["content"][
            "application/json"]["schema"]
        schema = _resolved(spec, schema)
        required = schema.get("required") or []
        if len(required) != 1:
            return None
        name = required[0]
        field_schema = _resolved(spec, schema["properties"][name])
    except (KeyError, TypeError, AttributeError):
        return None
    return name, field_schema.get("type") == "array"


def _resolved(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    reference = schema.get("$ref", "")
    if reference.startswith("#/"):
        node: Any = spec
        for part in reference[2:].split("/"):
            node = node[part]
        return node
    return schema


def probabilities(answer: dict[str, Any]) -> list[float] | None:
    """The churn probabilities in a /predict answer, or None when it holds none.

    Accepted: a number, a list of numbers, a field whose name has "prob" holding either, or a
    list of such objects (one per customer).
    """
    value = answer.get("json")
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        found = [probabilities({"json": v}) for v in value]
        return None if any(f is None for f in found) else [p for f in found for p in f]
    if isinstance(value, dict):
        value = next((v for k, v in value.items() if "prob" in str(k).lower()), None)
    values = value if isinstance(value, list) else [value]
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return [float(v) for v in values]
    return None


def last_error(output: str) -> str:
    """The line that says why a process failed: the exception, else its last line."""
    lines = [line.rstrip() for line in output.strip().splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[\w.]+(Error|Exception|Exit)\b", line)]
    return ((errors or lines or ["(no output)"])[-1])[:240]
