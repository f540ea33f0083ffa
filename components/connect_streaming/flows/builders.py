"""Ready-made task flows: the routing flow StartTaskContact targets, and a task-creating flow."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from connect_streaming.errors import RuleError, other_queue
from connect_streaming.flows.flow import Flow
from connect_streaming.flows.model import (
    Action,
    CreateTask,
    DisconnectParticipant,
    FlowReference,
    TransferContactToQueue,
    UpdateContactTargetQueue,
    UpdateFlowLoggingBehavior,
)
from connect_streaming.flows.reference import ILLEGAL_IDENTIFIER_CHARS, MAX_IDENTIFIER_CHARS

_UNSAFE = re.compile("[" + re.escape("".join(sorted(ILLEGAL_IDENTIFIER_CHARS))) + r"\s]+")


def identifier_for(name: str) -> str:
    """A stable, legal action Identifier derived from a human name.

    Example:
        >>> identifier_for("Set working queue: billing")
        'set-working-queue-billing'
    """
    slug = _UNSAFE.sub("-", name.strip().lower()).strip("-")
    return slug[:MAX_IDENTIFIER_CHARS].rstrip("-") or "action"


def _logging(name: str, then: str) -> UpdateFlowLoggingBehavior:
    """The first action of every built flow: flow logging on, so that an error branch that
    ends the contact (a full queue, a task the service refused) leaves a record of why."""
    return UpdateFlowLoggingBehavior(
        identifier=identifier_for(f"{name} enable flow logging"), next_action=then
    )


def task_routing_flow(
    *, queue_arn: str, overflow_queue_arn: str | None = None, name: str = "TaskRouting"
) -> Flow:
    """The flow a task runs: log, set the working queue, transfer to it, disconnect on every path.

    Every error the reference documents has its branch (QueueAtCapacity included), and flow
    logging is on before any of them can happen, so ``flow_problems(..., warnings=True)`` finds
    nothing. A full queue ends the task (logged) unless ``overflow_queue_arn`` is given: then
    QueueAtCapacity sets that queue and transfers there, and only a full overflow queue ends the
    task. Raises ``RuleError`` (field ``overflow_queue_arn``) when the two queues are the same.

    Example:
        >>> queue = "arn:aws:connect:us-east-1:123456789012:instance/i/queue/q"
        >>> flow = task_routing_flow(queue_arn=queue)
        >>> [a.type for a in flow.actions]  # doctest: +NORMALIZE_WHITESPACE
        ['UpdateFlowLoggingBehavior', 'UpdateContactTargetQueue', 'TransferContactToQueue',
         'DisconnectParticipant']
        >>> spill = task_routing_flow(queue_arn=queue, overflow_queue_arn=queue + "-overflow")
        >>> spill.actions[2].transitions().errors[0]  # the full queue's branch
        ErrorBranch(error_type='QueueAtCapacity', next_action='taskrouting-set-overflow-queue')
    """
    if overflow_queue_arn is not None and overflow_queue_arn == queue_arn:
        raise RuleError(other_queue("queue_arn"), overflow_queue_arn, field="overflow_queue_arn")
    disconnect = identifier_for(f"{name} disconnect")
    overflow: tuple[Action, ...] = ()
    if overflow_queue_arn is not None:
        overflow = _route(name, ("overflow queue",) * 2, overflow_queue_arn, disconnect, disconnect)
    full = overflow[0].identifier if overflow else disconnect
    route = _route(name, ("working queue", "queue"), queue_arn, full, disconnect)
    logging = _logging(name, route[0].identifier)
    actions = (logging, *route, *overflow, DisconnectParticipant(identifier=disconnect))
    return Flow(logging.identifier, actions).validate()


def _route(
    name: str, labels: tuple[str, str], queue_arn: str, when_full: str, disconnect: str
) -> tuple[UpdateContactTargetQueue, TransferContactToQueue]:
    """Set ``queue_arn`` as the working queue and transfer to it, the two actions named
    "<name> set <labels[0]>" and "<name> transfer to <labels[1]>": an error goes to
    ``disconnect``, a full queue to ``when_full``."""
    set_queue = identifier_for(f"{name} set {labels[0]}")
    transfer = identifier_for(f"{name} transfer to {labels[1]}")
    return (
        UpdateContactTargetQueue(
            identifier=set_queue, queue_id=queue_arn, next_action=transfer, on_error=disconnect
        ),
        TransferContactToQueue(
            identifier=transfer,
            next_action=disconnect,
            on_queue_at_capacity=when_full,
            on_error=disconnect,
        ),
    )


def task_creating_flow(
    *,
    contact_flow_arn: str,
    task_name: str,
    description: str | None = None,
    references: Mapping[str, FlowReference] | None = None,
    attributes: Mapping[str, str] | None = None,
    delay_seconds: int | None = None,
    then: Literal["disconnect", "end"] = "disconnect",
    name: str = "CreateTask",
    task_template_id: str | None = None,
) -> Flow:
    """A CONTACT_FLOW that logs, creates a task (typed references, attributes, optional delay),
    then ends; flow logging is on first so that a refused task leaves a record.

    Both ``then`` values end with DisconnectParticipant: the reference makes EndFlowExecution
    unavailable in CONTACT_FLOW flows (flow-control-actions-endflowexecution.html), and the End
    flow block there "functions identically to the Disconnect block" (end-flow-resume.html), so
    ``then="end"`` is kept for callers but builds the same flow as ``then="disconnect"``.
    ``task_template_id`` (a task template's ARN) creates the task from that template.
    Raises ``FlowValidationError`` for anything the Flow Language refuses (ATTACHMENT
    references, a delay outside 1..518400, empty strings).

    Example:
        >>> flow = task_creating_flow(
        ...     contact_flow_arn="arn:aws:connect:us-east-1:1:instance/i/contact-flow/f",
        ...     task_name="Call back", delay_seconds=3600,
        ...     references={"case": FlowReference("URL", "https://crm.example.com/1")})
        >>> flow.actions[1].parameters()["DelaySeconds"]
        3600
    """
    create = identifier_for(f"{name} create task")
    last = identifier_for(f"{name} disconnect")
    finish: Action = DisconnectParticipant(identifier=last)
    task = CreateTask(
        identifier=create,
        contact_flow_id=contact_flow_arn,
        name=task_name,
        description=description,
        attributes=dict(attributes or {}),
        references=dict(references or {}),
        delay_seconds=delay_seconds,
        task_template_id=task_template_id,
        next_action=last,
        on_error=last,
    )
    logging = _logging(name, create)
    return Flow(logging.identifier, (logging, task, finish)).validate()
