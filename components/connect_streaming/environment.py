"""StreamingEnvironment: everything one environment needs, from one config object."""

from typing import Any, NotRequired, TypedDict, cast

import pulumi

from connect_streaming._inputs import InputChecks, child_options, output_dict
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError, other_queue
from connect_streaming.flows.component import (
    TaskCreatingFlow,
    TaskCreatingFlowArgs,
    TaskReferenceArgs,
    TaskRoutingFlow,
    TaskRoutingFlowArgs,
)
from connect_streaming.names import environment_names, name_problems
from connect_streaming.roles.component import (
    MetricsReaderRole,
    StreamingControllerRole,
    TaskStarterRole,
    TrustArgs,
)
from connect_streaming.streaming.component import (
    ChatStreamingEndpoint,
    ChatStreamingEndpointArgs,
    HttpsSubscriberArgs,
    LambdaSubscriberArgs,
    SqsSubscriberArgs,
)
from connect_streaming.templates.component import (
    TaskTemplate,
    TaskTemplateArgs,
    TaskTemplateFieldArgs,
)


class StreamingEndpointSpec(TypedDict):
    """One chat streaming topic and its subscribers."""

    name: str
    """Short name; the topic is named ``<environment>-<name>``."""
    kms_key_arn: NotRequired[pulumi.Input[str]]
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
    queue_id: pulumi.Input[str]
    """ID of the queue in the instance the tasks go to."""
    overflow_queue_id: NotRequired[pulumi.Input[str]]
    """ID of the queue tasks go to when that one is at capacity (without it, a full queue ends
    the task, logged)."""


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
    instance_arn: pulumi.Input[str]
    """ARN of the Amazon Connect instance (its Region must be the AWS provider's)."""
    streaming_endpoints: list[StreamingEndpointSpec]
    """Chat streaming topics."""
    task_flows: list[TaskFlowSpec]
    """Task routing flows."""
    trust: RoleTrustSpec
    """Who may assume the roles."""
    task_creating_flows: NotRequired[list[TaskCreatingFlowSpec]]
    """Flows that create tasks."""
    task_templates: NotRequired[list[TaskTemplateSpec]]
    """Task templates (the templates extra); the task starter may start tasks from them."""
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
    dead_letter_queue_urls: pulumi.Output[dict[str, str]]
    """Dead-letter queue name -> URL, of every streaming endpoint: where undelivered and
    unprocessed chat content waits (14 days) to be inspected or replayed."""
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
        checks = InputChecks("StreamingEnvironment", name)
        _check_entries(checks, name, args)
        queues = [_queue_ids(checks, index, spec) for index, spec in enumerate(args["task_flows"])]
        keys = {
            spec["name"]: checks.rule(
                f"streaming_endpoints[{index}].kms_key_arn", spec["kms_key_arn"]
            )
            for index, spec in enumerate(args["streaming_endpoints"])
            if "kms_key_arn" in spec
        }
        instance = checks.instance(args["instance_arn"], opts)
        super().__init__("connect-streaming:index:StreamingEnvironment", name, {}, opts)
        self._name = name
        self._args = args
        self._tags = {**(args.get("tags") or {}), "environment": args["environment"]}
        self._child = child_options(self, opts)
        # Children get the values checked here, so a bad Output fails here first.
        self._instance_arn = instance.apply(lambda i: i.arn)
        self._keys = keys
        endpoints = {spec["name"]: self._endpoint(spec) for spec in args["streaming_endpoints"]}
        routing = {
            spec["name"]: self._routing_flow(spec, instance, *queue_ids)
            for spec, queue_ids in zip(args["task_flows"], queues, strict=True)
        }
        templates = {
            spec["name"]: self._task_template(spec, routing)
            for spec in args.get("task_templates") or []
        }
        creating = {
            spec["name"]: self._creating_flow(spec, routing[spec["task_flow"]], templates)
            for spec in args.get("task_creating_flows") or []
        }
        flow_arns: list[pulumi.Input[str]] = [flow.contact_flow_arn for flow in routing.values()]
        self._roles(flow_arns, [t.task_template_arn for t in templates.values()])
        self.topic_arns = output_dict({k: e.topic_arn for k, e in endpoints.items()})
        self.dead_letter_queue_urls = pulumi.Output.all(
            *(e.dead_letter_queue_urls for e in endpoints.values())
        ).apply(lambda parts: {name: url for part in parts for name, url in part.items()})
        self.task_flow_ids = output_dict({k: f.contact_flow_id for k, f in routing.items()})
        self.task_creating_flow_ids = output_dict(creating)
        self.task_template_ids = output_dict({k: t.task_template_id for k, t in templates.items()})
        self.register_outputs(
            {
                "task_template_ids": self.task_template_ids,
                "topic_arns": self.topic_arns,
                "dead_letter_queue_urls": self.dead_letter_queue_urls,
                "task_flow_ids": self.task_flow_ids,
                "task_creating_flow_ids": self.task_creating_flow_ids,
                "streaming_controller_role_arn": self.streaming_controller_role_arn,
                "metrics_reader_role_arn": self.metrics_reader_role_arn,
                "task_starter_role_arn": self.task_starter_role_arn,
            }
        )

    def _endpoint(self, spec: StreamingEndpointSpec) -> ChatStreamingEndpoint:
        endpoint_args: ChatStreamingEndpointArgs = {
            "instance_arn": self._instance_arn,
            "topic_name": f"{self._args['environment']}-{spec['name']}",
            "sqs_subscribers": spec.get("sqs_subscribers") or [],
            "lambda_subscribers": spec.get("lambda_subscribers") or [],
            "https_subscribers": spec.get("https_subscribers") or [],
            "tags": self._tags,
        }
        if spec["name"] in self._keys:
            endpoint_args["kms_key_arn"] = self._keys[spec["name"]]
        name = f"{self._name}-{spec['name']}"
        return ChatStreamingEndpoint(name, endpoint_args, opts=self._child)

    def _routing_flow(
        self,
        spec: TaskFlowSpec,
        instance: pulumi.Output[ConnectInstance],
        queue_id: pulumi.Output[str],
        overflow_id: pulumi.Output[str] | None,
    ) -> TaskRoutingFlow:
        flow_args: TaskRoutingFlowArgs = {
            "instance_arn": self._instance_arn,
            "queue_arn": pulumi.Output.all(instance, queue_id).apply(
                lambda v: v[0].queue_arn(v[1])
            ),
            "flow_name": f"{self._args['environment']}-{spec['name']}",
            "ignore_content_changes": bool(self._args.get("ignore_flow_content_changes")),
            "tags": self._tags,
        }
        if overflow_id is not None:
            flow_args["overflow_queue_arn"] = pulumi.Output.all(instance, overflow_id).apply(
                lambda v: v[0].queue_arn(v[1])
            )
        return TaskRoutingFlow(f"{self._name}-{spec['name']}", flow_args, opts=self._child)

    def _task_template(
        self, spec: TaskTemplateSpec, routing: dict[str, TaskRoutingFlow]
    ) -> TaskTemplate:
        # Every key of the spec but name and task_flow is a TaskTemplateArgs key of that name.
        shared = {k: v for k, v in spec.items() if k not in ("name", "task_flow")}
        template_args = cast(
            TaskTemplateArgs,
            {
                **shared,
                "instance_arn": self._instance_arn,
                "template_name": f"{self._args['environment']}-{spec['name']}",
                "tags": self._tags,
            },
        )
        if "task_flow" in spec:
            template_args["contact_flow_arn"] = routing[spec["task_flow"]].contact_flow_arn
        return TaskTemplate(f"{self._name}-{spec['name']}", template_args, opts=self._child)

    def _creating_flow(
        self,
        spec: TaskCreatingFlowSpec,
        target: TaskRoutingFlow,
        templates: dict[str, TaskTemplate],
    ) -> Any:
        creating_args: TaskCreatingFlowArgs = {
            "instance_arn": self._instance_arn,
            "task_flow_arn": target.contact_flow_arn,
            "task_name": spec["task_name"],
            "task_description": spec.get("task_description") or spec["task_name"],
            "references": spec.get("references") or {},
            "attributes": spec.get("attributes") or {},
            "flow_name": f"{self._args['environment']}-{spec['name']}",
            "ignore_content_changes": bool(self._args.get("ignore_flow_content_changes")),
            "tags": self._tags,
        }
        if "delay_seconds" in spec:
            creating_args["delay_seconds"] = spec["delay_seconds"]
        if "task_template" in spec:
            creating_args["task_template_arn"] = templates[spec["task_template"]].task_template_arn
        name = f"{self._name}-{spec['name']}"
        return TaskCreatingFlow(name, creating_args, opts=self._child).contact_flow_id

    def _roles(
        self, flow_arns: list[pulumi.Input[str]], template_arns: list[pulumi.Input[str]]
    ) -> None:
        trust, arn, tags = self._args["trust"], self._instance_arn, self._tags
        self.streaming_controller_role_arn = StreamingControllerRole(
            f"{self._name}-streaming-controller",
            {"instance_arn": arn, "trust": trust["streaming_controller"], "tags": tags},
            opts=self._child,
        ).role_arn
        self.metrics_reader_role_arn = MetricsReaderRole(
            f"{self._name}-metrics-reader",
            {"instance_arn": arn, "trust": trust["metrics_reader"], "tags": tags},
            opts=self._child,
        ).role_arn
        self.task_starter_role_arn = TaskStarterRole(
            f"{self._name}-task-starter",
            {
                "instance_arn": arn,
                "contact_flow_arns": flow_arns,
                "trust": trust["task_starter"],
                "allow_previous_contacts": bool(self._args.get("allow_previous_contacts")),
                "task_template_arns": template_arns,
                "tags": tags,
            },
            opts=self._child,
        ).role_arn


