"""``ConnectRuntime``: the five Connect calls with safe retries, rate limits, deadlines and rows."""

from __future__ import annotations

import functools
import logging
import random
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, Unpack

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from botocore.retries.standard import ExponentialBackoff

from connect_runtime import _paging
from connect_runtime._checks import check_instance_id
from connect_runtime.arns import split_instance
from connect_runtime.errors import DeadlineExceededError, InvalidArgumentError
from connect_runtime.metrics.current import CurrentMetricsOptions, get_current_metric_data_request
from connect_runtime.metrics.historical import HistoricalMetricsOptions, get_metric_data_request
from connect_runtime.metrics.rows import (
    MetricRow,
    MetricRowV2,
    rows_from_response,
    rows_from_v2_response,
)
from connect_runtime.metrics.specs import CurrentMetric, HistoricalMetric, MetricV2
from connect_runtime.metrics.split import QueueChunk, RequestPart, queue_chunks, split_v2_query
from connect_runtime.metrics.v2 import MetricDataV2Options, get_metric_data_v2_request
from connect_runtime.ratelimit import DEFAULT_RATE_LIMITS, RateLimit, RateLimiter, shared_limiter
from connect_runtime.retries import (
    THROTTLING,
    describe_error,
    is_expired_next_token,
    is_retryable,
    retry_context,
)
from connect_runtime.streaming.requests import (
    StartChatContactOptions,
    start_chat_contact_request,
    start_contact_streaming_request,
    stop_contact_streaming_request,
)
from connect_runtime.tasks.requests import StartTaskContactOptions, start_task_contact_request

if TYPE_CHECKING:
    from mypy_boto3_connect.client import ConnectClient

__all__ = [
    "ConnectRuntime",
    "StartedChat",
    "default_session",
    "is_expired_next_token",
    "is_retryable",
]

T = TypeVar("T")
RetryMode = Literal["standard", "adaptive", "legacy"]
Progress = Callable[[str], None]

logger = logging.getLogger("connect_runtime")

DEFAULT_CONNECT_TIMEOUT: Final = 5.0
"""Seconds to wait for a TCP (and TLS) connection."""
DEFAULT_READ_TIMEOUT: Final = 20.0
"""Seconds to wait for an answer on an open connection (metrics pages can be slow)."""
DEFAULT_DEADLINE: Final = 60.0
"""Seconds one logical call may take in all: attempts, backoff and rate-limit waits."""
_REPORTED_WAIT: Final = 1.0
"""Rate-limit waits at least this long (seconds) are reported through ``progress``."""

_SESSION: boto3.session.Session | None = None
_SESSION_LOCK: Final = threading.Lock()


def default_session() -> boto3.session.Session:
    """The process-wide boto3 Session runtimes share when given none (made once, ~0.1 s)."""
    global _SESSION
    with _SESSION_LOCK:
        if _SESSION is None:
            _SESSION = boto3.session.Session()
        return _SESSION


