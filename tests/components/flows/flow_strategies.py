"""Hypothesis strategies for valid Flow Language flows built from the typed model."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

from connect_runtime import Reference
from connect_runtime.testing import strategies as runtime_strategies
from connect_streaming.flows import model
from connect_streaming.flows.flow import Flow, flow_to_dict
from connect_streaming.flows.reference import (
    ACTIONS,
    CONDITION_OPERATORS,
    CONTACT_FLOW,
    CREATION_REFERENCE_TYPES,
    ILLEGAL_IDENTIFIER_CHARS,
    MAX_IDENTIFIER_CHARS,
    RESERVED_IDENTIFIERS,
)

identifiers = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_characters="".join(ILLEGAL_IDENTIFIER_CHARS),
        exclude_categories=("Cs", "Cc"),
    ),
    min_size=1,
    max_size=MAX_IDENTIFIER_CHARS,
).filter(lambda ident: ident not in RESERVED_IDENTIFIERS)
words = st.text(min_size=1, max_size=30)
arns = st.from_regex(
    r"arn:aws:connect:us-east-1:[0-9]{12}:instance/[a-z0-9-]{8,36}/(queue|contact-flow)/[a-z0-9-]{8,36}",
    fullmatch=True,
)
NON_TERMINAL = (
    "UpdateContactTargetQueue",
    "TransferContactToQueue",
    "MessageParticipant",
    "UpdateContactAttributes",
    "Compare",
    "CreateTask",
    "UpdateFlowLoggingBehavior",
    "Generic",
)
TERMINAL = ("DisconnectParticipant", "EndFlowExecution")


def available(kinds: tuple[str, ...], flow_type: str) -> tuple[str, ...]:
    """The kinds the reference makes available in ``flow_type`` (Generic: not judged)."""
    allowed = {kind: ACTIONS[kind].flow_types if kind in ACTIONS else None for kind in kinds}
    return tuple(kind for kind, types in allowed.items() if types is None or flow_type in types)


def flow_references() -> st.SearchStrategy[model.FlowReference]:
    """Creation-legal references with values that fit their type (or a dynamic JSONPath)."""

    def to_flow(ref: Reference | dict[str, str]) -> model.FlowReference:
        kind, value = (
            (ref.type, ref.value) if isinstance(ref, Reference) else (ref["Type"], ref["Value"])
        )
        return model.FlowReference(kind, value)

    static = (
        runtime_strategies.references()
        .map(to_flow)
        .filter(lambda r: r.type in CREATION_REFERENCE_TYPES and r.value != "")
    )
    dynamic = st.builds(
        model.FlowReference,
        st.sampled_from(CREATION_REFERENCE_TYPES),
        st.from_regex(r"\$\.Attributes\.[a-zA-Z]{1,10}", fullmatch=True),
    )
    return static | dynamic


def _slots(kind: str) -> int:
    """How many transition targets an action of ``kind`` takes (Compare: grows as needed)."""
    return {
        "UpdateContactTargetQueue": 2,
        "TransferContactToQueue": 3,
        "MessageParticipant": 2,
        "UpdateContactAttributes": 2,
        "Compare": 2,
        "CreateTask": 2,
        "UpdateFlowLoggingBehavior": 1,
        "Generic": 2,
    }[kind]


def _create_task(draw: st.DrawFn, ident: str, nxt: str, err: str) -> model.CreateTask:
    delay = draw(st.none() | st.integers(1, 518_400))
    scheduled = None if delay is not None else draw(st.none() | st.just("$.Attributes.when"))
    return model.CreateTask(
        identifier=ident,
        contact_flow_id=draw(arns),
        name=draw(words),
        description=draw(st.none() | words),
        attributes=draw(st.dictionaries(words, words, max_size=3)),
        references=draw(st.dictionaries(words, flow_references(), max_size=3)),
        delay_seconds=delay,
        scheduled_time=scheduled,
        task_template_id=draw(st.none() | st.uuids().map(str)),
        next_action=nxt,
        on_error=err,
    )


@st.composite
def _action(draw: st.DrawFn, kind: str, ident: str, targets: list[str]) -> model.Action:
    """An action of ``kind``; ``targets[0]`` is its NextAction, the rest its other branches."""
    if kind == "DisconnectParticipant":
        return model.DisconnectParticipant(identifier=ident)
    if kind == "EndFlowExecution":
        return model.EndFlowExecution(identifier=ident)
    if kind == "UpdateFlowLoggingBehavior":
        return model.UpdateFlowLoggingBehavior(
            identifier=ident, next_action=targets[0], enabled=draw(st.booleans())
        )
    nxt, err = targets[0], targets[1]
    if kind == "UpdateContactTargetQueue":
        return model.UpdateContactTargetQueue(
            identifier=ident, queue_id=draw(arns), next_action=nxt, on_error=err
        )
    if kind == "TransferContactToQueue":
        return model.TransferContactToQueue(
            identifier=ident, next_action=nxt, on_queue_at_capacity=targets[2], on_error=err
        )
    if kind == "MessageParticipant":
        return model.MessageParticipant(
            identifier=ident, text=draw(words), next_action=nxt, on_error=err
        )
    if kind == "UpdateContactAttributes":
        attributes = draw(st.dictionaries(words, words, min_size=1, max_size=3))
        return model.UpdateContactAttributes(
            identifier=ident, attributes=attributes, next_action=nxt, on_error=err
        )
    if kind == "Compare":
        conditions = tuple(
            model.ConditionBranch(
                target, draw(st.sampled_from(sorted(CONDITION_OPERATORS))), (draw(words),)
            )
            for target in targets[1:]
        )
        return model.Compare(
            identifier=ident,
            comparison_value="$.Attributes.segment",
            conditions=conditions,
            on_no_match=nxt,
        )
    if kind == "CreateTask":
        return _create_task(draw, ident, nxt, err)
    return model.GenericAction(
        identifier=ident,
        action_type=draw(
            st.sampled_from(["InvokeLambdaFunction", "UpdateContactRecordingBehavior"])
        ),
        raw_parameters={"Setting": draw(words)},
        raw_transitions=model.Transitions(nxt, (model.ErrorBranch("NoMatchingError", err),)),
    )


@st.composite
def flows(draw: st.DrawFn, *, require: str | None = None, flow_type: str = CONTACT_FLOW) -> Flow:
    """Valid flows of ``flow_type``: a spine of non-terminal actions, terminal sinks on error
    branches, and random extra edges (loops included), all reachable from StartAction. Only
    actions the reference makes available in ``flow_type`` appear."""
    middle, terminal = available(NON_TERMINAL, flow_type), available(TERMINAL, flow_type)
    spine_kinds = draw(st.lists(st.sampled_from(middle), min_size=0, max_size=6))
    if require is not None:
        spine_kinds.insert(draw(st.integers(0, len(spine_kinds))), require)
    end_kind = draw(
        st.sampled_from((*terminal, *middle)) if spine_kinds else st.sampled_from(terminal)
    )
    owners = [i for i, kind in enumerate(spine_kinds) if _slots(kind) > 1]
    sink_count = draw(st.integers(0, len(owners)))
    kinds = [*spine_kinds, end_kind] + [draw(st.sampled_from(terminal)) for _ in range(sink_count)]
    idents = draw(st.lists(identifiers, min_size=len(kinds), max_size=len(kinds), unique=True))
    spine_len = len(spine_kinds) + 1
    targets: dict[int, list[str]] = {}
    for i, kind in enumerate(kinds):
        if kind in TERMINAL:
            continue
        slots = [draw(st.sampled_from(idents)) for _ in range(_slots(kind))]
        if i + 1 < spine_len:
            slots[0] = idents[i + 1]  # the spine keeps every spine action reachable
        targets[i] = slots
    for owner, sink in zip(owners, range(spine_len, len(kinds)), strict=False):
        targets[owner][1] = idents[sink]  # each sink hangs off a distinct spine action's branch
    actions = tuple(
        draw(_action(kind, idents[i], targets.get(i, []))) for i, kind in enumerate(kinds)
    )
    metadata: dict[str, Any] | None = draw(
        st.none() | st.just({"name": "generated", "type": "contactFlow"})
    )
    return Flow(idents[0], actions, metadata, flow_type=flow_type)


TRANSITION_KINDS = ("NextAction", "Errors", "Conditions")
"""Where a transition target sits: Transitions.NextAction, Errors[i] or Conditions[i]."""


def transition_slots(document: dict[str, Any], kind: str) -> list[tuple[int, int | None]]:
    """Every ``(action index, branch index)`` holding a transition of ``kind`` in a document
    (branch index None for ``NextAction``)."""
    slots: list[tuple[int, int | None]] = []
    for index, action in enumerate(document["Actions"]):
        transitions = action["Transitions"]
        if kind == "NextAction":
            slots += [(index, None)] if "NextAction" in transitions else []
        else:
            slots += [(index, branch) for branch in range(len(transitions.get(kind, [])))]
    return slots


@st.composite
def dangling_documents(draw: st.DrawFn, kind: str) -> tuple[dict[str, Any], str, str]:
    """A valid flow's document with one transition of ``kind`` pointed at a missing action.

    Returns the document, the Identifier of the action whose transition dangles, and the
    missing target. Conditions only exist on Compare, Errors on every non-terminal action.
    """
    flow = draw(flows(require="Compare" if kind == "Conditions" else "UpdateContactTargetQueue"))
    document = copy.deepcopy(flow_to_dict(flow))
    index, branch = draw(st.sampled_from(transition_slots(document, kind)))
    taken = {action["Identifier"] for action in document["Actions"]}
    target = draw(identifiers.filter(lambda ident: ident not in taken))
    action = document["Actions"][index]
    if branch is None:
        action["Transitions"]["NextAction"] = target
    else:
        action["Transitions"][kind][branch]["NextAction"] = target
    return document, action["Identifier"], target
