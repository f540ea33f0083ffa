"""The GetCurrentMetricData builder: real-time metrics, their filters, groupings and sorting.

The CHANNEL and ROUTING_PROFILE grouping rules come from the API reference of 2021-10-29; the
newer members' rules from the model's GetCurrentMetricData documentation strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypedDict, cast

from connect_runtime import _model
from connect_runtime._checks import Checker
from connect_runtime.metrics._members import (
    basic_filters,
    filter_keywords,
    finish,
    metric_item,
    metric_list,
)
from connect_runtime.metrics._members import paging as paging_members
from connect_runtime.metrics.catalogue import (
    ESTIMATED_WAIT_TIME,
    GROUPINGS,
    current_metric_unit,
    current_metric_units,
)
from connect_runtime.metrics.specs import CurrentMetric

if TYPE_CHECKING:
    from mypy_boto3_connect.type_defs import FiltersTypeDef, GetCurrentMetricDataRequestTypeDef

__all__ = ["CurrentMetricsOptions", "get_current_metric_data_request"]


# Metrics that need a RoutingProfiles filter when grouped by ROUTING_PROFILE (API doc).
_NEEDS_PROFILE_FILTER: Final = frozenset(
    {"CONTACTS_SCHEDULED", "CONTACTS_IN_QUEUE", "OLDEST_CONTACT_AGE"}
)


def _current_metric(check: Checker, index: int, item: object) -> dict[str, Any] | None:
    path = f"CurrentMetrics[{index}]"
    keys = ("Name", "Unit")
    built, given, known = metric_item(check, path, item, CurrentMetric, keys, "Name and Unit")
    if given is None:
        return built
    name, unit = given.get("Name"), given.get("Unit")
    legal = current_metric_unit(name)
    if legal is None:
        check.problem(
            f"{path}.Name",
            name,
            "must be one of " + ", ".join(sorted(current_metric_units())),
        )
        return None
    if unit != legal:
        check.problem(f"{path}.Unit", unit, f"{name} takes Unit {legal}")
        return None
    return {"Name": name, "Unit": unit} if known else None


# Filters and groupings GetCurrentMetricData gained after 2021; their rules are written only in
# the model's documentation strings of GetCurrentMetricData.Filters and .Groupings.
_NEEDS_QUEUE_FILTER: Final = ("AgentStatuses", "Subtypes", "ValidationTestTypes")


_MAX_AGENT_STATUSES: Final = 50
"""Filters.AgentStatuses: "A list of up to 50 agent status IDs or ARNs" (model doc; no max)."""


_UNSORTABLE: Final = frozenset({"SLOTS_ACTIVE", "SLOTS_AVAILABLE"})
"""SortCriteria: "Sorting on SLOTS_ACTIVE and SLOTS_AVAILABLE is not supported" (model doc)."""


_SECOND_AFTER_QUEUE: Final = frozenset({"SUBTYPE", "VALIDATION_TEST_TYPE"})


def _current_groupings(check: Checker, value: object) -> list[str] | None:
    """The model's groupings, plus the 2021 INSTANCE (with a warning)."""
    items = check.optional_items("Groupings", value)
    if items is None:
        return None
    allowed = sorted(_model.enum(check.operation, "Groupings", "member"))
    limit = _model.limits(check.operation, "Groupings").max
    if limit is not None and len(items) > limit:
        check.problem("Groupings", value, f"must name at most {limit} groupings", "model")
    names = [item for item in items if isinstance(item, str)]
    if len(set(names)) < len(names):
        check.problem("Groupings", value, "must not name a grouping twice")
    valid: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, str) and item in allowed:
            valid.append(item)
        elif isinstance(item, str) and item in GROUPINGS:  # INSTANCE: 2021 API only
            _model.warn_dropped(f"Groupings[{index}]", item)
            valid.append(item)
        else:
            check.problem(
                f"Groupings[{index}]", item, "must be one of " + ", ".join(allowed), "model"
            )
    return valid


def _string_list(check: Checker, member: str, value: object, limit: int | None) -> list[str] | None:
    field = f"Filters.{member}"
    items = check.some_items(field, value, "must name at least 1 item; pass None to leave it out")
    if items is None:
        return None
    if limit is not None and len(items) > limit:
        check.problem(field, f"<{len(items)} items>", f"must name at most {limit} items")
    found: list[str] = []
    for index, item in enumerate(items):
        text = check.string(
            f"{field}[{index}]", item, ("Filters", member, "member"), required=True, min_chars=1
        )
        if text is not None:
            found.append(text)
    return found if len(found) == len(items) else None


