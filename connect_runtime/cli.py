"""``connect-runtime``: the five Connect calls from the shell.

Exit codes: 0 success, 1 the service (or the network) refused, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import boto3
from botocore.exceptions import BotoCoreError, ClientError, NoRegionError

from connect_runtime import _model
from connect_runtime._arguments import (
    current_metric_arg,
    endpoint_url_arg,
    filter_arg,
    historical_metric_arg,
    key_value,
    metric_v2_arg,
    positive_seconds,
    reference_arg,
    timestamp_arg,
    upper_choice,
    whole_number,
)
from connect_runtime._harness import HARNESS_COMMANDS
from connect_runtime.client import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_DEADLINE,
    DEFAULT_READ_TIMEOUT,
    ConnectRuntime,
)
from connect_runtime.errors import ConnectRequestError, DeadlineExceededError, InvalidArgumentError
from connect_runtime.metrics.catalogue import GROUPINGS
from connect_runtime.metrics.render import FORMATS, render_rows, render_v2_rows
from connect_runtime.ratelimit import DEFAULT_RATE_LIMITS
from connect_runtime.tasks.segment_attributes import contact_expiry, created_by_user

__all__ = ["HARNESS_COMMANDS", "build_parser", "main", "render_rows"]

EXIT_OK, EXIT_SERVICE, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
if TYPE_CHECKING:
    _Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


class UsageError(InvalidArgumentError):
    """Bad command-line input that argparse could not catch itself."""


_UNITS: Final = {"m": 60, "h": 3600, "d": 86400}


def _model_choices(*path: str) -> tuple[str, ...]:
    return tuple(sorted(_model.enum("GetCurrentMetricData", *path)))


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The options every call takes; on subcommands with SUPPRESS so they never override."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument(
        "--instance-id",
        default=default(os.environ.get("CONNECT_INSTANCE_ID")),
        help="Amazon Connect instance ID or instance ARN (default: $CONNECT_INSTANCE_ID)",
    )
    parser.add_argument(
        "--region",
        default=default(None),
        help="AWS Region (default: the instance ARN's, else $AWS_REGION, $AWS_DEFAULT_REGION,"
        " then the SDK's configuration)",
    )
    parser.add_argument("--profile", default=default(None), help="AWS named profile")
    parser.add_argument(
        "--endpoint-url",
        type=endpoint_url_arg,
        default=default(None),
        help="send requests here, e.g. http://127.0.0.1:PORT for a local endpoint",
    )
    parser.add_argument(
        "--max-attempts",
        type=whole_number,
        default=default(5),
        help="attempts per request, retries included (default 5)",
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=default(DEFAULT_DEADLINE),
        metavar="SECONDS",
        help=f"give up on a request after this long, retries and waits included (default"
        f" {DEFAULT_DEADLINE:g}); also caps the connect ({DEFAULT_CONNECT_TIMEOUT:g} s) and"
        f" read ({DEFAULT_READ_TIMEOUT:g} s) timeouts",
    )
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        default=default(False),
        help="do not pace calls to the documented quotas",
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``connect-runtime`` argument parser (subcommands set a ``handler``).

    Global options work before or after the subcommand.
    """
    parser = argparse.ArgumentParser(
        prog="connect-runtime",
        description="Call Amazon Connect chat streaming, metrics and task APIs.",
        epilog="Exit codes: 0 ok, 1 service or network error, 2 bad input.",
    )
    _global_options(parser, suppress=False)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    groups = parser.add_subparsers(dest="group", metavar="COMMAND", required=True)
    _add_streaming(groups, common)
    _add_metrics(groups, common)
    _add_task(groups, common)
    _chat_parser(groups, common)
    _add_harness(groups)
    return parser


def _add_harness(groups: _Subparsers) -> None:
    # The harness (endpoint, seeds, moto) is imported only when one of its commands runs, so
    # that every other command starts without it; its own parser reads the arguments.
    for name, summary in HARNESS_COMMANDS.items():
        groups.add_parser(name, help=summary, add_help=False)


