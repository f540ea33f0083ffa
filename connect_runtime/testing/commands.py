"""``serve`` and ``demo``: the local endpoint as a command, and the whole story offline.

The CLI adds them with :func:`register`; ``python -m connect_runtime.testing`` runs them alone.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Final, TextIO

from connect_runtime._harness import HARNESS_COMMANDS
from connect_runtime.client import ConnectRuntime
from connect_runtime.metrics import CurrentMetric, HistoricalMetric, MetricRow
from connect_runtime.metrics.catalogue import CHANNELS
from connect_runtime.ratelimit import DEFAULT_RATE_LIMITS
from connect_runtime.tasks.references import Reference
from connect_runtime.testing.endpoint import ConnectEndpoint
from connect_runtime.testing.faults import Fault, FaultPlan
from connect_runtime.testing.seed import SeedError, example_state, load_seed
from connect_runtime.testing.sns import MotoServer, SqsSubscriber
from connect_runtime.testing.state import InstanceState
from connect_runtime.testing.streaming.consumer import describe, poll_queue

__all__ = ["main", "register"]

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_USAGE: Final = 2
Handler = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` and ``demo`` to a CLI's subcommands (each sets ``handler``)."""
    serve = subparsers.add_parser(
        "serve",
        help=HARNESS_COMMANDS["serve"],
        description="Serve StartContactStreaming, StopContactStreaming, GetCurrentMetricData,"
        " GetMetricData, StartTaskContact and StartChatContact on loopback until Ctrl-C or"
        " SIGTERM. Prints the endpoint URL first; point boto3 (endpoint_url) or"
        " connect-runtime --endpoint-url at it.",
    )
    serve.add_argument("--seed", help="seed file (.json, or .yaml with PyYAML); default: example")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port (default: any free port)")
    serve.add_argument(
        "--no-rate-limit", action="store_true", help="do not throttle at the documented quotas"
    )
    serve.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    serve.add_argument("--fault-rate", type=float, default=0.0, help="share of failed requests")
    serve.add_argument(
        "--fault",
        dest="faults",
        action="append",
        choices=[fault.value for fault in Fault],
        help="fault kind to inject (repeat; default: all kinds)",
    )
    serve.add_argument("--fault-seed", type=int, help="random seed for fault injection")
    serve.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log one line per request on stderr: operation, status, latency",
    )
    serve.add_argument(
        "--sns-endpoint-url", help="publish streamed chats to this SNS endpoint (e.g. moto)"
    )
    serve.add_argument(
        "--moto",
        action="store_true",
        help="also run a moto server for SNS/SQS and publish streamed chats to it",
    )
    serve.set_defaults(handler=serve_command)

    demo = subparsers.add_parser(
        "demo",
        help=HARNESS_COMMANDS["demo"],
        description="Runs the whole story against the local endpoint and a moto server: an SNS"
        " topic with two SQS subscribers filtered by MessageVisibility, chat streaming, a"
        " metrics table, a task with typed references. Needs moto[server].",
    )
    demo.set_defaults(handler=demo_command)


# --- serve ---------------------------------------------------------------------------------


