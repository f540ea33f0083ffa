"""Deprecated alias of :mod:`connect_runtime.testing.streaming.consumer` (``python -m`` too)."""

import sys

from connect_runtime._moved import moved

moved(__name__, "connect_runtime.testing.streaming.consumer")

from connect_runtime.testing.streaming.consumer import (  # noqa: E402
    PollStats,
    describe,
    lambda_handler,
    main,
    poll_queue,
)

__all__ = ["PollStats", "describe", "lambda_handler", "main", "poll_queue"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
