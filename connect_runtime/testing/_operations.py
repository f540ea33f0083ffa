"""What every operation of the local endpoint shares: the state it runs against, the
builders' checks as the service's InvalidParameterException, ClientToken replays."""

from __future__ import annotations

import functools
import inspect
import json
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from connect_runtime.errors import ConnectRequestError
from connect_runtime.testing._wire import ServiceError, timestamp
from connect_runtime.testing.state import ConnectState, InstanceState

__all__ = [
    "NEXT_TOKEN_TTL",
    "Operations",
    "Page",
    "Tokened",
    "checked",
    "not_found",
    "optional_time",
    "request_fingerprint",
    "service_message",
]


NEXT_TOKEN_TTL: Final = timedelta(minutes=5)
"""A NextToken expires 5 minutes after it is created (API doc)."""


def checked(build: Callable[..., Any], params: Mapping[str, Any], **given: Any) -> Any:
    """``build`` over the wire ``params``, read as its snake_case keywords (``given`` wins over
    them); a refusal is the service's InvalidParameterException naming each rule."""
    taken = _keywords(build)
    kwargs = {name: value for key, value in params.items() if (name := _snake(key)) in taken}
    try:
        return build(**{**kwargs, **given})
    except ConnectRequestError as error:
        raise ServiceError("InvalidParameterException", service_message(error)) from None


@functools.cache
def _keywords(build: Callable[..., Any]) -> frozenset[str]:
    return frozenset(inspect.signature(build).parameters)


def _snake(member: str) -> str:
    """A wire member's name as a builder's keyword: ``ContactFlowId`` -> ``contact_flow_id``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", member).lower()


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


def optional_time(value: object) -> datetime | None:
    return None if value is None else timestamp(value)


def not_found(kind: str, item_id: str, instance: InstanceState) -> ServiceError:
    return ServiceError(
        "ResourceNotFoundException", f"{kind} {item_id} was not found in instance {instance.id}"
    )


def request_fingerprint(params: Mapping[str, Any], *ignored: str) -> str:
    kept = {key: value for key, value in params.items() if key not in ignored}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class Page:
    """One page of a metrics answer, held for its NextToken."""

    fingerprint: str
    rows: list[dict[str, Any]]
    offset: int
    created: datetime
    snapshot: datetime


class Operations:
    """The state and bookkeeping the capabilities' operations share (one ConnectService)."""

    def __init__(self, state: ConnectState, *, token_ttl: timedelta = NEXT_TOKEN_TTL) -> None:
        self.state = state
        self.token_ttl = token_ttl
        self._secret = secrets.token_bytes(16)
        self._pages: dict[str, Page] = {}
        self._pages_lock = threading.Lock()
        self._issued = 0
        self.commits: dict[str, int] = {}
        self._chat_answers: dict[str, dict[str, Any]] = {}

    def _instance(self, instance_id: str) -> InstanceState:
        instance = self.state.instances.get(instance_id)
        if instance is None:
            raise ServiceError("ResourceNotFoundException", f"Instance {instance_id} was not found")
        return instance

    def _commit(self, operation: str) -> None:
        self.commits[operation] = self.commits.get(operation, 0) + 1

    def _tokened(self, operation: str, params: Mapping[str, Any]) -> Tokened:
        """The ClientToken request ``params`` makes of ``operation`` on its instance."""
        return Tokened(
            operation,
            self._instance(params["InstanceId"]),
            params.get("ClientToken"),
            request_fingerprint(params, "ClientToken"),
            self.commits,
        )


@dataclass(frozen=True)
class Tokened:
    """One request with a ClientToken: its earlier answer, and how this one is remembered."""

    operation: str
    instance: InstanceState
    token: str | None
    fingerprint: str
    commits: dict[str, int]

    def earlier(self) -> str | None:
        """The earlier answer's ID for this ClientToken, or None when the token is new."""
        if not self.token:
            return None
        seen = self.instance.idempotency.get((self.operation, self.token))
        if seen is None:
            return None
        if seen[0] != self.fingerprint:
            # Undocumented: the service's answer is unknown; a modelled 400 that names the
            # mistake beats silently returning the first answer for a different request.
            raise ServiceError(
                "InvalidRequestException",
                f"ClientToken {self.token} was already used for a different {self.operation}"
                " request (other parameters); use a new ClientToken",
            )
        return seen[1]

    def remember(self, answer_id: str) -> None:
        """Keep ``answer_id`` for this ClientToken and count the operation as committed."""
        if self.token:
            self.instance.idempotency[(self.operation, self.token)] = (self.fingerprint, answer_id)
        self.commits[self.operation] = self.commits.get(self.operation, 0) + 1