def _harness_args(group: str, extra: Sequence[str]) -> argparse.Namespace:
    from connect_runtime.testing import commands

    parser = argparse.ArgumentParser(prog="connect-runtime")
    commands.register(parser.add_subparsers(dest="group", metavar="COMMAND", required=True))
    return parser.parse_args([group, *extra])


def _add_streaming(groups: _Subparsers, common: argparse.ArgumentParser) -> None:
    streaming = groups.add_parser("streaming", help="start or stop chat message streaming")
    streaming_cmds = streaming.add_subparsers(dest="command", metavar="ACTION", required=True)
    start = streaming_cmds.add_parser(
        "start", parents=[common], help="stream a chat contact to an SNS topic; prints StreamingId"
    )
    start.add_argument("--contact-id", required=True)
    start.add_argument(
        "--topic-arn", required=True, help="standard SNS topic ARN (StreamingEndpointArn)"
    )
    start.add_argument("--client-token", help="idempotency token (default: a new UUID4)")
    start.set_defaults(handler=_streaming_start)
    stop = streaming_cmds.add_parser("stop", parents=[common], help="stop streaming")
    stop.add_argument("--contact-id", required=True)
    stop.add_argument("--streaming-id", required=True)
    stop.set_defaults(handler=_streaming_stop)


def _add_metric_option(
    command: argparse.ArgumentParser, parse: Callable[[str], Any], metavar: str, example: str
) -> None:
    """A metrics command's required ``--metric`` option (repeat it for more metrics)."""
    command.add_argument(
        "--metric",
        dest="metrics",
        action="append",
        required=True,
        type=parse,
        metavar=metavar,
        help=example,
    )


def _add_metrics(groups: _Subparsers, common: argparse.ArgumentParser) -> None:
    metrics = groups.add_parser("metrics", help="real-time or historical metrics")
    metric_cmds = metrics.add_subparsers(dest="command", metavar="ACTION", required=True)
    current = metric_cmds.add_parser("current", parents=[common], help="GetCurrentMetricData")
    _add_metric_option(
        current, current_metric_arg, "NAME", "e.g. CONTACTS_IN_QUEUE (any case; repeat for more)"
    )
    current.set_defaults(handler=_metrics_current)
    historical = metric_cmds.add_parser(
        "historical", parents=[common], help="GetMetricData (last 24 hours)"
    )
    when = (
        "on a 5-minute boundary: ISO 8601 (a time without an offset is taken as UTC), or"
        " now, now-90m, now-2h, now-1d (floored to a 5-minute boundary)"
    )
    historical.add_argument("--start", required=True, type=timestamp_arg, help=when)
    historical.add_argument("--end", required=True, type=timestamp_arg, help=when)
    _add_metric_option(
        historical,
        historical_metric_arg,
        "NAME[:SECONDS]",
        "e.g. CONTACTS_HANDLED, or SERVICE_LEVEL:60 (SERVICE_LEVEL needs its threshold)",
    )
    _now_option(historical)
    historical.set_defaults(handler=_metrics_historical)
    _register_metrics_v2(metric_cmds, common)
    channels = _model_choices("Filters", "Channels", "member")
    groupings = tuple(sorted(set(_model_choices("Groupings", "member")) | set(GROUPINGS)))
    for command in (current, historical):
        command.add_argument("--queue", dest="queues", action="append", metavar="ID")
        command.add_argument(
            "--routing-profile", dest="routing_profiles", action="append", metavar="ID"
        )
        for flag, choices in (("channel", channels), ("grouping", groupings)):
            command.add_argument(
                f"--{flag}",
                dest=f"{flag}s",
                action="append",
                type=upper_choice(choices),
                metavar=flag.upper(),
                help=f"one of {', '.join(choices)} (any case; repeat for more)",
            )
        command.add_argument("--max-results", type=whole_number, help="page size (1..100)")
        command.add_argument("--format", choices=("table", "csv", "json"), default="table")


