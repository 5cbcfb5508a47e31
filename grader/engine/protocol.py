"""Messages and reason codes shared by the judge and the sandbox kernel.

Requests and responses are JSON files in the sandbox's I/O folder; values inside them are
codec envelopes (see `codec`). This module must import nothing outside the standard library,
because it is also loaded into the learner's kernel.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, NotRequired, TypedDict


class Reason(StrEnum):
    """Why learner code did not give an answer. Shown to learners, so keep them short."""

    NOT_STARTED = "NOT_STARTED"  # the starter's NotImplementedError is still there
    EXCEPTION = "EXCEPTION"  # learner code raised an ordinary exception
    MISSING = "MISSING"  # file, function or name not found
    TIMEOUT = "TIMEOUT"  # ran past its time limit and was interrupted
    EXIT = "EXIT"  # sys.exit() or os._exit()
    CRASH = "CRASH"  # the kernel died (segfault, abort)
    MEMORY = "MEMORY"  # ran past the memory limit
    STDIN = "STDIN"  # input() called: nobody is there to type
    IMPORT = "IMPORT"  # the module raised while being imported
    SYNTAX = "SYNTAX"  # the module or cell does not parse
    NOTEBOOK = "NOTEBOOK"  # the .ipynb file is not a valid notebook
    TRANSFER = "TRANSFER"  # a value could not cross between judge and sandbox


class Status(StrEnum):
    """A milestone's outcome."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_STARTED = "not_started"
    ERROR = "error"


Op = Literal["call", "eval", "getattr", "release", "reset", "import", "snippet"]


class Request(TypedDict):
    """One request from the judge to the kernel."""

    op: Op
    response: str  # path of the JSON file the kernel writes its Response to
    target: NotRequired[str]  # "module.function" for call/import
    handle: NotRequired[int]  # a handle id for call/getattr/release
    name: NotRequired[str]  # attribute name, or expression for eval
    args: NotRequired[list[Any]]
    kwargs: NotRequired[dict[str, Any]]


class Frame(TypedDict):
    """One traceback frame, already made repository-relative."""

    file: str
    line: int
    function: str
    code: str


class Response(TypedDict):
    """The kernel's answer: a value, or why there is none."""

    ok: bool
    value: NotRequired[Any]  # a codec envelope when ok
    reason: NotRequired[str]  # a Reason when not ok
    ename: NotRequired[str]
    evalue: NotRequired[str]
    frames: NotRequired[list[Frame]]
