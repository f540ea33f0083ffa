"""StreamingEnvironment: everything one environment needs, from one config object."""

from typing import NotRequired, TypedDict, cast

import pulumi

from connect_streaming.arns import ConnectInstance
from connect_streaming.contact_flows import (
    TaskCreatingFlow,
    TaskCreatingFlowArgs,
    TaskReferenceArgs,
    TaskRoutingFlow,
)
from connect_streaming.roles import (
    MetricsReaderRole,
    StreamingControllerRole,
    TaskStarterRole,
    TrustArgs,
)
from connect_streaming.streaming import (
    ChatStreamingEndpoint,
    ChatStreamingEndpointArgs,
    HttpsSubscriberArgs,
    LambdaSubscriberArgs,
    SqsSubscriberArgs,
)
from connect_streaming.task_template import TaskTemplate, TaskTemplateArgs, TaskTemplateFieldArgs


class StreamingEndpointSpec(TypedDict):
    """One chat streaming topic and its subscribers."""

    name: str
    """Short name; the topic is named ``<environment>-<name>``."""
    kms_key_arn: NotRequired[str]
    """Use this customer-managed key instead of creating one."""
    sqs_subscribers: NotRequired[list[SqsSubscriberArgs]]
    """SQS queues to create and subscribe."""
    lambda_subscribers: NotRequired[list[LambdaSubscriberArgs]]
    """Lambda functions to subscribe."""
    https_subscribers: NotRequired[list[HttpsSubscriberArgs]]
    """HTTPS endpoints to subscribe."""


class TaskFlowSpec(TypedDict):
    """A task routing flow (the target of StartTaskContact) for one queue."""

    name: str
    """Short name of the flow."""
    queue_id: str
    """ID of the queue in the instance the tasks go to."""


class TaskCreatingFlowSpec(TypedDict):
    """A flow that creates tasks routed by one of the task flows."""

    name: str
    """Short name of the flow."""
    task_flow: str
    """Name of the TaskFlowSpec whose flow the created tasks run."""
    task_name: str
    """Name of the created task."""
    task_description: NotRequired[str]
    """Description of the created task."""
    references: NotRequired[dict[str, TaskReferenceArgs]]
    """Typed references of the created task."""
    attributes: NotRequired[dict[str, str]]
    """Attributes of the created task."""
    delay_seconds: NotRequired[int]
    """Delay before the task is created (1..518400 s)."""
    task_template: NotRequired[str]
    """Name of the TaskTemplateSpec the created tasks are made from."""


class TaskTemplateSpec(TypedDict):
    """A task template (needs the templates extra: pulumi-aws-native)."""

    name: str
    """Short name; the template is named ``<environment>-<name>``."""
    fields: list[TaskTemplateFieldArgs]
    """The template's fields, exactly one of type NAME."""
    task_flow: NotRequired[str]
    """Name of the TaskFlowSpec whose flow tasks from the template run. Without it the
    template needs a QUICK_CONNECT field and cannot be started by template alone."""
    description: NotRequired[str]
    """Description of the template."""
    required_fields: NotRequired[list[str]]
    """Fields the agent must fill in; must include the NAME field."""
    read_only_fields: NotRequired[list[str]]
    """Fields the agent cannot edit."""
    invisible_fields: NotRequired[list[str]]
    """Fields the agent does not see."""
    defaults: NotRequired[dict[str, str]]
    """Default value per field name."""
    status: NotRequired[str]
    """ACTIVE (default) or INACTIVE."""


class RoleTrustSpec(TypedDict):
    """Who may assume each of the three roles."""

    streaming_controller: TrustArgs
    """Trust of the role that starts and stops streaming."""
    metrics_reader: TrustArgs
    """Trust of the role that reads metrics."""
    task_starter: TrustArgs
    """Trust of the role that starts tasks."""


