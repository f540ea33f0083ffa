"""kms-key-rotation: symmetric encryption keys rotate; keys that cannot rotate are not judged."""

from __future__ import annotations

from connect_streaming.streaming.documents import (
    kms_key_policy,
    to_json,
)
from tests.policy.calls import violations
from tests.policy.cases import (
    INSTANCE,
)


def test_key_rotation() -> None:
    policy = to_json(kms_key_policy(INSTANCE))
    assert violations("kms-key-rotation", "aws:kms/key:Key", {"enableKeyRotation": True}) == []
    assert violations("kms-key-rotation", "aws:kms/key:Key", {"policy": policy})
    assert violations("kms-key-rotation", "aws:kms/key:Key", {"enableKeyRotation": False})
    asymmetric = {"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"}
    assert violations("kms-key-rotation", "aws:kms/key:Key", asymmetric) == []
