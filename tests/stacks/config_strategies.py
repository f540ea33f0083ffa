"""Hypothesis strategies over the stack config's shape: valid configs, and configs broken in
exactly one way at any depth (unknown key, wrong type, a name one past the 40 limit, a number
out of its range), each with the key path the parser must name."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Final

from hypothesis import strategies as st

from connect_streaming.fields import NAME_MAX_LENGTH
from connect_streaming.flows import CREATION_REFERENCE_TYPES, MAX_DELAY_SECONDS
from connect_streaming.streaming.documents import (
    MAX_RECEIVE_COUNT_RANGE,
    MESSAGE_VISIBILITIES,
    RETENTION_RANGE,
)

ACCOUNT: Final = "111122223333"
REGION: Final = "us-east-1"
INSTANCE: Final = f"arn:aws:connect:{REGION}:{ACCOUNT}:instance/2f8c6a1e-4b7d-4e19-9c3a"
# Maps whose keys the user chooses: an extra key there is data, not a typo.
FREE_MAPS: Final = ("tags", "attributes", "references")
# Fields checked as a whole (a bad item is reported at the field, not at the item).
WHOLE_FIELDS: Final = ("tags", "attributes", "messageVisibility", "roleArns", "oidcSubjects")

# No '-' inside generated names, so names joined with '-' never collide by accident; the
# collision rules have their own tests.
names = st.from_regex(rf"[a-z0-9]{{1,{NAME_MAX_LENGTH}}}", fullmatch=True)
ENVIRONMENT: Final = "dev"
SQS_NAME_MAX_LENGTH: Final = 80
LONGEST_QUEUE_SUFFIX: Final = "-sns-dlq"
"""A subscription's dead-letter queue, ``<environment>-<endpoint>-<subscriber>-sns-dlq``, is
the longest SQS queue name a config derives (SQS allows 80 characters)."""
non_empty = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
visibilities = st.lists(st.sampled_from(MESSAGE_VISIBILITIES), min_size=1, max_size=3)


def _maybe(key: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(st.just({}), values.map(lambda v: {key: v}))


@st.composite
def _subscriber(draw: st.DrawFn, kind: str, name: str) -> dict[str, Any]:
    sub: dict[str, Any] = {"name": name, **draw(_maybe("messageVisibility", visibilities))}
    if kind == "sqsSubscribers":
        sub |= draw(_maybe("rawMessageDelivery", st.booleans()))
        sub |= draw(_maybe("messageRetentionSeconds", st.integers(*RETENTION_RANGE)))
        sub |= draw(_maybe("maxReceiveCount", st.integers(*MAX_RECEIVE_COUNT_RANGE)))
    elif kind == "lambdaSubscribers":
        sub["functionArn"] = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    else:
        sub["url"] = f"https://hooks.example.com/{name}"
    return sub


@st.composite
def _endpoint(draw: st.DrawFn, name: str) -> dict[str, Any]:
    # Subscriber names short enough that every derived SQS queue name fits.
    room = SQS_NAME_MAX_LENGTH - len(f"{ENVIRONMENT}-{name}-{LONGEST_QUEUE_SUFFIX}")
    fitting = st.from_regex(rf"[a-z0-9]{{1,{min(room, NAME_MAX_LENGTH)}}}", fullmatch=True)
    sub_names = draw(st.lists(fitting, min_size=1, max_size=4, unique=True))
    endpoint: dict[str, Any] = {"name": name}
    for sub_name in sub_names:
        kind = draw(st.sampled_from(["sqsSubscribers", "lambdaSubscribers", "httpsSubscribers"]))
        endpoint.setdefault(kind, []).append(draw(_subscriber(kind, sub_name)))
    key = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0f1e2d3c"
    return endpoint | draw(_maybe("kmsKeyArn", st.just(key)))


@st.composite
def _creating_flow(draw: st.DrawFn, name: str, targets: list[str]) -> dict[str, Any]:
    references = st.dictionaries(
        st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,10}", fullmatch=True),
        st.fixed_dictionaries(
            {"type": st.sampled_from(CREATION_REFERENCE_TYPES), "value": st.just("$.Attributes.x")}
        ),
        min_size=1,
        max_size=2,
    )
    flow = {"name": name, "taskFlow": draw(st.sampled_from(targets)), "taskName": draw(non_empty)}
    flow |= draw(_maybe("taskDescription", non_empty))
    flow |= draw(_maybe("references", references))
    flow |= draw(_maybe("attributes", st.dictionaries(non_empty, non_empty, max_size=2)))
    return flow | draw(_maybe("delaySeconds", st.integers(1, MAX_DELAY_SECONDS)))


trusts = st.one_of(
    st.just({"service": "lambda.amazonaws.com"}),
    st.just({"roleArns": [f"arn:aws:iam::{ACCOUNT}:role/app"]}),
    st.just(
        {
            "oidcProviderArn": f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.github.com",
            "oidcSubjects": ["repo:org/app:*"],
            "oidcAudience": "sts.amazonaws.com",
        }
    ),
)


@st.composite
def valid_configs(draw: st.DrawFn) -> dict[str, Any]:
    """A ``connect-streaming:*`` config (keys without the namespace) the parser accepts."""
    entry_names = draw(st.lists(names, min_size=2, max_size=6, unique=True))
    cut = draw(st.integers(1, len(entry_names) - 1))
    endpoints, flows = entry_names[:cut], entry_names[cut:]
    flow_count = draw(st.integers(1, len(flows)))
    creating, task_flows = flows[:-flow_count], flows[-flow_count:]
    config: dict[str, Any] = {
        "instanceArn": INSTANCE,
        "tags": {"owner": "platform", "cost-center": "cc-1"},
        "streamingEndpoints": [draw(_endpoint(name)) for name in endpoints],
        "taskFlows": [{"name": name, "queueId": f"q-{name}"} for name in task_flows],
        "trust": {
            role: copy.deepcopy(draw(trusts))
            for role in ("streamingController", "metricsReader", "taskStarter")
        },
    }
    if creating:
        config["taskCreatingFlows"] = [draw(_creating_flow(n, task_flows)) for n in creating]
    config |= draw(_maybe("allowPreviousContacts", st.booleans()))
    return config | draw(_maybe("ignoreFlowContentChanges", st.booleans()))


def key_paths(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Every (path, value) below ``value``, paths like ``streamingEndpoints[0].name``."""
    found: list[tuple[str, Any]] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, item in items:
        path = f"{prefix}[{key}]" if isinstance(key, int) else f"{prefix}.{key}".lstrip(".")
        found.append((path, item))
        found.extend(key_paths(item, path))
    return found


