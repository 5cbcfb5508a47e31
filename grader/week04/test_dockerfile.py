"""Milestone 4.7: a Dockerfile a team could ship, pinned requirements, and how to run it.

There is no Docker engine on the grading machines, so nothing is built: the Dockerfile is
parsed judge-side (`ref_docker`: dockerfile-parse, build stages followed) and linted by
hadolint; requirements.txt is parsed with `packaging`; the README's *Your service* commands
are read by `ref_readme`. Each check is one property ``docker build`` / ``docker run`` would
show months later on a machine nobody prepared.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from typing import Any

from grader.engine.checks import CheckFailed, expect, milestone
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week04 import ref_docker as D
from grader.week04 import ref_readme

#: What the service needs at run time (PyPI names).
NEEDED = ("fastapi", "uvicorn", "scikit-learn", "pandas", "numpy")
#: The Python the course (and so the model) runs: the image must be the same minor version.
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
PORT = 8000
GOOD_FROM = f"python:{PYTHON}.{sys.version_info.micro}-slim"
#: Files a .dockerignore must keep out of an image built from the whole folder (a path to
#: test, and how the message names it).
NOT_SHIPPED = {"test_app.py": "test_app.py", "explore.ipynb": "notebooks (*.ipynb)"}
#: Tools the slim Python image does not have.
NOT_IN_SLIM = ("curl", "wget")


# --- reading the files ------------------------------------------------------------------------


def text(week: Any, name: str) -> str | None:
    content = week.read_file(name)
    return None if content is None else content.decode("utf-8", errors="replace")


def dockerfile(week: Any) -> D.Dockerfile:
    """The learner's Dockerfile, parsed; the starter (no FROM) is "not started"."""
    current.where = f"{week.shown_as}/Dockerfile"
    current.checking = "Dockerfile, read by dockerfile-parse (nothing is built)"
    content = text(week, "Dockerfile")
    if content is None:
        raise LearnerFault(Reason.MISSING, "", f"found no Dockerfile in {week.shown_as}",
                           where=current.where, checking=current.checking)
    parsed = week.once("4.7 Dockerfile", lambda: D.Dockerfile(content))
    if not parsed.stages:
        placeholder = re.search(r"Milestone 4\.7[^\n]*", content)
        raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError",
                           placeholder.group(0) if placeholder else "Milestone 4.7: the "
                           "Dockerfile has no FROM", where=current.where,
                           checking=current.checking)
    return parsed


def findings(week: Any) -> list[dict[str, Any]]:
    """hadolint's findings on the Dockerfile, once per grading run."""
    content = text(week, "Dockerfile") or ""
    return week.once("4.7 hadolint", lambda: D.hadolint(content))


def final_stage(week: Any, checking: str = "") -> tuple[D.Dockerfile, D.Stage]:
    """The parsed Dockerfile and its final stage; `checking` names what the check reads."""
    parsed = dockerfile(week)
    assert parsed.final is not None
    current.checking = checking or current.checking
    return parsed, parsed.final


def command_words(parsed: D.Dockerfile, stage: D.Stage) -> tuple[list[str], list[str]]:
    """(the words the container runs, problems with how they are written)."""
    entrypoint = parsed.effective(stage, "ENTRYPOINT")
    cmd = parsed.effective(stage, "CMD")
    problems = []
    for instruction in (entrypoint, cmd):
        if instruction is not None and instruction.exec_form() is None:
            problems.append(instruction.shown())
    words = (entrypoint.words() if entrypoint else []) + (
        cmd.words() if cmd and not (entrypoint and entrypoint.exec_form() is None) else [])
    return words, problems


def uvicorn_port(words: list[str]) -> int:
    """The port uvicorn is told to listen on (its default 8000)."""
    for i, word in enumerate(words):
        if word == "--port" and i + 1 < len(words) and words[i + 1].isdigit():
            return int(words[i + 1])
        if word.startswith("--port=") and word[7:].isdigit():
            return int(word[7:])
    return PORT


