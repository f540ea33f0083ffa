"""Metric values computed from the seeded state, by the admin guide's metric definitions.

Each definition is stated in :func:`current_rows` and :func:`historical_rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Final, Protocol

from connect_runtime.metrics.catalogue import CHANNELS
from connect_runtime.testing._wire import ServiceError
from connect_runtime.testing.records import (
    AGENT_AVAILABLE,
    AGENT_ERROR,
    AGENT_OFFLINE,
    HANDLING_STATES,
    Agent,
    Contact,
)
from connect_runtime.testing.state import InstanceState

__all__ = ["current_rows", "historical_rows"]

_INCOMING: Final = frozenset({"INBOUND", "TRANSFER", "QUEUE_TRANSFER", "CALLBACK", "API"})


@dataclass(frozen=True)
class _Scope:
    """What a row covers; None means unrestricted."""

    queues: frozenset[str] | None
    channels: frozenset[str]
    profiles: frozenset[str] | None
    statuses: frozenset[str] | None = None
    """Agent statuses (names) in scope: the AgentStatuses filter or AGENT_STATUS grouping."""


def _resolve(
    instance: InstanceState, filters: Mapping[str, Any]
) -> tuple[list[str] | None, list[str], list[str] | None]:
    by_arn_queue = {queue.arn: queue.id for queue in instance.queues.values()}
    by_arn_profile = {p.arn: p.id for p in instance.routing_profiles.values()}

    def ids(
        values: Iterable[str], table: Mapping[str, object], arns: Mapping[str, str], kind: str
    ) -> list[str]:
        found: list[str] = []
        for value in values:
            item = value if value in table else arns.get(value)
            if item is None:
                raise ServiceError(
                    "ResourceNotFoundException",
                    f"{kind} {value} was not found in instance {instance.id}",
                )
            if item not in found:
                found.append(item)
        return found

    queues = filters.get("Queues")
    profiles = filters.get("RoutingProfiles")
    channels = filters.get("Channels")
    return (
        None if queues is None else ids(queues, instance.queues, by_arn_queue, "Queue"),
        [c for c in CHANNELS if channels is None or c in channels],
        None
        if profiles is None
        else ids(profiles, instance.routing_profiles, by_arn_profile, "Routing profile"),
    )


def _rows(
    instance: InstanceState, filters: Mapping[str, Any], groupings: Sequence[str]
) -> list[tuple[dict[str, Any], _Scope]]:
    queues, channels, profiles = _resolve(instance, filters)
    base = _Scope(
        None if queues is None else frozenset(queues),
        frozenset(channels),
        None if profiles is None else frozenset(profiles),
    )
    statuses = filters.get("AgentStatuses")
    if statuses is not None:
        base = replace(base, statuses=frozenset(_status_name(instance, s) for s in statuses))
    subtypes = filters.get("Subtypes")
    if subtypes is not None:
        kept = frozenset(c for c in base.channels if SUBTYPES[c] in subtypes)
        base = replace(base, channels=kept)
    if filters.get("RoutingStepExpressions") or filters.get("ValidationTestTypes"):
        return []  # seeded contacts carry no routing steps and no validation tests
    rows: list[tuple[dict[str, Any], _Scope]] = [({}, base)]
    for grouping in groupings:
        expanded: list[tuple[dict[str, Any], _Scope]] = []
        for dims, scope in rows:
            expanded.extend(_split(instance, grouping, dims, scope, queues, channels, profiles))
        rows = expanded
    return rows


def _split(
    instance: InstanceState,
    grouping: str,
    dims: dict[str, Any],
    scope: _Scope,
    queues: list[str] | None,
    channels: list[str],
    profiles: list[str] | None,
) -> list[tuple[dict[str, Any], _Scope]]:
    if grouping == "QUEUE":
        if queues is None:
            if profiles is not None:
                serving = {q for p in profiles for q in instance.routing_profiles[p].queues}
                queues = [q for q in instance.queues if q in serving]
            else:
                queues = list(instance.queues)
        out = []
        for queue_id in queues:
            queue = instance.queues[queue_id]
            dim = {"Id": queue.id, "Arn": queue.arn, "QueueType": queue.queue_type}
            out.append(({**dims, "Queue": dim}, replace(scope, queues=frozenset({queue_id}))))
        return out
    if grouping == "CHANNEL":
        return [({**dims, "Channel": c}, replace(scope, channels=frozenset({c}))) for c in channels]
    if grouping == "ROUTING_PROFILE":
        if profiles is None:
            wanted = None if queues is None else set(queues)
            profiles = [
                p.id
                for p in instance.routing_profiles.values()
                if wanted is None or wanted.intersection(p.queues)
            ]
        out = []
        for profile_id in profiles:
            profile = instance.routing_profiles[profile_id]
            dim = {"Id": profile.id, "Arn": profile.arn}
            out.append(
                ({**dims, "RoutingProfile": dim}, replace(scope, profiles=frozenset({profile_id})))
            )
        return out
    if grouping in _TODAY_SPLITS:
        return _TODAY_SPLITS[grouping](instance, dims, scope)
    # INSTANCE: the whole instance in one row, named.
    dim = {"Id": instance.id, "Arn": instance.instance.arn}
    return [({**dims, "InstanceReference": dim}, scope)]


def _status_arn(instance: InstanceState, status: str) -> str:
    return f"{instance.instance.arn}/agent-state/{status}"


def _status_name(instance: InstanceState, value: str) -> str:
    prefix = _status_arn(instance, "")
    return value[len(prefix) :] if value.startswith(prefix) else value


def _split_agent_status(
    instance: InstanceState, dims: dict[str, Any], scope: _Scope
) -> list[tuple[dict[str, Any], _Scope]]:
    # The seed's status names stand in for agent status IDs.
    statuses = sorted({a.status for a in _agents(instance, scope) if a.status != AGENT_OFFLINE})
    return [
        (
            {**dims, "AgentStatus": {"Id": status, "Arn": _status_arn(instance, status)}},
            replace(scope, statuses=frozenset({status})),
        )
        for status in statuses
    ]


def _split_subtype(
    instance: InstanceState, dims: dict[str, Any], scope: _Scope
) -> list[tuple[dict[str, Any], _Scope]]:
    return [
        ({**dims, "Subtype": SUBTYPES[c]}, replace(scope, channels=frozenset({c})))
        for c in CHANNELS
        if c in scope.channels
    ]


def _split_none(
    instance: InstanceState, dims: dict[str, Any], scope: _Scope
) -> list[tuple[dict[str, Any], _Scope]]:
    return []  # seeded contacts carry no routing steps and no validation tests


SUBTYPES: Final = {"VOICE": "connect:Telephony", "CHAT": "connect:Chat", "TASK": "connect:Task"}
"""The segment attribute connect:Subtype each seeded channel's contacts carry."""
_TODAY_SPLITS: Final[
    Mapping[
        str,
        Callable[[InstanceState, dict[str, Any], _Scope], list[tuple[dict[str, Any], _Scope]]],
    ]
] = {
    "AGENT_STATUS": _split_agent_status,
    "SUBTYPE": _split_subtype,
    "ROUTING_STEP_EXPRESSION": _split_none,
    "VALIDATION_TEST_TYPE": _split_none,
}


