"""Attribute values as the writers need them: their kinds, their text, XML-safe."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import networkx as nx

Kind = Literal["boolean", "integer", "float", "string"]

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def kind_of(value: Any) -> Kind:
    """The kind of a scalar attribute value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    return "string"


def attribute_kinds(
    records: Iterable[Mapping[str, Any]], skip: Iterable[str] = ()
) -> dict[str, Kind]:
    """Every attribute name of the records with one kind that fits all its values (integers
    and floats together are floats; any other mix is text), in order of first appearance."""
    kinds: dict[str, Kind] = {}
    left_out = set(skip)
    for record in records:
        for name, value in record.items():
            if name in left_out:
                continue
            kind = kind_of(value)
            seen = kinds.get(name)
            if seen is None:
                kinds[name] = kind
            elif seen != kind:
                numbers = {seen, kind} <= {"integer", "float"}
                kinds[name] = "float" if numbers else "string"
    return kinds


def text(value: Any) -> str:
    """A value as text: booleans as ``true`` / ``false``, the rest as ``str`` gives them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def xml_text(value: str) -> str:
    """Text escaped for XML character data (characters XML 1.0 forbids become U+FFFD).

    >>> xml_text("a<b & c")
    'a&lt;b &amp; c'
    """
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _XML_FORBIDDEN.search(value):
        value = _XML_FORBIDDEN.sub("\ufffd", value)
    return value


def xml_attr(value: str) -> str:
    """Text escaped for a double-quoted XML attribute (line breaks and tabs kept as references).

    >>> xml_attr('say "hi"\\n')
    'say &quot;hi&quot;&#10;'
    """
    return (
        xml_text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def is_date(value: Any) -> bool:
    """Whether a value is a full xsd:date (YYYY-MM-DD)."""
    return isinstance(value, str) and _DATE.match(value) is not None


def edges(graph: nx.MultiDiGraph) -> Iterable[tuple[str, str, Any, dict[str, Any]]]:
    """The edges of a multigraph with their keys and data."""
    return graph.edges(keys=True, data=True)  # type: ignore[no-any-return]
