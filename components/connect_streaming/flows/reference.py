"""What the Amazon Connect Flow language reference states, in one place, each fact with its page.

Every limit, error name, operator and per-action rule the validator enforces is defined here
and nowhere else; the model, the validator, the builders, the component config and the policy
pack import it. Pages are under https://docs.aws.amazon.com/connect/latest/APIReference/
(the same text is in the Administrator Guide, "Amazon Connect Flow language"). Only what the
reference states is encoded: an action type it does not describe here is judged on the shared
rules only (identifiers, transitions, operators), never guessed at.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

DOCS: Final = "https://docs.aws.amazon.com/connect/latest/APIReference/"

# --- the flow document: flow-language-example.html ---------------------------------------------
FLOW_VERSION: Final = "2019-10-30"
"""'Currently the only supported version is 2019-10-30' (flow-language-example.html)."""
MAX_ACTIONS: Final = 250
"""'A single Flow may have no more than 250 Actions defined' (flow-language-example.html)."""
MAX_CONTENT_CHARS: Final = 256_000
"""CreateContactFlow/UpdateContactFlowContent ``Content``: 'Maximum length of 256000'. Stated
only in the botocore model's documentation string (its metadata carries no max)."""

# --- identifiers: flow-language-actions.html ----------------------------------------------------
MAX_IDENTIFIER_CHARS: Final = 50
"""'This Identifier can be up to 50 characters long' (flow-language-actions.html)."""
ILLEGAL_IDENTIFIER_CHARS: Final = frozenset("%:(\\/)=$,;[]{}")
"""'The following characters are not allowed in the Identifier field' (same page)."""
RESERVED_IDENTIFIERS: Final = frozenset(
    {
        "__proto__",
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "toString",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "valueOf",
    }
)
"""'The following strings are not allowed in the Identifier field' (same page)."""

# --- transitions: flow-language-actions.html ----------------------------------------------------
# The page says the Transitions object "must have" NextAction, Errors and Conditions, yet also
# that terminal actions carry {} and AWS's own exports leave out empty Errors/Conditions lists;
# so only a non-terminal action's NextAction is required (rules.py), the lists are optional.
NO_MATCHING_ERROR: Final = "NoMatchingError"
NO_MATCHING_CONDITION: Final = "NoMatchingCondition"
QUEUE_AT_CAPACITY: Final = "QueueAtCapacity"
CONDITION_OPERATORS: Final = frozenset(
    {
        "Equals",
        "TextStartsWith",
        "TextEndsWith",
        "TextContains",
        "NumberGreaterThan",
        "NumberGreaterOrEqualTo",
        "NumberLessThan",
        "NumberLessOrEqualTo",
    }
)
"""'List of Operators': each takes one String operand (flow-language-actions.html)."""
OPERANDS_PER_OPERATOR: Final = 1
"""Every listed operator: 'Operand type: String, Operand count: One' (same page)."""

# --- CreateTask: createtask.html ----------------------------------------------------------------
MAX_DELAY_SECONDS: Final = 518_400
"""CreateTask DelaySeconds: 'The integer value between 1 and 518400 (6 days)' (createtask.html)."""
CREATION_REFERENCE_TYPES: Final = ("URL", "NUMBER", "STRING", "DATE", "EMAIL")
"""'Tasks can have the following reference types at the time of creation: URL | NUMBER | STRING |
DATE | EMAIL. ATTACHMENT is not a supported reference type during task creation' (the botocore
model's StartTaskContact References documentation)."""

# --- MessageParticipant Media: participant-actions-messageparticipant.html ---------------------
MEDIA_CHOICES: Final[Mapping[str, frozenset[str]]] = {
    "SourceType": frozenset({"S3"}),  # 'The only supported type is S3'
    "MediaType": frozenset({"Audio"}),  # 'The only supported type is Audio'
}

# --- flow types: the botocore model's ContactFlowType, grouped as the reference names them ----
CONTACT_FLOW: Final = "CONTACT_FLOW"
EXPORT_FLOW_TYPES: Final[Mapping[str, str]] = {
    "contactFlow": CONTACT_FLOW,
    "customerQueue": "CUSTOMER_QUEUE",
    "customerHold": "CUSTOMER_HOLD",
    "customerWhisper": "CUSTOMER_WHISPER",
    "agentHold": "AGENT_HOLD",
    "agentWhisper": "AGENT_WHISPER",
    "outboundWhisper": "OUTBOUND_WHISPER",
    "agentTransfer": "AGENT_TRANSFER",
    "queueTransfer": "QUEUE_TRANSFER",
    "campaign": "CAMPAIGN",
}
"""A console export's ``Metadata.type`` -> its ContactFlowType (obs: exports carry the former;
the reference does not describe Metadata)."""
_INBOUND = frozenset({CONTACT_FLOW})
_TRANSFER = frozenset({"AGENT_TRANSFER", "QUEUE_TRANSFER"})
_WHISPER = frozenset({"CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER"})
_CUSTOMER_QUEUE = frozenset({"CUSTOMER_QUEUE"})
_HOLD = frozenset({"CUSTOMER_HOLD", "AGENT_HOLD"})


