"""The resource tree every human-readable output shows: parents before children, siblings by
type and name."""

from __future__ import annotations

from connect_streaming_plan.plan import Plan, PlannedResource, Verdict


def tree(plan: Plan) -> list[tuple[int, PlannedResource]]:
    """Each resource with its depth under the stack, in display order."""
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


def verdict_summary(verdicts: list[Verdict]) -> str:
    """``ok``, or how many violations of each level: ``2 mandatory, 1 advisory``."""
    levels = [v.enforcement for v in verdicts]
    if not levels:
        return "ok"
    return ", ".join(
        f"{levels.count(level)} {level}" for level in ("mandatory", "advisory") if level in levels
    )


def tree_lines(plan: Plan) -> list[str]:
    """The tree as indented lines: ``type  name  [verdict]``."""
    return [
        f"{'  ' * depth}{p.resource.type}  {p.resource.name}  [{verdict_summary(p.verdicts)}]"
        for depth, p in tree(plan)
    ]


def packs_line(plan: Plan) -> str:
    """``connect-streaming@0.2.0 (19 policies, config policy/config/prod.json), ...``."""
    return ", ".join(
        f"{pack.name}@{pack.version} ({len(pack.policies)} policies"
        + (f", config {pack.policy_config}" if pack.policy_config else "")
        + ")"
        for pack in plan.packs
    )
