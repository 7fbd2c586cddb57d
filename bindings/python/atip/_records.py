"""Typed records that are built from, and turned into, plain dicts.

Every record class is a dataclass whose fields follow the JSON format of the
library (docs/data-format.md). ``from_dict`` reads such a dict, ``to_dict``
writes one back in the canonical form: empty strings, empty lists, empty
objects and ``None`` are left out, as the library's own export does. Dates
become :class:`datetime.date`.

Keys the class does not know (from a newer library) are kept in
``unknown_fields`` and written back unchanged, so a read-modify-write cycle
never drops data.
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from typing import Any, ClassVar, Dict, Mapping, Tuple, Type, TypeVar

__all__ = ["Record"]

R = TypeVar("R", bound="Record")

# Field metadata key for a JSON name that differs from the attribute name
# ("from" is a Python keyword).
JSON_KEY = "json_key"

_UNKNOWN = "unknown_fields"
_hints_cache: Dict[type, Dict[str, Any]] = {}


def _type_hints(cls: type) -> Dict[str, Any]:
    hints = _hints_cache.get(cls)
    if hints is None:
        # Each class's annotations resolve in its own module.
        hints = typing.get_type_hints(cls)
        _hints_cache[cls] = hints
    return hints


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict, tuple)) and len(value) == 0)


def _is_optional(hint: Any) -> Tuple[bool, Any]:
    """(True, X) for ``X | None`` and ``Optional[X]``, else (False, hint)."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1:
            return True, args[0]
    return False, hint


def _read(hint: Any, value: Any, path: str) -> Any:
    """Converts a JSON value to the Python type `hint`."""
    optional, hint = _is_optional(hint)
    if value is None:
        return None if optional else value
    origin = typing.get_origin(hint)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        return [_read(item_hint, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if origin is dict:
        _, item_hint = typing.get_args(hint)
        return {key: _read(item_hint, item, f"{path}.{key}") for key, item in value.items()}
    if hint is datetime.date and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    return value


def _write(value: Any) -> Any:
    """Converts a Python value of a record field to JSON-compatible values."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_write(item) for item in value]
    if isinstance(value, dict):
        return {key: _write(item) for key, item in value.items()}
    return value


class Record:
    """Base of the typed records."""

    # Set by every record class; a dataclass field of that name holds the
    # keys this version does not know.
    unknown_fields: Dict[str, Any]

    # Dataclass machinery, declared for type checkers.
    __dataclass_fields__: ClassVar[Dict[str, "dataclasses.Field[Any]"]]

    @classmethod
    def from_dict(cls: Type[R], data: Mapping[str, Any] | str) -> R:
        """Builds the record from a dict in the library's JSON format."""
        if isinstance(data, str) and "value" in cls.__dataclass_fields__:
            # A bare string stands for {"value": ...} (names).
            data = {"value": data}
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}.from_dict: expected a dict, got {type(data).__name__}")
        hints = _type_hints(cls)
        arguments: Dict[str, Any] = {}
        known = set()
        for field in dataclasses.fields(cls):
            if field.name == _UNKNOWN:
                continue
            key = field.metadata.get(JSON_KEY, field.name)
            known.add(key)
            if key in data:
                arguments[field.name] = _read(hints[field.name], data[key], f"{cls.__name__}.{key}")
        arguments[_UNKNOWN] = {key: value for key, value in data.items() if key not in known}
        return cls(**arguments)

    def to_dict(self) -> Dict[str, Any]:
        """The record as a dict in the library's canonical JSON format."""
        result: Dict[str, Any] = {}
        for field in dataclasses.fields(self):
            if field.name == _UNKNOWN:
                continue
            value = _write(getattr(self, field.name))
            if not _is_empty(value):
                result[field.metadata.get(JSON_KEY, field.name)] = value
        result.update(self.unknown_fields)
        return result

    def to_row(self) -> Dict[str, Any]:
        """A flat dict for one DataFrame row: nested values stay as objects."""
        return {field.name: getattr(self, field.name)
                for field in dataclasses.fields(self)
                if field.name != _UNKNOWN}


def unknown_fields() -> Any:
    """The dataclass field that keeps unknown keys (see the module docstring)."""
    return dataclasses.field(default_factory=dict, repr=False)


def json_key(name: str, **kwargs: Any) -> Any:
    """A dataclass field stored under another JSON key."""
    return dataclasses.field(metadata={JSON_KEY: name}, **kwargs)