class ConnectRuntime:
    """The five Amazon Connect calls for one instance.

    ``instance_id`` is the instance ID or its ARN (then the account and Region come from it).
    Each logical call builds its request once, so its ClientToken is generated once and
    reused by every attempt: a retried StartTaskContact never creates a second task. The
    runtime alone retries (botocore is told to make one attempt): up to ``max_attempts`` in
    all, on errors botocore's standard mode classes as retryable, with botocore's jittered
    exponential backoff, within ``deadline`` seconds per logical call (retries and waits
    included); then :class:`~connect_runtime.errors.DeadlineExceededError`. Every attempt takes
    a token from ``limiter``: by default the process-wide one for this account and Region
    (:func:`~connect_runtime.ratelimit.shared_limiter`) holding ``rate_limits`` (the
    documented quotas; ``None`` disables them) paced ``rate_margin`` (0) under each rate,
    with ``burst_spare`` (1) token of each burst kept spare.
    ``progress`` hears one line per retry and per long rate-limit wait. Service errors surface
    as botocore's ``ClientError`` subclasses, unchanged.

    Example:
        >>> from botocore.stub import Stubber
        >>> import boto3
        >>> client = boto3.client("connect", region_name="us-east-1",
        ...                       aws_access_key_id="x", aws_secret_access_key="x")
        >>> runtime = ConnectRuntime("inst-1", client=client)
        >>> with Stubber(client) as stub:
        ...     stub.add_response("start_task_contact", {"ContactId": "task-1"})
        ...     runtime.start_task_contact("flow-1", "Call the customer back")
        'task-1'
    """

    def __init__(
        self,
        instance_id: str,
        client: ConnectClient | None = None,
        session: boto3.session.Session | None = None,
        *,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        account_id: str | None = None,
        retry_mode: RetryMode = "standard",
        max_attempts: int = 5,
        rate_limits: Mapping[str, RateLimit] | None = DEFAULT_RATE_LIMITS,
        rate_margin: float = 0.0,
        burst_spare: int = 1,
        limiter: RateLimiter | None = None,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        progress: Progress | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        resubmits: int | None = None,
    ) -> None:
        # Checking the ID now turns a typo into an error at construction, not at first call.
        instance_id, arn_account, arn_region = split_instance(check_instance_id(instance_id))
        max_attempts = _attempts_of(max_attempts, resubmits)
        _check_options(client, session, max_attempts, rate_margin, deadline)
        self.instance_id = instance_id
        # Credentials of a client built here are known; those of a client passed in are not.
        own_session = None if client is not None else (session or default_session())
        if client is None:
            config = Config(
                # One attempt per submit: the runtime counts attempts and decides every wait.
                retries={"mode": retry_mode, "total_max_attempts": 1},
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
            )
            assert own_session is not None
            with _SESSION_LOCK:  # boto3 sessions are not safe to build clients concurrently
                client = own_session.client(
                    "connect",
                    region_name=region_name or arn_region,
                    endpoint_url=endpoint_url,
                    config=config,
                )
        self.client: ConnectClient = client
        self.max_attempts = max_attempts
        self.deadline = deadline
        self.account_id = account_id or arn_account
        self._progress: Progress = progress or logger.info
        self._sleep = sleep
        self._clock = clock
        self._backoff = ExponentialBackoff(
            random=random.Random().random, throttling_detector=THROTTLING
        )
        self.limiter = limiter
        if limiter is None and rate_limits is not None:
            self.limiter = self._default_limiter(
                own_session, rate_limits, (rate_margin, burst_spare), clock, sleep
            )

    def _default_limiter(
        self,
        session: boto3.session.Session | None,
        rate_limits: Mapping[str, RateLimit],
        pacing: tuple[float, int],
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> RateLimiter:
        if clock is not time.monotonic:  # a runtime on its own clock gets buckets of its own
            return RateLimiter(
                rate_limits, margin=pacing[0], spare=pacing[1], clock=clock, sleep=sleep
            )
        region = self.client.meta.region_name or ""
        account = self.account_id or _credentials_key(session, self.client)
        return shared_limiter(account, region, rate_limits, margin=pacing[0], spare=pacing[1])

    @property
    def endpoint_url(self) -> str:
        """Where this runtime's requests go."""
        return str(self.client.meta.endpoint_url)

    # --- plumbing -------------------------------------------------------------------------

    def _call(self, operation: str, send: Callable[[], T], *, resubmit: bool = True) -> T:
        """Send with rate limiting, retries on retryable errors, and the deadline."""
        give_up = self._clock() + self.deadline
        attempts = self.max_attempts if resubmit else 1
        last: BaseException | None = None
        for attempt in range(1, attempts + 1):
            self._take_token(operation, give_up, last)
            try:
                return send()
            except (ClientError, BotoCoreError) as error:
                last = error
                if attempt == attempts or not is_retryable(error):
                    raise
                delay = float(self._backoff.delay_amount(retry_context(error, attempt)))
                if self._clock() + delay >= give_up:
                    raise self._deadline_error(operation, error) from error
                self._progress(
                    f"{operation}: {describe_error(error)}; attempt {attempt + 1} of {attempts}"
                    f" in {delay:.2f} s (same request, same ClientToken)"
                )
                self._sleep(delay)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover

    def _take_token(self, operation: str, give_up: float, last: BaseException | None) -> None:
        if self.limiter is None:
            return
        if self._clock() >= give_up:
            raise self._deadline_error(operation, last)
        wait = self.limiter.reserve(operation)
        if wait <= 0:
            return
        if self._clock() + wait >= give_up:
            raise self._deadline_error(operation, last)
        if wait >= _REPORTED_WAIT:
            self._progress(f"{operation}: waiting {wait:.1f} s for the rate limit")
        self._sleep(wait)

    def _deadline_error(self, operation: str, error: BaseException | None) -> DeadlineExceededError:
        last = None if error is None else describe_error(error)
        return DeadlineExceededError(operation, self.endpoint_url, self.deadline, last)

    # --- streaming ------------------------------------------------------------------------

    def start_contact_streaming(
        self, contact_id: str, streaming_endpoint_arn: str, client_token: str | None = None
    ) -> str:
        """Start streaming a chat contact's messages to a standard SNS topic; return StreamingId."""
        request = start_contact_streaming_request(
            instance_id=self.instance_id,
            contact_id=contact_id,
            streaming_endpoint_arn=streaming_endpoint_arn,
            client_token=client_token,
        )
        response = self._call(
            "StartContactStreaming", lambda: self.client.start_contact_streaming(**request)
        )
        return response["StreamingId"]

    def stop_contact_streaming(self, contact_id: str, streaming_id: str) -> None:
        """Stop a stream started by :meth:`start_contact_streaming`.

        Not resubmitted by this class (there is no ClientToken to make a resubmit safe);
        botocore's own retries still apply.
        """
        request = stop_contact_streaming_request(
            instance_id=self.instance_id, contact_id=contact_id, streaming_id=streaming_id
        )
        self._call(
            "StopContactStreaming",
            lambda: self.client.stop_contact_streaming(**request),
            resubmit=False,
        )

    # --- tasks ----------------------------------------------------------------------------

    def start_task_contact(
        self,
        contact_flow_id: str | None = None,
        name: str | None = None,
        **options: Unpack[StartTaskContactOptions],
    ) -> str:
        """Start a task; return its ContactId.

        The flow is ``contact_flow_id`` (positional, as in 2021) or, instead of it, a
        ``quick_connect_id`` or a ``task_template_id``: exactly one of the three. The other
        options are :func:`~connect_runtime.start_task_contact_request`'s keywords.
        """
        request = start_task_contact_request(
            instance_id=self.instance_id,
            contact_flow_id=contact_flow_id,
            name=name,  # type: ignore[arg-type]  # None is reported by the builder
            **options,
        )
        response = self._call("StartTaskContact", lambda: self.client.start_task_contact(**request))
        return response["ContactId"]

    # --- chat -----------------------------------------------------------------------------

    def start_chat_contact(
        self,
        contact_flow_id: str,
        display_name: str,
        **options: Unpack[StartChatContactOptions],
    ) -> StartedChat:
        """Start a chat; with ``streaming_endpoint_arn`` it streams from its first message.

        The options are :func:`~connect_runtime.start_chat_contact_request`'s keywords.
        """
        request = start_chat_contact_request(
            instance_id=self.instance_id,
            contact_flow_id=contact_flow_id,
            display_name=display_name,
            **options,
        )
        answer = self._call("StartChatContact", lambda: self.client.start_chat_contact(**request))
        return StartedChat(
            contact_id=answer["ContactId"],
            participant_id=answer["ParticipantId"],
            participant_token=answer["ParticipantToken"],
            streaming_id=answer.get("StreamingId"),
        )

    # --- metrics --------------------------------------------------------------------------

    def current_metrics(
        self,
        metrics: Iterable[CurrentMetric | Mapping[str, Any]],
        **options: Unpack[CurrentMetricsOptions],
    ) -> Iterator[MetricRow]:
        """Real-time metrics as rows, over any number of queues.

        More than 100 queues (or routing profiles) are split across requests, which needs
        grouping by QUEUE (or ROUTING_PROFILE) so that each row stays exact. Every request is
        checked before the first one is sent. Rows come per chunk once its pages are all in;
        a chunk whose NextToken expired is fetched again from its first page. Rows carry
        the response's DataSnapshotTime and ApproximateTotalCount. The options are
        :func:`~connect_runtime.get_current_metric_data_request`'s keywords.
        """
        return self._metric_sweep(
            "GetCurrentMetricData",
            get_current_metric_data_request,
            lambda request: self.client.get_current_metric_data(**request),
            metrics,
            _listed(dict(options), _CURRENT_LISTS),
        )

    def historical_metrics(
        self,
        start_time: datetime,
        end_time: datetime,
        metrics: Iterable[HistoricalMetric | Mapping[str, Any]],
        **options: Unpack[HistoricalMetricsOptions],
    ) -> Iterator[MetricRow]:
        """Historical metrics (the last 24 hours, 5-minute boundaries) as rows.

        Chunking, paging and expired-token restarts work as in :meth:`current_metrics`.
        ``now`` pins the clock the 24-hour rule is checked against.
        """
        fixed = _listed(dict(options), ("channels",))
        # One clock for the whole sweep, so a long one cannot fail the 24-hour rule.
        if fixed.get("now") is None:
            fixed["now"] = datetime.now(UTC)
        return self._metric_sweep(
            "GetMetricData",
            get_metric_data_request,
            lambda request: self.client.get_metric_data(**request),
            metrics,
            {"start_time": start_time, "end_time": end_time, **fixed},
        )

    def get_metric_data_v2(
        self,
        resource_arn: str,
        start_time: datetime,
        end_time: datetime,
        metrics: Iterable[MetricV2 | str | Mapping[str, Any]],
        **options: Unpack[MetricDataV2Options],
    ) -> Iterator[MetricRowV2]:
        """GetMetricDataV2 as rows, each with its interval's start and end.

        More than 100 filter values are split across requests along keys that are also
        groupings; a range longer than the interval allows is cut into consecutive windows.
        Every request is checked before the first is sent; each part's pages are followed
        through NextToken, and a part whose token expired is fetched again from its start.
        ``resource_arn`` is the instance's ARN; ``now`` pins the clock for the time rules.
        The options are :func:`~connect_runtime.get_metric_data_v2_request`'s keywords
        (``filters`` and ``interval`` in the API's own forms too).
        """
        fixed: dict[str, Any] = {**options, "groupings": _optional_list(options.get("groupings"))}
        if fixed.get("now") is None:
            fixed["now"] = datetime.now(UTC)
        interval = options.get("interval")
        period = interval.get("IntervalPeriod") if isinstance(interval, Mapping) else None
        parts = split_v2_query(
            filters=options["filters"],
            groupings=fixed["groupings"],
            start_time=start_time,
            end_time=end_time,
            interval_period=options.get("interval_period") if period is None else period,
        )
        metric_list = list(metrics)

        def build(part: RequestPart, token: str | None) -> dict[str, Any]:
            request = get_metric_data_v2_request(
                **{**fixed, "filters": part.filters},
                resource_arn=resource_arn,
                start_time=part.start,
                end_time=part.end,
                metrics=metric_list,
                next_token=token,
            )
            return dict(request)

        for part in parts:
            build(part, None)  # check every request before anything is sent
        return self._v2_sweep(parts, build)

    def _v2_sweep(
        self,
        parts: Sequence[RequestPart],
        build: Callable[[RequestPart, str | None], dict[str, Any]],
    ) -> Iterator[MetricRowV2]:
        for part in parts:

            def send(token: str | None, part: RequestPart = part) -> Mapping[str, Any]:
                request = build(part, token)
                return self._call(
                    "GetMetricDataV2", functools.partial(self.client.get_metric_data_v2, **request)
                )

            yield from _paging.all_pages(send, rows_from_v2_response, is_expired_next_token)

    def _metric_sweep(
        self,
        operation: str,
        builder: Callable[..., Mapping[str, Any]],
        send: Callable[[dict[str, Any]], Mapping[str, Any]],
        metrics: Iterable[Any],
        options: dict[str, Any],
    ) -> Iterator[MetricRow]:
        queues, profiles = options.pop("queues", None), options.pop("routing_profiles", None)
        metric_list, group_list = list(metrics), _optional_list(options.pop("groupings", None))
        chunks = queue_chunks(operation, queues, profiles, group_list)

        def build(chunk: QueueChunk, token: str | None) -> dict[str, Any]:
            request = builder(
                instance_id=self.instance_id,
                metrics=metric_list,
                queues=chunk.queues,
                routing_profiles=chunk.routing_profiles,
                groupings=group_list,
                next_token=token,
                **options,
            )
            return dict(request)

        for chunk in chunks:
            build(chunk, None)  # check every chunk's request before anything is sent
        return self._sweep(operation, chunks, build, send, grouped=bool(group_list))

    def _sweep(
        self,
        operation: str,
        chunks: Sequence[QueueChunk],
        build: Callable[[QueueChunk, str | None], dict[str, Any]],
        send: Callable[[dict[str, Any]], Mapping[str, Any]],
        *,
        grouped: bool,
    ) -> Iterator[MetricRow]:
        def rows(response: Mapping[str, Any]) -> Iterator[MetricRow]:
            return rows_from_response(response, grouped=grouped)

        for chunk in chunks:

            def page(token: str | None, chunk: QueueChunk = chunk) -> Mapping[str, Any]:
                return self._call(operation, functools.partial(send, build(chunk, token)))

            yield from _paging.all_pages(page, rows, is_expired_next_token)


@dataclass(frozen=True, slots=True)
class StartedChat:
    """What StartChatContact answers: the contact, the customer participant, the stream."""

    contact_id: str
    participant_id: str
    participant_token: str = field(repr=False)
    streaming_id: str | None = None


def _optional_list(values: Iterable[str] | None) -> list[str] | None:
    return None if values is None else list(values)


_CURRENT_LISTS: Final = (
    "channels",
    "routing_step_expressions",
    "agent_statuses",
    "subtypes",
    "validation_test_types",
    "sort_criteria",
)
"""Options read once into lists, so that every chunk's request holds the same values."""


def _listed(options: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    for key in keys:
        if options.get(key) is not None:
            options[key] = list(options[key])
    return options


def _attempts_of(max_attempts: int, resubmits: int | None) -> int:
    """Total attempts per call; the 0.1 ``resubmits`` argument still works, with a warning.

    It counted resubmits after botocore's own ``max_attempts``; the same worst case is now
    ``max_attempts * (1 + resubmits)`` attempts, all decided by the runtime.
    """
    if resubmits is None:
        return max_attempts
    if isinstance(resubmits, bool) or not isinstance(resubmits, int) or resubmits < 0:
        raise InvalidArgumentError(f"resubmits must be 0 or more, got {resubmits!r}")
    warnings.warn(
        "ConnectRuntime(resubmits=) is replaced by max_attempts (total attempts per call);"
        f" using max_attempts={max_attempts * (1 + resubmits)}",
        DeprecationWarning,
        stacklevel=3,
    )
    return max_attempts * (1 + resubmits)


def _check_options(
    client: object, session: object, max_attempts: int, rate_margin: float, deadline: float
) -> None:
    if client is not None and session is not None:
        raise InvalidArgumentError("pass either client or session to ConnectRuntime, not both")
    if max_attempts < 1:
        raise InvalidArgumentError(f"max_attempts must be 1 or more, got {max_attempts}")
    if not 0 <= rate_margin < 1:
        raise InvalidArgumentError(f"rate_margin must be in [0, 1), got {rate_margin}")
    if not deadline > 0:
        raise InvalidArgumentError(f"deadline must be positive, got {deadline}")


def _credentials_key(session: boto3.session.Session | None, client: object) -> str:
    """A stand-in for the account when none is known: the access key ID, else the client."""
    credentials = session.get_credentials() if session is not None else None
    if credentials is not None and credentials.access_key:
        return f"access-key:{credentials.access_key}"
    return f"client:{id(client)}"
