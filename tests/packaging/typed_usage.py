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
    start_task_contact_request,
)
from connect_runtime.requests import get_metric_data_paginator_input

if TYPE_CHECKING:
    from mypy_boto3_connect.client import ConnectClient
    from mypy_boto3_connect.type_defs import (
        CurrentMetricTypeDef,
        GetMetricDataRequestTypeDef,
        HistoricalMetricTypeDef,
        ReferenceTypeDef,
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