def _agents(instance: InstanceState, scope: _Scope) -> list[Agent]:
    if scope.queues is not None:
        seen: dict[str, Agent] = {}
        for queue_id in scope.queues:
            for profile in instance.profiles_by_queue.get(queue_id, ()):
                for agent in instance.agents_by_profile.get(profile.id, ()):
                    seen[agent.id] = agent
        candidates: Iterable[Agent] = seen.values()
    elif scope.profiles is not None:
        candidates = [a for p in scope.profiles for a in instance.agents_by_profile.get(p, ())]
    else:
        candidates = instance.agents.values()
    out = []
    for agent in candidates:
        if scope.profiles is not None and agent.routing_profile not in scope.profiles:
            continue
        if scope.statuses is not None and agent.status not in scope.statuses:
            continue
        profile = instance.routing_profiles[agent.routing_profile]
        if any(profile.concurrency.get(c, 0) > 0 for c in scope.channels):
            out.append(agent)
    return out


def _contacts(instance: InstanceState, scope: _Scope, *, historical: bool) -> list[Contact]:
    if scope.queues is not None:
        candidates: Iterable[Contact] = [
            c for q in scope.queues for c in instance.contacts_by_queue.get(q, ())
        ]
    else:
        candidates = instance.contacts.values()
    serving: set[tuple[str | None, str]] | None = None
    if scope.profiles is not None and not historical:
        # A routing profile sees its queues' contacts on the channels it takes.
        serving = {
            (queue, channel)
            for profile in (instance.routing_profiles[p] for p in scope.profiles)
            for queue in profile.queues
            for channel, slots in profile.concurrency.items()
            if slots > 0
        }
    out = []
    for contact in candidates:
        if contact.channel not in scope.channels:
            continue
        if serving is not None and (contact.queue, contact.channel) not in serving:
            continue
        if historical and scope.profiles is not None:
            agent = instance.agents.get(contact.agent or "")
            if agent is None or agent.routing_profile not in scope.profiles:
                continue
        out.append(contact)
    return out


