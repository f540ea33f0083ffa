"""What the local endpoint knows: instances, queues, routing profiles, agents, flows, contacts.

Seed it here or from a file (:mod:`~connect_runtime.testing.seed`); every method is thread-safe.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from connect_runtime import _model
from connect_runtime.errors import InvalidArgumentError
from connect_runtime.metrics.catalogue import CHANNELS
from connect_runtime.streaming.consumer import VISIBILITIES
from connect_runtime.testing import records
from connect_runtime.testing.clock import Clock, system_clock
from connect_runtime.testing.records import *  # noqa: F403  # re-exported, as before
from connect_runtime.testing.records import (
    AGENT_AVAILABLE,
    AGENT_OFFLINE,
    CONTACT_STATES,
    DEFAULT_CONCURRENCY,
    HANDLING_STATES,
    INITIATION_METHODS,
    Agent,
    ChatItem,
    Contact,
    Flow,
    Instance,
    Queue,
    QuickConnect,
    RoutingProfile,
    Stream,
    TaskTemplate,
    When,
)
from connect_runtime.testing.sns import Publisher, RecordingPublisher

__all__ = ["CHANNELS", "ConnectState", "InstanceState"]
__all__ += records.__all__


class ConnectState:
    """Every instance the endpoint serves, one clock and one publisher for streamed chats.

    Example:
        >>> state = ConnectState()
        >>> instance = state.add_instance("inst-1")
        >>> instance.add_queue("q-1", name="Support").arn
        'arn:aws:connect:us-east-1:123456789012:instance/inst-1/queue/q-1'
        >>> instance.add_contact("chat-1", channel="CHAT", queue="q-1", enqueued_at=30).state
        'QUEUED'
    """

    def __init__(self, *, clock: Clock | None = None, publisher: Publisher | None = None) -> None:
        self.clock: Clock = clock or system_clock
        self.publisher: Publisher = publisher or RecordingPublisher()
        self.lock = threading.RLock()
        self.instances: dict[str, InstanceState] = {}

    def now(self) -> datetime:
        """The state's clock."""
        return self.clock()

    def add_instance(
        self,
        instance_id: str,
        *,
        alias: str = "local",
        account_id: str = "123456789012",
        region: str = "us-east-1",
        max_active_tasks: int = 2500,
    ) -> InstanceState:
        """Add an instance; returns the object to seed it through."""
        with self.lock:
            if instance_id in self.instances:
                raise InvalidArgumentError(f"instance {instance_id!r} exists already")
            instance = Instance(instance_id, alias, account_id, region, max_active_tasks)
            self.instances[instance_id] = InstanceState(self, instance)
            return self.instances[instance_id]

    def __getitem__(self, instance_id: str) -> InstanceState:
        return self.instances[instance_id]

    def __iter__(self) -> Iterator[InstanceState]:
        return iter(list(self.instances.values()))


