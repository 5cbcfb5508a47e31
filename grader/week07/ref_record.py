"""Judge-side for 7.3: the record of a real contribution (contribution.toml), checked offline.

The grader cannot see a pull request: it checks that the record is complete and consistent,
the way a reviewer of the learner's write-up would. tomllib reads the file; pydantic models
say which fields each section needs (`validate`); links are parsed per forge (`links`): the
issue and the pull request must live in the project's repository, at the paths that forge
uses; the local build's output must hold a test runner's summary with tests passed and none
failed (`build_summary`).

    record, problems = validate(toml_text)       # problems: ["[issue] url: missing", ...]
    repo = repository("https://gitlab.com/inkscape/inkscape")   # Repo(forge="gitlab", ...)
    link_problem(repo, "https://gitlab.com/inkscape/inkscape/-/merge_requests/7", "pull")
    build_summary("=== 412 passed, 3 skipped in 61.2s ===")     # Summary(passed=412, ...)

Nothing is fetched: a link is judged by its shape only.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: A pull request's status, in any case: "Open" is "open". A closed one (not merged) still
#: counts: the contribution is graded on its process (the week's README says so).
STATUSES = ("draft", "open", "merged", "closed")


def status_of(value: Any) -> Any:
    """``"Open "`` -> ``"open"``; anything else unchanged (and then refused)."""
    return value.strip().lower() if isinstance(value, str) else value


Status = Annotated[Literal["draft", "open", "merged", "closed"], BeforeValidator(status_of)]
#: Shortest reflection, in words.
MIN_WORDS = 60
SECTIONS = ("project", "issue", "pull_request", "local_build", "reflection")


class _Section(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Project(_Section):
    name: Text
    repository: Text
    why_active: Text


class Issue(_Section):
    url: Text
    title: Text


class PullRequest(_Section):
    url: Text
    status: Status


class LocalBuild(_Section):
    commands: list[Text] = Field(min_length=1)
    output: Text


class Review(_Section):
    reviewer: Text
    said: Text
    response: Text


class Reflection(_Section):
    text: Text


class Record(_Section):
    """contribution.toml: one contribution to an open-source project, from issue to review."""

    project: Project
    issue: Issue
    pull_request: PullRequest
    local_build: LocalBuild
    review: list[Review] = Field(default_factory=list)
    reflection: Reflection


class RecordError(ValueError):
    """The file is not TOML: where and why, as tomllib says."""


def load(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RecordError(str(error)) from None


def is_template(document: dict[str, Any]) -> bool:
    """True when no field holds anything yet: the starter's template, untouched."""

    def filled(value: Any) -> bool:
        if isinstance(value, str):
            return bool(value.strip())
        if isinstance(value, dict):
            return any(filled(v) for v in value.values())
        if isinstance(value, list):
            return any(filled(v) for v in value)
        return False  # numbers and booleans are no evidence of work

    return not filled(document)


def validate(document: dict[str, Any]) -> tuple[Record | None, list[str]]:
    """The record, or None and one line per problem: ``[issue] url: missing``."""
    try:
        return Record.model_validate(document), []
    except ValidationError as error:
        return None, [_problem(e) for e in error.errors()]


def _problem(error: Any) -> str:
    loc = [str(part) for part in error["loc"]]
    kind = error["type"]
    if loc and loc[0] == "review" and len(loc) >= 2 and loc[1].isdigit():
        place = f"[[review]] number {int(loc[1]) + 1}" + (f" {loc[2]}" if len(loc) > 2 else "")
    elif len(loc) == 1:
        place = f"[{loc[0]}]"
    else:
        place = f"[{loc[0]}] {'.'.join(loc[1:])}"
    if kind == "missing":
        what = "missing" if len(loc) > 1 else "missing (the whole section)"
    elif kind == "string_too_short":
        what = "is empty"
    elif kind == "too_short" and loc[-1] == "commands":
        what = 'is empty: list what you ran, e.g. ["pip install -e .[dev]", "pytest"]'
    elif kind == "literal_error":
        what = f"should be one of {', '.join(STATUSES)} (got {error.get('input')!r})"
    elif kind == "list_type" and loc == ["review"]:
        what = "should be a list of tables: write [[review]] (two brackets), once per review"
    elif kind in ("string_type", "model_type", "model_attributes_type", "list_type"):
        shape = {"string_type": 'text in quotes ("...")', "list_type": "a list [...]"}.get(
            kind, "a section (a [table])")
        what = f"should be {shape}, got {type(error.get('input')).__name__}"
    else:
        what = error["msg"]
    return f"{place}: {what}"


