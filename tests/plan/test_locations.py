"""Where the outputs point: the stack config entry a resource is built from (nested and mapping
entries too), else the program line that registered it."""

from __future__ import annotations

from pathlib import Path

from connect_streaming_plan.mocks import run_program
from connect_streaming_plan.render.locations import config_entries, config_entry_for, locate
from tests.repo import load_stack_config, project, run_stack_program

DEV = project().stack_config_dir / "Pulumi.dev.yaml"


def test_named_entries_are_found_with_their_lines() -> None:
    text = DEV.read_text(encoding="utf-8")
    entries = {e.key: e for e in config_entries(text)}
    lines = text.splitlines()
    endpoint = entries["connect-streaming:streamingEndpoints[0]"]
    assert endpoint.name == "chat-stream"
    assert lines[endpoint.line - 1].strip() == "- name: chat-stream"
    queue = entries["connect-streaming:streamingEndpoints[0].sqsSubscribers[1]"]
    assert queue.name == "chat-stream-customer-facing"
    assert lines[queue.line - 1].strip() == "- name: customer-facing"
    starter = entries["connect-streaming:trust.taskStarter"]
    assert starter.name == "task-starter"
    assert lines[starter.line - 1].strip() == "taskStarter:"
    assert "connect-streaming:tags" not in entries  # a mapping of values names nothing


def test_each_dev_resource_maps_to_the_entry_it_is_built_from() -> None:
    run = run_stack_program("dev", load_stack_config("dev"))
    by_urn = {r.urn: r for r in run.resources}
    entries = config_entries(DEV.read_text(encoding="utf-8"))
    found = {r.name: config_entry_for(r, by_urn, entries, "dev") for r in run.resources}
    keys = {name: entry.key if entry else None for name, entry in found.items()}
    assert keys["dev-chat-stream-topic"] == "connect-streaming:streamingEndpoints[0]"
    assert keys["dev-chat-stream-key"] == "connect-streaming:streamingEndpoints[0]"
    assert keys["dev-chat-stream-agent-assist-queue"] == (
        "connect-streaming:streamingEndpoints[0].sqsSubscribers[2]"
    )
    assert keys["dev-task-starter-role"] == "connect-streaming:trust.taskStarter"
    assert keys["dev-callback-tasks-flow"] == "connect-streaming:taskFlows[0]"
    assert keys["dev-chat-follow-up-flow"] == "connect-streaming:taskCreatingFlows[0]"
    assert keys["dev"] is None  # the environment itself comes from no single entry


def test_without_an_entry_the_program_line_is_the_location(tmp_path: Path) -> None:
    import pulumi_aws as aws

    def program() -> None:
        aws.sns.Topic("loose")

    run = run_program(program, environment="dev", config={}, project="p")
    (topic,) = run.resources
    where = locate(
        topic,
        {topic.urn: topic},
        stack="dev",
        config_file=DEV,
        entries=config_entries(DEV.read_text(encoding="utf-8")),
        program=Path(__file__),
    )
    assert where.path == Path(__file__)
    assert where.line == program.__code__.co_firstlineno + 1
    elsewhere = locate(
        topic,
        {topic.urn: topic},
        stack="dev",
        config_file=None,
        entries=[],
        program=tmp_path / "x.py",
    )
    assert (elsewhere.path, elsewhere.line) == (Path(__file__), where.line)  # first frame
