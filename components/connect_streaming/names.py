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
SQS_QUEUE: Final = "SQS queue"
SQS_NAME_MAX_LENGTH: Final = 80
"""Longest SQS queue name (SQS API reference, CreateQueue)."""


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
                yield DerivedName(SQS_QUEUE, f"{topic}-{short}", entry)
                yield DerivedName(SQS_QUEUE, f"{topic}-{short}-dlq", entry)
                yield DerivedName("queue resource", f"{component}-{short}-queue", entry)
            if kind == "lambda_subscribers":
                yield DerivedName("permission resource", f"{component}-{short}-invoke", entry)
            yield DerivedName("subscription resource", f"{component}-{short}-subscription", entry)
            # Every subscription has a dead-letter queue for what SNS cannot deliver.
            yield DerivedName(SQS_QUEUE, f"{topic}-{short}-sns-dlq", entry)


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


def name_problems(names: Iterator[DerivedName]) -> list[tuple[DerivedName, str]]:
    """Each derived name an entry may not have, with the rule it breaks (completes "expected
    ..."): one colliding with an earlier entry's, or an SQS queue name over 80 characters."""
    derived = list(names)
    problems = [(later, collision_rule(first, later)) for first, later in collisions(iter(derived))]
    for name in derived:
        if name.kind == SQS_QUEUE and len(name.value) > SQS_NAME_MAX_LENGTH:
            rule = (
                f"a shorter name: the derived SQS queue name {name.value!r} has"
                f" {len(name.value)} characters, SQS allows {SQS_NAME_MAX_LENGTH}"
            )
            problems.append((name, rule))
    return problems


def collision_rule(first: DerivedName, later: DerivedName) -> str:
    """The rule a colliding entry breaks, naming the other entry (completes "expected ...")."""
    return (
        f"a name whose derived names are unique: {later.kind} {later.value!r}"
        f" is also derived from {first.entry}"
    )