# --- real-time ------------------------------------------------------------------------------


def current_rows(
    instance: InstanceState, request: Mapping[str, Any], now: datetime
) -> list[dict[str, Any]]:
    """Every result row of a GetCurrentMetricData request (before paging).

    For the agents (through their routing profile) and queued contacts in a row's scope:
    AGENTS_ONLINE status not Offline; AGENTS_AVAILABLE status Available; AGENTS_ON_CONTACT
    and AGENTS_ON_CALL online with a contact connected, on hold or in ACW;
    AGENTS_AFTER_CONTACT_WORK online with a contact in ACW; AGENTS_NON_PRODUCTIVE a custom
    status; AGENTS_ERROR status Error; AGENTS_STAFFED online and Available or busy;
    SLOTS_ACTIVE contacts being handled; SLOTS_AVAILABLE free slots (routing-profile
    concurrency minus contacts) of Available agents; CONTACTS_IN_QUEUE queued;
    CONTACTS_SCHEDULED scheduled callbacks; OLDEST_CONTACT_AGE the longest current wait,
    whole seconds when grouped and whole milliseconds when not (the API's quirk).
    ESTIMATED_WAIT_TIME is a forecast the seed cannot make: it comes without a Value, as the
    service answers for insufficient data. Rows are sorted by ``sort`` (one
    ``{SortByMetric, SortOrder}``, DESCENDING unless it says otherwise) when it is given.
    """
    filters, groupings = request["Filters"], request.get("Groupings") or []
    metrics, sort = request["CurrentMetrics"], request.get("SortCriteria") or ()
    grouped = bool(groupings)
    results = []
    for dims, scope in _rows(instance, filters, groupings):
        agents = _agents(instance, scope)
        contacts = _contacts(instance, scope, historical=False)
        collections = []
        for metric in metrics:
            entry: dict[str, Any] = {"Metric": dict(metric)}
            if metric["Name"] != "ESTIMATED_WAIT_TIME":
                value = _current(instance, metric["Name"], agents, contacts, scope, now, grouped)
                entry["Value"] = float(value)
            collections.append(entry)
        results.append({"Dimensions": dims, "Collections": collections})
    return _sorted(results, sort)


def _sorted(
    results: list[dict[str, Any]], sort: Sequence[Mapping[str, str]]
) -> list[dict[str, Any]]:
    if not sort:
        return results  # unsorted requests keep the filter's order
    criterion = sort[0]
    name = criterion.get("SortByMetric")

    def key(result: dict[str, Any]) -> float:
        for collection in result["Collections"]:
            if collection["Metric"].get("Name") == name:
                return float(collection.get("Value", float("-inf")))
        return float("-inf")

    if not any(c["Metric"].get("Name") == name for r in results for c in r["Collections"]):
        return results
    descending = criterion.get("SortOrder", "DESCENDING") == "DESCENDING"
    return sorted(results, key=key, reverse=descending)


