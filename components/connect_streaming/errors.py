"""The one exception hierarchy of ``connect_streaming``: every raise in the package uses it.

``ConnectStreamingError`` mixes in ``ValueError``: every error here is bad input.
"""

from __future__ import annotations


def expected(rule: str, value: object = None) -> str:
    """``expected <rule>``, with ``, got <value>`` when a value is given."""
    return f"expected {rule}" + ("" if value is None else f", got {value!r}")


def other_queue(field: str) -> str:
    """The rule an overflow queue breaks when it is the task flow's own queue ``field``."""
    return f"a queue other than {field} (a full queue cannot take its own overflow)"


class ConnectStreamingError(ValueError):
    """Root of every error the connect_streaming package raises."""


class RuleError(ConnectStreamingError):
    """A plain value breaks a rule (pure modules: ARNs, documents); ``field`` (relative, may be
    empty) and ``rule`` (completing "expected ...") say which."""

    def __init__(self, rule: str, value: object = None, *, field: str = "") -> None:
        self.rule = rule
        self.value = value
        self.field = field
        super().__init__(f"{field}{': ' if field else ''}{expected(rule, value)}")


class ComponentInputError(ConnectStreamingError):
    """A component input breaks a rule; names the component, the field and the rule.

    Raised at construction for plain values, and inside ``apply`` once an Output's value is
    known (the engine then reports it as the resource's registration error).

    Example:
        >>> str(ComponentInputError("ChatStreamingEndpoint", "chat", "url", "an https:// URL", "x"))
        "ChatStreamingEndpoint 'chat': url: expected an https:// URL, got 'x'"
    """

    def __init__(
        self, component: str, name: str, field: str, rule: str, value: object = None
    ) -> None:
        self.component = component
        self.name = name
        self.field = field
        self.rule = rule
        self.value = value
        super().__init__(f"{component} {name!r}: {field}: {expected(rule, value)}")


class ConfigError(ConnectStreamingError):
    """The stack config is missing something or has a wrong value; ``problems`` lists all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        body = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"invalid stack config, {len(problems)} problem(s):\n{body}")