@functools.cache
def flow_types() -> frozenset[str]:
    """The ContactFlowType values of the installed botocore Connect model (read, not retyped)."""
    import botocore.session  # deferred: importing the flows package stays cheap

    model = botocore.session.get_session().get_service_model("connect")
    return frozenset(getattr(model.shape_for("ContactFlowType"), "enum", None) or ())


@dataclass(frozen=True)
class ActionSpec:
    """One action's page of the reference: parameters, errors, conditions, flow types."""

    page: str
    parameters: frozenset[str] = frozenset()
    """Every key its Parameter object lists (empty: 'No parameters are expected' / ``{ }``)."""
    required: frozenset[str] = frozenset()
    """Keys the Parameter object lists without '[Optional]' (and AWS's exports always carry)."""
    exclusive: tuple[tuple[frozenset[str], str], ...] = ()
    """Groups of keys of which at most one may be set ('may not be specified if ...'), each with
    the rule id a breach is reported under."""
    single_path: frozenset[str] = frozenset()
    """'Fully static or a single valid JSONPath identifier'."""
    path_only: frozenset[str] = frozenset()
    """'Any single JSONPath identifier'."""
    static: frozenset[str] = frozenset()
    """'Must be defined statically'."""
    choices: Mapping[str, frozenset[str]] = field(default_factory=dict)
    errors: frozenset[str] = frozenset()
    conditions: bool = False
    terminal: bool = False
    flow_types: frozenset[str] | None = None
    """Flow types the action is available in; None: 'every type of flow'."""


ACTIONS: Final[Mapping[str, ActionSpec]] = {
    "UpdateContactTargetQueue": ActionSpec(
        page=DOCS + "contact-actions-updatecontacttargetqueue.html",
        parameters=frozenset({"QueueId", "AgentId"}),
        exclusive=((frozenset({"QueueId", "AgentId"}), "exclusive-parameters"),),
        single_path=frozenset({"QueueId", "AgentId"}),
        errors=frozenset({NO_MATCHING_ERROR}),
        flow_types=_INBOUND | _TRANSFER,
    ),
    "TransferContactToQueue": ActionSpec(
        page=DOCS + "contact-actions-transfercontacttoqueue.html",
        errors=frozenset({QUEUE_AT_CAPACITY, NO_MATCHING_ERROR}),
        flow_types=_INBOUND | _TRANSFER,
    ),
    "DisconnectParticipant": ActionSpec(
        page=DOCS + "participant-actions-disconnectparticipant.html",
        terminal=True,
        flow_types=_INBOUND | _TRANSFER | _CUSTOMER_QUEUE,
    ),
    "EndFlowExecution": ActionSpec(
        page=DOCS + "flow-control-actions-endflowexecution.html",
        terminal=True,
        flow_types=_WHISPER | _CUSTOMER_QUEUE,
    ),
    "MessageParticipant": ActionSpec(
        page=DOCS + "participant-actions-messageparticipant.html",
        parameters=frozenset({"PromptId", "Text", "SSML", "Media"}),
        exclusive=((frozenset({"PromptId", "Text", "SSML"}), "exclusive-parameters"),),
        single_path=frozenset({"PromptId"}),
        errors=frozenset({NO_MATCHING_ERROR}),
        flow_types=_INBOUND | _TRANSFER | _WHISPER | _CUSTOMER_QUEUE,
    ),
    "UpdateContactAttributes": ActionSpec(
        page=DOCS + "contact-actions-updatecontactattributes.html",
        parameters=frozenset({"Attributes", "TargetContact"}),
        # The page marks neither key [Optional], yet AWS's own exported flows (the step-by-step
        # guides samples) leave TargetContact out: only Attributes is held required.
        required=frozenset({"Attributes"}),
        static=frozenset({"TargetContact"}),
        choices={"TargetContact": frozenset({"Current", "Related"})},
        errors=frozenset({NO_MATCHING_ERROR}),
    ),
    "Compare": ActionSpec(
        page=DOCS + "flow-control-actions-compare.html",
        parameters=frozenset({"ComparisonValue"}),
        required=frozenset({"ComparisonValue"}),
        path_only=frozenset({"ComparisonValue"}),
        errors=frozenset({NO_MATCHING_CONDITION}),
        conditions=True,
    ),
    "CreateTask": ActionSpec(
        page=DOCS + "createtask.html",
        parameters=frozenset(
            {
                "ContactFlowId",
                "Attributes",
                "Name",
                "Description",
                "References",
                "DelaySeconds",
                "ScheduledTime",
                "TaskTemplateId",
            }
        ),
        required=frozenset({"ContactFlowId", "Name"}),
        exclusive=((frozenset({"DelaySeconds", "ScheduledTime"}), "delay-and-scheduled-time"),),
        single_path=frozenset({"ContactFlowId"}),
        static=frozenset({"TaskTemplateId"}),
        errors=frozenset({NO_MATCHING_ERROR}),
    ),
    "UpdateFlowLoggingBehavior": ActionSpec(
        page=DOCS + "flow-control-actions-updateflowloggingbehavior.html",
        parameters=frozenset({"FlowLoggingBehavior"}),
        required=frozenset({"FlowLoggingBehavior"}),
        static=frozenset({"FlowLoggingBehavior"}),  # 'Dynamic values are not supported'
        choices={"FlowLoggingBehavior": frozenset({"Enabled", "Disabled"})},
    ),
}
"""The action types the builder emits or parses into typed classes, one reference page each."""

