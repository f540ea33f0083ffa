"""Hypothesis strategies for the policy tests: any JSON, policy-shaped documents, resource
properties holding them under the keys the rules read, instances, and statement parts that
carry whether they are acceptable."""

from __future__ import annotations

import json
from typing import Any, Final

from hypothesis import strategies as st

from connect_streaming.arns import ConnectInstance
from connect_streaming_policy.catalogue import RESOURCE_RULES
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

instances = st.builds(
    lambda region, account, ident: ConnectInstance.from_arn(
        f"arn:aws:connect:{region}:{account}:instance/{ident}"
    ),
    st.sampled_from(["us-east-1", "eu-west-2", "ap-southeast-2"]),
    st.from_regex(r"[0-9]{12}", fullmatch=True),
    st.uuids().map(str),
)

# A part of a statement and whether it is acceptable on its own.
Part = tuple[Any, bool]


def good(*values: Any) -> st.SearchStrategy[Part]:
    """Acceptable parts."""
    return st.sampled_from([(v, True) for v in values])


def bad(*values: Any) -> st.SearchStrategy[Part]:
    """Parts a rule must refuse."""
    return st.sampled_from([(v, False) for v in values])


def case_variants(key: str) -> st.SearchStrategy[str]:
    """``key`` in any letter case (IAM condition keys are case-insensitive)."""
    return st.lists(st.booleans(), min_size=len(key), max_size=len(key)).map(
        lambda upper: "".join(
            c.upper() if u else c.lower() for c, u in zip(key, upper, strict=True)
        )
    )
