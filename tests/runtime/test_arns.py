"""The ARN grammars every capability checks against: built ARNs match and split back, and a
broken part (Region, account, ID, service) is refused."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from connect_runtime.arns import AGENT_ARN, ANY_ARN, INSTANCE_ARN, SNS_TOPIC_ARN, split_instance

REGIONS = st.sampled_from(["us-east-1", "eu-west-2", "ap-southeast-2", "us-gov-west-1"])
PARTITIONS = st.sampled_from(["aws", "aws-cn", "aws-us-gov"])
ACCOUNTS = st.from_regex(r"[0-9]{12}", fullmatch=True)
IDS = st.from_regex(r"[A-Za-z0-9-]{1,100}", fullmatch=True)


@given(PARTITIONS, REGIONS, ACCOUNTS, IDS)
def test_an_instance_arn_splits_into_its_id_account_and_region(
    partition: str, region: str, account: str, instance: str
) -> None:
    arn = f"arn:{partition}:connect:{region}:{account}:instance/{instance}"
    assert INSTANCE_ARN.fullmatch(arn)
    assert split_instance(arn) == (instance, account, region)
    assert AGENT_ARN.fullmatch(f"{arn}/agent/{instance}")
    assert ANY_ARN.fullmatch(arn)


@given(REGIONS, ACCOUNTS, IDS)
def test_a_broken_part_is_not_an_instance_arn(region: str, account: str, instance: str) -> None:
    broken = [
        f"arn:aws:connect:{region.upper()}:{account}:instance/{instance}",
        f"arn:aws:connect:{region}:{account[:-1]}:instance/{instance}",
        f"arn:aws:connect:{region}:{account}:instance/{instance}/x",
        f"arn:aws:sns:{region}:{account}:instance/{instance}",
    ]
    for arn in broken:
        assert INSTANCE_ARN.fullmatch(arn) is None, arn
        assert split_instance(arn) == (arn, None, None)


@given(REGIONS, ACCOUNTS, st.from_regex(r"[A-Za-z0-9_-]{1,251}", fullmatch=True))
def test_an_sns_topic_arn_names_its_topic(region: str, account: str, name: str) -> None:
    found = SNS_TOPIC_ARN.fullmatch(f"arn:aws:sns:{region}:{account}:{name}")
    assert found is not None
    assert found["name"] == name
    assert SNS_TOPIC_ARN.fullmatch(f"arn:aws:sqs:{region}:{account}:{name}") is None
