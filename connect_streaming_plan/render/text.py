"""The plan as text: the resource tree with a verdict per resource, the violations, a summary."""

from __future__ import annotations

from typing import TextIO

from connect_streaming_plan.plan import EXIT_CLEAN, Plan
from connect_streaming_plan.render.tree import packs_line, tree, tree_lines


def render_text(plan: Plan, out: TextIO) -> None:
    """The resource tree with per-resource verdicts, then the violations and a summary."""
    noun = "policy pack" if len(plan.packs) == 1 else "policy packs"
    print(
        f"Offline plan for stack {plan.stack!r}: {len(plan.resources)} resources,"
        f" {noun} {packs_line(plan)}\n",
        file=out,
    )
    for line in tree_lines(plan):
        print(line, file=out)
    violations = [(p.resource.name, v) for _, p in tree(plan) for v in p.verdicts]
    violations += [("(stack)", v) for v in plan.stack_verdicts]
    if violations:
        print("\nPolicy violations:", file=out)
        for name, v in violations:
            lines = v.message.splitlines() or [""]
            print(
                f"  [{v.enforcement}] {v.policy} ({v.severity or 'no severity'}) on {name},"
                f" pack {v.pack}",
                file=out,
            )
            for line in lines[1:] or lines:
                print(f"      {line}", file=out)
    print(
        f"\nSummary: {len(plan.resources)} resources, {plan.count('mandatory')} mandatory and"
        f" {plan.count('advisory')} advisory violation(s)."
        + (" Clean." if plan.exit_code == EXIT_CLEAN else " Mandatory violations: exit 1."),
        file=out,
    )
