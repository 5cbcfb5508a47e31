"""Milestone 8.2: the commands of the README's *How to run* section, read as a terminal would.

Only the section's shell blocks hold commands (```bash, ```sh, ```shell, ```zsh, ```console);
```json, ```text, ```python and unlabelled blocks are for people. Each command is read with
week 4's `ref_readme` (quotes, continuations, ``&&``, comments, ``$ `` transcripts; no shell
runs) and becomes a `Step` saying what the judge does with it (`ref_clean` then does it on a
clean copy):

    python train.py --out models        -> run (sandbox.run_process, cwd = the copy)
    uvicorn app:app --port 8000         -> serve (Week.serve on the judge's free port)
    curl -X POST localhost:8000/predict -> sent to that port, headers and body as written
    cd, export, mkdir                   -> followed judge-side, inside the copy only
    pip install, docker, git clone, ... -> skipped, with a note
    ... | python -m json.tool, > file    -> what reads a command's output is skipped (the
                                           judge reads the answer itself); redirections dropped
    make, a script outside the project  -> unsupported: the check fails with a hint

``bash run.sh`` (or ``./run.sh``) of a script in the project becomes the script's commands.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from grader.week04 import ref_readme
from grader.week08.ref_portfolio import PROJECT, README

#: The section the commands are read from (a ``## How to run`` heading, any level, any case).
TITLE = "How to run"
#: uvicorn's port when the README gives no --port.
DEFAULT_PORT = 8000
EXAMPLE = ("```bash blocks: python train.py; uvicorn app:app --port 8000; curl -X POST "
           "http://localhost:8000/predict -H \"Content-Type: application/json\" -d '{...}'")
#: Programs that set up an environment: the course's pinned one is already there.
SETUP = {"pip", "pip3", "conda", "mamba", "micromamba", "poetry", "pipenv", "pyenv", "source",
         ".", "deactivate", "virtualenv", "brew", "apt", "apt-get"}
#: Programs that only show something: nothing to run.
LOOK = {"ls", "cat", "echo", "head", "tail", "open", "xdg-open", "tree", "less", "more", "wc",
        "du", "pwd", "printf", "jq", "which", "explorer", "start"}
SCRIPT_RUNNERS = {"bash", "sh", "zsh"}
#: Languages of the code blocks whose lines are commands (GitHub's names for a shell).
SHELL_LANGUAGES = {"bash", "sh", "shell", "zsh", "console", "shell-session", "bash-session",
                   "sh-session", "shellsession"}
#: Programs a README line may start with: a block without a language that holds one was
#: probably meant for the terminal.
_COMMAND_START = re.compile(r"^\s*(?:\$\s+)?(?:\S*/)?(?:python[\d.]*|uvicorn|curl|pip3?|cd|"
                            r"fastapi)\b")
#: Shell redirections: the operator, then the file (``> train.log``, ``2>&1``).
_REDIRECTS = {">", ">>", "<", ">&", "&>", "&>>", ">|", "<<<"}
_PYTHON = re.compile(r"(?:.*/)?python(?:3(?:\.\d+)?)?(?:\.exe)?")
_ASSIGNMENT = re.compile(r"[A-Za-z_]\w*=.*")


@dataclass(frozen=True)
class Step:
    """One README command and what the judge does with it.

    `kind` is run, serve, curl, cd, export, mkdir, skip or unsupported; `args` are run's
    python arguments, serve's app, cd's or mkdir's paths; `where` names its README line.
    """

    kind: str
    text: str
    where: str
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    note: str = ""
    port: int | None = None


def steps(text: str, project: Path) -> list[Step]:
    """The section's commands in order, each classified (`Step`).

    A ``bash run.sh`` of a script in `project` becomes the script's own commands.
    """
    found: list[Step] = []
    for command, source in commands(text):
        found += _read(command, source, f"{README} line {command.line}")
    return _expanded(found, project)


def commands(text: str) -> Iterator[tuple[ref_readme.Command, str | None]]:
    """The section's shell commands in order, each with the command it reads through a pipe.

    Only shell blocks (`SHELL_LANGUAGES`) count. A line is cut at ``&&``, ``||``, ``;``,
    ``&`` and ``|``; redirections (``> train.log``, ``2>&1``) are dropped. The second value is
    the text of the command before a ``|`` (``curl ... | python -m json.tool``), else None.
    """
    for first, language, content in ref_readme.code_blocks(text, TITLE):
        if language not in SHELL_LANGUAGES:
            continue
        for line, logical in ref_readme._logical_lines(ref_readme._drop_prompts(content), first):
            try:
                words = ref_readme._split(logical)
            except ValueError as error:  # "No closing quotation"
                yield ref_readme.Command(logical, line, None, str(error)), None
                continue
            parts = _parts(words, logical)
            source = None
            for part, operator in parts:
                shown = logical if len(parts) == 1 else shlex.join(part)
                yield ref_readme.Command(shown, line, part), source if operator == "|" else None
                source = shown


def _parts(words: list[str], text: str) -> list[tuple[list[str], str]]:
    """The commands of one line without their redirections, each with the operator before it."""
    parts: list[tuple[list[str], str]] = [([], "")]
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in ref_readme.OPERATORS:
            parts.append(([], word))
        elif word in _REDIRECTS:
            skip = True  # the file (or descriptor) it sends to
            current = parts[-1][0]
            if current and current[-1].isdigit() and f"{current[-1]}{word}" in text:
                current.pop()  # 2>&1: the descriptor belongs to the operator
        else:
            parts[-1][0].append(word)
    return [(part, operator) for part, operator in parts if part]


def unlabelled_blocks(text: str) -> list[int]:
    """README lines of the section's code blocks without a language that start like commands."""
    return [first - 1 for first, language, content in ref_readme.code_blocks(text, TITLE)
            if not language and _COMMAND_START.match(content.lstrip("\n"))]


