"""Stack config as data: parse and check ``connect-streaming:*`` keys before any resource exists.

Pure (no pulumi): every problem names the config key path and what is expected, and all of
them are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, cast

from connect_streaming.arns import ConnectInstance
from connect_streaming.documents import MESSAGE_VISIBILITIES, Trust
from connect_streaming.errors import ConfigError
from connect_streaming.flows import CREATION_REFERENCE_TYPES, MAX_DELAY_SECONDS

if TYPE_CHECKING:
    from connect_streaming.environment import StreamingEnvironmentArgs

NAMESPACE: Final = "connect-streaming"
KEYS: Final = (
    "instanceArn",
    "tags",
    "streamingEndpoints",
    "taskFlows",
    "taskCreatingFlows",
    "trust",
    "allowPreviousContacts",
    "ignoreFlowContentChanges",
)
REQUIRED_TAGS: Final = ("owner", "cost-center")
"""Tags every environment must set (``environment`` is added from the stack name)."""
_NAME: Final = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_ROLES: Final = ("streamingController", "metricsReader", "taskStarter")


class _Check:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, expected: str, got: object = None, *, show: bool = True) -> None:
        shown = f", got {got!r}" if show else ""
        self.problems.append(f"{NAMESPACE}:{path}: expected {expected}{shown}")

    def string(
        self,
        path: str,
        value: object,
        *,
        pattern: re.Pattern[str] | None = None,
        what: str = "a non-empty string",
    ) -> str:
        if not isinstance(value, str) or not value or (pattern and not pattern.fullmatch(value)):
            self.fail(path, what, value, show=value is not None)
            return ""
        return value

    def boolean(self, path: str, value: object, default: bool = False) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(path, "true or false", value)
            return default
        return value

    def objects(self, path: str, value: object, *, required: bool) -> list[Mapping[str, Any]]:
        if value is None:
            if required:
                self.fail(path, "a list of objects (it is required)", show=False)
            return []
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.fail(path, "a list of objects", value)
            return []
        return cast("list[Mapping[str, Any]]", value)

    def known(self, path: str, value: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
        for key in value:
            if key not in allowed:
                self.fail(f"{path}.{key}", f"one of the keys {', '.join(allowed)}", key)

    def unique_names(self, path: str, items: list[Mapping[str, Any]]) -> list[str]:
        names = []
        for index, item in enumerate(items):
            name = self.string(
                f"{path}[{index}].name",
                item.get("name"),
                pattern=_NAME,
                what="a name of lowercase letters, digits and '-' (at most 40)",
            )
            if name and name in names:
                self.fail(f"{path}[{index}].name", "a name not used twice", name)
            names.append(name)
        return names

    def visibility(self, path: str, value: object) -> list[str]:
        if value is None:
            return []
        if (
            not isinstance(value, list)
            or not value
            or any(v not in MESSAGE_VISIBILITIES for v in value)
        ):
            self.fail(path, f"a non-empty list of {', '.join(MESSAGE_VISIBILITIES)}", value)
            return []
        return list(value)


_LAMBDA_ARN: Final = re.compile(
    r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?"
)
_HTTPS_URL: Final = re.compile(r"https://[^\s/]+(/\S*)?")
# Per subscriber kind: config key, spec key, and its own fields (camelCase, snake_case, kind,
# pattern, what); every kind also has name and messageVisibility.
_SUBSCRIBER_KINDS: Final = (
    (
        "sqsSubscribers",
        "sqs_subscribers",
        (("rawMessageDelivery", "raw_message_delivery", "bool", None, ""),),
    ),
    (
        "lambdaSubscribers",
        "lambda_subscribers",
        (("functionArn", "function_arn", "str", _LAMBDA_ARN, "a Lambda function ARN"),),
    ),
    (
        "httpsSubscribers",
        "https_subscribers",
        (("url", "url", "str", _HTTPS_URL, "an https:// URL"),),
    ),
)


def _subscribers(
    check: _Check, path: str, raw: object, fields: tuple[tuple[str, str, str, Any, str], ...]
) -> list[dict[str, Any]]:
    items = check.objects(path, raw, required=False)
    names = check.unique_names(path, items)
    allowed = ("name", "messageVisibility", *(f[0] for f in fields))
    result = []
    for j, sub in enumerate(items):
        sub_path = f"{path}[{j}]"
        check.known(sub_path, sub, allowed)
        spec: dict[str, Any] = {
            "name": names[j],
            "message_visibility": check.visibility(
                f"{sub_path}.messageVisibility", sub.get("messageVisibility")
            ),
        }
        for key, snake, kind, pattern, what in fields:
            value = sub.get(key)
            if kind == "bool":
                spec[snake] = check.boolean(f"{sub_path}.{key}", value)
            else:
                spec[snake] = check.string(f"{sub_path}.{key}", value, pattern=pattern, what=what)
        result.append(spec)
    return result


def _endpoints(check: _Check, raw: object) -> list[dict[str, Any]]:
    items = check.objects("streamingEndpoints", raw, required=True)
    if raw is not None and not items and isinstance(raw, list):
        check.fail("streamingEndpoints", "at least one streaming endpoint", raw)
    names = check.unique_names("streamingEndpoints", items)
    specs: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        path = f"streamingEndpoints[{i}]"
        check.known(
            path,
            item,
            ("name", "kmsKeyArn", "sqsSubscribers", "lambdaSubscribers", "httpsSubscribers"),
        )
        spec: dict[str, Any] = {"name": names[i]}
        if "kmsKeyArn" in item:
            spec["kms_key_arn"] = check.string(
                f"{path}.kmsKeyArn",
                item["kmsKeyArn"],
                pattern=re.compile(r"arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+"),
                what="a KMS key or alias ARN",
            )
        for key, snake, fields in _SUBSCRIBER_KINDS:
            spec[snake] = _subscribers(check, f"{path}.{key}", item.get(key), fields)
        if not any(spec[snake] for _, snake, _ in _SUBSCRIBER_KINDS):
            # Messages published to a topic nobody subscribes to are lost.
            check.fail(
                path,
                "at least one subscriber (sqsSubscribers, lambdaSubscribers or httpsSubscribers)",
                show=False,
            )
        specs.append(spec)
    return specs


def _task_flows(check: _Check, raw: object) -> list[dict[str, Any]]:
    items = check.objects("taskFlows", raw, required=True)
    if raw is not None and isinstance(raw, list) and not items:
        check.fail("taskFlows", "at least one task flow (the task starter role targets them)", raw)
    names = check.unique_names("taskFlows", items)
    flows = []
    for i, item in enumerate(items):
        check.known(f"taskFlows[{i}]", item, ("name", "queueId"))
        queue = check.string(
            f"taskFlows[{i}].queueId",
            item.get("queueId"),
            pattern=re.compile(r"[A-Za-z0-9-]{1,100}"),
            what="a queue ID (letters, digits, '-')",
        )
        flows.append({"name": names[i], "queue_id": queue})
    return flows


def _creating_flows(check: _Check, raw: object, task_flows: list[str]) -> list[dict[str, Any]]:
    items = check.objects("taskCreatingFlows", raw, required=False)
    names = check.unique_names("taskCreatingFlows", items)
    flows = []
    for i, item in enumerate(items):
        path = f"taskCreatingFlows[{i}]"
        check.known(
            path,
            item,
            (
                "name",
                "taskFlow",
                "taskName",
                "taskDescription",
                "references",
                "attributes",
                "delaySeconds",
            ),
        )
        target = check.string(f"{path}.taskFlow", item.get("taskFlow"))
        if target and target not in task_flows:
            check.fail(
                f"{path}.taskFlow",
                f"the name of a taskFlows entry ({', '.join(task_flows) or 'none'})",
                target,
            )
        spec: dict[str, Any] = {
            "name": names[i],
            "task_flow": target,
            "task_name": check.string(f"{path}.taskName", item.get("taskName")),
        }
        if "taskDescription" in item:
            spec["task_description"] = check.string(
                f"{path}.taskDescription", item["taskDescription"]
            )
        references = item.get("references", {})
        if not isinstance(references, Mapping):
            check.fail(f"{path}.references", "an object of name: {type, value}", references)
            references = {}
        spec["references"] = {}
        for ref_name, ref in references.items():
            ref_path = f"{path}.references.{ref_name}"
            if (
                not isinstance(ref, Mapping)
                or ref.get("type") not in CREATION_REFERENCE_TYPES
                or not isinstance(ref.get("value"), str)
                or not ref["value"]
            ):
                check.fail(
                    ref_path,
                    f"{{type: one of {', '.join(CREATION_REFERENCE_TYPES)},"
                    " value: a non-empty string}",
                    ref,
                )
                continue
            spec["references"][ref_name] = {"type": ref["type"], "value": ref["value"]}
        attributes = item.get("attributes", {})
        if not isinstance(attributes, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in attributes.items()
        ):
            check.fail(f"{path}.attributes", "an object of non-empty string values", attributes)
            attributes = {}
        spec["attributes"] = dict(attributes)
        if "delaySeconds" in item:
            delay = item["delaySeconds"]
            if (
                isinstance(delay, bool)
                or not isinstance(delay, int)
                or not 1 <= delay <= MAX_DELAY_SECONDS
            ):
                check.fail(
                    f"{path}.delaySeconds",
                    f"a whole number of seconds from 1 to {MAX_DELAY_SECONDS}",
                    delay,
                )
            else:
                spec["delay_seconds"] = delay
        flows.append(spec)
    return flows


def _trust(check: _Check, raw: object) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        check.fail("trust", f"an object with {', '.join(_ROLES)}", raw, show=raw is not None)
        return {}
    check.known("trust", raw, _ROLES)
    result: dict[str, Any] = {}
    for role in _ROLES:
        path = f"trust.{role}"
        spec = raw.get(role)
        if not isinstance(spec, Mapping):
            check.fail(
                path,
                "an object with one of service, roleArns, oidcProviderArn",
                spec,
                show=spec is not None,
            )
            continue
        check.known(
            path, spec, ("service", "roleArns", "oidcProviderArn", "oidcAudience", "oidcSubjects")
        )
        args: dict[str, Any] = {}
        for key, snake in (
            ("service", "service"),
            ("oidcProviderArn", "oidc_provider_arn"),
            ("oidcAudience", "oidc_audience"),
        ):
            if key in spec:
                args[snake] = spec[key]
        for key, snake in (("roleArns", "role_arns"), ("oidcSubjects", "oidc_subjects")):
            if key in spec:
                values = spec[key]
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    check.fail(f"{path}.{key}", "a list of strings", values)
                    continue
                args[snake] = values
        try:
            Trust(
                service=args.get("service"),
                role_arns=tuple(args.get("role_arns", ())),
                oidc_provider_arn=args.get("oidc_provider_arn"),
                oidc_audience=args.get("oidc_audience", "sts.amazonaws.com"),
                oidc_subjects=tuple(args.get("oidc_subjects", ())),
            )
        except (ValueError, TypeError) as error:
            check.fail(path, f"a valid trust ({error})", show=False)
            continue
        result[role] = args
    return {
        "streaming_controller": result.get("streamingController", {}),
        "metrics_reader": result.get("metricsReader", {}),
        "task_starter": result.get("taskStarter", {}),
    }


def parse_environment(raw: Mapping[str, Any], *, environment: str) -> StreamingEnvironmentArgs:
    """Check the ``connect-streaming:*`` config (keys without the namespace, values decoded)
    and return the :class:`StreamingEnvironment` args; ConfigError lists every problem.

    Example:
        >>> try:
        ...     parse_environment({"instanceArn": "arn:aws:sns:x"}, environment="dev")
        ... except ConfigError as error:
        ...     print(error.problems[0][:61])
        connect-streaming:instanceArn: expected an Amazon Connect ARN
    """
    check = _Check()
    for key in raw:
        if key not in KEYS:
            check.fail(key, f"one of the keys {', '.join(KEYS)} (a typo?)", key, show=False)
    instance_arn = raw.get("instanceArn")
    try:
        instance = ConnectInstance.from_arn(instance_arn) if isinstance(instance_arn, str) else None
    except ValueError:  # RuleError
        instance = None
    if instance is None:
        check.fail(
            "instanceArn",
            "an Amazon Connect ARN arn:aws:connect:REGION:ACCOUNT:instance/ID",
            instance_arn,
            show=instance_arn is not None,
        )
    tags = raw.get("tags")
    if not isinstance(tags, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and v for k, v in tags.items()
    ):
        check.fail(
            "tags",
            f"an object with at least {', '.join(REQUIRED_TAGS)}",
            tags,
            show=tags is not None,
        )
        tags = {}
    else:
        missing = [t for t in REQUIRED_TAGS if t not in tags]
        if missing:
            check.fail("tags", f"the tags {', '.join(missing)} as well", dict(tags))
    endpoints = _endpoints(check, raw.get("streamingEndpoints"))
    task_flows = _task_flows(check, raw.get("taskFlows"))
    creating = _creating_flows(check, raw.get("taskCreatingFlows"), [f["name"] for f in task_flows])
    trust = _trust(check, raw.get("trust"))
    previous = check.boolean("allowPreviousContacts", raw.get("allowPreviousContacts"))
    ignore = check.boolean("ignoreFlowContentChanges", raw.get("ignoreFlowContentChanges"))
    if check.problems:
        raise ConfigError(check.problems)
    assert instance is not None
    return cast(
        "StreamingEnvironmentArgs",
        {
            "environment": environment,
            "instance_arn": instance.arn,
            "streaming_endpoints": endpoints,
            "task_flows": task_flows,
            "task_creating_flows": creating,
            "trust": trust,
            "allow_previous_contacts": previous,
            "ignore_flow_content_changes": ignore,
            "tags": {**dict(tags), "environment": environment},
        },
    )