def _add_task(groups: _Subparsers, common: argparse.ArgumentParser) -> None:
    task = groups.add_parser("task", help="start a task")
    task_cmds = task.add_subparsers(dest="command", metavar="ACTION", required=True)
    task_start = task_cmds.add_parser(
        "start", parents=[common], help="StartTaskContact; prints the new ContactId"
    )
    _task_flow_options(task_start)
    task_start.add_argument("--name", required=True)
    task_start.add_argument("--description")
    task_start.add_argument(
        "--attribute", dest="attributes", action="append", type=key_value, metavar="KEY=VALUE"
    )
    task_start.add_argument(
        "--reference",
        dest="references",
        action="append",
        type=reference_arg,
        metavar="NAME=TYPE:VALUE",
        help="TYPE is URL, NUMBER, STRING, DATE or EMAIL (files: --attach)",
    )
    task_start.add_argument("--previous-contact-id", help="link into a chain (at most 12 tasks)")
    task_start.add_argument("--client-token", help="idempotency token (default: a new UUID4)")
    _now_option(task_start)
    task_start.set_defaults(handler=_task_start)


def _progress(line: str) -> None:
    print(f"connect-runtime: {line}", file=sys.stderr, flush=True)


def _region(args: argparse.Namespace, session: boto3.session.Session) -> str | None:
    """As the SDK reads it, plus $AWS_REGION; an instance ARN's Region beats the environment."""
    if args.region:
        return str(args.region)
    if str(args.instance_id).startswith("arn:"):
        return None  # ConnectRuntime takes it from the ARN
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        if os.environ.get(name):
            return os.environ[name]
    return session.region_name


def _chat_parser(groups: _Subparsers, common: argparse.ArgumentParser) -> None:
    """``chat start``: StartChatContact, optionally streaming from the first message."""
    chat = groups.add_parser("chat", help="start a chat")
    chat_cmds = chat.add_subparsers(dest="command", metavar="ACTION", required=True)
    start = chat_cmds.add_parser(
        "start",
        parents=[common],
        help="StartChatContact; prints ContactId, ParticipantId, StreamingId as JSON",
    )
    start.add_argument("--flow", "--contact-flow-id", dest="contact_flow_id", required=True)
    start.add_argument("--display-name", required=True, help="the customer's display name")
    start.add_argument("--message", help="InitialMessage (text/plain)")
    start.add_argument(
        "--stream-to", metavar="TOPIC_ARN", help="stream from the first message to this SNS topic"
    )
    start.add_argument(
        "--attribute", dest="attributes", action="append", type=key_value, metavar="KEY=VALUE"
    )
    start.add_argument("--client-token", help="idempotency token (default: a new UUID4)")
    start.set_defaults(handler=_chat_start)


def _chat_start(args: argparse.Namespace) -> int:
    started = _runtime(args).start_chat_contact(
        args.contact_flow_id,
        args.display_name,
        initial_message=args.message,
        streaming_endpoint_arn=args.stream_to,
        attributes=dict(args.attributes) if args.attributes else None,
        client_token=args.client_token,
    )
    answer = {
        "ContactId": started.contact_id,
        "ParticipantId": started.participant_id,
        "StreamingId": started.streaming_id,
    }
    print(json.dumps(answer))
    return EXIT_OK


def _now_option(parser: argparse.ArgumentParser) -> None:
    """``--now``: the instant the time rules are checked against (default: the real clock)."""
    parser.add_argument(
        "--now",
        type=timestamp_arg,
        help="check the time rules against this time instead of the real clock (replays, tests"
        " against an endpoint whose clock is pinned); now-2h and the like still read the real"
        " clock",
    )


