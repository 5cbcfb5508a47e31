"""Milestone 8.2: the README's *How to run* takes a clean copy from nothing to a prediction.

The grader does what a stranger would: it copies ``portfolio/`` without ``models/``,
``images/``, ``figures/`` or caches, then follows the section's ```bash blocks in order
(`ref_clean`): ``python`` commands run there (each within ``COMMAND_FACTOR`` x the time
limit: 180 s), ``pip install`` and ``docker`` lines are skipped, ``uvicorn app:app`` is
started on the grader's own port (the README's port is swapped for it), ``GET /health`` must
answer 200 with ``"model_loaded": true``, and the README's curl, or the grader's example
customer when there is none, must get a probability; the same customer with tenure "abc"
must get a 4xx, never a 500. Afterwards the model file and the figures the README shows must
exist in the copy.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week04 import ref_readme
from grader.week08 import ref_clean as C
from grader.week08 import ref_commands as K
from grader.week08 import ref_portfolio as P

SECTION = f"## {K.TITLE}"
TRAIN_HINT = ("Next      add `python train.py` to a ```bash block of ## How to run: a clean "
              "copy has no models/ until something trains one")
UNPROCESSABLE = ("Tip       422: the body does not match app.py's request model; the "
                 "detail names the field to fix")
SERVE_HINT = "Next      add `uvicorn app:app --port 8000` to ## How to run, after the training"
#: A model pickled by ``python train.py`` that refers to a function of train.py itself.
PICKLED_MAIN = re.compile(r"Can't get attribute '([\w.]+)' on <module '(?:[\w.]*\.)?__(?:mp_)?"
                          r"main__'")


def at(step: K.Step) -> str:
    """`python train.py` (week08/portfolio/README.md line 88, ## How to run)."""
    return f"`{K.shown(step)}` ({step.where.replace(P.README, P.SHOWN)}, {SECTION})"


def planned(week: Any) -> list[K.Step]:
    """The section's commands as steps; a starter, a missing part or make fails first."""
    text = P.readme(week, f"the commands of {P.SHOWN}, {SECTION}")
    if ref_readme.section(text, K.TITLE) is None:
        if P.not_started(text):
            raise_not_started(week)
        raise CheckFailed(f"{P.SHOWN} should say how to run the project",
                          expected=f"a section {SECTION} with ```bash blocks",
                          got=f"no heading {SECTION}", lines=[TRAIN_HINT])
    plan = K.steps(text, week.sandbox.root / P.PROJECT)
    unlabelled = [f"Tip       the code block at {P.SHOWN} line {line} has no language: open "
                  "it with ```bash so the grader runs it" for line in K.unlabelled_blocks(text)]
    if not plan:
        if not P.written(text, K.TITLE):
            raise_not_started(week)
        raise CheckFailed(f"{P.SHOWN}'s {SECTION} should give the commands, in ```bash blocks",
                          expected=K.EXAMPLE, got="no command in a ```bash block of the "
                          "section (prose and ```text blocks are read by people, not by a "
                          "terminal)", lines=unlabelled[:1])
    for step in plan:
        if step.kind == "unsupported":
            raise CheckFailed(f"{at(step)} cannot be followed on a clean copy: {step.note}",
                              expected="python ..., uvicorn app:app, curl (pip install and "
                              "docker lines are skipped)", got=K.shown(step),
                              lines=["Next      write the commands themselves in the README: "
                                     "python train.py, uvicorn app:app --port 8000"])
    kinds = [step.kind for step in plan]
    listed = "commands: " + "; ".join(K.shown(s)[:40] for s in plan[:4])
    if "run" not in kinds:
        raise CheckFailed(f"{P.SHOWN}'s {SECTION} should train the model: a clean copy has "
                          "no models/", expected="python train.py before uvicorn", got=listed,
                          lines=unlabelled[:1] or [TRAIN_HINT])
    if "serve" not in kinds:
        docker = [s.where for s in plan if s.kind == "skip" and s.note.startswith("docker")]
        lines = unlabelled[:1] or [SERVE_HINT] + [
            f"Note      the grader skips docker ({where}): keep the uvicorn command too"
            for where in docker[:1]]
        raise CheckFailed(f"{P.SHOWN}'s {SECTION} should start the service",
                          expected="uvicorn app:app --port 8000 (then a curl to it)",
                          got=listed, lines=lines)
    return plan


def raise_not_started(week: Any) -> None:
    raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError",
                       f"Milestone 8.2: write the commands of {SECTION} in {P.README}",
                       where=f"{week.shown_as}/{P.README}", checking=current.checking)


