"""Component inputs that may be Outputs: each rule runs now on a plain value, or inside
``apply`` once an Output's value is known; either way the error names component, field, rule.
"""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import pulumi

from connect_streaming.arns import ConnectInstance
from connect_streaming.errors import ComponentInputError, RuleError
from connect_streaming.fields import FIELD_RULES, did_you_mean

T = TypeVar("T")


def is_plain(value: object) -> bool:
    """True when ``value`` holds no Output or awaitable at any depth (its value is known now)."""
    if isinstance(value, pulumi.Output | Awaitable):
        return False
    if isinstance(value, Mapping):
        return all(is_plain(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(is_plain(v) for v in value)
    return True


class InputChecks:
    """The checks of one component instance (``component`` is its class name)."""

    def __init__(self, component: str, name: str) -> None:
        self.component = component
        self.name = name

    def error(self, field: str, rule: str, value: object = None) -> ComponentInputError:
        """The error naming this component, ``field`` and ``rule``."""
        return ComponentInputError(self.component, self.name, field, rule, value)

    def known_keys(self, args: Mapping[str, Any], args_type: type, path: str = "args") -> None:
        """Refuse keys the args TypedDict does not declare, at every level of nesting."""
        hints = args_hints(args_type)
        for key, value in args.items():
            if key not in hints:
                valid = ", ".join(sorted(hints))
                rule = f"one of the keys {valid}{did_you_mean(key, hints)}"
                raise self.error(f"{path}.{key}", rule, key)
            self._nested(f"{path}.{key}", value, hints[key])

    def _nested(self, path: str, value: Any, hint: Any) -> None:
        origin, params = typing.get_origin(hint), typing.get_args(hint)
        if typing.is_typeddict(hint) and isinstance(value, Mapping):
            self.known_keys(value, hint, path)
        elif origin is list and params and isinstance(value, list):
            for index, item in enumerate(value):
                self._nested(f"{path}[{index}]", item, params[0])
        elif origin is dict and len(params) == 2 and isinstance(value, Mapping):
            for key, item in value.items():
                self._nested(f"{path}.{key}", item, params[1])

    def now(self, field: str, value: Any, make: Callable[[Any], T]) -> T:
        """``make(value)`` for a plain value; a RuleError it raises names component and field."""
        try:
            return make(value)
        except RuleError as error:
            where = f"{field}.{error.field}" if error.field else field
            raise self.error(where, error.rule, error.value) from None

    def derive(self, field: str, value: Any, make: Callable[[Any], T]) -> pulumi.Output[T]:
        """``make(value)`` as an Output; a RuleError it raises names this component and field
        (now, when ``value`` is plain; else when the engine resolves it)."""
        if is_plain(value):
            self.now(field, value, make)  # refuse a bad plain value before registering
        return pulumi.Output.from_input(value).apply(lambda v: self.now(field, v, make))

    def rule(self, field: str, value: pulumi.Input[T], rule: str | None = None) -> pulumi.Output[T]:
        """``value`` checked against ``FIELD_RULES[rule or field]``."""
        spec = FIELD_RULES[rule or field.rsplit(".", 1)[-1].split("[")[0]]

        def test(resolved: T) -> T:
            if not spec.test(resolved):
                raise RuleError(spec.what, resolved)
            return resolved

        return self.derive(field, value, test)

    def instance(
        self, arn: pulumi.Input[str], opts: pulumi.ResourceOptions | None
    ) -> pulumi.Output[ConnectInstance]:
        """The instance ``arn`` names, refused when its Region is not the AWS provider's."""
        region = provider_region(opts)

        def parse(values: list[Any]) -> ConnectInstance:
            instance = ConnectInstance.from_arn(values[0])
            if values[1] and values[1] != instance.region:
                raise RuleError(
                    f"an instance in the AWS provider's Region {values[1]} (the resources go"
                    f" there), not in {instance.region}: set aws:region to {instance.region}"
                    f" or use an instance in {values[1]}",
                    values[0],
                )
            return instance

        return self.derive("instance_arn", [arn, region], parse)


def args_hints(args_type: type) -> dict[str, Any]:
    """The field types of an args TypedDict (``pulumi.Input`` names ``Output`` lazily)."""
    return typing.get_type_hints(args_type, localns={"Output": pulumi.Output, "T": Any})


def aws_provider(opts: pulumi.ResourceOptions | None) -> pulumi.ProviderResource | None:
    """The explicit AWS provider in ``opts`` (``provider`` or ``providers``), if any."""
    if opts is None:
        return None
    candidates: list[Any] = [opts.provider]
    providers = opts.providers
    candidates += list(providers.values() if isinstance(providers, Mapping) else providers or [])
    for provider in candidates:
        if isinstance(provider, pulumi.ProviderResource) and provider.package == "aws":
            return provider
    return None


def provider_region(opts: pulumi.ResourceOptions | None) -> pulumi.Input[str | None]:
    """The Region the resources go to: the explicit AWS provider's, else ``aws:region``."""
    provider = aws_provider(opts)
    if provider is not None:
        region: pulumi.Input[str | None] = getattr(provider, "region", None)
        return region
    return pulumi.Config("aws").get("region")


def child_options(
    parent: pulumi.Resource, opts: pulumi.ResourceOptions | None
) -> pulumi.ResourceOptions:
    """Options for a child: parented, and given the explicit AWS provider so nested
    components see the Region their resources go to."""
    provider = aws_provider(opts)
    return pulumi.ResourceOptions(parent=parent, providers=[provider] if provider else None)


def output_dict(values: Mapping[str, pulumi.Output[str]]) -> pulumi.Output[dict[str, str]]:
    """One Output of a name -> value map, from a map of Outputs (keys in their order)."""
    keys = list(values)
    return pulumi.Output.all(*values.values()).apply(
        lambda resolved: dict(zip(keys, resolved, strict=True))
    )
