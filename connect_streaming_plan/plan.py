"""Offline plan, the running part: the real stack program under mocks, then every policy pack
over gRPC as ``pulumi preview --policy-pack DIR ...`` runs them (render.py prints, cli.py parses).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from google.protobuf import json_format
from pulumi.runtime.proto import analyzer_pb2

from connect_streaming_plan.analyzer import LEVEL_NAMES, PolicyPackProcess, Resource
from connect_streaming_plan.mocks import (
    RecordedResource,
    StackRun,
    config_values,
    mocks_for,
    run_stack_program,
)
from connect_streaming_plan.packs import PackManifest, PolicyPackError, StackIdentity
from connect_streaming_plan.policy_config import (
    Entry,
    PlanError,
    Setting,
    json_object,
    load_policy_config,
)
from connect_streaming_plan.project import PulumiProject

__all__ = [
    "EXIT_CLEAN",
    "EXIT_ERROR",
    "EXIT_VIOLATIONS",
    "PackResult",
    "Plan",
    "PlanError",
    "PlannedResource",
    "Policy",
    "Verdict",
    "default_policy_config",
    "json_object",
    "load_policy_config",
    "pack_version",
    "run_plan",
]

EXIT_CLEAN: Final = 0
EXIT_VIOLATIONS: Final = 1
EXIT_ERROR: Final = 2


@dataclass
class Verdict:
    """One policy diagnostic, named by its pack."""

    policy: str
    enforcement: str
    severity: str
    message: str
    urn: str | None = None
    pack: str = ""

    def to_json(self) -> dict[str, Any]:
        named = ("policy", "enforcement", "severity", "message")
        document = {"policyPack": self.pack, **{key: getattr(self, key) for key in named}}
        return {**document, "urn": self.urn} if self.urn else document


@dataclass(frozen=True)
class Policy:
    """A policy as its pack publishes it, with the level and properties the plan configured."""

    name: str
    enforcement: str
    severity: str
    description: str = ""
    remediation: str = ""
    display_name: str = ""
    url: str = ""
    kind: str = ""
    tags: tuple[str, ...] = ()
    properties: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "enforcement": self.enforcement,
            "severity": self.severity,
            "description": self.description,
            "remediation": self.remediation,
            "type": self.kind,
            "properties": dict(self.properties),
            **({"url": self.url} if self.url else {}),
            **({"tags": list(self.tags)} if self.tags else {}),
        }


@dataclass
class PackResult:
    """One policy pack of the plan: who it is, how it was configured."""

    name: str
    version: str
    runtime: str
    directory: Path
    policy_config: Path | None
    policies: list[Policy]
    analyses: int = 0
    """How many Analyze and AnalyzeStack calls the pack answered."""
    not_applicable: dict[str, int] = field(default_factory=dict)
    """Per policy, in how many of those answers the pack said it does not apply."""


@dataclass
class PlannedResource:
    """A resource of the plan and what the packs said about it."""

    resource: RecordedResource
    verdicts: list[Verdict] = field(default_factory=list)


@dataclass
class Plan:
    """The result of one offline plan."""

    stack: str
    packs: list[PackResult]
    resources: list[PlannedResource]
    stack_verdicts: list[Verdict]
    outputs: dict[str, Any]
    project_root: Path = Path()
    program: Path = Path("__main__.py")
    config_file: Path | None = None
    """The ``Pulumi.<stack>.yaml`` the program ran with (where SARIF points)."""
    config: dict[str, Any] = field(default_factory=dict)

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

    def policy(self, pack: str, name: str) -> Policy | None:
        """The policy ``name`` of the pack called ``pack``."""
        for result in self.packs:
            if result.name == pack:
                return next((p for p in result.policies if p.name == name), None)
        return None


def _level(number: Any) -> str:
    return str(LEVEL_NAMES.get(number, number))


def _severity(number: Any) -> str:
    name = str(analyzer_pb2.PolicySeverity.Name(number))
    return name.removeprefix("POLICY_SEVERITY_").lower().replace("unspecified", "")


def _verdicts(response: Any, urn: str | None, pack: str) -> list[Verdict]:
    return [
        Verdict(
            policy=d.policyName,
            enforcement=_level(d.enforcementLevel),
            severity=_severity(d.severity),
            message=d.message,
            urn=d.urn or urn,
            pack=d.policyPackName or pack,
        )
        for d in response.diagnostics
    ]


def pack_version(pack_dir: Path) -> str | None:
    """The version in ``PulumiPolicy.yaml``, which the engine prefers to the pack's own."""
    try:
        return PackManifest.load(pack_dir).version
    except PolicyPackError:
        return None


