"""GetMetricDataV2 figures computed from the seeded contacts, by the admin guide's definitions.

Modelled: filter and grouping keys QUEUE, CHANNEL, ROUTING_PROFILE and AGENT; every interval
period (aligned in the request's time zone; weeks start on Monday); the metrics in
:data:`SUPPORTED`. Anything else is answered with InvalidParameterException naming it, so a
test never mistakes an unmodelled figure for a real one.
"""

from __future__ import annotations

import itertools
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Final

from connect_runtime.metrics.split import PERIOD_LENGTHS
from connect_runtime.testing._wire import ServiceError
from connect_runtime.testing.metrics.figures import average, handled_in, seconds_between
from connect_runtime.testing.state import CHANNELS, Contact, InstanceState

__all__ = ["SUPPORTED", "v2_rows"]

_KEYS: Final = ("QUEUE", "CHANNEL", "ROUTING_PROFILE", "AGENT")


@dataclass(frozen=True)
class _Window:
    start: datetime
    end: datetime

    def has(self, when: datetime | None) -> bool:
        return when is not None and self.start <= when < self.end


def _ended_handled(cs: Iterable[Contact], w: _Window) -> list[Contact]:
    return [c for c in handled_in(cs, w) if c.ended_at is not None]


def _queued(cs: Iterable[Contact], w: _Window) -> list[Contact]:
    """Entered the queue in the interval."""
    return [c for c in cs if w.has(c.enqueued_at)]


def _abandoned(cs: Iterable[Contact], w: _Window) -> list[Contact]:
    """Left the queue unanswered (the customer hung up) in the interval."""
    return [c for c in cs if c.enqueued_at and c.connected_at is None and w.has(c.ended_at)]


def _wait(c: Contact) -> float:
    return seconds_between(c.connected_at or c.ended_at, c.enqueued_at)


def _dequeued(cs: Iterable[Contact], w: _Window) -> list[tuple[Contact, bool]]:
    """(contact, answered) for contacts removed from the queue in the interval."""
    answered = [(c, True) for c in cs if c.enqueued_at and c.agent and w.has(c.connected_at)]
    return answered + [(c, False) for c in _abandoned(cs, w)]


def _within(wait: float, metric: Mapping[str, Any]) -> bool:
    threshold = metric["Threshold"][0]
    value = float(threshold["ThresholdValue"])
    return wait <= value if threshold["Comparison"] == "LTE" else wait < value