# --- errors of the actions not modelled above: each page's "Errors" section --------------------
# Read from the reference pages (the Administrator Guide's sources, awsdocs/amazon-connect-admin-
# guide @ 9342a9b, doc_source/<page>.md). Only errors a page lists without a condition: those it
# ties to a parameter (GetParticipantInput's InvalidPhoneNumber "only if StoreInput is true",
# CheckMetricData's NoMatchingCondition for two metric types, TransferParticipantToThirdParty's
# CallFailed "only when ContinueFlowExecution is True") are left out rather than guessed at.
_OTHER_ERRORS: Final[Mapping[str, tuple[str, frozenset[str]]]] = {
    kind: (DOCS + page + ".html", frozenset(errors))
    for kind, page, errors in (
        (
            "DequeueContactAndTransferToQueue",
            "contact-actions-dequeuecontactandtransfertoqueue",
            (QUEUE_AT_CAPACITY, NO_MATCHING_ERROR),
        ),
        (
            "UpdateContactCallbackNumber",
            "contact-actions-updatecontactcallbacknumber",
            ("InvalidCallbackNumber", "CallbackNumberNotDialable"),
        ),
        (
            "UpdateContactEventHooks",
            "contact-actions-updatecontacteventhooks",
            (NO_MATCHING_ERROR,),
        ),
        (
            "UpdateContactMediaStreamingBehavior",
            "contact-actions-updatecontactmediastreamingbehavior",
            (NO_MATCHING_ERROR,),
        ),
        (
            "UpdatePreviousContactParticipantState",
            "contact-actions-updatepreviouscontactparticipantstate",
            (NO_MATCHING_ERROR,),
        ),
        (
            "CheckHoursOfOperation",
            "flow-control-actions-checkhoursofoperation",
            (NO_MATCHING_ERROR,),
        ),
        ("CheckMetricData", "flow-control-actions-checkmetricdata", (NO_MATCHING_ERROR,)),
        (
            "CheckOutboundCallStatus",
            "flow-control-actions-checkoutboundcallstatus",
            (NO_MATCHING_ERROR,),
        ),
        ("CheckVoiceId", "flow-control-actions-checkvoiceid", (NO_MATCHING_ERROR,)),
        (
            "DistributeByPercentage",
            "flow-control-actions-distributebypercentage",
            (NO_MATCHING_CONDITION,),
        ),
        ("GetMetricData", "flow-control-actions-getmetricdata", (NO_MATCHING_ERROR,)),
        ("StartVoiceIdStream", "flow-control-actions-startvoiceidstream", (NO_MATCHING_ERROR,)),
        ("TransferToFlow", "flow-control-actions-transfertoflow", (NO_MATCHING_ERROR,)),
        ("Wait", "flow-control-actions-wait", (NO_MATCHING_ERROR,)),
        ("CreateCallbackContact", "interactions-createcallbackcontact", (NO_MATCHING_ERROR,)),
        ("CreateCustomerProfile", "interactions-createcustomerprofile", (NO_MATCHING_ERROR,)),
        (
            "GetCustomerProfile",
            "interactions-getcustomerprofile",
            ("MultipleFoundError", "NoneFoundError", NO_MATCHING_ERROR),
        ),
        ("InvokeLambdaFunction", "interactions-invokelambdafunction", (NO_MATCHING_ERROR,)),
        ("UpdateCustomerProfile", "interactions-updatecustomerprofile", (NO_MATCHING_ERROR,)),
        (
            "ConnectParticipantWithLexBot",
            "participant-actions-connectparticipantwithlexbot",
            (NO_MATCHING_CONDITION, NO_MATCHING_ERROR),
        ),
        ("GetParticipantInput", "participant-actions-getparticipantinput", (NO_MATCHING_ERROR,)),
        (
            "MessageParticipantIteratively",
            "participant-actions-messageparticipantiteratively",
            (NO_MATCHING_ERROR,),
        ),
        (
            "TransferParticipantToThirdParty",
            "participant-actions-transferparticipanttothirdparty",
            (NO_MATCHING_ERROR,),
        ),
    )
}

