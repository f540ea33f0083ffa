"""Amazon Connect Flow Language builder: typed actions to validated, deterministic JSON.

Pure Python (no pulumi import), so flows are built, validated and property-tested anywhere;
the policy pack judges deployed flow content with the same :func:`flow_problems`.
"""

from connect_streaming.flows.builders import identifier_for, task_creating_flow, task_routing_flow
from connect_streaming.flows.model import (
    CREATION_REFERENCE_TYPES,
    FLOW_VERSION,
    MAX_DELAY_SECONDS,
    TYPED_ACTIONS,
    Action,
    Compare,
    ConditionBranch,
    CreateTask,
    DisconnectParticipant,
    EndFlowExecution,
    ErrorBranch,
    Flow,
    FlowReference,
    GenericAction,
    MessageParticipant,
    TransferContactToQueue,
    Transitions,
    UpdateContactAttributes,
    UpdateContactTargetQueue,
)
from connect_streaming.flows.serialize import flow_from_dict, flow_to_dict
from connect_streaming.flows.validation import (
    RULES,
    FlowProblem,
    FlowValidationError,
    flow_problems,
    parse_flow,
    validate_flow_dict,
)

__all__ = [
    "CREATION_REFERENCE_TYPES",
    "FLOW_VERSION",
    "MAX_DELAY_SECONDS",
    "RULES",
    "TYPED_ACTIONS",
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
    "flow_from_dict",
    "flow_problems",
    "flow_to_dict",
    "identifier_for",
    "parse_flow",
    "task_creating_flow",
    "task_routing_flow",
    "validate_flow_dict",
]
