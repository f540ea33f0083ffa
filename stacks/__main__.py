"""The Pulumi program: one StreamingEnvironment per stack, from ``stacks/Pulumi.<stack>.yaml``."""

from typing import Any

import pulumi
from pulumi.runtime import config as runtime_config

from connect_streaming import StreamingEnvironment
from connect_streaming.config import KEYS, NAMESPACE, ConfigError, parse_environment


def read_config() -> dict[str, Any]:
    """Every ``connect-streaming:*`` value, decoded; unknown keys included so typos are caught."""
    config = pulumi.Config(NAMESPACE)
    everything = runtime_config.CONFIG.get()
    keys = {k.split(":", 1)[1] for k in everything if k.startswith(f"{NAMESPACE}:")} | set(KEYS)
    raw: dict[str, Any] = {}
    for key in sorted(keys):
        text = config.get(key)
        if text is None:
            continue
        if key == "instanceArn":
            raw[key] = text
            continue
        try:
            raw[key] = config.get_object(key)
        except (ValueError, pulumi.ConfigTypeError):
            raw[key] = text  # the parser reports the expected shape
    return raw


def main() -> None:
    stack = pulumi.get_stack()
    try:
        region = pulumi.Config("aws").get("region")
        args = parse_environment(read_config(), environment=stack, region=region)
    except ConfigError as error:
        # RunError prints the message without a Python traceback, before any resource exists.
        raise pulumi.RunError(str(error)) from None
    environment = StreamingEnvironment(stack, args)
    pulumi.export("topicArns", environment.topic_arns)
    pulumi.export("deadLetterQueueUrls", environment.dead_letter_queue_urls)
    pulumi.export("taskFlowIds", environment.task_flow_ids)
    pulumi.export("taskCreatingFlowIds", environment.task_creating_flow_ids)
    pulumi.export("streamingControllerRoleArn", environment.streaming_controller_role_arn)
    pulumi.export("metricsReaderRoleArn", environment.metrics_reader_role_arn)
    pulumi.export("taskStarterRoleArn", environment.task_starter_role_arn)
    pulumi.export("taskTemplateIds", environment.task_template_ids)
    pulumi.export("instanceArn", args["instance_arn"])


main()
