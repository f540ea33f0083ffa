"""Each pack's config reconciled as the engine's ReconcilePolicyPackConfig does: the policies'
defaults, then the pack's initialConfig, then the config file (``all`` before single policies
at each step); config files pair with packs by position."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pulumi.runtime.proto import analyzer_pb2

from connect_streaming_plan.cli import main
from connect_streaming_plan.plan import initial_config
from connect_streaming_plan.policy_config import LEVEL_ORDER, Entry, apply_config, defaults
from tests.repo import POLICY_PACK_DIR

STRICT = Path(__file__).parent / "fixtures" / "strict-pack"


def _plan(*argv: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    code = main([*argv, "--format", "json"], out=out)
    return code, json.loads(out.getvalue()) if out.getvalue() else {}


def _strict(plan: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (r["name"], v["enforcement"])
        for r in plan["resources"]
        for v in r["verdicts"]
        if v["policyPack"] == "strict-example"
    }


def test_a_python_pack_built_all_mandatory_fails_the_plan() -> None:
    code, plan = _plan(
        "--stack", "dev", "--policy-pack", str(POLICY_PACK_DIR), "--policy-pack", str(STRICT)
    )
    assert code == 1
    assert _strict(plan) == {("dev-chat-stream-topic", "mandatory")}
    assert plan["summary"]["mandatory"] == 1  # our pack finds nothing on dev
    strict = plan["policyPacks"][1]
    assert strict["name"] == "strict-example"
    assert strict["policies"][0]["enforcement"] == "mandatory"
    assert strict["policies"][0]["remediation"] == "Name the topic in the policy's 'allowed' list."


def test_the_config_file_is_applied_over_the_initial_config(tmp_path: Path) -> None:
    ours, lenient, allowing = (tmp_path / n for n in ("ours.json", "lenient.json", "allow.json"))
    ours.write_text("{}", encoding="utf-8")
    lenient.write_text(json.dumps({"all": "advisory"}), encoding="utf-8")
    allowing.write_text(
        json.dumps({"allowed-topics": {"allowed": ["dev-chat-stream-topic"]}}), encoding="utf-8"
    )
    packs = ["--policy-pack", str(POLICY_PACK_DIR), "--policy-pack", str(STRICT)]
    code, plan = _plan(
        "--stack", "dev", *packs, "--policy-config", str(ours), "--policy-config", str(lenient)
    )
    assert (code, _strict(plan)) == (0, {("dev-chat-stream-topic", "advisory")})
    code, plan = _plan(
        "--stack", "dev", *packs, "--policy-config", str(ours), "--policy-config", str(allowing)
    )
    assert (code, _strict(plan)) == (0, set())
    properties = plan["policyPacks"][1]["policies"][0]["properties"]
    assert properties == {"allowed": ["dev-chat-stream-topic"]}


def test_policy_configs_must_pair_with_packs(tmp_path: Path, capsys: Any) -> None:
    config = tmp_path / "one.json"
    config.write_text("{}", encoding="utf-8")
    argv = ["--stack", "dev", "--policy-pack", str(POLICY_PACK_DIR), "--policy-pack", str(STRICT)]
    assert main([*argv, "--policy-config", str(config)], out=io.StringIO()) == 2
    assert (
        'the number of "--policy-config" flags must match the number of "--policy-pack" flags'
        in capsys.readouterr().err
    )


def test_an_initial_entry_without_a_level_arrives_advisory_as_the_engine_reads_it() -> None:
    info = analyzer_pb2.AnalyzerInfo(name="p")
    info.initialConfig["all"].CopyFrom(
        analyzer_pb2.PolicyConfig(enforcementLevel=analyzer_pb2.MANDATORY)
    )
    only_properties = analyzer_pb2.PolicyConfig()
    only_properties.properties.update({"allowed": ["a"]})
    info.initialConfig["b"].CopyFrom(only_properties)
    initial = initial_config(info)
    assert initial == {"all": ("mandatory", {}), "b": ("advisory", {"allowed": ["a"]})}
    result = defaults(
        [
            {"name": "a", "enforcementLevel": "advisory"},
            {"name": "b", "enforcementLevel": "advisory"},
        ]
    )
    apply_config(result, initial)
    assert result == {"a": ("mandatory", {}), "b": ("advisory", {"allowed": ["a"]})}


NAMES = ["p1", "p2", "p3"]
levels = st.sampled_from(LEVEL_ORDER)
properties = st.dictionaries(st.sampled_from(["x", "y", "z"]), st.integers(), max_size=3)
entries = st.dictionaries(
    st.sampled_from([*NAMES, "all"]),
    st.tuples(st.none() | levels, properties),
    max_size=4,
).map(lambda d: {k: ((v[0] or "advisory"), {}) if k == "all" else v for k, v in d.items()})


@given(
    own=st.tuples(levels, levels, levels),
    schema_defaults=properties,
    initial=entries,
    given_=entries,
)
def test_reconciliation_is_defaults_then_initial_then_file(
    own: tuple[str, str, str],
    schema_defaults: dict[str, int],
    initial: dict[str, Entry],
    given_: dict[str, Entry],
) -> None:
    policies = [
        {
            "name": name,
            "enforcementLevel": level,
            "configSchema": {"properties": {k: {"default": v} for k, v in schema_defaults.items()}},
        }
        for name, level in zip(NAMES, own, strict=True)
    ]
    result = defaults(policies)
    apply_config(result, initial)
    apply_config(result, given_)
    for name, level in zip(NAMES, own, strict=True):
        # The last layer that names a level wins; a policy's own entry beats "all" in its layer.
        expected_level = level
        for layer in (initial, given_):
            expected_level = layer.get("all", (None, {}))[0] or expected_level
            expected_level = layer.get(name, (None, {}))[0] or expected_level
        merged = {
            **schema_defaults,
            **initial.get(name, (None, {}))[1],
            **given_.get(name, (None, {}))[1],
        }
        assert result[name] == (expected_level, merged)