def _task_flow_options(task_start: argparse.ArgumentParser) -> None:
    """``task start`` options beyond the 2021 reference: the flow choice, schedule, links, files."""
    flow = task_start.add_mutually_exclusive_group()
    flow.add_argument(
        "--flow", "--contact-flow-id", dest="contact_flow_id", metavar="FLOW_ID", help="flow to run"
    )
    flow.add_argument("--template", dest="task_template_id", metavar="ID", help="task template")
    flow.add_argument(
        "--quick-connect", dest="quick_connect_id", metavar="ID", help="quick connect"
    )
    task_start.add_argument(
        "--at", type=timestamp_arg, help="ScheduledTime: ISO time with an offset, within 6 days"
    )
    task_start.add_argument(
        "--related-to",
        dest="related_contact_id",
        metavar="CONTACT_ID",
        help="RelatedContactId: copy that task's attributes (no chain limit)",
    )
    task_start.add_argument(
        "--attach",
        action="append",
        type=key_value,
        metavar="NAME=URL",
        help="attach a file by presigned HTTPS S3 URL (1..5)",
    )
    task_start.add_argument(
        "--expires-in", type=int, metavar="MINUTES", help="connect:ContactExpiry segment attribute"
    )
    task_start.add_argument(
        "--created-by", metavar="AGENT_ARN", help="connect:CreatedByUser segment attribute"
    )


def _runtime(args: argparse.Namespace) -> ConnectRuntime:
    if not args.instance_id:
        raise UsageError("--instance-id is required (or set CONNECT_INSTANCE_ID)")
    try:
        session = boto3.session.Session(profile_name=args.profile)
        timeout = float(args.timeout)
        return ConnectRuntime(
            args.instance_id,
            session=session,
            region_name=_region(args, session),
            endpoint_url=args.endpoint_url,
            max_attempts=args.max_attempts,
            rate_limits=None if args.no_rate_limit else DEFAULT_RATE_LIMITS,
            connect_timeout=min(DEFAULT_CONNECT_TIMEOUT, timeout),
            read_timeout=min(DEFAULT_READ_TIMEOUT, timeout),
            deadline=timeout,
            progress=_progress,
        )
    except NoRegionError:
        raise UsageError("no AWS Region: pass --region or set AWS_REGION") from None
    except BotoCoreError as error:  # e.g. an unknown --profile
        raise UsageError(str(error)) from None


def _streaming_start(args: argparse.Namespace) -> int:
    print(
        _runtime(args).start_contact_streaming(args.contact_id, args.topic_arn, args.client_token)
    )
    return EXIT_OK


def _streaming_stop(args: argparse.Namespace) -> int:
    _runtime(args).stop_contact_streaming(args.contact_id, args.streaming_id)
    return EXIT_OK


def _metric_filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "queues": args.queues,
        "routing_profiles": args.routing_profiles,
        "channels": args.channels,
        "groupings": args.groupings,
        "max_results": args.max_results,
    }


def _metrics_current(args: argparse.Namespace) -> int:
    rows = list(_runtime(args).current_metrics(args.metrics, **_metric_filters(args)))
    render_rows(rows, args.format, sys.stdout)
    return EXIT_OK


def _metrics_historical(args: argparse.Namespace) -> int:
    runtime = _runtime(args)
    rows = list(
        runtime.historical_metrics(
            args.start, args.end, args.metrics, now=args.now, **_metric_filters(args)
        )
    )
    render_rows(rows, args.format, sys.stdout)
    return EXIT_OK


