"""Amazon Connect Flow Language builder: typed actions to validated, deterministic JSON.

Pure Python (no pulumi import), so flows are built, validated and property-tested anywhere;
the policy pack judges deployed flow content with the same :func:`flow_problems`.
"""

from connect_streaming.flows.builders import identifier_for, task_creating_flow, task_routing_flow
from connect_streaming.flows.flow import Flow, flow_from_dict, flow_to_dict, parse_flow
from connect_streaming.flows.model import (
    TYPED_ACTIONS,
    Action,
    Compare,
    ConditionBranch,
    CreateTask,
    DisconnectParticipant,
    EndFlowExecution,
    ErrorBranch,
    FlowReference,
    GenericAction,
    MessageParticipant,
    TransferContactToQueue,
    Transitions,
    UpdateContactAttributes,
    UpdateContactTargetQueue,
    UpdateFlowLoggingBehavior,
)
from connect_streaming.flows.problems import RULES, WARNINGS, FlowProblem, FlowValidationError
from connect_streaming.flows.reference import (
    CONTACT_FLOW,
    CREATION_REFERENCE_TYPES,
    FLOW_VERSION,
    MAX_ACTIONS,
    MAX_CONTENT_CHARS,
    MAX_DELAY_SECONDS,
    MAX_IDENTIFIER_CHARS,
)
from connect_streaming.flows.validation import flow_problems, validate_flow_dict

__all__ = [
    "CONTACT_FLOW",
    "CREATION_REFERENCE_TYPES",
    "FLOW_VERSION",
    "MAX_ACTIONS",
    "MAX_CONTENT_CHARS",
    "MAX_DELAY_SECONDS",
    "MAX_IDENTIFIER_CHARS",
    "RULES",
    "TYPED_ACTIONS",
    "WARNINGS",
    "Action",
    "Compare",
    "ConditionBranch",
    "CreateTask",
    "DisconnectParticipant",
    "EndFlowExecution",
    "ErrorBranch",
    "Flow",
    "FlowProblem",
    "FlowReference",
    "FlowValidationError",
    "GenericAction",
    "MessageParticipant",
    "TransferContactToQueue",
    "Transitions",
    "UpdateContactAttributes",
    "UpdateContactTargetQueue",
    "UpdateFlowLoggingBehavior",
    "flow_from_dict",
    "flow_problems",
    "flow_to_dict",
    "identifier_for",
    "parse_flow",
    "task_creating_flow",
    "task_routing_flow",
    "validate_flow_dict",
]
