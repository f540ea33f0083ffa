"""The operations against the seeded state: documented rules, idempotency, paging.

The documented rules are checked by the client's own builders (InvalidParameterException).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

import connect_runtime as builders
from connect_runtime.errors import ConnectRequestError
from connect_runtime.metrics.v2 import get_metric_data_v2_request
from connect_runtime.tasks import MAX_LINKED_TASKS
from connect_runtime.testing._wire import ServiceError, timestamp
from connect_runtime.testing.metrics import figures as _metrics
from connect_runtime.testing.metrics import v2 as _metrics_v2
from connect_runtime.testing.state import ConnectState, Contact, Flow, InstanceState, Stream

__all__ = ["NEXT_TOKEN_TTL", "ConnectService"]

NEXT_TOKEN_TTL: Final = timedelta(minutes=5)
"""A NextToken expires 5 minutes after it is created (API doc)."""
MAX_STREAMS_PER_CONTACT: Final = 2
DEFAULT_PAGE_SIZE: Final = 100
_JOINED: Final = "application/vnd.amazonaws.connect.event.participant.joined"


@dataclass(frozen=True)
class _Page:
    fingerprint: str
    rows: list[dict[str, Any]]
    offset: int
    created: datetime
    snapshot: datetime


def _checked(build: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return build(**kwargs)
    except ConnectRequestError as error:
        raise ServiceError("InvalidParameterException", service_message(error)) from None


def service_message(error: ConnectRequestError) -> str:
    """The builder's problems as the service words them: parameter and rule, no Python values.

    Example:
        >>> from connect_runtime.errors import Problem
        >>> service_message(ConnectRequestError("X", [Problem("Name", "", "must not be empty")]))
        'Invalid parameter Name: must not be empty'
    """
    parts = [f"{problem.field}: {problem.rule}" for problem in error.problems]
    noun = "parameter" if len(parts) == 1 else "parameters"
    return f"Invalid {noun} " + "; ".join(parts)


def _optional_time(value: object) -> datetime | None:
    return None if value is None else timestamp(value)


def _not_found(kind: str, item_id: str, instance: InstanceState) -> ServiceError:
    return ServiceError(
        "ResourceNotFoundException", f"{kind} {item_id} was not found in instance {instance.id}"
    )


def _fingerprint(params: Mapping[str, Any], *ignored: str) -> str:
    kept = {key: value for key, value in params.items() if key not in ignored}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"), default=str)


class ConnectService:
    """Runs the five operations; thread-safe through the state's lock."""

    def __init__(self, state: ConnectState, *, token_ttl: timedelta = NEXT_TOKEN_TTL) -> None:
        self.state = state
        self.token_ttl = token_ttl
        self._secret = secrets.token_bytes(16)
        self._pages: dict[str, _Page] = {}
        self._pages_lock = threading.Lock()
        self._issued = 0
        self.commits: dict[str, int] = {}
        self._chat_answers: dict[str, dict[str, Any]] = {}

    def call(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        """Run ``operation``; raise :class:`ServiceError` for an error answer."""
        handler = _HANDLERS[operation]
        for instance in self.state:
            instance.start_due_tasks()  # scheduled tasks start on the endpoint's clock
        return handler(self, params)

    def _instance(self, instance_id: str) -> InstanceState:
        instance = self.state.instances.get(instance_id)
        if instance is None:
            raise ServiceError("ResourceNotFoundException", f"Instance {instance_id} was not found")
        return instance

    def _commit(self, operation: str) -> None:
        self.commits[operation] = self.commits.get(operation, 0) + 1

    def _replay(
        self, instance: InstanceState, operation: str, token: str | None, fingerprint: str
    ) -> str | None:
        """The earlier answer's ID for this ClientToken, or None when the token is new."""
        if not token:
            return None
        seen = instance.idempotency.get((operation, token))
        if seen is None:
            return None
        if seen[0] != fingerprint:
            # Undocumented: the service's answer is unknown; a modelled 400 that names the
            # mistake beats silently returning the first answer for a different request.
            raise ServiceError(
                "InvalidRequestException",
                f"ClientToken {token} was already used for a different {operation} request"
                " (other parameters); use a new ClientToken",
            )
        return seen[1]

    # --- streaming ------------------------------------------------------------------------

    def _start_contact_streaming(self, params: dict[str, Any]) -> dict[str, Any]:
        config = params.get("ChatStreamingConfiguration") or {}
        _checked(
            builders.start_contact_streaming_request,
            instance_id=params["InstanceId"],
            contact_id=params["ContactId"],
            streaming_endpoint_arn=config.get("StreamingEndpointArn"),
            client_token=params.get("ClientToken"),
        )
        arn = str(config["StreamingEndpointArn"])
        instance = self._instance(params["InstanceId"])
        token = params.get("ClientToken")
        fingerprint = _fingerprint(params, "ClientToken")
        with self.state.lock:
            earlier = self._replay(instance, "StartContactStreaming", token, fingerprint)
            if earlier is not None:
                return {"StreamingId": earlier}
            contact = self._contact(instance, params["ContactId"])
            if contact.channel != "CHAT":
                raise ServiceError(
                    "InvalidRequestException",
                    f"Contact {contact.id} is a {contact.channel} contact; only chat contacts"
                    " can stream messages",
                )
            if contact.ended:
                raise ServiceError("InvalidRequestException", f"Contact {contact.id} has ended")
            if len(instance.active_streams(contact.id)) >= MAX_STREAMS_PER_CONTACT:
                raise ServiceError(
                    "LimitExceededException",
                    f"Contact {contact.id} already streams to {MAX_STREAMS_PER_CONTACT}"
                    " endpoints, the most allowed",
                )
            if not self.state.publisher.topic_exists(arn):
                raise ServiceError(
                    "InvalidRequestException",
                    f"The streaming endpoint {arn} does not exist or cannot be published to",
                )
            stream = Stream(str(uuid.uuid4()), contact.id, arn, token, self.state.now())
            instance.streams[stream.id] = stream
            if token:
                instance.idempotency[("StartContactStreaming", token)] = (fingerprint, stream.id)
            self._commit("StartContactStreaming")
            return {"StreamingId": stream.id}

    def _contact(self, instance: InstanceState, contact_id: str) -> Contact:
        contact = instance.contacts.get(contact_id)
        if contact is None:
            raise ServiceError(
                "ResourceNotFoundException",
                f"Contact {contact_id} was not found in instance {instance.id}",
            )
        return contact

    def _stop_contact_streaming(self, params: dict[str, Any]) -> dict[str, Any]:
        _checked(
            builders.stop_contact_streaming_request,
            instance_id=params["InstanceId"],
            contact_id=params["ContactId"],
            streaming_id=params["StreamingId"],
        )
        instance = self._instance(params["InstanceId"])
        with self.state.lock:
            contact = self._contact(instance, params["ContactId"])
            stream = instance.streams.get(params["StreamingId"])
            if stream is None or stream.contact_id != contact.id:
                raise ServiceError(
                    "ResourceNotFoundException",
                    f"Streaming {params['StreamingId']} was not found on contact {contact.id}",
                )
            # Stopping a stopped stream succeeds: a retried stop must not fail.
            if stream.active:
                stream.stopped_at = self.state.now()
                self._commit("StopContactStreaming")
        return {}

    # --- tasks ----------------------------------------------------------------------------

    def _start_task_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        now = self.state.now()
        _checked(
            builders.start_task_contact_request,
            instance_id=params["InstanceId"],
            contact_flow_id=params.get("ContactFlowId"),
            quick_connect_id=params.get("QuickConnectId"),
            task_template_id=params.get("TaskTemplateId"),
            name=params["Name"],
            description=params.get("Description"),
            attributes=params.get("Attributes"),
            references=params.get("References"),
            previous_contact_id=params.get("PreviousContactId"),
            related_contact_id=params.get("RelatedContactId"),
            scheduled_time=_optional_time(params.get("ScheduledTime")),
            segment_attributes=params.get("SegmentAttributes"),
            attachments=params.get("Attachments"),
            client_token=params.get("ClientToken"),
            now=now,
        )
        instance = self._instance(params["InstanceId"])
        token = params.get("ClientToken")
        fingerprint = _fingerprint(params, "ClientToken")
        with self.state.lock:
            earlier = self._replay(instance, "StartTaskContact", token, fingerprint)
            if earlier is not None:
                return {"ContactId": earlier}
            flow, queue = self._task_flow(instance, params)
            attributes = self._task_links(instance, params)
            self._active_task_quota(instance)
            contact = self._new_task(instance, params, flow.id, queue, now)
            contact.attributes = {**attributes, **(params.get("Attributes") or {})}
            instance.store_contact(contact)
            if token:
                instance.idempotency[("StartTaskContact", token)] = (fingerprint, contact.id)
            self._commit("StartTaskContact")
            return {"ContactId": contact.id}

    def _task_flow(self, instance: InstanceState, params: Mapping[str, Any]) -> tuple[Flow, Any]:
        """The flow the task runs and its queue, from the flow, quick connect or template."""
        queue = None
        if params.get("QuickConnectId") is not None:
            quick = instance.quick_connects.get(params["QuickConnectId"])
            if quick is None:
                raise _not_found("Quick connect", params["QuickConnectId"], instance)
            flow_id, queue = quick.flow, quick.queue
        elif params.get("TaskTemplateId") is not None:
            template = instance.task_templates.get(params["TaskTemplateId"])
            if template is None:
                raise _not_found("Task template", params["TaskTemplateId"], instance)
            if template.flow is None:
                raise ServiceError(
                    "InvalidRequestException",
                    f"Task template {template.id} has no flow configured; name the flow with"
                    " ContactFlowId instead (the flow to run cannot be identified)",
                )
            flow_id = template.flow
        else:
            flow_id = params["ContactFlowId"]
        flow = instance.flows.get(flow_id) or next(
            (f for f in instance.flows.values() if f.arn == flow_id), None
        )
        if flow is None:
            raise _not_found("Contact flow", flow_id, instance)
        return flow, queue or flow.queue

    def _task_links(self, instance: InstanceState, params: Mapping[str, Any]) -> dict[str, str]:
        """Check PreviousContactId (12 tasks a chain) and RelatedContactId; its attributes."""
        previous = params.get("PreviousContactId")
        if previous is not None:
            if previous not in instance.contacts:
                raise _not_found("Previous contact", previous, instance)
            linked = sum(
                1
                for c in instance.contacts.values()
                if c.channel == "TASK" and c.previous_contact_id == previous
            )
            if linked >= MAX_LINKED_TASKS:
                raise ServiceError(
                    "ServiceQuotaExceededException",
                    f"There are already {linked} tasks referencing PreviousContactId {previous};"
                    f" a chain holds at most {MAX_LINKED_TASKS}",
                )
        related = params.get("RelatedContactId")
        if related is None:
            return {}
        if related not in instance.contacts:
            raise _not_found("Related contact", related, instance)
        return dict(instance.contacts[related].attributes)

    def _active_task_quota(self, instance: InstanceState) -> None:
        active = sum(1 for c in instance.contacts.values() if c.channel == "TASK" and not c.ended)
        if active >= instance.instance.max_active_tasks:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"Instance {instance.id} has {active} active tasks, the most allowed",
            )

    def _new_task(
        self,
        instance: InstanceState,
        params: Mapping[str, Any],
        flow_id: str,
        queue: str | None,
        now: datetime,
    ) -> Contact:
        contact_id = str(uuid.uuid4())
        scheduled = _optional_time(params.get("ScheduledTime"))
        later = scheduled is not None and scheduled > now
        state = "SCHEDULED" if later else ("QUEUED" if queue else "IN_FLOW")
        return Contact(
            id=contact_id,
            arn=f"{instance.instance.arn}/contact/{contact_id}",
            channel="TASK",
            state=state,
            queue=queue,
            initiation_method="API",
            initiated_at=now,
            enqueued_at=now if state == "QUEUED" else None,
            scheduled_at=scheduled,
            initial_contact_id=contact_id,
            previous_contact_id=params.get("PreviousContactId"),
            related_contact_id=params.get("RelatedContactId"),
            task_template_id=params.get("TaskTemplateId"),
            quick_connect_id=params.get("QuickConnectId"),
            name=params["Name"],
            description=params.get("Description"),
            references={k: dict(v) for k, v in (params.get("References") or {}).items()},
            segment_attributes=dict(params.get("SegmentAttributes") or {}),
            attachments=[dict(a) for a in params.get("Attachments") or []],
            flow_id=flow_id,
            client_token=params.get("ClientToken"),
        )

    # --- chat -----------------------------------------------------------------------------

    def _start_chat_contact(self, params: dict[str, Any]) -> dict[str, Any]:
        streaming = params.get("ChatStreamingConfiguration") or {}
        message = params.get("InitialMessage") or {}
        _checked(
            builders.start_chat_contact_request,
            instance_id=params["InstanceId"],
            contact_flow_id=params["ContactFlowId"],
            display_name=(params.get("ParticipantDetails") or {}).get("DisplayName"),
            initial_message=message.get("Content") if message else None,
            initial_message_content_type=message.get("ContentType", "text/plain"),
            streaming_endpoint_arn=streaming.get("StreamingEndpointArn") if streaming else None,
            attributes=params.get("Attributes"),
            chat_duration_in_minutes=params.get("ChatDurationInMinutes"),
            supported_messaging_content_types=params.get("SupportedMessagingContentTypes"),
            related_contact_id=params.get("RelatedContactId"),
            customer_id=params.get("CustomerId"),
            client_token=params.get("ClientToken"),
        )
        instance = self._instance(params["InstanceId"])
        token = params.get("ClientToken")
        fingerprint = _fingerprint(params, "ClientToken")
        with self.state.lock:
            earlier = self._replay(instance, "StartChatContact", token, fingerprint)
            if earlier is not None:
                return self._chat_answers[earlier]
            contact, answer = self._new_chat(instance, params)
            if token:
                instance.idempotency[("StartChatContact", token)] = (fingerprint, contact.id)
            self._chat_answers[contact.id] = answer
            self._commit("StartChatContact")
        # Published after the answer is stored: the stream sees the chat from its first item.
        instance.post_event(contact.id, _JOINED, role="CUSTOMER")
        if message:
            instance.post_message(
                contact.id, message["Content"], content_type=message["ContentType"]
            )
        return answer

    def _new_chat(
        self, instance: InstanceState, params: Mapping[str, Any]
    ) -> tuple[Contact, dict[str, Any]]:
        flow_id = params["ContactFlowId"]
        flow = instance.flows.get(flow_id)
        if flow is None:
            raise _not_found("Contact flow", flow_id, instance)
        related = params.get("RelatedContactId")
        if related is not None and related not in instance.contacts:
            raise _not_found("Related contact", related, instance)
        arn = (params.get("ChatStreamingConfiguration") or {}).get("StreamingEndpointArn")
        if arn is not None and not self.state.publisher.topic_exists(arn):
            raise ServiceError(
                "InvalidRequestException",
                f"The streaming endpoint {arn} does not exist or cannot be published to",
            )
        contact = instance.add_contact(
            channel="CHAT",
            state="QUEUED" if flow.queue else "IN_FLOW",
            queue=flow.queue,
            initiation_method="API",
            attributes=dict(params.get("Attributes") or {}),
            flow_id=flow.id,
            related_contact_id=related,
            client_token=params.get("ClientToken"),
        )
        contact.display_names["CUSTOMER"] = params["ParticipantDetails"]["DisplayName"]
        answer: dict[str, Any] = {
            "ContactId": contact.id,
            "ParticipantId": instance.participant_id(contact, "CUSTOMER"),
            "ParticipantToken": secrets.token_urlsafe(48),
        }
        if arn is not None:
            stream = Stream(
                str(uuid.uuid4()), contact.id, arn, params.get("ClientToken"), self.state.now()
            )
            instance.streams[stream.id] = stream
            answer["StreamingId"] = stream.id
        return contact, answer

    # --- metrics --------------------------------------------------------------------------

    def _get_current_metric_data(self, params: dict[str, Any]) -> dict[str, Any]:
        filters = params.get("Filters") or {}
        request = _checked(
            builders.get_current_metric_data_request,
            instance_id=params["InstanceId"],
            metrics=params["CurrentMetrics"],
            **_filter_keywords(filters),
            groupings=params.get("Groupings"),
            **_paging(params),
            routing_step_expressions=filters.get("RoutingStepExpressions"),
            agent_statuses=filters.get("AgentStatuses"),
            subtypes=filters.get("Subtypes"),
            validation_test_types=filters.get("ValidationTestTypes"),
            sort_criteria=params.get("SortCriteria"),
        )
        instance = self._instance(params["InstanceId"])
        now = self.state.now()

        def compute() -> list[dict[str, Any]]:
            return _metrics.current_rows(
                instance,
                request["Filters"],
                request.get("Groupings") or [],
                request["CurrentMetrics"],
                now,
                request.get("SortCriteria") or (),
            )

        page, rows, snapshot, next_token = self._page(params, compute, now)
        answer = {"MetricResults": page, "DataSnapshotTime": snapshot}
        return _with_next_token({**answer, "ApproximateTotalCount": len(rows)}, next_token)

    def _get_metric_data(self, params: dict[str, Any]) -> dict[str, Any]:
        filters = params.get("Filters") or {}
        now = self.state.now()
        request = _checked(
            builders.get_metric_data_request,
            instance_id=params["InstanceId"],
            start_time=timestamp(params["StartTime"]),
            end_time=timestamp(params["EndTime"]),
            metrics=params["HistoricalMetrics"],
            **_filter_keywords(filters),
            groupings=params.get("Groupings"),
            **_paging(params),
            now=now,
        )
        instance = self._instance(params["InstanceId"])

        def compute() -> list[dict[str, Any]]:
            return _metrics.historical_rows(
                instance,
                request["Filters"],
                request.get("Groupings") or [],
                request["HistoricalMetrics"],
                request["StartTime"],
                request["EndTime"],
                now,
            )

        page, _, _, next_token = self._page(params, compute, now)
        return _with_next_token({"MetricResults": page}, next_token)

    def _get_metric_data_v2(self, params: dict[str, Any]) -> dict[str, Any]:
        now = self.state.now()
        interval = params.get("Interval") or {}
        request = _checked(
            get_metric_data_v2_request,
            resource_arn=params["ResourceArn"],
            start_time=timestamp(params["StartTime"]),
            end_time=timestamp(params["EndTime"]),
            metrics=params["Metrics"],
            filters={f.get("FilterKey"): f.get("FilterValues") for f in params["Filters"]},
            groupings=params.get("Groupings"),
            interval_period=interval.get("IntervalPeriod"),
            time_zone=interval.get("TimeZone"),
            **_paging(params),
            now=now,
        )
        instance_id = str(request["ResourceArn"]).rsplit("/", 1)[-1]
        instance = self._instance(instance_id)
        if instance.instance.arn != request["ResourceArn"]:
            raise ServiceError(
                "ResourceNotFoundException", f"Instance {request['ResourceArn']} was not found"
            )

        def compute() -> list[dict[str, Any]]:
            return _metrics_v2.v2_rows(instance, request)

        page, _, _, next_token = self._page(params, compute, now)
        return _with_next_token({"MetricResults": page}, next_token)

    # --- paging ---------------------------------------------------------------------------

    def _page(
        self,
        params: Mapping[str, Any],
        compute: Callable[[], list[dict[str, Any]]],
        now: datetime,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], datetime, str | None]:
        fingerprint = _fingerprint(params, "NextToken")
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
            next_token = self._issue(_Page(fingerprint, rows, end, now, snapshot))
        return rows[offset:end], rows, snapshot, next_token

    def _sign(self, body: str) -> str:
        return hmac.new(self._secret, body.encode(), hashlib.sha256).hexdigest()[:16]

    def _issue(self, page: _Page) -> str:
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

    def _resume(self, token: str, fingerprint: str, now: datetime) -> _Page:
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


