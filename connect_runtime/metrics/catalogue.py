"""What each metrics API accepts: the 2021 name/unit/statistic tables, and the metric and key
catalogues the installed model's documentation strings list (GetCurrentMetricData,
GetMetricDataV2); parsed here, never retyped elsewhere.

botocore's model lists names and units, but not which unit belongs to which name; those
tables come from the API reference of 2021-10-29.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from types import MappingProxyType
from typing import Final, Literal

from connect_runtime import _model

__all__ = [
    "CHANNELS",
    "CURRENT_METRIC_UNITS",
    "DEFAULT_INTERVAL",
    "GROUPINGS",
    "HISTORICAL_METRIC_UNITS",
    "MAX_FILTER_VALUES",
    "MAX_QUEUES_PER_REQUEST",
    "MAX_SERVICE_LEVEL_METRICS",
    "SERVICE_LEVEL_THRESHOLD_RANGE",
    "MetricSpecV2",
    "authorizing_filter_keys",
    "current_metric_unit",
    "current_metric_units",
    "filter_keys",
    "grouping_keys",
    "interval_ranges",
    "metric_catalogue",
]


MAX_QUEUES_PER_REQUEST: Final = 100


GROUPINGS: Final = ("QUEUE", "CHANNEL", "ROUTING_PROFILE", "INSTANCE")
"""The groupings of the 2021-10-29 API (newer models add ones that need newer filters)."""


CHANNELS: Final = ("VOICE", "CHAT", "TASK")
"""The channels of the 2021-10-29 API (Filters.Channels; the installed model adds EMAIL)."""


# Typing's copies of the model's Unit (with the 2021 MILLISECONDS) and Statistic enums;
# tests/runtime/test_single_sources.py holds them equal to the model.
Unit = Literal["SECONDS", "MILLISECONDS", "COUNT", "PERCENT"]


Statistic = Literal["SUM", "MAX", "AVG"]


CURRENT_METRIC_UNITS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "AGENTS_AFTER_CONTACT_WORK": "COUNT",
        "AGENTS_AVAILABLE": "COUNT",
        "AGENTS_ERROR": "COUNT",
        "AGENTS_NON_PRODUCTIVE": "COUNT",
        "AGENTS_ON_CALL": "COUNT",
        "AGENTS_ON_CONTACT": "COUNT",
        "AGENTS_ONLINE": "COUNT",
        "AGENTS_STAFFED": "COUNT",
        "CONTACTS_IN_QUEUE": "COUNT",
        "CONTACTS_SCHEDULED": "COUNT",
        "OLDEST_CONTACT_AGE": "SECONDS",
        "SLOTS_ACTIVE": "COUNT",
        "SLOTS_AVAILABLE": "COUNT",
    }
)
"""Real-time metric name -> the only unit the API accepts for it."""


_COUNT_SUM: Final = ("COUNT", "SUM")


_SECONDS_AVG: Final = ("SECONDS", "AVG")


HISTORICAL_METRIC_UNITS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "ABANDON_TIME": _SECONDS_AVG,
        "AFTER_CONTACT_WORK_TIME": _SECONDS_AVG,
        "API_CONTACTS_HANDLED": _COUNT_SUM,
        "CALLBACK_CONTACTS_HANDLED": _COUNT_SUM,
        "CONTACTS_ABANDONED": _COUNT_SUM,
        "CONTACTS_AGENT_HUNG_UP_FIRST": _COUNT_SUM,
        "CONTACTS_CONSULTED": _COUNT_SUM,
        "CONTACTS_HANDLED": _COUNT_SUM,
        "CONTACTS_HANDLED_INCOMING": _COUNT_SUM,
        "CONTACTS_HANDLED_OUTBOUND": _COUNT_SUM,
        "CONTACTS_HOLD_ABANDONS": _COUNT_SUM,
        "CONTACTS_MISSED": _COUNT_SUM,
        "CONTACTS_QUEUED": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_IN": _COUNT_SUM,
        # The 2021 enum lists the two *_BY_AGENT names without a table row; they are counts
        # like their siblings. Newer botocore models dropped them.
        "CONTACTS_TRANSFERRED_IN_BY_AGENT": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_IN_FROM_QUEUE": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_OUT": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_OUT_BY_AGENT": _COUNT_SUM,
        "CONTACTS_TRANSFERRED_OUT_FROM_QUEUE": _COUNT_SUM,
        "HANDLE_TIME": _SECONDS_AVG,
        "HOLD_TIME": _SECONDS_AVG,
        "INTERACTION_AND_HOLD_TIME": _SECONDS_AVG,
        "INTERACTION_TIME": _SECONDS_AVG,
        "OCCUPANCY": ("PERCENT", "AVG"),
        "QUEUE_ANSWER_TIME": _SECONDS_AVG,
        "QUEUED_TIME": ("SECONDS", "MAX"),
        "SERVICE_LEVEL": ("PERCENT", "AVG"),
    }
)
"""Historical metric name -> (unit, statistic), the only pair the API accepts for it."""


SERVICE_LEVEL: Final = "SERVICE_LEVEL"


SERVICE_LEVEL_THRESHOLD_RANGE: Final = (1, 604_800)
"""SERVICE_LEVEL ThresholdValue: a whole number of seconds, inclusive bounds."""


MAX_SERVICE_LEVEL_METRICS: Final = 20


OLDEST_CONTACT_AGE: Final = "OLDEST_CONTACT_AGE"


ESTIMATED_WAIT_TIME: Final = "ESTIMATED_WAIT_TIME"


@functools.cache
def current_metric_units() -> Mapping[str, str]:
    """Real-time metric name -> unit, as the installed model's documentation lists them.

    The botocore model's ``GetCurrentMetricData.CurrentMetrics`` documentation is a
    ``<dt>NAME</dt><dd><p>Unit: UNIT</p>...`` list; names it adds to the 2021 table
    (ESTIMATED_WAIT_TIME) are read from there, never retyped.

    Example:
        >>> current_metric_units()["ESTIMATED_WAIT_TIME"]
        'SECONDS'
    """
    from connect_runtime import _model  # deferred: the model loads on first use

    text = _model.shape_at("GetCurrentMetricData", "CurrentMetrics").documentation
    found = dict(re.findall(r"<dt>\s*([A-Z_]+)\s*</dt>\s*<dd>\s*<p>\s*Unit:\s*([A-Z]+)", text))
    return MappingProxyType({**found, **CURRENT_METRIC_UNITS})


def current_metric_unit(name: object) -> str | None:
    """The only unit GetCurrentMetricData accepts for ``name``, or None for an unknown name."""
    if not isinstance(name, str):
        return None
    return current_metric_units().get(name)


V2_OPERATION: Final = "GetMetricDataV2"


MAX_FILTER_VALUES: Final = 100
"""Filters doc: "up to 100 filter values across all filter keys" (CHANNEL values not counted)."""


UNCOUNTED_FILTER_KEY: Final = "CHANNEL"
"""Filters doc: VOICE, CHAT, TASK and EMAIL "do not count towards the limit of 100"."""


DEFAULT_INTERVAL: Final = "TOTAL"
"""Interval doc: "By default Connect Customer aggregates results based on the TOTAL interval"."""


_UNITS: Final = {"PERCENTAGE": "PERCENT"}  # the catalogue spells PERCENT both ways


def _doc(*path: str) -> str:
    return str(_model.shape_at(V2_OPERATION, *path).documentation)


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
