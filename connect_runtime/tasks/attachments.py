"""StartTaskContact Attachments: 1..5 files, each a name and a presigned HTTPS S3 URL."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qs, urlsplit

from connect_runtime import _model
from connect_runtime.errors import ConnectRequestError, Problem

__all__ = ["TaskAttachment", "presigned_s3_url_problem"]


_OP: Final = "StartTaskContact"


_S3_HOST: Final = re.compile(
    r"(?:[a-z0-9][a-z0-9.-]*\.)?s3(?:[.-](?:[a-z0-9-]+))*\.amazonaws\.com(?:\.cn)?"
)


_SIGV4_PARAMS: Final = ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Signature")


_SIGV2_PARAMS: Final = ("AWSAccessKeyId", "Expires", "Signature")


def presigned_s3_url_problem(url: str) -> str | None:
    """Why ``url`` is not a presigned HTTPS S3 URL, or None when it is.

    Example:
        >>> presigned_s3_url_problem("https://b.s3.us-east-1.amazonaws.com/k.pdf?X-Amz-Algorithm="
        ...     "AWS4-HMAC-SHA256&X-Amz-Credential=c&X-Amz-Date=d&X-Amz-Signature=s") is None
        True
        >>> presigned_s3_url_problem("https://example.com/k.pdf")
        'must be an S3 URL (host *.s3[.REGION].amazonaws.com)'
    """
    if any(ch.isspace() for ch in url):
        return "must be a URL without spaces"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "must be a URL"
    if parts.scheme != "https":
        return "must be an https:// URL"
    if not host or _S3_HOST.fullmatch(host) is None:
        return "must be an S3 URL (host *.s3[.REGION].amazonaws.com)"
    query = parse_qs(parts.query, keep_blank_values=True)
    signed = all(query.get(name, [""])[0] for name in _SIGV4_PARAMS) or all(
        query.get(name, [""])[0] for name in _SIGV2_PARAMS
    )
    if not signed:
        return "must be presigned (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Signature)"
    return None


@dataclass(frozen=True, slots=True)
class TaskAttachment:
    """A file shown on the task: its name and a presigned HTTPS S3 URL (``{FileName, S3Url}``).

    Example:
        >>> TaskAttachment("a.pdf", "https://b.s3.amazonaws.com/a.pdf?AWSAccessKeyId=k"
        ...     "&Expires=1&Signature=s").to_api()["FileName"]
        'a.pdf'
    """

    file_name: str
    s3_url: str

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        _attachment(0, {"FileName": self.file_name, "S3Url": self.s3_url}, problems)
        if problems:
            raise ConnectRequestError(_OP, problems)

    def to_api(self) -> dict[str, str]:
        """The API's ``{"FileName", "S3Url"}`` form."""
        return {"FileName": self.file_name, "S3Url": self.s3_url}


def _model_string(
    field: str, value: object, path: tuple[str, ...], problems: list[Problem]
) -> bool:
    if not isinstance(value, str):
        problems.append(Problem(field, value, "must be a string"))
        return False
    limits = _model.limits(_OP, *path)
    if limits.excludes(len(value)):
        problems.append(
            Problem(field, value, f"must be {limits.min}..{limits.max} characters", "model")
        )
        return False
    return True


def _attachment(index: int, item: object, problems: list[Problem]) -> dict[str, str] | None:
    path = f"Attachments[{index}]"
    if isinstance(item, TaskAttachment):
        return item.to_api()
    if not isinstance(item, Mapping) or set(item) != {"FileName", "S3Url"}:
        problems.append(Problem(path, item, "must be a TaskAttachment or {'FileName', 'S3Url'}"))
        return None
    name, url = item["FileName"], item["S3Url"]
    found = len(problems)
    file_name = ("Attachments", "member", "FileName")  # pattern ^\P{C}*$: no C category
    if _model_string(f"{path}.FileName", name, file_name, problems) and any(
        unicodedata.category(ch).startswith("C") for ch in name
    ):
        problems.append(Problem(f"{path}.FileName", name, "must not hold control characters"))
    if _model_string(f"{path}.S3Url", url, ("Attachments", "member", "S3Url"), problems):
        reason = presigned_s3_url_problem(url)
        if reason is not None:
            problems.append(Problem(f"{path}.S3Url", url, reason))
    return {"FileName": name, "S3Url": url} if len(problems) == found else None


def attachments(value: object, problems: list[Problem]) -> list[dict[str, str]] | None:
    """Attachments: 1..5 files (model), each a presigned HTTPS S3 URL and a file name."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        problems.append(Problem("Attachments", value, "must be a list of attachments"))
        return None
    items = list(value)
    limits = _model.limits(_OP, "Attachments")
    if limits.excludes(len(items)):
        problems.append(
            Problem(
                "Attachments",
                f"<{len(items)} items>",
                f"must hold {limits.min}..{limits.max}",
                "model",
            )
        )
        return None
    built = [_attachment(index, item, problems) for index, item in enumerate(items)]
    return [item for item in built if item is not None]
