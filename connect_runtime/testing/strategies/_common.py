"""Strategies every capability draws from: IDs, client tokens, SNS topic ARNs, attributes."""

from __future__ import annotations

from hypothesis import strategies as st

from connect_runtime._checks import MAX_ATTRIBUTES_BYTES

__all__ = [
    "attribute_maps",
    "client_tokens",
    "contact_ids",
    "ids",
    "instance_ids",
    "sns_topic_arns",
    "utf8_bytes",
]


def ids(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.uuids().map(str), st.text(min_size=1, max_size=max_size))


def instance_ids() -> st.SearchStrategy[str]:
    """Instance IDs: UUIDs mostly, and any text of 1..100 characters."""
    return ids(100)


def contact_ids() -> st.SearchStrategy[str]:
    """Contact IDs: 1..256 characters."""
    return ids(256)


def client_tokens() -> st.SearchStrategy[str | None]:
    """ClientTokens: None (the builder makes one) or 1..500 characters."""
    return st.none() | st.text(min_size=1, max_size=500)


def sns_topic_arns(
    *, partitions: tuple[str, ...] = ("aws", "aws-cn", "aws-us-gov")
) -> st.SearchStrategy[str]:
    """Standard (non-FIFO) SNS topic ARNs."""
    regions = st.from_regex(r"[a-z]{2}(-[a-z]{2,10}){1,2}-[1-9]", fullmatch=True)
    accounts = st.from_regex(r"[0-9]{12}", fullmatch=True)
    names = st.from_regex(r"[A-Za-z0-9_-]{1,256}", fullmatch=True)
    return st.builds(
        "arn:{}:sns:{}:{}:{}".format, st.sampled_from(partitions), regions, accounts, names
    )


def _attribute_keys() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Za-z0-9_-]{1,40}", fullmatch=True)


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def attribute_maps(*, max_size: int = 8) -> st.SearchStrategy[dict[str, str]]:
    """Task attributes: legal keys, any text values, within the 32,768-byte budget."""
    maps = st.dictionaries(_attribute_keys(), st.text(max_size=200), max_size=max_size)
    return maps.filter(
        lambda m: sum(utf8_bytes(k) + utf8_bytes(v) for k, v in m.items()) <= MAX_ATTRIBUTES_BYTES
    )
