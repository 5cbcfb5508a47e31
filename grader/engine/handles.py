"""Judge-side references to objects that stay in the sandbox (testbook's idea, our code).

A fitted pipeline or an open app cannot cross as data, so the kernel keeps it and the judge
gets a `Handle`. Attribute access and calls on a handle become requests; what comes back is
data when it can be, another handle when it cannot. Nothing is unpickled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .week import Week


#: Type names of the kernel's callables, which messages should show by their owner's name.
_CALLABLE_TYPES = {"method", "builtin_function_or_method", "function", "method-wrapper"}


class Handle:
    """An object living in a week's kernel, e.g. ``pipe = week.call("pipeline.build")``."""

    __slots__ = ("_generation", "_id", "_repr", "_week", "type_name")

    def __init__(self, week: Week, env: dict[str, Any]):
        self._week = week
        self._id = int(env["id"])
        self.type_name = str(env["type"])
        self._repr = str(env.get("repr", ""))
        self._generation = week.sandbox.generation

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = self._week.request({"op": "getattr", "handle": self._ref(), "name": name},
                                   label=f"{self.type_name}.{name}")
        if isinstance(value, Handle) and value.type_name in _CALLABLE_TYPES:
            # A bound method reads as its owner's: "LogisticRegression.predict(X_test)".
            value.type_name = f"{self.type_name}.{name}"
        return value

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._week.request({"op": "call", "handle": self._ref()}, args, kwargs,
                                  label=self.type_name)

    def _ref(self) -> int:
        if self._generation != self._week.sandbox.generation:
            from .outcomes import LearnerFault

            raise LearnerFault("CRASH", evalue=f"{self.type_name} was lost when the sandbox "
                               "restarted after an earlier fault")
        return self._id

    def __repr__(self) -> str:
        return f"<{self.type_name} in the sandbox: {self._repr}>"

    def short(self) -> str:
        """How the object reads in a message: its type, not its id."""
        return f"{self.type_name} object"
