"""Milestone 4.5: the curl command in the README, pasted into a terminal, gets a prediction.

The README is read from the sandbox copy of the week folder and its *Your service* section is
parsed judge-side (`ref_readme`: no shell runs). Then the learner's service is started the way
the README says, ``uvicorn app:app`` on the judge's model, and the curl's exact method, headers
and body are sent to it over real HTTP; only the host and port are the grader's. The answer
must be the judge's probability for that customer.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week04 import ref_readme
from grader.week04 import ref_serve as R

README = "README.md"
STARTER = "<!-- Milestone 4.5"
WANTED = "http://localhost:8000/predict"
EXAMPLE = (f"curl -X POST {WANTED} -H \"Content-Type: application/json\" "
           "-d '{\"gender\": \"Female\", ...}'")
REQUIRED = [f for f in R.FIELDS if f != "customerID"]
HOSTS = ("localhost", "127.0.0.1", "0.0.0.0")
TIMEOUT_S = 15.0


# --- reading the README -------------------------------------------------------------------------


def readme(week: Any, about: str = "the curl command") -> str:
    """The learner's README.md; the Where/Checking lines point at it."""
    current.where = f"{week.shown_as}/{README}"
    current.checking = f"{about} in {README}, section Your service"
    content = week.read_file(README)
    expect(content is not None, f"the week folder should have its {README}",
           expected=f"{README} with a section Your service", got="no such file")
    return content.decode("utf-8", errors="replace")


def the_curl(week: Any) -> ref_readme.CurlRequest:
    """The section's curl command; the starter is "not started", a missing one is wrong."""
    text = readme(week)
    if ref_readme.section(text) is None:
        raise CheckFailed(f"{README} should keep its section \"## Your service\"",
                          expected=f"## Your service, then a ```bash block with {EXAMPLE}",
                          got="no heading \"Your service\"")
    try:
        request = ref_readme.curl_request(text)
    except ref_readme.ShellSyntaxError as error:
        failed = CheckFailed(f"the curl command at {README} line {error.line} is not valid "
                             f"shell: {error.reason}", expected=EXAMPLE,
                             got=error.text[:160])
        failed.lines.append("Tip       a shell reads quotes in pairs: put the JSON body in "
                            "single quotes, -d '{\"tenure\": 1, ...}', with no ' inside")
        raise failed from None
    if request is not None:
        return request
    if STARTER in text:
        raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError",
                           f"Milestone 4.5: write the curl example in {README}, section "
                           "Your service", where=current.where, checking=current.checking)
    elsewhere = [c.line for c in ref_readme.find_commands(text, "curl", title="")]
    blocks = ref_readme.code_blocks(text)
    raise CheckFailed(f"{README}'s section Your service should show a curl command",
                      expected=f"a ```bash block with {EXAMPLE}",
                      got=f"a curl at line {elsewhere[0]}, outside that section" if elsewhere
                      else f"no curl in its {len(blocks)} code block(s)")


def body_text(week: Any, request: ref_readme.CurlRequest) -> str:
    """The data the curl sends: literal, or the file after ``@`` (curl -d drops newlines)."""
    if request.body_file == "-":
        raise CheckFailed(f"the curl at {README} line {request.line} reads its body from "
                          "stdin (-d @-): the grader runs the command's words, not the shell "
                          "around it", expected="the body in the command: -d '{...}' or "
                          "--json '{...}'", got=request.text[:120])
    if request.body_file is not None:
        content = week.read_file(request.body_file)
        expect(content is not None, f"the curl at {README} line {request.line} sends the file "
               f"{request.body_file}: it should be in the week folder",
               expected=f"{request.body_file} next to app.py", got="no such file")
        return content.decode("utf-8", errors="replace").replace("\r", "").replace("\n", "")
    expect(request.body is not None, f"the curl at {README} line {request.line} should send "
           "a customer as its body", expected=EXAMPLE, got=f"no -d, --data or --json: "
           f"{request.text[:120]}")
    return request.body or ""