def _current(
    instance: InstanceState,
    name: str,
    agents: list[Agent],
    contacts: list[Contact],
    scope: _Scope,
    now: datetime,
    grouped: bool,
) -> float:
    if name == "CONTACTS_IN_QUEUE":
        return sum(1 for c in contacts if c.state == "QUEUED")
    if name == "CONTACTS_SCHEDULED":
        return sum(1 for c in contacts if c.state == "SCHEDULED")
    if name == "OLDEST_CONTACT_AGE":
        waits = [
            (now - c.enqueued_at).total_seconds()
            for c in contacts
            if c.state == "QUEUED" and c.enqueued_at is not None
        ]
        oldest = max(waits, default=0.0)
        return float(int(oldest)) if grouped else float(int(oldest * 1000))
    online = [a for a in agents if a.status != AGENT_OFFLINE]
    busy = {a.id: _handling(instance, a, scope) for a in online}
    if name == "AGENTS_ONLINE":
        return len(online)
    if name == "AGENTS_AVAILABLE":
        return sum(1 for a in online if a.status == AGENT_AVAILABLE)
    if name in ("AGENTS_ON_CONTACT", "AGENTS_ON_CALL"):
        return sum(1 for a in online if busy[a.id])
    if name == "AGENTS_AFTER_CONTACT_WORK":
        return sum(1 for a in online if any(c.state == "ACW" for c in busy[a.id]))
    if name == "AGENTS_NON_PRODUCTIVE":
        return sum(1 for a in online if a.status not in (AGENT_AVAILABLE, AGENT_ERROR))
    if name == "AGENTS_ERROR":
        return sum(1 for a in online if a.status == AGENT_ERROR)
    if name == "AGENTS_STAFFED":
        return sum(1 for a in online if a.status == AGENT_AVAILABLE or busy[a.id])
    if name == "SLOTS_ACTIVE":
        return sum(len(busy[a.id]) for a in online)
    if name == "SLOTS_AVAILABLE":
        free = 0
        for agent in online:
            if agent.status != AGENT_AVAILABLE:
                continue
            concurrency = instance.routing_profiles[agent.routing_profile].concurrency
            for channel in scope.channels:
                used = sum(1 for c in busy[agent.id] if c.channel == channel)
                free += max(0, concurrency.get(channel, 0) - used)
        return free
    raise ServiceError("InvalidParameterException", f"Metric {name} is not supported")


def _handling(instance: InstanceState, agent: Agent, scope: _Scope) -> list[Contact]:
    return [
        c
        for c in instance.contacts_by_agent.get(agent.id, ())
        if c.state in HANDLING_STATES and c.channel in scope.channels
    ]


# --- historical -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Window:
    start: datetime
    end: datetime
    now: datetime

    def has(self, when: datetime | None) -> bool:
        return when is not None and self.start <= when < self.end

    def overlap(self, begin: datetime | None, finish: datetime | None) -> float:
        if begin is None:
            return 0.0
        low = max(begin, self.start)
        high = min(finish or self.now, self.end, self.now)
        return max(0.0, (high - low).total_seconds())


def historical_rows(
    instance: InstanceState, request: Mapping[str, Any], now: datetime
) -> list[dict[str, Any]]:
    """Every result row of a GetMetricData request (before paging).

    Contacts count when their event falls in [StartTime, EndTime): enqueued
    (CONTACTS_QUEUED, *_TRANSFERRED_IN*, CONTACTS_MISSED), connected to an agent (the
    *_HANDLED* counts, QUEUE_ANSWER_TIME, and the handle, interaction, hold and ACW averages
    of those that ended), abandoned in queue (CONTACTS_ABANDONED, ABANDON_TIME), ended
    (CONTACTS_AGENT_HUNG_UP_FIRST, CONTACTS_HOLD_ABANDONS, *_TRANSFERRED_OUT*), left the queue
    (QUEUED_TIME: the longest wait; SERVICE_LEVEL: percent answered in under the threshold).
    OCCUPANCY is handling time over online time of the agents in scope. An AVG or MAX over
    nothing has no Value.
    """
    window = _Window(request["StartTime"], request["EndTime"], now)
    metrics: Sequence[Mapping[str, Any]] = request["HistoricalMetrics"]
    results = []
    for dims, scope in _rows(instance, request["Filters"], request.get("Groupings") or []):
        contacts = _contacts(instance, scope, historical=True)
        collections = []
        for metric in metrics:
            value = _historical(instance, metric, contacts, scope, window)
            entry: dict[str, Any] = {"Metric": dict(metric)}
            if value is not None:
                entry["Value"] = round(float(value), 3)
            collections.append(entry)
        results.append({"Dimensions": dims, "Collections": collections})
    return results


