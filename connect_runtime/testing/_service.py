"""The operations against the seeded state, one capability's operations per mixin.

The documented rules are checked by the client's own builders (InvalidParameterException);
idempotency and paging are kept as the service keeps them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from connect_runtime.testing._operations import NEXT_TOKEN_TTL, service_message
from connect_runtime.testing.metrics.service import MetricsOperations
from connect_runtime.testing.streaming.service import StreamingOperations
from connect_runtime.testing.tasks.service import TaskOperations

__all__ = ["NEXT_TOKEN_TTL", "ConnectService", "service_message"]


class ConnectService(StreamingOperations, TaskOperations, MetricsOperations):
    """Runs every operation the endpoint serves; thread-safe through the state's lock."""

    def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """Run ``operation``; raise :class:`ServiceError` for an error answer."""
        handler = _HANDLERS[operation]
        for instance in self.state:
            instance.start_due_tasks()  # scheduled tasks start on the endpoint's clock
        return handler(self, params)


_HANDLERS: Final[Mapping[str, Callable[[ConnectService, dict[str, Any]], dict[str, Any]]]] = {
    "StartContactStreaming": ConnectService._start_contact_streaming,
    "StopContactStreaming": ConnectService._stop_contact_streaming,
    "GetCurrentMetricData": ConnectService._get_current_metric_data,
    "GetMetricData": ConnectService._get_metric_data,
    "StartTaskContact": ConnectService._start_task_contact,
    "GetMetricDataV2": ConnectService._get_metric_data_v2,
    "StartChatContact": ConnectService._start_chat_contact,
}