def _queue_ids(
    checks: InputChecks, index: int, spec: TaskFlowSpec
) -> tuple[pulumi.Output[str], pulumi.Output[str] | None]:
    """The task flow's queue ID and overflow queue ID (if any), checked: queue IDs, and the
    overflow not the flow's own queue."""
    queue = checks.rule(f"task_flows[{index}].queue_id", spec["queue_id"])
    if "overflow_queue_id" not in spec:
        return queue, None
    field = f"task_flows[{index}].overflow_queue_id"
    checked = checks.rule(field, spec["overflow_queue_id"])

    def apart(ids: list[str]) -> str:
        if ids[0] == ids[1]:
            raise RuleError(other_queue("queue_id"), ids[1])
        return ids[1]

    if isinstance(spec["queue_id"], str) and isinstance(spec["overflow_queue_id"], str):
        checks.now(field, [spec["queue_id"], spec["overflow_queue_id"]], apart)
    return queue, checks.derive(field, pulumi.Output.all(queue, checked), apart)


def _check_entries(checks: InputChecks, name: str, args: StreamingEnvironmentArgs) -> None:
    """Refuse unknown keys, colliding derived names and dangling task flow names."""
    checks.known_keys(args, StreamingEnvironmentArgs)
    for derived, rule in name_problems(environment_names(name, args)):
        raise checks.error(f"{derived.entry}.name", rule, derived.value)
    flow_names = [f["name"] for f in args["task_flows"]]
    for index, spec in enumerate(args.get("task_creating_flows") or []):
        if spec["task_flow"] not in flow_names:
            rule = f"the name of a task flow ({', '.join(flow_names) or 'none'})"
            raise checks.error(f"task_creating_flows[{index}].task_flow", rule, spec["task_flow"])
    template_names = [t["name"] for t in args.get("task_templates") or []]
    for index, template in enumerate(args.get("task_templates") or []):
        if "task_flow" in template and template["task_flow"] not in flow_names:
            rule = f"the name of a task flow ({', '.join(flow_names) or 'none'})"
            raise checks.error(f"task_templates[{index}].task_flow", rule, template["task_flow"])
    for index, spec in enumerate(args.get("task_creating_flows") or []):
        if "task_template" in spec and spec["task_template"] not in template_names:
            rule = f"the name of a task template ({', '.join(template_names) or 'none'})"
            raise checks.error(
                f"task_creating_flows[{index}].task_template", rule, spec["task_template"]
            )
