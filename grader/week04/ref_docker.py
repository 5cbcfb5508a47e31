"""Judge-side reading of a learner's Dockerfile, requirements.txt and .dockerignore (4.7).

There is no Docker engine on the grading machines: the Dockerfile is parsed (dockerfile-parse,
plus heredocs and build stages, which it does not follow) and linted (hadolint), and its
instructions are read the way ``docker build`` would apply them. Nothing here runs learner
code.

    parsed = Dockerfile(text)
    parsed.final                     # the stage ``docker build`` tags (the last FROM)
    parsed.chain(parsed.final)       # that stage and the stages it is built FROM, oldest first
    hadolint(text)                   # [{"code": "DL3008", "level": "warning", "line": 3, ...}]
"""

from __future__ import annotations

import io
import json
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

#: Instructions ``docker build`` knows (anything else is a typo it refuses).
KNOWN = {"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
         "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
         "HEALTHCHECK", "SHELL", "COMMENT"}
#: The official Python image, however it is spelled.
PYTHON_IMAGES = {"python", "library/python", "docker.io/library/python", "docker.io/python",
                 "index.docker.io/library/python"}
DIGEST = re.compile(r"@sha256:[0-9a-f]{64}$")
_HEREDOC = re.compile(r"<<-?\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?")
_VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}?")
#: ``pip install -r requirements.txt`` in any of its spellings (pip3, python -m pip, uv pip,
#: --requirement=, pip wheel into a builder stage).
PIP_REQUIREMENTS = re.compile(
    r"\bpip3?(?:\.\d+)?\s+(?:install|wheel|download)\b[^;&|]*?"
    r"(?:-r|--requirement)(?:\s+|=)?\S*requirements[\w.-]*\.txt")
MODEL_FILES = ("models/churn_model.joblib", "models/churn_model.json")


@dataclass
class Instruction:
    """One instruction: kind (upper case), its text after the keyword, its first line (1-based)."""

    kind: str
    value: str
    line: int
    content: str = ""

    def words(self) -> list[str]:
        """The value split like a shell would (JSON form taken as is)."""
        exec_form = self.exec_form()
        if exec_form is not None:
            return exec_form
        try:
            return shlex.split(self.value)
        except ValueError:
            return self.value.split()

    def exec_form(self) -> list[str] | None:
        """``["uvicorn", "app:app"]`` for the JSON (exec) form, else None (shell form)."""
        text = self.value.strip()
        if not text.startswith("["):
            return None
        try:
            words = json.loads(text)
        except ValueError:
            return None
        return words if isinstance(words, list) and all(isinstance(w, str) for w in words) \
            else None

    def shown(self) -> str:
        text = " ".join(f"{self.kind} {self.value}".split())
        return f"line {self.line}: {text[:90]}"


@dataclass
class Copy:
    """A COPY or ADD: its flags (``from``, ``chown``, ``exclude``...), sources and destination."""

    instruction: Instruction
    flags: dict[str, list[str]]
    sources: list[str]
    destination: str

    @property
    def stage(self) -> str | None:
        values = self.flags.get("from")
        return values[-1] if values else None


@dataclass
class Stage:
    """A build stage: from one FROM to the next."""

    index: int
    image: str  # as written, build arguments substituted
    name: str | None
    line: int
    parent: Stage | None  # the stage it is built FROM, when it names one
    instructions: list[Instruction] = field(default_factory=list)

    def of(self, *kinds: str) -> list[Instruction]:
        return [i for i in self.instructions if i.kind in kinds]


def read_copy(instruction: Instruction) -> Copy:
    """Flags, sources and destination of a COPY/ADD (shell or JSON form)."""
    words = shlex.split(instruction.value) if not instruction.value.lstrip().startswith("[") \
        else []
    flags: dict[str, list[str]] = {}
    while words and words[0].startswith("--"):
        name, _, value = words.pop(0)[2:].partition("=")
        flags.setdefault(name.lower(), []).append(value)
    if instruction.value.lstrip().startswith("["):
        words = instruction.exec_form() or []
    if len(words) < 2:
        return Copy(instruction, flags, words, "")
    return Copy(instruction, flags, words[:-1], words[-1])