def default_policy_config(pack_dir: Path, stack: str) -> Path | None:
    """``<pack>/config/<stack>.json`` when it exists (prod's stricter settings)."""
    path = pack_dir / "config" / f"{stack}.json"
    return path if path.is_file() else None


def _published(info: analyzer_pb2.AnalyzerInfo) -> list[dict[str, Any]]:
    policies = [json_format.MessageToDict(p) for p in info.policies]
    for policy in policies:
        policy["enforcementLevel"] = policy.get("enforcementLevel", "ADVISORY").lower()
    return policies


def initial_config(info: analyzer_pb2.AnalyzerInfo) -> dict[str, Entry]:
    """The pack's ``initialConfig``; as the engine reads the proto, an entry always carries a
    level (one set with properties alone arrives as ADVISORY, the enum's zero)."""
    return {
        name: (_level(config.enforcementLevel), json_format.MessageToDict(config.properties))
        for name, config in info.initialConfig.items()
    }


def _policy(published: Mapping[str, Any], setting: Setting) -> Policy:
    return Policy(
        name=published["name"],
        enforcement=setting[0],
        severity=str(published.get("severity", "")).removeprefix("POLICY_SEVERITY_").lower(),
        description=published.get("description", ""),
        remediation=published.get("remediationSteps") or published.get("message", ""),
        display_name=published.get("displayName", ""),
        url=published.get("url", ""),
        kind=str(published.get("policyType", "")).removeprefix("POLICY_TYPE_").lower(),
        tags=tuple(published.get("tags", ())),
        properties=setting[1],
    )


def _configure(
    pack: PolicyPackProcess, identity: StackIdentity, policy_config: Path | None
) -> PackResult:
    """The engine's order: ConfigureStack, GetAnalyzerInfo, reconcile, Configure."""
    pack.configure_stack(
        stack=identity.stack,
        project=identity.project,
        organization=identity.organization,
        config=identity.config,
    )
    info = pack.info()
    published = _published(info)
    assert pack.manifest is not None
    if not info.supportsConfig and policy_config is not None:
        raise PlanError(f"policy pack {info.name} at {pack.pack_dir} does not support config")
    settings = load_policy_config(policy_config, published, initial_config(info), pack=info.name)
    if info.supportsConfig:
        pack.configure(settings)
    return PackResult(
        name=info.name,
        version=pack.manifest.version or info.version,
        runtime=pack.manifest.runtime,
        directory=pack.pack_dir,
        policy_config=policy_config,
        policies=sorted((_policy(p, settings[p["name"]]) for p in published), key=lambda p: p.name),
    )


def _analyze(pack: PolicyPackProcess, run: StackRun) -> list[analyzer_pb2.AnalyzeResponse]:
    """Analyze per resource, then AnalyzeStack (the last response)."""
    found = [
        pack.analyze(Resource(r.type, r.urn, r.name, r.inputs, r.parent, (), r.ignore_changes))
        for r in run.resources
    ]
    stack = pack.analyze_stack(
        [
            Resource(
                r.type,
                r.urn,
                r.name,
                {**r.inputs, **r.outputs},
                r.parent,
                r.dependencies,
                r.ignore_changes,
                r.property_dependencies,
            )
            for r in run.resources
        ]
    )
    return [*found, stack]


