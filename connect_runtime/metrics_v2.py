"""GetMetricDataV2: the metric catalogue read from botocore's model, the request builder, rows.

Every rule here comes from the installed botocore Connect model: its shapes (enums, min/max,
read through :mod:`connect_runtime._model`) and, where the model states a rule only in prose,
the documentation strings of ``GetMetricDataV2``'s input members (the current API reference).
Those prose facts are parsed here, or, where they are a number in a sentence, kept here with
the sentence they come from; no other module restates them.
"""

from __future__ import annotations

import calendar
import functools
import html
import math
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, cast

from connect_runtime import _model
from connect_runtime.errors import ConnectRequestError, Problem
from connect_runtime.metrics import SERVICE_LEVEL_THRESHOLD_RANGE

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import GetMetricDataV2RequestTypeDef

__all__ = [
    "MAX_FILTER_VALUES",
    "RETENTION_MONTHS",
    "MetricFilterV2",
    "MetricRowV2",
    "MetricSpecV2",
    "MetricV2",
    "RequestPart",
    "authorizing_filter_keys",
    "filter_keys",
    "get_metric_data_v2_request",
    "grouping_keys",
    "interval_ranges",
    "metric_catalogue",
    "rows_from_v2_response",
    "split_v2_query",
]

OPERATION: Final = "GetMetricDataV2"
RETENTION_MONTHS: Final = 3
"""StartTime doc: "Historical metrics are available for 3 months"."""
MAX_FILTER_VALUES: Final = 100
"""Filters doc: "up to 100 filter values across all filter keys" (CHANNEL values not counted)."""
UNCOUNTED_FILTER_KEY: Final = "CHANNEL"
"""Filters doc: VOICE, CHAT, TASK and EMAIL "do not count towards the limit of 100"."""
DEFAULT_INTERVAL: Final = "TOTAL"
"""Interval doc: "By default Connect Customer aggregates results based on the TOTAL interval"."""
_INSTANCE_ARN: Final = re.compile(
    r"arn:aws(?:-[a-z]+)*:connect:[a-z]{2}(?:-[a-z]+)+-[0-9]+:[0-9]{12}:instance/[A-Za-z0-9-]{1,100}"
)
_UNITS: Final = {"PERCENTAGE": "PERCENT"}  # the catalogue spells PERCENT both ways


# --- the catalogue and key lists, parsed from the model's documentation strings -------------


def _doc(*path: str) -> str:
    return str(_model.shape_at(OPERATION, *path).documentation)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _codes_after(doc: str, marker: str) -> tuple[str, ...]:
    """The ``<code>`` items of the paragraph list that follows ``marker``."""
    first = doc.index("<code>", doc.index(marker) + len(marker))
    end = doc.index("</p>", first)
    return tuple(code.strip() for code in re.findall(r"<code>([^<]+)</code>", doc[first:end]))


@functools.cache
def filter_keys() -> frozenset[str]:
    """Filter keys the Filters documentation lists as valid."""
    return frozenset(
        _codes_after(
            _doc("Filters"), "valid filter keys for a <code>GetMetricDataV2</code> request:"
        )
    )


@functools.cache
def authorizing_filter_keys() -> frozenset[str]:
    """Keys that authorize a request; the Filters doc says each request needs at least one."""
    return frozenset(_codes_after(_doc("Filters"), "requires at least one of these filters:"))


@functools.cache
def grouping_keys() -> frozenset[str]:
    """Grouping keys the Groupings documentation lists as valid."""
    return frozenset(_codes_after(_doc("Groupings"), "Valid grouping keys:"))


@functools.cache
def interval_ranges() -> Mapping[str, timedelta]:
    """IntervalPeriod -> the range StartTime..EndTime must stay under (IntervalPeriod doc)."""
    pattern = (
        r"<code>([A-Z_]+)</code>: The difference between <code>StartTime</code> and"
        r" <code>EndTime</code> must be less than (\d+) days"
    )
    found = re.findall(pattern, _doc("Interval", "IntervalPeriod"))
    return MappingProxyType({period: timedelta(days=int(days)) for period, days in found})


