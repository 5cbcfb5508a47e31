"""Judge-side reading of a learner's README: the shell commands of one section, and its curl.

Milestones 4.5 and 4.7 grade what a product engineer would paste into a terminal: the fenced
code blocks of the README's *Your service* section. Nothing here runs a shell. A block is cut
into commands the way bash would read it (quotes, backslash-newline continuations, ``#``
comments, ``&&``, ``;`` and ``|``), each command is split into words with `shlex`, and a curl
command is read into the request it would send (`CurlRequest`).

    commands(readme_text)        # [["uvicorn", "app:app", "--port", "8000"], ["curl", ...], ...]
    curl_request(readme_text)    # CurlRequest(method="POST", url=..., headers=..., body=...)
    find_commands(readme_text, "docker")   # the docker commands, with their README line

HTML comments are blanked first (line numbers kept): the starter's ``<!-- Milestone 4.5 ...
-->`` placeholder is not a command, and neither is a block a learner commented out.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

#: The section 4.5 and 4.7 read (a ``## Your service`` heading, any level, any case).
SECTION = "Your service"
#: Words that end one command and start the next.
OPERATORS = {"&&", "||", ";", "|", "&"}
#: curl options that take a value (the next word), and those whose value is the request body.
CURL_VALUE_OPTIONS = {
    "-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary",
    "--data-ascii", "--data-urlencode", "--json", "-o", "--output", "-u", "--user", "-A",
    "--user-agent", "-m", "--max-time", "--connect-timeout", "-w", "--write-out", "-b",
    "--cookie", "-c", "--cookie-jar", "-e", "--referer", "-F", "--form", "--url", "-T",
    "--upload-file", "--retry", "-x", "--proxy", "--resolve", "--cacert", "--cert", "-K",
    "--config", "--variable",
}  # fmt: skip
CURL_DATA_OPTIONS = {"-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--json"}
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


class ShellSyntaxError(ValueError):
    """A command bash could not read either (an unclosed quote); says where."""

    def __init__(self, reason: str, line: int, text: str):
        self.reason, self.line, self.text = reason, line, text
        super().__init__(f"line {line}: {reason}: {text[:80]}")


@dataclass(frozen=True)
class Command:
    """One shell command of the README, as bash would split it.

    ``words`` is None when the text is not valid shell; ``error`` then says why. ``line`` is
    the README line (1-based) the command starts on; ``text`` is the command with its
    continuations joined.
    """

    text: str
    line: int
    words: list[str] | None = None
    error: str | None = None

    @property
    def program(self) -> str:
        """The program it runs: ``curl``, ``docker``, ``uvicorn`` (``python -m x`` gives x)."""
        words = self.words if self.words is not None else self.text.split()
        words = [w for w in words if not re.fullmatch(r"[A-Za-z_]\w*=.*", w)]  # VAR=x cmd
        if words[:1] == ["sudo"]:
            words = words[1:]
        if len(words) >= 3 and re.fullmatch(r"(.*/)?python[\d.]*", words[0]) and words[1] == "-m":
            words = words[2:]
        return words[0].rsplit("/", 1)[-1] if words else ""


@dataclass(frozen=True)
class CurlRequest:
    """The HTTP request a curl command sends.

    ``method`` is ``-X``'s, else POST when there is a body, else GET (``explicit_method`` says
    which). ``headers`` are as written (``--json`` adds curl's two). ``body`` is the literal
    data (several ``-d`` joined with ``&``, as curl does); ``body_file`` the name after ``@``
    when the data is read from a file.
    """

    method: str
    url: str
    headers: dict[str, str]
    body: str | None
    body_file: str | None
    line: int
    text: str
    words: list[str] = field(default_factory=list)
    explicit_method: bool = False

    def header(self, name: str) -> str | None:
        """The value of header `name` (any case), or None."""
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


# --- sections and code blocks -----------------------------------------------------------------


def section(readme_text: str, title: str = SECTION) -> tuple[str, int] | None:
    """The section whose heading starts with `title` (any case), HTML comments blanked.

    Returns (text, number of the README line the text starts on), or None without such a
    heading. The section ends at the next heading of the same or a higher level.
    """
    text = readme_text.replace("\r\n", "\n")  # a README saved on Windows
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = text.splitlines()
    start = level = None
    in_fence = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading is None:
            continue
        if start is None and heading.group(2).lower().startswith(title.lower()):
            start, level = number + 1, len(heading.group(1))
        elif start is not None and len(heading.group(1)) <= level:
            return "\n".join(lines[start:number]), start + 1
    return ("\n".join(lines[start:]), start + 1) if start is not None else None


def code_blocks(readme_text: str, title: str = SECTION) -> list[tuple[int, str, str]]:
    """The fenced code blocks of the section: (first content line, language, content)."""
    found = section(readme_text, title)
    if found is None:
        return []
    text, first = found
    blocks: list[tuple[int, str, str]] = []
    fence = None
    for number, line in enumerate(text.splitlines()):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence, language, start, content = opening.group(1), opening.group(2), number, []
        elif fence is not None and line.strip().startswith(fence[0] * len(fence)) and \
                not line.strip().strip(fence[0]):
            blocks.append((first + start + 1, language.lower(), "\n".join(content)))
            fence = None
        elif fence is not None:
            content.append(line)
    return blocks


# --- commands ---------------------------------------------------------------------------------


def shell_commands(readme_text: str, title: str = SECTION) -> list[Command]:
    """Every command in the section's code blocks, in order, split at ``&&``, ``;``, ``|``."""
    found: list[Command] = []
    for first, _, content in code_blocks(readme_text, title):
        for line, text in _logical_lines(_drop_prompts(content), first):
            try:
                words = _split(text)
            except ValueError as error:  # "No closing quotation", "No escaped character"
                found.append(Command(text, line, None, str(error)))
                continue
            for part in _cut(words):
                found.append(Command(text if len(part) == len(words) else shlex.join(part),
                                     line, part))
    return found


def commands(readme_text: str, title: str = SECTION) -> list[list[str]]:
    """The words of every valid command in the section's code blocks."""
    return [c.words for c in shell_commands(readme_text, title) if c.words]


def find_commands(readme_text: str, program: str, title: str = SECTION) -> list[Command]:
    """The commands that run `program` (``"curl"``, ``"docker"``), valid shell or not."""
    return [c for c in shell_commands(readme_text, title) if c.program == program]


def _drop_prompts(content: str) -> str:
    """A console transcript (``$ cmd`` then output): keep only the commands, lines kept."""
    lines = content.splitlines()
    if not any(line.startswith("$ ") for line in lines):
        return content
    kept, command = [], None
    for line in lines:
        if line.startswith("$ "):
            command = line[2:]
            kept.append(command)
        elif command is not None and _unfinished(command):
            command += "\n" + line
            kept.append(line)
        else:
            command = None
            kept.append("")  # output, not a command: blanked, so line numbers stay right
    return "\n".join(kept)


def _unfinished(command: str) -> bool:
    """Does bash wait for more: a trailing backslash or an open quote?"""
    if command.rstrip().endswith("\\"):
        return True
    try:
        _split(command.replace("\\\n", ""))
    except ValueError:
        return True
    return False


def _logical_lines(block: str, first_line: int) -> list[tuple[int, str]]:
    """Cut a block into commands as bash reads it: (README line it starts on, text).

    A newline ends a command unless it is inside quotes or escaped by a backslash (bash
    removes a backslash-newline outside single quotes); ``#`` at the start of a word starts
    a comment to the end of the line.
    """
    out: list[tuple[int, str]] = []
    buffer: list[str] = []
    start: int | None = None
    line, quote, i = first_line, "", 0

    def finish() -> None:
        nonlocal buffer, start
        text = "".join(buffer).strip()
        if text:
            out.append((start or line, text))
        buffer, start = [], None

    while i < len(block):
        ch, after = block[i], block[i + 1:i + 2]
        if start is None and not ch.isspace():
            start = line
        if quote != "'" and ch == "\\" and after == "\n":  # a continuation: bash drops it
            i, line = i + 2, line + 1
            continue
        if quote != "'" and ch == "\\" and after:
            buffer.append(ch + after)
            i += 2
            continue
        if not quote and ch == "#" and (not buffer or buffer[-1][-1:].isspace()):
            while i < len(block) and block[i] != "\n":
                i += 1
            continue
        if not quote and ch == "\n":  # the end of a command
            finish()
        else:
            if ch in "'\"" and quote in ("", ch):
                quote = "" if quote else ch
            buffer.append(ch)
        line += ch == "\n"
        i += 1
    finish()
    return out


def _split(text: str) -> list[str]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
    lexer.whitespace_split, lexer.commenters = True, ""
    return list(lexer)


def _cut(words: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for word in words:
        if word in OPERATORS:
            parts.append([])
        else:
            parts[-1].append(word)
    return [part for part in parts if part]


# --- curl -------------------------------------------------------------------------------------


def curl_request(readme_text: str, title: str = SECTION) -> CurlRequest | None:
    """The request of the section's first curl command, or None without one.

    Raises
    ------
    ShellSyntaxError
        When that command is not valid shell (an unclosed quote): its line and shlex's reason.
    """
    for command in find_commands(readme_text, "curl", title):
        if command.words is None:
            raise ShellSyntaxError(command.error or "not valid shell", command.line, command.text)
        return parse_curl(command.words, line=command.line, text=command.text)
    return None


def parse_curl(words: list[str], *, line: int = 0, text: str = "") -> CurlRequest:
    """What ``curl WORDS...`` sends: method, URL, headers and body (see `CurlRequest`)."""
    method, url = None, None
    headers: dict[str, str] = {}
    data: list[str] = []
    body_file = None
    rest = words[1:] if words and words[0].rsplit("/", 1)[-1] == "curl" else list(words)
    i = 0
    while i < len(rest):
        word = rest[i]
        option, value = word, None
        if word.startswith("--") and word.split("=", 1)[0] in CURL_VALUE_OPTIONS:
            option, _, value = word.partition("=")  # --data='...' or --data '...'
            value = value if "=" in word else None
        elif re.fullmatch(r"-[^-].*", word):  # short options: -X POST, -XPOST, -sSX POST
            option = word
            for k, letter in enumerate(word[1:], start=2):
                if f"-{letter}" in CURL_VALUE_OPTIONS:
                    option, value = f"-{letter}", word[k:] or None
                    break
        if option in CURL_VALUE_OPTIONS and value is None:
            value = rest[i + 1] if i + 1 < len(rest) else ""
            i += 1
        i += 1
        if option in ("-X", "--request"):
            method = value
        elif option in ("-H", "--header"):
            name, _, header_value = (value or "").partition(":")
            headers[name.strip()] = header_value.strip()
        elif option in CURL_DATA_OPTIONS:
            if option == "--json":
                headers.setdefault("Content-Type", "application/json")
                headers.setdefault("Accept", "application/json")
            if (value or "").startswith("@") and option != "--data-raw":
                body_file = (value or "")[1:]
            else:
                data.append(value or "")
        elif option == "--url":
            url = value
        elif value is None and not word.startswith("-") and url is None:
            url = word
    body = "&".join(data) if data else None
    has_body = body is not None or body_file is not None
    return CurlRequest(method=method or ("POST" if has_body else "GET"), url=url or "",
                       headers=headers, body=body, body_file=body_file, line=line, text=text,
                       words=list(words), explicit_method=method is not None)
