"""The endpoint's metrics operations: GetCurrentMetricData, GetMetricData and GetMetricDataV2,
their figures computed from the state, and NextTokens that expire as the service's do."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final

import connect_runtime as builders
from connect_runtime.metrics.v2 import get_metric_data_v2_request
from connect_runtime.testing._operations import Operations, Page, checked, request_fingerprint
from connect_runtime.testing._wire import ServiceError, timestamp
from connect_runtime.testing.metrics import figures, v2

__all__ = ["DEFAULT_PAGE_SIZE", "MetricsOperations"]

DEFAULT_PAGE_SIZE: Final = 100


class MetricsOperations(Operations):
    """GetCurrentMetricData, GetMetricData and GetMetricDataV2 on the seeded state."""

    def _get_current_metric_data(self, params: dict[str, Any]) -> dict[str, Any]:
        request = checked(
            builders.get_current_metric_data_request, params, metrics=params["CurrentMetrics"]
        )
        instance = self._instance(params["InstanceId"])
        now = self.state.now()

        compute = functools.partial(figures.current_rows, instance, request, now)
        page, rows, snapshot, next_token = self._page(params, compute, now)
        answer = {"MetricResults": page, "DataSnapshotTime": snapshot}
        return _with_next_token({**answer, "ApproximateTotalCount": len(rows)}, next_token)

    def _get_metric_data(self, params: dict[str, Any]) -> dict[str, Any]:
        now = self.state.now()
        filters = params.get("Filters") or {}
        request = checked(
            builders.get_metric_data_request,
            params,
            **_window(params),
            metrics=params["HistoricalMetrics"],
            # GetMetricData takes these three; the shared Filters shape lists more (model doc:
            # "RoutingStepExpression is not a valid filter for GetMetricData").
            filters={key: filters[key] for key in _HISTORICAL_FILTERS if key in filters},
            now=now,
        )
        instance = self._instance(params["InstanceId"])

        compute = functools.partial(figures.historical_rows, instance, request, now)
        page, _, _, next_token = self._page(params, compute, now)
        return _with_next_token({"MetricResults": page}, next_token)

    def _get_metric_data_v2(self, params: dict[str, Any]) -> dict[str, Any]:
        now = self.state.now()
        request = checked(
            get_metric_data_v2_request,
            params,
            **_window(params),
            filters={f.get("FilterKey"): f.get("FilterValues") for f in params["Filters"]},
            now=now,
        )
        instance_id = str(request["ResourceArn"]).rsplit("/", 1)[-1]
        instance = self._instance(instance_id)
        if instance.instance.arn != request["ResourceArn"]:
            raise ServiceError(
                "ResourceNotFoundException", f"Instance {request['ResourceArn']} was not found"
            )

        compute = functools.partial(v2.v2_rows, instance, request)
        page, _, _, next_token = self._page(params, compute, now)
        return _with_next_token({"MetricResults": page}, next_token)

    def _page(
        self,
        params: Mapping[str, Any],
        compute: Callable[[], list[dict[str, Any]]],
        now: datetime,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], datetime, str | None]:
        fingerprint = request_fingerprint(params, "NextToken")
        token = params.get("NextToken")
        if token:
            cached = self._resume(str(token), fingerprint, now)
            rows, offset, snapshot = cached.rows, cached.offset, cached.snapshot
        else:
            with self.state.lock:
                rows = compute()
            offset, snapshot = 0, now
        size = int(params.get("MaxResults") or DEFAULT_PAGE_SIZE)
        end = offset + size
        next_token = None
        if end < len(rows):
            next_token = self._issue(Page(fingerprint, rows, end, now, snapshot))
        return rows[offset:end], rows, snapshot, next_token

    def _sign(self, body: str) -> str:
        return hmac.new(self._secret, body.encode(), hashlib.sha256).hexdigest()[:16]

    def _issue(self, page: Page) -> str:
        page_id = uuid.uuid4().hex
        # The creation time rides in the signed token, so expiry is reported as expiry even
        # after the cached page has been dropped.
        body = f"{page_id}.{round(page.created.timestamp() * 1000)}"
        token = base64.urlsafe_b64encode(f"{body}.{self._sign(body)}".encode()).decode()
        with self._pages_lock:
            self._pages[page_id] = page
            self._issued += 1
            if self._issued % 256 == 0:
                horizon = page.created - 2 * self.token_ttl
                for key in [k for k, v in self._pages.items() if v.created < horizon]:
                    del self._pages[key]
        return token

    def _resume(self, token: str, fingerprint: str, now: datetime) -> Page:
        invalid = ServiceError("InvalidParameterException", "The NextToken is not valid")
        try:
            page_id, created, signature = (
                base64.urlsafe_b64decode(token.encode()).decode().split(".", 2)
            )
            created_at = int(created) / 1000
        except (ValueError, UnicodeError):
            raise invalid from None
        if not hmac.compare_digest(signature, self._sign(f"{page_id}.{created}")):
            raise invalid
        with self._pages_lock:
            page = self._pages.get(page_id)
        if page is not None and page.fingerprint != fingerprint:
            raise ServiceError(
                "InvalidParameterException",
                "The NextToken was issued for a request with different parameters"
                " (parameters mismatch); send the parameters of the first request with it",
            )
        if now.timestamp() - created_at > self.token_ttl.total_seconds():
            raise ServiceError(
                "InvalidParameterException",
                "The NextToken has expired; repeat the request without NextToken",
            )
        if page is None:
            raise invalid
        return page


_HISTORICAL_FILTERS: Final = ("Queues", "RoutingProfiles", "Channels")


def _window(params: Mapping[str, Any]) -> dict[str, datetime | None]:
    """A historical request's StartTime and EndTime on the wire, as the builders' keywords."""
    return {"start_time": timestamp(params["StartTime"]), "end_time": timestamp(params["EndTime"])}


def _with_next_token(answer: dict[str, Any], next_token: str | None) -> dict[str, Any]:
    """``answer`` with its NextToken when there is a next page."""
    if next_token:
        answer["NextToken"] = next_token
    return answer