@dataclass(frozen=True, slots=True)
class MetricSpecV2:
    """One metric of the catalogue, as the Metrics documentation describes it."""

    name: str
    unit: str
    threshold_comparisons: frozenset[str] = frozenset()
    """Comparisons its Threshold takes; empty when the metric takes no Threshold."""
    threshold_range: tuple[int, int] | None = None
    """Inclusive whole-number bounds of ThresholdValue (seconds)."""
    max_per_request: int | None = None
    required_filter_key: str | None = None
    metric_filter_keys: frozenset[str] = frozenset()
    negate: bool = True
    """Whether its metric filters may set ``Negate``."""
    dimensions: tuple[str, ...] = ()
    """The "Valid groupings and filters" labels, as the documentation writes them."""

    @property
    def groupings(self) -> frozenset[str] | None:
        """Grouping keys its labels name, or None when a label names no documented key."""
        keys: set[str] = set()
        for label in self.dimensions:
            found = _label_keys(label)
            if not found:
                return None
            keys |= found
        return frozenset(keys & grouping_keys()) if keys else None


# The catalogue names dimensions by display label ("Routing Profile", "Q in Connect"); most
# become their key by upper-casing; these are the ones the key lists spell differently.
_LABEL_ALIASES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "AGENT_HIERARCHY": tuple(
            f"AGENT_HIERARCHY_LEVEL_{n}" for n in ("ONE", "TWO", "THREE", "FOUR", "FIVE")
        ),
        "Q_IN_CONNECT": ("Q_CONNECT_ENABLED",),
        "ROUTINGSTEPEXPRESSION": ("ROUTING_STEP_EXPRESSION",),
        "EVALUATION_FORM_ID": ("EVALUATION_FORM",),
        "EVALUATION_SECTION_ID": ("EVALUATION_SECTION",),
        "EVALUATION_QUESTION_ID": ("EVALUATION_QUESTION",),
        "EVALUATOR": ("EVALUATOR_ID",),
        "CAMPAIGN_DELIVERY_EVENTTYPE": ("CAMPAIGN_DELIVERY_EVENT_TYPE",),
        "SUBTYPE": ("contact/segmentAttributes/connect:Subtype",),
    }
)


def _label_keys(label: str) -> frozenset[str]:
    known = filter_keys() | grouping_keys()
    if label in known:
        return frozenset({label})
    key = label.upper().replace(" ", "_")
    found = frozenset(_LABEL_ALIASES.get(key, (key,)))
    return found if found <= known else frozenset()


def _spec(name: str, body: str) -> MetricSpecV2:
    text = _text(body)
    unit = re.search(r"Unit:\s*([A-Za-z]+)", text)
    unit_name = unit.group(1).upper() if unit else "COUNT"
    comparisons: frozenset[str] = frozenset()
    bounds = None
    threshold = re.search(r"Threshold:(.*?)(?:UI name|$)", text)
    if threshold:
        comparisons = frozenset(re.findall(r"\b(LTE|LT|GT)\b", threshold.group(1)))
        numbers = re.search(r"from ([\d,]+) to ([\d,]+)", threshold.group(1))
        if numbers:
            bounds = (
                int(numbers.group(1).replace(",", "")),
                int(numbers.group(2).replace(",", "")),
            )
    most = re.search(rf"up to (\d+) {name} metrics in a request", text)
    required = re.search(r"Required filter key:\s*([A-Z_]+)", text)
    keys = re.search(
        r"Valid metric filter keys?:(.*?)(?:\. |Valid groupings|Unit:|UI name|$)", text
    )
    metric_keys = (
        frozenset(re.findall(r"\b[A-Z][A-Z_]{2,}\b", keys.group(1))) if keys else frozenset()
    )
    if not metric_keys and "Metric filter:" in text:  # values listed, key left to the generic list
        metric_keys = _generic_metric_filter_keys()
    dims = re.search(r"Valid groupings and filters:(.*?)</p>", body, re.S)
    return MetricSpecV2(
        name=name,
        unit=_UNITS.get(unit_name, unit_name),
        threshold_comparisons=comparisons,
        threshold_range=bounds,
        max_per_request=int(most.group(1)) if most else None,
        required_filter_key=required.group(1) if required else None,
        metric_filter_keys=metric_keys,
        negate="Negate key in metric-level filters is not applicable" not in text,
        dimensions=tuple(_labels(dims.group(1))) if dims else (),
    )


def _labels(fragment: str) -> Iterator[str]:
    """The comma-separated labels of a fragment (some are set in <b>, so spaces are trimmed)."""
    for label in _text(fragment).split(","):
        if label.strip():
            yield label.strip()


@functools.cache
def _generic_metric_filter_keys() -> frozenset[str]:
    doc = _doc("Metrics", "member", "MetricFilters", "member", "MetricFilterKey")
    return frozenset(re.findall(r"\b[A-Z][A-Z_]{2,}\b", _text(doc)))