DOCUMENTED_ERRORS: Final[Mapping[str, tuple[str, frozenset[str]]]] = {
    **_OTHER_ERRORS,
    **{kind: (spec.page, spec.errors) for kind, spec in ACTIONS.items() if spec.errors},
}
"""Action type -> (its reference page, the errors the page documents): the branches a flow
should have for each (the ``unhandled-error`` warning)."""

LOGGING_ACTION: Final = "UpdateFlowLoggingBehavior"
LOGGING_PARAMETER: Final = "FlowLoggingBehavior"
"""'Enables or disables flow logging ... this same behavior remains unless it is overridden for
the rest of the contact segment' (flow-control-actions-updateflowloggingbehavior.html)."""

TERMINAL_TYPES: Final = frozenset(kind for kind, spec in ACTIONS.items() if spec.terminal)

# --- the console's block names: each page's "Corresponding block in the UI" -------------------
BLOCK_NAMES: Final[Mapping[str, str]] = {
    "CompleteOutboundCall": "Call phone number",
    "DequeueContactAndTransferToQueue": "Transfer to flow",
    "TransferContactToAgent": "Transfer to agent",
    "TransferContactToQueue": "Transfer to queue",
    "UpdateContactAttributes": "Set contact attributes",
    "UpdateContactCallbackNumber": "Set callback number",
    "UpdateContactEventHooks": "Set event flow",
    "UpdateContactMediaStreamingBehavior": "Start/stop media streaming",
    "UpdateContactRecordingBehavior": "Set recording and analytics behavior",
    "UpdateContactRoutingBehavior": "Change routing priority / age",
    # The page once said "Set customer queue flow"; the block that sets it is "Set working queue".
    "UpdateContactTargetQueue": "Set working queue",
    "UpdateContactTextToSpeechVoice": "Set voice",
    "UpdatePreviousContactParticipantState": "Hold customer or agent",
    "CheckHoursOfOperation": "Check hours of operation",
    "CheckOutboundCallStatus": "Check call progress",
    "CheckVoiceId": "Check Voice ID",
    "Compare": "Check contact attributes",
    "DistributeByPercentage": "Distribute by percentage",
    "EndFlowExecution": "End flow / Resume",
    "GetMetricData": "Get queue metrics",
    "Loop": "Loop",
    "StartVoiceIdStream": "Set Voice ID",
    "TransferToFlow": "Transfer to flow",
    "UpdateFlowLoggingBehavior": "Set logging behavior",
    "Wait": "Wait",
    "CreateCallbackContact": "Set callback number",
    "CreateCustomerProfile": "Customer profiles",
    "GetCustomerProfile": "Customer profiles",
    "UpdateCustomerProfile": "Customer profiles",
    "InvokeLambdaFunction": "Invoke AWS Lambda function",
    "ConnectParticipantWithLexBot": "Get customer input",
    "DisconnectParticipant": "Disconnect / hang up",
    "GetParticipantInput": "Get customer input",
    "MessageParticipant": "Play prompt",
    "MessageParticipantIteratively": "Loop prompts",
    "TransferParticipantToThirdParty": "Transfer to phone number",
    "CreateTask": "Create task",
}
"""Action type -> the flow designer's block for it, as each action's page names it (the
Administrator Guide's sources at awsdocs/amazon-connect-admin-guide @ 9342a9b; createtask.html)."""
