"""Seed a :class:`ConnectState` from a mapping, or a JSON/YAML file (YAML needs PyYAML).

Timestamps: ISO 8601 strings, or seconds before the clock's now (negative: in the future).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from connect_runtime.testing.clock import Clock
from connect_runtime.testing.state import ConnectState, InstanceState, When

__all__ = ["EXAMPLE_SEED", "SeedError", "example_state", "load_seed"]

_SECTIONS: Final = (
    "queues",
    "routing_profiles",
    "agents",
    "flows",
    "task_templates",
    "quick_connects",
    "contacts",
)
_INSTANCE_KEYS: Final = frozenset(
    {"id", "alias", "account_id", "region", "max_active_tasks", *_SECTIONS}
)
_TIME_KEYS: Final = frozenset(
    {"initiated_at", "enqueued_at", "connected_at", "ended_at", "scheduled_at", "online_since"}
)


class SeedError(ValueError):
    """A seed that cannot be loaded; the message names the entry and the problem."""


def _when(value: object, where: str) -> When | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, bool):
        raise SeedError(f"{where}: a timestamp must be ISO 8601 or seconds ago, got {value!r}")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise SeedError(f"{where}: {value!r} is not an ISO 8601 timestamp") from None
        if parsed.tzinfo is None:
            raise SeedError(f"{where}: {value!r} needs a timezone (such as Z)")
        return parsed
    raise SeedError(f"{where}: a timestamp must be ISO 8601 or seconds ago, got {value!r}")


def _entries(data: Mapping[str, Any], key: str, where: str) -> Sequence[Mapping[str, Any]]:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise SeedError(f"{where}.{key} must be a list of mappings")
    return entries


def _add(where: str, add: Callable[..., object], entry: Mapping[str, Any], first: str) -> None:
    options = dict(entry)
    if first not in options:
        raise SeedError(f"{where}: needs {first!r}")
    key = options.pop(first)
    for name in _TIME_KEYS & set(options):
        options[name] = _when(options[name], f"{where}.{name}")
    try:
        add(key, **options)
    except (TypeError, ValueError) as error:
        raise SeedError(f"{where}: {error}") from None


def _seed_instance(state: ConnectState, data: Mapping[str, Any], where: str) -> InstanceState:
    unknown = set(data) - _INSTANCE_KEYS
    if unknown:
        raise SeedError(f"{where}: unknown keys {sorted(unknown)}")
    if "id" not in data:
        raise SeedError(f"{where}: needs 'id'")
    options = {
        k: data[k] for k in ("alias", "account_id", "region", "max_active_tasks") if k in data
    }
    try:
        instance = state.add_instance(str(data["id"]), **options)
    except (TypeError, ValueError) as error:
        raise SeedError(f"{where}: {error}") from None
    adders: Mapping[str, Callable[..., object]] = {
        "queues": instance.add_queue,
        "routing_profiles": instance.add_routing_profile,
        "agents": instance.add_agent,
        "flows": instance.add_flow,
        "task_templates": instance.add_task_template,
        "quick_connects": instance.add_quick_connect,
        "contacts": instance.add_contact,
    }
    for section in _SECTIONS:
        for index, entry in enumerate(_entries(data, section, where)):
            _add(f"{where}.{section}[{index}]", adders[section], entry, "id")
    return instance


def load_seed(
    source: Mapping[str, Any] | str | os.PathLike[str], *, clock: Clock | None = None
) -> ConnectState:
    """Build a :class:`ConnectState` from a seed mapping or a ``.json``/``.yaml`` file.

    Example:
        >>> state = load_seed({"instances": [{"id": "inst-1", "queues": [{"id": "q-1"}],
        ...     "contacts": [{"id": "c-1", "channel": "CHAT", "queue": "q-1",
        ...                   "enqueued_at": 30}]}]})
        >>> state["inst-1"].contacts["c-1"].state
        'QUEUED'
    """
    data = _read(source) if not isinstance(source, Mapping) else source
    if not isinstance(data, Mapping):
        raise SeedError("a seed must be a mapping with an 'instances' list")
    unknown = set(data) - {"instances"}
    if unknown:
        raise SeedError(f"unknown top-level keys {sorted(unknown)}; expected 'instances'")
    state = ConnectState(clock=clock)
    for index, entry in enumerate(_entries(data, "instances", "seed")):
        _seed_instance(state, entry, f"instances[{index}]")
    return state


def _read(path: str | os.PathLike[str]) -> Any:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:  # PyYAML is optional; JSON always works
            raise SeedError(f"{file}: reading YAML needs PyYAML (pip install pyyaml)") from None
        return yaml.safe_load(text)
    try:
        return json.loads(text)
    except ValueError as error:
        raise SeedError(f"{file}: not valid JSON: {error}") from None


EXAMPLE_SEED: Final[Mapping[str, Any]] = {
    "instances": [
        {
            "id": "demo-instance",
            "alias": "demo",
            "queues": [
                {"id": "support", "name": "Support"},
                {"id": "billing", "name": "Billing"},
                {"id": "tasks", "name": "Back office tasks"},
            ],
            "routing_profiles": [
                {
                    "id": "front-line",
                    "name": "Front line",
                    "queues": ["support", "billing"],
                    "concurrency": {"VOICE": 1, "CHAT": 2, "TASK": 0},
                },
                {
                    "id": "back-office",
                    "name": "Back office",
                    "queues": ["tasks", "support"],
                    "concurrency": {"VOICE": 0, "CHAT": 0, "TASK": 2},
                },
            ],
            "agents": [
                {"id": "alice", "routing_profile": "front-line", "online_since": 3600},
                {"id": "bob", "routing_profile": "front-line", "online_since": 3600},
                {"id": "carol", "routing_profile": "front-line", "status": "Lunch"},
                {"id": "dave", "routing_profile": "back-office", "status": "Offline"},
                {"id": "erin", "routing_profile": "back-office", "online_since": 1800},
                {"id": "frank", "routing_profile": "front-line", "status": "Error"},
            ],
            "flows": [
                {"id": "task-flow", "name": "Route tasks", "queue": "tasks"},
                {"id": "chat-flow", "name": "Inbound chat"},
            ],
            "task_templates": [
                {"id": "refund-template", "name": "Refund", "flow": "task-flow"},
                {"id": "notes-template", "name": "Notes (no flow)"},
            ],
            "quick_connects": [
                {"id": "tasks-qc", "name": "Back office", "flow": "task-flow", "queue": "tasks"},
            ],
            "contacts": [
                {"id": "chat-waiting", "channel": "CHAT", "queue": "support", "enqueued_at": 95},
                {"id": "chat-new", "channel": "CHAT", "queue": "support", "enqueued_at": 20},
                {
                    "id": "chat-live",
                    "channel": "CHAT",
                    "state": "CONNECTED",
                    "queue": "support",
                    "agent": "alice",
                    "enqueued_at": 400,
                    "connected_at": 340,
                },
                {"id": "voice-waiting", "channel": "VOICE", "queue": "billing", "enqueued_at": 42},
                {
                    "id": "voice-acw",
                    "channel": "VOICE",
                    "state": "ACW",
                    "queue": "billing",
                    "agent": "bob",
                    "enqueued_at": 900,
                    "connected_at": 870,
                    "ended_at": 30,
                },
                {
                    "id": "callback",
                    "channel": "VOICE",
                    "state": "SCHEDULED",
                    "queue": "billing",
                    "initiation_method": "CALLBACK",
                    "scheduled_at": -600,
                },
                {
                    "id": "task-waiting",
                    "channel": "TASK",
                    "queue": "tasks",
                    "initiation_method": "API",
                    "enqueued_at": 600,
                },
                {
                    "id": "chat-handled",
                    "channel": "CHAT",
                    "state": "ENDED",
                    "queue": "support",
                    "agent": "alice",
                    "enqueued_at": 2400,
                    "connected_at": 2385,
                    "ended_at": 1800,
                    "hold_seconds": 0,
                    "acw_seconds": 45,
                },
                {
                    "id": "voice-handled",
                    "channel": "VOICE",
                    "state": "ENDED",
                    "queue": "billing",
                    "agent": "bob",
                    "enqueued_at": 3000,
                    "connected_at": 2940,
                    "ended_at": 2400,
                    "hold_seconds": 60,
                    "acw_seconds": 30,
                    "disconnect_reason": "AGENT_DISCONNECT",
                },
                {
                    "id": "chat-abandoned",
                    "channel": "CHAT",
                    "state": "ENDED",
                    "queue": "support",
                    "enqueued_at": 1500,
                    "ended_at": 1380,
                },
            ],
        }
    ]
}
"""A small contact centre: three queues, two routing profiles, six agents, two flows, two task
templates (one without a flow), a quick connect, ten contacts."""


def example_state(*, clock: Clock | None = None) -> ConnectState:
    """A fresh :class:`ConnectState` seeded with :data:`EXAMPLE_SEED`.

    Example:
        >>> sorted(example_state()["demo-instance"].queues)
        ['billing', 'support', 'tasks']
    """
    return load_seed(EXAMPLE_SEED, clock=clock)