@functools.cache
def metric_catalogue() -> Mapping[str, MetricSpecV2]:
    """Every metric the GetMetricDataV2 Metrics documentation lists, by name.

    Example:
        >>> spec = metric_catalogue()["SERVICE_LEVEL"]
        >>> spec.unit, sorted(spec.threshold_comparisons), spec.threshold_range
        ('PERCENT', ['LT', 'LTE'], (1, 604800))
        >>> spec.max_per_request
        20
    """
    doc = _doc("Metrics")
    entries = re.findall(r"<dt>\s*([^<]+?)\s*</dt>\s*<dd>(.*?)</dd>", doc, re.S)
    return MappingProxyType({name: _spec(name, body) for name, body in entries})


# --- typed inputs -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetricFilterV2:
    """A metric-level filter: ``key`` (e.g. INITIATION_METHOD) matching ``values``."""

    key: str
    values: tuple[str, ...]
    negate: bool = False

    def to_api(self) -> dict[str, Any]:
        """The API's ``{"MetricFilterKey", "MetricFilterValues", "Negate"}`` form."""
        return {
            "MetricFilterKey": self.key,
            "MetricFilterValues": list(self.values),
            "Negate": self.negate,
        }


@dataclass(frozen=True, slots=True)
class MetricV2:
    """A GetMetricDataV2 metric: a name, and a threshold or metric filters where it takes them.

    Example:
        >>> MetricV2("SERVICE_LEVEL", threshold=60).to_api()
        {'Name': 'SERVICE_LEVEL', 'Threshold': [{'Comparison': 'LT', 'ThresholdValue': 60.0}]}
    """

    name: str
    threshold: float | None = None
    comparison: str = "LT"
    filters: tuple[MetricFilterV2, ...] = field(default=())

    def to_api(self) -> dict[str, Any]:
        """The API's ``MetricV2`` form (checked by the builder, not here)."""
        api: dict[str, Any] = {"Name": self.name}
        if self.threshold is not None:
            value = self.threshold
            api["Threshold"] = [{"Comparison": self.comparison, "ThresholdValue": _float(value)}]
        if self.filters:
            api["MetricFilters"] = [item.to_api() for item in self.filters]
        return api


def _float(value: object) -> object:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


# --- the builder ------------------------------------------------------------------------------


class _Problems:
    """Collects every problem of one request before raising them together."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(self, field: str, value: object, rule: str, source: str = "API doc") -> None:
        self.found.append(Problem(field, value, rule, source))

    def done(self) -> None:
        if self.found:
            raise ConnectRequestError(OPERATION, self.found)


def _bounds(*path: str, most: int) -> tuple[int, int]:
    """The model's min and max for the member at ``path`` (1, and ``most``, the documented
    number, where the model states none)."""
    low, high = _model.limits(OPERATION, *path)
    return low or 1, high or most


def _bounded_string(check: _Problems, field: str, value: object, *path: str) -> str | None:
    if not isinstance(value, str):
        check.add(field, value, f"must be a string, not {type(value).__name__}")
        return None
    low, high = _model.limits(OPERATION, *path)
    if len(value) < (low or 1):
        check.add(field, value, f"must be at least {low or 1} characters long", "model")
        return None
    if high is not None and len(value) > high:
        check.add(field, value, f"must be at most {high} characters long", "model")
        return None
    return value


def _list(check: _Problems, field: str, value: object) -> list[object] | None:
    if isinstance(value, str | bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        check.add(field, value, "must be a list")
        return None
    return list(value)


def _aware(check: _Problems, field: str, value: object) -> datetime | None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        check.add(field, value, "must be a timezone-aware datetime")
        return None
    try:
        return value.astimezone(UTC)
    except OverflowError:
        check.add(field, value, "must fall within the years 1..9999 in UTC")
        return None


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months earlier (the day clamped to the month).

    Example:
        >>> months_before(datetime(2026, 5, 31, tzinfo=UTC), 3).date()
        datetime.date(2026, 2, 28)
    """
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def _window(
    check: _Problems, start: object, end: object, period: str, now: datetime | None
) -> tuple[datetime | None, datetime | None]:
    """The window's own rules; the ones against ``now`` only when ``now`` itself is valid."""
    begin, finish = _aware(check, "StartTime", start), _aware(check, "EndTime", end)
    if begin is None or finish is None:
        return begin, finish
    if finish <= begin:
        check.add("EndTime", finish, "must be later than StartTime")
    limit = interval_ranges().get(period)
    if limit is not None and finish - begin >= limit:
        check.add(
            "EndTime",
            finish,
            f"with IntervalPeriod {period}, must be less than {limit.days} days after StartTime",
        )
    if now is None:  # a broken ``now`` is reported; judging against another clock would lie
        return begin, finish
    if finish > now:
        check.add("EndTime", finish, f"must not be later than now ({now.isoformat()})")
    oldest = months_before(now, RETENTION_MONTHS)
    if begin < oldest:
        check.add(
            "StartTime",
            begin,
            f"must be within the {RETENTION_MONTHS} months kept (not before {oldest.isoformat()})",
        )
    return begin, finish


