"""The REST-JSON wire format of the Connect model: routes, body decoding, model validation, errors.

Routes and shapes come from botocore's Connect model; nothing here retypes a path or a limit.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sized
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, get_args
from urllib.parse import unquote, urlsplit

from botocore.model import Shape

from connect_runtime import _model
from connect_runtime.errors import ConnectRuntimeError, describe_value
from connect_runtime.metrics.catalogue import GROUPINGS, HISTORICAL_METRIC_UNITS, Unit

OPERATIONS: Final = (
    "StartContactStreaming",
    "StopContactStreaming",
    "GetCurrentMetricData",
    "GetMetricData",
    "StartTaskContact",
    "GetMetricDataV2",
    "StartChatContact",
)


@functools.cache
def spec_enum_extras() -> Mapping[str, frozenset[str]]:
    """Values of the 2021-10-29 API that newer models dropped (DESIGN.md), by enum shape.

    Still accepted on the wire. Read off the 2021 tables of ``requests`` and ``metrics`` against
    the installed model, never retyped.

    Example:
        >>> sorted(spec_enum_extras()["Grouping"])
        ['INSTANCE']
    """
    spec: dict[str, Iterable[str]] = {
        "Grouping": GROUPINGS,
        "HistoricalMetricName": HISTORICAL_METRIC_UNITS,
        "Unit": get_args(Unit),
    }
    return {
        shape: frozenset(values) - frozenset(_model.named_enum(shape))
        for shape, values in spec.items()
    }


MAX_PROBLEMS: Final = 20


class ServiceError(ConnectRuntimeError):
    """An error answer: its name (``x-amzn-ErrorType``), message and HTTP status."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status if status is not None else error_status(code)


def error_status(code: str) -> int:
    """The HTTP status the model gives an error shape (400 for names it does not know).

    Example:
        >>> error_status("ThrottlingException"), error_status("ResourceNotFoundException")
        (429, 404)
    """
    try:
        shape = _model.service_model().shape_for(code)
    except Exception:
        return 404 if code == "UnknownOperationException" else 400
    error = shape.metadata.get("error") or {}
    return int(error.get("httpStatusCode", 400))


def error_body(error: ServiceError) -> bytes:
    """The JSON body botocore's rest-json parser reads the message from."""
    return json.dumps({"Message": error.message}).encode()


@dataclass(frozen=True)
class Route:
    """One operation's HTTP method and URI template, compiled."""

    operation: str
    method: str
    pattern: re.Pattern[str]


def _compile(operation: str) -> Route:
    http = _model.operation_model(operation).http
    template = str(http["requestUri"]).split("?", 1)[0]
    regex = ""
    for part in re.split(r"(\{[^}]+\})", template):
        if part.startswith("{") and part.endswith("}"):
            label = part[1:-1].rstrip("+")
            regex += f"(?P<{label}>[^/]+)"
        else:
            regex += re.escape(part)
    return Route(operation, str(http["method"]).upper(), re.compile(regex))


ROUTES: Final = tuple(_compile(operation) for operation in OPERATIONS)


