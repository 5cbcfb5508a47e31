"""Get one learner's submission onto disk: a local folder as it is, or a git checkout.

A learner's working tree is never touched: a ref of a local repository is checked out in a
throwaway clone. Every git command is time-bound and cannot prompt (a private repository
fails instead of waiting for a password nobody types), and every failure becomes an outcome
(missing_repo, unreachable, missing_ref, not_course) with one sentence that says what
happened, quoting git's own key line.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psutil

from .roster import Row

#: git must fail, not prompt: no terminal, no credential manager dialog, no ssh password.
GIT_ENV = {"GIT_TERMINAL_PROMPT": "0", "GCM_INTERACTIVE": "never", "GIT_LFS_SKIP_SMUDGE": "1"}
SSH_COMMAND = "ssh -o BatchMode=yes -o ConnectTimeout=20"
#: A ref that may be a commit sha (abbreviated or full): it cannot be cloned with --branch.
SHA = re.compile(r"^[0-9a-f]{7,40}$", re.IGNORECASE)
WEEK = re.compile(r"^week\d\d$")
#: git messages that mean "this exists but you may not read it" (or: it does not exist, and
#: the host will not say which, as GitHub does for private repositories).
AUTH = ("could not read username", "terminal prompts disabled", "authentication failed",
        "permission denied", "host key verification failed", "403")
GONE = ("not found", "does not appear to be a git repository", "does not exist",
        "no such file or directory")


@dataclass
class Checkout:
    """Where a submission is on disk and which commit it is; or why there is none."""

    root: Path | None  # the learner's course checkout (holds weeks/, grader/, data/)
    commit: str | None = None
    outcome: str | None = None  # set when the row cannot be graded
    problem: str | None = None


def kill_tree(pid: int) -> None:
    """Kill a process, its process group and every descendant (kernels run in own sessions)."""
    try:
        family = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        family = []
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    for proc in family:
        with contextlib.suppress(psutil.Error):
            proc.kill()


def run_bounded(cmd: list[str], *, timeout_s: float, cwd: Path | None = None,
                env: dict[str, str] | None = None, log: Path | None = None
                ) -> tuple[int | None, str]:
    """Run `cmd` in its own session; (exit code or None on timeout, output).

    Output goes to `log` when given (a pipe could be held open by a killed run's orphans),
    else it is captured. At the time bound the whole process tree is killed, and so is
    anything the command left running when it ends normally.
    """
    out = log.open("wb") if log else subprocess.PIPE
    try:
        with subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                              stderr=subprocess.STDOUT, start_new_session=True) as proc:
            try:
                data, _ = proc.communicate(timeout=timeout_s)
                code: int | None = proc.returncode
            except subprocess.TimeoutExpired:
                kill_tree(proc.pid)
                data, _ = proc.communicate()
                code = None
            else:
                kill_tree(proc.pid)  # a server or kernel it forgot to stop
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    if log:
        return code, log.read_text(encoding="utf-8", errors="replace")
    return code, (data or b"").decode("utf-8", errors="replace")


def git(args: list[str], *, timeout_s: float, cwd: Path | None = None) -> tuple[int | None, str]:
    """Run git non-interactively with a time bound; (exit code or None on timeout, output)."""
    env = {**os.environ, **GIT_ENV}
    env.setdefault("GIT_SSH_COMMAND", SSH_COMMAND)
    return run_bounded(["git", "-c", "safe.directory=*", *args], timeout_s=timeout_s, cwd=cwd,
                       env=env)


def key_line(output: str) -> str:
    """The line of git's output that says what went wrong (its first `fatal:`)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for prefix in ("fatal:", "error:", "remote:"):
        for line in lines:
            if line.lower().startswith(prefix):
                return line[:300]
    return lines[-1][:300] if lines else "(no output)"


def fetch(row: Row, dest: Path, *, timeout_s: float = 300) -> Checkout:
    """Put `row`'s submission on disk (a clone goes to `dest`) and say which commit it is."""
    if row.is_url:
        return _fetch_url(row, dest, timeout_s)
    return _fetch_path(row, dest, timeout_s)


def _who(row: Row) -> str:
    return f"Learner '{row.learner}' (roster line {row.line})"


def _head(root: Path, timeout_s: float) -> str | None:
    code, out = git(["rev-parse", "HEAD"], cwd=root, timeout_s=timeout_s)
    return out.strip() if code == 0 else None


def _toplevel(path: Path, timeout_s: float) -> bool:
    """Whether `path` is itself the top of a git work tree (not a folder inside another)."""
    code, out = git(["rev-parse", "--show-toplevel"], cwd=path, timeout_s=timeout_s)
    return code == 0 and Path(out.strip()).resolve() == path.resolve()


def _resolve(clone: Path, ref: str, timeout_s: float) -> str | None:
    """The commit `ref` names in a clone: a sha, a tag, or a branch of the origin."""
    for name in (ref, f"origin/{ref}"):
        code, out = git(["rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], cwd=clone,
                        timeout_s=timeout_s)
        if code == 0:
            return out.strip()
    return None


def _branches(clone: Path, timeout_s: float) -> str:
    code, out = git(["for-each-ref", "--format=%(refname:lstrip=3)", "refs/remotes/origin"],
                    cwd=clone, timeout_s=timeout_s)
    names = [n for n in out.split() if n != "HEAD"] if code == 0 else []
    return ", ".join(names[:10]) + (" ..." if len(names) > 10 else "") or "none"


def _checkout_ref(row: Row, clone: Path, timeout_s: float) -> Checkout:
    sha = _resolve(clone, row.ref, timeout_s)
    if sha is None:
        return Checkout(None, outcome="missing_ref", problem=(
            f"{_who(row)}: {row.repo} has no branch, tag or commit '{row.ref}' (its branches: "
            f"{_branches(clone, timeout_s)}); fix the ref column or leave it empty for the "
            "default branch."))
    code, out = git(["checkout", "--quiet", "--detach", sha], cwd=clone, timeout_s=timeout_s)
    if code != 0:
        return Checkout(None, outcome="unreachable", problem=(
            f"{_who(row)}: checking out '{row.ref}' of {row.repo} failed; git said: "
            f"{key_line(out)}"))
    return Checkout(clone, commit=sha)


def _fetch_path(row: Row, dest: Path, timeout_s: float) -> Checkout:
    path = Path(row.source)
    if not path.is_dir():
        what = "is a file, not a folder" if path.exists() else "does not exist"
        return Checkout(None, outcome="missing_repo", problem=(
            f"{_who(row)}: the repo path {path} {what}; fix the roster's repo column (a "
            "relative path is relative to the roster file)."))
    repo = _toplevel(path, timeout_s)
    if not row.ref:  # graded as it is, uncommitted work included
        return Checkout(path, commit=_head(path, timeout_s) if repo else None)
    if not repo:
        return Checkout(None, outcome="missing_ref", problem=(
            f"{_who(row)}: the roster asks for ref '{row.ref}' but {path} is not a git "
            "repository; leave ref empty to grade the folder as it is."))
    # A throwaway clone: the learner's working tree, index and branches stay as they are.
    code, out = git(["clone", "--quiet", "--no-hardlinks", "--no-checkout", str(path),
                     str(dest)], timeout_s=timeout_s, cwd=dest.parent)
    if code != 0:
        return Checkout(None, outcome="unreachable", problem=(
            f"{_who(row)}: cloning {path} failed; git said: {key_line(out)}"))
    return _checkout_ref(row, dest, timeout_s)


def _clone_failed(row: Row, code: int | None, out: str, timeout_s: float) -> Checkout:
    if code is None:
        return Checkout(None, outcome="unreachable", problem=(
            f"{_who(row)}: {row.repo} did not answer within {timeout_s:.0f} s; check the URL "
            "and the network, then grade again."))
    line = key_line(out)
    low = out.lower()
    if any(a in low for a in AUTH):
        return Checkout(None, outcome="unreachable", problem=(
            f"{_who(row)}: {row.repo} refused access (private, or it does not exist); give "
            f"the gradebook a token that can read it (GRADEBOOK_TOKEN); git said: {line}"))
    if any(g in low for g in GONE):
        return Checkout(None, outcome="missing_repo", problem=(
            f"{_who(row)}: there is no repository at {row.repo}; fix the roster's repo URL; "
            f"git said: {line}"))
    return Checkout(None, outcome="unreachable", problem=(
        f"{_who(row)}: {row.repo} could not be reached; git said: {line}"))


def _fetch_url(row: Row, dest: Path, timeout_s: float) -> Checkout:
    # ls-remote first: one round trip that says whether the repository answers and which
    # refs it has, so a missing branch is named as such (with the branches that exist).
    dest.parent.mkdir(parents=True, exist_ok=True)
    # From dest's folder, outside any repository: the instructor checkout's local config
    # (actions/checkout's credentials for its own repository) must not reach a learner's.
    code, out = git(["ls-remote", "--heads", "--tags", row.source], timeout_s=timeout_s,
                    cwd=dest.parent)
    if code != 0:
        return _clone_failed(row, code, out, timeout_s)
    refs = {line.split("\t", 1)[1] for line in out.splitlines() if "\t" in line}
    if not row.ref or {f"refs/heads/{row.ref}", f"refs/tags/{row.ref}"} & refs:
        # A branch or tag: one commit is all that is graded.
        branch = ["--branch", row.ref] if row.ref else []
        code, out = git(["clone", "--quiet", "--depth", "1", *branch, row.source, str(dest)],
                        timeout_s=timeout_s, cwd=dest.parent)
        if code != 0:
            return _clone_failed(row, code, out, timeout_s)
        return Checkout(dest, commit=_head(dest, timeout_s))
    if not SHA.match(row.ref):
        heads = sorted(r.removeprefix("refs/heads/") for r in refs if r.startswith("refs/heads/"))
        return Checkout(None, outcome="missing_ref", problem=(
            f"{_who(row)}: {row.repo} has no branch or tag '{row.ref}' (its branches: "
            f"{', '.join(heads[:10]) or 'none'}); fix the ref column or leave it empty for the "
            "default branch."))
    # A commit: any branch may hold it, so the history comes along (blobs only as needed).
    code, out = git(["clone", "--quiet", "--filter=blob:none", "--no-checkout", row.source,
                     str(dest)], timeout_s=timeout_s, cwd=dest.parent)
    if code != 0:
        return _clone_failed(row, code, out, timeout_s)
    return _checkout_ref(row, dest, timeout_s)


def course_weeks(row: Row, root: Path) -> tuple[Path | None, str | None]:
    """The checkout's weeks/ folder, or a sentence saying why this is not a course checkout."""
    weeks = root / "weeks"
    if weeks.is_dir() and any(WEEK.match(p.name) and p.is_dir() for p in weeks.iterdir()):
        return weeks, None
    if weeks.is_dir():
        inside = sorted(p.name for p in weeks.iterdir())
        found = f"its weeks/ folder holds {_listing(inside)}"
    else:
        top = sorted(p.name + ("/" if p.is_dir() else "") for p in root.iterdir()
                     if p.name != ".git")
        found = f"it holds {_listing(top)}"
    return None, (f"{_who(row)}: {row.repo} is not a checkout of the course: it has no "
                  f"weeks/week01/-style folders and {found}; point the roster at the learner's "
                  "copy of the course repository.")


def _listing(names: list[str]) -> str:
    if not names:
        return "nothing (an empty repository?)"
    return ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
