"""The one page loop: every page's rows once, a restart from the first page when a later
page's token expired (at most MAX_RESTARTS times), any other error at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from botocore.exceptions import ClientError

from connect_runtime._paging import MAX_RESTARTS, all_pages
from connect_runtime.retries import is_expired_next_token

EXPIRED = ClientError(
    {"Error": {"Code": "InvalidParameterException", "Message": "the token has expired"}},
    "GetCurrentMetricData",
)
THROTTLED = ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow"}}, "X")


def _pages(count: int, fail: list[BaseException]) -> Any:
    """A service of ``count`` pages whose later pages raise the errors in ``fail``, in turn."""
    sent: list[str | None] = []

    def send(token: str | None) -> Mapping[str, Any]:
        sent.append(token)
        index = 0 if token is None else int(token)
        if index and fail:
            raise fail.pop(0)
        answer: dict[str, Any] = {"Rows": [f"row-{index}"]}
        if index + 1 < count:
            answer["NextToken"] = str(index + 1)
        return answer

    return send, sent


def _rows(response: Mapping[str, Any]) -> list[str]:
    return list(response["Rows"])


def test_every_page_is_read_once_in_order() -> None:
    send, sent = _pages(3, [])
    assert all_pages(send, _rows, is_expired_next_token) == ["row-0", "row-1", "row-2"]
    assert sent == [None, "1", "2"]


def test_an_expired_token_restarts_the_query_and_no_row_repeats() -> None:
    send, sent = _pages(3, [EXPIRED, EXPIRED])
    assert all_pages(send, _rows, is_expired_next_token) == ["row-0", "row-1", "row-2"]
    assert sent == [None, "1", None, "1", None, "1", "2"]


def test_restarts_stop_after_the_limit() -> None:
    send, sent = _pages(2, [EXPIRED] * (MAX_RESTARTS + 1))
    with pytest.raises(ClientError):
        all_pages(send, _rows, is_expired_next_token)
    assert sent.count(None) == MAX_RESTARTS + 1


def test_any_other_error_surfaces_at_once() -> None:
    send, sent = _pages(3, [THROTTLED])
    with pytest.raises(ClientError) as caught:
        all_pages(send, _rows, is_expired_next_token)
    assert caught.value is THROTTLED
    assert sent == [None, "1"]