def _interval(check: _Problems, period: object, time_zone: object) -> dict[str, str] | None:
    interval: dict[str, str] = {}
    if period is not None:
        allowed = _model.enum(OPERATION, "Interval", "IntervalPeriod")
        if not isinstance(period, str) or period not in allowed:
            check.add(
                "Interval.IntervalPeriod",
                period,
                "must be one of " + ", ".join(sorted(allowed)),
                "model",
            )
        else:
            interval["IntervalPeriod"] = period
    if time_zone is not None:
        if not isinstance(time_zone, str) or not _known_zone(time_zone):
            check.add(
                "Interval.TimeZone",
                time_zone,
                "must be an IANA time zone name, such as Europe/London",
            )
        else:
            interval["TimeZone"] = time_zone
    return interval or None


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _known_zone(name: str) -> bool:
    return name in _zones() or name == "UTC"


def _filters(check: _Problems, value: object) -> list[dict[str, Any]]:
    if not isinstance(value, Mapping):
        check.add("Filters", value, "must be a mapping of filter key to values")
        return []
    low, high = _bounds("Filters", most=5)  # Filters doc: "up to 5 filter keys"
    if not low <= len(value) <= high:
        check.add(
            "Filters",
            f"<{len(value)} keys>",
            f"must name {low} to {high} filter keys",
            "model",
        )
    built: list[dict[str, Any]] = []
    counted = 0
    for key, raw in value.items():
        path = f"Filters[{key!r}]" if isinstance(key, str) and len(key) <= 60 else "Filters[<key>]"
        if not isinstance(key, str) or key not in filter_keys():
            check.add(path, key, "must be a filter key the GetMetricDataV2 documentation lists")
            continue
        values = _filter_values(check, path, raw)
        if values is None:
            continue
        if key != UNCOUNTED_FILTER_KEY:
            counted += len(values)
        built.append({"FilterKey": key, "FilterValues": values})
    if counted > MAX_FILTER_VALUES:
        check.add(
            "Filters",
            f"<{counted} values>",
            f"at most {MAX_FILTER_VALUES} filter values across all keys (CHANNEL not counted)",
        )
    if not authorizing_filter_keys().intersection(k for k in value if isinstance(k, str)):
        keys = ", ".join(sorted(authorizing_filter_keys()))
        check.add("Filters", sorted(map(str, value)), f"needs at least one authorizing key: {keys}")
    return built


def _filter_values(check: _Problems, path: str, raw: object) -> list[str] | None:
    items = _list(check, path, raw)
    if items is None:
        return None
    low, high = _bounds("Filters", "member", "FilterValues", most=MAX_FILTER_VALUES)
    if not low <= len(items) <= high:
        check.add(path, f"<{len(items)} values>", f"must name {low} to {high} values", "model")
        return None
    values = [
        _bounded_string(check, f"{path}[{i}]", item, "Filters", "member", "FilterValues", "member")
        for i, item in enumerate(items)
    ]
    return [v for v in values if v is not None] if all(v is not None for v in values) else None


def _groupings(check: _Problems, value: object) -> list[str] | None:
    if value is None:
        return None
    items = _list(check, "Groupings", value)
    if items is None:
        return None
    high = _model.limits(OPERATION, "Groupings").max
    if high is not None and len(items) > high:
        check.add("Groupings", value, f"must name at most {high} groupings", "model")
    if len(set(map(str, items))) < len(items):
        check.add("Groupings", value, "must not name a grouping twice")
    valid = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item in grouping_keys():
            valid.append(item)
        else:
            check.add(
                f"Groupings[{index}]",
                item,
                "must be a grouping key the GetMetricDataV2 documentation lists",
            )
    return valid


