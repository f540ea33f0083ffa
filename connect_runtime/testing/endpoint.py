"""``ConnectEndpoint``: the five Connect APIs over HTTP on loopback, in a background thread.

A real boto3 client needs only ``endpoint_url``: signing, retries and error parsing run for real.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Final

import boto3
from botocore.config import Config

from connect_runtime.client import ConnectRuntime
from connect_runtime.errors import ConnectRuntimeError
from connect_runtime.ratelimit import DEFAULT_RATE_LIMITS, RateLimit, RateLimiter
from connect_runtime.testing import _wire
from connect_runtime.testing._service import NEXT_TOKEN_TTL, ConnectService
from connect_runtime.testing._wire import ServiceError
from connect_runtime.testing.clock import Clock
from connect_runtime.testing.faults import Fault, FaultPlan
from connect_runtime.testing.sns import DUMMY_KEY, Publisher, SnsPublisher
from connect_runtime.testing.state import ConnectState, InstanceState

if TYPE_CHECKING:
    from mypy_boto3_connect.client import ConnectClient

__all__ = ["DEFAULT_MAX_BODY_BYTES", "ConnectEndpoint", "EndpointStats"]

logger = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES: Final = 1 << 20
"""Largest request body accepted; the biggest legal request is far smaller."""
_MAX_DRAIN_BYTES: Final = 64 << 20


class EndpointNotRunningError(ConnectRuntimeError, RuntimeError):
    """The endpoint was asked for its URL before it started (or after it stopped)."""


class NoInstanceError(ConnectRuntimeError, LookupError):
    """The endpoint was asked for an instance and none is seeded."""


@dataclass
class EndpointStats:
    """What the endpoint saw, per operation: requests, answers by status, throttles, drops."""

    requests: Counter[str] = field(default_factory=Counter)
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    throttled: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    internal_errors: list[str] = field(default_factory=list)
    """Unexpected exceptions (bugs), each answered with a 500; a healthy run has none."""


@dataclass
class _Answer:
    status: int = 200
    body: bytes = b""
    error_code: str | None = None
    drop: bool = False
    close: bool = False
    operation: str = "-"

    @classmethod
    def error(cls, error: ServiceError, *, close: bool = False) -> _Answer:
        return cls(error.status, _wire.error_body(error), error.code, close=close)


class ConnectEndpoint:
    """A local Amazon Connect endpoint for the five APIs; use it as a context manager.

    ``state`` is a :class:`ConnectState`, a seed mapping or a seed file path (see
    :func:`~connect_runtime.testing.seed.load_seed`). ``rate_limits`` default to the documented
    quotas (None disables them), enforced per account and Region as the service does (the
    account and Region of the instance a request names), on ``rate_clock`` (seconds,
    monotonic); ``latency`` (seconds, or a function of the operation name)
    delays every answer (through ``sleep``); ``faults`` injects errors and dropped connections;
    ``request_log`` hears one line per request: operation, status (or ``dropped``), latency.
    Chat items are published through ``publisher``, or an SNS client at ``sns_endpoint_url``
    (a moto server), or kept in memory.

    Example:
        >>> from connect_runtime.testing import ConnectEndpoint, example_state
        >>> with ConnectEndpoint(example_state(), rate_limits=None) as endpoint:
        ...     client = endpoint.client()
        ...     answer = client.start_task_contact(
        ...         InstanceId="demo-instance", ContactFlowId="task-flow", Name="Call back")
        ...     len(endpoint.state["demo-instance"].contacts[answer["ContactId"]].id)
        36
    """

    def __init__(
        self,
        state: ConnectState | Mapping[str, Any] | str | os.PathLike[str] | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        rate_limits: Mapping[str, RateLimit] | None = DEFAULT_RATE_LIMITS,
        latency: float | Callable[[str], float] = 0.0,
        faults: FaultPlan | None = None,
        clock: Clock | None = None,
        publisher: Publisher | None = None,
        sns_endpoint_url: str | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        token_ttl: timedelta = NEXT_TOKEN_TTL,
        rate_clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        request_log: Callable[[str], None] | None = None,
    ) -> None:
        if state is None:
            state = ConnectState(clock=clock)
        elif not isinstance(state, ConnectState):
            from connect_runtime.testing.seed import load_seed

            state = load_seed(state, clock=clock)
        if clock is not None:
            state.clock = clock
        if publisher is not None:
            state.publisher = publisher
        elif sns_endpoint_url is not None:
            state.publisher = SnsPublisher(sns_endpoint_url)
        self.state = state
        self.service = ConnectService(state, token_ttl=token_ttl)
        self.faults = faults
        self.latency = latency
        self.max_body_bytes = max_body_bytes
        self.request_log = request_log
        self.stats = EndpointStats()
        self._stats_lock = threading.Lock()
        self.rate_limits = dict(rate_limits) if rate_limits is not None else None
        self._rate_clock = rate_clock
        self._sleep = sleep
        self._limiters: dict[tuple[str, str], RateLimiter] = {}
        self._host, self._port = host, port
        self._server: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._client: ConnectClient | None = None
        self._session: boto3.session.Session | None = None
        self._client_url = ""

    # --- lifecycle ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if self._server is None:
            raise EndpointNotRunningError("the endpoint is not running; call start() or use `with`")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> ConnectEndpoint:
        """Start serving in a daemon thread; returns self."""
        if self._server is not None:
            return self
        server = _HttpServer((self._host, self._port), _Handler)
        server.endpoint = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"connect-endpoint-{server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every open connection."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        server.close_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ConnectEndpoint:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- conveniences ---------------------------------------------------------------------

    def instance(self, instance_id: str | None = None) -> InstanceState:
        """A seeded instance (the only one, or the first, when no ID is given)."""
        if instance_id is not None:
            return self.state[instance_id]
        instances = list(self.state)
        if not instances:
            raise NoInstanceError("no instance is seeded")
        return instances[0]

    def session(self) -> boto3.session.Session:
        """The boto3 Session (dummy credentials) behind :meth:`client` and :meth:`runtime`.

        Made once per endpoint: building a Session costs ~0.1 s.
        """
        with self._stats_lock:
            if self._session is None:
                self._session = boto3.session.Session(
                    aws_access_key_id=DUMMY_KEY, aws_secret_access_key=DUMMY_KEY
                )
            return self._session

    def client(
        self, *, region_name: str | None = None, config: Config | None = None
    ) -> ConnectClient:
        """A boto3 Connect client for this endpoint, with dummy credentials.

        Without arguments the same client is returned each time (making one costs ~0.1 s).
        """
        shared = region_name is None and config is None
        with self._stats_lock:
            if shared and self._client is not None and self._client_url == self.url:
                return self._client
        region = region_name or self._region()
        session = self.session()
        with self._stats_lock:  # boto3 sessions are not safe to build clients concurrently
            client = session.client(
                "connect", endpoint_url=self.url, region_name=region, config=config
            )
            if shared:
                self._client, self._client_url = client, self.url
        return client

    def runtime(self, instance_id: str | None = None, **options: Any) -> ConnectRuntime:
        """A :class:`ConnectRuntime` for a seeded instance, talking to this endpoint.

        Its rate limiter is the process-wide one for the instance's account and Region.
        """
        instance = self.instance(instance_id)
        options.setdefault("region_name", instance.instance.region)
        options.setdefault("account_id", instance.instance.account_id)
        return ConnectRuntime(instance.id, session=self.session(), endpoint_url=self.url, **options)

    def _region(self) -> str:
        instances = list(self.state)
        return instances[0].instance.region if instances else "us-east-1"

    # --- one request ----------------------------------------------------------------------

    def _count(self, operation: str, answer: _Answer) -> None:
        with self._stats_lock:
            if answer.drop:
                self.stats.dropped[operation] += 1
            else:
                self.stats.statuses[(operation, answer.status)] += 1

    def _handle(
        self, method: str, target: str, headers: Message, body: io.BufferedIOBase
    ) -> _Answer:
        raw = self._read_body(headers, body)
        if isinstance(raw, _Answer):
            return raw
        route = _wire.match(method, target)
        if route is None:
            return _Answer.error(
                ServiceError(
                    "UnknownOperationException",
                    f"No operation is served at {method} {target.split('?')[0]}",
                    404,
                )
            )
        operation, labels = route
        with self._stats_lock:
            self.stats.requests[operation] += 1
        answer = self._answer(operation, labels, raw)
        answer.operation = operation
        self._count(operation, answer)
        return answer

    def _read_body(self, headers: Message, body: io.BufferedIOBase) -> bytes | _Answer:
        encoding = headers.get("Transfer-Encoding")
        if encoding and encoding.strip().lower() != "identity":
            error = ServiceError(
                "InvalidRequestException", "Send the request body with a Content-Length"
            )
            return _Answer.error(error, close=True)
        try:
            length = int(headers.get("Content-Length") or 0)
            if length < 0:
                raise ValueError(length)
        except ValueError:
            error = ServiceError("InvalidRequestException", "The Content-Length is not valid")
            return _Answer.error(error, close=True)
        if length > self.max_body_bytes:
            _drain(body, length)
            error = ServiceError(
                "InvalidRequestException",
                f"The request body of {length} bytes exceeds the {self.max_body_bytes}"
                " bytes accepted",
            )
            return _Answer.error(error, close=True)
        try:
            raw = body.read(length)
        except OSError:
            return _Answer(drop=True)
        if len(raw) < length:
            return _Answer(drop=True)  # the client went away mid-body: nobody to answer
        return raw

    def _answer(self, operation: str, labels: Mapping[str, str], raw: bytes) -> _Answer:
        try:
            body: dict[str, Any] | ServiceError = _wire.decode(raw)
        except ServiceError as error:
            body = error
        if not self._take(operation, labels, body):
            with self._stats_lock:
                self.stats.throttled[operation] += 1
            return _Answer.error(ServiceError("ThrottlingException", "Rate exceeded"))
        fault = self.faults.choose(operation) if self.faults is not None else None
        delay = self.latency(operation) if callable(self.latency) else self.latency
        if delay > 0:
            self._sleep(delay)
        if fault is Fault.THROTTLE:
            return _Answer.error(ServiceError("ThrottlingException", "Rate exceeded"))
        if fault is Fault.INTERNAL_ERROR:
            return _Answer.error(_internal())
        if fault is Fault.DROP:
            return _Answer(drop=True)
        try:
            if isinstance(body, ServiceError):
                raise body
            params = _wire.request_params(operation, body, labels)
            _wire.validate(operation, params)
            result = self.service.call(operation, params)
        except ServiceError as error:
            return _Answer.error(error)
        if fault is Fault.DROP_AFTER_COMMIT:
            return _Answer(drop=True)
        if fault is Fault.INTERNAL_ERROR_AFTER_COMMIT:
            return _Answer.error(_internal())
        return _Answer(200, _wire.encode(result))

    def _take(
        self, operation: str, labels: Mapping[str, str], body: Mapping[str, Any] | ServiceError
    ) -> bool:
        """A token from the bucket of the account and Region the request is for."""
        if self.rate_limits is None:
            return True
        key = self._quota_key(labels, {} if isinstance(body, ServiceError) else body)
        with self._stats_lock:
            limiter = self._limiters.get(key)
            if limiter is None:
                limiter = RateLimiter(self.rate_limits, clock=self._rate_clock)
                self._limiters[key] = limiter
        return limiter.try_take(operation)

    def _quota_key(self, labels: Mapping[str, str], body: Mapping[str, Any]) -> tuple[str, str]:
        # The service counts per account and Region (the caller's); here the instance named by
        # the request (InstanceId, or the instance ARN in ResourceArn) stands for the caller.
        arn = body.get("ResourceArn")
        if isinstance(arn, str) and arn.startswith("arn:"):
            parts = arn.split(":", 5)
            if len(parts) == 6:
                return parts[4], parts[3]
        instance_id = labels.get("InstanceId", body.get("InstanceId"))
        instance = self.state.instances.get(instance_id) if isinstance(instance_id, str) else None
        if instance is None:
            return ("", "")
        return instance.instance.account_id, instance.instance.region

    def _internal_error(self, where: str) -> _Answer:
        with self._stats_lock:
            self.stats.internal_errors.append(where)
        return _Answer.error(_internal(), close=True)


def _internal() -> ServiceError:
    return ServiceError("InternalServiceException", "Request processing failed", 500)


def _drain(body: io.BufferedIOBase, length: int) -> None:
    # Reading what the client sends lets it see our answer instead of a reset connection.
    left = min(length, _MAX_DRAIN_BYTES)
    try:
        while left > 0:
            chunk = body.read(min(left, 1 << 16))
            if not chunk:
                return
            left -= len(chunk)
    except OSError:
        return


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    endpoint: ConnectEndpoint

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)

    def close_connections(self) -> None:
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("connection from %s failed", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ConnectLocal/1.0"
    sys_version = ""
    timeout = 30.0  # idle keep-alive connections are closed after this long
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stall
    server: _HttpServer

    def do_POST(self) -> None:
        self._serve()

    do_PUT = do_GET = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), format % args)

    def _serve(self) -> None:
        endpoint = self.server.endpoint
        started = time.perf_counter()
        try:
            answer = endpoint._handle(self.command, self.path, self.headers, self.rfile)
        except Exception:
            logger.exception("the local Connect endpoint failed on %s %s", self.command, self.path)
            answer = endpoint._internal_error(f"{self.command} {self.path}")
        if answer.drop:
            self.close_connection = True
        else:
            self._write(answer)
        if endpoint.request_log is not None:
            outcome = "dropped" if answer.drop else str(answer.status)
            milliseconds = (time.perf_counter() - started) * 1000
            endpoint.request_log(f"{answer.operation} {outcome} {milliseconds:.1f} ms")

    def _write(self, answer: _Answer) -> None:
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            if answer.error_code:
                self.send_header("x-amzn-ErrorType", answer.error_code)
            if answer.close:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(answer.body)
        except OSError:
            self.close_connection = True  # the client left; nothing more to say

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Request lines and headers the stdlib refuses get the service's JSON error too.
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "Error"
        name = "InternalServiceException" if code >= 500 else "InvalidRequestException"
        if self.request_version == "HTTP/0.9":  # an unparsable request line: answer in 1.1
            self.request_version = "HTTP/1.1"
        error = ServiceError(name, message or phrase, code)
        self._write(_Answer.error(error, close=True))
