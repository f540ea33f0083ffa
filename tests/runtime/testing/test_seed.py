"""Seeding from Python mappings and from JSON or YAML files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from connect_runtime.testing import ConnectState, ManualClock, SeedError, load_seed

from .conftest import NOW

SEED = {
    "instances": [
        {
            "id": "inst-1",
            "account_id": "111122223333",
            "region": "eu-west-2",
            "queues": [{"id": "q-1", "name": "Support"}, {"id": "q-2", "queue_type": "AGENT"}],
            "routing_profiles": [
                {"id": "rp-1", "queues": ["q-1"], "concurrency": {"CHAT": 3, "VOICE": 1}}
            ],
            "agents": [{"id": "a-1", "routing_profile": "rp-1", "status": "Lunch"}],
            "flows": [{"id": "f-1", "queue": "q-1"}],
            "contacts": [
                {"id": "c-1", "channel": "CHAT", "queue": "q-1", "enqueued_at": 90},
                {
                    "id": "c-2",
                    "channel": "VOICE",
                    "state": "ENDED",
                    "queue": "q-1",
                    "agent": "a-1",
                    "enqueued_at": "2021-10-29T11:00:00Z",
                    "connected_at": "2021-10-29T11:00:30+00:00",
                    "ended_at": 600,
                    "hold_seconds": 12.5,
                },
            ],
        }
    ]
}


def _check(state: ConnectState) -> None:
    instance = state["inst-1"]
    assert instance.instance.arn == "arn:aws:connect:eu-west-2:111122223333:instance/inst-1"
    assert instance.queues["q-2"].queue_type == "AGENT"
    assert instance.routing_profiles["rp-1"].concurrency == {"CHAT": 3, "VOICE": 1}
    assert instance.agents["a-1"].status == "Lunch"
    assert instance.flows["f-1"].queue == "q-1"
    assert instance.contacts["c-1"].enqueued_at == NOW - timedelta(seconds=90)
    ended = instance.contacts["c-2"]
    assert ended.connected_at == datetime(2021, 10, 29, 11, 0, 30, tzinfo=UTC)
    assert ended.ended_at == NOW - timedelta(minutes=10)
    assert ended.hold_seconds == 12.5


def test_a_mapping(clock: ManualClock) -> None:
    _check(load_seed(SEED, clock=clock))


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_files(tmp_path: Path, clock: ManualClock, suffix: str) -> None:
    path = tmp_path / f"seed{suffix}"
    text = json.dumps(SEED) if suffix == ".json" else yaml.safe_dump(SEED)
    path.write_text(text, encoding="utf-8")
    _check(load_seed(path, clock=clock))


@pytest.mark.parametrize(
    ("seed", "needle"),
    [
        ({"instance": []}, "unknown top-level keys"),
        ({"instances": [{"queues": []}]}, "needs 'id'"),
        ({"instances": [{"id": "i", "queues": [{"id": "q", "size": 3}]}]}, "queues[0]"),
        (
            {"instances": [{"id": "i", "contacts": [{"id": "c", "channel": "FAX"}]}]},
            "channel must be one of",
        ),
        (
            {
                "instances": [
                    {"id": "i", "contacts": [{"id": "c", "channel": "CHAT", "queue": "q"}]}
                ]
            },
            "no queue 'q'",
        ),
        (
            {
                "instances": [
                    {"id": "i", "contacts": [{"id": "c", "channel": "CHAT", "enqueued_at": "noon"}]}
                ]
            },
            "not an ISO 8601",
        ),
        ({"instances": [{"id": "i"}, {"id": "i"}]}, "exists already"),
    ],
    ids=["top", "no-id", "unknown-field", "channel", "dangling", "timestamp", "duplicate"],
)
def test_bad_seeds_name_the_entry(seed: dict[str, object], needle: str) -> None:
    with pytest.raises(SeedError) as caught:
        load_seed(seed)
    assert needle in str(caught.value)


def test_bad_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(SeedError, match="not valid JSON"):
        load_seed(broken)