def match(method: str, target: str) -> tuple[str, dict[str, str]] | None:
    """The operation and URI labels for a request line, or None.

    Example:
        >>> match("POST", "/metrics/current/inst-1")
        ('GetCurrentMetricData', {'InstanceId': 'inst-1'})
        >>> match("GET", "/contact/task") is None
        True
    """
    path = urlsplit(target).path
    for route in ROUTES:
        found = route.pattern.fullmatch(path)
        if found is not None and route.method == method.upper():
            return route.operation, {k: unquote(v) for k, v in found.groupdict().items()}
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def decode(raw: bytes) -> dict[str, Any]:
    """The request body as a JSON object; InvalidRequestException when it is not one."""
    if not raw.strip():
        return {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ServiceError("InvalidRequestException", "The request body is not UTF-8") from None
    try:
        body = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ServiceError(
            "InvalidRequestException", "The request body is nested too deeply"
        ) from None
    except ValueError as error:
        raise ServiceError(
            "InvalidRequestException", f"The request body is not valid JSON: {error}"
        ) from None
    if not isinstance(body, dict):
        raise ServiceError(
            "InvalidRequestException",
            f"The request body must be a JSON object, not {_json_type(body)}",
        )
    return body


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def request_params(
    operation: str, body: Mapping[str, Any], labels: Mapping[str, str]
) -> dict[str, Any]:
    """The operation's input: body members plus URI labels (the URI wins, as in the model)."""
    shape = _model.operation_model(operation).input_shape
    assert shape is not None
    params = dict(body)
    for name, member in shape.members.items():
        if member.serialization.get("location") == "uri":
            params[name] = labels.get(member.serialization.get("name", name), "")
    return params


def validate(operation: str, params: Mapping[str, Any]) -> None:
    """Check ``params`` against the model's input shape, botocore-style, plus max and enum.

    Raises InvalidParameterException naming each parameter path and rule. Unknown members are
    ignored (newer or older clients), patterns are left to the documented rules.
    """
    shape = _model.operation_model(operation).input_shape
    assert shape is not None
    problems: list[str] = []
    _check(shape, params, "", problems)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        text = "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
        raise ServiceError("InvalidParameterException", text)


def _label(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _bad_type(problems: list[str], path: str, value: object, expected: str) -> None:
    problems.append(
        f"Invalid type for parameter {path or 'body'}, value: {describe_value(value)},"
        f" type: {_json_type(value)}, valid types: {expected}"
    )


def _check(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if len(problems) > MAX_PROBLEMS:
        return
    kind = shape.type_name
    checker = _CHECKERS.get(kind)
    if checker is not None:
        checker(shape, value, path, problems)


def _check_structure(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if not isinstance(value, dict):
        _bad_type(problems, path, value, "object")
        return
    for name in shape.required_members:
        if value.get(name) is None:
            problems.append(f"Missing required parameter {_label(path, name)}")
    members: Mapping[str, Shape] = shape.members  # type: ignore[attr-defined]
    for name, item in value.items():
        member = members.get(name)
        if member is not None and item is not None:
            _check(member, item, _label(path, name), problems)


def _check_length(shape: Shape, size: int, path: str, value: Any, problems: list[str]) -> None:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < int(low):
        problems.append(
            f"Invalid length for parameter {path}, value: {size}, valid min length: {low}"
        )
    if high is not None and size > int(high):
        problems.append(
            f"Invalid length for parameter {path}, value: {size}, valid max length: {high}"
        )


def _check_string(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if not isinstance(value, str):
        _bad_type(problems, path, value, "string")
        return
    if not _is_unicode(value):
        problems.append(f"Invalid value for parameter {path}: not valid Unicode (lone surrogate)")
        return
    _check_length(shape, len(value), path, value, problems)
    allowed = getattr(shape, "enum", None)
    if allowed:
        legal = set(allowed) | spec_enum_extras().get(shape.name, frozenset())
        if value not in legal:
            problems.append(
                f"Invalid value for parameter {path}, value: {describe_value(value)},"
                f" valid values: {', '.join(sorted(legal))}"
            )


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_integer(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            _bad_type(problems, path, value, "integer")
            return
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if (low is not None and value < int(low)) or (high is not None and value > int(high)):
        problems.append(
            f"Invalid value for parameter {path}, value: {describe_value(value)},"
            f" valid range: {low}-{high}"
        )


def _check_float(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _bad_type(problems, path, value, "number")
        return
    if isinstance(value, float) and not math.isfinite(value):
        _bad_type(problems, path, value, "finite number")


def _check_boolean(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if not isinstance(value, bool):
        _bad_type(problems, path, value, "boolean")


def _check_timestamp(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if timestamp(value) is None:
        _bad_type(problems, path, value, "timestamp (epoch seconds or ISO 8601)")


def _check_list(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if not _sized(shape, value, list, "array", path, problems):
        return
    member: Shape = shape.member  # type: ignore[attr-defined]
    for index, item in enumerate(value):
        _check_entry(member, item, f"{path}[{index}]", problems)


def _check_map(shape: Shape, value: Any, path: str, problems: list[str]) -> None:
    if not _sized(shape, value, dict, "object", path, problems):
        return
    key: Shape = shape.key  # type: ignore[attr-defined]
    member: Shape = shape.value  # type: ignore[attr-defined]
    for name, item in value.items():
        _check(key, name, f"{path} key {describe_value(name)}", problems)
        _check_entry(member, item, f"{path}[{describe_value(name)}]", problems)


def _sized(
    shape: Shape, value: Any, kind: type[Sized], expected: str, path: str, problems: list[str]
) -> bool:
    """Whether ``value`` is a ``kind`` (else a type problem); its length checked if so."""
    if not isinstance(value, kind):
        _bad_type(problems, path, value, expected)
        return False
    _check_length(shape, len(value), path, value, problems)
    return True


def _check_entry(member: Shape, item: Any, label: str, problems: list[str]) -> None:
    """A list item or map value: null is refused outright, anything else checked."""
    if item is None:
        problems.append(f"Invalid value for parameter {label}: null")
    else:
        _check(member, item, label, problems)


_CHECKERS: Final = {
    "structure": _check_structure,
    "string": _check_string,
    "integer": _check_integer,
    "long": _check_integer,
    "double": _check_float,
    "float": _check_float,
    "boolean": _check_boolean,
    "timestamp": _check_timestamp,
    "list": _check_list,
    "map": _check_map,
}


def timestamp(value: object) -> datetime | None:
    """A wire timestamp (epoch seconds, botocore's rest-json default, or ISO 8601) or None.

    Example:
        >>> timestamp(1635508800).isoformat()
        '2021-10-29T12:00:00+00:00'
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return None


def encode(payload: Mapping[str, Any]) -> bytes:
    """A response body: compact JSON, datetimes as epoch seconds (how botocore reads them)."""
    return json.dumps(payload, separators=(",", ":"), default=_default).encode()


def _default(value: object) -> Any:
    if isinstance(value, datetime):
        return round(value.timestamp(), 3)
    raise TypeError(f"cannot encode {type(value).__name__}")


def operation_names() -> Iterable[str]:
    """The operations the endpoint serves."""
    return OPERATIONS
