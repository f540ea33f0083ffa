"""Hypothesis strategies for the policy tests: any JSON, policy-shaped documents, and resource
properties holding them under the keys the rules read."""

from __future__ import annotations

import json
from typing import Final

from hypothesis import strategies as st

from connect_streaming_policy.rules import RESOURCE_RULES
from tests.policy.cases import OIDC_PROVIDER

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
ELEMENTS = [
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
]
element_values = (
    json_values
    | st.sampled_from(
        ["*", "Allow", "Deny", "sns:Publish", "sts:AssumeRoleWithWebIdentity", OIDC_PROVIDER]
    )
    | st.dictionaries(
        st.sampled_from(
            ["AWS", "Service", "Federated", "StringEquals", "ArnLike", "Bool", "StringLike"]
        ),
        json_values | st.sampled_from(["*", "connect.amazonaws.com", "sns.amazonaws.com"]),
        max_size=3,
    )
)
statements = st.dictionaries(st.sampled_from(ELEMENTS), element_values, max_size=7)
documents = st.one_of(
    st.fixed_dictionaries({"Statement": statements | st.lists(statements, max_size=3)}),
    json_values,
)
policy_values = documents | documents.map(json.dumps)
PROP_KEYS: Final = [
    "policy", "assumeRolePolicy", "inlinePolicies", "managedPolicyArns", "policyArn",
    "principal", "sourceArn", "protocol", "endpoint", "topic", "queueUrl", "name", "tags",
    "kmsMasterKeyId", "fifoTopic", "enableKeyRotation", "content",
]  # fmt: skip
TYPES: Final = sorted({t for r in RESOURCE_RULES for t in r.types})
props_strategy = st.dictionaries(
    st.sampled_from(PROP_KEYS),
    policy_values
    | st.lists(
        st.fixed_dictionaries({"name": st.text(max_size=4), "policy": policy_values}), max_size=2
    ),
    max_size=5,
)