# --- placeholders, the project's name and its activity -------------------------------------

#: What a template's blank looks like once typed over: ``<me>``, ``<your-branch>``, ``TODO``.
_ANGLE = re.compile(r"<[A-Za-z][\w.-]*(?: [\w.-]+){0,3}>")
_MARKER = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b")
#: ``...`` standing alone (not Go's ``./...`` or a sentence's "and so on...").
_ELLIPSIS = re.compile(r"(?:^|[\s\"'(\[])(?:\.\.\.|…)(?=$|[\s\"')\]])")
#: Words that show a project is alive: releases, commits, maintainers' answers, and when.
_EVIDENCE = re.compile(
    r"\b(?:releas\w*|commit\w*|maintain\w*|merg\w*|issues?|pull requests?|PRs?|review\w*|"
    r"answer\w*|repl\w*|respon\w*|triag\w*|activ\w*|contributors?|days?|week\w*|month\w*|"
    r"year\w*|today|yesterday|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|(?:19|20)\d\d)\b", re.IGNORECASE)
#: A real sentence about the project's activity has at least this many words.
MIN_ACTIVE_WORDS = 12


#: Fields of prose, where "TODO", "<div>" or "..." can be words of a sentence: a placeholder
#: there is the whole value, or how it starts.
PROSE = ("why_active", "title", "text", "said", "response")
_WHOLE = re.compile(r"(?:\.\.\.|…|\?+|TODO|TBD|FIXME|XXX|<[^<>]*>)(?:\W.*)?", re.DOTALL)


def placeholders(document: dict[str, Any]) -> list[str]:
    """``[issue] title: "..." looks like a placeholder``, one line per field that has one.

    Short fields (names, links, commands, the status) are refused for a placeholder anywhere in
    them; prose (`PROSE`) and the pasted test output only when one makes up or starts the
    whole value: pytest prints ``...`` and ``<module>`` in real output.
    """
    found = []

    def visit(value: Any, place: str, key: str = "") -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                visit(inner, f"{place} {name}" if place.startswith("[") else f"[{name}]", name)
        elif isinstance(value, list):
            for i, inner in enumerate(value, start=1):
                visit(inner, f"{place} item {i}" if key == "commands" else
                      f"[[{place.strip('[]')}]] number {i}", key)
        elif isinstance(value, str):
            text = value.strip()
            whole = _WHOLE.fullmatch(text) if text else None
            anywhere = None if key in (*PROSE, "output") else (
                _ANGLE.search(text) or _MARKER.search(text) or _ELLIPSIS.search(text))
            if (whole and (key != "output" or len(text) < 20)) or anywhere:
                shown = anywhere.group(0).strip() if anywhere else text[:40]
                found.append(f"{place}: {shown!r} looks like a placeholder")

    visit(document, "")
    return found


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def name_matches(name: str, repo: Repo) -> bool:
    """Does the project's name match its repository's, loosely (case and punctuation aside,
    one containing the other: "Inkscape extensions" and inkscape/extras/extensions)?"""
    wanted = _letters(name)
    if not wanted:
        return False
    parts = [_letters(part) for part in repo.path] + [_letters("".join(repo.path[1:]))]
    return any(part and (wanted in part or part in wanted) for part in parts)


def activity_problem(why_active: str) -> str | None:
    """Why `why_active` is no evidence that someone will read a pull request, or None."""
    count = words(why_active)
    if count < MIN_ACTIVE_WORDS:
        return f"{count} words"
    if not _EVIDENCE.search(why_active):
        return "no release, commit, maintainer, issue or date in it"
    return None


# --- links ------------------------------------------------------------------------------------

#: Forges by host, and the paths of an issue and a pull request under a repository.
FORGES = {
    "github": {"issue": [("issues",)], "pull": [("pull",)]},
    "gitlab": {"issue": [("-", "issues"), ("issues",)], "pull": [("-", "merge_requests"),
                                                                 ("merge_requests",)]},
    "gitea": {"issue": [("issues",)], "pull": [("pulls",)]},
    "bitbucket": {"issue": [("issues",)], "pull": [("pull-requests",)]},
}
HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "codeberg.org": "gitea",
         "gitea.com": "gitea", "bitbucket.org": "bitbucket", "salsa.debian.org": "gitlab",
         "gitlab.gnome.org": "gitlab", "invent.kde.org": "gitlab",
         "gitlab.freedesktop.org": "gitlab"}
