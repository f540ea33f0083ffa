"""The plan as one JSON document: every resource with its inputs (secrets as ``[secret]``),
its dependencies and verdicts, each pack with its configured policies."""

from __future__ import annotations

import json
from typing import Any, TextIO

from connect_streaming_plan.mocks import masked
from connect_streaming_plan.plan import PackResult, Plan, PlannedResource


def _pack(pack: PackResult) -> dict[str, Any]:
    return {
        "name": pack.name,
        "version": pack.version,
        "runtime": pack.runtime,
        "directory": str(pack.directory),
        "policyConfig": str(pack.policy_config) if pack.policy_config else None,
        "analyses": pack.analyses,
        "policies": [
            {**p.to_json(), "notApplicable": pack.not_applicable.get(p.name, 0)}
            for p in pack.policies
        ],
    }


def _resource(planned: PlannedResource) -> dict[str, Any]:
    r = planned.resource
    return {
        "urn": r.urn,
        "type": r.type,
        "name": r.name,
        "parent": r.parent,
        "custom": r.custom,
        "inputs": masked(r.inputs),
        "dependencies": list(r.dependencies),
        "propertyDependencies": {k: list(v) for k, v in r.property_dependencies.items()},
        "verdicts": [v.to_json() for v in planned.verdicts],
    }


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan as JSON-ready data; ``policyPack``/``policyConfig`` describe the first pack,
    as the document did when a plan ran one pack."""
    first = plan.packs[0]
    return {
        "stack": plan.stack,
        "policyPack": {
            "name": first.name,
            "version": first.version,
            "policies": [p.to_json() for p in first.policies],
        },
        "policyConfig": str(first.policy_config) if first.policy_config else None,
        "policyPacks": [_pack(p) for p in plan.packs],
        "resources": [_resource(p) for p in plan.resources],
        "stackVerdicts": [v.to_json() for v in plan.stack_verdicts],
        "outputs": plan.outputs,
        "summary": {
            "resources": len(plan.resources),
            "mandatory": plan.count("mandatory"),
            "advisory": plan.count("advisory"),
        },
        "exitCode": plan.exit_code,
    }


def render_json(plan: Plan, out: TextIO) -> None:
    """The plan as one JSON document."""
    json.dump(plan_document(plan), out, indent=2, sort_keys=True)
    out.write("\n")