def serve_command(args: argparse.Namespace, *, stop: threading.Event | None = None) -> int:
    """Run the endpoint until SIGINT/SIGTERM (or ``stop`` is set); 2 for a bad seed."""
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"note: binding {args.host}; the endpoint checks no credentials", file=sys.stderr)
    try:
        state = load_seed(args.seed) if args.seed else example_state()
    except (SeedError, OSError) as error:
        print(f"connect-runtime serve: bad seed: {error}", file=sys.stderr)
        return EXIT_USAGE
    if not 0.0 <= args.fault_rate <= 1.0:
        print("connect-runtime serve: --fault-rate must be within 0..1", file=sys.stderr)
        return EXIT_USAGE
    faults = None
    if args.fault_rate or args.faults:
        kinds = [Fault(name) for name in args.faults] if args.faults else list(Fault)
        faults = FaultPlan(rate=args.fault_rate, kinds=kinds, seed=args.fault_seed)
    stop = stop or threading.Event()
    restore = _on_signals(stop)
    moto = None
    try:
        sns_url = args.sns_endpoint_url
        if args.moto:
            moto = _moto()
            if moto is None:
                return EXIT_USAGE
            moto.start()
            sns_url = moto.url
        endpoint = ConnectEndpoint(
            state,
            host=args.host,
            port=args.port,
            rate_limits=None if args.no_rate_limit else DEFAULT_RATE_LIMITS,
            latency=args.latency,
            faults=faults,
            sns_endpoint_url=sns_url,
            request_log=_stderr_line if getattr(args, "verbose", False) else None,
        )
        with endpoint:
            print(endpoint.url, flush=True)
            for instance in state:
                print(f"instance {instance.id}", file=sys.stderr)
            if moto is not None:
                print(f"moto (SNS, SQS): {moto.url}", file=sys.stderr, flush=True)
            while not stop.wait(0.2):
                pass
    except OSError as error:
        print(f"connect-runtime serve: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        pass
    finally:
        restore()
        if moto is not None:
            moto.stop()
    return EXIT_OK


def _stderr_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _on_signals(stop: threading.Event) -> Callable[[], None]:
    if threading.current_thread() is not threading.main_thread():
        return lambda: None  # signal handlers can only be set from the main thread

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def _moto() -> MotoServer | None:
    try:
        return MotoServer()
    except ImportError:
        print(
            "connect-runtime: this needs moto[server]; install it with"
            " pip install 'connect-streaming[testing]'",
            file=sys.stderr,
        )
        return None


# --- demo ----------------------------------------------------------------------------------


def demo_command(args: argparse.Namespace, *, out: TextIO | None = None) -> int:
    """Run the demo; 2 when moto is missing."""
    out = out or sys.stdout
    moto = _moto()
    if moto is None:
        return EXIT_USAGE
    with moto:
        topic = moto.create_topic("chat-stream")
        customer_side = SqsSubscriber.create(
            moto.url, topic, "to-customer", visibility=["CUSTOMER", "ALL"]
        )
        agent_side = SqsSubscriber.create(
            moto.url, topic, "to-agent", visibility=["AGENT", "ALL"], raw=False
        )
        with ConnectEndpoint(example_state(), sns_endpoint_url=moto.url) as endpoint:
            _demo(endpoint, topic, customer_side, agent_side, out)
    return EXIT_OK


def _demo(
    endpoint: ConnectEndpoint,
    topic: str,
    customer_side: SqsSubscriber,
    agent_side: SqsSubscriber,
    out: TextIO,
) -> None:
    say = _printer(out)
    instance = endpoint.instance()
    runtime = endpoint.runtime()
    say(f"Local Amazon Connect endpoint {endpoint.url}, instance {instance.id}")
    say(f"SNS topic {topic} (moto) with two SQS subscribers filtered on MessageVisibility:")
    say("  to-customer: CUSTOMER, ALL (raw)    to-agent: AGENT, ALL (SNS envelope)")
    say("Both are read by connect_runtime.testing.chat_consumer.poll_queue.\n")

    streaming_id = _demo_streaming(runtime, instance, topic, (customer_side, agent_side), say)
    now = _demo_metrics(runtime, instance, out, say)
    _demo_task(runtime, instance, now, say)
    _demo_chat(say, endpoint, topic, customer_side, agent_side)
    runtime.stop_contact_streaming("chat-live", streaming_id)
    instance.post_message("chat-live", "Thanks!", role="CUSTOMER")
    late = len(customer_side.drain()) + len(agent_side.drain())
    say(f"StopContactStreaming {streaming_id}; a later message reached {late} subscribers.")


def _demo_streaming(
    runtime: ConnectRuntime,
    instance: InstanceState,
    topic: str,
    subscribers: tuple[SqsSubscriber, SqsSubscriber],
    say: Callable[[str], None],
) -> str:
    streaming_id = runtime.start_contact_streaming("chat-live", topic)
    say(f"StartContactStreaming chat-live -> StreamingId {streaming_id}")
    instance.post_message("chat-live", "Hi, my order 1234 never arrived.", role="CUSTOMER")
    instance.post_event("chat-live", "application/vnd.amazonaws.connect.event.typing", role="AGENT")
    instance.post_message("chat-live", "Sorry to hear that, let me check.", role="AGENT")
    instance.post_message(
        "chat-live", "Warehouse shows it lost in transit.", role="AGENT", visibility="AGENT"
    )
    instance.post_message(
        "chat-live", "Your refund is on its way.", role="SYSTEM", visibility="CUSTOMER"
    )
    say("Posted 4 messages and 1 typing event to chat-live.\n")
    _print_subscribers(say, *subscribers)

    return streaming_id


def _demo_metrics(
    runtime: ConnectRuntime, instance: InstanceState, out: TextIO, say: Callable[[str], None]
) -> datetime:
    queues = sorted(instance.queues)
    rows = list(
        runtime.current_metrics(
            [
                CurrentMetric("CONTACTS_IN_QUEUE"),
                CurrentMetric("OLDEST_CONTACT_AGE"),
                CurrentMetric("AGENTS_ONLINE"),
                CurrentMetric("AGENTS_AVAILABLE"),
                CurrentMetric("SLOTS_AVAILABLE"),
            ],
            queues=queues,
            channels=list(CHANNELS),
            groupings=["QUEUE"],
        )
    )
    say("GetCurrentMetricData, grouped by queue:")
    _table(out, rows, "queue_id")

    now = datetime.now(UTC)
    end = now.replace(second=0, microsecond=0) - timedelta(minutes=now.minute % 5)
    start = end - timedelta(hours=2)
    history = list(
        runtime.historical_metrics(
            start,
            end,
            [
                HistoricalMetric("CONTACTS_HANDLED"),
                HistoricalMetric("CONTACTS_ABANDONED"),
                HistoricalMetric("HANDLE_TIME"),
                HistoricalMetric.service_level(60),
            ],
            queues=queues,
            groupings=["QUEUE"],
            now=now,
        )
    )
    say(f"GetMetricData {start:%H:%M}-{end:%H:%M} UTC, grouped by queue:")
    _table(out, history, "queue_id")

    return now


def _demo_task(
    runtime: ConnectRuntime, instance: InstanceState, now: datetime, say: Callable[[str], None]
) -> None:
    contact_id = runtime.start_task_contact(
        "task-flow",
        "Refund order 1234",
        description="Lost in transit; refund and apologise.",
        attributes={"orderId": "1234"},
        references={
            "order": Reference.url("https://shop.example.com/orders/1234"),
            "amount": Reference.number(42.5),
            "due": Reference.date(int(now.timestamp()) + 86_400),
            "customer": Reference.email("jane@example.com"),
        },
    )
    task = instance.contacts[contact_id]
    say(f"StartTaskContact -> ContactId {contact_id} ({task.state} in queue {task.queue})")
    say("  references: " + json.dumps(task.references, sort_keys=True))
    waiting = list(
        runtime.current_metrics(
            [CurrentMetric("CONTACTS_IN_QUEUE")], queues=["tasks"], channels=["TASK"]
        )
    )
    say(f"  tasks queue now holds {waiting[0].value:g} task contacts\n")


def _print_subscribers(say: Callable[[str], None], *subscribers: SqsSubscriber) -> None:
    for subscriber in subscribers:
        name = subscriber.queue_url.rsplit("/", 1)[-1]
        lines: list[str] = []
        stats = poll_queue(
            subscriber.sqs,
            subscriber.queue_url,
            lambda item, sink=lines: sink.append(describe(item)),  # type: ignore[misc]
            wait_seconds=0,
        )
        say(f"{name} received {stats.handled}:")
        for line in lines:
            say("  " + line)
    say("")


def _demo_chat(
    say: Callable[[str], None], endpoint: ConnectEndpoint, topic: str, *subscribers: SqsSubscriber
) -> None:
    runtime, instance = endpoint.runtime(), endpoint.instance()
    chat = runtime.start_chat_contact(
        "chat-flow",
        "Jane",
        initial_message="Hi, I have a photo of the box.",
        streaming_endpoint_arn=topic,
    )
    say(f"StartChatContact with ChatStreamingConfiguration -> ContactId {chat.contact_id},")
    say(f"  StreamingId {chat.streaming_id}: streamed from its first item, no second call.")
    instance.post_attachment(chat.contact_id, "box.jpg", "image/jpeg")
    _print_subscribers(say, *subscribers)
    runtime.stop_contact_streaming(chat.contact_id, str(chat.streaming_id))


def _printer(out: TextIO) -> Callable[[str], None]:
    def say(text: str) -> None:
        print(text, file=out)

    return say


def _table(out: TextIO, rows: Iterable[MetricRow], key: str) -> None:
    values: dict[str, dict[str, str]] = {}
    names: list[str] = []
    for row in rows:
        label = getattr(row, key) or "-"
        name = row.metric_name if row.threshold is None else f"{row.metric_name}<{row.threshold:g}s"
        if name not in names:
            names.append(name)
        shown = "-" if row.value is None else f"{row.value:g}"
        values.setdefault(label, {})[name] = shown
    widths = [max(len(key), *(len(label) for label in values))] + [
        max(len(name), *(len(v.get(name, "")) for v in values.values())) for name in names
    ]
    header = [key, *names]
    print("  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), file=out)
    for label, cells in values.items():
        line = [label, *(cells.get(name, "") for name in names)]
        print("  " + "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)), file=out)
    print(file=out)


# --- standalone --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m connect_runtime.testing serve|demo``."""
    parser = argparse.ArgumentParser(prog="python -m connect_runtime.testing")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    register(subparsers)
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    return handler(args)