def app_port(week: Any) -> int:
    parsed = week.once("4.7 Dockerfile", lambda: D.Dockerfile(text(week, "Dockerfile") or ""))
    return uvicorn_port(command_words(parsed, parsed.final)[0]) if parsed.final else PORT


def instructions_in(parsed: D.Dockerfile, stage: D.Stage) -> list[D.Instruction]:
    return [i for s in parsed.chain(stage) for i in s.instructions]


# --- the Dockerfile ---------------------------------------------------------------------------


@milestone("4.7")
def test_dockerfile_is_valid(week):
    parsed = dockerfile(week)
    expect(not parsed.unknown, "every line of the Dockerfile should be an instruction docker "
           "build knows", expected="FROM, RUN, COPY, USER, HEALTHCHECK, CMD, ...",
           got="\n".join(i.shown() for i in parsed.unknown[:3]))
    errors = [f for f in findings(week) if f.get("code") == "DL1000"]
    expect(not errors, "hadolint cannot parse the Dockerfile",
           expected="a Dockerfile docker build can read",
           got="\n".join(f"line {f.get('line')}: {f.get('message', '')[:100]}"
                         for f in errors[:2]))


@milestone("4.7")
def test_starts_from_a_pinned_slim_python(week):
    parsed, final = final_stage(week)
    for stage in parsed.stages:
        if stage.parent is not None:
            continue  # FROM an earlier stage: that stage's image is checked
        expect_pinned(stage, final=stage is parsed.chain(final)[0])


def expect_pinned(stage: D.Stage, *, final: bool) -> None:
    ref = D.image_ref(stage.image)
    shown = f"FROM {stage.image} (line {stage.line})"
    current.checking = "the base image (FROM)"
    if "$" in stage.image:
        raise CheckFailed("the base image uses a build argument with no default: docker build "
                          "would need --build-arg every time", expected=f"FROM {GOOD_FROM}",
                          got=shown)
    if ref.digest and D.DIGEST.search("@" + ref.digest):
        if final and ref.tag and "slim" not in ref.tag:
            raise CheckFailed("the service's image should be a slim Python: the full image is "
                              "about 1 GB of compilers and tools the service never runs",
                              expected=f"FROM {GOOD_FROM}@sha256:...", got=shown)
        return  # a digest names exactly one image: reproducible
    if ref.tag in (None, "latest") or not re.match(r"\d", ref.tag or ""):
        raise CheckFailed(f"{stage.image} is whatever image is newest the day you build: the "
                          "image would change under you (reproducible builds need a full "
                          "version)", expected=f"FROM {GOOD_FROM}", got=shown)
    if not re.match(r"\d+\.\d+\.\d+", ref.tag):
        raise CheckFailed(f"python:{ref.tag} moves with every patch release: pin the full "
                          "version so the image rebuilds the same next year",
                          expected=f"FROM {GOOD_FROM}", got=shown)
    if not final:
        return  # a builder stage may be a full image: it is not shipped
    if ref.name not in D.PYTHON_IMAGES:
        raise CheckFailed("the service's image should start from the official Python image",
                          expected=f"FROM {GOOD_FROM}", got=shown)
    if not ref.tag.startswith(PYTHON + "."):
        raise CheckFailed(f"the model was saved and tested with Python {PYTHON}: serve it with "
                          "the same", expected=f"FROM {GOOD_FROM}", got=shown)
    if "alpine" in ref.tag:
        raise CheckFailed("alpine uses musl, not glibc: numpy, pandas and scikit-learn then "
                          "install other wheels (or compile for minutes); use the slim image",
                          expected=f"FROM {GOOD_FROM}", got=shown)
    if "slim" not in ref.tag:
        raise CheckFailed("the full python image is about 1 GB with compilers the service never "
                          "runs; the slim one is about 150 MB (smaller to ship, less to patch)",
                          expected=f"FROM {GOOD_FROM}", got=shown)


