"""Entry point the Pulumi engine runs: build the PolicyPack, which serves it over gRPC.

The rules live in the ``connect_streaming_policy`` package beside this file (pure rules in
one module per resource family, listed by ``catalogue.py``; the CrossGuard wrappers in
``pack.py``); this file only builds the pack. The folder is self-contained: `pip install -r
requirements.txt` brings what the rules import (``connect_streaming.flows`` from this
repository's wheel, pulumi-policy, policy_sentry).
"""

from pulumi_policy import PolicyPack

from connect_streaming_policy.pack import pack_arguments

PolicyPack(**pack_arguments())