_HANDLERS: Final[Mapping[str, Callable[[ConnectService, dict[str, Any]], dict[str, Any]]]] = {
    "StartContactStreaming": ConnectService._start_contact_streaming,
    "StopContactStreaming": ConnectService._stop_contact_streaming,
    "GetCurrentMetricData": ConnectService._get_current_metric_data,
    "GetMetricData": ConnectService._get_metric_data,
    "StartTaskContact": ConnectService._start_task_contact,
    "GetMetricDataV2": ConnectService._get_metric_data_v2,
    "StartChatContact": ConnectService._start_chat_contact,
}


def _filter_keywords(filters: Mapping[str, Any]) -> dict[str, Any]:
    """Queues, RoutingProfiles and Channels of a metrics request on the wire, as keywords."""
    return {
        "queues": filters.get("Queues"),
        "routing_profiles": filters.get("RoutingProfiles"),
        "channels": filters.get("Channels"),
    }


def _paging(params: Mapping[str, Any]) -> dict[str, Any]:
    """A request's paging members on the wire, as the builders' keywords."""
    return {"next_token": params.get("NextToken"), "max_results": params.get("MaxResults")}


def _with_next_token(answer: dict[str, Any], next_token: str | None) -> dict[str, Any]:
    """``answer`` with its NextToken when there is a next page."""
    if next_token:
        answer["NextToken"] = next_token
    return answer
