"""The per-action rules of the Flow language reference, applied to one action's JSON object.

Each action type in :data:`~connect_streaming.flows.reference.ACTIONS` is judged against its own
reference page (parameters, errors, conditions, flow types); every action is judged against the
shared Condition rules of the "Actions" page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from connect_runtime.tasks.references import reference_value_problem
from connect_streaming.flows.problems import ProblemLog
from connect_streaming.flows.reference import (
    ACTIONS,
    CONDITION_OPERATORS,
    CREATION_REFERENCE_TYPES,
    MAX_DELAY_SECONDS,
    MEDIA_CHOICES,
    OPERANDS_PER_OPERATOR,
    ActionSpec,
    flow_types,
)

SINGLE_JSONPATH: Final = re.compile(r"\$\.[^\s$]+")
"""A single JSONPath identifier such as ``$.Attributes.queue``: ``$.`` then no space and no
second ``$`` (the reference says 'a single valid JSONPath identifier' without a grammar)."""
_CLOSE: Final = 0.75
"""How alike (difflib's ratio, case folded) an unlisted key must be to a listed one to be
offered as its spelling: 'Txt' -> 'Text' is 0.86, 'QueueID' -> 'QueueId' 1.0."""


def is_dynamic(value: object) -> bool:
    """True for a JSONPath reference resolved at run time (e.g. ``$.Attributes.caseUrl``)."""
    return isinstance(value, str) and value.startswith("$.")


def check_conditions(report: ProblemLog, ident: str, transitions: Mapping[str, Any]) -> None:
    """Every Condition uses a listed Operator with exactly one string operand."""
    for index, branch in enumerate(transitions.get("Conditions", [])):
        condition = branch["Condition"]
        operator, operands = condition["Operator"], condition["Operands"]
        if operator not in CONDITION_OPERATORS:
            report.add(
                ident,
                "illegal-condition",
                f"Conditions[{index}] Operator {operator!r} is not one of"
                f" {', '.join(sorted(CONDITION_OPERATORS))}",
            )
        elif len(operands) != OPERANDS_PER_OPERATOR:
            report.add(
                ident,
                "illegal-condition",
                f"Conditions[{index}] {operator} takes one operand, got {len(operands)}",
            )


def check_action(
    report: ProblemLog,
    ident: str,
    kind: str,
    params: Mapping[str, Any],
    transitions: Mapping[str, Any],
    flow_type: str,
) -> None:
    """Judge one action of a modelled type against its reference page."""
    spec = ACTIONS.get(kind)
    if spec is None:
        return
    known = (
        isinstance(flow_type, str) and flow_type in flow_types()
    )  # an unknown type is reported once, by the validator
    if known and spec.flow_types is not None and flow_type not in spec.flow_types:
        report.add(
            ident,
            "action-not-in-flow-type",
            f"{kind} is available only in {', '.join(sorted(spec.flow_types))} flows,"
            f" not {flow_type} ({spec.page})",
        )
    _check_transitions(report, ident, kind, spec, transitions)
    _check_parameters(report, ident, kind, spec, params)
    if kind == "CreateTask":
        _check_create_task(report, ident, params)
    if kind == "MessageParticipant" and "Media" in params:
        _check_media(report, ident, params["Media"])


def _check_media(report: ProblemLog, ident: str, media: Any) -> None:
    if not isinstance(media, Mapping):
        report.add(ident, "invalid-structure", "MessageParticipant Media must be an object")
        return
    for key, choices in MEDIA_CHOICES.items():
        value = media.get(key)
        if value is not None and (not isinstance(value, str) or value not in choices):
            report.add(
                ident,
                "illegal-parameter-value",
                f"Parameters.Media.{key} must be {', '.join(sorted(choices))}, not {value!r}",
            )


def _check_transitions(
    report: ProblemLog, ident: str, kind: str, spec: ActionSpec, raw: Mapping[str, Any]
) -> None:
    if spec.terminal:
        if raw:
            report.add(
                ident, "terminal-transitions", f"{kind} ends the flow: its Transitions must be {{}}"
            )
        return
    if "NextAction" not in raw:
        report.add(ident, "missing-transition", f"{kind} needs a Transitions.NextAction")
    for branch in raw.get("Errors", []):
        if branch["ErrorType"] not in spec.errors:
            report.add(
                ident,
                "unknown-error-type",
                f"{kind} raises only {', '.join(sorted(spec.errors))},"
                f" not {branch['ErrorType']!r} ({spec.page})",
            )
    if raw.get("Conditions") and not spec.conditions:
        report.add(
            ident,
            "conditions-not-supported",
            f"{kind} supports no conditions, yet has {len(raw['Conditions'])} ({spec.page})",
        )


def did_you_mean(key: str, listed: frozenset[str]) -> str | None:
    """The listed parameter ``key`` is most likely a misspelling of, if one is close.

    Example:
        >>> did_you_mean("Txt", frozenset({"Text", "SSML", "PromptId", "Media"}))
        'Text'
        >>> did_you_mean("SkipWhenDTMFBufferEnabled", frozenset({"Text", "SSML"})) is None
        True
    """
    by_folded = {name.casefold(): name for name in listed}
    close = difflib.get_close_matches(key.casefold(), sorted(by_folded), n=1, cutoff=_CLOSE)
    return by_folded[close[0]] if close else None


def _unlisted(report: ProblemLog, ident: str, kind: str, spec: ActionSpec, key: str) -> None:
    listed = ", ".join(sorted(spec.parameters))
    if not spec.parameters:  # 'No parameters are expected': the page forbids any
        report.add(
            ident, "unexpected-parameter", f"{kind} takes no parameters, not {key!r} ({spec.page})"
        )
        return
    guess = did_you_mean(key, spec.parameters)
    hint = f"; did you mean {guess!r}?" if guess is not None else ""
    report.add(
        ident,
        "unlisted-parameter",
        f"{kind}'s reference lists {listed}, not {key!r}{hint} ({spec.page})",
    )


def _check_parameters(
    report: ProblemLog, ident: str, kind: str, spec: ActionSpec, params: Mapping[str, Any]
) -> None:
    for key in sorted(set(params) - spec.parameters):
        _unlisted(report, ident, kind, spec, key)
    for key in sorted(spec.required - set(params)):
        report.add(ident, "missing-parameter", f"{kind} needs Parameters.{key} ({spec.page})")
    for group, rule in spec.exclusive:
        both = sorted(group & set(params))
        if len(both) > 1:
            report.add(ident, rule, f"{kind} sets {' and '.join(both)}; set one at most")
    for key, value in params.items():
        for rule, message in _value_problems(spec, key, value):
            report.add(ident, rule, f"Parameters.{key} {message} ({spec.page})")


def _value_problems(spec: ActionSpec, key: str, value: Any) -> Iterator[tuple[str, str]]:
    textual = spec.single_path | spec.path_only | spec.static | frozenset(spec.choices)
    if key in textual and not isinstance(value, str):
        yield "invalid-structure", f"must be a string, not {type(value).__name__}"
        return
    single = isinstance(value, str) and SINGLE_JSONPATH.fullmatch(value) is not None
    if key in spec.single_path and isinstance(value, str) and "$." in value and not single:
        yield "static-or-single-jsonpath", f"{value!r} mixes static text and a JSONPath"
    if key in spec.path_only and not single:
        yield (
            "single-jsonpath-required",
            f"must be a single JSONPath such as $.Attributes.x, not {value!r}",
        )
    if key in spec.static and is_dynamic(value):
        yield "static-required", f"must be defined statically, not {value!r}"
    choices = spec.choices.get(key)
    if choices is not None and value not in choices:
        yield (
            "illegal-parameter-value",
            f"must be one of {', '.join(sorted(choices))}, not {value!r}",
        )


def _check_create_task(report: ProblemLog, ident: str, params: Mapping[str, Any]) -> None:
    for required in ("ContactFlowId", "Name"):
        if required in params and not isinstance(params[required], str):
            report.add(ident, "invalid-structure", f"CreateTask {required} must be a string")
    if "DelaySeconds" in params:
        delay = params["DelaySeconds"]
        if (
            isinstance(delay, bool)
            or not isinstance(delay, int)
            or not 1 <= delay <= MAX_DELAY_SECONDS
        ):
            report.add(
                ident,
                "delay-range",
                f"DelaySeconds must be a whole number from 1 to {MAX_DELAY_SECONDS}, got {delay!r}",
            )
    for key in ("Attributes", "References"):
        if key in params and not isinstance(params[key], Mapping):
            report.add(ident, "invalid-structure", f"CreateTask {key} must be an object")
    references = params.get("References")
    if isinstance(references, Mapping):
        for name, ref in references.items():
            _check_reference(report, ident, name, ref)


def _check_reference(report: ProblemLog, ident: str, name: str, ref: Any) -> None:
    if (
        not isinstance(ref, Mapping)
        or not isinstance(ref.get("Type"), str)
        or not isinstance(ref.get("Value"), str)
    ):
        report.add(ident, "invalid-structure", f"reference {name!r} needs Type and Value strings")
        return
    kind, value = ref["Type"], ref["Value"]
    if kind == "ATTACHMENT":
        report.add(
            ident,
            "attachment-reference",
            f"reference {name!r} is ATTACHMENT, which a task cannot carry at creation",
        )
    elif kind not in CREATION_REFERENCE_TYPES:
        report.add(
            ident,
            "illegal-reference-type",
            f"reference {name!r} has Type {kind!r}; use {', '.join(CREATION_REFERENCE_TYPES)}",
        )
    elif not is_dynamic(value) and value:
        reason = reference_value_problem(kind, value)
        if reason is not None:
            report.add(ident, "reference-value", f"reference {name!r}: {reason}")