def _threshold(
    check: _Problems, path: str, spec: MetricSpecV2, raw: object
) -> list[dict[str, Any]] | None:
    if not spec.threshold_comparisons:
        check.add(f"{path}.Threshold", raw, f"{spec.name} takes no Threshold")
        return None
    items = _list(check, f"{path}.Threshold", raw) if raw is not None else []
    # the model's Threshold list holds at most 1; the builder needs one (the metric takes it)
    if items is None or len(items) != 1 or not isinstance(items[0], Mapping):
        check.add(
            f"{path}.Threshold",
            raw,
            f"{spec.name} needs exactly one {{'Comparison', 'ThresholdValue'}}",
        )
        return None
    item = items[0]
    comparison, number = item.get("Comparison"), item.get("ThresholdValue")
    found = len(check.found)
    if set(item) - {"Comparison", "ThresholdValue"}:
        check.add(
            f"{path}.Threshold[0]", item, "unknown keys; expected Comparison and ThresholdValue"
        )
    if not isinstance(comparison, str) or comparison not in spec.threshold_comparisons:
        check.add(
            f"{path}.Threshold[0].Comparison",
            comparison,
            f"{spec.name} takes " + " or ".join(sorted(spec.threshold_comparisons)),
        )
    low, top = spec.threshold_range or SERVICE_LEVEL_THRESHOLD_RANGE
    if (
        isinstance(number, bool)
        or not isinstance(number, int | float)
        or not math.isfinite(number)
        or not float(number).is_integer()
        or not low <= number <= top
    ):
        check.add(
            f"{path}.Threshold[0].ThresholdValue",
            number,
            f"must be a whole number of seconds from {low} to {top}",
        )
    if len(check.found) > found:
        return None
    return [{"Comparison": comparison, "ThresholdValue": float(item["ThresholdValue"])}]


def _metric_filters(
    check: _Problems, path: str, spec: MetricSpecV2, raw: object
) -> list[dict[str, Any]] | None:
    items = _list(check, f"{path}.MetricFilters", raw)
    if items is None:
        return None
    low, high = _bounds("Metrics", "member", "MetricFilters", most=2)
    if not spec.metric_filter_keys:
        check.add(f"{path}.MetricFilters", raw, f"{spec.name} takes no metric filters")
        return None
    if not low <= len(items) <= high:
        check.add(
            f"{path}.MetricFilters",
            f"<{len(items)} filters>",
            f"must hold {low} to {high} metric filters",
            "model",
        )
        return None
    built = [
        _metric_filter(check, f"{path}.MetricFilters[{i}]", spec, item)
        for i, item in enumerate(items)
    ]
    return [b for b in built if b is not None]  # the caller counts the problems found


def _metric_filter(
    check: _Problems, path: str, spec: MetricSpecV2, item: object
) -> dict[str, Any] | None:
    if isinstance(item, MetricFilterV2):
        item = item.to_api()
    allowed = {"MetricFilterKey", "MetricFilterValues", "Negate"}
    if not isinstance(item, Mapping) or set(item) - allowed:
        check.add(
            path,
            item,
            "must be a MetricFilterV2 or a"
            " {'MetricFilterKey', 'MetricFilterValues', 'Negate'} dict",
        )
        return None
    key, negate = item.get("MetricFilterKey"), item.get("Negate", False)
    found = len(check.found)
    if not isinstance(key, str) or key not in spec.metric_filter_keys:
        check.add(
            f"{path}.MetricFilterKey",
            key,
            f"{spec.name} takes metric filter keys " + ", ".join(sorted(spec.metric_filter_keys)),
        )
    if not isinstance(negate, bool):
        check.add(f"{path}.Negate", negate, "must be true or false")
    elif negate and not spec.negate:
        check.add(f"{path}.Negate", negate, f"Negate is not applicable for {spec.name}")
    values = _list(check, f"{path}.MetricFilterValues", item.get("MetricFilterValues"))
    low, high = _bounds(
        "Metrics", "member", "MetricFilters", "member", "MetricFilterValues", most=10
    )
    if values is not None and not low <= len(values) <= high:
        check.add(
            f"{path}.MetricFilterValues",
            f"<{len(values)} values>",
            f"must hold {low} to {high} values",
            "model",
        )
    elif values is not None and not all(isinstance(v, str) and v for v in values):
        check.add(f"{path}.MetricFilterValues", values, "values must be non-empty strings")
    if len(check.found) > found:
        return None
    return {"MetricFilterKey": key, "MetricFilterValues": values, "Negate": negate}


