"""Contact flow components over aws.connect.ContactFlow, content from connect_streaming.flows."""

from typing import NotRequired, TypedDict

import pulumi
import pulumi_aws as aws

from connect_streaming._inputs import InputChecks, child_options
from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError
from connect_streaming.flows import (
    FlowReference,
    FlowValidationError,
    task_creating_flow,
    task_routing_flow,
)


class TaskRoutingFlowArgs(TypedDict):
    """Inputs of :class:`TaskRoutingFlow`."""

    instance_arn: pulumi.Input[str]
    """ARN of the Amazon Connect instance."""
    queue_arn: pulumi.Input[str]
    """The queue tasks are routed to (a queue ARN of the instance)."""
    overflow_queue_arn: NotRequired[pulumi.Input[str]]
    """Where a task goes when ``queue_arn`` is at capacity (another queue ARN of the instance);
    without it a full queue ends the task, logged."""
    flow_name: NotRequired[str]
    """Name shown in the Connect console (default: the component name)."""
    description: NotRequired[str]
    """Description shown in the Connect console."""
    ignore_content_changes: NotRequired[bool]
    """Pass ignore_changes=["content"] (workaround for the provider's update bug with some
    block types: the flow is then only written on create)."""
    tags: NotRequired[dict[str, str]]
    """Tags for the flow."""


class TaskReferenceArgs(TypedDict):
    """A reference the created task carries."""

    type: str
    """URL, NUMBER, STRING, DATE (epoch seconds) or EMAIL."""
    value: str
    """A static value of that type, or a JSONPath such as $.Attributes.caseUrl."""


class TaskCreatingFlowArgs(TypedDict):
    """Inputs of :class:`TaskCreatingFlow`."""

    instance_arn: pulumi.Input[str]
    """ARN of the Amazon Connect instance."""
    task_flow_arn: pulumi.Input[str]
    """The flow the created task runs (for example a TaskRoutingFlow's ARN)."""
    task_name: str
    """Name of the task shown to the agent."""
    task_description: NotRequired[str]
    """Description of the task shown to the agent."""
    references: NotRequired[dict[str, TaskReferenceArgs]]
    """Typed references the task carries."""
    attributes: NotRequired[dict[str, str]]
    """Contact attributes set on the task."""
    delay_seconds: NotRequired[int]
    """Create the task this many seconds later (1..518400)."""
    task_template_arn: NotRequired[pulumi.Input[str]]
    """Create the task from this task template (a TaskTemplate's ARN): CreateTask's
    TaskTemplateId."""
    end_flow: NotRequired[bool]
    """End this flow after creating the task instead of disconnecting the contact."""
    flow_name: NotRequired[str]
    """Name shown in the Connect console (default: the component name)."""
    ignore_content_changes: NotRequired[bool]
    """Pass ignore_changes=["content"] for the provider's update bug."""
    tags: NotRequired[dict[str, str]]
    """Tags for the flow."""


class _FlowComponent(pulumi.ComponentResource):
    """What both flow components share: one ContactFlow child and its ID and ARN outputs."""

    contact_flow_id: pulumi.Output[str]
    contact_flow_arn: pulumi.Output[str]

    def _flow(
        self,
        name: str,
        instance: pulumi.Output[ConnectInstance],
        args: TaskRoutingFlowArgs | TaskCreatingFlowArgs,
        opts: pulumi.ResourceOptions | None,
        *,
        description: str,
        content: pulumi.Output[str],
    ) -> None:
        flow = aws.connect.ContactFlow(
            f"{name}-flow",
            instance_id=instance.apply(lambda i: i.instance_id),
            name=args.get("flow_name") or name,
            description=description,
            type="CONTACT_FLOW",
            content=content,
            tags=dict(args.get("tags") or {}),
            opts=pulumi.ResourceOptions.merge(
                child_options(self, opts),
                # The provider's known update bug with some block types.
                pulumi.ResourceOptions(
                    ignore_changes=["content"] if args.get("ignore_content_changes") else None
                ),
            ),
        )
        self.contact_flow_id = flow.contact_flow_id
        self.contact_flow_arn = flow.arn
        self.register_outputs(
            {"contact_flow_id": self.contact_flow_id, "contact_flow_arn": self.contact_flow_arn}
        )