def set_path(config: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at ``path`` (which may name a new key of an existing object)."""
    parts = path.replace("[", ".[").split(".")
    target: Any = config
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    target[int(last[1:-1]) if last.startswith("[") else last] = value


def _reported_at(path: str) -> str:
    """The path the parser names for a problem at ``path`` (whole fields report themselves)."""
    parts = path.replace("[", ".[").split(".")
    for index, part in enumerate(parts):
        if part in WHOLE_FIELDS or (part in FREE_MAPS and part != "references"):
            return ".".join(parts[: index + 1]).replace(".[", "[")
    return path


_RANGES: Final = {
    "messageRetentionSeconds": RETENTION_RANGE,
    "maxReceiveCount": MAX_RECEIVE_COUNT_RANGE,
    "delaySeconds": (1, MAX_DELAY_SECONDS),
}


@dataclass(frozen=True)
class BrokenConfig:
    """A config broken in one way, and the key path the parser must name for it."""

    config: dict[str, Any]
    path: str
    how: str


def _wrong_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, str):
        return 12345
    if isinstance(value, int):
        return "12"
    return "not-a-list" if isinstance(value, list) else ["not", "an", "object"]


@st.composite
def broken_configs(draw: st.DrawFn) -> BrokenConfig:
    """A valid config with exactly one thing wrong, at any depth."""
    config = copy.deepcopy(draw(valid_configs()))
    paths = key_paths(config)
    numbers = [(p, v) for p, v in paths if p.rsplit(".", 1)[-1] in _RANGES]
    kinds = ["unknown key", "wrong type", "name too long"] + (["out of range"] if numbers else [])
    how = draw(st.sampled_from(kinds))
    if how == "out of range":
        path, _ = draw(st.sampled_from(numbers))
        low, high = _RANGES[path.rsplit(".", 1)[-1]]
        set_path(config, path, draw(st.sampled_from([low - 1, high + 1])))
        return BrokenConfig(config, path, how)
    if how == "unknown key":
        objects = [("", config)] + [
            (p, v)
            for p, v in paths
            if isinstance(v, dict) and p.rsplit(".", 1)[-1] not in FREE_MAPS
        ]
        where, _ = draw(st.sampled_from(objects))
        key = draw(st.from_regex(r"x[A-Z][a-z]{0,10}", fullmatch=True))
        path = f"{where}.{key}" if where else key
        set_path(config, path, draw(st.sampled_from([True, "x", 1, None])))
        return BrokenConfig(config, path, how)
    if how == "wrong type":
        path, value = draw(st.sampled_from(paths))
        set_path(config, path, _wrong_type(value))
        return BrokenConfig(config, _reported_at(path), how)
    name_paths = [p for p, _ in paths if p.endswith(".name")]
    path = draw(st.sampled_from(name_paths))
    set_path(
        config, path, draw(st.from_regex(rf"[a-z0-9]{{{NAME_MAX_LENGTH + 1}}}", fullmatch=True))
    )
    return BrokenConfig(config, path, how)
