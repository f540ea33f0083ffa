"""A policy pack's configuration as the engine reconciles it (``ReconcilePolicyPackConfig`` in
pulumi's ``pkg/resource/analyzer/config.go``): each policy's defaults, then the pack's
``initialConfig``, then the config file; ``all`` before single policies at each step.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import jsonschema

from connect_streaming_plan.errors import ConnectStreamingPlanError

LEVEL_ORDER: Final = ("advisory", "mandatory", "remediate", "disabled")
Setting = tuple[str, dict[str, Any]]
"""One policy's enforcement level and properties, as ``Configure`` sends them."""
Entry = tuple[str | None, dict[str, Any]]
"""One config entry: a level if it sets one, and the properties it sets."""


class PlanError(ConnectStreamingPlanError):
    """Bad input to the plan (exit 2); the message names the file and key."""


def json_object(path: Path, label: str, expected: str = "a JSON object") -> dict[str, Any]:
    """The JSON object in ``path``; a PlanError opening with ``label`` if unreadable or not one."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PlanError(f"{label}: {error.strerror}") from None
    except ValueError as error:
        raise PlanError(f"{label}: not JSON ({error})") from None
    if not isinstance(value, dict):
        raise PlanError(f"{label}: expected {expected}")
    return value


def _expected(error: jsonschema.ValidationError) -> str:
    """What the schema wanted, in words: "array", "one of all, streaming", "minItems 1"."""
    wanted: Any = error.validator_value
    if error.validator == "type":
        return " or ".join(wanted) if isinstance(wanted, list) else str(wanted)
    if error.validator == "enum" and isinstance(wanted, list):
        return "one of " + ", ".join(str(v) for v in wanted)
    if error.validator == "const":
        return repr(wanted)
    return f"{error.validator} {wanted!r}"


def _validate_properties(
    label: str, name: str, config_schema: Mapping[str, Any], properties: Mapping[str, Any]
) -> None:
    """Validate a policy's properties against the configSchema it publishes (JSON Schema
    draft 7, as Pulumi's engine does); PlanError naming the first wrong key."""
    schema = {
        "type": "object",
        "properties": dict(config_schema.get("properties", {})),
        "required": list(config_schema.get("required", [])),
    }
    errors = sorted(
        jsonschema.Draft7Validator(schema).iter_errors(dict(properties)),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    if not errors:
        return
    error = errors[0]
    where = "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path
    )
    raise PlanError(f"{label}: {name}{where}: expected {_expected(error)}, got {error.instance!r}")


def _file_entry(label: str, name: str, entry: Any, schema: Mapping[str, Any]) -> Entry:
    """One policy's entry in a config file: a level, or an object of level and properties."""
    if isinstance(entry, str):
        return entry, {}
    if not isinstance(entry, dict):
        raise PlanError(f"{label}: {name}: expected a level or an object, got {entry!r}")
    properties = {k: v for k, v in entry.items() if k != "enforcementLevel"}
    for key in properties:
        if key not in schema:
            raise PlanError(
                f"{label}: {name}.{key}: not a property of the policy"
                f" (it has: {', '.join(sorted(schema)) or 'none'})"
            )
    return entry.get("enforcementLevel"), properties


def _file_entries(
    label: str, raw: Mapping[str, Any], by_name: Mapping[str, Mapping[str, Any]]
) -> dict[str, Entry]:
    unknown = sorted(set(raw) - set(by_name) - {"all"})
    if unknown:
        raise PlanError(
            f"{label}: unknown policy {', '.join(unknown)}"
            f" (the pack has: {', '.join(sorted(by_name))})"
        )
    entries: dict[str, Entry] = {}
    if "all" in raw:
        if raw["all"] not in LEVEL_ORDER:
            raise PlanError(f"{label}: all: expected one of {', '.join(LEVEL_ORDER)}")
        entries["all"] = (raw["all"], {})
    for name, entry in raw.items():
        if name != "all":
            schema = by_name[name].get("configSchema", {}).get("properties", {})
            entries[name] = _file_entry(label, name, entry, schema)
    return entries


def apply_config(result: dict[str, Setting], entries: Mapping[str, Entry]) -> None:
    """Lay ``entries`` over ``result`` as the engine's ``applyConfig`` does: ``all`` sets every
    policy's level, then each entry its own level and properties (merged key by key)."""
    all_level = entries.get("all", (None, {}))[0]
    if all_level is not None:
        for name, (_, properties) in result.items():
            result[name] = (all_level, properties)
    for name, (level, properties) in entries.items():
        if name == "all" or name not in result:
            continue
        old_level, old_properties = result[name]
        result[name] = (level or old_level, {**old_properties, **properties})


def defaults(policies: Sequence[Mapping[str, Any]]) -> dict[str, Setting]:
    """Each policy's own level and its schema's defaults (``createConfigWithDefaults``)."""
    result: dict[str, Setting] = {}
    for policy in policies:
        schema = policy.get("configSchema", {}).get("properties", {})
        properties = {k: s["default"] for k, s in schema.items() if "default" in s}
        result[policy["name"]] = (str(policy["enforcementLevel"]), properties)
    return result


def load_policy_config(
    path: Path | None,
    policies: Sequence[Mapping[str, Any]],
    initial: Mapping[str, Entry] | None = None,
    *,
    pack: str = "",
) -> dict[str, Setting]:
    """Every policy's (level, properties), reconciled as the engine does from the policies'
    defaults, the pack's ``initial`` config and Pulumi's config file format at ``path``
    (``{"all": level, "<policy>": level | {...}}``); PlanError naming the file and key."""
    label = f"--policy-config {path}"
    raw: dict[str, Any] = {}
    if path is not None:
        raw = json_object(path, label, "a JSON object of policy names")
    by_name = {p["name"]: p for p in policies}
    given = _file_entries(label, raw, by_name)
    result = defaults(policies)
    apply_config(result, initial or {})
    apply_config(result, given)
    for name, (level, properties) in result.items():
        if level not in LEVEL_ORDER:
            raise PlanError(
                f"{label}: {name}: enforcement level {level!r} is not one of"
                f" {', '.join(LEVEL_ORDER)}"
            )
        where = (
            label
            if name in given
            else f"policy pack {pack} initialConfig"
            if name in (initial or {})
            else f"policy pack {pack}"
        )
        _validate_properties(where, name, by_name[name].get("configSchema", {}), properties)
    return result
