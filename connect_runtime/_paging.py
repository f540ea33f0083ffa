"""One page loop for the metrics APIs: follow NextToken, and start a query over when its token
expires (5 minutes, API doc), holding rows to the last page so none repeat or go missing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, TypeVar

from botocore.exceptions import ClientError

__all__ = ["MAX_RESTARTS", "all_pages"]

R = TypeVar("R")
MAX_RESTARTS: Final = 3
"""How often one query starts over after an expired NextToken before the error surfaces."""


def all_pages(
    send: Callable[[str | None], Mapping[str, Any]],
    rows: Callable[[Mapping[str, Any]], Iterable[R]],
    expired: Callable[[BaseException], bool],
) -> list[R]:
    """Every row of one query: ``send(token)`` answers a page, ``rows`` reads its rows.

    A ``ClientError`` that ``expired`` recognises on a later page restarts the query from its
    first page (at most :data:`MAX_RESTARTS` times); any other error surfaces at once.
    """
    for restart in range(MAX_RESTARTS + 1):
        found: list[R] = []
        token: str | None = None
        try:
            while True:
                response = send(token)
                found.extend(rows(response))
                if not response.get("NextToken"):
                    return found
                token = str(response["NextToken"])
        except ClientError as error:
            if token is None or not expired(error) or restart == MAX_RESTARTS:
                raise
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover
