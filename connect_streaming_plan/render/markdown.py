"""The plan as a pull-request comment in GitHub-flavoured Markdown: a summary, the violations by
resource with each policy's remediation, and the resource tree in a collapsible block."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, TextIO

from connect_streaming.errors import ConnectStreamingError
from connect_streaming.flows.reference import CONTACT_FLOW
from connect_streaming.flows.render import to_mermaid
from connect_streaming_plan.mocks import RecordedResource
from connect_streaming_plan.plan import EXIT_CLEAN, Plan, Verdict
from connect_streaming_plan.render.tree import tree, tree_lines

MARKER: Final = "<!-- connect-streaming-plan stack={stack} -->"
"""The comment's first line: a workflow finds its earlier comment on the stack by it."""
_ICONS: Final = {"mandatory": ":x:", "advisory": ":warning:"}
FLOW_TYPE: Final = "aws:connect/contactFlow:ContactFlow"


def cell(text: str) -> str:
    """``text`` safe inside a table cell or an inline span: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """``text`` as inline code, whatever backticks it holds."""
    text = " ".join(text.split())
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _summary(plan: Plan) -> list[str]:
    mandatory, advisory = plan.count("mandatory"), plan.count("advisory")
    verdict = (
        ":white_check_mark: clean"
        if plan.exit_code == EXIT_CLEAN and not advisory
        else ":white_check_mark: no mandatory violation"
        if plan.exit_code == EXIT_CLEAN
        else ":x: mandatory violations: the plan fails"
    )
    lines = [
        MARKER.format(stack=plan.stack),
        f"## Offline plan of stack {_code(plan.stack)}: {verdict}",
        "",
        f"{len(plan.resources)} resources; {mandatory} mandatory and {advisory} advisory"
        " violation(s).",
        "",
        "| policy pack | version | runtime | policies | mandatory | advisory |",
        "|---|---|---|---:|---:|---:|",
    ]
    for pack in plan.packs:
        found = [v for v in plan.verdicts() if v.pack == pack.name]
        lines.append(
            f"| {cell(pack.name)} | {cell(pack.version)} | {pack.runtime} | {len(pack.policies)}"
            f" | {sum(v.enforcement == 'mandatory' for v in found)}"
            f" | {sum(v.enforcement == 'advisory' for v in found)} |"
        )
    return lines


def _verdict(plan: Plan, verdict: Verdict) -> list[str]:
    policy = plan.policy(verdict.pack, verdict.policy)
    icon = _ICONS.get(verdict.enforcement, "")
    severity = f", {verdict.severity}" if verdict.severity else ""
    lines = [
        f"- {icon} **{verdict.enforcement}** {_code(verdict.policy)}"
        f" ({cell(verdict.pack)}{severity}): {cell(verdict.message)}"
    ]
    if policy is not None and policy.remediation:
        lines.append(f"  - Remediation: {cell(policy.remediation)}")
    return lines


def _violations(plan: Plan) -> list[str]:
    groups = [(p.resource.name, p.resource.type, p.verdicts) for _, p in tree(plan) if p.verdicts]
    if plan.stack_verdicts:
        groups.append(("(stack)", "pulumi:pulumi:Stack", plan.stack_verdicts))
    if not groups:
        return []
    lines = ["", "### Violations by resource"]
    for name, kind, verdicts in groups:
        lines += ["", f"#### {_code(name)} ({_code(kind)})", ""]
        ordered = sorted(verdicts, key=lambda v: (v.enforcement != "mandatory", v.pack, v.policy))
        for verdict in ordered:
            lines += _verdict(plan, verdict)
    return lines


def _tree(plan: Plan) -> list[str]:
    return [
        "",
        "<details>",
        f"<summary>Resource tree ({len(plan.resources)} resources)</summary>",
        "",
        "```text",
        *tree_lines(plan),
        "```",
        "",
        "</details>",
    ]


def changed_flows(plan: Plan, baseline: Mapping[str, Any] | None) -> list[RecordedResource]:
    """The plan's contact flows whose content differs from the ``baseline`` plan's (a previous
    ``--format json`` document) or that it lacks; every flow when there is no baseline."""
    flows = [p.resource for p in plan.resources if p.resource.type == FLOW_TYPE]
    if baseline is None:
        return flows
    before = {
        r.get("urn"): (r.get("inputs") or {}).get("content")
        for r in baseline.get("resources", [])
        if isinstance(r, Mapping) and r.get("type") == FLOW_TYPE
    }
    return [f for f in flows if f.urn not in before or before[f.urn] != f.inputs.get("content")]


def _picture(flow: RecordedResource) -> list[str]:
    content = flow.inputs.get("content")
    if not isinstance(content, str):
        return ["", "(its content is not known before deployment)"]
    try:
        source = to_mermaid(content, flow_type=str(flow.inputs.get("type") or CONTACT_FLOW))
    except ConnectStreamingError as error:
        return ["", f"Cannot draw it: {cell(str(error))}"]
    return ["", "```mermaid", *source.rstrip("\n").splitlines(), "```"]


def _flows(plan: Plan, baseline: Mapping[str, Any] | None) -> list[str]:
    flows = changed_flows(plan, baseline)
    title = "Flows" if baseline is None else "Flows changed since the baseline"
    if not flows:
        return [] if baseline is None else ["", f"### {title}", "", "None."]
    lines = ["", f"### {title}"]
    for flow in flows:
        lines += ["", f"#### {_code(flow.name)}", *_picture(flow)]
    return lines


def markdown_comment(plan: Plan, *, baseline: Mapping[str, Any] | None = None) -> str:
    """The whole comment as one string; the flows drawn are those changed since ``baseline``."""
    lines = [*_summary(plan), *_violations(plan), *_flows(plan, baseline), *_tree(plan)]
    return "\n".join(lines) + "\n"


def render_markdown(plan: Plan, out: TextIO, *, baseline: Mapping[str, Any] | None = None) -> None:
    """The plan as a pull-request comment."""
    out.write(markdown_comment(plan, baseline=baseline))