@milestone("4.7")
def test_runs_as_a_non_root_user(week):
    parsed, final = final_stage(week, "the user the final stage runs as (USER)")
    user = parsed.effective(final, "USER")
    expect(user is not None, "the container should not run as root: a bug in the service (or "
           "in a library) would then own the whole container", expected="USER 10001 (or a "
           "user made with RUN useradd) before CMD", got="no USER instruction in the final "
           "stage: the container runs as root")
    assert user is not None
    name = user.value.strip().split(":")[0]
    expect(name not in ("root", "0"), "the container should run as a user that is not root",
           expected="USER 10001 (or a user made with RUN useradd)", got=user.shown())
    if name.isdigit() or "$" in name or name == "nobody":
        return
    created = [i for i in instructions_in(parsed, final)
               if i.kind == "RUN" and re.search(r"\b(useradd|adduser)\b", i.value)
               and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", i.value)]
    expect(bool(created), f"USER {name}, but no RUN useradd/adduser makes that user: docker "
           f"run would stop with 'unable to find user {name}'",
           expected=f"RUN useradd --create-home {name} before USER {name}", got=user.shown())


@milestone("4.7")
def test_requirements_installed_before_the_code(week):
    parsed, final = final_stage(week, "the order of COPY and RUN pip install (layer caching)")
    installed: dict[int, bool] = {}  # stage index -> requirements installed so far
    has_requirements: dict[int, bool] = {}
    for stage in parsed.stages:
        installed[stage.index] = bool(stage.parent and installed[stage.parent.index])
        has_requirements[stage.index] = bool(stage.parent and has_requirements[
            stage.parent.index])
        for instruction in stage.instructions:
            if instruction.kind in ("COPY", "ADD"):
                copy = D.read_copy(instruction)
                source_stage = parsed.stage(copy.stage)
                if source_stage is not None:
                    installed[stage.index] |= installed.get(source_stage.index, False)
                    continue
                if copy.stage is not None:
                    continue  # from an outside image (a binary): not the learner's code
                if any(D.covers(s, "requirements.txt") for s in copy.sources):
                    has_requirements[stage.index] = True
                code = [s for s in copy.sources if D.is_code(s)]
                if code and not installed[stage.index]:
                    raise CheckFailed(
                        "install the requirements before copying the code: every change to "
                        "app.py would otherwise re-run pip install (minutes) instead of reusing "
                        "the cached layer", expected="COPY requirements.txt .\nRUN pip install "
                        "--no-cache-dir -r requirements.txt\nCOPY app.py schemas.py ./",
                        got=f"{instruction.shown()}\ncomes before any "
                            "RUN pip install -r requirements.txt")
            elif instruction.kind == "RUN" and D.PIP_REQUIREMENTS.search(instruction.value):
                expect(has_requirements[stage.index], "RUN pip install -r requirements.txt "
                       "needs requirements.txt in the image first: docker build would stop "
                       "with 'No such file'", expected="COPY requirements.txt . before it",
                       got=instruction.shown())
                installed[stage.index] = True
    expect(installed[final.index], "the image should install requirements.txt with pip",
           expected="RUN pip install --no-cache-dir -r requirements.txt",
           got="no RUN pip install -r requirements.txt in the Dockerfile")


@milestone("4.7")
def test_copies_only_what_the_service_needs(week):
    parsed, _ = final_stage(week, "what COPY and ADD put in the image (with .dockerignore)")
    ignore = D.dockerignore_lines(text(week, ".dockerignore"))
    for instruction in parsed.instructions:
        if instruction.kind not in ("COPY", "ADD"):
            continue
        copy = D.read_copy(instruction)
        if copy.stage is not None or not any(D.is_whole_context(s) for s in copy.sources):
            continue
        excluded = ignore + copy.flags.get("exclude", [])
        shipped = [shown for path, shown in NOT_SHIPPED.items()
                   if not D.ignored(path, excluded)]
        expect(not shipped, "COPY . copies the whole folder: tests, notebooks, caches and "
               "any secret lying there end up in the image; copy the files the service runs, "
               "or list the rest in .dockerignore", expected="COPY app.py schemas.py ./ (or a "
               ".dockerignore with test_*.py and *.ipynb)",
               got=f"{instruction.shown()}\nwould ship {', '.join(shipped)}"
                   + ("" if ignore else " (no .dockerignore)"))


@milestone("4.7")
def test_copies_the_model(week):
    parsed, final = final_stage(week, "COPY of models/churn_model.joblib and .json")
    ignore = D.dockerignore_lines(text(week, ".dockerignore"))

    def brings(stage: D.Stage, path: str, seen: tuple[int, ...] = ()) -> bool:
        for instruction in instructions_in(parsed, stage):
            if instruction.kind not in ("COPY", "ADD"):
                continue
            copy = D.read_copy(instruction)
            source_stage = parsed.stage(copy.stage)
            if source_stage is not None and source_stage.index not in (*seen, stage.index):
                if brings(source_stage, path, (*seen, stage.index)):
                    return True
                continue
            if copy.stage is None and any(D.covers(s, path) for s in copy.sources) \
                    and not D.ignored(path, ignore + copy.flags.get("exclude", [])):
                return True
        return False

    missing = [path for path in D.MODEL_FILES if not brings(final, path)]
    expect(not missing, "the image should hold the model: the service loads it at start-up, "
           "and a container without it stops at once", expected="COPY models/churn_model.joblib "
           "models/churn_model.json ./models/", got=f"nothing copies {', '.join(missing)}"
           + (" (.dockerignore keeps it out)" if any(D.ignored(p, ignore) for p in missing)
              else ""))


@milestone("4.7")
def test_healthcheck_asks_health(week):
    parsed, final = final_stage(week, "HEALTHCHECK of the final stage")
    check = parsed.effective(final, "HEALTHCHECK")
    expect(check is not None and check.value.strip().upper() != "NONE",
           "add a HEALTHCHECK: without one Docker (and an orchestrator) cannot tell a running "
           "container from a working service", expected="HEALTHCHECK CMD [\"python\", \"-c\", "
           "\"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')\"]",
           got=check.shown() if check else "no HEALTHCHECK")
    assert check is not None
    command = re.split(r"\bCMD\b", check.value, maxsplit=1, flags=re.IGNORECASE)
    expect(len(command) == 2 and "/health" in command[1], "the HEALTHCHECK should ask the "
           "service's GET /health", expected="HEALTHCHECK ... CMD <a request to "
           f"http://127.0.0.1:{PORT}/health>", got=check.shown())
    asked = re.search(r":(\d+)/health", command[1])
    port = uvicorn_port(command_words(parsed, final)[0])
    expect(asked is None or int(asked.group(1)) == port, "the HEALTHCHECK asks another port "
           "than the one uvicorn listens on: the container would never be healthy",
           expected=f"http://127.0.0.1:{port}/health", got=check.shown())
    tool = next((t for t in NOT_IN_SLIM if re.search(rf"\b{t}\b", command[1])), None)
    if tool is None:
        return
    installed = [i for i in instructions_in(parsed, final) if i.kind == "RUN"
                 and re.search(r"\b(apt-get|apt|apk)\b", i.value)
                 and re.search(rf"\b{tool}\b", i.value)]
    expect(bool(installed), f"the HEALTHCHECK runs {tool}, but the slim Python image has no "
           f"{tool}: the check would fail forever and the container stay unhealthy",
           expected="CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen("
           f"'http://127.0.0.1:{port}/health', timeout=2)\"] (or install {tool})",
           got=check.shown())


@milestone("4.7")
def test_starts_uvicorn_in_exec_form_on_all_interfaces(week):
    parsed, final = final_stage(week, "what the container runs (ENTRYPOINT + CMD)")
    words, shell_form = command_words(parsed, final)
    expect(bool(words), "the image should say what it runs: CMD (or ENTRYPOINT) starting uvicorn",
           expected='CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
           got="no CMD or ENTRYPOINT")
    expect(not shell_form, "write CMD in exec form (a JSON list): in shell form /bin/sh is the "
           "container's first process and docker stop's SIGTERM never reaches uvicorn (it is "
           "killed 10 s later, mid-request)", expected='CMD ["uvicorn", "app:app", "--host", '
           '"0.0.0.0", "--port", "8000"]', got="\n".join(shell_form))
    program = words
    if len(program) >= 3 and re.fullmatch(r"(.*/)?python[\d.]*", program[0]) and \
            program[1] == "-m":
        program = program[2:]
    shown = " ".join(words)[:100]
    expect(not (program[:1] and program[0].rsplit("/", 1)[-1] in ("sh", "bash")
                and "-c" in program), "CMD runs uvicorn through a shell (sh -c): the shell is "
           "the container's first process and docker stop's SIGTERM never reaches uvicorn",
           expected='CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
           got=shown)
    expect(bool(program) and program[0].rsplit("/", 1)[-1] == "uvicorn",
           "the container should start the service with uvicorn",
           expected='["uvicorn", "app:app", "--host", "0.0.0.0", ...]', got=shown)
    factory = "--factory" in program
    target = "app:create_app" if factory else "app:app"
    expect(target in program or "app:app" in program, "uvicorn should serve app:app (the app "
           "object in app.py)", expected='["uvicorn", "app:app", ...]', got=shown)
    host = next((program[i + 1] for i, w in enumerate(program[:-1]) if w == "--host"), None)
    host = host or next((w[7:] for w in program if w.startswith("--host=")), None)
    expect(host in ("0.0.0.0", "::", "[::]"), "uvicorn should listen on all interfaces: "
           "--host 0.0.0.0; its default 127.0.0.1 inside a container answers nobody outside it "
           "(docker run -p gets 'connection reset')", expected="--host 0.0.0.0",
           got=f"{shown} (host {host or '127.0.0.1, the default'})")
    expect("--reload" not in program, "--reload is for development: it watches files and "
           "restarts the server; a container runs one fixed version",
           expected="no --reload", got=shown)


@milestone("4.7")
def test_hadolint_is_quiet(week):
    dockerfile(week)
    found = [f for f in findings(week) if f.get("level") in ("error", "warning")]
    current.checking = "hadolint Dockerfile (errors and warnings)"
    lines = _dockerfile_lines(week)
    expect(not found, "hadolint should report no error or warning (info lines are fine): each "
           "is a way the image breaks or grows (run `../../.venv/bin/hadolint Dockerfile`; "
           "the codes link to the fix)",
           expected="no error or warning",
           got="\n".join(f"line {f.get('line')}: {f.get('code')} {f.get('level')}: "
                         f"{str(f.get('message', ''))[:80]}{_on(lines, f)}" for f in found[:4])
               + (f"\n... and {len(found) - 4} more" if len(found) > 4 else ""))


def _dockerfile_lines(week: Any) -> list[str]:
    content = week.read_file("Dockerfile") or b""
    return content.decode("utf-8", errors="replace").splitlines()


def _on(lines: list[str], finding: dict[str, Any]) -> str:
    """DL3025 names CMD and ENTRYPOINT but also flags a HEALTHCHECK's shell-form CMD."""
    number = int(finding.get("line") or 0)
    text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    if finding.get("code") == "DL3025" and text.upper().startswith("HEALTHCHECK"):
        return f" (line {number} is your HEALTHCHECK: its CMD must be a JSON list too)"
    return ""


# --- requirements.txt -------------------------------------------------------------------------


def requirements(week: Any) -> tuple[dict[str, Any], list[str]]:
    """(canonical name -> packaging Requirement, lines that are not pinned requirements)."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    dockerfile(week)  # the starter Dockerfile: the milestone is not started
    current.where = f"{week.shown_as}/requirements.txt"
    current.checking = "requirements.txt, read with packaging"
    content = text(week, "requirements.txt")
    if content is None:
        raise LearnerFault(Reason.MISSING, "", f"found no requirements.txt in {week.shown_as}",
                           where=current.where, checking=current.checking)
    found: dict[str, Any] = {}
    bad: list[str] = []
    for number, raw in enumerate(content.replace("\\\n", " ").splitlines(), 1):
        line = re.sub(r"(^|\s)#.*", "", raw).strip()
        if not line:
            continue
        if line.startswith("-"):
            if re.match(r"(-r|--requirement|-e|--editable|-c|--constraint)\b", line):
                bad.append(f"line {number}: {line[:60]} (not a pinned package)")
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            bad.append(f"line {number}: {line[:60]} (not a requirement pip can read)")
            continue
        specs = list(requirement.specifier)
        pinned = requirement.url is None and len(specs) == 1 and specs[0].operator in (
            "==", "===") and "*" not in specs[0].version
        if not pinned:
            bad.append(f"line {number}: {line[:60]}")
        found[canonicalize_name(requirement.name)] = requirement
    if not found and not bad:
        raise LearnerFault(Reason.NOT_STARTED, "NotImplementedError", "Milestone 4.7: "
                           "requirements.txt lists no package", where=current.where,
                           checking=current.checking)
    return found, bad


@milestone("4.7")
def test_requirements_are_pinned(week):
    found, bad = requirements(week)
    expect(not bad, "pin every requirement with ==: `pip install fastapi` installs a "
           "different version next month, and the image no longer rebuilds the same",
           expected="name==version on every line (fastapi==0.165.0)", got="\n".join(bad[:4]))
    missing = [name for name in NEEDED if name not in found]
    hint = " (the PyPI package `sklearn` is not scikit-learn: write scikit-learn)" \
        if "sklearn" in found and "scikit-learn" in missing else ""
    expect(not missing, "requirements.txt should list what the service imports",
           expected=", ".join(NEEDED), got=f"no {', '.join(missing)}{hint}")


@milestone("4.7")
def test_scikit_learn_is_the_models_version(week):
    found, _ = requirements(week)
    wanted = importlib.metadata.version("scikit-learn")
    requirement = found.get("scikit-learn")
    expect(requirement is not None, "requirements.txt should pin scikit-learn",
           expected=f"scikit-learn=={wanted}", got="no scikit-learn")
    versions = [spec.version for spec in requirement.specifier]
    expect(versions == [wanted], "scikit-learn must be the version the model was saved with "
           f"({wanted}, see sklearn_version in models/churn_model.json): a pickled model loaded "
           "by another scikit-learn warns, breaks or silently predicts differently",
           expected=f"scikit-learn=={wanted}", got=str(requirement))


# --- the README -------------------------------------------------------------------------------


def _image(name: str) -> str:
    """``churn-api`` and ``churn-api:latest`` are the same image."""
    return name if ":" in name.rsplit("/", 1)[-1] else f"{name}:latest"


#: docker run options that take a value (the next word).
RUN_VALUE_OPTIONS = {
    "-p", "--publish", "-e", "--env", "--env-file", "-v", "--volume", "--mount", "--name",
    "-w", "--workdir", "-u", "--user", "--network", "--net", "-m", "--memory", "--cpus",
    "--restart", "--entrypoint", "-h", "--hostname", "-l", "--label", "--add-host",
    "--platform", "--pull", "--health-cmd", "--health-interval", "--log-driver", "--log-opt",
    "--cidfile", "--device", "--dns", "--expose", "--gpus", "--ulimit", "--shm-size",
    "--stop-signal", "--stop-timeout", "--tmpfs", "--security-opt", "--cap-add",
    "--cap-drop", "--pid", "--ipc", "-a", "--attach", "--label-file", "--memory-swap",
}  # fmt: skip
SHORT_WITH_VALUE = set("pevwuhmla")


def docker_run(words: list[str]) -> tuple[str | None, list[str]]:
    """(the image a ``docker run`` starts, its -p values)."""
    published: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return (words[i + 1] if i + 1 < len(words) else None), published
        if word.startswith("--"):
            name, equal, value = word.partition("=")
            if not equal and name in RUN_VALUE_OPTIONS:
                value, i = (words[i + 1] if i + 1 < len(words) else ""), i + 1
            if name == "--publish":
                published.append(value)
        elif word.startswith("-") and len(word) > 1:
            for j, letter in enumerate(word[1:], 1):
                if letter in SHORT_WITH_VALUE:
                    value = word[j + 1:]
                    if not value:
                        value, i = (words[i + 1] if i + 1 < len(words) else ""), i + 1
                    if letter == "p":
                        published.append(value.lstrip("="))
                    break
        else:
            return word, published
        i += 1
    return None, published


def published(value: str) -> tuple[str | None, str]:
    """(host port, container port) of a -p value: ``[ip:]host:container[/tcp]``."""
    parts = value.split("/")[0].split(":")
    return (parts[-2] if len(parts) >= 2 else None), parts[-1]


def docker_commands(week: Any) -> tuple[list[Any], list[Any], int]:
    """The README's ``docker build`` and ``docker run`` commands, and the app's port."""
    dockerfile(week)
    port = app_port(week)
    current.where = f"{week.shown_as}/README.md"
    current.checking = "README.md, section Your service: the docker commands"
    readme = text(week, "README.md") or ""
    builds, runs = [], []
    for command in ref_readme.find_commands(readme, "docker"):
        words = command.words or command.text.split()
        words = words[words.index("docker") + 1:] if "docker" in words else words[1:]
        if words[:2] in (["buildx", "build"], ["image", "build"], ["container", "run"]):
            words = words[1:]
        if words[:1] == ["build"]:
            builds.append((command, words[1:]))
        elif words[:1] == ["run"]:
            runs.append((command, words[1:]))
    return builds, runs, port


@milestone("4.7")
def test_readme_says_how_to_build_and_run(week):
    builds, runs, port = docker_commands(week)
    example = "docker build -t churn-api .\ndocker run -p 8000:8000 churn-api"
    expect(bool(builds), "section Your service should say how to build the image, in a ```bash "
           "block", expected=example, got="no docker build command in Your service")
    tags = []
    for _, words in builds:
        for i, word in enumerate(words):
            if word in ("-t", "--tag") and i + 1 < len(words):
                tags.append(_image(words[i + 1]))
            elif word.startswith(("--tag=", "-t=")):
                tags.append(_image(word.split("=", 1)[1]))
    expect(bool(tags), "docker build should name the image with -t, so docker run can start it",
           expected="docker build -t churn-api .",
           got="\n".join(f"line {c.line}: {c.text[:90]}" for c, _ in builds[:2]))
    expect(bool(runs), "section Your service should say how to run the image",
           expected=f"docker run -p {PORT}:{port} {tags[0].removesuffix(':latest')}",
           got="no docker run command in Your service")
    wanted = f"{PORT}:{port}"
    started = [(c, *docker_run(words)) for c, words in runs]
    same = [s for s in started if s[1] is not None and _image(s[1]) in tags]
    expect(bool(same), "docker run should start the image docker build tagged",
           expected=f"docker run -p {wanted} {tags[0].removesuffix(':latest')}",
           got="\n".join(f"line {c.line}: {c.text[:80]} (image {image})"
                         for c, image, _ in started[:2]))
    mapped = [s for s in same if any(published(p) == (str(PORT), str(port)) for p in s[2])]
    expect(bool(mapped), f"docker run should publish the port: -p {wanted} (without it "
           f"curl http://localhost:{PORT} gets 'connection refused')",
           expected=f"docker run -p {wanted} {tags[0].removesuffix(':latest')}",
           got="\n".join(f"line {c.line}: {c.text[:90]}" for c, _, _ in same[:2]))
