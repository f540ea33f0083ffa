"""GetCurrentMetricData as the installed model documents it: filters, groupings, sorting, rows."""

from __future__ import annotations

import warnings
from typing import Any

import botocore
import pytest
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters
from hypothesis import given
from hypothesis import strategies as st

from connect_runtime import (
    ConnectRequestError,
    ConnectRuntimeError,
    CurrentMetric,
    HistoricalMetric,
    ModelDroppedWarning,
    _model,
    get_current_metric_data_request,
    get_metric_data_request,
)
from connect_runtime.testing import ConnectEndpoint
from connect_runtime.testing.strategies import metrics as today
from tests.runtime.testing.conftest import INSTANCE, NOW
from tests.runtime.testing.metrics import test_figures as test_metrics

centre = test_metrics.centre  # the seeded contact centre those tests hand-check
endpoint = test_metrics.endpoint


def _botocore_accepts(request: dict[str, Any]) -> None:
    shape: Any = _model.operation_model("GetCurrentMetricData").input_shape
    try:
        validate_parameters(request, shape)
    except ParamValidationError as error:  # pragma: no cover - the failure message is the point
        pytest.fail(f"botocore refused {request}: {error}")


def _build(**overrides: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"instance_id": "i", "metrics": [CurrentMetric("AGENTS_ONLINE")]}
    kwargs.update(overrides)
    return dict(get_current_metric_data_request(**kwargs))


# --- properties ----------------------------------------------------------------------------


@given(today.get_current_metric_data_model_kwargs())
def test_valid_requests_are_built_and_botocore_accepts_them(kwargs: dict[str, Any]) -> None:
    request: dict[str, Any] = dict(get_current_metric_data_request(**kwargs))
    _botocore_accepts(request)
    assert len(request.get("SortCriteria", [])) <= 1
    assert "INSTANCE" not in request.get("Groupings", [])


@given(today.broken_get_current_metric_data_kwargs())
def test_one_broken_rule_is_refused_naming_its_field(case: tuple[dict[str, Any], str]) -> None:
    kwargs, field = case
    with pytest.raises(ConnectRequestError) as caught:
        get_current_metric_data_request(**kwargs)
    assert field in caught.value.fields


@given(
    st.sampled_from(
        ["routing_step_expressions", "agent_statuses", "subtypes", "validation_test_types"]
    ),
    st.one_of(st.integers(), st.text(), st.dictionaries(st.text(), st.integers()), st.just([1])),
)
def test_junk_in_a_new_filter_raises_only_request_errors(name: str, junk: object) -> None:
    with pytest.raises(ConnectRequestError):
        _build(queues=["q"], **{name: junk})


@given(
    st.one_of(
        st.integers(), st.text(), st.lists(st.integers(), min_size=1), st.just([{"x": 1}, {}])
    )
)
def test_junk_sort_criteria_raise_only_request_errors(junk: object) -> None:
    with pytest.raises(ConnectRequestError):
        _build(queues=["q"], sort_criteria=junk)


# --- the documented rules, one by one --------------------------------------------------------


def test_sorting_on_slots_is_refused_and_two_criteria_are_too_many() -> None:
    with pytest.raises(ConnectRequestError, match="SLOTS_ACTIVE") as caught:
        _build(queues=["q"], sort_criteria=[{"SortByMetric": "SLOTS_ACTIVE"}])
    assert caught.value.field == "SortCriteria[0].SortByMetric"
    two = [{"SortByMetric": "AGENTS_ONLINE"}, {"SortByMetric": "AGENTS_STAFFED"}]
    with pytest.raises(ConnectRequestError, match="at most 1") as caught:
        _build(queues=["q"], sort_criteria=two)
    assert caught.value.field == "SortCriteria"


@pytest.mark.parametrize("name", ["agent_statuses", "subtypes", "validation_test_types"])
def test_new_filters_need_a_queue_filter(name: str) -> None:
    with pytest.raises(ConnectRequestError, match="needs a Queues filter"):
        _build(routing_profiles=["rp"], **{name: ["x"]})
    assert _build(queues=["q"], **{name: ["x"]})["Filters"]["Queues"] == ["q"]


def test_routing_step_expressions_need_one_queue_and_their_grouping() -> None:
    with pytest.raises(ConnectRequestError, match="exactly one queue"):
        _build(
            queues=["a", "b"],
            routing_step_expressions=["{}"],
            groupings=["ROUTING_STEP_EXPRESSION"],
        )
    with pytest.raises(ConnectRequestError, match="grouping by ROUTING_STEP_EXPRESSION"):
        _build(queues=["a"], routing_step_expressions=["{}"])
    with pytest.raises(ConnectRequestError, match="at most 3000"):
        _build(
            queues=["a"],
            routing_step_expressions=["x" * 3001],
            groupings=["ROUTING_STEP_EXPRESSION"],
        )


def test_agent_status_grouping_follows_queue_and_takes_only_agents_online() -> None:
    with pytest.raises(ConnectRequestError, match="QUEUE as the first grouping"):
        _build(queues=["q"], groupings=["AGENT_STATUS"])
    with pytest.raises(ConnectRequestError, match="only metric is AGENTS_ONLINE"):
        _build(
            queues=["q"],
            groupings=["QUEUE", "AGENT_STATUS"],
            metrics=[CurrentMetric("AGENTS_ONLINE"), CurrentMetric("AGENTS_STAFFED")],
        )
    _botocore_accepts(_build(queues=["q"], groupings=["QUEUE", "AGENT_STATUS"]))


