"""``python -m connect_runtime.testing serve|demo``: the endpoint commands without the CLI."""

import sys

from connect_runtime.testing.commands import main

sys.exit(main())
