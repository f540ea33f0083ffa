"""``python -m connect_streaming.flows render ...``: see :mod:`connect_streaming.flows.cli`."""

from connect_streaming.flows.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
