"""Records ⇄ plain data (dicts, lists, str, int, float, bool, None) that msgpack can carry.

Decimals travel as strings and enums as their values; decoding reads the record's type hints,
so any frozen record of ``orggraph.records`` round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from orggraph import records

Plain = Any  # dict | list | str | int | float | bool | None


def to_plain(value: object) -> Plain:
    """The plain form of a record, enum, Decimal or container of them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def from_plain(kind: Any, value: Plain) -> Any:
    """Rebuild a value of type ``kind`` from its plain form."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_plain(inner[0], value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(from_plain(item, v) for v in value)
    if origin is list:
        item = typing.get_args(kind)[0]
        return [from_plain(item, v) for v in value]
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{k: from_plain(hints[k], v) for k, v in value.items()})
    if kind is Decimal:
        return Decimal(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind, vars(records))
