"""The task-template rule: an ``aws-native:connect:TaskTemplate`` Amazon Connect can use, judged
by the TaskTemplate component's own rules (read from the engine's camelCase properties) and by
whether a task can start from the template alone. Pure: no pulumi_policy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from connect_streaming.templates.definition import (
    ACTIVE,
    QUICK_CONNECT_FIELD,
    TaskTemplateDefinition,
    TemplateField,
    starts_alone,
    template_problems,
)
from connect_streaming_policy.errors import PolicyRuleError
from connect_streaming_policy.vocabulary import TASK_TEMPLATE, Context, resource_rule

__all__ = [
    "TASK_TEMPLATE",
    "TASK_TEMPLATE_USABLE",
    "UnreadableTemplate",
    "definition_from_props",
    "task_template_problems",
]

_UNNAMED: Final = "unnamed"  # the provider may name it; the name's length is then not ours


class UnreadableTemplate(PolicyRuleError):
    """The properties are not shaped like a task template (message names the property)."""


def _text(value: Any, path: str, *, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise UnreadableTemplate(f"{path} is {type(value).__name__}, not a string")
    return value


def _items(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise UnreadableTemplate(f"{path} is {type(value).__name__}, not a list")
    return list(value)


def _mapping(value: Any, path: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise UnreadableTemplate(f"{path} is {type(value).__name__}, not an object")
    return value


def _id_name(entry: Any, path: str) -> str:
    identifier = _mapping(_mapping(entry, path).get("id"), f"{path}.id")
    return str(_text(identifier.get("name"), f"{path}.id.name", optional=False))


def _field(entry: Any, path: str) -> TemplateField:
    item = _mapping(entry, path)
    options = _items(item.get("singleSelectOptions"), f"{path}.singleSelectOptions")
    return TemplateField(
        name=_id_name(item, path),
        type=str(_text(item.get("type"), f"{path}.type", optional=False)),
        description=_text(item.get("description"), f"{path}.description"),
        single_select_options=tuple(
            str(_text(o, f"{path}.singleSelectOptions[{i}]", optional=False))
            for i, o in enumerate(options)
        ),
    )


def _names(constraints: Mapping[str, Any], key: str) -> tuple[str, ...]:
    entries = _items(constraints.get(key), f"constraints.{key}")
    return tuple(_id_name(e, f"constraints.{key}[{i}]") for i, e in enumerate(entries))


def definition_from_props(props: Mapping[str, Any]) -> TaskTemplateDefinition:
    """The template the engine's properties describe; :class:`UnreadableTemplate` otherwise."""
    fields = _items(props.get("fields"), "fields")
    constraints = _mapping(props.get("constraints"), "constraints")
    defaults = _items(props.get("defaults"), "defaults")
    flow = _text(props.get("contactFlowArn"), "contactFlowArn")
    return TaskTemplateDefinition(
        name=_text(props.get("name"), "name") or _UNNAMED,
        description=_text(props.get("description"), "description"),
        fields=tuple(_field(f, f"fields[{i}]") for i, f in enumerate(fields)),
        has_flow=bool(flow),
        required=_names(constraints, "requiredFields"),
        read_only=_names(constraints, "readOnlyFields"),
        invisible=_names(constraints, "invisibleFields"),
        defaults=tuple(
            (
                _id_name(d, f"defaults[{i}]"),
                str(
                    _text(
                        _mapping(d, f"defaults[{i}]").get("defaultValue"),
                        f"defaults[{i}].defaultValue",
                        optional=False,
                    )
                ),
            )
            for i, d in enumerate(defaults)
        ),
        status=_text(props.get("status"), "status") or ACTIVE,
    )


def task_template_problems(
    props: Mapping[str, Any], *, allow_quick_connect_only: bool
) -> list[str]:
    """Why the template in ``props`` is unusable (``[]`` when Connect can use it)."""
    try:
        template = definition_from_props(props)
    except UnreadableTemplate as error:
        return [f"not a readable task template: {error}"]
    problems = [str(p) for p in template_problems(template)]
    has_quick_connect = any(f.type == QUICK_CONNECT_FIELD for f in template.fields)
    if not starts_alone(template) and has_quick_connect and not allow_quick_connect_only:
        problems.append(
            "contactFlowArn is not set: StartTaskContact cannot start a task from this template"
            " alone (the API reference: TaskTemplateId alone works only when the template has"
            " a flow configured); only agents picking a quick connect can use it"
        )
    return problems


def _check(resource_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """Task templates can be used: a flow to run (so StartTaskContact can start a task from the
    template alone), exactly one NAME field listed as required, unique field names, constraints and
    defaults that name existing fields, and the model's types and lengths.

    Fix: Build the template with connect_streaming.TaskTemplate and set contact_flow_arn (for
    example a TaskRoutingFlow's ARN), or fix the field named above.
    """
    allow = context.config.get("allowQuickConnectOnly") is True
    return task_template_problems(props, allow_quick_connect_only=allow)


TASK_TEMPLATE_USABLE: Final = resource_rule(
    "task-template-usable",
    _check,
    "high",
    "mandatory",
    TASK_TEMPLATE,
    config={
        "allowQuickConnectOnly": {
            "type": "boolean",
            "default": False,
            "description": (
                "Accept templates without a flow that have a QUICK_CONNECT field (usable only by"
                " agents in the CCP, never by StartTaskContact with the template alone)."
            ),
        }
    },
)
