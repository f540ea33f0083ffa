"""Stack config as data: the ``connect-streaming:*`` keys are checked before any resource exists.

The shape is not written here: it is derived from :class:`StreamingEnvironmentArgs` (camelCase
keys, pydantic validators built from the TypedDicts and ``connect_streaming.fields``). Every
problem names its key path and what is expected, and all of them are reported at once.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any, Final, NotRequired, cast

import typing_extensions
from pydantic import AfterValidator, ConfigDict, PlainValidator, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel
from pydantic_core import ErrorDetails, PydanticCustomError

from connect_streaming._inputs import args_hints
from connect_streaming.arns import ConnectInstance
from connect_streaming.environment import (
    StreamingEndpointSpec,
    StreamingEnvironmentArgs,
)
from connect_streaming.errors import ConfigError, RuleError, other_queue
from connect_streaming.fields import (
    FIELD_RULES,
    REQUIRED_TAGS,
    did_you_mean,
    rule_key,
)
from connect_streaming.names import SUBSCRIBER_KINDS, environment_names, name_problems
from connect_streaming.roles.component import TrustArgs, trust_from_args

__all__ = ["KEYS", "NAMESPACE", "REQUIRED_TAGS", "ConfigError", "key_table", "parse_environment"]

NAMESPACE: Final = "connect-streaming"
_FROM_STACK: Final = frozenset({"environment"})
"""Args the stack supplies itself (the stack name), not its config."""
_HINTS: Final = {
    k: v for k, v in args_hints(StreamingEnvironmentArgs).items() if k not in _FROM_STACK
}
KEYS: Final = tuple(to_camel(key) for key in _HINTS)
# The config requires tags (owner, cost-center) that the component leaves optional.
_REQUIRED: Final = frozenset(StreamingEnvironmentArgs.__required_keys__ - _FROM_STACK | {"tags"})
_STRICT: Final = ConfigDict(extra="forbid", alias_generator=to_camel, strict=True)


def _fail(
    what: str, got: object = None, *, sub: str = "", show: bool = True
) -> PydanticCustomError:
    return PydanticCustomError(
        "rule", "{what}", {"what": what, "got": got, "sub": sub, "show": show}
    )


def _ruled(field: str) -> Any:
    rule = FIELD_RULES[field]

    def check(value: Any) -> Any:
        if not rule.test(value):
            raise _fail(rule.what, value)
        return value

    return Annotated[Any, PlainValidator(check)]


def _non_empty(what: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not value:
            raise _fail(what, value)
        return value

    return check


def _has_subscriber(spec: dict[str, Any]) -> dict[str, Any]:
    if not any(spec.get(kind) for kind in SUBSCRIBER_KINDS):
        # Messages published to a topic nobody subscribes to are lost.
        kinds = ", ".join(to_camel(kind) for kind in SUBSCRIBER_KINDS)
        raise _fail(f"at least one subscriber ({kinds})", show=False)
    return spec


def _valid_trust(spec: dict[str, Any]) -> dict[str, Any]:
    try:
        trust_from_args(spec)
    except RuleError as error:
        show = error.value is not None
        raise _fail(error.rule, error.value, sub=to_camel(error.field), show=show) from None
    return spec


# Checks that need a whole object or list (field rules above need one value).
_OBJECT_CHECKS: Final[dict[object, Callable[[Any], Any]]] = {
    StreamingEndpointSpec: _has_subscriber,
    TrustArgs: _valid_trust,
    "streaming_endpoints": _non_empty("at least one streaming endpoint"),
    "task_flows": _non_empty("at least one task flow (the task starter role targets them)"),
}


def _unwrap(hint: Any) -> Any:
    """``pulumi.Input[T]`` -> ``T`` (config values are always plain)."""
    if typing.get_origin(hint) is typing.Union:
        return typing.get_args(hint)[0]
    return hint


def _config_type(hint: Any, field: str | None = None) -> Any:
    """The pydantic type that validates the config value of a component argument type."""
    hint = _unwrap(hint)
    origin, params = typing.get_origin(hint), typing.get_args(hint)
    if field in FIELD_RULES:
        result: Any = _ruled(field)
    elif typing.is_typeddict(hint):
        result = _config_dict(hint)
    elif origin is list:
        result = list[_config_type(params[0])]  # type: ignore[misc]
    elif origin is dict:
        result = dict[str, _config_type(params[1])]  # type: ignore[misc]
    elif hint is str:
        result = Annotated[str, AfterValidator(_non_empty("a non-empty string"))]
    else:
        result = hint
    check = _OBJECT_CHECKS.get(field) or _OBJECT_CHECKS.get(hint)
    return Annotated[result, AfterValidator(check)] if check else result


@functools.cache
def _config_dict(args_type: Any) -> Any:
    """A pydantic TypedDict mirroring ``args_type``: same keys, camelCase aliases, strict."""
    fields: dict[str, Any] = {}
    for key, hint in args_hints(args_type).items():
        value = _config_type(hint, rule_key(args_type, key))
        fields[key] = value if key in args_type.__required_keys__ else NotRequired[value]
    # pydantic needs typing_extensions' TypedDict before Python 3.12; built from the types.
    make: Any = typing_extensions.TypedDict
    typed = make(args_type.__name__, fields)
    typed.__pydantic_config__ = _STRICT
    return typed


@functools.cache
def _adapter(key: str) -> TypeAdapter[Any]:
    return TypeAdapter(_config_type(_HINTS[key], key))


# --- reading the type tree: shapes, keys at a path, the README table ---------------------------


def _fields(hint: Any) -> dict[str, Any] | None:
    hint = _unwrap(hint)
    return args_hints(hint) if typing.is_typeddict(hint) else None


def shape(hint: Any, field: str | None = None) -> str:
    """What a value of this argument type looks like in the config ("expected ...")."""
    hint = _unwrap(hint)
    origin, params = typing.get_origin(hint), typing.get_args(hint)
    if field in FIELD_RULES:
        return FIELD_RULES[field].what
    if typing.is_typeddict(hint):
        keys = [
            to_camel(k) + ("" if k in hint.__required_keys__ else "?") for k in args_hints(hint)
        ]
        return "{" + ", ".join(keys) + "}"
    if origin is list:
        return f"a list of {shape(params[0])}"
    if origin is dict:
        return f"an object of name: {shape(params[1])}"
    # Every config type is one of these (int fields, like delaySeconds, all have a rule).
    return {str: "a non-empty string", bool: "true or false"}[hint]


def _walk(loc: tuple[int | str, ...]) -> tuple[Any, str | None]:
    """The argument type and field name at a config key path (camelCase keys)."""
    hint: Any = StreamingEnvironmentArgs
    field: str | None = None
    for part in loc:
        hint = _unwrap(hint)
        fields = _fields(hint)
        if fields is not None:
            owner = hint
            field = next(k for k in fields if to_camel(k) == part)
            hint = fields[field]
            field = rule_key(owner, field)
        elif typing.get_origin(hint) in (list, dict):
            hint, field = typing.get_args(hint)[-1], None
    return hint, field


def key_table() -> str:
    """The README's "Stack config" key table, one row per key path, from the types."""
    rows = ["| key | required | expected |", "|---|---|---|"]

    def rows_of(hint: Any, prefix: str) -> Iterator[str]:
        fields = _fields(hint) or {}
        for key, field_hint in fields.items():
            if key in _FROM_STACK:
                continue
            path = f"{prefix}{to_camel(key)}"
            required_keys = _REQUIRED if not prefix else _unwrap(hint).__required_keys__
            required = "yes" if key in required_keys else "no"
            ruled = rule_key(_unwrap(hint), key)
            yield f"| `{path}` | {required} | {shape(field_hint, ruled)} |"
            inner, origin = _unwrap(field_hint), typing.get_origin(_unwrap(field_hint))
            if ruled in FIELD_RULES:
                continue
            if origin is list:
                yield from rows_of(typing.get_args(inner)[0], f"{path}[].")
            elif origin is dict:
                yield from rows_of(typing.get_args(inner)[1], f"{path}.NAME.")
            else:
                yield from rows_of(inner, f"{path}.")

    rows += rows_of(StreamingEnvironmentArgs, "")
    return "\n".join(rows) + "\n"


