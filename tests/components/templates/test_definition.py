"""Task template definitions: every valid one accepted (and botocore's validator agrees on the
request it stands for), every rule broken alone refused naming the field and the rule."""

from __future__ import annotations

from dataclasses import replace

import pytest
from botocore.validate import ParamValidator
from hypothesis import given

from connect_runtime import _model
from connect_streaming.templates.definition import (
    MAX_CONSTRAINT_FIELDS,
    RULES,
    TaskTemplateDefinition,
    TaskTemplateError,
    TemplateField,
    check_template,
    field_types,
    resource_args,
    starts_alone,
    statuses,
    template_problems,
)
from tests.components.template_strategies import (
    BREAKABLE_RULES,
    broken_task_templates,
    create_request,
    task_templates,
)

CALLBACK = TaskTemplateDefinition(
    name="Callback",
    fields=(
        TemplateField("Subject", "NAME"),
        TemplateField("Priority", "SINGLE_SELECT", single_select_options=("low", "high")),
        TemplateField("Agent", "QUICK_CONNECT"),
    ),
    has_flow=False,
    required=("Subject",),
    read_only=("Priority",),
    defaults=(("Priority", "low"),),
)


@given(task_templates())
def test_valid_templates_are_accepted_and_botocore_agrees(template: TaskTemplateDefinition) -> None:
    assert template_problems(template) == []
    assert check_template(template) is template
    shape = _model.operation_model("CreateTaskTemplate").input_shape
    assert shape is not None
    report = ParamValidator().validate(create_request(template, "instance-1"), shape)
    assert not report.has_errors(), report.generate_report()


@given(broken_task_templates())
def test_each_rule_broken_alone_is_refused_naming_field_and_rule(
    case: tuple[TaskTemplateDefinition, str, str],
) -> None:
    template, rule, path = case
    problems = template_problems(template)
    assert problems, f"{rule} broken but accepted"
    assert {(p.rule, p.path) for p in problems} == {(rule, path)}, problems
    with pytest.raises(TaskTemplateError) as raised:
        check_template(template)
    assert path in str(raised.value)
    assert f"[{rule}]" in str(raised.value)


def test_every_rule_is_documented_and_exercised() -> None:
    assert set(BREAKABLE_RULES) == set(RULES)


def test_enums_come_from_the_model() -> None:
    model = _model.named_shape("TaskTemplateFieldType")
    assert field_types() == frozenset(model.enum)  # type: ignore[attr-defined]
    assert {"NAME", "QUICK_CONNECT", "SINGLE_SELECT"} <= field_types()
    assert statuses() == {"ACTIVE", "INACTIVE"}


def test_a_quick_connect_template_is_valid_but_cannot_start_alone() -> None:
    assert template_problems(CALLBACK) == []
    assert not starts_alone(CALLBACK)
    assert starts_alone(replace(CALLBACK, has_flow=True))


def test_the_error_names_value_and_rule() -> None:
    broken = replace(CALLBACK, invisible=("Subject",) * (MAX_CONSTRAINT_FIELDS + 1))
    with pytest.raises(TaskTemplateError, match=r"invisible_fields 51: at most 50 entries"):
        check_template(broken)
    with pytest.raises(TaskTemplateError, match=r"defaults\['Colour'\] 'Colour': names no field"):
        check_template(replace(CALLBACK, defaults=(("Colour", "red"),)))


def test_resource_args_carry_every_part_in_the_aws_native_shapes() -> None:
    args = resource_args(CALLBACK)
    assert args["fields"][1] == {
        "id": {"name": "Priority"},
        "type": "SINGLE_SELECT",
        "single_select_options": ["low", "high"],
    }
    assert args["constraints"] == {
        "required_fields": [{"id": {"name": "Subject"}}],
        "read_only_fields": [{"id": {"name": "Priority"}}],
        "invisible_fields": [],
    }
    assert args["defaults"] == [{"id": {"name": "Priority"}, "default_value": "low"}]
    assert args["status"] == "ACTIVE"
    assert "description" not in args
