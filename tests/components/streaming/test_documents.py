"""The streaming path's documents: key, topic and queue policies, redrives and the visibility
filter, linted by parliament and property-tested over random instances and topics."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import RuleError
from connect_streaming.streaming import documents
from tests.components.documents_checks import (
    deny_plain_http,
    instances,
    parliament,
    statements,
    topic_names,
)

# --- resource policies ------------------------------------------------------------------------


def _grants_to(document: dict[str, Any], service: str) -> list[dict[str, Any]]:
    return [
        s
        for s in statements(document)
        if s["Effect"] == "Allow" and s.get("Principal") == {"Service": service}
    ]


@given(instances, topic_names)
def test_topic_policy_scopes_connect_and_denies_plain_http(
    instance: ConnectInstance, topic: str
) -> None:
    topic_arn = instance.sns_topic_arn(topic)
    document = documents.streaming_topic_policy(instance, topic_arn)
    assert parliament(document) == []
    (grant,) = _grants_to(document, documents.CONNECT_SERVICE)
    assert grant["Action"] == "sns:Publish"
    assert grant["Resource"] == topic_arn
    assert grant["Condition"] == {
        "StringEquals": {"aws:SourceAccount": instance.account_id},
        "ArnEquals": {"aws:SourceArn": instance.arn},
    }
    denials = [s for s in statements(document) if s["Effect"] == "Deny"]
    assert any(d["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for d in denials)
    owner = [s for s in statements(document) if s.get("Principal") == {"AWS": _root(instance)}]
    assert owner, "the topic owner must keep its access"


def _root(instance: ConnectInstance) -> str:
    return f"arn:aws:iam::{instance.account_id}:root"


@given(instances)
def test_key_policy_lets_connect_encrypt_only_for_its_instance(instance: ConnectInstance) -> None:
    document = documents.kms_key_policy(instance)
    (grant,) = _grants_to(document, documents.CONNECT_SERVICE)
    assert sorted(grant["Action"]) == ["kms:Decrypt", "kms:GenerateDataKey*"]
    assert grant["Condition"]["StringEquals"] == {"aws:SourceAccount": instance.account_id}
    assert grant["Condition"]["ArnEquals"] == {"aws:SourceArn": instance.arn}
    # In a key policy "Resource": "*" means "this key"; parliament, an identity-policy linter,
    # reports that as RESOURCE_STAR and nothing else.
    assert {f.split(":")[0] for f in parliament(document)} <= {"RESOURCE_STAR"}


@given(instances, topic_names)
def test_queue_policy_admits_only_its_topic(instance: ConnectInstance, topic: str) -> None:
    queue_arn = instance.sqs_queue_arn(f"{topic}-q")
    topic_arn = instance.sns_topic_arn(topic)
    document = documents.sqs_subscriber_policy(queue_arn, topic_arn)
    assert parliament(document) == []
    grant, deny = statements(document)
    assert grant["Condition"] == {"ArnEquals": {"aws:SourceArn": topic_arn}}
    assert deny == deny_plain_http("sqs:*", queue_arn)


@given(instances, topic_names)
def test_a_queue_dlq_policy_only_denies_plain_http(instance: ConnectInstance, topic: str) -> None:
    queue_arn = instance.sqs_queue_arn(f"{topic}-q-dlq")
    document = documents.tls_only_queue_policy(queue_arn)
    assert parliament(document) == []
    assert statements(document) == [deny_plain_http("sqs:*", queue_arn)]


@given(st.integers(min_value=-5, max_value=1005) | st.booleans() | st.floats(1, 10))
def test_a_queue_redrive_takes_1_to_1000_receives(count: Any) -> None:
    dlq = "arn:aws:sqs:us-east-1:123456789012:q-dlq"
    if type(count) is int and 1 <= count <= 1000:
        assert documents.queue_redrive_policy(dlq, count) == {
            "deadLetterTargetArn": dlq,
            "maxReceiveCount": count,
        }
    else:
        with pytest.raises(RuleError, match="from 1 to 1000") as raised:
            documents.queue_redrive_policy(dlq, count)
        assert raised.value.field == "max_receive_count"
        assert raised.value.value == count


@given(
    st.lists(
        st.sampled_from(
            ["arn:aws:sqs:us-east-1:123456789012:a", "arn:aws:sqs:us-east-1:123456789012:b"]
        ),
        max_size=3,
    )
)
def test_a_redrive_allow_policy_admits_exactly_its_sources(sources: list[str]) -> None:
    policy = documents.redrive_allow_policy(sources)
    if sources:
        assert policy == {"redrivePermission": "byQueue", "sourceQueueArns": sorted(sources)}
    else:
        assert policy == {"redrivePermission": "denyAll"}


@given(st.lists(st.sampled_from(["CUSTOMER", "AGENT", "ALL"]), max_size=5))
def test_visibility_filter_keeps_order_without_duplicates(values: list[str]) -> None:
    result = documents.message_visibility_filter(values)
    if not values:
        assert result is None
    else:
        assert result == {"MessageVisibility": list(dict.fromkeys(values))}


def test_visibility_filter_names_a_bad_value() -> None:
    with pytest.raises(ValueError, match="'EVERYONE'"):
        documents.message_visibility_filter(["CUSTOMER", "EVERYONE"])


@given(instances, topic_names)
def test_documents_serialise_deterministically(instance: ConnectInstance, topic: str) -> None:
    document = documents.streaming_topic_policy(instance, instance.sns_topic_arn(topic))
    shuffled = json.loads(json.dumps(document))
    shuffled["Statement"] = [dict(reversed(list(s.items()))) for s in shuffled["Statement"]]
    assert documents.to_json(shuffled) == documents.to_json(document)
    assert json.loads(documents.to_json(document)) == document
