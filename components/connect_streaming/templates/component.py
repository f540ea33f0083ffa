"""TaskTemplate: an Amazon Connect task template, over pulumi-aws-native's connect.TaskTemplate.

pulumi-aws has no task-template resource (terraform-provider-aws #34403 is open), so this
component needs the ``templates`` extra (``pip install "connect-streaming[templates]"``); it
imports pulumi_aws_native only when a TaskTemplate is constructed.
"""

from types import ModuleType
from typing import NotRequired, TypedDict

import pulumi

from connect_streaming._inputs import InputChecks, child_options
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError
from connect_streaming.templates.definition import (
    ACTIVE,
    TaskTemplateDefinition,
    TemplateField,
    check_template,
    resource_args,
)

TEMPLATES_EXTRA = 'pip install "connect-streaming[templates]"'


class TaskTemplateFieldArgs(TypedDict):
    """One field of the template the agent sees on the task."""

    name: str
    """Name of the field (its identifier, unique in the template; 1..100 characters)."""
    type: str
    """NAME (exactly one), DESCRIPTION, SCHEDULED_TIME, QUICK_CONNECT, URL, NUMBER, TEXT,
    TEXT_AREA, DATE_TIME, BOOLEAN, SINGLE_SELECT, EMAIL, SELF_ASSIGN or EXPIRY_DURATION."""
    description: NotRequired[str]
    """Description of the field (1..255 characters)."""
    single_select_options: NotRequired[list[str]]
    """The options of a SINGLE_SELECT field (at most 50, each 1..100 characters)."""


class TaskTemplateArgs(TypedDict):
    """Inputs of :class:`TaskTemplate`."""

    instance_arn: pulumi.Input[str]
    """ARN of the Amazon Connect instance."""
    fields: list[TaskTemplateFieldArgs]
    """The template's fields, exactly one of type NAME."""
    contact_flow_arn: NotRequired[pulumi.Input[str]]
    """The flow tasks created from the template run (for example a TaskRoutingFlow's ARN).
    Without it the template needs a QUICK_CONNECT field, and StartTaskContact cannot start a
    task from the template alone."""
    template_name: NotRequired[str]
    """Name shown in the Connect console (default: the component name)."""
    description: NotRequired[str]
    """Description of the template (1..255 characters)."""
    required_fields: NotRequired[list[str]]
    """Fields the agent must fill in; must include the NAME field."""
    read_only_fields: NotRequired[list[str]]
    """Fields the agent cannot edit."""
    invisible_fields: NotRequired[list[str]]
    """Fields the agent does not see."""
    defaults: NotRequired[dict[str, str]]
    """Default value per field name (0..4096 characters each)."""
    status: NotRequired[str]
    """ACTIVE (default) or INACTIVE; tasks can only be created from ACTIVE templates."""
    tags: NotRequired[dict[str, str]]
    """Tags for the template."""


def definition_from_args(name: str, args: TaskTemplateArgs) -> TaskTemplateDefinition:
    """The plain :class:`TaskTemplateDefinition` the args describe (not yet checked)."""
    return TaskTemplateDefinition(
        name=args.get("template_name") or name,
        description=args.get("description"),
        fields=tuple(
            TemplateField(
                name=item["name"],
                type=item["type"],
                description=item.get("description"),
                single_select_options=tuple(item.get("single_select_options") or ()),
            )
            for item in args["fields"]
        ),
        has_flow=args.get("contact_flow_arn") is not None,
        required=tuple(args.get("required_fields") or ()),
        read_only=tuple(args.get("read_only_fields") or ()),
        invisible=tuple(args.get("invisible_fields") or ()),
        defaults=tuple((args.get("defaults") or {}).items()),
        status=args.get("status") or ACTIVE,
    )


def _native_connect() -> ModuleType:
    try:
        from pulumi_aws_native import connect
    except ImportError as error:
        raise ImportError(f"TaskTemplate needs pulumi-aws-native: {TEMPLATES_EXTRA}") from error
    return connect


def _checked_flow(values: list[str]) -> str:
    instance = ConnectInstance.from_arn(values[0])
    if not values[1].startswith(f"{instance.arn}/contact-flow/"):
        raise RuleError(f"a flow of instance {instance.arn}", values[1])
    return values[1]


class TaskTemplate(pulumi.ComponentResource):
    """An Amazon Connect task template: typed fields, required/read-only/invisible
    constraints, defaults, status, and the flow the created tasks run."""

    task_template_id: pulumi.Output[str]
    """The TaskTemplateId to pass to StartTaskContact or a flow's CreateTask."""
    task_template_arn: pulumi.Output[str]
    """ARN of the template (what TaskStarterRole's task_template_arns takes)."""

    def __init__(
        self, name: str, args: TaskTemplateArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        # Inputs are checked before anything is registered (Outputs once their values are known).
        checks = InputChecks("TaskTemplate", name)
        checks.known_keys(args, TaskTemplateArgs)
        instance = checks.instance(args["instance_arn"], opts)
        definition = check_template(definition_from_args(name, args))
        flow = args.get("contact_flow_arn")
        if flow is not None:
            flow = checks.derive("contact_flow_arn", [args["instance_arn"], flow], _checked_flow)
        connect = _native_connect()
        super().__init__("connect-streaming:index:TaskTemplate", name, {}, opts)
        template = connect.TaskTemplate(
            f"{name}-template",
            instance_arn=instance.apply(lambda i: i.arn),
            contact_flow_arn=flow,
            tags=[{"key": k, "value": v} for k, v in sorted((args.get("tags") or {}).items())],
            **resource_args(definition),
            opts=child_options(self, opts),
        )
        self.task_template_arn = template.arn
        self.task_template_id = template.arn.apply(_template_id)
        self.register_outputs(
            {"task_template_id": self.task_template_id, "task_template_arn": self.task_template_arn}
        )


def _template_id(arn: str) -> str:
    # arn:PARTITION:connect:REGION:ACCOUNT:instance/INSTANCE_ID/task-template/TEMPLATE_ID
    return arn.rsplit("/", 1)[-1]