class TaskRoutingFlow(_FlowComponent):
    """The flow StartTaskContact targets: set the working queue, transfer to it, and
    disconnect on success and on every error branch; a full queue spills over to
    ``overflow_queue_arn`` when one is given."""

    contact_flow_id: pulumi.Output[str]
    """The ContactFlowId to pass to StartTaskContact."""
    contact_flow_arn: pulumi.Output[str]
    """ARN of the flow."""

    def __init__(
        self, name: str, args: TaskRoutingFlowArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        checks = InputChecks("TaskRoutingFlow", name)
        checks.known_keys(args, TaskRoutingFlowArgs)
        instance = checks.instance(args["instance_arn"], opts)
        queue_arn = checks.rule("queue_arn", args["queue_arn"])
        overflow = args.get("overflow_queue_arn")
        queues = [queue_arn]
        if overflow is not None:
            queues.append(checks.rule("overflow_queue_arn", overflow))

        def content_of(arns: list[str]) -> str:
            spill = arns[1] if len(arns) > 1 else None
            try:
                flow = task_routing_flow(queue_arn=arns[0], overflow_queue_arn=spill, name=name)
            except RuleError as error:  # the same queue twice: name the component's field
                raise checks.error(error.field, error.rule, error.value) from None
            return flow.to_json()

        if isinstance(args["queue_arn"], str) and isinstance(overflow, str):
            content_of([args["queue_arn"], overflow])  # refuse plain values before registering
        super().__init__("connect-streaming:index:TaskRoutingFlow", name, {}, opts)
        content = pulumi.Output.all(*queues).apply(content_of)
        self._flow(
            name,
            instance,
            args,
            opts,
            description=args.get("description") or "Routes tasks to their queue",
            content=content,
        )


class TaskCreatingFlow(_FlowComponent):
    """A flow that creates a task with typed references, attributes and an optional delay,
    then disconnects the contact (or ends the flow)."""

    contact_flow_id: pulumi.Output[str]
    """ID of the flow."""
    contact_flow_arn: pulumi.Output[str]
    """ARN of the flow."""

    def __init__(
        self, name: str, args: TaskCreatingFlowArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        checks = InputChecks("TaskCreatingFlow", name)
        checks.known_keys(args, TaskCreatingFlowArgs)
        instance = checks.instance(args["instance_arn"], opts)
        references = {
            key: FlowReference(ref["type"], ref["value"])
            for key, ref in (args.get("references") or {}).items()
        }

        def content(values: list[str | None]) -> str:
            try:
                return _creating_json(str(values[0]), values[1])
            except FlowValidationError as error:
                raise RuleError(f"a valid task-creating flow ({error})") from None

        def _creating_json(flow_arn: str, template_arn: str | None) -> str:
            return task_creating_flow(
                contact_flow_arn=flow_arn,
                task_name=args["task_name"],
                description=args.get("task_description"),
                references=references,
                attributes=args.get("attributes"),
                delay_seconds=args.get("delay_seconds"),
                then="end" if args.get("end_flow") else "disconnect",
                name=name,
                task_template_id=template_arn,
            ).to_json()

        # Validate the static parts now (with stand-in ARNs), so a bad reference or delay
        # fails at construction with a clear error rather than inside an apply.
        stand_in = "arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/validation"
        template = args.get("task_template_arn")
        template_stand_in = (
            None if template is None else stand_in.replace("contact-flow", "task-template")
        )
        checks.now("args", [stand_in, template_stand_in], content)
        flow_arn = checks.rule("task_flow_arn", args["task_flow_arn"])
        super().__init__("connect-streaming:index:TaskCreatingFlow", name, {}, opts)
        self._flow(
            name,
            instance,
            args,
            opts,
            description=f"Creates the task {args['task_name']!r}",
            content=checks.derive("task_flow_arn", [flow_arn, template], content),
        )