def _register_metrics_v2(metric_cmds: Any, common: argparse.ArgumentParser) -> None:
    v2 = metric_cmds.add_parser(
        "v2", parents=[common], help="GetMetricDataV2 (last 3 months, by interval)"
    )
    v2.add_argument(
        "--instance-arn",
        default=os.environ.get("CONNECT_INSTANCE_ARN"),
        help="the instance ARN, the request's ResourceArn (default: $CONNECT_INSTANCE_ARN)",
    )
    v2.add_argument("--start", required=True, type=timestamp_arg, help="ISO time with an offset")
    v2.add_argument("--end", required=True, type=timestamp_arg, help="ISO time, not after now")
    v2.add_argument("--interval", help="FIFTEEN_MIN, THIRTY_MIN, HOUR, DAY, WEEK or TOTAL")
    v2.add_argument("--time-zone", help="IANA time zone for the intervals, e.g. Europe/London")
    v2.add_argument(
        "--filter", dest="filters", action="append", required=True, type=filter_arg,
        metavar="KEY=VALUE[,VALUE]", help="e.g. QUEUE=q-1,q-2 or CHANNEL=VOICE (repeat)",
    )  # fmt: skip
    v2.add_argument("--grouping", dest="groupings", action="append", metavar="KEY")
    _add_metric_option(
        v2,
        metric_v2_arg,
        "NAME[:[COMPARISON:]SECONDS]",
        "e.g. CONTACTS_HANDLED or SERVICE_LEVEL:LT:60",
    )
    v2.add_argument("--max-results", type=int, help="page size (1..100)")
    _now_option(v2)
    v2.add_argument("--format", choices=FORMATS, default="table")
    v2.set_defaults(handler=_metrics_v2)


def _metrics_v2(args: argparse.Namespace) -> int:
    if not args.instance_arn:
        raise UsageError("--instance-arn is required (or set CONNECT_INSTANCE_ARN)")
    if not args.instance_id:
        args.instance_id = str(args.instance_arn).rsplit("/", 1)[-1]
    filters: dict[str, list[str]] = {}
    for key, values in args.filters:
        filters.setdefault(key, []).extend(values)
    rows = list(
        _runtime(args).get_metric_data_v2(
            args.instance_arn,
            args.start,
            args.end,
            args.metrics,
            filters=filters,
            groupings=args.groupings,
            interval_period=args.interval,
            time_zone=args.time_zone,
            max_results=args.max_results,
            now=args.now,
        )
    )
    render_v2_rows(rows, args.format, sys.stdout)
    return EXIT_OK


def _task_start(args: argparse.Namespace) -> int:
    segments: dict[str, Any] = {}
    if args.expires_in is not None:
        segments.update(contact_expiry(args.expires_in))
    if args.created_by is not None:
        segments.update(created_by_user(args.created_by))
    contact_id = _runtime(args).start_task_contact(
        args.contact_flow_id,
        args.name,
        quick_connect_id=args.quick_connect_id,
        task_template_id=args.task_template_id,
        description=args.description,
        attributes=dict(args.attributes) if args.attributes else None,
        references=dict(args.references) if args.references else None,
        previous_contact_id=args.previous_contact_id,
        related_contact_id=args.related_contact_id,
        scheduled_time=args.at,
        segment_attributes=segments or None,
        attachments=[{"FileName": n, "S3Url": u} for n, u in args.attach] if args.attach else None,
        client_token=args.client_token,
        now=args.now,
    )
    print(contact_id)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 1 service or network error, 2 usage)."""
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if args.group in HARNESS_COMMANDS:
            args = _harness_args(args.group, extra)
        elif extra:  # what parse_args says: only the harness commands parse further
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exit_:  # argparse has printed the usage error (or --help)
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    handler: Handler = args.handler
    try:
        return handler(args)
    except (ConnectRequestError, UsageError, InvalidArgumentError) as error:
        print(f"connect-runtime: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DeadlineExceededError as error:
        print(f"connect-runtime: {error}", file=sys.stderr)
        return EXIT_SERVICE
    except ClientError as error:
        print(f"connect-runtime: the service refused: {error}", file=sys.stderr)
        return EXIT_SERVICE
    except BotoCoreError as error:
        print(f"connect-runtime: request failed: {error}", file=sys.stderr)
        return EXIT_SERVICE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