@pytest.mark.parametrize("grouping", ["SUBTYPE", "VALIDATION_TEST_TYPE"])
def test_subtype_and_validation_test_type_second_only_after_queue(grouping: str) -> None:
    with pytest.raises(ConnectRequestError, match="second grouping needs QUEUE"):
        _build(queues=["q"], channels=["CHAT"], groupings=["CHANNEL", grouping])
    _botocore_accepts(_build(queues=["q"], groupings=["QUEUE", grouping]))


def test_estimated_wait_time_only_in_its_two_documented_shapes() -> None:
    ewt = [CurrentMetric("ESTIMATED_WAIT_TIME")]
    assert ewt[0].unit == "SECONDS"  # read from the model's documentation
    by_queue = _build(metrics=ewt, queues=["a", "b"], channels=["VOICE", "EMAIL"],
                      groupings=["QUEUE", "CHANNEL"])  # fmt: skip
    _botocore_accepts(by_queue)
    by_step = _build(metrics=ewt, queues=["a"], channels=["CHAT"], routing_step_expressions=["{}"],
                     groupings=["ROUTING_STEP_EXPRESSION"])  # fmt: skip
    _botocore_accepts(by_step)
    with pytest.raises(ConnectRequestError, match="ESTIMATED_WAIT_TIME needs"):
        _build(metrics=ewt, queues=["a"], groupings=["QUEUE"])


def test_email_is_a_channel_today() -> None:
    assert _build(queues=["q"], channels=["EMAIL"])["Filters"]["Channels"] == ["EMAIL"]


# --- the 2021 values the model dropped: sent, with a warning naming the model --------------


def test_instance_grouping_warns_naming_the_model_version_and_is_still_sent() -> None:
    assert "INSTANCE" not in _model.enum("GetCurrentMetricData", "Groupings", "member")
    with pytest.warns(ModelDroppedWarning, match=f"botocore {botocore.__version__}"):
        request = _build(queues=["q"], groupings=["INSTANCE"])
    assert request["Groupings"] == ["INSTANCE"]
    assert issubclass(ModelDroppedWarning, ConnectRuntimeError)


@pytest.mark.parametrize(
    "name", ["CONTACTS_TRANSFERRED_IN_BY_AGENT", "CONTACTS_TRANSFERRED_OUT_BY_AGENT"]
)
def test_by_agent_metrics_warn_and_are_still_sent(name: str) -> None:
    assert name not in _model.enum("GetMetricData", "HistoricalMetrics", "member", "Name")
    with pytest.warns(ModelDroppedWarning, match=name):
        metric = HistoricalMetric(name)
    from datetime import timedelta

    with pytest.warns(ModelDroppedWarning):
        request = get_metric_data_request(
            instance_id="i", queues=["q"], metrics=[metric.to_api()], now=NOW,
            start_time=NOW.replace(minute=0, second=0) - timedelta(hours=1),
            end_time=NOW.replace(minute=0, second=0),
        )  # fmt: skip
    assert request["HistoricalMetrics"][0]["Name"] == name


def test_model_values_raise_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _build(queues=["q"], groupings=["QUEUE"])


def test_milliseconds_unit_is_refused_everywhere() -> None:
    # The 2021 Unit enum's MILLISECONDS belonged to no metric; today's model dropped it.
    assert "MILLISECONDS" not in _model.enum(
        "GetCurrentMetricData", "CurrentMetrics", "member", "Unit"
    )
    with pytest.raises(ConnectRequestError, match="takes Unit SECONDS"):
        _build(queues=["q"], metrics=[{"Name": "OLDEST_CONTACT_AGE", "Unit": "MILLISECONDS"}])


# --- through real boto3 and the local endpoint ----------------------------------------------


def test_endpoint_groups_by_agent_status(endpoint: ConnectEndpoint) -> None:
    rows = list(
        endpoint.runtime(INSTANCE).current_metrics(
            [CurrentMetric("AGENTS_ONLINE")], queues=["q-a"], groupings=["QUEUE", "AGENT_STATUS"]
        )
    )
    # rp-1 serves q-a: ann and ben Available, cat on Break, dan Offline (not online)
    assert {(r.queue_id, r.agent_status_id): r.value for r in rows} == {
        ("q-a", "Available"): 2.0,
        ("q-a", "Break"): 1.0,
    }
    assert {r.data_snapshot_time for r in rows} == {NOW}
    assert {r.approximate_total_count for r in rows} == {2}


def test_endpoint_sorts_and_filters_by_subtype(endpoint: ConnectEndpoint) -> None:
    runtime = endpoint.runtime(INSTANCE)
    rows = list(
        runtime.current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE")], queues=["q-a", "q-b", "q-c"],
            groupings=["QUEUE"],
            sort_criteria=[{"SortByMetric": "CONTACTS_IN_QUEUE", "SortOrder": "ASCENDING"}],
        )
    )  # fmt: skip
    assert [(r.queue_id, r.value) for r in rows] == [("q-c", 0.0), ("q-b", 2.0), ("q-a", 3.0)]
    chat = list(
        runtime.current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE")], queues=["q-a"], subtypes=["connect:Chat"]
        )
    )
    assert [r.value for r in chat] == [2.0]  # chat-q1 and chat-q2; voice-q is Telephony


def test_endpoint_answers_estimated_wait_time_without_a_value(endpoint: ConnectEndpoint) -> None:
    rows = list(
        endpoint.runtime(INSTANCE).current_metrics(
            [CurrentMetric("ESTIMATED_WAIT_TIME")], queues=["q-a"], channels=["CHAT"],
            groupings=["QUEUE", "CHANNEL"],
        )
    )  # fmt: skip
    assert [(r.queue_id, r.channel, r.value) for r in rows] == [("q-a", "CHAT", None)]