#: What a pull request's link may end with after its number (a tab of its page).
TABS = {"files", "commits", "checks", "diffs", "pipelines", "changes"}
NOUN = {"issue": "issue", "pull": "pull request"}
A_NOUN = {"issue": "an issue", "pull": "a pull request"}
EXAMPLES = {
    "github": {"repo": "https://github.com/OWNER/REPO", "issue": "/issues/N", "pull": "/pull/N"},
    "gitlab": {"repo": "https://gitlab.com/GROUP/PROJECT", "issue": "/-/issues/N",
               "pull": "/-/merge_requests/N"},
    "gitea": {"repo": "https://codeberg.org/OWNER/REPO", "issue": "/issues/N",
              "pull": "/pulls/N"},
    "bitbucket": {"repo": "https://bitbucket.org/OWNER/REPO", "issue": "/issues/N",
                  "pull": "/pull-requests/N"},
}


@dataclass(frozen=True)
class Repo:
    """A repository's home on a forge: ``github.com`` + ``("pola-rs", "polars")``."""

    forge: str  # github | gitlab | gitea | bitbucket | unknown
    host: str
    path: tuple[str, ...]

    def shown(self) -> str:
        return f"{self.host}/{'/'.join(self.path)}"

    def same(self, other: Repo) -> bool:
        return self.host == other.host and \
            [p.casefold() for p in self.path] == [p.casefold() for p in other.path]


def _forge(host: str) -> str:
    if host in HOSTS:
        return HOSTS[host]
    first = host.split(".")[0]
    if "gitlab" in first:
        return "gitlab"
    if first in ("gitea", "forgejo"):
        return "gitea"
    return "unknown"


def _split(url: str) -> tuple[str, list[str]] | str:
    """(host, path parts) of an https link, or why it is not one."""
    if not url or any(ch.isspace() for ch in url):
        return "a link has no spaces in it"
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"starts with https:// (got {parts.scheme + '://' if parts.scheme else 'none'})"
    if not parts.hostname or "." not in parts.hostname or parts.username or parts.password:
        return "names a host, like https://github.com/..."
    host = parts.hostname.lower().removeprefix("www.")
    return host, [p for p in parts.path.split("/") if p]


def repository(url: str) -> Repo | str:
    """The repository a ``[project] repository`` link names, or why it does not name one."""
    split = _split(url)
    if isinstance(split, str):
        return split
    host, path = split
    forge = _forge(host)
    if path and path[-1].endswith(".git"):
        path[-1] = path[-1].removesuffix(".git")
    cut = path.index("-") if "-" in path else len(path)
    if forge in ("github", "gitea", "bitbucket"):
        cut = min(cut, 2)
    example = EXAMPLES.get(forge, EXAMPLES["github"])["repo"]
    if len(path) < 2 or cut < len(path):
        return f"is the repository's home page, like {example} (got {len(path)} path parts)" \
            if len(path) < 2 else f"is the repository's home page, like {example}, without " \
            f"/{'/'.join(path[cut:])}"
    return Repo(forge, host, tuple(path))


def link_problem(repo: Repo, url: str, kind: str) -> str | None:
    """Why `url` is not an issue (`kind` "issue") or pull request ("pull") of `repo`, or None."""
    noun = NOUN[kind]
    split = _split(url)
    if isinstance(split, str):
        return f"a link {split}"
    host, path = split
    forges = [repo.forge] if repo.forge in FORGES else list(FORGES)
    shapes = sorted({shape for forge in forges for shape in FORGES[forge][kind]}, key=len,
                    reverse=True)  # GitLab's /-/issues/ before the others' /issues/
    example = EXAMPLES.get(repo.forge, EXAMPLES["github"])[kind]
    for shape in shapes:
        for at in range(len(path) - len(shape)):
            if tuple(path[at:at + len(shape)]) != shape:
                continue
            number, rest = path[at + len(shape)], path[at + len(shape) + 1:]
            if not number.isdigit() or (rest and (kind == "issue" or rest[0] not in TABS)):
                return f"{A_NOUN[kind]} link ends with {example}, a number (got .../" \
                       f"{'/'.join(path[at:])})"
            where = Repo(repo.forge, host, tuple(path[:at]))
            if where.path[-1:] == ("-",):
                return f"{A_NOUN[kind]} link on {host} ends with {example} (got .../" \
                       f"{'/'.join(path[at - 1:])})"
            if not where.same(repo):
                fork = " (your fork?)" if kind == "pull" and where.path[1:] and \
                    where.path[-1].casefold() == repo.path[-1].casefold() else ""
                return f"the {noun} should be in the project's repository {repo.shown()}, " \
                       f"but this link is in {where.shown()}{fork}"
            return None
    return f"{A_NOUN[kind]} of {repo.shown()} has a link like https://{repo.shown()}{example}"


