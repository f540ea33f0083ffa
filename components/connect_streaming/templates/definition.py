"""Amazon Connect task templates as data: typed fields, constraints, defaults, status and flow,
checked against the rules the Connect API reference states. Pure: no pulumi, no network.

Enums and lengths are read from the installed botocore Connect model (CreateTaskTemplate);
the few limits the model lacks are documented below with their source.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from connect_runtime import model as _model
from connect_streaming.errors import ConnectStreamingError

OPERATION: Final = "CreateTaskTemplate"
NAME_FIELD: Final = "NAME"
QUICK_CONNECT_FIELD: Final = "QUICK_CONNECT"
SINGLE_SELECT_FIELD: Final = "SINGLE_SELECT"
ACTIVE: Final = "ACTIVE"

# Quotas the botocore model does not carry. Source: AWS CloudFormation Template Reference,
# AWS::Connect::TaskTemplate (Constraints: InvisibleFields, ReadOnlyFields, RequiredFields
# "Maximum: 50"; Defaults "Maximum: 50"; Field.SingleSelectOptions "Maximum: 50").
MAX_CONSTRAINT_FIELDS: Final = 50
MAX_DEFAULTS: Final = 50
MAX_SINGLE_SELECT_OPTIONS: Final = 50

RULES: Final[Mapping[str, str]] = {
    "length": "a string outside the length the Connect model gives for it",
    "field-type": "a field type outside the model's TaskTemplateFieldType enum",
    "status": "a status outside the model's TaskTemplateStatus enum (ACTIVE, INACTIVE)",
    "duplicate-field": (
        "two fields share a name (model: Id is 'the unique identifier for the field')"
    ),
    "one-name-field": "the template needs exactly one field of type NAME (model: Fields)",
    "name-field-required": (
        "the NAME field must be listed in required_fields (model: Fields, Constraints)"
    ),
    "unknown-field": "a constraint or default names no field of the template",
    "options-on-other-type": (
        "single_select_options on a field that is not SINGLE_SELECT"
        " (model: 'A list of options for a single select field')"
    ),
    "too-many": "more entries than the documented maximum (CloudFormation reference: 50)",
    "no-flow": (
        "neither a contact flow nor a QUICK_CONNECT field: CreateTaskTemplate refuses it"
        " (model: ContactFlowId)"
    ),
}
"""Every rule id a :class:`TemplateProblem` can carry, with what it means and its source."""


@functools.cache
def field_types() -> frozenset[str]:
    """Field types the model allows (``TaskTemplateFieldType``)."""
    return frozenset(_model.named_shape("TaskTemplateFieldType").enum)  # type: ignore[attr-defined]


@functools.cache
def statuses() -> frozenset[str]:
    """Template statuses the model allows (``TaskTemplateStatus``)."""
    return frozenset(_model.enum(OPERATION, "Status"))


def _limits(*path: str) -> _model.Limits:
    return _model.limits(OPERATION, *path)


@dataclass(frozen=True)
class TemplateField:
    """One field of a template: its name (the field's identifier), type, description and, for
    SINGLE_SELECT, the options the agent picks from."""

    name: str
    type: str
    description: str | None = None
    single_select_options: tuple[str, ...] = ()


@dataclass(frozen=True)
class TaskTemplateDefinition:
    """A task template as CreateTaskTemplate sees it (``has_flow``: a ContactFlowId is set).

    Example:
        >>> template = TaskTemplateDefinition(
        ...     name="Callback",
        ...     fields=(TemplateField("Subject", "NAME"), TemplateField("Phone", "TEXT")),
        ...     has_flow=True,
        ...     required=("Subject",),
        ...     defaults=(("Phone", "+441234567890"),),
        ... )
        >>> template_problems(template)
        []
        >>> starts_alone(template)
        True
    """

    name: str
    fields: tuple[TemplateField, ...]
    has_flow: bool
    description: str | None = None
    required: tuple[str, ...] = ()
    read_only: tuple[str, ...] = ()
    invisible: tuple[str, ...] = ()
    defaults: tuple[tuple[str, str], ...] = field(default=())
    status: str = ACTIVE


@dataclass(frozen=True)
class TemplateProblem:
    """One broken rule: where (``path``), the offending value, and the rule id (:data:`RULES`)."""

    path: str
    value: Any
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.path} {self.value!r}: {self.detail} [{self.rule}]"


class TaskTemplateError(ConnectStreamingError):
    """A task template broke one or more rules; ``problems`` lists them all."""

    def __init__(self, name: str, problems: list[TemplateProblem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"task template {name!r}, {len(self.problems)} problem(s):\n{lines}")


def _length(path: str, value: str | None, model_path: tuple[str, ...]) -> Iterator[TemplateProblem]:
    if value is None:
        return
    limits = _limits(*model_path)
    if limits.excludes(len(value)):
        yield TemplateProblem(
            path, value, "length", f"length {len(value)} is outside {limits.min or 0}..{limits.max}"
        )


def _count(path: str, values: tuple[Any, ...], maximum: int) -> Iterator[TemplateProblem]:
    if len(values) > maximum:
        yield TemplateProblem(path, len(values), "too-many", f"at most {maximum} entries")


def _field_problems(index: int, item: TemplateField) -> Iterator[TemplateProblem]:
    path = f"fields[{index}]"
    yield from _length(f"{path}.name", item.name, ("Fields", "member", "Id", "Name"))
    yield from _length(f"{path}.description", item.description, ("Fields", "member", "Description"))
    if item.type not in field_types():
        yield TemplateProblem(
            f"{path}.type",
            item.type,
            "field-type",
            f"not one of {', '.join(sorted(field_types()))}",
        )
    options = item.single_select_options
    if options and item.type != SINGLE_SELECT_FIELD:
        yield TemplateProblem(
            f"{path}.single_select_options", list(options), "options-on-other-type",
            f"options belong to SINGLE_SELECT fields, not {item.type}",
        )  # fmt: skip
    yield from _count(f"{path}.single_select_options", options, MAX_SINGLE_SELECT_OPTIONS)
    option_path = ("Fields", "member", "SingleSelectOptions", "member")
    for number, option in enumerate(options):
        yield from _length(f"{path}.single_select_options[{number}]", option, option_path)


def _fields_problems(fields: tuple[TemplateField, ...]) -> Iterator[TemplateProblem]:
    seen: set[str] = set()
    for index, item in enumerate(fields):
        yield from _field_problems(index, item)
        if item.name in seen:
            yield TemplateProblem(
                f"fields[{index}].name", item.name, "duplicate-field", "another field has this name"
            )
        seen.add(item.name)
    names = [f.name for f in fields if f.type == NAME_FIELD]
    if len(names) != 1:
        yield TemplateProblem(
            "fields", names, "one-name-field", f"{len(names)} fields of type NAME, need exactly 1"
        )


def _constraint_problems(template: TaskTemplateDefinition) -> Iterator[TemplateProblem]:
    known = {f.name for f in template.fields}
    lists = {
        "required_fields": template.required,
        "read_only_fields": template.read_only,
        "invisible_fields": template.invisible,
    }
    for key, names in lists.items():
        yield from _count(key, names, MAX_CONSTRAINT_FIELDS)
        for index, name in enumerate(names):
            if name not in known:
                yield TemplateProblem(
                    f"{key}[{index}]", name, "unknown-field", "names no field of the template"
                )
    for item in template.fields:
        if item.type == NAME_FIELD and item.name not in template.required:
            yield TemplateProblem(
                "required_fields", list(template.required), "name-field-required",
                f"must list the NAME field {item.name!r}",
            )  # fmt: skip


def _default_problems(template: TaskTemplateDefinition) -> Iterator[TemplateProblem]:
    known = {f.name for f in template.fields}
    yield from _count("defaults", template.defaults, MAX_DEFAULTS)
    value_path = ("Defaults", "DefaultFieldValues", "member", "DefaultValue")
    for name, value in template.defaults:
        if name not in known:
            yield TemplateProblem(
                f"defaults[{name!r}]", name, "unknown-field", "names no field of the template"
            )
        yield from _length(f"defaults[{name!r}]", value, value_path)


def template_problems(template: TaskTemplateDefinition) -> list[TemplateProblem]:
    """Every rule ``template`` breaks (``[]`` when CreateTaskTemplate should accept it)."""
    problems = [
        *_length("name", template.name, ("Name",)),
        *_length("description", template.description, ("Description",)),
        *_fields_problems(template.fields),
        *_constraint_problems(template),
        *_default_problems(template),
    ]
    if template.status not in statuses():
        problems.append(
            TemplateProblem("status", template.status, "status", "not ACTIVE or INACTIVE")
        )
    if not template.has_flow and not any(f.type == QUICK_CONNECT_FIELD for f in template.fields):
        problems.append(
            TemplateProblem(
                "contact_flow_arn", None, "no-flow", "set a flow, or add a QUICK_CONNECT field"
            )
        )
    return problems


def check_template(template: TaskTemplateDefinition) -> TaskTemplateDefinition:
    """``template`` itself, or :class:`TaskTemplateError` listing every problem."""
    problems = template_problems(template)
    if problems:
        raise TaskTemplateError(template.name, problems)
    return template


def starts_alone(template: TaskTemplateDefinition) -> bool:
    """Whether StartTaskContact can start a task from this template with TaskTemplateId alone.

    The StartTaskContact reference: pass one of ContactFlowId, QuickConnectId or TaskTemplateId;
    TaskTemplateId alone works only "as long as the task template has a flow configured".
    A template without a flow (it has a QUICK_CONNECT field instead) is usable only by agents
    who pick a quick connect.
    """
    return template.has_flow


def _ids(names: Iterable[str]) -> list[dict[str, Any]]:
    return [{"id": {"name": name}} for name in names]


def resource_args(template: TaskTemplateDefinition) -> dict[str, Any]:
    """``fields``, ``constraints``, ``defaults``, ``name``, ``description`` and ``status`` as
    pulumi-aws-native's ``connect.TaskTemplate`` takes them (its ``*ArgsDict`` shapes)."""
    fields: list[dict[str, Any]] = []
    for item in template.fields:
        entry: dict[str, Any] = {"id": {"name": item.name}, "type": item.type}
        if item.description is not None:
            entry["description"] = item.description
        if item.single_select_options:
            entry["single_select_options"] = list(item.single_select_options)
        fields.append(entry)
    args: dict[str, Any] = {
        "name": template.name,
        "fields": fields,
        "constraints": {
            "required_fields": _ids(template.required),
            "read_only_fields": _ids(template.read_only),
            "invisible_fields": _ids(template.invisible),
        },
        "defaults": [
            {"id": {"name": name}, "default_value": value} for name, value in template.defaults
        ],
        "status": template.status,
    }
    if template.description is not None:
        args["description"] = template.description
    return args