class Interval(Protocol):
    """A reporting interval: which moments fall in it."""

    def has(self, when: datetime | None) -> bool: ...


def seconds_between(later: datetime | None, earlier: datetime | None) -> float:
    """Seconds from ``earlier`` to ``later``; 0 when either is missing or the order is wrong."""
    if later is None or earlier is None:
        return 0.0
    return max(0.0, (later - earlier).total_seconds())


def average(values: list[float]) -> float | None:
    """The mean of ``values``, or None for none (the API's "no data")."""
    return sum(values) / len(values) if values else None


def handled_in(contacts: Iterable[Contact], window: Interval) -> list[Contact]:
    """Contacts connected to an agent in ``window``."""
    return [c for c in contacts if c.agent is not None and window.has(c.connected_at)]


def _abandoned(contacts: Iterable[Contact], window: _Window) -> list[Contact]:
    return [
        c
        for c in contacts
        if c.enqueued_at is not None and c.connected_at is None and window.has(c.ended_at)
    ]


def _finished(contacts: Iterable[Contact], window: _Window) -> list[Contact]:
    """Handled contacts that ended: their talk, hold and ACW durations are known."""
    return [c for c in handled_in(contacts, window) if c.ended_at is not None]


def _interaction(contact: Contact) -> float:
    return max(0.0, seconds_between(contact.ended_at, contact.connected_at) - contact.hold_seconds)


def _dequeued(contacts: Iterable[Contact], window: _Window) -> list[tuple[Contact, bool, float]]:
    """(contact, answered, wait) for contacts that left the queue in the window."""
    out = []
    for c in contacts:
        if c.enqueued_at is None:
            continue
        if c.connected_at is not None and window.has(c.connected_at):
            out.append((c, True, seconds_between(c.connected_at, c.enqueued_at)))
        elif c.connected_at is None and window.has(c.ended_at):
            out.append((c, False, seconds_between(c.ended_at, c.enqueued_at)))
    return out


_COUNTS: Final[Mapping[str, Callable[[list[Contact], _Window], float]]] = {
    "CONTACTS_QUEUED": lambda cs, w: sum(1 for c in cs if w.has(c.enqueued_at)),
    "CONTACTS_HANDLED": lambda cs, w: len(handled_in(cs, w)),
    "CONTACTS_HANDLED_INCOMING": lambda cs, w: sum(
        1 for c in handled_in(cs, w) if c.initiation_method in _INCOMING
    ),
    "CONTACTS_HANDLED_OUTBOUND": lambda cs, w: sum(
        1 for c in handled_in(cs, w) if c.initiation_method == "OUTBOUND"
    ),
    "CALLBACK_CONTACTS_HANDLED": lambda cs, w: sum(
        1 for c in handled_in(cs, w) if c.initiation_method == "CALLBACK"
    ),
    "API_CONTACTS_HANDLED": lambda cs, w: sum(
        1 for c in handled_in(cs, w) if c.initiation_method == "API"
    ),
    "CONTACTS_ABANDONED": lambda cs, w: len(_abandoned(cs, w)),
    "CONTACTS_CONSULTED": lambda cs, w: sum(1 for c in handled_in(cs, w) if c.consulted),
    "CONTACTS_AGENT_HUNG_UP_FIRST": lambda cs, w: sum(
        1
        for c in cs
        if c.connected_at is not None
        and w.has(c.ended_at)
        and c.disconnect_reason == "AGENT_DISCONNECT"
    ),
    "CONTACTS_HOLD_ABANDONS": lambda cs, w: sum(
        1 for c in cs if c.hold_abandoned and w.has(c.ended_at)
    ),
    "CONTACTS_MISSED": lambda cs, w: sum(c.missed for c in cs if w.has(c.enqueued_at)),
    "CONTACTS_TRANSFERRED_IN": lambda cs, w: sum(
        1
        for c in cs
        if c.initiation_method in ("TRANSFER", "QUEUE_TRANSFER") and w.has(c.enqueued_at)
    ),
    "CONTACTS_TRANSFERRED_IN_FROM_QUEUE": lambda cs, w: sum(
        1 for c in cs if c.initiation_method == "QUEUE_TRANSFER" and w.has(c.enqueued_at)
    ),
    "CONTACTS_TRANSFERRED_IN_BY_AGENT": lambda cs, w: sum(
        1 for c in cs if c.initiation_method == "TRANSFER" and w.has(c.enqueued_at)
    ),
    "CONTACTS_TRANSFERRED_OUT": lambda cs, w: sum(
        1 for c in cs if c.transferred_out is not None and w.has(c.ended_at)
    ),
    "CONTACTS_TRANSFERRED_OUT_FROM_QUEUE": lambda cs, w: sum(
        1 for c in cs if c.transferred_out == "QUEUE" and w.has(c.ended_at)
    ),
    "CONTACTS_TRANSFERRED_OUT_BY_AGENT": lambda cs, w: sum(
        1 for c in cs if c.transferred_out == "AGENT" and w.has(c.ended_at)
    ),
}