def _metric(check: _Problems, index: int, item: object) -> dict[str, Any] | None:
    path = f"Metrics[{index}]"
    if isinstance(item, str):
        item = {"Name": item}
    elif isinstance(item, MetricV2):
        item = item.to_api()
    if not isinstance(item, Mapping) or set(item) - {"Name", "Threshold", "MetricFilters"}:
        check.add(
            path,
            item,
            "must be a MetricV2, a metric name or a {'Name', 'Threshold', 'MetricFilters'} dict",
        )
        return None
    name = item.get("Name")
    spec = metric_catalogue().get(name) if isinstance(name, str) else None
    if spec is None:
        check.add(f"{path}.Name", name, "must be a metric the GetMetricDataV2 documentation lists")
        return None
    metric: dict[str, Any] = {"Name": spec.name}
    found = len(check.found)
    if "Threshold" in item or spec.threshold_comparisons:
        metric["Threshold"] = _threshold(check, path, spec, item.get("Threshold"))
    if "MetricFilters" in item:
        metric["MetricFilters"] = _metric_filters(check, path, spec, item["MetricFilters"])
    return None if len(check.found) > found else metric


def _metrics(
    check: _Problems, value: object, filter_keys_given: set[str], groupings: list[str]
) -> list[dict[str, Any]]:
    items = _list(check, "Metrics", value)
    if items is None:
        return []
    if not items:
        check.add("Metrics", value, "must name at least 1 metric")
    built = [_metric(check, index, item) for index, item in enumerate(items)]
    metrics = [m for m in built if m is not None]
    counts: dict[str, int] = {}
    for metric in metrics:
        counts[metric["Name"]] = counts.get(metric["Name"], 0) + 1
    for name, count in counts.items():
        spec = metric_catalogue()[name]
        if spec.max_per_request is not None and count > spec.max_per_request:
            check.add(
                "Metrics",
                f"<{count} {name} metrics>",
                f"at most {spec.max_per_request} {name} metrics per request",
            )
        allowed = spec.groupings
        outside = sorted(set(groupings) - allowed) if allowed is not None else []
        if outside:
            check.add("Groupings", outside, f"{name} cannot be grouped by {', '.join(outside)}")
        if spec.required_filter_key and spec.required_filter_key not in filter_keys_given:
            check.add(
                "Filters",
                sorted(filter_keys_given),
                f"{name} needs a {spec.required_filter_key} filter",
            )
    return metrics


def _paging(check: _Problems, next_token: object, max_results: object) -> dict[str, Any]:
    paging: dict[str, Any] = {}
    if next_token is not None:
        token = _bounded_string(check, "NextToken", next_token, "NextToken")
        if token is not None:
            paging["NextToken"] = token
    if max_results is not None:
        low, high = _bounds("MaxResults", most=100)
        if (
            isinstance(max_results, bool)
            or not isinstance(max_results, int)
            or not low <= max_results <= high
        ):
            check.add(
                "MaxResults", max_results, f"must be an integer from {low} to {high}", "model"
            )
        else:
            paging["MaxResults"] = max_results
    return paging


def get_metric_data_v2_request(
    *,
    resource_arn: str,
    start_time: datetime,
    end_time: datetime,
    metrics: Iterable[MetricV2 | str | Mapping[str, Any]],
    filters: Mapping[str, Iterable[str]],
    groupings: Iterable[str] | None = None,
    interval_period: str | None = None,
    time_zone: str | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
    now: datetime | None = None,
) -> GetMetricDataV2RequestTypeDef:
    """Build ``GetMetricDataV2`` kwargs: historical metrics of the last 3 months, per interval.

    ``resource_arn`` is the instance ARN. ``filters`` maps filter keys to values: 1 to 5 keys,
    at least one authorizing key (QUEUE, ROUTING_PROFILE, AGENT, AGENT_HIERARCHY_LEVEL_*, ...),
    at most 100 values in all (CHANNEL's not counted). The range must stay under the
    interval's limit (3 days for FIFTEEN_MIN..HOUR, 35 for DAY, WEEK and TOTAL, the default),
    end no later than ``now``, start within the 3 months kept. Metrics: :func:`metric_catalogue`.

    Example:
        >>> from datetime import datetime, timezone
        >>> now = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
        >>> request = get_metric_data_v2_request(
        ...     resource_arn="arn:aws:connect:us-east-1:123456789012:instance/inst-1",
        ...     start_time=datetime(2026, 11, 24, tzinfo=timezone.utc), end_time=now, now=now,
        ...     filters={"QUEUE": ["q-1"]}, groupings=["QUEUE"], interval_period="HOUR",
        ...     metrics=["CONTACTS_HANDLED", MetricV2("SERVICE_LEVEL", threshold=60)])
        >>> request["Filters"], request["Interval"]
        ([{'FilterKey': 'QUEUE', 'FilterValues': ['q-1']}], {'IntervalPeriod': 'HOUR'})
    """
    check = _Problems()
    arn = _bounded_string(check, "ResourceArn", resource_arn, "ResourceArn")
    if arn is not None and not _INSTANCE_ARN.fullmatch(arn):
        check.add(
            "ResourceArn",
            arn,
            "must be an instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID)",
        )
    clock = datetime.now(UTC) if now is None else _aware(check, "now", now)
    interval = _interval(check, interval_period, time_zone)
    period = (interval or {}).get("IntervalPeriod", DEFAULT_INTERVAL)
    start, end = _window(check, start_time, end_time, period, clock)
    built_filters = _filters(check, filters)
    group_list = _groupings(check, groupings)
    given = {f["FilterKey"] for f in built_filters}
    built_metrics = _metrics(check, metrics, given, group_list or [])
    paging = _paging(check, next_token, max_results)
    check.done()
    request: dict[str, Any] = {"ResourceArn": arn, "StartTime": start, "EndTime": end}
    if interval is not None:
        request["Interval"] = interval
    request["Filters"] = built_filters
    if group_list:
        request["Groupings"] = group_list
    request["Metrics"] = built_metrics
    request.update(paging)
    return cast("GetMetricDataV2RequestTypeDef", request)


