"""An independent oracle for the five APIs' documented rules, read from the spec text itself.

Written without connect_runtime's code: metric tables and enums are parsed from the
2021-10-29 API reference (tests/runtime/data), lengths from botocore's model. It answers
"which documented rules does this boto3 request break?" for the property tests.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import botocore.session
from botocore.model import ServiceModel

SPEC_PATH = Path(__file__).parent / "data" / "connect-api-2021-10-29.txt"


@dataclass(frozen=True)
class SpecFacts:
    current_names: tuple[str, ...]
    current_units: dict[str, str]
    historical_names: tuple[str, ...]
    historical_table: dict[str, tuple[str, str]]
    historical_orphans: tuple[tuple[str, str], ...]
    channels: tuple[str, ...]
    groupings: tuple[str, ...]
    reference_types: tuple[str, ...]


def _section(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin + len(start))]


def _enum(line_prefix: str, text: str) -> tuple[str, ...]:
    match = re.search(re.escape(line_prefix) + r"\s*((?:'[A-Z_]+'\|?)+)", text)
    assert match, f"no enum after {line_prefix!r}"
    return tuple(re.findall(r"'([A-Z_]+)'", match.group(1)))


@functools.cache
def spec() -> SpecFacts:
    """Facts parsed from the spec text."""
    text = SPEC_PATH.read_text(encoding="utf-8").replace("\xa0", " ")
    current = _section(text, "GetCurrentMetricData (updated)", "GetMetricData (updated)")
    historical = _section(text, "GetMetricData (updated)", "StartTaskContact (updated)")
    task = text[text.index("StartTaskContact (updated)") :]
    syntax = _section(current, "client.get_current_metric_data(", "type InstanceId")

    table = _section(current, "param CurrentMetrics:", "(dict) --")
    current_units: dict[str, str] = {}
    name = None
    for line in table.splitlines():
        line = line.strip()
        if re.fullmatch(r"[A-Z_]+", line):
            name = line
        elif line.startswith("Unit: ") and name:
            current_units[name] = line.removeprefix("Unit: ")

    hist_syntax = _section(historical, "client.get_metric_data(", "type InstanceId")
    hist_table = _section(historical, "param HistoricalMetrics:", "(dict) --")
    rows: dict[str, tuple[str, str]] = {}
    orphans: list[tuple[str, str]] = []
    name, unit = None, None
    for line in hist_table.splitlines():
        line = line.strip()
        if re.fullmatch(r"[A-Z_]+", line):
            name, unit = line, None
        elif line.startswith("Unit: "):
            unit = line.removeprefix("Unit: ")
        elif line.startswith("Statistic: ") and unit:
            statistic = line.removeprefix("Statistic: ")
            if name is None:
                orphans.append((unit, statistic))
            else:
                rows[name] = (unit, statistic)
            unit = None
    return SpecFacts(
        current_names=_enum("'Name':", syntax),
        current_units=current_units,
        historical_names=_enum("'Name':", hist_syntax),
        historical_table=rows,
        historical_orphans=tuple(orphans),
        channels=_enum("'Channels': [", syntax),
        groupings=_enum("Groupings=[", syntax),
        reference_types=_enum("'Type':", task),
    )


@functools.cache
def model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("connect")


@functools.cache
def model_historical_table() -> dict[str, tuple[str, str]]:
    """The name/unit/statistic table in the current model's GetMetricData documentation."""
    shape: Any = model().operation_model("GetMetricData").input_shape
    shape = shape.members["HistoricalMetrics"]
    doc = re.sub(r"<[^>]+>", " ", shape.documentation)
    return {
        name: (unit, stat)
        for name, unit, stat in re.findall(
            r"([A-Z_]{4,})\s+Unit: ([A-Z]+)\s+Statistic: ([A-Z]+)", doc
        )
    }


def historical_pairs() -> dict[str, tuple[str, str] | None]:
    """Every spec historical name -> its documented (unit, statistic), None if undocumented.

    The 2021 table lost the heading of its first row (a SECONDS/AVG row before
    AFTER_CONTACT_WORK_TIME); the current model's table supplies it (ABANDON_TIME).
    """
    facts = spec()
    current_doc = model_historical_table()
    return {
        name: facts.historical_table.get(name) or current_doc.get(name)
        for name in facts.historical_names
    }


def _member(operation: str, *path: str) -> Any:
    shape: Any = model().operation_model(operation).input_shape
    for part in path:
        shape = getattr(shape, part) if part in ("member", "key", "value") else shape.members[part]
    return shape


def _length_ok(operation: str, value: Any, *path: str) -> bool:
    meta = _member(operation, *path).metadata
    return bool(meta.get("min", 0) <= len(value) <= meta.get("max", math.inf))


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value != ""


class Violations(list[str]):
    def need(self, condition: bool, rule: str) -> None:
        if not condition:
            self.append(rule)


def _strings(v: Violations, op: str, request: Mapping[str, Any], fields: dict[str, bool]) -> None:
    for field, required in fields.items():
        if field not in request:
            v.need(not required, f"{field}:required")
            continue
        value = request[field]
        if not isinstance(value, str):
            v.append(f"{field}:type")
        else:
            v.need(_length_ok(op, value, field), f"{field}:length")
            if required and field in ("ContactFlowId", "ClientToken"):
                v.need(value != "", f"{field}:empty")


