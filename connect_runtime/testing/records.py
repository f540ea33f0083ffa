"""The records the local endpoint's state holds: instances, queues, routing profiles, agents,
flows, task templates, quick connects, contacts, chat items and streams."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

__all__ = [
    "AGENT_AVAILABLE",
    "AGENT_ERROR",
    "AGENT_OFFLINE",
    "CONTACT_STATES",
    "DEFAULT_CONCURRENCY",
    "HANDLING_STATES",
    "INITIATION_METHODS",
    "Agent",
    "ChatItem",
    "Contact",
    "Flow",
    "Instance",
    "Queue",
    "QuickConnect",
    "RoutingProfile",
    "Stream",
    "TaskTemplate",
    "When",
]


AGENT_AVAILABLE: Final = "Available"


AGENT_OFFLINE: Final = "Offline"


AGENT_ERROR: Final = "Error"
"""Agent statuses with a meaning; any other status name is a custom (non-productive) one."""


CONTACT_STATES: Final = ("IN_FLOW", "QUEUED", "SCHEDULED", "CONNECTED", "ON_HOLD", "ACW", "ENDED")
"""IN_FLOW: in a flow, not queued. SCHEDULED: a callback waiting for its time. ACW: the
customer left and the agent is in after-contact work. ENDED: gone."""


HANDLING_STATES: Final = frozenset({"CONNECTED", "ON_HOLD", "ACW"})


INITIATION_METHODS: Final = ("INBOUND", "OUTBOUND", "TRANSFER", "QUEUE_TRANSFER", "CALLBACK", "API")


DEFAULT_CONCURRENCY: Final[Mapping[str, int]] = {"VOICE": 1, "CHAT": 2, "TASK": 1}


When = datetime | float | int
"""A timestamp: an aware datetime, or a number of seconds before the clock's now."""


@dataclass
class Instance:
    """An Amazon Connect instance (its ARN is built from account and Region)."""

    id: str
    alias: str = "local"
    account_id: str = "123456789012"
    region: str = "us-east-1"
    max_active_tasks: int = 2500
    """Concurrent active tasks allowed (the default service quota); beyond it,
    StartTaskContact answers ServiceQuotaExceededException."""

    @property
    def arn(self) -> str:
        return f"arn:aws:connect:{self.region}:{self.account_id}:instance/{self.id}"


@dataclass
class Queue:
    """A queue; ``queue_type`` is STANDARD or AGENT."""

    id: str
    arn: str
    name: str = ""
    queue_type: str = "STANDARD"


@dataclass
class RoutingProfile:
    """Which queues an agent serves, and how many contacts per channel at once."""

    id: str
    arn: str
    name: str = ""
    queues: tuple[str, ...] = ()
    concurrency: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CONCURRENCY))


@dataclass
class Agent:
    """An agent with a status (Available, Offline, Error or a custom status name)."""

    id: str
    arn: str
    routing_profile: str
    status: str = AGENT_AVAILABLE
    online_since: datetime | None = None
    """Login time, for OCCUPANCY; None when Offline."""


@dataclass
class Flow:
    """A contact flow; tasks started through it join ``queue`` (None: they stay in the flow)."""

    id: str
    arn: str
    name: str = ""
    queue: str | None = None


@dataclass
class TaskTemplate:
    """A task template; ``flow`` is the flow it runs (None: it cannot start a task alone)."""

    id: str
    arn: str
    name: str = ""
    flow: str | None = None


@dataclass
class QuickConnect:
    """A quick connect: the flow its tasks run and, for queue quick connects, their queue."""

    id: str
    arn: str
    flow: str
    name: str = ""
    queue: str | None = None


@dataclass(frozen=True)
class ChatItem:
    """One chat message or event, as Amazon Connect streams it."""

    id: str
    contact_id: str
    initial_contact_id: str
    type: str
    content_type: str
    content: str | None
    participant_role: str
    participant_id: str
    display_name: str
    visibility: str
    absolute_time: datetime
    attachments: tuple[Mapping[str, str], ...] = ()
    """ATTACHMENT items: ``{ContentType, AttachmentId, AttachmentName, Status}`` each."""

    def body(self) -> dict[str, Any]:
        """The SNS message body (the chat item as JSON)."""
        body: dict[str, Any] = {
            "AbsoluteTime": _iso(self.absolute_time),
            "ContentType": self.content_type,
            "Id": self.id,
            "Type": self.type,
            "ParticipantId": self.participant_id,
            "DisplayName": self.display_name,
            "ParticipantRole": self.participant_role,
            "InitialContactId": self.initial_contact_id,
            "ContactId": self.contact_id,
        }
        if self.content is not None:
            body["Content"] = self.content
        if self.attachments:
            body["Attachments"] = [dict(item) for item in self.attachments]
        return body


@dataclass
class Contact:
    """A contact and the timestamps the metrics are computed from.

    Historical metrics read the timestamps (enqueued, connected to an agent, ended) and the
    flags; real-time metrics read ``state``. Durations are seconds.
    """

    id: str
    arn: str
    channel: str
    state: str = "QUEUED"
    queue: str | None = None
    agent: str | None = None
    initiation_method: str = "INBOUND"
    initiated_at: datetime | None = None
    enqueued_at: datetime | None = None
    connected_at: datetime | None = None
    ended_at: datetime | None = None
    scheduled_at: datetime | None = None
    hold_seconds: float = 0.0
    acw_seconds: float = 0.0
    disconnect_reason: str | None = None
    """e.g. CUSTOMER_DISCONNECT, AGENT_DISCONNECT (CONTACTS_AGENT_HUNG_UP_FIRST)."""
    transferred_out: str | None = None
    """AGENT or QUEUE: how the contact was transferred out, if it was."""
    consulted: bool = False
    hold_abandoned: bool = False
    missed: int = 0
    """How many times an agent missed it (CONTACTS_MISSED)."""
    initial_contact_id: str | None = None
    previous_contact_id: str | None = None
    name: str | None = None
    description: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    references: dict[str, dict[str, str]] = field(default_factory=dict)
    flow_id: str | None = None
    client_token: str | None = None
    transcript: list[ChatItem] = field(default_factory=list)
    related_contact_id: str | None = None
    task_template_id: str | None = None
    quick_connect_id: str | None = None
    segment_attributes: dict[str, Any] = field(default_factory=dict)
    attachments: list[dict[str, str]] = field(default_factory=list)
    participants: dict[str, str] = field(default_factory=dict)
    """Participant IDs (UUIDs, as the service uses) by role, or by agent ID for agents."""
    display_names: dict[str, str] = field(default_factory=dict)
    """Chat display names by the same keys (StartChatContact's ParticipantDetails)."""

    @property
    def ended(self) -> bool:
        """The customer has left (ACW or ENDED): nothing more to stream."""
        return self.state in ("ACW", "ENDED")


@dataclass
class Stream:
    """A streaming configuration: one contact's chat items published to one SNS topic."""

    id: str
    contact_id: str
    endpoint_arn: str
    client_token: str | None
    started_at: datetime
    stopped_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.stopped_at is None


def _iso(when: datetime) -> str:
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")
