"""The offline plan: a Pulumi program under mocks, then Python and Node policy packs over gRPC.

``connect-streaming-plan --stack dev`` (cli.py) runs plan.py, which starts packs as packs.py and
analyzer.py say, and prints through render/; mocks.py also unit-tests programs under Pulumi mocks.
"""