# --- problems --------------------------------------------------------------------------------


def _path(loc: tuple[int | str, ...]) -> str:
    head, *rest = loc
    return f"{head}" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest)


def _problem(error: ErrorDetails, key: str) -> str:
    loc = (key, *error["loc"])
    path, kind, got = _path(loc), error["type"], error.get("input")
    if loc[-1] == "[key]":  # pydantic's place for a map key that is not a string
        return f"{_path(loc[:-2])}: expected names (string keys), got the key {loc[-2]!r}"
    if kind == "missing":
        return f"{path}: expected {shape(*_walk(loc))} (it is required)"
    if kind == "extra_forbidden":
        keys = [to_camel(k) for k in _fields(_walk(loc[:-1])[0]) or {}]
        hint = did_you_mean(str(loc[-1]), keys)
        return f"{path}: expected one of the keys {', '.join(keys)}{hint}, got {loc[-1]!r}"
    if kind == "rule":
        ctx = error.get("ctx") or {}
        sub = f".{ctx['sub']}" if ctx.get("sub") else ""
        shown = f", got {ctx['got']!r}" if ctx.get("show") else ""
        return f"{path}{sub}: expected {ctx['what']}{shown}"
    return f"{path}: expected {shape(*_walk(loc))}, got {got!r}"