def shown_figures(week: Any) -> list[P.Image]:
    """The confusion matrix and precision-recall curve the README shows, as local files."""
    found = P.images(P.readme(week, f"the figures {P.SHOWN} shows"))
    figures = [P.figure_for(found, what) for what in P.FIGURES]
    return [image for image in figures if image and not image.remote and image.path()]


def clean_run(week: Any) -> C.Run:
    """The section followed on a fresh clean copy, once per kernel."""
    plan = planned(week)
    figures = tuple(image.path().removeprefix(P.PROJECT + "/") for image in shown_figures(week))

    def follow() -> C.Run:
        return C.run_readme(week, plan, C.clean_copy(week, drop=figures))

    run = week.once("8.2 How to run on a clean copy", follow)
    current.where = f"{week.shown_as}/{P.README}"
    current.checking = f"the {SECTION} commands of {P.SHOWN}, on a clean copy of portfolio/"
    return run


#: Where an installed library lives (``<python>/lib/python3.12/site-packages/``): its files are
#: not the learner's to open, so an error names them by package (``<installed>/uvicorn/...``).
INSTALLED = re.compile(r"(?:<python>)?[^\s'\"()<>]*[/\\](?:site|dist)-packages[/\\]")


def readable(week: Any, text: str) -> str:
    """Sandbox paths in an error as the learner knows them; installed libraries by name only."""
    clean = str(week.sandbox.tmp / "clean" / week.folder.name / P.PROJECT)
    text = text.replace(clean, P.PROJECT).replace(str(week.sandbox.tmp), "<grader>")
    text = text.replace(sys.executable, "python").replace(sys.prefix, "<python>")
    return INSTALLED.sub("<installed>/", text)


def expect_no_stub(week: Any, output: str, step: K.Step) -> None:
    """A command that ran into a starter's NotImplementedError: "not started", named."""
    stub = re.search(r"NotImplementedError: (Milestone [^\n]*)", output)
    if stub is None:
        return
    frames = re.findall(rf'File "{P.PROJECT}/([^"]+)", line \d+, in (\w+)', output)
    place = f"{frames[-1][0]}::{frames[-1][1]}" if frames else ""
    raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError", stub.group(1),
                       where=f"{week.shown_as}/{P.PROJECT}/{place}".rstrip("/"),
                       checking=f"{at(step)} on a clean copy")


def expect_commands_ran(week: Any, run: C.Run) -> None:
    """Every python command exited 0 (and cd stayed in the project)."""
    failure = run.failure or {}
    step = failure.get("step")
    if failure.get("kind") == "timeout":
        raise LearnerFault(Reason.TIMEOUT, "TIMEOUT", f"{failure['seconds']:g} s",
                           where=f"{week.shown_as}/{P.README}",
                           checking=f"{at(step)} on a clean copy")
    if failure.get("kind") == "cd":
        raise CheckFailed(f"{at(step)} cannot be followed on a clean copy: {failure['detail']}",
                          expected="cd into a folder of the project, or no cd (commands run "
                          "from portfolio/)", got=K.shown(step))
    if failure.get("kind") != "exit":
        return
    output = readable(week, failure["stderr"] + "\n" + failure["stdout"])
    expect_no_stub(week, output, step)
    error = C.last_error(readable(week, failure["stderr"]) or output)
    lines = []
    missing = re.search(r"can't open file '([^']+)'", error)
    local = re.search(r"(?<![\w<>.])(/(?:home|Users|mnt|root|media|opt)/[^\s'\";,]+|"
                      r"[A-Z]:\\[^\s'\";,]+)", error)
    if missing:
        lines.append(f"Tip       {missing.group(1)} is not a file of the project: does the "
                     "command name the script as it is called in portfolio/?")
    elif local:
        lines.append(f"Tip       {local.group(1)[:60]} exists on your machine only: build "
                     "paths from Path(__file__).resolve() (parents[3] / \"data\" is the course "
                     "data) or take them as arguments")
    elif "FileNotFoundError" in error or "No such file" in error:
        lines.append("Tip       a clean copy has only what is committed: no models/, no "
                     "images/ or figures/, nothing outside portfolio/")
    if run.notes:
        lines.append(f"Skipped   {run.notes[0]}"[:150])
    raise CheckFailed(f"{at(step)} failed on a clean copy of portfolio/ (exit code "
                      f"{failure['code']})", expected="exit code 0: the command works from a "
                      "fresh clone", got=error, lines=lines)


