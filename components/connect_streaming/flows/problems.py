"""Problems a flow can have: the rule ids (with the reference page each comes from) and a log.
A refusal breaks what the reference states; a warning (reported only when asked for) is a flow
the service takes that can lose a contact or hide why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from connect_streaming.errors import ConnectStreamingError

_ACTIONS_PAGE = "flow-language-actions.html"
_EXAMPLE_PAGE = "flow-language-example.html"
_ACTION_PAGES = "the action's own page (reference.ACTIONS)"

RULES: Final[Mapping[str, str]] = {
    "invalid-json": "the content is not a JSON document",
    "invalid-structure": "the document or an action lacks a required field or has a wrong type",
    "content-too-large": "the content is longer than 256000 characters (CreateContactFlow API)",
    "too-many-actions": f"the flow has more than 250 Actions ({_EXAMPLE_PAGE})",
    "unknown-flow-type": "the flow type is not a ContactFlowType of the botocore model",
    "unknown-start-action": f"StartAction names no action ({_EXAMPLE_PAGE})",
    "duplicate-identifier": f"two actions share an Identifier ({_ACTIONS_PAGE})",
    "illegal-identifier": (
        "an Identifier is empty, longer than 50 characters, has % : ( \\ / ) = $ , ; [ ] { },"
        f" or is a reserved name such as __proto__ or toString ({_ACTIONS_PAGE})"
    ),
    "dangling-transition": "a transition targets an Identifier that does not exist",
    "unreachable-action": "an action cannot be reached from StartAction",
    "terminal-transitions": (
        "a terminal action (DisconnectParticipant, EndFlowExecution) has transitions"
        f" ({_ACTIONS_PAGE})"
    ),
    "missing-transition": "a non-terminal action has no NextAction",
    "unknown-error-type": (
        f"an error branch names an error the action never raises ({_ACTION_PAGES})"
    ),
    "conditions-not-supported": f"an action that supports no conditions has some ({_ACTION_PAGES})",
    "illegal-condition": (
        f"a Condition's Operator is not one of the listed operators or it has not one string"
        f" operand ({_ACTIONS_PAGE})"
    ),
    "action-not-in-flow-type": f"the action is not available in this flow type ({_ACTION_PAGES})",
    "unexpected-parameter": (
        "a parameter on an action whose page says 'No parameters are expected'"
        f" (TransferContactToQueue, DisconnectParticipant, ...) ({_ACTION_PAGES})"
    ),
    "missing-parameter": f"a parameter the action requires is absent ({_ACTION_PAGES})",
    "exclusive-parameters": (
        f"two parameters that exclude each other are both set ({_ACTION_PAGES})"
    ),
    "static-or-single-jsonpath": (
        f"a value that must be fully static or a single JSONPath mixes the two ({_ACTION_PAGES})"
    ),
    "single-jsonpath-required": f"a value that must be a single JSONPath is not ({_ACTION_PAGES})",
    "static-required": f"a value that must be defined statically is a JSONPath ({_ACTION_PAGES})",
    "illegal-parameter-value": (
        f"a parameter has a value outside its listed choices ({_ACTION_PAGES})"
    ),
    "empty-parameter": "a parameter value is the empty string (the service refuses it)",
    "attachment-reference": "CreateTask sets an ATTACHMENT reference (not accepted at creation)",
    "illegal-reference-type": (
        "CreateTask sets a reference type outside URL, NUMBER, STRING, DATE, EMAIL"
    ),
    "reference-value": "a static reference value does not fit its type",
    "delay-and-scheduled-time": (
        "CreateTask sets both DelaySeconds and ScheduledTime (createtask.html)"
    ),
    "delay-range": (
        "CreateTask DelaySeconds is not a whole number from 1 to 518400 (createtask.html)"
    ),
    # --- warnings: the service accepts these flows, but they can lose a contact or hide why ---
    "unhandled-error": (
        "an action has no branch for an error its reference page documents, so that error ends"
        f" the contact unseen, e.g. a task dropped when its queue is full ({_ACTION_PAGES})"
    ),
    "disconnect-without-trace": (
        "an error branch goes straight to DisconnectParticipant on a path where flow logging"
        " (UpdateFlowLoggingBehavior Enabled) is off and no attribute records the error"
    ),
    "unlisted-parameter": (
        "a parameter the action's reference page does not list, on an action whose page lists"
        " parameters (real console exports carry some, e.g. SkipWhenDTMFBufferEnabled)"
        f" ({_ACTION_PAGES})"
    ),
}
"""Every rule id :class:`FlowProblem` can carry, with what it means and where it is stated."""

WARNINGS: Final = frozenset({"unhandled-error", "disconnect-without-trace", "unlisted-parameter"})
"""The rule ids of the second level: a :class:`FlowProblem` under one of them is a warning."""

Level = Literal["refusal", "warning"]


@dataclass(frozen=True)
class FlowProblem:
    """One broken rule: which action (None for the whole flow), the rule id, a sentence, and
    its level (a refusal unless said otherwise, so positional construction keeps working).

    Example:
        >>> str(FlowProblem("hello", "unlisted-parameter", "not listed", "warning"))
        "warning: action 'hello': not listed [unlisted-parameter]"
    """

    action: str | None
    rule: str
    message: str
    level: Level = "refusal"

    def __str__(self) -> str:
        where = "flow" if self.action is None else f"action {self.action!r}"
        prefix = "warning: " if self.level == "warning" else ""
        return f"{prefix}{where}: {self.message} [{self.rule}]"


class FlowValidationError(ConnectStreamingError):
    """A flow broke one or more rules; ``problems`` lists them all."""

    def __init__(self, problems: list[FlowProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"invalid flow, {len(self.problems)} problem(s):\n{lines}")


class ProblemLog:
    """Collects problems in the order they are found."""

    def __init__(self) -> None:
        self.problems: list[FlowProblem] = []

    def add(self, action: str | None, rule: str, message: str) -> None:
        """Record that ``action`` (None: the whole flow) broke ``rule`` (its level follows)."""
        assert rule in RULES, rule
        level: Level = "warning" if rule in WARNINGS else "refusal"
        self.problems.append(FlowProblem(action, rule, message, level))

    def refusals(self) -> list[FlowProblem]:
        """The problems of the first level only, in the order found."""
        return [problem for problem in self.problems if problem.level == "refusal"]