def customer(week: Any, request: ref_readme.CurlRequest) -> dict[str, Any]:
    """The body as JSON: one complete customer in IBM's field names."""
    text = body_text(week, request)
    try:
        body = json.loads(text)
    except ValueError as error:
        failed = CheckFailed(f"the body of the curl at {README} line {request.line} is not "
                             f"valid JSON ({error})", expected="-d '{\"gender\": \"Female\", "
                             "\"SeniorCitizen\": 0, ...}'", got=f"curl would send {text[:140]!r}")
        if "{" in text and '"' not in text:
            failed.lines.append("Tip       the shell ate the JSON's double quotes: inside "
                                "-d \"...\" they end the string. Use single quotes: -d '{...}'")
        raise failed from None
    expect(isinstance(body, dict), f"the body of the curl at {README} line {request.line} "
           "should be one customer, a JSON object", expected='{"gender": "Female", ...}',
           got=text[:120])
    missing = [f for f in REQUIRED if f not in body]
    expect(not missing, f"the body of the curl at {README} line {request.line} should be a "
           "complete customer", expected=f"every field: {', '.join(REQUIRED[:4])}, ...",
           got=f"no {', '.join(missing)}")
    return body


def url_parts(url: str) -> Any:
    """The URL as curl reads it: no scheme means http."""
    return urlsplit(url if "://" in url else f"http://{url}")


# --- checks -------------------------------------------------------------------------------------


@milestone("4.5")
def test_readme_curl_posts_a_customer_as_json_to_predict(week):
    request = the_curl(week)
    at = f"the curl at {README} line {request.line}"
    expect(request.method == "POST", f"{at} should POST the customer", expected="-X POST",
           got=f"-X {request.method}" if request.explicit_method
           else f"{request.method} (no -X POST and no -d)")
    url = url_parts(request.url)
    port = url.port or (443 if url.scheme == "https" else 80)
    expect(url.scheme == "http" and url.hostname in HOSTS and port == 8000,
           f"{at} should call the service where uvicorn serves it", expected=WANTED,
           got=f"{request.url or '(no URL)'}" + (f": port {port}, uvicorn's is 8000"
                                                  if port != 8000 else ""))
    expect(url.path == "/predict", f"{at} should call the endpoint POST /predict",
           expected=WANTED, got=f"{request.url} (path {url.path or '/'})")
    kind = request.header("Content-Type")
    expect(kind is not None and kind.lower().startswith("application/json"),
           f"{at} should say its body is JSON",
           expected='-H "Content-Type: application/json" (or --json)',
           got=f"Content-Type: {kind}" if kind else "no Content-Type: curl -d sends "
           "application/x-www-form-urlencoded, which FastAPI refuses")
    customer(week, request)


@milestone("4.5")
def test_readme_curl_gets_the_prediction_from_the_running_service(week):
    request = the_curl(week)
    body, data = customer(week, request), body_text(week, request)
    headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host",
                                                                           "content-length")}
    with week.serve(env={R.MODEL_DIR_VARIABLE: R.model_dir(week)}) as server:
        expect_started(week, server)
        url = urlunsplit(url_parts(request.url)._replace(netloc=server.url.split("://")[1]))
        current.checking = f"{request.method} {url} with the README's headers and body"
        answer = send(request.method, url, data, headers)
    at = f"the curl at {README} line {request.line}"
    log = f"\nthe service's log:\n{error_tail(server.output())}" if answer["status"] >= 500 else ""
    expect(answer["status"] == 200, f"{at}, sent to the running service, should get a "
           "prediction", expected="200 and {\"churn_probability\": ...}",
           got=f"{answer['status']}: {answer['text'][:200]}{log}")
    got = answer["json"] if isinstance(answer["json"], dict) else {}
    probability = got.get("churn_probability")
    try:
        expected = float(R.expected_for(week, [body])[0])
    except (KeyError, ValueError, TypeError) as error:  # a value IBM's file could not hold
        raise CheckFailed(f"the body of {at} should be a customer as IBM's file spells it",
                          expected="the levels and numbers of data/telco_churn_raw.csv",
                          got=f"{type(error).__name__}: {error}"[:200]) from None
    expect(isinstance(probability, (int, float)) and not isinstance(probability, bool)
           and abs(probability - expected) <= 1e-9,
           f"{at} should get the model's probability for its customer",
           expected=f"churn_probability {expected!r} (to 1e-9)",
           got=f"{answer['text'][:200]}")