class StreamingEnvironmentArgs(TypedDict):
    """Inputs of :class:`StreamingEnvironment` (what ``stacks/`` reads from config)."""

    environment: str
    """Environment name (dev, staging, prod); prefixes resource names."""
    instance_arn: str
    """ARN of the Amazon Connect instance."""
    streaming_endpoints: list[StreamingEndpointSpec]
    """Chat streaming topics."""
    task_flows: list[TaskFlowSpec]
    """Task routing flows."""
    trust: RoleTrustSpec
    """Who may assume the roles."""
    task_creating_flows: NotRequired[list[TaskCreatingFlowSpec]]
    """Flows that create tasks."""
    task_templates: NotRequired[list[TaskTemplateSpec]]
    """Task templates; the task starter may start tasks from them."""
    allow_previous_contacts: NotRequired[bool]
    """Let the task starter link tasks to previous contacts."""
    ignore_flow_content_changes: NotRequired[bool]
    """Pass ignore_changes=["content"] on every flow (provider update bug workaround)."""
    tags: NotRequired[dict[str, str]]
    """Tags for every taggable resource."""


class StreamingEnvironment(pulumi.ComponentResource):
    """Chat streaming endpoints, task flows and the three least-privilege roles of one
    environment."""

    topic_arns: pulumi.Output[dict[str, str]]
    """Streaming endpoint name -> SNS topic ARN (StreamingEndpointArn)."""
    task_flow_ids: pulumi.Output[dict[str, str]]
    """Task flow name -> ContactFlowId for StartTaskContact."""
    task_creating_flow_ids: pulumi.Output[dict[str, str]]
    """Task-creating flow name -> ContactFlowId."""
    streaming_controller_role_arn: pulumi.Output[str]
    """Role that may start and stop streaming."""
    metrics_reader_role_arn: pulumi.Output[str]
    """Role that may read metrics."""
    task_starter_role_arn: pulumi.Output[str]
    """Role that may start tasks through the task flows."""
    task_template_ids: pulumi.Output[dict[str, str]]
    """Task template name -> TaskTemplateId for StartTaskContact."""

    def __init__(
        self,
        name: str,
        args: StreamingEnvironmentArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        instance = ConnectInstance.from_arn(args["instance_arn"])
        super().__init__("connect-streaming:index:StreamingEnvironment", name, {}, opts)
        env = args["environment"]
        tags = {**(args.get("tags") or {}), "environment": env}
        child = pulumi.ResourceOptions(parent=self)
        ignore_content = bool(args.get("ignore_flow_content_changes"))

        topics: dict[str, pulumi.Output[str]] = {}
        for spec in args["streaming_endpoints"]:
            endpoint_args: ChatStreamingEndpointArgs = {
                "instance_arn": instance.arn,
                "topic_name": f"{env}-{spec['name']}",
                "sqs_subscribers": spec.get("sqs_subscribers") or [],
                "lambda_subscribers": spec.get("lambda_subscribers") or [],
                "https_subscribers": spec.get("https_subscribers") or [],
                "tags": tags,
            }
            if "kms_key_arn" in spec:
                endpoint_args["kms_key_arn"] = spec["kms_key_arn"]
            endpoint = ChatStreamingEndpoint(f"{name}-{spec['name']}", endpoint_args, opts=child)
            topics[spec["name"]] = endpoint.topic_arn

        routing: dict[str, TaskRoutingFlow] = {}
        for flow_spec in args["task_flows"]:
            routing[flow_spec["name"]] = TaskRoutingFlow(
                f"{name}-{flow_spec['name']}",
                {
                    "instance_arn": instance.arn,
                    "queue_arn": instance.queue_arn(flow_spec["queue_id"]),
                    "flow_name": f"{env}-{flow_spec['name']}",
                    "ignore_content_changes": ignore_content,
                    "tags": tags,
                },
                opts=child,
            )

        templates = _task_templates(name, args, instance, routing, tags, child)
        creating: dict[str, pulumi.Output[str]] = {}
        for spec_c in args.get("task_creating_flows") or []:
            target = routing.get(spec_c["task_flow"])
            if target is None:
                raise ValueError(
                    f"task_creating_flows[{spec_c['name']!r}].task_flow {spec_c['task_flow']!r}"
                    f" names no task flow (have: {', '.join(sorted(routing)) or 'none'})"
                )
            creating_args: TaskCreatingFlowArgs = {
                "instance_arn": instance.arn,
                "task_flow_arn": target.contact_flow_arn,
                "task_name": spec_c["task_name"],
                "task_description": spec_c.get("task_description") or spec_c["task_name"],
                "references": spec_c.get("references") or {},
                "attributes": spec_c.get("attributes") or {},
                "flow_name": f"{env}-{spec_c['name']}",
                "ignore_content_changes": ignore_content,
                "tags": tags,
            }
            if "delay_seconds" in spec_c:
                creating_args["delay_seconds"] = spec_c["delay_seconds"]
            if "task_template" in spec_c:
                template = _named(templates, spec_c["task_template"], f"{spec_c['name']!r}")
                creating_args["task_template_arn"] = template.task_template_arn
            flow = TaskCreatingFlow(f"{name}-{spec_c['name']}", creating_args, opts=child)
            creating[spec_c["name"]] = flow.contact_flow_id

        trust = args["trust"]
        controller = StreamingControllerRole(
            f"{name}-streaming-controller",
            {"instance_arn": instance.arn, "trust": trust["streaming_controller"], "tags": tags},
            opts=child,
        )
        reader = MetricsReaderRole(
            f"{name}-metrics-reader",
            {"instance_arn": instance.arn, "trust": trust["metrics_reader"], "tags": tags},
            opts=child,
        )
        starter = TaskStarterRole(
            f"{name}-task-starter",
            {
                "instance_arn": instance.arn,
                "contact_flow_arns": [flow.contact_flow_arn for flow in routing.values()],
                "trust": trust["task_starter"],
                "allow_previous_contacts": bool(args.get("allow_previous_contacts")),
                "task_template_arns": [t.task_template_arn for t in templates.values()],
                "tags": tags,
            },
            opts=child,
        )

        self.topic_arns = _output_dict(topics)
        self.task_flow_ids = _output_dict({k: f.contact_flow_id for k, f in routing.items()})
        self.task_creating_flow_ids = _output_dict(creating)
        self.streaming_controller_role_arn = controller.role_arn
        self.metrics_reader_role_arn = reader.role_arn
        self.task_starter_role_arn = starter.role_arn
        self.task_template_ids = _output_dict({k: t.task_template_id for k, t in templates.items()})
        self.register_outputs(
            {
                "topic_arns": self.topic_arns,
                "task_flow_ids": self.task_flow_ids,
                "task_creating_flow_ids": self.task_creating_flow_ids,
                "streaming_controller_role_arn": self.streaming_controller_role_arn,
                "metrics_reader_role_arn": self.metrics_reader_role_arn,
                "task_starter_role_arn": self.task_starter_role_arn,
                "task_template_ids": self.task_template_ids,
            }
        )


def _output_dict(values: dict[str, pulumi.Output[str]]) -> pulumi.Output[dict[str, str]]:
    keys = list(values)
    return pulumi.Output.all(*values.values()).apply(
        lambda resolved: dict(zip(keys, resolved, strict=True))
    )


def _named(templates: dict[str, TaskTemplate], wanted: str, user: str) -> TaskTemplate:
    template = templates.get(wanted)
    if template is None:
        raise ValueError(
            f"task_creating_flows[{user}].task_template {wanted!r} names no task template"
            f" (have: {', '.join(sorted(templates)) or 'none'})"
        )
    return template


def _task_templates(
    name: str,
    args: StreamingEnvironmentArgs,
    instance: ConnectInstance,
    routing: dict[str, TaskRoutingFlow],
    tags: dict[str, str],
    child: pulumi.ResourceOptions,
) -> dict[str, TaskTemplate]:
    """One TaskTemplate per spec, running the named task flow."""
    env = args["environment"]
    made: dict[str, TaskTemplate] = {}
    for spec in args.get("task_templates") or []:
        # Every key of the spec but name and task_flow is a TaskTemplateArgs key of that name.
        shared = {k: v for k, v in spec.items() if k not in ("name", "task_flow")}
        template_args = cast(
            TaskTemplateArgs,
            {
                **shared,
                "instance_arn": instance.arn,
                "template_name": f"{env}-{spec['name']}",
                "tags": tags,
            },
        )
        if "task_flow" in spec:
            flow = routing.get(spec["task_flow"])
            if flow is None:
                raise ValueError(
                    f"task_templates[{spec['name']!r}].task_flow {spec['task_flow']!r} names no"
                    f" task flow (have: {', '.join(sorted(routing)) or 'none'})"
                )
            template_args["contact_flow_arn"] = flow.contact_flow_arn
        made[spec["name"]] = TaskTemplate(f"{name}-{spec['name']}", template_args, opts=child)
    return made
