"""A bad seed, however bad, is a SeedError naming where; ``serve --seed`` exits 2 in words."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_runtime.errors import ConnectRuntimeError
from connect_runtime.testing import SeedError, load_seed
from connect_runtime.testing.commands import serve_command

_KEYS = ["id", "alias", "account_id", "region", "max_active_tasks", "queues", "agents"]
_KEYS += ["routing_profiles", "flows", "contacts", "channel", "queue", "state", "agent"]
_KEYS += ["enqueued_at", "ended_at", "routing_profile", "status", "concurrency", "name"]
_KEYS += ["queue_type", "online_since", "initiation_method", "hold_seconds"]

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
values = st.recursive(
    scalars | st.sampled_from(["CHAT", "VOICE", "q-1", "rp-1", "2021-10-29T11:00:00Z", "a-1"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(_KEYS) | st.text(max_size=4), inner, max_size=5)
    ),
    max_leaves=20,
)
entries = st.dictionaries(st.sampled_from(_KEYS), values, max_size=6)
instances = st.fixed_dictionaries(
    {"id": st.sampled_from(["i-1", "i-2"]) | scalars},
    optional={
        section: st.lists(entries, max_size=3)
        for section in ("queues", "routing_profiles", "agents", "flows", "contacts")
    },
)
seeds = st.fixed_dictionaries({"instances": st.lists(instances, max_size=2)}) | st.dictionaries(
    st.text(max_size=10), values, max_size=3
)


@settings(max_examples=300, deadline=None)
@given(seed=seeds)
def test_any_seed_mapping_loads_or_raises_a_seed_error(seed: dict[str, Any]) -> None:
    error = _refusal(seed)
    assert error is None or (isinstance(error, ConnectRuntimeError) and str(error))


def _refusal(source: Any) -> SeedError | None:
    """The SeedError ``load_seed`` raises, or None; any other exception fails the test."""
    try:
        load_seed(source)
    except SeedError as error:
        return error
    return None


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_any_seed_file_loads_or_names_itself_in_the_error(
    tmp_path: Path, suffix: str, data: bytes
) -> None:
    path = tmp_path / f"seed{suffix}"
    path.write_bytes(data)
    error = _refusal(path)
    assert error is None or str(error).startswith(f"{path}: ")


def _serve_args(seed: Path) -> argparse.Namespace:
    return argparse.Namespace(
        seed=str(seed), host="127.0.0.1", port=0, no_rate_limit=False, latency=0.0,
        fault_rate=0.0, faults=None, fault_seed=None, sns_endpoint_url=None, moto=False,
        verbose=False,
    )  # fmt: skip


def test_a_yaml_syntax_error_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "broken.yaml"
    seed.write_text("instances:\n  - id: inst-1\n    queues: [q-1\n")
    assert serve_command(_serve_args(seed)) == 2
    err = capsys.readouterr().err
    assert f"{seed}: not valid YAML at line" in err
    assert "<unicode string>" not in err
    assert "Traceback" not in err


def test_a_seed_that_is_not_utf8_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / "latin1.json"
    seed.write_bytes('{"instances": [{"id": "caf\xe9"}]}'.encode("latin-1"))
    assert serve_command(_serve_args(seed)) == 2
    assert f"{seed}: not UTF-8 text" in capsys.readouterr().err