class Dockerfile:
    """A Dockerfile as ``docker build`` reads it: instructions, stages, the final stage."""

    def __init__(self, text: str):
        from dockerfile_parse import DockerfileParser

        parser = DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8")))
        self.instructions = _with_heredocs(parser.structure)
        self.unknown = [i for i in self.instructions if i.kind not in KNOWN]
        self.stages: list[Stage] = []
        arguments: dict[str, str] = {}
        for instruction in self.instructions:
            if instruction.kind == "COMMENT":
                continue
            if instruction.kind == "ARG" and not self.stages:
                name, _, default = instruction.value.strip().partition("=")
                arguments[name.strip()] = default.strip().strip("\"'")
            elif instruction.kind == "FROM":
                self.stages.append(self._stage(instruction, arguments))
            elif self.stages:
                self.stages[-1].instructions.append(instruction)

    def _stage(self, instruction: Instruction, arguments: dict[str, str]) -> Stage:
        words = [w for w in instruction.value.split() if not w.startswith("--")]
        image = _substitute(words[0], arguments) if words else ""
        name = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
        parent = next((s for s in self.stages if s.name and s.name.lower() == image.lower()),
                      None)
        return Stage(len(self.stages), image, name, instruction.line, parent)

    @property
    def final(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def stage(self, reference: str | None) -> Stage | None:
        """The stage a ``--from=`` names (its name or number), None for an outside image."""
        if reference is None:
            return None
        for stage in self.stages:
            if (stage.name and stage.name.lower() == reference.lower()) or \
                    reference == str(stage.index):
                return stage
        return None

    def chain(self, stage: Stage) -> list[Stage]:
        """`stage` and the stages it is built FROM, the first one first."""
        stages = []
        current: Stage | None = stage
        while current is not None and current not in stages:
            stages.insert(0, current)
            current = current.parent
        return stages

    def effective(self, stage: Stage, kind: str) -> Instruction | None:
        """The instruction of `kind` in force in `stage` (the last one, inherited too)."""
        found = [i for s in self.chain(stage) for i in s.of(kind)]
        return found[-1] if found else None


def _substitute(text: str, arguments: dict[str, str]) -> str:
    """``${PYTHON_VERSION}`` -> the ARG's default (unresolved names are left as they are)."""
    def value(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if arguments.get(name):
            return arguments[name]
        return default if default is not None else match.group(0)

    return _VARIABLE.sub(value, text)


def _with_heredocs(structure: list[dict[str, Any]]) -> list[Instruction]:
    """dockerfile-parse's instructions, with a ``RUN <<EOF`` heredoc's lines put back in it."""
    out: list[Instruction] = []
    closing: str | None = None
    for item in structure:
        kind, line = item["instruction"].upper(), item["startline"] + 1
        if closing is not None:
            out[-1].value += "\n" + item["content"].rstrip("\n")
            out[-1].content += item["content"]
            if item["content"].strip() == closing:
                closing = None
            continue
        out.append(Instruction(kind, item["value"], line, item["content"]))
        heredoc = _HEREDOC.search(item["value"]) if kind in ("RUN", "COPY", "ADD") else None
        if heredoc:
            closing = heredoc.group(1)
    return out


# --- the base image ---------------------------------------------------------------------------


@dataclass
class ImageRef:
    """``[registry/]name[:tag][@digest]``."""

    name: str
    tag: str | None
    digest: str | None


def image_ref(image: str) -> ImageRef:
    digest = None
    if "@" in image:
        image, _, digest = image.partition("@")
    name, tag = image, None
    if ":" in image.rsplit("/", 1)[-1]:
        name, _, tag = image.rpartition(":")
    return ImageRef(name.lower(), tag, digest)


# --- COPY sources, .dockerignore ----------------------------------------------------------------


def _clean(path: str) -> str:
    path = path.strip()
    while path.startswith("./"):
        path = path[2:]
    path = path.lstrip("/")
    return "" if path in (".", "") else path.rstrip("/")


def _pattern(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern (Go's filepath.Match plus ``**``) as a regular expression."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            if pattern.startswith("/", i):
                out[-1] = "(?:.*/)?"
                i += 1
            continue
        ch = pattern[i]
        out.append("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch))
        i += 1
    return re.compile("".join(out) + r"\Z")


def ignored(path: str, patterns: list[str]) -> bool:
    """Does a .dockerignore (its lines) keep `path` out of the build context?

    The last matching pattern wins (``!`` patterns bring a path back); a pattern that matches
    a folder excludes everything in it.
    """
    excluded = False
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    for raw in patterns:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        regex = _pattern(_clean(line[1:] if negate else line))
        if any(regex.match(prefix) for prefix in prefixes):
            excluded = not negate
    return excluded


def dockerignore_lines(text: str | None) -> list[str]:
    return [] if text is None else text.splitlines()


def covers(source: str, path: str) -> bool:
    """Does a COPY source bring `path` (relative to the context) into the image?"""
    source = _clean(source)
    if source in ("", "*"):
        return True
    if any(ch in source for ch in "*?["):
        parts = path.split("/")
        return any(fnmatchcase("/".join(parts[:n]), source) for n in range(1, len(parts) + 1))
    return path == source or path.startswith(source + "/")


def is_whole_context(source: str) -> bool:
    return _clean(source) in ("", "*")


def is_code(source: str) -> bool:
    """A source that brings Python code: a .py file or glob, the whole context, a folder."""
    cleaned = _clean(source)
    if is_whole_context(source) or cleaned.endswith(".py") or (
            ".py" in cleaned and "*" in cleaned):
        return True
    name = cleaned.rsplit("/", 1)[-1]
    not_code = cleaned.startswith("models") or name.startswith("requirements") or "." in name
    return not not_code  # a folder such as src/ may hold code


# --- hadolint ---------------------------------------------------------------------------------


def hadolint(text: str) -> list[dict[str, Any]]:
    """hadolint's findings on `text` (JSON), with the judge's empty configuration.

    A learner's ``.hadolint.yaml`` or ``~/.config/hadolint.yaml`` cannot silence a rule here;
    inline ``# hadolint ignore=DL3008`` pragmas count, as they do for ``hadolint Dockerfile``:
    they stand in the Dockerfile for a reviewer to see.
    """
    executable = Path(sys.executable).with_name("hadolint")
    if not executable.exists():
        raise RuntimeError(f"hadolint is not installed next to {sys.executable}")
    with tempfile.TemporaryDirectory(prefix="hadolint-") as folder:
        config = Path(folder) / "hadolint.yaml"
        config.write_text("ignored: []\n", encoding="utf-8")
        done = subprocess.run([str(executable), "--config", str(config), "-f", "json",
                               "--no-fail", "-"], input=text, capture_output=True, text=True,
                              cwd=folder, timeout=60, check=False)
    try:
        findings = json.loads(done.stdout or "[]")
    except ValueError as error:
        raise RuntimeError(f"hadolint said {done.stdout[:200]!r} {done.stderr[:200]!r}") \
            from error
    return [f for f in findings if isinstance(f, dict)]