def _judged(
    pack: PackResult, responses: Sequence[analyzer_pb2.AnalyzeResponse], run: StackRun
) -> list[list[Verdict]]:
    """Each response's verdicts (the last: the stack's); counts on ``pack`` how often the pack
    said a policy does not apply (``AnalyzeResponse.not_applicable``)."""
    pack.analyses = len(responses)
    pack.not_applicable = dict(
        Counter(
            name
            for response in responses
            for name in {n.policy_name for n in response.not_applicable}
        )
    )
    urns = [r.urn for r in run.resources]
    return [
        _verdicts(response, urn, pack.name)
        for response, urn in zip(responses, [*urns, None], strict=True)
    ]


def _pair_configs(
    pack_dirs: Sequence[Path], policy_configs: Sequence[Path | None], stack: str
) -> list[Path | None]:
    """``--policy-config`` files pair with ``--policy-pack`` folders by position, as
    ``pulumi preview`` pairs them; none given means ``<pack>/config/<stack>.json`` each."""
    if not policy_configs:
        return [default_policy_config(d, stack) for d in pack_dirs]
    if len(policy_configs) != len(pack_dirs):
        raise PlanError(
            f"{len(policy_configs)} --policy-config for {len(pack_dirs)} --policy-pack: the"
            ' number of "--policy-config" flags must match the number of "--policy-pack" flags'
        )
    return list(policy_configs)


def _run_packs(
    run: StackRun,
    pack_dirs: Sequence[Path],
    configs: Sequence[Path | None],
    identity: StackIdentity,
) -> tuple[list[PackResult], list[list[list[Verdict]]]]:
    with ExitStack() as stack:
        processes = [PolicyPackProcess(d, identity=identity) for d in pack_dirs]
        for process in processes:
            stack.callback(process.close)
            process.spawn()  # all start at once; each waits for its own port below
        packs = [
            _configure(p.connect(), identity, c) for p, c in zip(processes, configs, strict=True)
        ]
        with ThreadPoolExecutor(max_workers=len(processes)) as pool:
            responses = list(pool.map(lambda process: _analyze(process, run), processes))
    verdicts = [_judged(p, r, run) for p, r in zip(packs, responses, strict=True)]
    return packs, verdicts


def run_plan(
    stack: str,
    *,
    project: PulumiProject,
    pack_dir: Path | None = None,
    pack_dirs: Sequence[Path] = (),
    config: Mapping[str, Any] | None = None,
    config_file: Path | None = None,
    policy_config: Path | None = None,
    policy_configs: Sequence[Path | None] = (),
    stack_outputs: Mapping[str, Mapping[str, Any]] | None = None,
) -> Plan:
    """Run the project's program for ``stack`` under mocks, then each policy pack over gRPC.

    ``pack_dirs`` (or the one ``pack_dir``; default ``<project>/policy``) pair with
    ``policy_configs`` (or ``policy_config``) by position. ``stack_outputs`` answers the
    program's ``pulumi.StackReference``s (stack name -> outputs).
    """
    dirs = list(pack_dirs) or [pack_dir or project.root / "policy"]
    configs = _pair_configs(
        dirs, list(policy_configs) or ([policy_config] if policy_config else []), stack
    )
    stack_config = dict(config) if config is not None else project.stack_config(stack)
    run = run_stack_program(
        stack,
        stack_config,
        program_path=project.program,
        project=project.name,
        mocks=mocks_for(stack_config, stack_outputs),
    )
    identity = StackIdentity(stack, project.name, config=config_values(stack_config))
    packs, verdicts = _run_packs(run, dirs, configs, identity)
    planned = [PlannedResource(r) for r in run.resources]
    by_urn = {p.resource.urn: p for p in planned}
    stack_verdicts: list[Verdict] = []
    for per_pack in verdicts:
        for resource, found in zip(planned, per_pack[:-1], strict=True):
            resource.verdicts.extend(found)
        for verdict in per_pack[-1]:
            target = by_urn.get(verdict.urn or "")
            (target.verdicts if target else stack_verdicts).append(verdict)
    return Plan(
        stack=stack,
        packs=packs,
        resources=planned,
        stack_verdicts=stack_verdicts,
        outputs=run.outputs,
        project_root=project.root,
        program=project.program,
        config_file=config_file or project.stack_config_dir / f"Pulumi.{stack}.yaml",
        config=stack_config,
    )
