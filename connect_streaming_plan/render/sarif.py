"""The plan as SARIF 2.1.0: one run per policy pack (the pack is the tool), one rule per
policy, one result per violation, located in the stack config or the program (GitHub code
scanning, GitLab and most CI dashboards read it)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Final, TextIO

from connect_streaming_plan.mocks import RecordedResource
from connect_streaming_plan.plan import PackResult, Plan, Policy, Verdict
from connect_streaming_plan.render.locations import Location, config_entries, locate

SARIF_VERSION: Final = "2.1.0"
SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT: Final = "SRCROOT"
LEVELS: Final = {"mandatory": "error", "remediate": "error", "advisory": "warning"}
"""SARIF's result level for each enforcement level (a disabled policy reports nothing)."""
SECURITY_SEVERITY: Final = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}
"""GitHub's ``security-severity`` score for each Pulumi policy severity."""


def source_root(project_root: Path) -> Path:
    """The repository holding the project (its ``.git``), else the project: URIs in the log
    are relative to it, as code scanning resolves them against the checkout."""
    for folder in (project_root, *project_root.parents):
        if (folder / ".git").exists():
            return folder
    return project_root


def _relative(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return (
        resolved.relative_to(root).as_posix()
        if resolved.is_relative_to(root)
        else resolved.as_uri()
    )


def _rule(policy: Policy) -> dict[str, Any]:
    level = LEVELS.get(policy.enforcement, "none")
    tags = list(policy.tags) or ["policy-as-code"]
    properties: dict[str, Any] = {
        "enforcementLevel": policy.enforcement,
        "tags": [*tags, "security"] if policy.severity else tags,
    }
    if policy.severity:
        properties["severity"] = policy.severity
        properties["security-severity"] = SECURITY_SEVERITY.get(policy.severity, "5.5")
    if policy.kind:
        properties["policyType"] = policy.kind
    rule: dict[str, Any] = {
        "id": policy.name,
        "name": policy.display_name or policy.name,
        "shortDescription": {"text": policy.description or policy.name},
        "fullDescription": {"text": policy.description or policy.name},
        "help": {"text": policy.remediation or policy.description or policy.name},
        "defaultConfiguration": {"level": level, "enabled": policy.enforcement != "disabled"},
        "properties": properties,
    }
    if policy.url:
        rule["helpUri"] = policy.url
    return rule


def _location(location: Location, root: Path) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _relative(location.path, root), "uriBaseId": SRCROOT},
            "region": {"startLine": location.line},
        },
        "message": {"text": location.description},
    }


def _result(
    verdict: Verdict,
    rule_index: int,
    resource: RecordedResource | None,
    location: Location,
    root: Path,
) -> dict[str, Any]:
    urn = verdict.urn or (resource.urn if resource else "")
    logical = {"fullyQualifiedName": urn or "(stack)", "kind": "resource"}
    if resource is not None:
        logical["name"] = resource.name
        logical["decoratedName"] = resource.type
    physical = _location(location, root)
    identity = "\0".join((verdict.pack, verdict.policy, urn))
    return {
        "ruleId": verdict.policy,
        "ruleIndex": rule_index,
        "level": LEVELS.get(verdict.enforcement, "note"),
        "message": {"text": verdict.message},
        "locations": [{**physical, "logicalLocations": [logical]}],
        "partialFingerprints": {
            "pulumiPolicyUrn/v1": hashlib.sha256(identity.encode()).hexdigest()[:32]
        },
        "properties": {
            "urn": urn,
            "policyPack": verdict.pack,
            "enforcementLevel": verdict.enforcement,
            **({"resourceType": resource.type} if resource else {}),
        },
    }


def _run(plan: Plan, pack: PackResult, root: Path) -> dict[str, Any]:
    by_urn = {p.resource.urn: p.resource for p in plan.resources}
    text = (
        plan.config_file.read_text(encoding="utf-8")
        if plan.config_file and plan.config_file.is_file()
        else ""
    )
    entries = config_entries(text)
    indexes = {policy.name: index for index, policy in enumerate(pack.policies)}
    pairs: list[tuple[RecordedResource | None, Verdict]] = [
        (p.resource, v) for p in plan.resources for v in p.verdicts
    ]
    pairs += [(by_urn.get(v.urn or ""), v) for v in plan.stack_verdicts]
    results = []
    for resource, verdict in pairs:
        if verdict.pack != pack.name or verdict.policy not in indexes:
            continue
        where = (
            locate(
                resource,
                by_urn,
                stack=plan.stack,
                config_file=plan.config_file,
                entries=entries,
                program=plan.program,
            )
            if resource is not None
            else Location(plan.program, 1, "the stack")
        )
        results.append(_result(verdict, indexes[verdict.policy], resource, where, root))
    return {
        "tool": {
            "driver": {
                "name": pack.name,
                "version": pack.version,
                "rules": [_rule(p) for p in pack.policies],
            }
        },
        "automationDetails": {"id": f"connect-streaming-plan/{plan.stack}/{pack.name}/"},
        "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri() + "/"}},
        "results": results,
        "properties": {"stack": plan.stack, "runtime": pack.runtime},
    }


def sarif_log(plan: Plan) -> dict[str, Any]:
    """The plan as a SARIF 2.1.0 log (JSON-ready data)."""
    root = source_root(plan.project_root)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [_run(plan, pack, root) for pack in plan.packs],
    }


def render_sarif(plan: Plan, out: TextIO) -> None:
    """The plan as one SARIF 2.1.0 log."""
    json.dump(sarif_log(plan), out, indent=2, sort_keys=True)
    out.write("\n")
