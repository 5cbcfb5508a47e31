"""Milestone 7.3: the record of a contribution to a real open-source project.

contribution.toml is read judge-side (tomllib) and validated with pydantic models
(`ref_record`), offline: every section filled in, with no placeholder left (``<me>``,
``TODO``, ``...``); the project named after its repository and shown to be alive; the
repository, issue and pull request links well formed and in one repository, at the paths its
forge uses; a local build whose output shows a test runner's summary with tests passed and
none failed; each review answered; a reflection of 60 words or more. An untouched template is
"not started". Whether the pull request was merged is never required (the maintainers decide
that, not the learner): draft, open, merged and closed all count, in any case.
"""

from __future__ import annotations

from typing import Any

from grader.engine.checks import CheckFailed, expect, milestone, note
from grader.engine.outcomes import LearnerFault, current
from grader.engine.protocol import Reason
from grader.week07 import ref_record as R

RECORD = "contribution.toml"
SHOWN = 5
#: Example summary lines, for a message about missing build evidence.
SUMMARIES = "pytest '=== 412 passed in 61.2s ===', cargo 'test result: ok. 33 passed', " \
            "unittest 'Ran 14 tests ... OK', jest 'Tests: 12 passed'"


def document(week: Any, place: str = "") -> dict[str, Any]:
    """The parsed record; "not started" while it is the starter's empty template."""
    current.where = f"{week.shown_as}/{RECORD}" + (f" {place}" if place else "")
    current.checking = f"tomllib.loads({RECORD})"
    content = week.read_file(RECORD)
    expect(content is not None, f"{RECORD} is missing: restore the template from the course "
           "and fill it in", expected=f"{week.shown_as}/{RECORD}", got="no such file")
    try:
        found = R.load(content.decode("utf-8", errors="replace"))
    except R.RecordError as error:
        raise CheckFailed(f"{RECORD} is not valid TOML: fix the line it names (strings in "
                          'quotes, multi-line text in """...""")', expected="a file tomllib "
                          "reads", got=str(error)) from None
    if R.is_template(found):
        raise LearnerFault(Reason.NOT_STARTED, "NotStarted", f"fill in {RECORD} as you "
                           "contribute: project, issue, pull request, local build, reviews, "
                           "reflection", where=current.where, checking=current.checking)
    return found


def text(doc: dict[str, Any], section: str, key: str) -> str:
    """One field as text, or a failure naming it."""
    value = doc.get(section, {}).get(key) if isinstance(doc.get(section), dict) else None
    expect(isinstance(value, str) and bool(value.strip()), f"[{section}] {key} should be "
           "filled in (see the template's comment)", expected=f'{key} = "..."',
           got="missing" if value is None else repr(value)[:60])
    return value.strip()


def repository(week: Any, doc: dict[str, Any], why: str = "") -> R.Repo:
    """The project's repository; a failure naming it (and what needs it: `why`) if bad."""
    current.checking = "[project] repository" + (f" (to check {why})" if why else "")
    url = text(doc, "project", "repository")
    repo = R.repository(url)
    if isinstance(repo, str):
        raise CheckFailed(f"[project] repository {repo}", expected="https://<host>/<owner>/"
                          "<repo>, the project's repository", got=url)
    return repo


@milestone("7.3")
def test_every_section_is_filled_in(week):
    doc = document(week)
    current.checking = f"the sections and fields of {RECORD}"
    _, problems = R.validate(doc)
    more = len(problems) - SHOWN
    expect(not problems, "fill in every field of the record: each says what a reviewer of "
           "your contribution wants to see", expected=", ".join(f"[{s}]" for s in R.SECTIONS)
           + ", every field filled in", got="\n".join(problems[:SHOWN] + (
               [f"... and {more} more"] if more > 0 else [])))


@milestone("7.3")
def test_no_field_is_a_placeholder(week):
    doc = document(week)
    current.checking = f"every field of {RECORD}"
    found = R.placeholders(doc)
    more = len(found) - SHOWN
    expect(not found, "replace every placeholder with what you did: the record is read by "
           "people who cannot ask you what <me> or TODO stood for",
           expected="real values in every field", got="\n".join(found[:SHOWN] + (
               [f"... and {more} more"] if more > 0 else [])))


@milestone("7.3")
def test_the_repository_link_names_a_repository(week):
    doc = document(week, "[project] repository")
    repository(week, doc)


@milestone("7.3")
def test_the_project_is_named_and_shown_alive(week):
    doc = document(week, "[project]")
    repo = repository(week, doc, "[project] name")
    name = text(doc, "project", "name")
    current.checking = f"[project] name and why_active against {repo.shown()}"
    expect(R.name_matches(name, repo), f"[project] name {name!r} does not match the "
           f"repository {repo.shown()}: name the project whose repository you link (or link "
           "the repository of the project you name)", expected=f'name = "{repo.path[-1]}"',
           got=f'name = "{name}"')
    why = text(doc, "project", "why_active")
    problem = R.activity_problem(why)
    expect(problem is None, "[project] why_active: say in a sentence or two what shows the "
           "project is alive, with the evidence you checked (its last release, commits this "
           "month, a maintainer answering issues, a date)",
           expected=f"{R.MIN_ACTIVE_WORDS} or more words naming releases, commits, "
                    "maintainers, issues or dates", got=f"{why[:80]!r}: {problem}")


