"""Which errors a resend may cure: botocore's standard-mode classification, with Connect's
resource limits final, and the expired-NextToken answer the metrics sweeps restart on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.exceptions import BotoCoreError, ClientError
from botocore.retries.standard import (  # type: ignore[attr-defined]  # stubs lag botocore
    ModeledRetryableChecker,
    OrRetryChecker,
    RetryContext,
    ThrottledRetryableChecker,
    ThrottlingErrorDetector,
    ThrottlingStatusCodeChecker,
    TransientRetryableChecker,
)

from connect_runtime import _model

__all__ = ["THROTTLING", "describe_error", "is_expired_next_token", "is_retryable", "retry_context"]


# Connect answers rate excess with ThrottlingException; LimitExceededException (also a 429,
# and on botocore's list of throttling codes) means a resource limit, such as a third stream
# on one contact, that no retry will lift.
_FINAL_CODES: Final = frozenset({"LimitExceededException", "ServiceQuotaExceededException"})


_TOKEN_ERROR_CODES: Final = frozenset(
    {"InvalidParameterException", "InvalidRequestException", "InvalidNextTokenException"}
)


# botocore's standard-mode checkers (StandardRetryConditions without its attempt count and its
# STS/DynamoDB special cases): transient (5xx, dropped connections, timeouts), throttling codes,
# bare 429s and errors the model marks retryable. The runtime counts attempts itself.
_RETRY_CONDITIONS: Final = OrRetryChecker(
    [
        TransientRetryableChecker(),
        ThrottledRetryableChecker(),
        ThrottlingStatusCodeChecker(),
        ModeledRetryableChecker(),
    ]
)


THROTTLING: Final = ThrottlingErrorDetector(None)


def retry_context(error: BaseException, attempt: int = 1) -> RetryContext:
    if isinstance(error, ClientError):
        metadata: Mapping[str, Any] = error.response.get("ResponseMetadata", {})
        status = int(metadata.get("HTTPStatusCode") or 0)
        headers = HTTPHeaders()
        for name, value in (metadata.get("HTTPHeaders") or {}).items():
            headers[name] = value
        http = AWSResponse("", status, headers, None)
        try:
            operation = _model.operation_model(error.operation_name)
        except Exception:  # not a Connect operation: the codes and statuses still classify it
            operation = None
        return RetryContext(
            attempt, operation_model=operation, parsed_response=error.response, http_response=http
        )
    return RetryContext(attempt, caught_exception=error)  # type: ignore[arg-type]


def is_retryable(error: BaseException) -> bool:
    """Whether resending the same request (same ClientToken) may succeed.

    botocore's standard-mode classification decides (transport failures and timeouts,
    throttling, 5xx, errors the model marks retryable), except that Connect's resource
    limits (``LimitExceededException``, ``ServiceQuotaExceededException``) are final.
    """
    if isinstance(error, ClientError):
        if error.response.get("Error", {}).get("Code") in _FINAL_CODES:
            return False
    elif not isinstance(error, BotoCoreError):
        return False
    return bool(_RETRY_CONDITIONS.is_retryable(retry_context(error)))


def describe_error(error: BaseException) -> str:
    if isinstance(error, ClientError):
        details = error.response.get("Error", {})
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return f"{details.get('Code', 'error')} (HTTP {status})"
    return type(error).__name__


def is_expired_next_token(error: BaseException) -> bool:
    """Whether the service refused a NextToken because it expired (5 minutes, API doc)."""
    if not isinstance(error, ClientError):
        return False
    details = error.response.get("Error", {})
    message = str(details.get("Message", "")).lower()
    return details.get("Code") in _TOKEN_ERROR_CODES and "token" in message and "expired" in message