def number(url: str) -> int | None:
    """The number a link ends with (an issue's or a pull request's)."""
    found = re.search(r"/(\d+)(?:/[a-z]+)?/?(?:[?#].*)?$", url)
    return int(found.group(1)) if found else None


# --- build evidence ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """What a test run's output says: tests passed, failures, and which runner said it."""

    passed: int
    failed: int
    runners: tuple[str, ...]
    failure_line: str = ""
    failure: str = ""  # the first failure count, as the output says it: "1 error"
    built_only: str = ""  # a build tool's success line with no test summary: tox, Sphinx


#: (runner, pattern): the first group is a number of tests that passed.
PASSED = [
    ("pytest", r"\b(\d+) passed\b"),  # also jest/vitest "Tests: 12 passed, 12 total"
    ("unittest", r"^Ran (\d+) tests? in [\d.]+s"),
    ("cargo", r"test result: ok\. (\d+) passed"),
    ("mocha", r"\b(\d+) passing\b"),
    ("go test", r"^()ok\s+\S+\s+(?:[\d.]+s|\(cached\))"),
    ("JUnit", r"Tests run: (\d+), Failures: 0, Errors: 0"),
    ("rspec", r"\b(\d+) examples?, 0 failures"),
    ("minitest", r"\b(\d+) runs?, \d+ assertions?, 0 failures, 0 errors"),
    ("testthat", r"\[ FAIL 0 \| WARN \d+ \| SKIP \d+ \| PASS (\d+) \]"),
    ("ctest", r"100% tests passed, 0 tests failed out of (\d+)"),
    ("phpunit", r"^OK \((\d+) tests?"),
    ("dotnet", r"Passed!\s+-\s+Failed:\s+0, Passed:\s+(\d+)"),
    ("julia", r"^Test Summary:[^\n]*\n[^\n]*\|\s+(\d+)\s+\d+"),
]
#: A failure: a count above zero in the first group, or (no group) the line itself.
FAILED = [
    r"\b(\d+) (?:failed|failing|errors?|failures?)\b",
    r"^FAILED \((?:failures|errors)=(\d+)",
    r"test result: FAILED",
    r"Tests run: \d+, Failures: (\d+)",
    r"Tests run: \d+, Failures: \d+, Errors: (\d+)",
    r"\[ FAIL (\d+) \|",
    r"^(?:FAIL|FAILED|ERROR)\b",
    r"BUILD FAILURE",
    r"Failed!\s+-\s+Failed:\s+(\d+)",
]


#: A build that succeeded without a test run's summary: tox's and Sphinx's last lines.
BUILT_ONLY = [r"congratulations :\)", r"build succeeded\b[^\n]*"]


def build_summary(output: str) -> Summary:
    """Tests passed and failures in a test run's output (several runners' summary lines)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", output.replace("\r\n", "\n"))
    passed, runners = 0, []
    for runner, pattern in PASSED:
        for match in re.finditer(pattern, text, re.MULTILINE):
            count = int(match.group(1)) if match.group(1) else 1
            passed += count
            if count and runner not in runners:
                runners.append(runner)
    failed, first, failure = 0, None, ""
    for pattern in FAILED:
        for match in re.finditer(pattern, text, re.MULTILINE):
            count = int(match.group(1)) if match.groups() and match.group(1) else \
                (0 if match.groups() else 1)
            if count:
                failed += count
                if first is None or match.start() < first:
                    first, failure = match.start(), match.group(0).strip()
    line = ""
    if first is not None:  # the first line that says so: a failing test's name, if listed
        start, end = text.rfind("\n", 0, first) + 1, text.find("\n", first)
        line = text[start:end if end >= 0 else None].strip()[:100]
    built = next((m.group(0).strip() for pattern in BUILT_ONLY
                  for m in [re.search(pattern, text, re.MULTILINE | re.IGNORECASE)] if m), "")
    return Summary(passed, failed, tuple(runners), line, failure, built)


def words(text: str) -> int:
    """How many words a text has (numbers and hyphenated words count once)."""
    return len(re.findall(r"[^\W_][\w'’-]*", text))