@milestone("8.2")
def test_how_to_run_commands_succeed_on_a_clean_copy(week):
    expect_commands_ran(week, clean_run(week))


def line_of(step: K.Step) -> int:
    """The README line a step comes from (a script's step: the line that runs the script)."""
    numbers = re.findall(r"line (\d+)", step.where)
    return int(numbers[-1]) if numbers else 0


def order_tip(run: C.Run) -> list[str]:
    """Tip when the README starts uvicorn before a python command: there is no model yet."""
    kinds = [step.kind for step in run.steps]
    if "serve" not in kinds or "run" not in kinds[kinds.index("serve"):]:
        return []
    serve = run.steps[kinds.index("serve")]
    later = next(step for step in run.steps[kinds.index("serve"):] if step.kind == "run")
    return [f"Tip       uvicorn comes before `{K.shown(later)[:40]}` in {SECTION} (line "
            f"{line_of(serve)}): train first"]


def model_tips(run: C.Run, output: str) -> list[str]:
    """Why the service could not use the model, from what uvicorn printed."""
    pickled = PICKLED_MAIN.search(output)
    if pickled is None:
        return order_tip(run)
    script = next((s.args[0] for s in run.steps if s.kind == "run" and s.args
                   and s.args[0].endswith(".py")), "train.py")
    return [f"Tip       the saved model refers to {pickled.group(1)}, defined in {script} "
            "(pickled as __main__): use scikit-learn steps only, or move it into a module in "
            "portfolio/ that app.py imports"]


def server_error(week: Any, run: C.Run) -> list[str]:
    """The line of uvicorn's output that says why a request failed with a 500."""
    log = readable(week, run.log)
    return [f"Log       {C.last_error(log)}"[:150]] if log.strip() else []


def answer_tips(week: Any, run: C.Run, answer: dict[str, Any]) -> list[str]:
    """What to fix when a request of the README got no answer worth having."""
    status, body = answer["status"], answer.get("body") or ""
    if status is not None and status >= 500:
        return model_tips(run, run.log) or server_error(week, run)
    if status is None or not 400 <= status < 500 or answer["method"] != "POST":
        return []
    if "\\\n" in body:
        return ["Tip       the body is not valid JSON: inside '...' a backslash at a line end "
                "stays in the text; drop those backslashes or keep the JSON on one line"]
    try:
        sent = json.loads(body)
    except ValueError:
        sent = None
    if run.wrapper and not (isinstance(sent, dict) and run.wrapper[0] in sent):
        name, many = run.wrapper
        shape = f'{{"{name}": [{{...}}]}}' if many else f'{{"{name}": {{...}}}}'
        return [f"Tip       app.py's /openapi.json wants the customers in \"{name}\": wrap "
                f"the customer: {shape}"]
    return [UNPROCESSABLE] if status == 422 else []


def serving(week: Any) -> C.Run:
    """The clean run, failing unless the service started and every request was answered."""
    run = clean_run(week)
    expect_commands_ran(week, run)
    failure = run.failure or {}
    step = failure.get("step")
    kind = failure.get("kind")
    if kind == "serve":
        output = readable(week, failure["output"])
        expect_no_stub(week, output, step)
        raise CheckFailed(f"{at(step)} should start the service on a clean copy, after the "
                          "commands before it", expected="uvicorn serving the model the "
                          "training command wrote", got=f"exit code {failure['code']}: "
                          f"{C.last_error(output)}",
                          lines=model_tips(run, output) or [
                              "Tip       does app.py look for the model where train.py "
                              "writes it (models/ next to app.py)?"])
    if kind == "curl_first":
        raise CheckFailed(f"{at(step)} calls the service before the README starts it",
                          expected="uvicorn app:app ... before the curl", got=K.shown(step))
    if kind == "curl_port":
        raise CheckFailed(f"{at(step)} should call the service the README started",
                          expected=f"http://localhost:{failure['port']}/... (uvicorn's port)",
                          got=failure["url"][:120])
    if kind == "curl_file":
        raise CheckFailed(f"{at(step)} sends the file {failure['file']}: a clean copy should "
                          "have it", expected=f"{failure['file']} committed in portfolio/",
                          got="no such file")
    return run