class InstanceState:
    """One instance and everything in it; seed it with the ``add_*`` methods."""

    def __init__(self, state: ConnectState, instance: Instance) -> None:
        self.state = state
        self.instance = instance
        self.queues: dict[str, Queue] = {}
        self.routing_profiles: dict[str, RoutingProfile] = {}
        self.agents: dict[str, Agent] = {}
        self.flows: dict[str, Flow] = {}
        self.task_templates: dict[str, TaskTemplate] = {}
        self.quick_connects: dict[str, QuickConnect] = {}
        self.scheduled_tasks: set[str] = set()
        """IDs of tasks waiting for their ScheduledTime (kept so each request stays cheap)."""
        self.contacts: dict[str, Contact] = {}
        self.streams: dict[str, Stream] = {}
        # Indexes that keep a 5,000-queue metrics sweep cheap.
        self.contacts_by_queue: dict[str | None, list[Contact]] = {}
        self.agents_by_profile: dict[str, list[Agent]] = {}
        self.contacts_by_agent: dict[str, list[Contact]] = {}
        self.profiles_by_queue: dict[str, list[RoutingProfile]] = {}
        self.idempotency: dict[tuple[str, str], tuple[str, str]] = {}
        """(operation, ClientToken) -> (request fingerprint, the answer's ID)."""

    @property
    def id(self) -> str:
        return self.instance.id

    def _arn(self, kind: str, item_id: str) -> str:
        return f"{self.instance.arn}/{kind}/{item_id}"

    def _when(self, value: When | None) -> datetime | None:
        if value is None or isinstance(value, datetime):
            if isinstance(value, datetime) and (value.tzinfo is None or value.utcoffset() is None):
                raise InvalidArgumentError(f"timestamps must be timezone-aware, got {value!r}")
            return value
        return self.state.now() - timedelta(seconds=float(value))

    # --- seeding ------------------------------------------------------------------------

    def add_queue(self, queue_id: str, *, name: str = "", queue_type: str = "STANDARD") -> Queue:
        """Add a queue."""
        if queue_type not in _model.named_enum("QueueType"):
            raise InvalidArgumentError(f"queue_type must be STANDARD or AGENT, got {queue_type!r}")
        with self.state.lock:
            _unique(self.queues, queue_id, "queue")
            queue = Queue(queue_id, self._arn("queue", queue_id), name or queue_id, queue_type)
            self.queues[queue_id] = queue
            return queue

    def add_routing_profile(
        self,
        profile_id: str,
        *,
        queues: Iterable[str],
        name: str = "",
        concurrency: Mapping[str, int] | None = None,
    ) -> RoutingProfile:
        """Add a routing profile serving ``queues`` with per-channel ``concurrency``."""
        with self.state.lock:
            _unique(self.routing_profiles, profile_id, "routing profile")
            queue_ids = tuple(queues)
            for queue_id in queue_ids:
                self._need(self.queues, queue_id, "queue")
            slots = dict(DEFAULT_CONCURRENCY if concurrency is None else concurrency)
            for channel, count in slots.items():
                if channel not in CHANNELS or count < 0:
                    raise InvalidArgumentError(
                        f"concurrency needs channels {CHANNELS} and counts >= 0"
                    )
            profile = RoutingProfile(
                profile_id,
                self._arn("routing-profile", profile_id),
                name or profile_id,
                queue_ids,
                slots,
            )
            self.routing_profiles[profile_id] = profile
            for queue_id in queue_ids:
                self.profiles_by_queue.setdefault(queue_id, []).append(profile)
            return profile

    def add_agent(
        self,
        agent_id: str,
        *,
        routing_profile: str,
        status: str = AGENT_AVAILABLE,
        online_since: When | None = None,
    ) -> Agent:
        """Add an agent; ``online_since`` defaults to now unless the agent is Offline."""
        with self.state.lock:
            _unique(self.agents, agent_id, "agent")
            self._need(self.routing_profiles, routing_profile, "routing profile")
            since = self._when(online_since)
            if since is None and status != AGENT_OFFLINE:
                since = self.state.now()
            agent = Agent(agent_id, self._arn("agent", agent_id), routing_profile, status, since)
            self.agents[agent_id] = agent
            self.agents_by_profile.setdefault(routing_profile, []).append(agent)
            return agent

    def add_flow(self, flow_id: str, *, name: str = "", queue: str | None = None) -> Flow:
        """Add a contact flow; tasks started through it are queued on ``queue``."""
        with self.state.lock:
            _unique(self.flows, flow_id, "flow")
            if queue is not None:
                self._need(self.queues, queue, "queue")
            flow = Flow(flow_id, self._arn("contact-flow", flow_id), name or flow_id, queue)
            self.flows[flow_id] = flow
            return flow

    def add_task_template(
        self, template_id: str, *, name: str = "", flow: str | None = None
    ) -> TaskTemplate:
        """Add a task template; with ``flow`` a task can be started from the template alone."""
        with self.state.lock:
            _unique(self.task_templates, template_id, "task template")
            if flow is not None:
                self._need(self.flows, flow, "flow")
            template = TaskTemplate(
                template_id, self._arn("task-template", template_id), name or template_id, flow
            )
            self.task_templates[template_id] = template
            return template

    def add_quick_connect(
        self, quick_connect_id: str, *, flow: str, name: str = "", queue: str | None = None
    ) -> QuickConnect:
        """Add a quick connect whose tasks run ``flow`` (and join ``queue`` when given)."""
        with self.state.lock:
            _unique(self.quick_connects, quick_connect_id, "quick connect")
            self._need(self.flows, flow, "flow")
            if queue is not None:
                self._need(self.queues, queue, "queue")
            quick = QuickConnect(
                quick_connect_id,
                self._arn("transfer-destination", quick_connect_id),
                flow,
                name or quick_connect_id,
                queue,
            )
            self.quick_connects[quick_connect_id] = quick
            return quick

    def start_due_tasks(self) -> list[Contact]:
        """Start every scheduled task whose time has come (by the state's clock); return them.

        The endpoint calls this before each request, so scheduled tasks start on time.
        """
        if not self.scheduled_tasks:
            return []
        now = self.state.now()
        started = []
        with self.state.lock:
            for contact_id in sorted(self.scheduled_tasks):
                contact = self.contacts[contact_id]
                due = contact.scheduled_at
                if contact.state != "SCHEDULED":
                    self.scheduled_tasks.discard(contact_id)  # ended or changed meanwhile
                elif due is not None and due <= now:
                    contact.state = "QUEUED" if contact.queue else "IN_FLOW"
                    contact.enqueued_at = due if contact.queue else None
                    self.scheduled_tasks.discard(contact_id)
                    started.append(contact)
        return started

    def add_contact(
        self,
        contact_id: str | None = None,
        *,
        channel: str,
        state: str = "QUEUED",
        queue: str | None = None,
        agent: str | None = None,
        initiation_method: str = "INBOUND",
        initiated_at: When | None = None,
        enqueued_at: When | None = None,
        connected_at: When | None = None,
        ended_at: When | None = None,
        scheduled_at: When | None = None,
        **details: Any,
    ) -> Contact:
        """Add a contact; timestamps a state implies default to now.

        ``details`` sets the other :class:`Contact` fields (``hold_seconds``, ``acw_seconds``,
        ``disconnect_reason``, ``transferred_out``, ``missed``, ``attributes`` ...).
        """
        _check_contact(channel, state, initiation_method, details)
        with self.state.lock:
            contact_id = contact_id or str(uuid.uuid4())
            _unique(self.contacts, contact_id, "contact")
            if queue is not None:
                self._need(self.queues, queue, "queue")
            if agent is not None:
                self._need(self.agents, agent, "agent")
            now = self.state.now()
            enqueued = self._when(enqueued_at)
            connected = self._when(connected_at)
            ended = self._when(ended_at)
            if state == "QUEUED" and enqueued is None:
                enqueued = now
            if state in HANDLING_STATES and connected is None:
                connected = now
            if state in ("ACW", "ENDED") and ended is None:
                ended = now
            initiated = self._when(initiated_at) or enqueued or connected or now
            contact = Contact(
                id=contact_id,
                arn=self._arn("contact", contact_id),
                channel=channel,
                state=state,
                queue=queue,
                agent=agent,
                initiation_method=initiation_method,
                initiated_at=initiated,
                enqueued_at=enqueued,
                connected_at=connected,
                ended_at=ended,
                scheduled_at=self._when(scheduled_at),
                **details,
            )
            if contact.initial_contact_id is None:
                contact.initial_contact_id = contact_id
            self.store_contact(contact)
            return contact

    def store_contact(self, contact: Contact) -> None:
        """Add a contact built elsewhere (the service's new tasks) and index it."""
        with self.state.lock:
            self.contacts[contact.id] = contact
            if contact.channel == "TASK" and contact.state == "SCHEDULED":
                self.scheduled_tasks.add(contact.id)
            self.contacts_by_queue.setdefault(contact.queue, []).append(contact)
            if contact.agent is not None:
                self.contacts_by_agent.setdefault(contact.agent, []).append(contact)

    def _need(self, table: Mapping[str, object], key: str, kind: str) -> None:
        if key not in table:
            raise InvalidArgumentError(f"no {kind} {key!r} in instance {self.id!r}")

    # --- live changes -------------------------------------------------------------------

    def set_agent_status(self, agent_id: str, status: str) -> None:
        """Change an agent's status (going online starts their OCCUPANCY clock)."""
        with self.state.lock:
            agent = self.agents[agent_id]
            if status == AGENT_OFFLINE:
                agent.online_since = None
            elif agent.online_since is None:
                agent.online_since = self.state.now()
            agent.status = status

    def post_message(
        self,
        contact_id: str,
        content: str,
        *,
        role: str = "CUSTOMER",
        visibility: str = "ALL",
        content_type: str = "text/plain",
        display_name: str | None = None,
    ) -> ChatItem:
        """Post a chat message to a live chat; streams publish it. Returns the chat item."""
        return self._post(
            contact_id, "MESSAGE", content_type, content, role, visibility, display_name
        )

    def post_attachment(
        self,
        contact_id: str,
        file_name: str,
        content_type: str,
        *,
        role: str = "CUSTOMER",
        visibility: str = "ALL",
        status: str = "APPROVED",
    ) -> ChatItem:
        """Post a file to a live chat as an ATTACHMENT item (admin guide, "sns-payload").

        The item's ContentType is the file's MIME type; its ``Attachments`` list carries the
        file's ContentType, AttachmentId, AttachmentName and Status (APPROVED, REJECTED or
        IN_PROGRESS, the connectparticipant model's ArtifactStatus).
        """
        if status not in (statuses := _model.named_enum("ArtifactStatus")):
            raise InvalidArgumentError(f"status must be one of {statuses}, got {status!r}")
        attachment = {
            "ContentType": content_type,
            "AttachmentId": str(uuid.uuid4()),
            "AttachmentName": file_name,
            "Status": status,
        }
        return self._post(
            contact_id, "ATTACHMENT", content_type, None, role, visibility, None, (attachment,)
        )

    def post_event(
        self,
        contact_id: str,
        content_type: str,
        *,
        role: str = "CUSTOMER",
        visibility: str = "ALL",
        display_name: str | None = None,
    ) -> ChatItem:
        """Post a chat event, e.g. ``application/vnd.amazonaws.connect.event.typing``."""
        return self._post(contact_id, "EVENT", content_type, None, role, visibility, display_name)

    def _post(
        self,
        contact_id: str,
        item_type: str,
        content_type: str,
        content: str | None,
        role: str,
        visibility: str,
        display_name: str | None,
        attachments: tuple[Mapping[str, str], ...] = (),
    ) -> ChatItem:
        if role not in (roles := _model.named_enum("ContactParticipantRole")):
            raise InvalidArgumentError(f"role must be one of {roles}, got {role!r}")
        if visibility not in VISIBILITIES:
            raise InvalidArgumentError(
                f"visibility must be one of {VISIBILITIES}, got {visibility!r}"
            )
        with self.state.lock:
            contact = self.contacts[contact_id]
            if contact.channel != "CHAT" or contact.ended:
                raise InvalidArgumentError(f"contact {contact_id!r} is not a live chat")
            item = self._item(contact, item_type, content_type, content, role, visibility)
            if display_name is not None or attachments:
                name = item.display_name if display_name is None else display_name
                item = ChatItem(
                    **{**item.__dict__, "display_name": name, "attachments": attachments}
                )
            contact.transcript.append(item)
            self._publish(contact, item)
            return item

    def _item(
        self,
        contact: Contact,
        item_type: str,
        content_type: str,
        content: str | None,
        role: str,
        visibility: str,
    ) -> ChatItem:
        participant = contact.agent if role == "AGENT" and contact.agent else role
        return ChatItem(
            id=str(uuid.uuid4()),
            contact_id=contact.id,
            initial_contact_id=contact.initial_contact_id or contact.id,
            type=item_type,
            content_type=content_type,
            content=content,
            participant_role=role,
            participant_id=self.participant_id(contact, participant),
            display_name=contact.display_names.get(participant, role.title()),
            visibility=visibility,
            absolute_time=self.state.now(),
        )

    def participant_id(self, contact: Contact, participant: str) -> str:
        """The UUID a participant (a role, or an agent ID) has in one contact; stable."""
        with self.state.lock:
            return contact.participants.setdefault(participant, str(uuid.uuid4()))

    def _publish(self, contact: Contact, item: ChatItem) -> None:
        # The documented SNS message attributes (admin guide, "SNS payload").
        attributes = {
            "InitialContactId": item.initial_contact_id,
            "ContactId": item.contact_id,
            "ParticipantRole": item.participant_role,
            "InstanceId": self.id,
            "AccountId": self.instance.account_id,
            "Type": item.type,
            "ContentType": item.content_type,
            "MessageVisibility": item.visibility,
        }
        message = json.dumps(item.body(), separators=(",", ":"))
        for stream in self.streams.values():
            if stream.contact_id == contact.id and stream.active:
                self.state.publisher.publish(stream.endpoint_arn, message, attributes)

    def end_contact(self, contact_id: str, *, reason: str = "CUSTOMER_DISCONNECT") -> Contact:
        """End a contact now; a chat streams a chat-ended event, then its streams stop."""
        with self.state.lock:
            contact = self.contacts[contact_id]
            if contact.state == "ENDED":
                return contact
            if contact.channel == "CHAT" and not contact.ended:
                item = self._item(
                    contact,
                    "EVENT",
                    "application/vnd.amazonaws.connect.event.chat.ended",
                    None,
                    "SYSTEM",
                    "ALL",
                )
                contact.transcript.append(item)
                self._publish(contact, item)
            now = self.state.now()
            contact.ended_at = contact.ended_at or now
            contact.disconnect_reason = contact.disconnect_reason or reason
            contact.state = "ENDED"
            for stream in self.streams.values():
                if stream.contact_id == contact_id and stream.active:
                    stream.stopped_at = now
            return contact

    # --- queries --------------------------------------------------------------------------

    def active_streams(self, contact_id: str) -> list[Stream]:
        """The contact's streams that are publishing."""
        with self.state.lock:
            return [s for s in self.streams.values() if s.contact_id == contact_id and s.active]

    def tasks(self) -> list[Contact]:
        """Every task contact, in creation order."""
        with self.state.lock:
            return [c for c in self.contacts.values() if c.channel == "TASK"]


def _check_contact(
    channel: str, state: str, initiation_method: str, details: Mapping[str, object]
) -> None:
    if channel not in CHANNELS:
        raise InvalidArgumentError(f"channel must be one of {CHANNELS}, got {channel!r}")
    if state not in CONTACT_STATES:
        raise InvalidArgumentError(f"state must be one of {CONTACT_STATES}, got {state!r}")
    if initiation_method not in INITIATION_METHODS:
        raise InvalidArgumentError(f"initiation_method must be one of {INITIATION_METHODS}")
    unknown = set(details) - set(Contact.__dataclass_fields__)
    if unknown:
        raise InvalidArgumentError(f"unknown contact fields: {sorted(unknown)}")


def _unique(table: Mapping[str, object], key: str, kind: str) -> None:
    if not isinstance(key, str) or not key:
        raise InvalidArgumentError(f"a {kind} needs a non-empty string ID, got {key!r}")
    if key in table:
        raise InvalidArgumentError(f"{kind} {key!r} exists already")
