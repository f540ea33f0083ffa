"""Where a planned resource comes from, for outputs that point at files: the stack config entry
whose name it carries (``Pulumi.<stack>.yaml`` line), else the program line that built it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from connect_streaming_plan.mocks import RecordedResource


@dataclass(frozen=True)
class ConfigEntry:
    """One named entry of a stack config: ``streamingEndpoints[0]`` named ``chat-stream``."""

    key: str
    name: str
    line: int


@dataclass(frozen=True)
class Location:
    """A file and line (1-based) and what is there, e.g. the config key."""

    path: Path
    line: int
    description: str


def _kebab(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", key).lower()


def _name(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "name" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None


def _entries(node: yaml.Node, key: str, prefix: str) -> Iterator[ConfigEntry]:
    """Named list items (``- name: x``) and mapping entries (``taskStarter:``) below ``node``,
    each named with its ancestors' names (``chat-stream-transcripts``)."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = _name(item)
            if name is None:
                continue
            full = f"{prefix}-{name}" if prefix else name
            path = f"{key}[{index}]"
            yield ConfigEntry(path, full, item.start_mark.line + 1)
            yield from _entries(item, path, full)
    elif isinstance(node, yaml.MappingNode):
        for child_key, value in node.value:
            if child_key.value == "name" or not isinstance(
                value, yaml.MappingNode | yaml.SequenceNode
            ):
                continue
            path = f"{key}.{child_key.value}"
            if isinstance(value, yaml.MappingNode) and _name(value) is None:
                full = f"{prefix}-{_kebab(child_key.value)}" if prefix else _kebab(child_key.value)
                yield ConfigEntry(path, full, child_key.start_mark.line + 1)
                yield from _entries(value, path, full)
            else:
                yield from _entries(value, path, prefix)


def config_entries(text: str) -> list[ConfigEntry]:
    """Every named entry under the top-level ``config:`` of a stack file's text."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    found: list[ConfigEntry] = []
    for key, value in root.value:
        if key.value == "config" and isinstance(value, yaml.MappingNode):
            for config_key, config_value in value.value:
                found.extend(_entries(config_value, str(config_key.value), ""))
    return found


def _lineage(resource: RecordedResource, by_urn: Mapping[str, RecordedResource]) -> list[str]:
    names = []
    current: RecordedResource | None = resource
    while current is not None:
        names.append(current.name)
        current = by_urn.get(current.parent or "")
    return names


def config_entry_for(
    resource: RecordedResource,
    by_urn: Mapping[str, RecordedResource],
    entries: list[ConfigEntry],
    stack: str,
) -> ConfigEntry | None:
    """The most specific entry whose ``<stack>-<name>`` begins the name of the resource or of
    its nearest ancestor (the components name children after their config entries)."""
    for name in _lineage(resource, by_urn):
        matches = [
            e
            for e in entries
            if name == f"{stack}-{e.name}" or name.startswith(f"{stack}-{e.name}-")
        ]
        if matches:
            return max(matches, key=lambda e: len(e.name))
    return None


def locate(
    resource: RecordedResource,
    by_urn: Mapping[str, RecordedResource],
    *,
    stack: str,
    config_file: Path | None,
    entries: list[ConfigEntry],
    program: Path,
) -> Location:
    """The config entry's line, else the first program frame (a line of the program's folder),
    else the first registering frame, else the program's first line."""
    entry = config_entry_for(resource, by_urn, entries, stack) if config_file else None
    if entry is not None and config_file is not None:
        return Location(config_file, entry.line, entry.key)
    in_program = [s for s in resource.source if s.path.is_relative_to(program.parent)]
    for frame in (*in_program, *resource.source[:1]):
        return Location(frame.path, frame.line, f"where the program registers {resource.name}")
    return Location(program, 1, "the program")