def _newer_filters(check: Checker, values: Mapping[str, object]) -> dict[str, list[str]]:
    members = ("RoutingStepExpressions", "AgentStatuses", "Subtypes", "ValidationTestTypes")
    filters: dict[str, list[str]] = {}
    for member in members:
        if values.get(member) is None:
            continue
        limit = _model.limits(check.operation, "Filters", member).max
        if member == "AgentStatuses":
            limit = _MAX_AGENT_STATUSES
        found = _string_list(check, member, values[member], limit)
        if found is not None:
            filters[member] = found
    return filters


def _member_rules(
    check: Checker,
    filters: Mapping[str, list[str]],
    groupings: list[str],
    metrics: list[dict[str, Any]],
) -> None:
    queues = filters.get("Queues")
    for member in _NEEDS_QUEUE_FILTER:
        if member in filters and queues is None:
            check.problem(f"Filters.{member}", filters[member], "needs a Queues filter")
    if "RoutingStepExpressions" in filters:
        if queues is None or len(queues) != 1:
            check.problem(
                "Filters.Queues", queues, "a RoutingStepExpressions filter needs exactly one queue"
            )
        if "ROUTING_STEP_EXPRESSION" not in groupings:
            check.problem(
                "Groupings",
                groupings,
                "a RoutingStepExpressions filter needs grouping by ROUTING_STEP_EXPRESSION",
            )
    names = {metric["Name"] for metric in metrics}
    if "AGENT_STATUS" in groupings:
        if groupings[0] != "QUEUE" or queues is None:
            check.problem(
                "Groupings",
                groupings,
                "grouping by AGENT_STATUS needs QUEUE as the first grouping and a Queues filter",
            )
        if names - {"AGENTS_ONLINE"}:
            check.problem(
                "CurrentMetrics",
                sorted(names),
                "grouped by AGENT_STATUS, the only metric is AGENTS_ONLINE",
            )
    if (
        len(groupings) > 1
        and groupings[1] in _SECOND_AFTER_QUEUE
        and (groupings[0] != "QUEUE" or queues is None)
    ):
        check.problem(
            "Groupings",
            groupings,
            f"{groupings[1]} as the second grouping needs QUEUE first and a Queues filter",
        )
    if ESTIMATED_WAIT_TIME in names and not _estimated_wait_time_ok(filters, groupings):
        check.problem(
            "CurrentMetrics",
            ESTIMATED_WAIT_TIME,
            "ESTIMATED_WAIT_TIME needs Queues and Channels filters grouped by [QUEUE, CHANNEL], or"
            " one queue, one channel and RoutingStepExpressions grouped by"
            " [ROUTING_STEP_EXPRESSION]",
        )


def _estimated_wait_time_ok(filters: Mapping[str, list[str]], groupings: list[str]) -> bool:
    queues, channels = filters.get("Queues"), filters.get("Channels")
    if queues is None or channels is None:
        return False
    if sorted(groupings) == ["CHANNEL", "QUEUE"]:
        return True
    return (
        groupings == ["ROUTING_STEP_EXPRESSION"]
        and len(queues) == 1
        and len(channels) == 1
        and "RoutingStepExpressions" in filters
    )


def _sort_criteria(check: Checker, value: object) -> list[dict[str, str]] | None:
    items = check.optional_items("SortCriteria", value)
    if items is None:
        return None
    limit = _model.limits(check.operation, "SortCriteria").max or 1
    if len(items) > limit:
        check.problem("SortCriteria", value, f"must name at most {limit} sort criterion", "model")
        return None
    names = _model.enum(check.operation, "SortCriteria", "member", "SortByMetric")
    orders = _model.enum(check.operation, "SortCriteria", "member", "SortOrder")
    built: list[dict[str, str]] = []
    for index, item in enumerate(items):
        path = f"SortCriteria[{index}]"
        if not isinstance(item, Mapping) or set(item) - {"SortByMetric", "SortOrder"}:
            check.problem(path, item, "must be a {'SortByMetric', 'SortOrder'} dict")
            continue
        metric, order = item.get("SortByMetric"), item.get("SortOrder")
        if metric not in names:
            check.problem(
                f"{path}.SortByMetric",
                metric,
                "must be one of " + ", ".join(sorted(names)),
                "model",
            )
        elif metric in _UNSORTABLE:
            check.problem(
                f"{path}.SortByMetric",
                metric,
                "sorting on SLOTS_ACTIVE or SLOTS_AVAILABLE is not supported",
            )
        if order is not None and order not in orders:
            check.problem(
                f"{path}.SortOrder", order, "must be one of " + ", ".join(sorted(orders)), "model"
            )
        built.append({key: str(val) for key, val in item.items() if val is not None})
    return built