def start_contact_streaming(request: Mapping[str, Any]) -> list[str]:
    v = Violations()
    op = "StartContactStreaming"
    _strings(v, op, request, {"InstanceId": True, "ContactId": True, "ClientToken": True})
    arn = (request.get("ChatStreamingConfiguration") or {}).get("StreamingEndpointArn")
    if not isinstance(arn, str):
        v.append("StreamingEndpointArn:required")
        return v
    v.need(
        _length_ok(op, arn, "ChatStreamingConfiguration", "StreamingEndpointArn"),
        "StreamingEndpointArn:length",
    )
    parts = arn.split(":")
    ok = len(parts) == 6 and parts[0] == "arn" and parts[1].startswith("aws") and parts[2] == "sns"
    ok = ok and bool(parts[3]) and len(parts[4]) == 12 and parts[4].isdigit() and parts[4].isascii()
    v.need(ok, "StreamingEndpointArn:sns-arn")
    if ok:
        v.need(not parts[5].endswith(".fifo"), "StreamingEndpointArn:standard-topic")
        v.need(
            re.fullmatch(r"[A-Za-z0-9_-]{1,256}", parts[5]) is not None,
            "StreamingEndpointArn:topic-name",
        )
    return v


def stop_contact_streaming(request: Mapping[str, Any]) -> list[str]:
    v = Violations()
    _strings(
        v,
        "StopContactStreaming",
        request,
        {"InstanceId": True, "ContactId": True, "StreamingId": True},
    )
    return v


def _filters(v: Violations, op: str, filters: Any) -> dict[str, Any]:
    if not isinstance(filters, Mapping):
        v.append("Filters:required")
        return {}
    given = {k: val for k, val in filters.items() if val is not None}
    v.need(bool(given), "Filters:empty")
    for name in ("Queues", "RoutingProfiles"):
        if name in given:
            items = given[name]
            v.need(isinstance(items, list) and 1 <= len(items) <= 100, f"Filters.{name}:count")
            v.need(all(_nonempty_str(i) for i in items), f"Filters.{name}:item")
    if "Channels" in given:
        allowed = set(spec().channels) | set(_member(op, "Filters", "Channels", "member").enum)
        items = given["Channels"]
        limit = _member(op, "Filters", "Channels").metadata.get("max", math.inf)
        v.need(isinstance(items, list) and 1 <= len(items) <= limit, "Filters.Channels:count")
        v.need(all(i in allowed for i in items), "Filters.Channels:enum")
    return given


def _groupings(v: Violations, request: Mapping[str, Any]) -> list[str]:
    groups = request.get("Groupings")
    if groups is None:
        return []
    v.need(isinstance(groups, list) and len(groups) <= 2, "Groupings:count")
    v.need(all(g in spec().groupings for g in groups), "Groupings:enum")
    return list(groups)


def _paging(v: Violations, request: Mapping[str, Any]) -> None:
    if "NextToken" in request:
        v.need(_nonempty_str(request["NextToken"]), "NextToken:empty")
    if "MaxResults" in request:
        value = request["MaxResults"]
        v.need(type(value) is int and 1 <= value <= 100, "MaxResults:range")


def get_current_metric_data(request: Mapping[str, Any]) -> list[str]:
    v = Violations()
    op = "GetCurrentMetricData"
    _strings(v, op, request, {"InstanceId": True})
    filters = _filters(v, op, request.get("Filters"))
    v.need(
        not ("Queues" in filters and "RoutingProfiles" in filters), "Filters:queues-and-profiles"
    )
    groups = _groupings(v, request)
    metrics = request.get("CurrentMetrics")
    if not isinstance(metrics, list) or not metrics:
        v.append("CurrentMetrics:required")
        metrics = []
    facts = spec()
    for metric in metrics:
        name = metric.get("Name") if isinstance(metric, Mapping) else None
        if name not in facts.current_names:
            v.append("CurrentMetrics.Name:enum")
            continue
        v.need(set(metric) == {"Name", "Unit"}, "CurrentMetrics:keys")
        v.need(metric.get("Unit") == facts.current_units[name], "CurrentMetrics.Unit:table")
    if "CHANNEL" in groups:
        v.need("Channels" in filters, "Groupings:channel-needs-channel-filter")
    if "ROUTING_PROFILE" in groups:
        v.need(
            "Queues" in filters or "RoutingProfiles" in filters, "Groupings:profile-needs-filter"
        )
        needs = {"CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"}
        if any(isinstance(m, Mapping) and m.get("Name") in needs for m in metrics):
            v.need("RoutingProfiles" in filters, "Filters.RoutingProfiles:required-for-metric")
    _paging(v, request)
    return v


def _aware(value: Any) -> bool:
    return isinstance(value, datetime) and value.utcoffset() is not None