@milestone("8.2")
def test_service_answers_health_and_the_readme_request(week):
    run = serving(week)
    health = run.health or {}
    serving_step = at(run.served["step"])
    expect(health.get("status") == 200, f"GET /health should answer 200 once {serving_step} "
           "is up", expected='200 {"status": "ok", "model_loaded": true}',
           got=f"{health.get('status')}: {health.get('text', '')[:150]}")
    loaded = health.get("json")
    expect(isinstance(loaded, dict) and loaded.get("model_loaded") is True,
           f"GET /health should say the model is loaded once {serving_step} is up: a load "
           "balancer sends work only then", expected='{"status": "ok", "model_loaded": true}',
           got=health.get("text", "")[:150])
    for answer in run.answers:
        what = (f"the curl at {answer['where'].replace(P.README, P.SHOWN)}"
                if answer["where"] != "the grader's example" else
                "the grader's example customer (the README has no POST curl)")
        current.checking = f"{answer['method']} {answer['path']}: {answer['text_sent'][:90]}"
        if answer["status"] is None or not 200 <= answer["status"] < 300:
            raise CheckFailed(f"{what}, sent to the service started from the README, should "
                              "get an answer", expected="200" + (
                                  " and a churn probability" if answer["method"] == "POST"
                                  else ""), got=f"{answer['status']}: {answer['text'][:220]}",
                              lines=answer_tips(week, run, answer))
        if answer["method"] != "POST":
            continue
        found = C.probabilities(answer)
        expect(found is not None and all(0 <= p <= 1 for p in found),
               f"{what} should get the customer's churn probability",
               expected='a probability between 0 and 1, e.g. {"churn_probability": 0.42}',
               got=answer["text"][:200])


@milestone("8.2")
def test_service_refuses_an_invalid_customer(week):
    run = serving(week)
    invalid = run.invalid
    if invalid is None:  # nothing scored: the check above says why
        return
    current.checking = (f"POST {invalid['path']}: the customer of "
                        f"{invalid['where'].replace(P.README, P.SHOWN)}, with "
                        f"{invalid['field']} \"{C.INVALID}\"")
    status = invalid["status"]
    if status is not None and 400 <= status < 500:
        return
    lines = [f"Tip       declare the customer as a pydantic model ({invalid['field']}: "
             f"{invalid['kind']}, ...): FastAPI then answers 422 by itself, naming the field"]
    if status is not None and status >= 500:
        lines += server_error(week, run)
    raise CheckFailed(f"a customer whose {invalid['field']} is \"{C.INVALID}\" should be "
                      "refused with a 4xx that names the field: the caller can fix that, not "
                      "a 500 or a score", expected='422 {"detail": [... "' +
                      str(invalid["field"]) + '" ...]}',
                      got=f"{status}: {invalid['text'][:200]}", lines=lines)


@milestone("8.2")
def test_model_and_figures_come_from_the_commands(week):
    run = clean_run(week)
    expect_commands_ran(week, run)
    models = [path for path in run.outputs if path.endswith(C.MODEL_SUFFIXES)]
    expect(models, "after the README's commands, a clean copy should hold the trained model",
           expected=f"a model file ({', '.join(C.MODEL_SUFFIXES[:2])}) written by the "
           "training command, e.g. models/churn_model.joblib",
           got="new files: " + (", ".join(run.outputs[:4]) or "none"))
    figures = shown_figures(week)
    current.checking = f"the figures {P.SHOWN} shows, after its {SECTION} commands"
    there = {f"{P.PROJECT}/{path}" for path in run.files}
    absent = [image for image in figures if image.path() not in there]
    expect(not absent, "the figures the README shows should be drawn by its commands, so a "
           "rerun refreshes them", expected=" and ".join(i.target for i in absent) +
           " written on the clean copy", got=", ".join(
               f"no {i.target} (line {i.line})" for i in absent) + "; new files: " +
           (", ".join(run.outputs[:4]) or "none"))