def _grouping_rules(
    check: Checker,
    group_list: list[str] | None,
    built: list[dict[str, Any]] | None,
    filters: set[str],
) -> None:
    """The 2021 rules for grouping by CHANNEL and ROUTING_PROFILE (``filters``: those given)."""
    groups = set(group_list or ())
    if "CHANNEL" in groups and "Channels" not in filters:
        check.problem(
            "Groupings", group_list, "grouping by CHANNEL needs a Filters.Channels filter"
        )
    if "ROUTING_PROFILE" not in groups:
        return
    if "Queues" not in filters and "RoutingProfiles" not in filters:
        check.problem(
            "Groupings",
            group_list,
            "grouping by ROUTING_PROFILE needs a queue or routing profile filter",
        )
    if "RoutingProfiles" not in filters:
        for metric in built or ():
            if metric["Name"] in _NEEDS_PROFILE_FILTER:
                check.problem(
                    "Filters.RoutingProfiles",
                    None,
                    f"{metric['Name']} grouped by ROUTING_PROFILE needs a routing profile filter",
                )


class CurrentMetricsOptions(TypedDict, total=False):
    """What :meth:`ConnectRuntime.current_metrics` takes beyond the metrics (the builder's
    keywords of the same names; the runtime pages itself)."""

    queues: Iterable[str] | None
    routing_profiles: Iterable[str] | None
    channels: Iterable[str] | None
    groupings: Iterable[str] | None
    max_results: int | None
    routing_step_expressions: Iterable[str] | None
    agent_statuses: Iterable[str] | None
    subtypes: Iterable[str] | None
    validation_test_types: Iterable[str] | None
    sort_criteria: Iterable[Mapping[str, str]] | None


def get_current_metric_data_request(
    *,
    instance_id: str,
    metrics: Iterable[CurrentMetric | Mapping[str, Any]],
    queues: Iterable[str] | None = None,
    routing_profiles: Iterable[str] | None = None,
    channels: Iterable[str] | None = None,
    groupings: Iterable[str] | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
    routing_step_expressions: Iterable[str] | None = None,
    agent_statuses: Iterable[str] | None = None,
    subtypes: Iterable[str] | None = None,
    validation_test_types: Iterable[str] | None = None,
    sort_criteria: Iterable[Mapping[str, str]] | None = None,
    filters: FiltersTypeDef | None = None,
) -> GetCurrentMetricDataRequestTypeDef:
    """Build ``GetCurrentMetricData`` kwargs for real-time metrics.

    Filters (the keywords, or the API's own ``filters`` dict) name queues (at most 100),
    routing profiles or channels, not both queues and routing profiles. Grouping by CHANNEL
    needs a channel filter; by ROUTING_PROFILE a queue or routing-profile filter, and a
    routing-profile one for CONTACTS_SCHEDULED, CONTACTS_IN_QUEUE and OLDEST_CONTACT_AGE.
    Newer members follow the rules the model's documentation states (README).

    Example:
        >>> request = get_current_metric_data_request(
        ...     instance_id="inst-1", queues=["q-1"], groupings=["QUEUE"],
        ...     metrics=[CurrentMetric("CONTACTS_IN_QUEUE"), CurrentMetric("OLDEST_CONTACT_AGE")])
        >>> request["CurrentMetrics"][1]
        {'Name': 'OLDEST_CONTACT_AGE', 'Unit': 'SECONDS'}
    """
    check = Checker("GetCurrentMetricData")
    instance = check.string("InstanceId", instance_id, ("InstanceId",), required=True)
    keywords = filter_keywords(
        queues=queues,
        routing_profiles=routing_profiles,
        channels=channels,
        routing_step_expressions=routing_step_expressions,
        agent_statuses=agent_statuses,
        subtypes=subtypes,
        validation_test_types=validation_test_types,
    )
    members = check.either("Filters", ("filters", filters), keywords)
    built_filters = _current_filters(check, members)
    group_list = _current_groupings(check, groupings)
    built = metric_list(check, "CurrentMetrics", metrics, _current_metric)
    built_filters.update(_newer_filters(check, members or {}))
    _member_rules(check, built_filters, group_list or [], built or [])
    sort = _sort_criteria(check, sort_criteria)
    given = {member for member, value in (members or {}).items() if value is not None}
    _grouping_rules(check, group_list, built, given)
    paging = paging_members(check, next_token, max_results)
    check.done()
    request = {"InstanceId": instance, "Filters": built_filters, "CurrentMetrics": built}
    return cast("GetCurrentMetricDataRequestTypeDef", finish(request, group_list, paging, sort))


def _current_filters(check: Checker, members: Mapping[str, object] | None) -> dict[str, Any]:
    """The 2021 filters of ``GetCurrentMetricData``: never queues and routing profiles both."""
    filters = basic_filters(check, members)
    if members is None:
        return filters
    queues, routing_profiles = members["Queues"], members["RoutingProfiles"]
    if queues is not None and routing_profiles is not None:
        check.problem(
            "Filters",
            "Queues and RoutingProfiles",
            "cannot filter by both queues and routing profiles",
        )
    return filters