def get_metric_data(request: Mapping[str, Any], now: datetime) -> list[str]:
    v = Violations()
    op = "GetMetricData"
    _strings(v, op, request, {"InstanceId": True})
    start, end = request.get("StartTime"), request.get("EndTime")
    v.need(_aware(start) and _aware(end), "Time:aware-datetimes")
    if isinstance(start, datetime) and isinstance(end, datetime) and _aware(start) and _aware(end):
        for field, value in (("StartTime", start), ("EndTime", end)):
            epoch = value.timestamp()
            v.need(epoch == int(epoch) and int(epoch) % 300 == 0, f"{field}:5-minute-boundary")
        v.need(end > start, "EndTime:after-start")
        v.need(end - start < timedelta(hours=24), "EndTime:range-under-24h")
        v.need(start >= now - timedelta(hours=24), "StartTime:within-24h")
    _filters(v, op, request.get("Filters"))
    _groupings(v, request)
    metrics = request.get("HistoricalMetrics")
    if not isinstance(metrics, list) or not metrics:
        v.append("HistoricalMetrics:required")
        metrics = []
    pairs = historical_pairs()
    levels = 0
    for metric in metrics:
        name = metric.get("Name") if isinstance(metric, Mapping) else None
        if name not in pairs:
            v.append("HistoricalMetrics.Name:enum")
            continue
        documented = pairs[name] or ("COUNT", "SUM")  # *_BY_AGENT: counts, see test_requests
        v.need(
            (metric.get("Unit"), metric.get("Statistic")) == documented,
            "HistoricalMetrics:unit-statistic",
        )
        threshold = metric.get("Threshold")
        if name == "SERVICE_LEVEL":
            levels += 1
            ok = isinstance(threshold, Mapping) and threshold.get("Comparison") == "LT"
            limit: Any = threshold.get("ThresholdValue") if isinstance(threshold, Mapping) else None
            ok = ok and isinstance(limit, int | float) and not isinstance(limit, bool)
            ok = ok and float(limit).is_integer() and 1 <= limit <= 604800
            v.need(ok, "HistoricalMetrics.Threshold:service-level")
        else:
            v.need(threshold is None, "HistoricalMetrics.Threshold:only-service-level")
    v.need(levels <= 20, "HistoricalMetrics:service-level-count")
    _paging(v, request)
    return v


def _reference_value_ok(kind: str, value: str) -> bool:
    if kind in ("URL", "ATTACHMENT"):
        if kind == "ATTACHMENT" and value.startswith("arn:") and " " not in value:
            return len(value.split(":")) >= 6
        if any(c.isspace() for c in value):
            return False
        try:
            parsed = urlparse(value)
            host = parsed.hostname
        except ValueError:
            return False
        return parsed.scheme in ("http", "https") and bool(host)
    if kind == "NUMBER":
        return re.fullmatch(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?", value) is not None
    if kind == "DATE":
        return value.isascii() and value.isdigit() and len(value) <= 13
    if kind == "EMAIL":
        local, at, domain = value.rpartition("@")
        labels = domain.split(".")
        return (
            bool(at)
            and bool(local)
            and "@" not in local
            and len(value) <= 254
            and len(labels) >= 2
            and all(labels)
            and not any(c.isspace() for c in value)
        )
    return kind == "STRING"


def start_task_contact(request: Mapping[str, Any]) -> list[str]:
    v = Violations()
    op = "StartTaskContact"
    _strings(
        v,
        op,
        request,
        {
            "InstanceId": True,
            "ContactFlowId": True,
            "Name": True,
            "Description": False,
            "PreviousContactId": False,
            "ClientToken": True,
        },
    )
    attributes = request.get("Attributes")
    if attributes is not None:
        total = 0
        for key, value in attributes.items():
            v.need(
                isinstance(key, str) and re.fullmatch(r"[A-Za-z0-9_-]+", key) is not None,
                "Attributes:key",
            )
            v.need(isinstance(value, str), "Attributes:value-type")
            if isinstance(key, str) and isinstance(value, str):
                v.need(_length_ok(op, key, "Attributes", "key"), "Attributes:key-length")
                v.need(_length_ok(op, value, "Attributes", "value"), "Attributes:value-length")
                total += len(key.encode("utf-8", "surrogatepass")) + len(
                    value.encode("utf-8", "surrogatepass")
                )
        v.need(total <= 32768, "Attributes:bytes")
    references = request.get("References")
    if references is not None:
        total = 0
        for name, ref in references.items():
            v.need(_nonempty_str(name), "References:name")
            if not isinstance(ref, Mapping) or set(ref) != {"Value", "Type"}:
                v.append("References:shape")
                continue
            kind, value = ref["Type"], ref["Value"]
            v.need(kind in spec().reference_types, "References.Type:enum")
            if not isinstance(value, str):
                v.append("References.Value:type")
                continue
            v.need(_reference_value_ok(kind, value), "References.Value:format")
            if isinstance(name, str):
                v.need(_length_ok(op, name, "References", "key"), "References:name-length")
                total += len(name.encode("utf-8", "surrogatepass")) + len(
                    value.encode("utf-8", "surrogatepass")
                )
        v.need(total <= 4096, "References:bytes")
    return v
