"""A built GetMetricData request handed to botocore's own paginator, through real boto3."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from connect_runtime import HistoricalMetric, get_metric_data_request
from connect_runtime.metrics.historical import get_metric_data_paginator_input
from connect_runtime.testing import ConnectEndpoint, ManualClock
from tests.runtime.testing.conftest import INSTANCE, NOW, queued_chats


@pytest.fixture
def many_queues(clock: ManualClock) -> Iterator[ConnectEndpoint]:
    with queued_chats(clock, queues=25, chats_modulo=4, waiting_from=600) as served:
        yield served


def test_the_paginator_walks_every_page_of_a_built_request(many_queues: ConnectEndpoint) -> None:
    end = NOW.replace(minute=0, second=0)
    start = end - timedelta(hours=1)
    request = get_metric_data_request(
        instance_id=INSTANCE,
        start_time=start,
        end_time=end,
        metrics=[HistoricalMetric("CONTACTS_QUEUED")],
        queues=[f"q-{i:02}" for i in range(25)],
        groupings=["QUEUE"],
        max_results=10,
        now=NOW,
    )
    paginator = many_queues.client().get_paginator("get_metric_data")
    pages = list(paginator.paginate(**get_metric_data_paginator_input(request)))
    assert [len(page["MetricResults"]) for page in pages] == [10, 10, 5]
    queues = [r["Dimensions"]["Queue"]["Id"] for page in pages for r in page["MetricResults"]]
    assert queues == [f"q-{i:02}" for i in range(25)]
    runtime = many_queues.runtime(rate_limits=None)
    rows = list(
        runtime.historical_metrics(
            start,
            end,
            [HistoricalMetric("CONTACTS_QUEUED")],
            queues=[f"q-{i:02}" for i in range(25)],
            groupings=["QUEUE"],
            max_results=10,
            now=NOW,
        )
    )
    by_queue = {
        r["Dimensions"]["Queue"]["Id"]: r["Collections"][0].get("Value")
        for p in pages
        for r in p["MetricResults"]
    }
    assert by_queue["q-03"] == 3
    assert {row.queue_id: row.value for row in rows} == by_queue