def _camel_path(snake: str) -> str:
    return re.sub(r"[a-z_]+", lambda m: to_camel(m.group()), snake)


def _cross_checks(args: Mapping[str, Any], environment: str, region: str | None) -> Iterator[str]:
    """Problems between entries: task flow references, derived names, the Region."""
    flows = [flow["name"] for flow in args.get("task_flows", [])]
    for index, flow in enumerate(args.get("task_flows", [])):
        if flow.get("overflow_queue_id") == flow["queue_id"]:
            path = f"taskFlows[{index}].overflowQueueId"
            yield f"{path}: expected {other_queue('queueId')}, got {flow['queue_id']!r}"
    for index, spec in enumerate(args.get("task_creating_flows") or []):
        if "task_flows" in args and spec["task_flow"] not in flows:
            path = f"taskCreatingFlows[{index}].taskFlow"
            yield _unknown_name(path, "taskFlows", flows, spec["task_flow"])
    yield from _template_references(args, flows)
    for derived, rule in name_problems(environment_names(environment, args)):
        got = derived.value
        yield f"{_camel_path(derived.entry)}.name: expected {_camel_path(rule)}, got {got!r}"
    if region and "instance_arn" in args:
        instance = ConnectInstance.from_arn(args["instance_arn"])
        if instance.region != region:
            yield (
                f"instanceArn: expected an instance in the stack's Region {region} (aws:region,"
                f" where the resources go), got {instance.arn!r} in {instance.region}"
            )


def _template_references(args: Mapping[str, Any], flows: list[str]) -> Iterator[str]:
    """Task templates name task flows; task-creating flows name task templates."""
    templates = [template["name"] for template in args.get("task_templates") or []]
    for index, template in enumerate(args.get("task_templates") or []):
        named = template.get("task_flow")
        if "task_flows" in args and named is not None and named not in flows:
            yield _unknown_name(f"taskTemplates[{index}].taskFlow", "taskFlows", flows, named)
    for index, spec in enumerate(args.get("task_creating_flows") or []):
        if "task_template" in spec and spec["task_template"] not in templates:
            path = f"taskCreatingFlows[{index}].taskTemplate"
            yield _unknown_name(path, "taskTemplates", templates, spec["task_template"])


def _unknown_name(path: str, entries: str, names: list[str], got: object) -> str:
    listed = ", ".join(names) or "none"
    return f"{path}: expected the name of a {entries} entry ({listed}), got {got!r}"


def parse_environment(
    raw: Mapping[str, Any], *, environment: str, region: str | None = None
) -> StreamingEnvironmentArgs:
    """Check the ``connect-streaming:*`` config (keys without the namespace, values decoded)
    and return the :class:`StreamingEnvironment` args; ConfigError lists every problem.

    ``region`` is the stack's ``aws:region`` (the Region the resources go to), if set.

    Example:
        >>> try:
        ...     parse_environment({"instanceArn": "arn:aws:sns:x"}, environment="dev")
        ... except ConfigError as error:
        ...     print(error.problems[0][:61])
        connect-streaming:instanceArn: expected an Amazon Connect ARN
    """
    problems: list[str] = []
    args: dict[str, Any] = {}
    for key, value in raw.items():
        snake = next((k for k in _HINTS if to_camel(k) == key), None)
        if snake is None:
            hint = did_you_mean(str(key), KEYS)
            problems.append(f"{key}: expected one of the keys {', '.join(KEYS)}{hint}, got {key!r}")
            continue
        try:
            args[snake] = _adapter(snake).validate_python(value, strict=True)
        except ValidationError as error:
            problems += [_problem(e, key) for e in error.errors()]
    for snake in sorted(_REQUIRED):
        if to_camel(snake) not in raw:
            problems.append(
                f"{to_camel(snake)}: expected {shape(_HINTS[snake], snake)} (it is required)"
            )
    problems += _cross_checks(args, environment, region)
    if problems:
        raise ConfigError([f"{NAMESPACE}:{p}" for p in problems])
    tags = {**args["tags"], "environment": environment}
    return cast(StreamingEnvironmentArgs, {**args, "environment": environment, "tags": tags})
