"""The members GetCurrentMetricData and GetMetricData share: Filters, paging, metric lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, cast

from connect_runtime import _model
from connect_runtime._checks import Checker
from connect_runtime.metrics.catalogue import CHANNELS, MAX_QUEUES_PER_REQUEST

__all__ = [
    "FILTER_KEYWORDS",
    "basic_filters",
    "filter_keywords",
    "finish",
    "metric_item",
    "metric_list",
    "paging",
]


def _id_list(check: Checker, field: str, value: object, limit: int) -> list[str] | None:
    items = check.some_items(
        field, value, "must name at least 1 item; pass None to leave it out", "model"
    )
    if items is None:
        return None
    if len(items) > limit:
        check.problem(field, f"<{len(items)} items>", f"must name at most {limit} items")
    ids: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item:
            check.problem(f"{field}[{index}]", item, "must be a non-empty string (ID or ARN)")
        else:
            ids.append(item)
    return ids


def basic_filters(check: Checker, members: Mapping[str, object] | None) -> dict[str, list[str]]:
    """Filters.Queues, .RoutingProfiles and .Channels (``members``: None once told broken)."""
    filters: dict[str, list[str]] = {}
    if members is None:
        return filters
    queues, routing_profiles = members["Queues"], members["RoutingProfiles"]
    channels = members["Channels"]
    if queues is not None:
        limit = _model.limits(check.operation, "Filters", "Queues").max or MAX_QUEUES_PER_REQUEST
        found = _id_list(check, "Filters.Queues", queues, min(limit, MAX_QUEUES_PER_REQUEST))
        if found is not None:
            filters["Queues"] = found
    if routing_profiles is not None:
        limit = _model.limits(check.operation, "Filters", "RoutingProfiles").max or 100
        found = _id_list(check, "Filters.RoutingProfiles", routing_profiles, limit)
        if found is not None:
            filters["RoutingProfiles"] = found
    if channels is not None:
        items = check.items("Filters.Channels", channels)
        if items is not None:
            allowed = _channels(check.operation)
            channel_limit = _model.limits(check.operation, "Filters", "Channels").max
            if channel_limit is not None and len(items) > channel_limit:
                check.problem(
                    "Filters.Channels",
                    channels,
                    f"must name at most {channel_limit} channels",
                    "model",
                )
            if not items:
                check.problem(
                    "Filters.Channels",
                    channels,
                    "must name at least 1 channel; pass None to leave it out",
                )
            for index, item in enumerate(items):
                if item not in allowed:
                    check.problem(
                        f"Filters.Channels[{index}]", item, "must be one of " + ", ".join(allowed)
                    )
            if items and all(item in allowed for item in items):
                filters["Channels"] = cast("list[str]", items)
    if queues is None and routing_profiles is None and channels is None:
        check.problem("Filters", None, "must name queues, routing profiles or channels")
    return filters


def _channels(operation: str) -> tuple[str, ...]:
    # Newer channels in the installed model (EMAIL) are accepted: harmless to pass through.
    extra = sorted(_model.enum(operation, "Filters", "Channels", "member") - set(CHANNELS))
    return (*CHANNELS, *extra)


def paging(check: Checker, next_token: object, max_results: object) -> dict[str, Any]:
    paging: dict[str, Any] = {}
    token = check.string("NextToken", next_token, ("NextToken",), required=False, min_chars=1)
    if token is not None:
        paging["NextToken"] = token
    if max_results is not None:
        low, high = _model.limits(check.operation, "MaxResults")
        low, high = low or 1, high or 100
        if isinstance(max_results, bool) or not isinstance(max_results, int):
            check.problem("MaxResults", max_results, "must be an integer")
        elif not low <= max_results <= high:
            check.problem("MaxResults", max_results, f"must be from {low} to {high}", "model")
        else:
            paging["MaxResults"] = max_results
    return paging


def metric_item(
    check: Checker, path: str, item: object, spec: type, keys: tuple[str, ...], expected: str
) -> tuple[dict[str, Any] | None, Mapping[str, Any] | None, bool]:
    """One metric item read: (built from a spec object, or the dict form to check, and whether
    the dict form has no unknown keys). ``keys``: the dict form's, ``expected``: said of them."""
    if isinstance(item, spec):
        return dict(item.to_api()), None, True  # type: ignore[attr-defined]
    if not isinstance(item, Mapping):
        shown = ", ".join(repr(key) for key in keys if key != "Threshold")
        check.problem(path, item, f"must be a {spec.__name__} or a {{{shown}}} dict")
        return None, None, False
    unknown = sorted(str(key) for key in item if key not in keys)
    if unknown:
        check.problem(path, item, f"unknown keys {unknown}; expected {expected}")
    return None, item, not unknown


def metric_list(check: Checker, field: str, value: object, one: Any) -> list[dict[str, Any]] | None:
    items = check.some_items(field, value, "must name at least 1 metric")
    if items is None:
        return None
    built = [one(check, index, item) for index, item in enumerate(items)]
    return [metric for metric in built if metric is not None]


FILTER_KEYWORDS: Final = {
    "Queues": "queues",
    "RoutingProfiles": "routing_profiles",
    "Channels": "channels",
    "RoutingStepExpressions": "routing_step_expressions",
    "AgentStatuses": "agent_statuses",
    "Subtypes": "subtypes",
    "ValidationTestTypes": "validation_test_types",
}
"""Filters member -> the builders' keyword for it."""


def filter_keywords(**given: object) -> dict[str, tuple[str, object]]:
    """The Filters members a builder takes, as :meth:`Checker.either` reads them."""
    return {
        member: (keyword, given[keyword])
        for member, keyword in FILTER_KEYWORDS.items()
        if keyword in given
    }


def finish(
    request: dict[str, Any],
    groupings: list[str] | None,
    paging: Mapping[str, Any],
    sort: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """``request`` with its groupings and sort criteria (when given) and paging added."""
    if groupings is not None:
        request["Groupings"] = groupings
    if sort is not None:
        request["SortCriteria"] = sort
    request.update(paging)
    return request
