"""Offline plan: run the real stack program under mocks and the real policy pack over gRPC.

No Pulumi CLI, no credentials, no network. ``pulumi preview --policy-pack policy`` is the same
check against a real account.

    python -m connect_streaming_plan --stack dev [--project DIR] [--policy-pack DIR]
        [--format text|json] [--policy-config FILE] [--config Pulumi.<stack>.yaml]

Exit status: 0 clean (advisory findings allowed), 1 a mandatory policy is violated, 2 bad
arguments, bad stack or policy config, or a program error (the message says which).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TextIO

import jsonschema
from google.protobuf import json_format
from pulumi.runtime.proto import analyzer_pb2

from connect_streaming_plan.analyzer import (
    LEVEL_NAMES,
    LEVELS,
    PolicyPackError,
    PolicyPackProcess,
    Resource,
)
from connect_streaming_plan.errors import ConnectStreamingPlanError
from connect_streaming_plan.mocks import (
    RecordedResource,
    StackProgramError,
    StackRun,
    mocks_for,
    run_stack_program,
)
from connect_streaming_plan.project import PulumiProject, load_stack_file

EXIT_CLEAN: Final = 0
EXIT_VIOLATIONS: Final = 1
EXIT_ERROR: Final = 2


class PlanError(ConnectStreamingPlanError):
    """Bad input to the plan (exit 2); the message names the file and key."""


@dataclass
class Verdict:
    """One policy diagnostic."""

    policy: str
    enforcement: str
    severity: str
    message: str
    urn: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "enforcement": self.enforcement,
            "severity": self.severity,
            "message": self.message,
            **({"urn": self.urn} if self.urn else {}),
        }


@dataclass
class PlannedResource:
    """A resource of the plan and what the pack said about it."""

    resource: RecordedResource
    verdicts: list[Verdict] = field(default_factory=list)


@dataclass
class Plan:
    """The result of one offline plan."""

    stack: str
    pack: str
    pack_version: str
    policies: list[dict[str, Any]]
    policy_config: str | None
    resources: list[PlannedResource]
    stack_verdicts: list[Verdict]
    outputs: dict[str, Any]

    def verdicts(self) -> list[Verdict]:
        """Every diagnostic, resource and stack."""
        return [v for r in self.resources for v in r.verdicts] + self.stack_verdicts

    def count(self, level: str) -> int:
        """How many diagnostics have this enforcement level."""
        return sum(1 for v in self.verdicts() if v.enforcement == level)

    @property
    def exit_code(self) -> int:
        """1 when a mandatory policy is violated, else 0."""
        return EXIT_VIOLATIONS if self.count("mandatory") else EXIT_CLEAN


def _verdicts(response: Any, urn: str | None) -> list[Verdict]:
    return [
        Verdict(
            policy=d.policyName,
            enforcement=LEVEL_NAMES.get(d.enforcementLevel, str(d.enforcementLevel)),
            severity=analyzer_pb2.PolicySeverity.Name(d.severity)
            .removeprefix("POLICY_SEVERITY_")
            .lower(),
            message=d.message,
            urn=d.urn or urn,
        )
        for d in response.diagnostics
    ]


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
    path: Path | None, name: str, config_schema: Mapping[str, Any], properties: Mapping[str, Any]
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
    raise PlanError(
        f"--policy-config {path}: {name}{where or ''}: expected {_expected(error)},"
        f" got {error.instance!r}"
    )


def load_policy_config(
    path: Path | None, policies: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[str, dict[str, Any]]]:
    """Pulumi's policy pack config format (``{"all": level, "<policy>": level | {...}}``)
    resolved for every policy, schema defaults filled in, as the engine sends it."""
    raw: dict[str, Any] = {}
    if path is not None:
        raw = _json_object(path, f"--policy-config {path}", "a JSON object of policy names")
    by_name = {p["name"]: p for p in policies}
    unknown = sorted(set(raw) - set(by_name) - {"all"})
    if unknown:
        raise PlanError(
            f"--policy-config {path}: unknown policy {', '.join(unknown)}"
            f" (the pack has: {', '.join(sorted(by_name))})"
        )
    default_level = raw.get("all")
    if default_level is not None and default_level not in LEVELS:
        raise PlanError(f"--policy-config {path}: all: expected one of {', '.join(LEVELS)}")
    resolved = {}
    for name, policy in by_name.items():
        schema = policy.get("configSchema", {}).get("properties", {})
        level = default_level or policy["enforcementLevel"]
        properties = {k: s["default"] for k, s in schema.items() if "default" in s}
        entry = raw.get(name)
        if isinstance(entry, str):
            level = entry
        elif isinstance(entry, dict):
            level = entry.get("enforcementLevel", level)
            for key, value in entry.items():
                if key == "enforcementLevel":
                    continue
                if key not in schema:
                    raise PlanError(
                        f"--policy-config {path}: {name}.{key}: not a property of the policy"
                        f" (it has: {', '.join(sorted(schema)) or 'none'})"
                    )
                properties[key] = value
            _validate_properties(path, name, policy.get("configSchema", {}), properties)
        elif entry is not None:
            raise PlanError(
                f"--policy-config {path}: {name}: expected a level or an object, got {entry!r}"
            )
        if level not in LEVELS:
            raise PlanError(
                f"--policy-config {path}: {name}: enforcement level {level!r} is not one of"
                f" {', '.join(LEVELS)}"
            )
        resolved[name] = (str(level), properties)
    return resolved


def pack_version(pack_dir: Path) -> str | None:
    """The version in ``PulumiPolicy.yaml``, which the CLI uses for Python packs."""
    import yaml

    path = pack_dir / "PulumiPolicy.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    version = document.get("version") if isinstance(document, dict) else None
    return str(version) if version else None


def default_policy_config(pack_dir: Path, stack: str) -> Path | None:
    """``<pack>/config/<stack>.json`` when it exists (prod's stricter settings)."""
    path = pack_dir / "config" / f"{stack}.json"
    return path if path.is_file() else None


def _analyze(pack: PolicyPackProcess, run: StackRun) -> tuple[list[PlannedResource], list[Verdict]]:
    planned = []
    for r in run.resources:
        response = pack.analyze(
            Resource(r.type, r.urn, r.name, r.inputs, r.parent, (), r.ignore_changes)
        )
        planned.append(PlannedResource(r, _verdicts(response, r.urn)))
    stack_response = pack.analyze_stack(
        [
            Resource(r.type, r.urn, r.name, {**r.inputs, **r.outputs}, r.parent)
            for r in run.resources
        ]
    )
    by_urn = {p.resource.urn: p for p in planned}
    stack_verdicts: list[Verdict] = []
    for verdict in _verdicts(stack_response, None):
        target = by_urn.get(verdict.urn or "")
        (target.verdicts if target else stack_verdicts).append(verdict)
    return planned, stack_verdicts


def _policies(pack: PolicyPackProcess) -> tuple[str, str, list[dict[str, Any]]]:
    info = pack.info()
    policies = [
        json_format.MessageToDict(p, preserving_proto_field_name=False) for p in info.policies
    ]
    for policy in policies:
        policy["enforcementLevel"] = policy.get("enforcementLevel", "ADVISORY").lower()
    return info.name, info.version, policies


def run_plan(
    stack: str,
    *,
    project: PulumiProject,
    pack_dir: Path,
    config: Mapping[str, Any] | None = None,
    policy_config: Path | None = None,
    stack_outputs: Mapping[str, Mapping[str, Any]] | None = None,
) -> Plan:
    """Run the project's program for ``stack`` under mocks, then the policy pack over gRPC.

    ``stack_outputs`` answers the program's ``pulumi.StackReference``s (stack name -> outputs).
    """
    stack_config = dict(config) if config is not None else project.stack_config(stack)
    run = run_stack_program(
        stack,
        stack_config,
        program_path=project.program,
        project=project.name,
        mocks=mocks_for(stack_config, stack_outputs),
    )
    policy_config = policy_config or default_policy_config(pack_dir, stack)
    env = {"PULUMI_STACK": stack, "PULUMI_PROJECT": project.name}
    with PolicyPackProcess(pack_dir, env=env) as pack:
        name, version, policies = _policies(pack)
        settings = load_policy_config(policy_config, policies)
        pack.configure(settings)
        pack.configure_stack(stack=stack, project=project.name)
        planned, stack_verdicts = _analyze(pack, run)
    return Plan(
        stack=stack,
        pack=name,
        pack_version=pack_version(pack_dir) or version,
        policies=[
            {
                "name": p["name"],
                "enforcement": settings[p["name"]][0],
                "severity": p.get("severity", "").removeprefix("POLICY_SEVERITY_").lower(),
            }
            for p in policies
        ],
        policy_config=str(policy_config) if policy_config else None,
        resources=planned,
        stack_verdicts=stack_verdicts,
        outputs=run.outputs,
    )


# --- output -----------------------------------------------------------------------------------


def _tree(plan: Plan) -> list[tuple[int, PlannedResource]]:
    children: dict[str | None, list[PlannedResource]] = {}
    urns = {p.resource.urn for p in plan.resources}
    for p in plan.resources:
        parent = p.resource.parent if p.resource.parent in urns else None
        children.setdefault(parent, []).append(p)
    ordered: list[tuple[int, PlannedResource]] = []

    def walk(parent: str | None, depth: int) -> None:
        for child in sorted(
            children.get(parent, []), key=lambda c: (c.resource.type, c.resource.name)
        ):
            ordered.append((depth, child))
            walk(child.resource.urn, depth + 1)

    walk(None, 0)
    return ordered


def render_text(plan: Plan, out: TextIO) -> None:
    """The resource tree with per-resource verdicts, then the violations and a summary."""
    print(
        f"Offline plan for stack {plan.stack!r}: {len(plan.resources)} resources,"
        f" policy pack {plan.pack}@{plan.pack_version} ({len(plan.policies)} policies"
        + (f", config {plan.policy_config}" if plan.policy_config else "")
        + ")\n",
        file=out,
    )
    for depth, p in _tree(plan):
        r = p.resource
        levels = [v.enforcement for v in p.verdicts]
        verdict = (
            "ok"
            if not levels
            else ", ".join(
                f"{levels.count(lv)} {lv}" for lv in ("mandatory", "advisory") if lv in levels
            )
        )
        print(f"{'  ' * depth}{r.type}  {r.name}  [{verdict}]", file=out)
    violations = [(p.resource.name, v) for _, p in _tree(plan) for v in p.verdicts]
    violations += [("(stack)", v) for v in plan.stack_verdicts]
    if violations:
        print("\nPolicy violations:", file=out)
        for name, v in violations:
            lines = v.message.splitlines() or [""]
            print(f"  [{v.enforcement}] {v.policy} ({v.severity}) on {name}", file=out)
            for line in lines[1:] or lines:
                print(f"      {line}", file=out)
    print(
        f"\nSummary: {len(plan.resources)} resources, {plan.count('mandatory')} mandatory and"
        f" {plan.count('advisory')} advisory violation(s)."
        + (" Clean." if plan.exit_code == EXIT_CLEAN else " Mandatory violations: exit 1."),
        file=out,
    )


def render_json(plan: Plan, out: TextIO) -> None:
    """The plan as one JSON document."""
    document = {
        "stack": plan.stack,
        "policyPack": {"name": plan.pack, "version": plan.pack_version, "policies": plan.policies},
        "policyConfig": plan.policy_config,
        "resources": [
            {
                "urn": p.resource.urn,
                "type": p.resource.type,
                "name": p.resource.name,
                "parent": p.resource.parent,
                "verdicts": [v.to_json() for v in p.verdicts],
            }
            for p in plan.resources
        ],
        "stackVerdicts": [v.to_json() for v in plan.stack_verdicts],
        "outputs": plan.outputs,
        "summary": {
            "resources": len(plan.resources),
            "mandatory": plan.count("mandatory"),
            "advisory": plan.count("advisory"),
        },
        "exitCode": plan.exit_code,
    }
    json.dump(document, out, indent=2, sort_keys=True)
    out.write("\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="connect-streaming-plan",
        description=(
            "Offline plan: run a Pulumi project's program for one stack under Pulumi mocks and"
            " check every resource with a policy pack over its gRPC Analyzer interface, as"
            " `pulumi preview --policy-pack` does. Exit 0 clean, 1 mandatory violations,"
            " 2 errors."
        ),
    )
    parser.add_argument("--stack", required=True, help="stack name (its Pulumi.<stack>.yaml)")
    parser.add_argument(
        "--project",
        type=Path,
        default=Path.cwd(),
        help="the Pulumi project directory, with Pulumi.yaml (default: the current directory)",
    )
    parser.add_argument(
        "--policy-pack",
        type=Path,
        help="the policy pack directory (default: <project>/policy)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--policy-config",
        type=Path,
        help="policy pack config JSON, as `pulumi preview --policy-pack-config`"
        " (default: <policy pack>/config/<stack>.json if present)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        help="a Pulumi.<stack>.yaml to use instead of the project's own",
    )
    parser.add_argument(
        "--stack-reference",
        action="append",
        metavar="STACK=OUTPUTS.json",
        help="the outputs a pulumi.StackReference to STACK reads, as a JSON object"
        " (e.g. from `pulumi stack output --json`); repeat for more stacks",
    )
    return parser


def _stack_references(given: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``--stack-reference ORG/PROJECT/STACK=OUTPUTS.json`` options as stack name -> outputs."""
    references: dict[str, dict[str, Any]] = {}
    for item in given:
        name, sep, file = item.partition("=")
        if not sep or not name or not file:
            raise PlanError(f"--stack-reference {item!r}: expected STACK=OUTPUTS.json")
        references[name] = _json_object(Path(file), f"--stack-reference {name}: {file}")
    return references


def _json_object(path: Path, label: str, expected: str = "a JSON object") -> dict[str, Any]:
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


def _stack_file(path: Path) -> dict[str, Any]:
    name = path.name
    if not path.is_file():
        raise PlanError(f"--config {path}: no such file")
    if not (name.startswith("Pulumi.") and name.endswith(".yaml")):
        raise PlanError(f"--config {path}: expected a file named Pulumi.<stack>.yaml")
    return load_stack_file(path)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    out = out or sys.stdout
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code else EXIT_CLEAN
    try:
        project = PulumiProject.load(args.project)
        config = None if args.config is None else _stack_file(args.config)
        plan = run_plan(
            args.stack,
            project=project,
            pack_dir=args.policy_pack or project.root / "policy",
            config=config,
            policy_config=args.policy_config,
            stack_outputs=_stack_references(args.stack_reference or []),
        )
    except (PlanError, StackProgramError, PolicyPackError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    (render_json if args.format == "json" else render_text)(plan, out)
    return plan.exit_code


if __name__ == "__main__":
    sys.exit(main())