_AVERAGES: Final[Mapping[str, Callable[[list[Contact], _Window], float | None]]] = {
    "ABANDON_TIME": lambda cs, w: average(
        [seconds_between(c.ended_at, c.enqueued_at) for c in _abandoned(cs, w)]
    ),
    "QUEUE_ANSWER_TIME": lambda cs, w: average(
        [seconds_between(c.connected_at, c.enqueued_at) for c in handled_in(cs, w) if c.enqueued_at]
    ),
    "INTERACTION_TIME": lambda cs, w: average([_interaction(c) for c in _finished(cs, w)]),
    "HOLD_TIME": lambda cs, w: average([c.hold_seconds for c in _finished(cs, w)]),
    "INTERACTION_AND_HOLD_TIME": lambda cs, w: average(
        [seconds_between(c.ended_at, c.connected_at) for c in _finished(cs, w)]
    ),
    "AFTER_CONTACT_WORK_TIME": lambda cs, w: average([c.acw_seconds for c in _finished(cs, w)]),
    "HANDLE_TIME": lambda cs, w: average(
        [seconds_between(c.ended_at, c.connected_at) + c.acw_seconds for c in _finished(cs, w)]
    ),
    "QUEUED_TIME": lambda cs, w: max((wait for _, _, wait in _dequeued(cs, w)), default=None),
}


def _historical(
    instance: InstanceState,
    metric: Mapping[str, Any],
    contacts: list[Contact],
    scope: _Scope,
    window: _Window,
) -> float | None:
    name = metric["Name"]
    if name in _COUNTS:
        return _COUNTS[name](contacts, window)
    if name in _AVERAGES:
        return _AVERAGES[name](contacts, window)
    if name == "SERVICE_LEVEL":
        threshold = float(metric["Threshold"]["ThresholdValue"])
        left = _dequeued(contacts, window)
        if not left:
            return None
        within = sum(1 for _, answered, wait in left if answered and wait < threshold)
        return 100.0 * within / len(left)
    if name == "OCCUPANCY":
        return _occupancy(instance, scope, window)
    raise ServiceError("InvalidParameterException", f"Metric {name} is not supported")


def _occupancy(instance: InstanceState, scope: _Scope, window: _Window) -> float | None:
    online = 0.0
    handling = 0.0
    for agent in _agents(instance, scope):
        online += window.overlap(agent.online_since, None)
        for contact in instance.contacts_by_agent.get(agent.id, ()):
            if contact.channel not in scope.channels or contact.connected_at is None:
                continue
            finish = contact.ended_at
            if finish is not None and contact.acw_seconds:
                finish = finish + timedelta(seconds=contact.acw_seconds)
            handling += window.overlap(contact.connected_at, finish)
    if online <= 0:
        return None
    return min(100.0, 100.0 * handling / online)