# --- rows -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetricRowV2:
    """One V2 metric value for one interval and one combination of dimensions.

    ``dimensions`` maps grouping keys (QUEUE, CHANNEL, ...) to their values; ``unit`` comes
    from :func:`metric_catalogue`. ``value`` is None when the service could not compute it.
    """

    metric_name: str
    unit: str
    value: float | None
    interval_period: str | None
    interval_start: datetime | None
    interval_end: datetime | None
    dimensions: Mapping[str, str] = field(default_factory=dict)
    threshold_comparison: str | None = None
    threshold_value: float | None = None
    metric_filters: tuple[tuple[str, tuple[str, ...], bool], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The row as a plain dict, dimensions flattened (JSON-friendly but for the times)."""
        record = {name: getattr(self, name) for name in self.__dataclass_fields__}
        record["dimensions"] = dict(self.dimensions)
        record["metric_filters"] = [
            {"key": key, "values": list(values), "negate": negate}
            for key, values, negate in self.metric_filters
        ]
        return record


def _row(
    metric: Mapping[str, Any],
    value: float | None,
    interval: Mapping[str, Any],
    dims: Mapping[str, str],
) -> MetricRowV2:
    name = str(metric.get("Name") or metric.get("MetricId") or "")
    spec = metric_catalogue().get(name)
    thresholds: Sequence[Mapping[str, Any]] = metric.get("Threshold") or ()
    threshold = thresholds[0] if thresholds else {}
    number = threshold.get("ThresholdValue")
    start, end = interval.get("StartTime"), interval.get("EndTime")
    return MetricRowV2(
        metric_name=name,
        unit=spec.unit if spec else "",
        value=None if value is None else float(value),
        interval_period=interval.get("Interval"),
        interval_start=start if isinstance(start, datetime) else None,
        interval_end=end if isinstance(end, datetime) else None,
        dimensions=MappingProxyType(dict(dims)),
        threshold_comparison=threshold.get("Comparison"),
        threshold_value=None if number is None else float(number),
        metric_filters=tuple(
            (
                str(f.get("MetricFilterKey")),
                tuple(f.get("MetricFilterValues") or ()),
                bool(f.get("Negate")),
            )
            for f in metric.get("MetricFilters") or ()
        ),
    )


def rows_from_v2_response(response: Mapping[str, Any]) -> Iterator[MetricRowV2]:
    """Flatten a GetMetricDataV2 response into :class:`MetricRowV2` s.

    Example:
        >>> from datetime import datetime, timezone
        >>> start, end = (datetime(2026, 11, 24, h, tzinfo=timezone.utc) for h in (9, 10))
        >>> response = {"MetricResults": [{"Dimensions": {"QUEUE": "q-1"},
        ...     "MetricInterval": {"Interval": "HOUR", "StartTime": start, "EndTime": end},
        ...     "Collections": [{"Metric": {"Name": "CONTACTS_HANDLED"}, "Value": 4.0}]}]}
        >>> row = next(rows_from_v2_response(response))
        >>> row.dimensions["QUEUE"], row.value, row.unit, row.interval_end.hour
        ('q-1', 4.0, 'COUNT', 10)
    """
    for result in response.get("MetricResults") or ():
        dims: Mapping[str, str] = result.get("Dimensions") or {}
        interval: Mapping[str, Any] = result.get("MetricInterval") or {}
        for collection in result.get("Collections") or ():
            yield _row(collection.get("Metric") or {}, collection.get("Value"), interval, dims)


# --- splitting one logical query into requests the API takes --------------------------------

PERIOD_LENGTHS: Final[Mapping[str, timedelta]] = MappingProxyType(
    {
        "FIFTEEN_MIN": timedelta(minutes=15),
        "THIRTY_MIN": timedelta(minutes=30),
        "HOUR": timedelta(hours=1),
        "DAY": timedelta(days=1),
        "WEEK": timedelta(weeks=1),
        "TOTAL": timedelta(days=1),  # TOTAL has no length: windows step by whole days
    }
)
"""How long each IntervalPeriod is, so that split windows end on interval boundaries."""


@dataclass(frozen=True, slots=True)
class RequestPart:
    """One request of a split query: its filters and its time window."""

    filters: Mapping[str, list[str]]
    start: datetime
    end: datetime


def _windows(start: datetime, end: datetime, period: str) -> list[tuple[datetime, datetime]]:
    limit = interval_ranges().get(period)
    if limit is None or end - start < limit:
        return [(start, end)]
    step = limit - PERIOD_LENGTHS[period]
    windows = []
    cursor = start
    while cursor < end:
        windows.append((cursor, min(cursor + step, end)))
        cursor += step
    return windows


def _filter_chunks(
    filters: Mapping[str, Iterable[str]], groupings: Sequence[str]
) -> list[dict[str, list[str]]]:
    lists = {key: list(dict.fromkeys(values)) for key, values in filters.items()}
    counted = {k: v for k, v in lists.items() if k != UNCOUNTED_FILTER_KEY}
    if sum(map(len, counted.values())) <= MAX_FILTER_VALUES:
        return [lists]
    splittable = [k for k in counted if k in groupings]
    fixed = sum(len(v) for k, v in counted.items() if k not in splittable)
    budget = MAX_FILTER_VALUES - fixed
    if not splittable or budget < len(splittable):
        raise ConnectRequestError(
            OPERATION,
            [
                Problem(
                    "Filters",
                    f"<{fixed + sum(len(counted[k]) for k in splittable)} values>",
                    f"more than {MAX_FILTER_VALUES} filter values can only be split across"
                    " requests over keys that are also groupings, so that each row stays exact",
                )
            ],
        )
    size = budget // len(splittable)  # at least 1 (checked above), at most 100
    chunks: list[dict[str, list[str]]] = [dict(lists)]
    for key in splittable:
        values = lists[key]
        pieces = [values[i : i + size] for i in range(0, len(values), size)] or [values]
        chunks = [{**chunk, key: piece} for chunk in chunks for piece in pieces]
    return chunks


def split_v2_query(
    *,
    filters: Mapping[str, Iterable[str]],
    groupings: Sequence[str] | None,
    start_time: datetime,
    end_time: datetime,
    interval_period: str | None,
) -> list[RequestPart]:
    """Split one logical V2 query into requests that each keep the documented limits.

    Filter values beyond 100 are spread over requests along keys that are also groupings
    (so each row stays exact); a range too long for the interval is cut into consecutive
    windows that end on interval boundaries (each window gets its own TOTAL row).

    Example:
        >>> from datetime import datetime, timezone
        >>> parts = split_v2_query(
        ...     filters={"QUEUE": [f"q{i}" for i in range(150)]}, groupings=["QUEUE"],
        ...     start_time=datetime(2026, 10, 1, tzinfo=timezone.utc),
        ...     end_time=datetime(2026, 11, 20, tzinfo=timezone.utc), interval_period="DAY")
        >>> [(len(p.filters["QUEUE"]), (p.end - p.start).days) for p in parts]
        [(100, 34), (100, 16), (50, 34), (50, 16)]
    """
    if not isinstance(filters, Mapping) or not all(
        isinstance(v, Iterable) and not isinstance(v, str | bytes | Mapping)
        for v in filters.values()
    ):
        return [RequestPart(cast("Mapping[str, list[str]]", filters), start_time, end_time)]
    lists = {key: list(values) for key, values in filters.items()}
    if not all(isinstance(item, str) for values in lists.values() for item in values):
        return [RequestPart(lists, start_time, end_time)]  # the builder names the bad value
    groups = groupings if isinstance(groupings, list | tuple) else ()
    chunks = _filter_chunks(lists, [g for g in groups if isinstance(g, str)])
    if not all(
        isinstance(t, datetime) and t.utcoffset() is not None for t in (start_time, end_time)
    ):
        return [RequestPart(chunk, start_time, end_time) for chunk in chunks]
    windows = _windows(start_time, end_time, interval_period or DEFAULT_INTERVAL)
    return [RequestPart(chunk, begin, end) for chunk in chunks for begin, end in windows]
