"""What every operation of the local endpoint shares: the state it runs against, the
builders' checks as the service's InvalidParameterException, ClientToken replays."""

from __future__ import annotations

import json
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
    "checked",
    "not_found",
    "optional_time",
    "request_fingerprint",
    "service_message",
]


NEXT_TOKEN_TTL: Final = timedelta(minutes=5)
"""A NextToken expires 5 minutes after it is created (API doc)."""


def checked(build: Callable[..., Any], **kwargs: Any) -> Any:
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
