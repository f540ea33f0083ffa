"""Hypothesis strategies for task template definitions: valid ones, and ones that break exactly
one rule of connect_streaming.templates.definition (with the rule id and the path it must name)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import strategies as st

from connect_streaming.templates.definition import (
    MAX_CONSTRAINT_FIELDS,
    NAME_FIELD,
    QUICK_CONNECT_FIELD,
    SINGLE_SELECT_FIELD,
    TaskTemplateDefinition,
    TemplateField,
    field_types,
    statuses,
)

field_names = st.text(min_size=1, max_size=40)
options = st.lists(st.text(min_size=1, max_size=100), min_size=1, max_size=5)
OTHER_TYPES = sorted(field_types() - {NAME_FIELD})


@st.composite
def _other_field(draw: st.DrawFn, name: str) -> TemplateField:
    kind = draw(st.sampled_from(OTHER_TYPES))
    return TemplateField(
        name=name,
        type=kind,
        description=draw(st.none() | st.text(min_size=1, max_size=255)),
        single_select_options=tuple(draw(options)) if kind == SINGLE_SELECT_FIELD else (),
    )


def _subset(draw: st.DrawFn, names: list[str]) -> tuple[str, ...]:
    return tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names))))


@st.composite
def task_templates(draw: st.DrawFn) -> TaskTemplateDefinition:
    """Definitions CreateTaskTemplate accepts by every rule the reference states."""
    names = draw(st.lists(field_names, min_size=1, max_size=8, unique=True))
    name_field = TemplateField(names[0], NAME_FIELD, draw(st.none() | st.just("Task name")))
    others = [draw(_other_field(n)) for n in names[1:]]
    fields = (name_field, *others)
    quick_connect = any(f.type == QUICK_CONNECT_FIELD for f in fields)
    required = tuple(dict.fromkeys((names[0], *_subset(draw, names))))
    defaults = {n: draw(st.text(max_size=50)) for n in _subset(draw, names)}
    return TaskTemplateDefinition(
        name=draw(st.text(min_size=1, max_size=100)),
        description=draw(st.none() | st.text(min_size=1, max_size=255)),
        fields=fields,
        has_flow=True if not quick_connect else draw(st.booleans()),
        required=required,
        read_only=_subset(draw, names),
        invisible=_subset(draw, names),
        defaults=tuple(defaults.items()),
        status=draw(st.sampled_from(sorted(statuses()))),
    )


def _fresh(template: TaskTemplateDefinition, stem: str) -> str:
    taken = {f.name for f in template.fields}
    return next(f"{stem}{i}" for i in range(len(taken) + 1) if f"{stem}{i}" not in taken)


def _append(template: TaskTemplateDefinition, item: TemplateField) -> TaskTemplateDefinition:
    return replace(template, fields=(*template.fields, item))


def _without_quick_connect(template: TaskTemplateDefinition) -> TaskTemplateDefinition:
    kept = tuple(f for f in template.fields if f.type != QUICK_CONNECT_FIELD)
    names = {f.name for f in kept}
    return replace(
        template,
        fields=kept,
        has_flow=False,
        required=tuple(n for n in template.required if n in names),
        read_only=tuple(n for n in template.read_only if n in names),
        invisible=tuple(n for n in template.invisible if n in names),
        defaults=tuple((n, v) for n, v in template.defaults if n in names),
    )


def _break(template: TaskTemplateDefinition, rule: str) -> tuple[TaskTemplateDefinition, str]:
    """``template`` with ``rule`` broken, and the path the problem must name."""
    index = len(template.fields)
    name_field = template.fields[0].name
    broken: dict[str, tuple[TaskTemplateDefinition, str]] = {
        "length": (replace(template, name=""), "name"),
        "field-type": (
            _append(template, TemplateField(_fresh(template, "t"), "PHONE")),
            f"fields[{index}].type",
        ),
        "status": (replace(template, status="DRAFT"), "status"),
        "duplicate-field": (
            _append(template, TemplateField(name_field, "TEXT")),
            f"fields[{index}].name",
        ),
        "one-name-field": (
            replace(
                _append(template, TemplateField(_fresh(template, "n"), NAME_FIELD)),
                required=(*template.required, _fresh(template, "n")),
            ),
            "fields",
        ),
        "name-field-required": (
            replace(template, required=tuple(n for n in template.required if n != name_field)),
            "required_fields",
        ),
        "unknown-field": (
            replace(template, read_only=(*template.read_only, _fresh(template, "u"))),
            f"read_only_fields[{len(template.read_only)}]",
        ),
        "options-on-other-type": (
            _append(template, TemplateField(_fresh(template, "o"), "TEXT", None, ("a", "b"))),
            f"fields[{index}].single_select_options",
        ),
        "too-many": (
            replace(template, invisible=(name_field,) * (MAX_CONSTRAINT_FIELDS + 1)),
            "invisible_fields",
        ),
        "no-flow": (_without_quick_connect(template), "contact_flow_arn"),
    }
    return broken[rule]


BREAKABLE_RULES = (
    "length",
    "field-type",
    "status",
    "duplicate-field",
    "one-name-field",
    "name-field-required",
    "unknown-field",
    "options-on-other-type",
    "too-many",
    "no-flow",
)


@st.composite
def broken_task_templates(draw: st.DrawFn) -> tuple[TaskTemplateDefinition, str, str]:
    """``(definition, rule id, path)``: a valid definition with exactly one rule broken."""
    rule = draw(st.sampled_from(BREAKABLE_RULES))
    template, path = _break(draw(task_templates()), rule)
    return template, rule, path


def create_request(template: TaskTemplateDefinition, instance_id: str) -> dict[str, Any]:
    """The CreateTaskTemplate request (boto3 kwargs) the definition stands for, for botocore's
    own validator as an oracle."""
    request: dict[str, Any] = {
        "InstanceId": instance_id,
        "Name": template.name,
        "Fields": [
            {
                "Id": {"Name": f.name},
                "Type": f.type,
                **({"Description": f.description} if f.description is not None else {}),
                **(
                    {"SingleSelectOptions": list(f.single_select_options)}
                    if f.single_select_options
                    else {}
                ),
            }
            for f in template.fields
        ],
        "Constraints": {
            "RequiredFields": [{"Id": {"Name": n}} for n in template.required],
            "ReadOnlyFields": [{"Id": {"Name": n}} for n in template.read_only],
            "InvisibleFields": [{"Id": {"Name": n}} for n in template.invisible],
        },
        "Defaults": {
            "DefaultFieldValues": [
                {"Id": {"Name": n}, "DefaultValue": v} for n, v in template.defaults
            ]
        },
        "Status": template.status,
    }
    if template.description is not None:
        request["Description"] = template.description
    if template.has_flow:
        request["ContactFlowId"] = "flow-id"
    return request
