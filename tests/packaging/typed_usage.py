"""How a user's strictly typed code calls the builders with mypy-boto3-connect's own types.

Checked by the repository's mypy run under ``strict`` (see pyproject.toml); never executed as a
test. If a builder stops accepting the stubs' TypedDicts, or stops returning the stubs' request
types, CI's mypy step fails here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from connect_runtime import (
    ConnectRuntime,
    get_current_metric_data_request,
    get_metric_data_request,
    get_metric_data_v2_request,
    start_chat_contact_request,
    start_contact_streaming_request,
    start_task_contact_request,
)
from connect_runtime.metrics.historical import get_metric_data_paginator_input

if TYPE_CHECKING:
    from mypy_boto3_connect.client import ConnectClient
    from mypy_boto3_connect.type_defs import (
        ChatMessageTypeDef,
        ChatStreamingConfigurationTypeDef,
        CurrentMetricTypeDef,
        FiltersTypeDef,
        FilterV2TypeDef,
        GetMetricDataRequestTypeDef,
        GetMetricDataV2RequestTypeDef,
        HistoricalMetricTypeDef,
        IntervalDetailsTypeDef,
        MetricV2TypeDef,
        ParticipantDetailsTypeDef,
        ReferenceTypeDef,
        StartChatContactRequestTypeDef,
        StartContactStreamingRequestTypeDef,
        StartTaskContactRequestTypeDef,
        StartTaskContactResponseTypeDef,
    )


def start_with_stub_types(client: ConnectClient) -> StartTaskContactResponseTypeDef:
    references: dict[str, ReferenceTypeDef] = {
        "case": {"Value": "https://crm.example.com/case/42", "Type": "URL"},
    }
    request: StartTaskContactRequestTypeDef = start_task_contact_request(
        instance_id="inst-1", contact_flow_id="flow-1", name="Call back", references=references
    )
    return client.start_task_contact(**request)


def runtime_with_stub_types(runtime: ConnectRuntime) -> str:
    references: dict[str, ReferenceTypeDef] = {"n": {"Value": "42", "Type": "NUMBER"}}
    return runtime.start_task_contact("flow-1", "Call back", references=references)


def metrics_with_stub_types(client: ConnectClient) -> int:
    current: list[CurrentMetricTypeDef] = [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}]
    now_request = get_current_metric_data_request(
        instance_id="inst-1", metrics=current, queues=["q-1"]
    )
    answer = client.get_current_metric_data(**now_request)
    historical: list[HistoricalMetricTypeDef] = [
        {"Name": "CONTACTS_HANDLED", "Unit": "COUNT", "Statistic": "SUM"}
    ]
    now = datetime(2021, 10, 29, 12, 0, tzinfo=UTC)
    past: GetMetricDataRequestTypeDef = get_metric_data_request(
        instance_id="inst-1",
        start_time=datetime(2021, 10, 29, 11, 0, tzinfo=UTC),
        end_time=now,
        metrics=historical,
        queues=["q-1"],
        now=now,
    )
    # GetMetricData has a botocore paginator: it takes the request without its paging keys.
    paginator = client.get_paginator("get_metric_data")
    pages = paginator.paginate(**get_metric_data_paginator_input(past))
    return len(answer["MetricResults"]) + sum(len(p["MetricResults"]) for p in pages)


def v2_with_stub_types(client: ConnectClient, runtime: ConnectRuntime) -> int:
    # What a user migrating from boto3 holds: the FilterV2 list and one Interval value.
    filters: list[FilterV2TypeDef] = [{"FilterKey": "QUEUE", "FilterValues": ["q-1"]}]
    interval: IntervalDetailsTypeDef = {"IntervalPeriod": "HOUR", "TimeZone": "UTC"}
    metrics: list[MetricV2TypeDef] = [{"Name": "CONTACTS_HANDLED"}]
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    start = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    arn = "arn:aws:connect:us-east-1:123456789012:instance/inst-1"
    request: GetMetricDataV2RequestTypeDef = get_metric_data_v2_request(
        resource_arn=arn,
        start_time=start,
        end_time=now,
        metrics=metrics,
        filters=filters,
        interval=interval,
        now=now,
    )
    rows = runtime.get_metric_data_v2(
        arn, start, now, metrics, filters=filters, interval=interval, now=now
    )
    return len(client.get_metric_data_v2(**request)["MetricResults"]) + len(list(rows))


def filters_with_stub_types(client: ConnectClient) -> int:
    filters: FiltersTypeDef = {"Queues": ["q-1"], "Channels": ["CHAT"]}
    current: list[CurrentMetricTypeDef] = [{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}]
    request = get_current_metric_data_request(instance_id="i", metrics=current, filters=filters)
    now = datetime(2021, 10, 29, 12, 0, tzinfo=UTC)
    historical: list[HistoricalMetricTypeDef] = [
        {"Name": "CONTACTS_HANDLED", "Unit": "COUNT", "Statistic": "SUM"}
    ]
    past = get_metric_data_request(
        instance_id="i",
        start_time=datetime(2021, 10, 29, 11, 0, tzinfo=UTC),
        end_time=now,
        metrics=historical,
        filters=filters,
        now=now,
    )
    answer = client.get_current_metric_data(**request)
    return len(answer["MetricResults"]) + len(client.get_metric_data(**past)["MetricResults"])


def chat_with_stub_types(client: ConnectClient) -> str:
    streaming: ChatStreamingConfigurationTypeDef = {
        "StreamingEndpointArn": "arn:aws:sns:us-east-1:123456789012:chat"
    }
    participant: ParticipantDetailsTypeDef = {"DisplayName": "Jane"}
    message: ChatMessageTypeDef = {"ContentType": "text/plain", "Content": "Hi"}
    chat: StartChatContactRequestTypeDef = start_chat_contact_request(
        instance_id="i",
        contact_flow_id="f",
        participant_details=participant,
        initial_message=message,
        chat_streaming_configuration=streaming,
    )
    again: StartContactStreamingRequestTypeDef = start_contact_streaming_request(
        instance_id="i", contact_id="c", chat_streaming_configuration=streaming
    )
    contact = client.start_chat_contact(**chat)["ContactId"]
    return contact + client.start_contact_streaming(**again)["StreamingId"]
