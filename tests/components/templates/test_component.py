"""TaskTemplate (pulumi-aws-native) under Pulumi's mocks, and the components that use templates:
TaskCreatingFlow's TaskTemplateId, TaskStarterRole's template and quick connect scopes,
StreamingEnvironment's task_templates."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from typing import Any, cast

import pulumi
import pytest

from connect_streaming.environment import StreamingEnvironment, StreamingEnvironmentArgs
from connect_streaming.flows import flow_problems
from connect_streaming.flows.component import TaskCreatingFlow, TaskRoutingFlow
from connect_streaming.roles import TaskStarterRole
from connect_streaming.templates.component import (
    TaskTemplate,
    TaskTemplateArgs,
    TaskTemplateFieldArgs,
)
from connect_streaming_plan.mocks import RecordedResource, StackProgramError, StackRun, run_program
from tests.repo import REPO_ROOT

ACCOUNT = "111122223333"
INSTANCE_ID = "2f8c6a1e-4b7d-4e19-9c3a-5d0e8f7a6b21"
INSTANCE = f"arn:aws:connect:eu-west-2:{ACCOUNT}:instance/{INSTANCE_ID}"
CONFIG = {"aws:region": "eu-west-2", "connect-streaming:instanceArn": INSTANCE}
NATIVE = "aws-native:connect:TaskTemplate"
CALLBACK: TaskTemplateArgs = {
    "instance_arn": INSTANCE,
    "fields": [
        {"name": "Subject", "type": "NAME", "description": "What to call back about"},
        {"name": "Phone", "type": "TEXT"},
        {"name": "Priority", "type": "SINGLE_SELECT", "single_select_options": ["low", "high"]},
        {"name": "Source", "type": "TEXT"},
    ],
    "required_fields": ["Subject", "Phone"],
    "read_only_fields": ["Source"],
    "invisible_fields": ["Source"],
    "defaults": {"Priority": "low", "Source": "web"},
    "description": "Call the customer back",
    "tags": {"owner": "platform"},
}


def _run(program: Any) -> StackRun:
    return run_program(program, environment="test", config=CONFIG)


def _one(run: StackRun, type_token: str) -> RecordedResource:
    (resource,) = run.of_type(type_token)
    return resource


def _template_with_flow() -> StackRun:
    def program() -> None:
        routing = TaskRoutingFlow(
            "route", {"instance_arn": INSTANCE, "queue_arn": f"{INSTANCE}/queue/q1"}
        )
        TaskTemplate("callback", {**CALLBACK, "contact_flow_arn": routing.contact_flow_arn})

    return _run(program)


def test_the_template_resource_carries_every_part_in_engine_shape() -> None:
    run = _template_with_flow()
    template = _one(run, NATIVE)
    flow = _one(run, "aws:connect/contactFlow:ContactFlow")
    assert template.parent_name == "callback"
    assert template.name == "callback-template"
    inputs = template.inputs
    assert inputs["instanceArn"] == INSTANCE
    assert inputs["contactFlowArn"] == flow.outputs["arn"]
    assert inputs["name"] == "callback"
    assert inputs["status"] == "ACTIVE"
    assert inputs["fields"][2] == {
        "id": {"name": "Priority"},
        "type": "SINGLE_SELECT",
        "singleSelectOptions": ["low", "high"],
    }
    assert inputs["constraints"] == {
        "requiredFields": [{"id": {"name": "Subject"}}, {"id": {"name": "Phone"}}],
        "readOnlyFields": [{"id": {"name": "Source"}}],
        "invisibleFields": [{"id": {"name": "Source"}}],
    }
    assert inputs["defaults"] == [
        {"id": {"name": "Priority"}, "defaultValue": "low"},
        {"id": {"name": "Source"}, "defaultValue": "web"},
    ]
    assert inputs["tags"] == [{"key": "owner", "value": "platform"}]


def test_outputs_are_the_template_arn_and_its_id() -> None:
    def program() -> None:
        template = TaskTemplate(
            "callback", {**CALLBACK, "contact_flow_arn": f"{INSTANCE}/contact-flow/f1"}
        )
        pulumi.export("arn", template.task_template_arn)
        pulumi.export("id", template.task_template_id)

    run = _run(program)
    arn = _one(run, NATIVE).outputs["arn"]
    assert arn.startswith(f"{INSTANCE}/task-template/")
    assert run.outputs == {"arn": arn, "id": arn.rsplit("/", 1)[-1]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"required_fields": ["Phone"]}, r"required_fields .*must list the NAME field 'Subject'"),
        ({"defaults": {"Colour": "red"}}, r"defaults\['Colour'\] 'Colour': names no field"),
        ({"status": "DRAFT"}, r"status 'DRAFT'"),
        ({"contact_flow_arn": None}, r"contact_flow_arn None: set a flow"),
        (
            {"contact_flow_arn": "arn:aws:connect:eu-west-2:1:instance/x/contact-flow/f"},
            "contact_flow_arn: expected a flow of instance",
        ),
    ],
)
def test_a_broken_template_is_refused_before_anything_is_registered(
    change: dict[str, Any], message: str
) -> None:
    args: dict[str, Any] = {**CALLBACK, "contact_flow_arn": f"{INSTANCE}/contact-flow/f1", **change}
    if args["contact_flow_arn"] is None:
        del args["contact_flow_arn"]
    with pytest.raises(StackProgramError, match=message) as raised:
        _run(lambda: TaskTemplate("callback", args))  # type: ignore[arg-type]
    assert raised.value.resources == []


def test_a_quick_connect_template_needs_no_flow() -> None:
    fields: list[TaskTemplateFieldArgs] = [
        *CALLBACK["fields"],
        {"name": "Agent", "type": "QUICK_CONNECT"},
    ]
    run = _run(lambda: TaskTemplate("callback", {**CALLBACK, "fields": fields}))
    inputs = _one(run, NATIVE).inputs
    assert "contactFlowArn" not in inputs
    assert inputs["fields"][-1] == {"id": {"name": "Agent"}, "type": "QUICK_CONNECT"}


def test_importing_the_package_never_needs_pulumi_aws_native() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["pulumi_aws_native"] = None  # any import of it now fails
        import connect_streaming
        INSTANCE = sys.argv[1]
        from connect_streaming.provider import COMPONENTS
        print(sorted(c.__name__ for c in COMPONENTS if c.__name__ == "TaskTemplate"))
        try:
            connect_streaming.TaskTemplate("t", {"instance_arn": INSTANCE, "fields": [
                {"name": "N", "type": "NAME"}], "required_fields": ["N"],
                "contact_flow_arn": INSTANCE + "/contact-flow/f"})
        except ImportError as error:
            print(error)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, INSTANCE],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "['TaskTemplate']"
    assert "connect-streaming[templates]" in lines[1]


def test_resource_counts() -> None:
    run = _template_with_flow()
    assert Counter(r.type for r in run.resources) == {
        "connect-streaming:index:TaskRoutingFlow": 1,
        "aws:connect/contactFlow:ContactFlow": 1,
        "connect-streaming:index:TaskTemplate": 1,
        NATIVE: 1,
    }
    assert json.loads(json.dumps(_one(run, NATIVE).inputs))  # plain JSON for the policy pack


# --- TaskCreatingFlow and TaskStarterRole with templates --------------------------------------


def _templated_flow_and_role() -> StackRun:
    quick_connect = f"{INSTANCE}/transfer-destination/qc-1"

    def program() -> None:
        routing = TaskRoutingFlow(
            "route", {"instance_arn": INSTANCE, "queue_arn": f"{INSTANCE}/queue/q1"}
        )
        template = TaskTemplate(
            "callback", {**CALLBACK, "contact_flow_arn": routing.contact_flow_arn}
        )
        TaskCreatingFlow(
            "create",
            {
                "instance_arn": INSTANCE,
                "task_flow_arn": routing.contact_flow_arn,
                "task_name": "Call back",
                "task_template_arn": template.task_template_arn,
            },
        )
        TaskStarterRole(
            "starter",
            {
                "instance_arn": INSTANCE,
                "contact_flow_arns": [routing.contact_flow_arn],
                "task_template_arns": [template.task_template_arn],
                "quick_connect_arns": [quick_connect],
                "trust": {"service": "lambda.amazonaws.com"},
            },
        )

    return _run(program)


def test_the_task_creating_flow_creates_tasks_from_the_template() -> None:
    run = _templated_flow_and_role()
    template_arn = _one(run, NATIVE).outputs["arn"]
    flows = {r.parent_name: r for r in run.of_type("aws:connect/contactFlow:ContactFlow")}
    content = flows["create"].inputs["content"]
    assert flow_problems(content) == []
    (task,) = [a for a in json.loads(content)["Actions"] if a["Type"] == "CreateTask"]
    assert task["Parameters"]["TaskTemplateId"] == template_arn
    assert task["Parameters"]["ContactFlowId"] == flows["route"].outputs["arn"]


def test_a_flow_without_a_template_sets_no_template_id() -> None:
    run = _run(
        lambda: TaskCreatingFlow(
            "create",
            {
                "instance_arn": INSTANCE,
                "task_flow_arn": f"{INSTANCE}/contact-flow/f1",
                "task_name": "Call back",
            },
        )
    )
    content = _one(run, "aws:connect/contactFlow:ContactFlow").inputs["content"]
    (task,) = [a for a in json.loads(content)["Actions"] if a["Type"] == "CreateTask"]
    assert "TaskTemplateId" not in task["Parameters"]


def test_the_task_starter_is_scoped_to_flows_templates_and_quick_connects() -> None:
    run = _templated_flow_and_role()
    flow_arn = next(
        r.outputs["arn"]
        for r in run.of_type("aws:connect/contactFlow:ContactFlow")
        if r.parent_name == "route"
    )
    template_arn = _one(run, NATIVE).outputs["arn"]
    policy = json.loads(_one(run, "aws:iam/rolePolicy:RolePolicy").inputs["policy"])
    (statement,) = policy["Statement"]
    assert statement["Action"] == "connect:StartTaskContact"
    assert sorted(statement["Resource"]) == sorted(
        [flow_arn, template_arn, f"{INSTANCE}/transfer-destination/qc-1"]
    )


def test_a_quick_connect_of_another_instance_is_refused() -> None:
    other = "arn:aws:connect:eu-west-2:111122223333:instance/other/transfer-destination/q"

    def program() -> None:
        TaskStarterRole(
            "starter",
            {
                "instance_arn": INSTANCE,
                "contact_flow_arns": [f"{INSTANCE}/contact-flow/f1"],
                "quick_connect_arns": [other],
                "trust": {"service": "lambda.amazonaws.com"},
            },
        )

    with pytest.raises(StackProgramError, match="expected quick connects of instance"):
        _run(program)


# --- StreamingEnvironment with task templates -------------------------------------------------


def _environment(**extra: Any) -> StackRun:
    args: dict[str, Any] = {
        "environment": "dev",
        "instance_arn": INSTANCE,
        "streaming_endpoints": [],
        "task_flows": [{"name": "callbacks", "queue_id": "q1"}],
        "trust": {
            "streaming_controller": {"service": "lambda.amazonaws.com"},
            "metrics_reader": {"service": "lambda.amazonaws.com"},
            "task_starter": {"service": "lambda.amazonaws.com"},
        },
        "task_templates": [
            {
                "name": "callback",
                "task_flow": "callbacks",
                "fields": CALLBACK["fields"],
                "required_fields": ["Subject"],
                "defaults": {"Priority": "high"},
            }
        ],
        "task_creating_flows": [
            {
                "name": "follow-up",
                "task_flow": "callbacks",
                "task_name": "Follow up",
                "task_template": "callback",
            }
        ],
        **extra,
    }

    def program() -> None:
        environment = StreamingEnvironment("dev", cast(StreamingEnvironmentArgs, args))
        pulumi.export("templateIds", environment.task_template_ids)

    return _run(program)


def test_the_environment_makes_its_templates_and_wires_them_to_flows_and_the_starter() -> None:
    run = _environment()
    template = _one(run, NATIVE)
    flows = {r.parent_name: r for r in run.of_type("aws:connect/contactFlow:ContactFlow")}
    assert template.parent_name == "dev-callback"
    assert template.inputs["name"] == "dev-callback"
    assert template.inputs["contactFlowArn"] == flows["dev-callbacks"].outputs["arn"]
    assert template.inputs["defaults"] == [{"id": {"name": "Priority"}, "defaultValue": "high"}]
    assert {"key": "environment", "value": "dev"} in template.inputs["tags"]
    arn = template.outputs["arn"]
    assert run.outputs["templateIds"] == {"callback": arn.rsplit("/", 1)[-1]}
    content = json.loads(flows["dev-follow-up"].inputs["content"])
    (task,) = [a for a in content["Actions"] if a["Type"] == "CreateTask"]
    assert task["Parameters"]["TaskTemplateId"] == arn
    starter = next(
        r for r in run.of_type("aws:iam/rolePolicy:RolePolicy") if "task-starter" in r.name
    )
    assert arn in json.loads(starter.inputs["policy"])["Statement"][0]["Resource"]


def test_an_environment_without_templates_makes_none() -> None:
    run = _environment(task_templates=[], task_creating_flows=[])
    assert run.of_type(NATIVE) == []
    assert run.outputs["templateIds"] == {}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"task_creating_flows": [{"name": "f", "task_flow": "callbacks", "task_name": "x",
                                      "task_template": "nope"}]},
            r"task_creating_flows\[0\].task_template: expected the name of a task template",
        ),
        (
            {"task_templates": [{"name": "t", "task_flow": "nope", "fields": CALLBACK["fields"],
                                 "required_fields": ["Subject"]}], "task_creating_flows": []},
            r"task_templates\[0\].task_flow: expected the name of a task flow",
        ),
    ],
)  # fmt: skip
def test_dangling_template_names_are_refused(extra: dict[str, Any], message: str) -> None:
    with pytest.raises(StackProgramError, match=message):
        _environment(**extra)


def test_the_docs_task_template_example_runs_under_mocks() -> None:
    page = (REPO_ROOT / "docs" / "task-templates.md").read_text(encoding="utf-8")
    example = page.split("```python\n", 1)[1].split("```")[0]
    config = {
        "connect-streaming:instanceArn": "arn:aws:connect:us-east-1:111122223333:instance/EXAMPLE"
    }
    run = run_program(lambda: exec(example, {}), environment="dev", config=config)
    template_arn = _one(run, NATIVE).outputs["arn"]
    policy = json.loads(_one(run, "aws:iam/rolePolicy:RolePolicy").inputs["policy"])
    assert template_arn in policy["Statement"][0]["Resource"]