@milestone("4.5")
def test_readme_run_command_serves_app_on_port_8000(week):
    """Optional: when the section says how to start the service, it starts this one."""
    the_curl(week)  # the starter's section is "not started", not a pass
    text = readme(week, "the command that starts the service")
    for command in ref_readme.shell_commands(text):
        if command.words is None or command.program not in ("uvicorn", "fastapi"):
            continue
        start = [w.rsplit("/", 1)[-1] for w in command.words].index(command.program)
        words = command.words[start:]  # without VAR=x, sudo or python -m in front
        port = option(words, "--port") or "8000"
        expect(port == "8000", f"the command at {README} line {command.line} should serve "
               "on the curl's port", expected="--port 8000 (or no --port)",
               got=f"{command.text[:120]}: port {port}")
        if command.program == "uvicorn":
            apps = [w for w in words[1:] if ":" in w and not w.startswith("-")]
            factory = "--factory" in words and apps[:1] == ["app:create_app"]
            expect(apps[:1] == ["app:app"] or factory, f"the command at {README} line "
                   f"{command.line} should serve the app in app.py", expected="uvicorn "
                   "app:app --port 8000", got=command.text[:120])


# --- helpers ------------------------------------------------------------------------------------


def option(words: list[str], name: str) -> str | None:
    """The value of ``--name VALUE`` or ``--name=VALUE`` in `words`, or None."""
    for i, word in enumerate(words):
        if word == name and i + 1 < len(words):
            return words[i + 1]
        if word.startswith(name + "="):
            return word.split("=", 1)[1]
    return None


def expect_started(week: Any, server: Any) -> None:
    """The service is listening; a start-up that ended shows the end of its log."""
    if server.exited is None:
        return
    lines = [line for line in server.output().strip().splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    if last.startswith("NotImplementedError: Milestone"):
        raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError", last.split(": ", 1)[1],
                           where=f"{week.shown_as}/app.py", checking=current.checking)
    raise CheckFailed("the service should start, so the README's curl has something to call",
                      expected=f"uvicorn app:app serving, {R.MODEL_DIR_VARIABLE} = the "
                      "grader's model folder", got=f"exit code {server.exited}; its output:\n"
                      + error_tail(server.output()))


def send(method: str, url: str, data: str, headers: dict[str, str]) -> dict[str, Any]:
    """One real HTTP request, bounded in time: status, JSON (or None) and text."""
    import httpx

    try:
        response = httpx.request(method, url, content=data.encode(), headers=headers,
                                 timeout=TIMEOUT_S)
    except httpx.TimeoutException:
        raise CheckFailed("the service should answer the README's curl",
                          expected=f"an answer within {TIMEOUT_S:g} s",
                          got="no answer in time") from None
    except httpx.HTTPError as error:
        raise CheckFailed("the service should answer the README's curl", expected="an answer",
                          got=f"{type(error).__name__}: {error}") from None
    try:
        parsed = response.json()
    except ValueError:
        parsed = None
    return {"status": response.status_code, "json": parsed, "text": response.text}


def error_tail(output: str, n: int = 4) -> str:
    """The end of a server log: the last traceback's last frame and error, else the last lines."""
    lines = [line.rstrip()[:110] for line in output.splitlines() if line.strip()]
    frames = [i for i, line in enumerate(lines) if line.lstrip().startswith("File \"")]
    if frames:
        last = frames[-1]
        errors = [i for i in range(last + 1, len(lines)) if not lines[i].startswith(" ")]
        frame = re.search(r'File "(?:.*/)?([^/"]+)", line (\d+), in (\S+)', lines[last])
        code = lines[last + 1].strip() if last + 1 < len(lines) else ""
        if errors and frame:
            return (f"{frame[1]}:{frame[2]} in {frame[3]}: {code}\n"
                    f"{lines[errors[0]]}")
    return "\n".join(lines[-n:]) if lines else "(nothing)"
