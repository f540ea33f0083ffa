"""``python -m connect_streaming_plan``: the offline plan's command line."""

import sys

from connect_streaming_plan.cli import main

sys.exit(main())
