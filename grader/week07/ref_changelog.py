"""Judge-side reading of week 7's tracker and changelog: which issues a learner claims to fix.

churnkit's CONTRIBUTING.md asks for one bullet per change under ``## [Unreleased]`` of
CHANGELOG.md (Keep a Changelog: ``### Fixed``, ``### Added``...), each naming its issue as
``(#N)``, and for a regression test per fixed issue whose name holds ``gh<N>``
(``test_missing_report_counts_blank_strings_gh1``). An issue is *claimed* when either names
it: the grader then expects the whole of it (fix, test, entry).

    unreleased(changelog_text)     # [Entry(line=9, category="Fixed", text=..., issues=(1,))]
    sections(changelog_text)       # every ## [version] section: where a learner's bullets went
    issues(issues_md_text)         # {1: Issue(number=1, title=..., labels=("bug",)), ...}
    gh_issues("test_lift_at_takes_the_highest_gh2[ties]")   # {2}

Only documents are parsed here (Markdown the learner writes, test names pytest reported):
never the learner's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Each issue of the practice tracker and the one module (and function) it is about:
#: reverting that module to the original reverts exactly that issue.
MODULES = {1: "missing", 2: "lift", 3: "costs", 4: "split", 5: "drift"}
FUNCTIONS = {1: "missing_report", 2: "lift_at", 3: "best_threshold", 4: "holdout_split",
             5: "population_stability_index"}
#: Keep a Changelog's kinds of change.
CATEGORIES = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BULLET = re.compile(r"^ ?[-*+]\s+(.*)$")  # a nested bullet (indented more) continues its parent
#: ``#3`` not inside a word or a URL fragment's ``&#3``; the number ends the reference.
_REFERENCE = re.compile(r"(?<![\w&/])#(\d+)(?!\d)")
#: ``(#3)`` as CONTRIBUTING.md writes it, or as a link: ``([#3](https://.../issues/3))``.
_CITED = re.compile(r"\(\s*\[?#(\d+)\]?(?:\([^()\s]*\))?\s*\)")
#: ``gh3`` in a test's name: the pandas/scipy convention of churnkit's CONTRIBUTING.md. Also
#: ``GH3``/``Gh3`` at a CamelCase boundary (``class TestCostOfferGh3``), never inside a word.
_GH = re.compile(r"(?:(?<![A-Za-z])[gG][hH]|(?<=[a-z])G[hH])[-_]?(\d+)(?!\d)")
_ISSUE_HEADING = re.compile(r"^#{1,3}\s+#(\d+)\b[\s:.\-–—]*(.*?)\s*$")
_FIELD = re.compile(r"^\s*[*_]*(labels|status)[*_]*\s*:[*_]*\s*(.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    """One bullet of a changelog section: its line (1-based) and the issues it names."""

    line: int
    category: str  # the ### heading above it ("" when there is none)
    text: str
    issues: tuple[int, ...]  # every #N it names, in order
    cited: tuple[int, ...] = ()  # those named the way CONTRIBUTING.md asks: (#N)

    def short(self, width: int = 84) -> str:
        """The bullet on one line; a long one keeps its start and its end (the reference)."""
        text = " ".join(self.text.split())
        if len(text) <= width:
            return text
        head = text[:width // 2].rsplit(" ", 1)[0]
        tail = text[len(text) - (width - len(head) - 5):]
        tail = tail.split(" ", 1)[1] if " " in tail else tail  # from a word's start
        return f"{head} ... {tail}"


@dataclass(frozen=True)
class Issue:
    """One issue of ISSUES.md: its labels and status, as the tracker shows them."""

    number: int
    title: str
    labels: tuple[str, ...]
    status: str = "open"

    @property
    def kind(self) -> str:
        """``bug`` or ``enhancement`` (what the tracker labels it)."""
        return "enhancement" if "enhancement" in self.labels else "bug"

    @property
    def ready(self) -> bool:
        """Open and labelled accepted: a pull request for it is welcome."""
        return "accepted" in self.labels and self.status.lower().startswith("open")

    def why_not(self) -> str:
        """Why a pull request for this issue would be closed (for an issue not `ready`)."""
        if not self.status.lower().startswith("open"):
            return f"#{self.number} is {self.status}"
        waiting = [label for label in self.labels if label not in ("bug", "enhancement")]
        return f"#{self.number} is labelled {', '.join(waiting) or 'without accepted'}"


@dataclass(frozen=True)
class Section:
    """A release section (``## [Unreleased]``, ``## [0.5.0] - ...``): its line and bullets."""

    line: int  # 0 when the changelog has no such heading
    entries: tuple[Entry, ...]
    title: str = "Unreleased"  # the heading's text: "[0.5.0] - 2026-10-01"

    @property
    def found(self) -> bool:
        return self.line > 0

    def issues(self) -> set[int]:
        return {n for entry in self.entries for n in entry.issues}

    @property
    def heading(self) -> str:
        """``## [0.5.0]``, as a message names it (the version, without the date)."""
        return "## " + self.title.split(" - ")[0].strip()


#: The Unreleased section is one `Section`.
Unreleased = Section


def _blank_comments(text: str) -> str:
    """HTML comments blanked, line numbers kept (a starter's ``<!-- ... -->`` is no entry)."""
    text = text.replace("\r\n", "\n")
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _is_unreleased(title: str) -> bool:
    return title.strip("[] ").lower().startswith("unreleased")


def sections(changelog_text: str) -> list[Section]:
    """Every release section of a Keep a Changelog file, in order, with its bullets.

    A release heading is one at the level of the ``[Unreleased]`` heading (any level, any
    case), or at level 2 when there is none; deeper headings (``### Fixed``) are categories.
    """
    lines = _blank_comments(changelog_text).splitlines()
    headings = []
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            headings.append((number, len(heading.group(1)), heading.group(2).strip()))
    level = next((lvl for _, lvl, title in headings if _is_unreleased(title)), 2)
    found: list[Section] = []
    title, start, category = "", 0, ""
    entries: list[Entry] = []
    current: list[str] = []
    current_line = 0

    def close() -> None:
        if current:
            text = " ".join(part.strip() for part in current)
            named = tuple(dict.fromkeys(int(n) for n in _REFERENCE.findall(text)))
            cited = tuple(dict.fromkeys(int(n) for n in _CITED.findall(text)))
            entries.append(Entry(current_line, category, text, named, cited))
            current.clear()

    def end_section() -> None:
        close()
        if start:
            found.append(Section(start, tuple(entries), title))
        entries.clear()

    by_line = {number: (lvl, text) for number, lvl, text in headings}
    for number, line in enumerate(lines, start=1):
        if number in by_line:
            lvl, text = by_line[number]
            if lvl <= level:
                end_section()
                title, start, category = (text, number, "") if lvl == level else ("", 0, "")
                continue
            close()
            known = {c.lower(): c for c in CATEGORIES}
            category = known.get(text.lower(), text)  # "### fixed" is "Fixed"
            continue
        if not start:
            continue
        bullet = _BULLET.match(line)
        if bullet:
            close()
            current.append(bullet.group(1))
            current_line = number
        elif current and line.strip() and line.startswith((" ", "\t")):
            current.append(line)  # a bullet's continuation line
        else:
            close()
    end_section()
    return found


def unreleased(changelog_text: str) -> Section:
    """The Unreleased section of a Keep a Changelog file (any heading level, any case)."""
    return next((section for section in sections(changelog_text)
                 if _is_unreleased(section.title)), Section(0, ()))


def issues(issues_md_text: str) -> dict[int, Issue]:
    """The tracker: ``## #N Title`` headings, each with a ``**Labels:** a, b · ...`` line."""
    found: dict[int, Issue] = {}
    number = None
    for line in _blank_comments(issues_md_text).splitlines():
        heading = _ISSUE_HEADING.match(line)
        if heading:
            number = int(heading.group(1))
            found[number] = Issue(number, heading.group(2), ())
            continue
        if number is None or found[number].labels:
            continue
        fields = {}
        for part in line.split("·"):
            field = _FIELD.match(part)
            if field:
                fields[field.group(1).lower()] = field.group(2).strip(" *_")
        if "labels" in fields:
            labels = tuple(label.strip().lower() for label in fields["labels"].split(","))
            found[number] = Issue(number, found[number].title, labels,
                                  fields.get("status", "open"))
    return found


def gh_issues(test_name: str) -> set[int]:
    """The issues a test's name points at (``gh1``, ``GH_2``, ``gh-3``, ``TestLiftGh2``)."""
    return {int(n) for n in _GH.findall(test_name)}