def _read(command: ref_readme.Command, source: str | None, where: str) -> list[Step]:
    """One command as steps; what reads another command's output through a pipe is skipped."""
    if source is None or not command.words:
        return classify(command, where)
    reader = "the grader reads the answer itself" if source.startswith("curl") else (
        "the grader runs the command before the pipe alone")
    return [Step("skip", command.text, where, note=f"it reads the output of `{source[:40]}`: "
                 f"{reader}")]


def classify(command: ref_readme.Command, where: str) -> list[Step]:
    """What one command asks for; a script of the project is read into its own steps."""
    if command.words is None:
        return [Step("unsupported", command.text, where,
                     note=f"it is not valid shell ({command.error})")]
    words = list(command.words)
    env = []
    while words and (_ASSIGNMENT.fullmatch(words[0]) or words[0] == "sudo"):
        if words[0] != "sudo":
            env.append(tuple(words[0].split("=", 1)))
        words = words[1:]
    if words[:2] == ["uv", "run"] or words[:2] == ["poetry", "run"]:
        words = words[2:]
    program = words[0].rsplit("/", 1)[-1] if words else ""
    text, kw = command.text, {"env": tuple(env)}
    if _PYTHON.fullmatch(words[0] if words else "") and len(words) >= 3 and words[1] == "-m":
        module = words[2]
        if module == "uvicorn":
            return [_serve(words[3:], text, where, kw)]
        if module in ("pip", "venv", "virtualenv", "ensurepip"):
            return [Step("skip", text, where, note="the grader uses the course's pinned "
                         "environment")]
        return [Step("run", text, where, tuple(words[1:]), **kw)]
    if _PYTHON.fullmatch(words[0] if words else ""):
        if len(words) == 1:
            return [Step("unsupported", text, where, note="python without a script starts "
                         "an interactive prompt")]
        return [Step("run", text, where, tuple(words[1:]), **kw)]
    if program == "uvicorn":
        return [_serve(words[1:], text, where, kw)]
    if program == "fastapi" and len(words) >= 3 and words[1] in ("run", "dev"):
        app = PurePosixPath(words[2]).stem + ":app" if words[2].endswith(".py") else words[2]
        return [_serve([app, *words[3:]], text, where, kw)]
    if program == "curl":
        return [Step("curl", text, where, tuple(words), **kw)]
    if program == "cd":
        return [Step("cd", text, where, tuple(words[1:2]))]
    if program == "export":
        pairs = tuple(tuple(w.split("=", 1)) for w in words[1:] if "=" in w)
        return [Step("export", text, where, env=pairs)]
    if program == "mkdir":
        return [Step("mkdir", text, where, tuple(w for w in words[1:] if not w.startswith("-")))]
    if program in SETUP or words[:2] in (["uv", "pip"], ["uv", "venv"], ["uv", "sync"]):
        return [Step("skip", text, where, note="the grader uses the course's pinned environment")]
    if program in ("git", "gh"):
        return [Step("skip", text, where, note="the grader starts from a copy of the project")]
    if program in ("docker", "docker-compose", "podman"):
        return [Step("skip", text, where, note="docker is not run by the grader")]
    if program in LOOK:
        return [Step("skip", text, where, note="it only shows something")]
    if program == "set":
        return [Step("skip", text, where, note="a shell option")]
    return [Step("unsupported", text, where, tuple(words),
                 note=f"the grader runs python, uvicorn and curl commands, not {program}")]


