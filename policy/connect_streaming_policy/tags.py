"""Required tags on taggable resources, more of them in strict environments (prod)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from connect_streaming_policy.statements import is_array, string_list
from connect_streaming_policy.vocabulary import (
    CONTACT_FLOW,
    KEY,
    MANAGED_POLICY,
    ROLE,
    TOPIC,
    Context,
    resource_rule,
    string_list_schema,
)

__all__ = ["REQUIRED_TAGS", "TAGGABLE_TYPES", "environment_of"]

TAGGABLE_TYPES: Final = frozenset(
    {
        TOPIC,
        KEY,
        ROLE,
        MANAGED_POLICY,
        CONTACT_FLOW,
        "aws:sqs/queue:Queue",
        "aws:lambda/function:Function",
        "aws:s3/bucket:Bucket",
        "aws:s3/bucketV2:BucketV2",
        "aws:connect/instance:Instance",
        "aws:connect/queue:Queue",
        "aws:connect/contactFlowModule:ContactFlowModule",
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    }
)
"""Resource types that accept tags (any resource whose inputs carry ``tags`` counts too)."""


def environment_of(props: Mapping[str, Any], context: Context) -> str | None:
    """The resource's ``environment`` tag, else the stack's environment."""
    tags = props.get("tags")
    if isinstance(tags, Mapping) and isinstance(tags.get("environment"), str):
        return str(tags["environment"])
    return context.environment


def _tag_map(tags: Any) -> Mapping[str, Any]:
    """Tags as a map: pulumi-aws gives a map, pulumi-aws-native a list of {key, value}."""
    if isinstance(tags, Mapping):
        return tags
    if is_array(tags):
        return {
            str(item.get("key")): item.get("value")
            for item in tags
            if isinstance(item, Mapping) and isinstance(item.get("key"), str)
        }
    return {}


def _check_tags(resource_type: str, props: Mapping[str, Any], context: Context) -> list[str]:
    """Taggable resources carry the required tags (more in strict environments).

    Fix: Add the missing tags (StreamingEnvironment tags every resource it makes).
    """
    if resource_type not in TAGGABLE_TYPES and "tags" not in props:
        return []
    required = string_list(context.config.get("requiredTags"))
    if environment_of(props, context) in string_list(context.config.get("strictEnvironments")):
        required += string_list(context.config.get("strictRequiredTags"))
    present = _tag_map(props.get("tags"))
    missing = [t for t in dict.fromkeys(required) if not present.get(t)]
    if missing:
        return [f"missing the tag(s) {', '.join(missing)}"]
    return []


REQUIRED_TAGS: Final = resource_rule(
    "required-tags",
    _check_tags,
    "low",
    "advisory",
    config={
        "requiredTags": string_list_schema(
            ["owner", "cost-center", "environment"], "Tags every taggable resource must carry."
        ),
        "strictRequiredTags": string_list_schema(
            ["data-classification"], "Tags also required in strict environments."
        ),
        "strictEnvironments": string_list_schema(
            ["prod"], "Environments (the environment tag or stack) held to the stricter rules."
        ),
    },
)