@milestone("7.3")
def test_the_issue_is_in_the_projects_repository(week):
    doc = document(week, "[issue] url")
    repo = repository(week, doc, "[issue] url")
    url = text(doc, "issue", "url")
    current.checking = f"[issue] url against [project] repository ({repo.shown()})"
    problem = R.link_problem(repo, url, "issue")
    expect(problem is None, f"[issue] url: {problem}", expected=f"https://{repo.shown()}"
           f"{R.EXAMPLES.get(repo.forge, R.EXAMPLES['github'])['issue']}", got=url)


@milestone("7.3")
def test_the_pull_request_is_in_the_projects_repository(week):
    doc = document(week, "[pull_request] url")
    repo = repository(week, doc, "[pull_request] url")
    url = text(doc, "pull_request", "url")
    current.checking = f"[pull_request] url against [project] repository ({repo.shown()})"
    problem = R.link_problem(repo, url, "pull")
    example = R.EXAMPLES.get(repo.forge, R.EXAMPLES["github"])["pull"]
    expect(problem is None, f"[pull_request] url: {problem}" + (
        ". Open the pull request against the project's repository (from your fork's branch) "
        "and link that page" if problem and "your fork" in problem else ""),
        expected=f"https://{repo.shown()}{example}", got=url)
    issue = doc.get("issue", {}).get("url", "") if isinstance(doc.get("issue"), dict) else ""
    same = repo.forge == "github" and R.number(url) is not None and \
        R.number(url) == R.number(str(issue))
    expect(not same, f"the issue and the pull request are both number {R.number(url)}: on "
           "GitHub they share one numbering, so one of the two links is wrong",
           expected="two different numbers", got=f"{issue}\n{url}")
    status = doc.get("pull_request", {}).get("status")
    expect(R.status_of(status) in R.STATUSES, f"[pull_request] status should say where it "
           f"stands: one of {', '.join(R.STATUSES)} (merged is not required)",
           expected='status = "open"', got=repr(status))
    if R.status_of(status) == "merged":  # the maintainers' decision: a bonus, not a check
        note(f"pull request marked merged: {url} (bonus: confirm it upstream)")
    elif R.status_of(status) == "closed":  # still a contribution, graded on its process
        note(f"pull request marked closed: {url} (counts; the reflection says what it taught)")


@milestone("7.3")
def test_the_local_build_ran_the_tests(week):
    doc = document(week, "[local_build]")
    build = doc.get("local_build") if isinstance(doc.get("local_build"), dict) else {}
    current.checking = "[local_build] commands and output"
    commands = build.get("commands")
    expect(isinstance(commands, list) and any(isinstance(c, str) and c.strip()
                                              for c in commands),
           "[local_build] commands lists what you ran to build the project and run its tests",
           expected='commands = ["pip install -e .[dev]", "python -m pytest tests/unit"]',
           got=repr(commands)[:80])
    output = text(doc, "local_build", "output")
    summary = R.build_summary(output)
    expect(summary.passed > 0 or not summary.failed, f"[local_build] output: your output is a "
           f"summary of a failed run ({summary.failure}): the build you record must pass "
           "(fix your environment or your change, re-run, paste the new tail)",
           expected="tests passed, none failed or errored", got=summary.failure_line)
    expect(summary.passed > 0 or not summary.built_only, f"[local_build] output shows a build "
           f"that succeeded ({summary.built_only}) but no test run: also run the test suite "
           "(or the doctests) and paste that summary",
           expected=f"a summary such as {SUMMARIES}", got=summary.built_only)
    expect(summary.passed > 0, "[local_build] output should end with the test runner's "
           "summary line, copied from your terminal: it shows that the tests ran and passed",
           expected=f"a summary such as {SUMMARIES}",
           got=f"no summary in the {len(output.splitlines())} lines pasted; they end: "
               f"{output.strip().splitlines()[-1][:80] if output.strip() else ''}")
    expect(summary.failed == 0, "[local_build] output shows failing tests: the build you "
           "record must pass (fix your environment or your change, re-run, paste the new "
           "tail)", expected="tests passed, none failed or errored",
           got=summary.failure_line)


@milestone("7.3")
def test_reviews_are_answered_and_the_reflection_says_what_you_learned(week):
    doc = document(week, "[reflection] text")
    reflection = text(doc, "reflection", "text")
    current.checking = "[[review]] and [reflection] text"
    reviews = doc.get("review", [])
    expect(isinstance(reviews, list), "reviews are a list of tables: write [[review]] "
           "(two brackets), once per review", expected="[[review]]", got="[review]")
    for number, review in enumerate(reviews, start=1):
        empty = [key for key in ("reviewer", "said", "response")
                 if not (isinstance(review, dict) and str(review.get(key, "")).strip())]
        expect(not empty, f"review {number}: say who reviewed, what they said and how you "
               "responded", expected="reviewer, said and response filled in",
               got=f"{', '.join(empty)} empty or missing")
    count = R.words(reflection)
    expect(count >= R.MIN_WORDS, f"[reflection] text: {R.MIN_WORDS} words or more on what "
           "you learned and what you would do differently next time",
           expected=f">= {R.MIN_WORDS} words", got=f"{count} words")
    if not reviews:
        expect("review" in reflection.lower(), "no [[review]] yet: say so in the reflection "
               "(when did you ask, who might review it?)", expected="the reflection mentions "
               "the review you are waiting for", got="no [[review]] and no word on reviews")
