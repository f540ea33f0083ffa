"""The names the components derive from short config names, and their collisions. Pure.

Two entries whose derived names collide (endpoint ``chat`` + subscriber ``stream-transcripts``
and endpoint ``chat-stream`` + subscriber ``transcripts`` both make the SQS queue
``dev-chat-stream-transcripts``) are refused before any resource exists, naming both entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

SUBSCRIBER_KINDS: Final = ("sqs_subscribers", "lambda_subscribers", "https_subscribers")


@dataclass(frozen=True)
class DerivedName:
    """One name a component derives: what it names, the name, and the entry (a key path)."""

    kind: str
    value: str
    entry: str


def _at(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def endpoint_names(
    component: str, topic: str, spec: Mapping[str, Any], prefix: str = ""
) -> Iterator[DerivedName]:
    """Names one ChatStreamingEndpoint derives (``prefix``: its entry's key path)."""
    yield DerivedName("SNS topic", topic, prefix)
    yield DerivedName("KMS alias", f"alias/{topic}", prefix)
    for kind in SUBSCRIBER_KINDS:
        for index, sub in enumerate(spec.get(kind) or []):
            entry, short = _at(prefix, f"{kind}[{index}]"), sub.get("name")
            if kind == "sqs_subscribers":
                yield DerivedName("SQS queue", f"{topic}-{short}", entry)
                yield DerivedName("queue resource", f"{component}-{short}-queue", entry)
            if kind == "lambda_subscribers":
                yield DerivedName("permission resource", f"{component}-{short}-invoke", entry)
            yield DerivedName("subscription resource", f"{component}-{short}-subscription", entry)


def environment_names(name: str, args: Mapping[str, Any]) -> Iterator[DerivedName]:
    """Names one StreamingEnvironment (component ``name``) derives from its args."""
    env = args.get("environment", name)
    for index, spec in enumerate(args.get("streaming_endpoints") or []):
        short = spec.get("name")
        entry = f"streaming_endpoints[{index}]"
        yield from endpoint_names(f"{name}-{short}", f"{env}-{short}", spec, entry)
    for key in ("task_flows", "task_creating_flows"):
        for index, spec in enumerate(args.get(key) or []):
            # Both kinds of flow share the instance's flow names.
            yield DerivedName("contact flow", f"{env}-{spec.get('name')}", f"{key}[{index}]")


def collisions(names: Iterator[DerivedName]) -> list[tuple[DerivedName, DerivedName]]:
    """Each (first, later) pair of entries deriving the same name, once per pair of entries.

    Example:
        >>> spec = {"sqs_subscribers": [{"name": "a"}], "https_subscribers": [{"name": "a"}]}
        >>> [(a.entry, b.entry, b.kind) for a, b in collisions(endpoint_names("c", "t", spec))]
        [('sqs_subscribers[0]', 'https_subscribers[0]', 'subscription resource')]
    """
    owners: dict[tuple[str, str], DerivedName] = {}
    found: dict[tuple[str, str], tuple[DerivedName, DerivedName]] = {}
    for derived in names:
        first = owners.setdefault((derived.kind, derived.value), derived)
        if first.entry != derived.entry:
            found.setdefault((first.entry, derived.entry), (first, derived))
    return list(found.values())


def collision_rule(first: DerivedName, later: DerivedName) -> str:
    """The rule a colliding entry breaks, naming the other entry (completes "expected ...")."""
    return (
        f"a name whose derived names are unique: {later.kind} {later.value!r}"
        f" is also derived from {first.entry}"
    )