def _serve(words: list[str], text: str, where: str, kw: dict[str, Any]) -> Step:
    apps = [w for w in words if ":" in w and not w.startswith("-")]
    port = _option(words, "--port")
    if "--factory" in words or not apps:
        return Step("unsupported", text, where, note="the grader starts `uvicorn MODULE:APP` "
                    "(an app object, not --factory)")
    return Step("serve", text, where, (apps[0],), port=int(port) if port and port.isdigit()
                else DEFAULT_PORT, **kw)


def _option(words: list[str], name: str) -> str | None:
    for i, word in enumerate(words):
        if word == name and i + 1 < len(words):
            return words[i + 1]
        if word.startswith(name + "="):
            return word.split("=", 1)[1]
    return None


def script_steps(script: Path, shown: str, where: str) -> list[Step]:
    """The commands of a shell script of the project, read like a README block."""
    text = script.read_text(encoding="utf-8", errors="replace")
    wrapped = f"# {TITLE}\n```bash\n{text}\n```\n"
    found: list[Step] = []
    for command, source in commands(wrapped):
        found += _read(command, source, f"{shown} line {command.line - 2} (run by {where})")
    return found


def _expanded(plan: list[Step], clean: Path) -> list[Step]:
    """The plan with ``bash run.sh`` replaced by the script's own commands (project only)."""
    out: list[Step] = []
    for step in plan:
        words = list(step.args)
        script = None
        if step.kind == "unsupported" and words:
            program = words[0].rsplit("/", 1)[-1]
            if program in SCRIPT_RUNNERS and len(words) >= 2:
                script = words[1]
            elif words[0].startswith("./") or words[0].endswith(".sh"):
                script = words[0]
        path = (clean / script).resolve() if script else None
        if path is not None and path.is_file() and clean.resolve() in path.parents:
            out += script_steps(path, f"{PROJECT}/{path.relative_to(clean.resolve())}",
                                step.where)
        elif script:
            out.append(Step("unsupported", step.text, step.where, note=f"{script} is not a "
                            "file of the project: a clean copy does not have it"))
        else:
            out.append(step)
    return out


def shown(step: Step) -> str:
    """A command as the learner wrote it, short enough for one message line."""
    text = " ".join(step.text.split())
    return text if len(text) <= 90 else text[:87] + "..."