def _percent(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


Figure = Callable[[list[Contact], _Window, Mapping[str, Any]], float | None]

SUPPORTED: Final[Mapping[str, Figure]] = {
    "CONTACTS_HANDLED": lambda cs, w, m: len(handled_in(cs, w)),
    "CONTACTS_QUEUED": lambda cs, w, m: len(_queued(cs, w)),
    "CONTACTS_ABANDONED": lambda cs, w, m: len(_abandoned(cs, w)),
    # handle time = talk + hold (connected..ended) + after contact work, of handled contacts
    "AVG_HANDLE_TIME": lambda cs, w, m: average(
        [seconds_between(c.ended_at, c.connected_at) + c.acw_seconds for c in _ended_handled(cs, w)]
    ),
    "AVG_HOLD_TIME": lambda cs, w, m: average([c.hold_seconds for c in _ended_handled(cs, w)]),
    "AVG_AFTER_CONTACT_WORK_TIME": lambda cs, w, m: average(
        [c.acw_seconds for c in _ended_handled(cs, w)]
    ),
    "AVG_QUEUE_ANSWER_TIME": lambda cs, w, m: average(
        [_wait(c) for c in handled_in(cs, w) if c.enqueued_at]
    ),
    "AVG_ABANDON_TIME": lambda cs, w, m: average([_wait(c) for c in _abandoned(cs, w)]),
    "MAX_QUEUED_TIME": lambda cs, w, m: max((_wait(c) for c, _ in _dequeued(cs, w)), default=None),
    # abandonment rate = contacts abandoned / contacts queued
    "ABANDONMENT_RATE": lambda cs, w, m: _percent(len(_abandoned(cs, w)), len(_queued(cs, w))),
    # service level X = contacts answered within X / contacts removed from the queue
    "SERVICE_LEVEL": lambda cs, w, m: _percent(
        sum(1 for c, answered in _dequeued(cs, w) if answered and _within(_wait(c), m)),
        len(_dequeued(cs, w)),
    ),
    "SUM_CONTACTS_ANSWERED_IN_X": lambda cs, w, m: sum(
        1 for c, answered in _dequeued(cs, w) if answered and _within(_wait(c), m)
    ),
    "SUM_CONTACTS_ABANDONED_IN_X": lambda cs, w, m: sum(
        1 for c in _abandoned(cs, w) if _within(_wait(c), m)
    ),
}
"""Metric name -> its figure over (contacts in scope, interval, the metric as requested)."""


def _intervals(start: datetime, end: datetime, period: str, zone: tzinfo) -> list[_Window]:
    if period == "TOTAL":
        return [_Window(start, end)]
    length = PERIOD_LENGTHS[period]
    local = start.astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "WEEK":
        cursor = midnight - timedelta(days=midnight.weekday())
    elif period == "DAY":
        cursor = midnight
    else:
        cursor = midnight + ((local - midnight) // length) * length
    windows = []
    while cursor < end:
        following = cursor + length
        windows.append(_Window(max(cursor, start).astimezone(UTC), min(following, end)))
        cursor = following
    return windows


def _resolve(instance: InstanceState, key: str, values: Sequence[str]) -> list[str]:
    tables: Mapping[str, Mapping[str, Any]] = {
        "QUEUE": instance.queues,
        "ROUTING_PROFILE": instance.routing_profiles,
        "AGENT": instance.agents,
    }
    if key == "CHANNEL":
        return [v for v in values if v in CHANNELS]
    table = tables[key]
    by_arn = {item.arn: item_id for item_id, item in table.items()}
    found = []
    for value in values:
        item_id = value if value in table else by_arn.get(value)
        if item_id is None:
            raise ServiceError("ResourceNotFoundException", f"{key} {value} was not found")
        found.append(item_id)
    return list(dict.fromkeys(found))


def _everything(instance: InstanceState, key: str) -> list[str]:
    if key == "CHANNEL":
        return list(CHANNELS)
    if key == "QUEUE":
        return list(instance.queues)
    return list(instance.routing_profiles if key == "ROUTING_PROFILE" else instance.agents)


def _matches(instance: InstanceState, contact: Contact, key: str, allowed: set[str]) -> bool:
    if key == "QUEUE":
        return contact.queue in allowed
    if key == "CHANNEL":
        return contact.channel in allowed
    if key == "AGENT":
        return contact.agent in allowed
    agent = instance.agents.get(contact.agent or "")
    return agent is not None and agent.routing_profile in allowed


def _unmodelled(kind: str, names: Iterable[str]) -> None:
    extra = sorted(set(names) - set(_KEYS))
    if extra:
        raise ServiceError(
            "InvalidParameterException",
            f"{kind} {', '.join(extra)}: the local endpoint models only {', '.join(_KEYS)}",
        )


def v2_rows(instance: InstanceState, request: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every MetricResult of a (checked) GetMetricDataV2 request, before paging."""
    filters = {f["FilterKey"]: f["FilterValues"] for f in request["Filters"]}
    groupings = list(request.get("Groupings") or ())
    _unmodelled("Filter keys", filters)
    _unmodelled("Groupings", groupings)
    unknown = [m["Name"] for m in request["Metrics"] if m["Name"] not in SUPPORTED]
    if unknown:
        raise ServiceError("InvalidParameterException", f"Metrics {unknown}: not modelled locally")
    scope = {key: set(_resolve(instance, key, values)) for key, values in filters.items()}
    contacts = [
        c
        for c in instance.contacts.values()
        if all(_matches(instance, c, key, allowed) for key, allowed in scope.items())
    ]
    interval = request.get("Interval") or {}
    period = interval.get("IntervalPeriod", "TOTAL")
    zone = zoneinfo.ZoneInfo(interval.get("TimeZone", "UTC"))
    windows = _intervals(request["StartTime"], request["EndTime"], period, zone)
    axes = [
        [(key, v) for v in (sorted(scope[key]) if key in scope else _everything(instance, key))]
        for key in groupings
    ]
    results = []
    for combo in itertools.product(*axes):
        chosen = [c for c in contacts if all(_matches(instance, c, k, {v}) for k, v in combo)]
        for window in windows:
            results.append(_result(dict(combo), chosen, window, period, request["Metrics"]))
    return results


def _result(
    dims: dict[str, str],
    contacts: list[Contact],
    window: _Window,
    period: str,
    metrics: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    collections = []
    for metric in metrics:
        scoped = _metric_filtered(contacts, metric)
        value = SUPPORTED[metric["Name"]](scoped, window, metric)
        entry: dict[str, Any] = {"Metric": dict(metric)}
        if value is not None:
            entry["Value"] = round(float(value), 3)
        collections.append(entry)
    interval = {"Interval": period, "StartTime": window.start, "EndTime": window.end}
    return {"Dimensions": dims, "MetricInterval": interval, "Collections": collections}


def _metric_filtered(contacts: list[Contact], metric: Mapping[str, Any]) -> list[Contact]:
    fields = {"INITIATION_METHOD": "initiation_method", "DISCONNECT_REASON": "disconnect_reason"}
    for item in metric.get("MetricFilters") or ():
        name = fields.get(item["MetricFilterKey"])
        if name is None:
            raise ServiceError(
                "InvalidParameterException",
                f"MetricFilterKey {item['MetricFilterKey']}: not modelled locally",
            )
        values = set(item["MetricFilterValues"])
        negate = bool(item.get("Negate"))
        contacts = [c for c in contacts if (getattr(c, name) in values) != negate]
    return contacts
