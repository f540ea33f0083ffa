"""The one exception hierarchy of connect_runtime.

Errors answered by the service are not wrapped: they stay the botocore ``ClientError``
subclasses (``client.exceptions.ThrottlingException`` and friends) that boto3 users know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = [
    "ConnectRequestError",
    "ConnectRuntimeError",
    "ModelDroppedWarning",
    "Problem",
    "describe_value",
]

_MAX_VALUE_CHARS: Final = 80


def describe_value(value: object) -> str:
    """Return a short, safe ``repr`` of ``value`` for error messages.

    Long strings are cut before ``repr`` runs, so a megabyte of junk costs nothing to report.

    Example:
        >>> describe_value("x" * 500)[-18:]
        "xx'... (500 chars)"
    """
    if isinstance(value, str) and len(value) > _MAX_VALUE_CHARS:
        return f"{value[:_MAX_VALUE_CHARS]!r}... ({len(value)} chars)"
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real problem
        text = f"<{type(value).__name__} object>"
    if len(text) > _MAX_VALUE_CHARS:
        text = text[:_MAX_VALUE_CHARS] + "..."
    return text


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule: where (``field``, a parameter path), what was given, which rule.

    ``source`` says where the rule comes from: ``"API doc"`` for the Amazon Connect API
    reference (the spec), ``"model"`` for botocore's Connect service model.
    """

    field: str
    value: object
    rule: str
    source: str = "API doc"

    def __str__(self) -> str:
        return f"{self.field}: {self.rule} (got {describe_value(self.value)}; {self.source})"


class ConnectRuntimeError(Exception):
    """Root of every exception that connect_runtime raises itself."""


class ConnectRequestError(ConnectRuntimeError, ValueError):
    """A request broke one or more documented rules; nothing was sent.

    Every problem is collected before raising, botocore-style, and each names the
    parameter path, the offending value and the rule.

    Example:
        >>> from connect_runtime import stop_contact_streaming_request
        >>> try:
        ...     stop_contact_streaming_request(instance_id="", contact_id="c", streaming_id="s")
        ... except ConnectRequestError as error:
        ...     print(error.field)
        InstanceId
    """

    def __init__(self, operation: str, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("ConnectRequestError needs at least one problem")
        self.operation = operation
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._message())

    @property
    def field(self) -> str:
        """The parameter path of the first problem."""
        return self.problems[0].field

    @property
    def fields(self) -> tuple[str, ...]:
        """The parameter paths of every problem, in the order found."""
        return tuple(problem.field for problem in self.problems)

    def _message(self) -> str:
        count = len(self.problems)
        if count == 1:
            return f"Invalid {self.operation} request: {self.problems[0]}"
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        return f"Invalid {self.operation} request, {count} problems:\n{lines}"

    def __reduce__(self) -> tuple[type[ConnectRequestError], tuple[str, tuple[Problem, ...]]]:
        return (type(self), (self.operation, self.problems))


class ModelDroppedWarning(ConnectRuntimeError, UserWarning):
    """A request uses a 2021-10-29 API value that the installed botocore model dropped.

    Such values (the ``INSTANCE`` grouping, the ``*_BY_AGENT`` historical metrics) are still
    sent, since the 2021 API documents them; the warning names the model version.
    """
