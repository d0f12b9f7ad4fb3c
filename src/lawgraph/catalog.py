"""Canned queries: ``queries/*.rq`` files become typed :class:`CannedQuery` objects.

A query file is plain SPARQL, runnable as is in any editor, whose first lines are ``#+`` comments
holding YAML front matter (the format is described for people in ``docs/queries.md``)::

    #+ name: official-posts
    #+ summary: {zh: 官员的职务, en: An official's posts}
    #+ params:
    #+   official: {type: iri, class: lg:Official, summary: {zh: 官员, en: the official}}
    PREFIX lg: <https://w3id.org/lawgraph/ns#>
    SELECT DISTINCT ?official ?title WHERE { ?t lg:tenureOf ?official ; lg:title ?title }
    ORDER BY ?title

Each parameter is the query variable of the same name, and the SELECT projects it. Values are
bound as RDF terms and never spliced into the text: by default as a ``VALUES`` block (terms
serialised by :func:`sparql_term`) that opens the outermost ``WHERE`` group — for any store, and
the only way for text-only backends — or, on the embedded store, through pyoxigraph's
``substitutions``. A parameter given no value (and with no default) stays unbound, so the query
matches every value. Every query file is checked at load time both ways.

What the HTTP routes and the CLI call:

- :func:`load_catalog` reads the folder; a malformed file raises :class:`QueryFileError` naming the
  file, line and field, so a bad file stops start-up.
- :meth:`Catalog.get` finds a query (:class:`UnknownQuery` otherwise); :meth:`CannedQuery.describe`
  and :meth:`CannedQuery.openapi_parameters` describe it.
- :func:`run` (a store) and :func:`arun` (an async text-only ``select``) validate raw string
  parameters (:class:`BadParameter` names the parameter), run one page and return a
  :class:`Page`: columns, rows, an honest total and the next offset. :func:`plan` gives the
  SPARQL texts for callers that run them their own way.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import re
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, Protocol

import pyoxigraph as ox
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lawgraph.errors import InputError, Problem
from lawgraph.sparql import PageAnswer, PageJob, page_total
from lawgraph.vocab import PREFIXES

DEFAULT_LIMIT = 100
"""Rows in a page when the caller names no ``limit``."""
MAX_LIMIT = 10_000
"""The largest ``limit`` accepted unless the caller passes another ``max_limit``."""
RESERVED = frozenset({"limit", "offset", "format", "store", "queries", "help"})
"""Names a parameter may not take: the routes and the CLI use them."""
MAX_TEXT = 1000
"""The longest string or IRI value accepted, in characters."""

ParamType = Literal["iri", "string", "date", "year", "integer"]
Term = ox.NamedNode | ox.Literal
ResultTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
JsonValue = str | int | float | bool | None

_XSD = "http://www.w3.org/2001/XMLSchema#"
_TOTAL = "lawgraph_total"


# --- errors --------------------------------------------------------------------------------------


class QueryFileError(InputError):
    """One or more query files are malformed; ``problems`` says where and what."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class BadParameter(InputError):
    """A parameter value (or name) that cannot be used; the message starts with the name.

    :param param: the parameter's name, as the caller wrote it.
    :param problem: what is wrong with it.
    """

    def __init__(self, param: str, problem: str) -> None:
        self.param = param
        self.problem = problem
        super().__init__(f"{param}: {problem}")


class UnknownQuery(InputError):
    """No canned query has this name (HTTP: 404)."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(f"no canned query named {name!r}; known: {', '.join(known) or 'none'}")


# --- serialising terms -----------------------------------------------------------------------------

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_HEX = frozenset("0123456789abcdefABCDEF")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def check_iri(value: str) -> str | None:
    """What is wrong with ``value`` as an absolute IRI, or None if nothing is.

    >>> check_iri("https://w3id.org/lawgraph/id/law/xianfa") is None
    True
    >>> check_iri("http://e/a>b")
    "may not contain '>'"
    """
    if not _IRI_SCHEME.match(value):
        return "is not an absolute IRI (it needs a scheme, such as https:)"
    bad = _IRI_FORBIDDEN.search(value)
    if bad:
        char = bad.group()
        shown = repr(char) if char.isprintable() and char != " " else f"U+{ord(char):04X}"
        return f"may not contain {shown}"
    return None


def _escape_string(text: str) -> str:
    """A double-quoted SPARQL string for ``text``.

    Some parsers (rdflib's) expand ``\\u`` escapes before lexing and read up to eight hex
    digits after one, so the writing avoids both traps: a backslash is never followed by a raw
    ``u``/``U`` (that letter is written ``\\u0075``/``\\u0055``), and a ``\\uXXXX`` escape is
    never followed by a raw hex digit (it is escaped too).
    """
    out: list[str] = []
    previous = ""  # "\\" after a backslash, "u" after a \\uXXXX escape
    for char in text:
        if char in _ECHAR:
            out.append(_ECHAR[char])
            previous = "\\" if char == "\\" else ""
            continue
        if (
            (previous == "\\" and char in "uU")
            or (previous == "u" and char in _HEX)
            or ord(char) < 0x20
            or char in "\x7f\u2028\u2029"
        ):
            out.append(f"\\u{ord(char):04X}")
            previous = "u"
            continue
        out.append(char)
        previous = ""
    return '"' + "".join(out) + '"'


def sparql_term(term: Term) -> str:
    """A term written as SPARQL: an IRI in ``<>``, a literal quoted and escaped.

    Raises ``ValueError`` for an IRI or language tag that cannot be written safely.

    >>> sparql_term(ox.NamedNode("https://w3id.org/lawgraph/ns#Law"))
    '<https://w3id.org/lawgraph/ns#Law>'
    >>> print(sparql_term(ox.Literal('say "hi"\\n} ; DROP ALL')))
    "say \\"hi\\"\\n} ; DROP ALL"
    >>> sparql_term(ox.Literal("宪法", language="zh"))
    '"宪法"@zh'
    """
    if isinstance(term, ox.NamedNode):
        problem = check_iri(term.value)
        if problem:
            raise ValueError(f"IRI {term.value!r} {problem}")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        text = _escape_string(term.value)
        if term.language:
            if not _LANG.match(term.language):
                raise ValueError(f"bad language tag {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype.value == _XSD + "string":
            return text
        return f"{text}^^{sparql_term(term.datatype)}"
    raise TypeError(f"cannot bind {type(term).__name__} values")


def values_block(values: Mapping[str, Term]) -> str:
    """A one-row ``VALUES`` block binding each variable to its term.

    >>> values_block({"law": ox.NamedNode("https://e.org/x"), "year": ox.Literal("2020")})
    'VALUES (?law ?year) { (<https://e.org/x> "2020") }'
    """
    for name in values:
        if not _VARNAME.match(name):
            raise ValueError(f"bad variable name {name!r}")
    names = " ".join(f"?{n}" for n in values)
    row = " ".join(sparql_term(t) for t in values.values())
    return f"VALUES ({names}) {{ ({row}) }}"


# --- parameters ------------------------------------------------------------------------------------

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR = re.compile(r"^[0-9]{4}$")
_INTEGER = re.compile(r"^[+-]?[0-9]{1,18}$")
_PNAME = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):([^/][^\s]*|)$")
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def expand_iri(value: str) -> str:
    """A prefixed name with one of lawgraph's prefixes (``lg:Law``, ``id:law/…``) as a full IRI;
    anything else unchanged.

    >>> expand_iri("lg:Campaign")
    'https://w3id.org/lawgraph/ns#Campaign'
    >>> expand_iri("https://example.org/x")
    'https://example.org/x'
    """
    match = _PNAME.match(value)
    if match and match.group(1) in PREFIXES:
        return PREFIXES[match.group(1)] + match.group(2)
    return value


@dataclass(frozen=True)
class Param:
    """A typed parameter of a canned query: the query variable of the same name.

    :param classes: for ``iri`` parameters, the classes a value should be an instance of (any).
    :param choices: for ``string`` parameters, the values allowed.
    :param column: whether the answer shows the parameter's column (a parameter that only filters,
        such as a date bound, echoes its own value: ``column: false`` hides it).
    """

    name: str
    type: ParamType
    summary: Mapping[str, str]
    required: bool = False
    default: str | None = None
    classes: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    column: bool = True

    def parse(self, raw: str) -> Term:
        """The RDF term for a raw string value.

        :raises BadParameter: naming this parameter and what is wrong with the value.

        >>> Param("year", "year", {}).parse("2019")
        <Literal value=2019 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#gYear>>
        """
        if len(raw) > MAX_TEXT:  # as sent: spaces count too (the OpenAPI maxLength)
            raise BadParameter(self.name, f"too long ({len(raw)} characters; at most {MAX_TEXT})")
        value = raw.strip()
        if self.type == "iri":
            return self._iri(value)
        if self.type == "string":
            if self.choices and value not in self.choices:
                raise BadParameter(self.name, f"{value!r} is not one of: {', '.join(self.choices)}")
            return ox.Literal(value)
        if self.type == "date":
            return self._date(value)
        if self.type == "year":
            if not _YEAR.match(value):
                raise BadParameter(self.name, f"{value!r} is not a year: write YYYY, e.g. 2020")
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + "gYear"))
        return self._integer(value)

    def _iri(self, value: str) -> ox.NamedNode:
        iri = expand_iri(value)
        problem = check_iri(iri)
        if problem:
            hint = " (find IRIs with the 'search' query)" if not _IRI_SCHEME.match(iri) else ""
            raise BadParameter(self.name, f"{value!r} {problem}{hint}")
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise BadParameter(self.name, f"{value!r} is not a valid IRI: {exc}") from None

    def _date(self, value: str) -> ox.Literal:
        try:
            if not _DATE.match(value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            raise BadParameter(
                self.name, f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2019-12-06"
            ) from None
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))

    def _integer(self, value: str) -> ox.Literal:
        if not _INTEGER.match(value):
            raise BadParameter(self.name, f"{value!r} is not an integer")
        number = int(value)
        if self.minimum is not None and number < self.minimum:
            raise BadParameter(self.name, f"{number} is less than {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise BadParameter(self.name, f"{number} is more than {self.maximum}")
        return ox.Literal(str(number), datatype=ox.NamedNode(_XSD + "integer"))

    def schema(self) -> dict[str, Any]:
        """The parameter's JSON Schema (for OpenAPI)."""
        out: dict[str, Any]
        if self.type == "iri":
            out = {"type": "string", "format": "iri"}
        elif self.type == "string":
            out = {"type": "string", "maxLength": MAX_TEXT}
            if self.choices:
                out["enum"] = list(self.choices)
        elif self.type == "date":
            out = {"type": "string", "format": "date"}
        elif self.type == "year":
            out = {"type": "string", "pattern": "^[0-9]{4}$"}
        else:
            out = {"type": "integer"}
            if self.minimum is not None:
                out["minimum"] = self.minimum
            if self.maximum is not None:
                out["maximum"] = self.maximum
        if self.default is not None:
            out["default"] = int(self.default) if self.type == "integer" else self.default
        return out

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI 3 parameter object (``in: query``). An optional parameter may be sent
        empty (as a form does): that is the same as leaving it out; a required one may not."""
        description = f"{self.summary['en']} / {self.summary['zh']}"
        if self.classes:
            description += " (an IRI of: " + ", ".join(_shorten(c) for c in self.classes) + ")"
        schema = self.schema()
        if self.required and schema["type"] == "string":
            schema["minLength"] = 1
        return {
            "name": self.name,
            "in": "query",
            "required": self.required,
            "description": description,
            "schema": schema,
            "allowEmptyValue": not self.required,
        }

    def describe(self) -> dict[str, Any]:
        """A plain description, for listings (``GET /queries``, ``lawgraph query``)."""
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "default": self.default,
            "class": [_shorten(c) for c in self.classes],
            "choices": list(self.choices),
            "column": self.column,
            "summary": dict(self.summary),
        }


def _shorten(iri: str) -> str:
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and prefix != "id":
            return f"{prefix}:{iri[len(base) :]}"
    return iri


# --- the shape of a query's text ---------------------------------------------------------------------

_LEX = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    depth: int


def _tokens(text: str) -> Iterator[_Token]:
    depth = 0
    for match in _LEX.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        if kind == "close":
            depth -= 1
        yield _Token(kind, match.group(), match.start(), depth)
        if kind == "open":
            depth += 1


@dataclass(frozen=True)
class _Shape:
    """Where the parts of a SELECT query are: the prologue, the outermost WHERE group, and the
    ORDER BY clause (the only solution modifier allowed after GROUP BY / HAVING)."""

    select: int
    where_open: int
    order: int | None
    variables: frozenset[str]


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _analyse(text: str) -> tuple[_Shape | None, list[tuple[int, str]]]:
    """Find the parts of a query, or list what stops it being a canned query (line, problem)."""
    tokens = list(_tokens(text))
    forms = [
        t
        for t in tokens
        if t.kind == "word"
        and t.depth == 0
        and t.text.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
    ]
    if not forms or forms[0].text.upper() != "SELECT":
        line = _line_of(text, forms[0].start) if forms else 1
        return None, [(line, "a canned query is a SELECT query")]
    select = forms[0]
    after = [t for t in tokens if t.start > select.start]
    opening = next((i for i, t in enumerate(after) if t.kind == "open"), None)
    if opening is None or opening == 0 or after[opening - 1].text.upper() != "WHERE":
        line = _line_of(text, after[opening].start) if opening is not None else 1
        return None, [(line, "write the query as SELECT … WHERE { … }")]
    closing = next((t for t in after[opening + 1 :] if t.kind == "close" and t.depth == 0), None)
    if closing is None:
        return None, [(_line_of(text, after[opening].start), "unbalanced braces")]
    inside = [t for t in after[opening + 1 :] if t.start < closing.start]
    words = [t for t in after if t.start > closing.start and t.kind == "word" and t.depth == 0]
    problems: list[tuple[int, str]] = []
    order = None
    for t in words:
        keyword = t.text.upper()
        if keyword in ("LIMIT", "OFFSET"):
            problems.append(
                (_line_of(text, t.start), f"no {keyword} in a canned query: run() cuts the pages")
            )
        elif keyword == "VALUES":
            problems.append((_line_of(text, t.start), "no trailing VALUES in a canned query"))
        elif keyword == "ORDER" and order is None:
            order = t.start
        elif keyword in ("GROUP", "HAVING") and order is not None:
            problems.append((_line_of(text, t.start), "ORDER BY must come last"))
    head = text[select.start : after[opening].start].upper()
    if not re.search(r"\bDISTINCT\b", head) and not any(t.text.upper() == "GROUP" for t in words):
        problems.append(
            (
                _line_of(text, select.start),
                "use SELECT DISTINCT or GROUP BY: the union of report graphs repeats the triples "
                "that several reports state",
            )
        )
    variables = frozenset(t.text[1:] for t in inside if t.kind == "var")
    return _Shape(select.start, after[opening].start + 1, order, variables), problems


# --- canned queries ----------------------------------------------------------------------------------


class QueryStore(Protocol):
    """What :func:`run` needs of a store: the embedded one, or a remote endpoint whose ``query``
    returns ``pyoxigraph.QuerySolutions`` for a SELECT (pyoxigraph's ``parse_query_results``
    builds them from a SPARQL JSON response). Only the embedded store takes ``substitutions=``.
    """

    def query(self, sparql: str, **options: Any) -> Any: ...


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its file, front matter and SPARQL."""

    name: str
    path: Path
    summary: Mapping[str, str]
    params: tuple[Param, ...]
    text: str
    columns: tuple[str, ...]
    description: Mapping[str, str] | None = None
    tags: tuple[str, ...] = ()
    _shape: _Shape | None = field(default=None, repr=False, compare=False)

    def param(self, name: str) -> Param:
        """The parameter called ``name``.

        :raises BadParameter: there is none.
        """
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise BadParameter(name, f"unknown parameter of {self.name} (known: {known})")

    def bind(self, raw: Mapping[str, str | None]) -> dict[str, Term]:
        """Validate raw string values and return the terms to bind, by variable name.

        Empty values count as not given. Defaults fill what is not given; what has neither stays
        unbound (absent from the result).

        :raises BadParameter: an unknown name, a missing required value or an ill-typed value.
        """
        for name in raw:
            self.param(name)
        bound: dict[str, Term] = {}
        for p in self.params:
            value = raw.get(p.name)
            if value is None or not value.strip():
                value = p.default
            if value is None:
                if p.required:
                    raise BadParameter(p.name, "required")
                continue
            bound[p.name] = p.parse(value)
        return bound

    def sparql(self, values: Mapping[str, Term] | None = None) -> str:
        """The query text with ``values`` in a ``VALUES`` block opening its outermost WHERE group,
        for an endpoint that has no substitutions (the text alone if no values).

        The block comes first so that the values are bound before anything else in the group
        is evaluated, as with substitutions.
        """
        shape = self._require_shape()
        if not values:
            return self.text
        block = values_block(values)
        at = shape.where_open
        return f"{self.text[:at]}\n  {block}\n{self.text[at:]}"

    def page_sparql(self, limit: int, offset: int, values: Mapping[str, Term] | None = None) -> str:
        """The query for one page (``values`` inlined as by :meth:`sparql`)."""
        return f"{self.sparql(values)}\nLIMIT {int(limit)}\nOFFSET {int(offset)}\n"

    def count_sparql(
        self, values: Mapping[str, Term] | None = None, *, substituted: tuple[str, ...] = ()
    ) -> str:
        """A query for the number of rows: COUNT over the query (without its ORDER BY) as a
        subquery. With substitutions, the substituted variables must stay projected, so they are
        projected and grouped by (one group: each is one value)."""
        shape = self._require_shape()
        text = self.sparql(values)
        shift = len(text) - len(self.text)
        end = shape.order + shift if shape.order is not None else len(text)
        prologue, body = text[: shape.select], text[shape.select : end]
        keep = " ".join(f"?{n}" for n in substituted)
        group = f"\nGROUP BY {keep}" if substituted else ""
        return (
            f"{prologue}SELECT {keep} (COUNT(*) AS ?{_TOTAL}) WHERE {{\n{{\n{body}\n}}\n}}{group}\n"
        )

    def _require_shape(self) -> _Shape:
        if self._shape is None:  # pragma: no cover - load_query always sets it
            raise QueryFileError([Problem(str(self.path), None, "", "not analysed")])
        return self._shape

    def describe(self) -> dict[str, Any]:
        """A plain description: name, summaries, parameters and columns (``GET /queries``)."""
        return {
            "name": self.name,
            "summary": dict(self.summary),
            "description": dict(self.description) if self.description else None,
            "tags": list(self.tags),
            "params": [p.describe() for p in self.params],
            "columns": list(self.columns),
        }

    def openapi_parameters(self) -> list[dict[str, Any]]:
        """OpenAPI parameter objects for the query's parameters (add ``limit``, ``offset`` and
        ``format`` as the route defines them)."""
        return [p.openapi() for p in self.params]


# --- reading query files -----------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text (a default date is checked by its parameter)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class _ParamSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    type: ParamType
    summary: _Text
    required: bool = False
    default: str | int | None = None
    class_: str | list[str] | None = Field(default=None, alias="class")
    choices: list[str] | None = None
    min: int | None = None
    max: int | None = None
    column: bool = True


class _FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=60)
    summary: _Text
    description: _Text | None = None
    tags: list[str] = []
    params: dict[str, _ParamSpec] = {}


def _front_matter(text: str) -> tuple[str, list[int], list[tuple[int, str]]]:
    """The YAML of the leading ``#+`` lines, the file line of each YAML line, and misplaced
    ``#+`` lines."""
    yaml_lines: list[str] = []
    line_numbers: list[int] = []
    problems: list[tuple[int, str]] = []
    in_header = True
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#+"):
            if not in_header:
                problems.append((number, "front matter (#+ lines) must come first"))
                continue
            body = line[2:]
            yaml_lines.append(body[1:] if body.startswith(" ") else body)
            line_numbers.append(number)
        elif line.strip() or yaml_lines:
            in_header = False
    return "\n".join(yaml_lines), line_numbers, problems


def _yaml_lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _yaml_lines(value_node, (*path, key_node.value), out)
            out[(*path, key_node.value)] = key_node.start_mark.line
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _yaml_lines(item, (*path, i), out)


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Problems:
    """Collects the problems of one file, mapping YAML positions to file lines."""

    def __init__(self, path: Path, line_numbers: list[int]) -> None:
        self.path = path
        self.line_numbers = line_numbers
        self.yaml_lines: dict[tuple[Any, ...], int] = {}
        self.items: list[Problem] = []

    def at_line(self, line: int | None, fld: str, message: str) -> None:
        self.items.append(Problem(str(self.path), line, fld, message))

    def at(self, loc: tuple[Any, ...], message: str) -> None:
        line = None
        for i in range(len(loc), -1, -1):
            if loc[:i] in self.yaml_lines:
                index = self.yaml_lines[loc[:i]]
                line = self.line_numbers[min(index, len(self.line_numbers) - 1)]
                break
        self.at_line(line, _field(loc), message)


def _dummy(p: Param) -> Term:
    """A value of the right type, to check that a query accepts the parameter."""
    sample = {
        "iri": "urn:lawgraph:check",
        "string": p.choices[0] if p.choices else "check",
        "date": "2020-01-01",
        "year": "2020",
        "integer": str(p.minimum if p.minimum is not None else 0),
    }[p.type]
    return p.parse(sample)


_SYNTAX_AT = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def _params(spec: _FrontMatter, problems: _Problems) -> list[Param]:
    params: list[Param] = []
    for name, ps in spec.params.items():
        loc = ("params", name)
        if not _VARNAME.match(name) or name.lower() in RESERVED or name == _TOTAL:
            problems.at(
                loc,
                f"{name!r} cannot be a parameter name (a SPARQL variable name, "
                f"not one of {', '.join(sorted(RESERVED))})",
            )
            continue
        classes: list[str] = []
        raw_classes = [ps.class_] if isinstance(ps.class_, str) else (ps.class_ or [])
        for c in raw_classes:
            iri = expand_iri(c)
            if check_iri(iri):
                problems.at((*loc, "class"), f"{c!r} is not an IRI or a known prefixed name")
            classes.append(iri)
        if classes and ps.type != "iri":
            problems.at((*loc, "class"), "only iri parameters have a class")
        if ps.choices is not None and ps.type != "string":
            problems.at((*loc, "choices"), "only string parameters have choices")
        if (ps.min is not None or ps.max is not None) and ps.type != "integer":
            problems.at((*loc, "min"), "only integer parameters have min and max")
        if ps.required and ps.default is not None:
            problems.at((*loc, "default"), "a required parameter has no default")
        param = Param(
            name=name,
            type=ps.type,
            summary=ps.summary.model_dump(),
            required=ps.required,
            default=None if ps.default is None else str(ps.default),
            classes=tuple(classes),
            choices=tuple(ps.choices or ()),
            minimum=ps.min,
            maximum=ps.max,
            column=ps.column,
        )
        if param.default is not None:
            try:
                param.parse(param.default)
            except BadParameter as exc:
                problems.at((*loc, "default"), exc.problem)
        params.append(param)
    return params


def load_query(path: Path) -> CannedQuery:
    """Read, check and compile one query file.

    :raises QueryFileError: listing every problem as ``file:line: field: problem``.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryFileError([Problem(str(path), None, "", f"cannot read: {exc}")]) from None
    source, line_numbers, misplaced = _front_matter(text)
    problems = _Problems(path, line_numbers)
    for line, message in misplaced:
        problems.at_line(line, "", message)
    if not line_numbers:
        problems.at_line(1, "", "no front matter: start the file with '#+ name: …' lines")
        raise QueryFileError(problems.items)
    try:
        node = yaml.compose(source, Loader=_Loader)
        data = yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = line_numbers[min(mark.line, len(line_numbers) - 1)] if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        problems.at_line(line, "", f"front matter is not valid YAML: {problem}")
        raise QueryFileError(problems.items) from None
    if node is not None:
        _yaml_lines(node, (), problems.yaml_lines)
    if not isinstance(data, dict):
        problems.at_line(line_numbers[0], "", "front matter is a YAML mapping (name:, summary: …)")
        raise QueryFileError(problems.items)
    try:
        spec = _FrontMatter.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            message = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
            problems.at(loc, message)
        raise QueryFileError(problems.items) from None
    if spec.name != path.stem:
        problems.at(("name",), f"{spec.name!r} differs from the file name {path.stem!r}")
    params = _params(spec, problems)
    shape, shape_problems = _analyse(text)
    for line, message in shape_problems:
        problems.at_line(line, "", message)
    if problems.items or shape is None:
        raise QueryFileError(problems.items)
    query = CannedQuery(
        name=spec.name,
        path=path,
        summary=spec.summary.model_dump(),
        params=tuple(params),
        text=text,
        columns=(),
        description=spec.description.model_dump() if spec.description else None,
        tags=tuple(spec.tags),
        _shape=shape,
    )
    columns = _compile(query, problems)
    if problems.items:
        raise QueryFileError(problems.items)
    return replace(query, columns=columns)


def _compile(query: CannedQuery, problems: _Problems) -> tuple[str, ...]:
    """Check that the query parses and takes its parameters both ways; return its columns."""
    assert query._shape is not None
    empty = ox.Store()
    try:
        result = empty.query(query.text)
    except SyntaxError as exc:
        match = _SYNTAX_AT.match(str(exc))
        line = int(match.group(1)) if match else None
        problems.at_line(line, "", f"SPARQL syntax error: {match.group(3) if match else exc}")
        return ()
    columns = tuple(v.value for v in result.variables)  # type: ignore[union-attr]
    hidden = {p.name for p in query.params if not p.column}
    if _TOTAL in columns:
        problems.at_line(None, "", f"?{_TOTAL} is reserved")
    for p in query.params:
        if p.name not in query._shape.variables:
            problems.at(("params", p.name), f"?{p.name} does not occur in the WHERE clause")
        elif p.name not in columns:
            problems.at(("params", p.name), f"the SELECT must project ?{p.name}")
    if problems.items:
        return columns
    values = {p.name: _dummy(p) for p in query.params}
    substitutions = {ox.Variable(k): v for k, v in values.items()}
    checks = {
        "with substitutions": (query.page_sparql(1, 0), substitutions),
        "with a VALUES block": (query.page_sparql(1, 0, values), None),
        "counted with substitutions": (
            query.count_sparql(substituted=tuple(values)),
            substitutions,
        ),
        "counted with a VALUES block": (query.count_sparql(values), None),
    }
    for how, (text, subs) in checks.items():
        try:
            list(empty.query(text, substitutions=subs))  # type: ignore[arg-type]
        except (SyntaxError, RuntimeError, OSError) as exc:
            problems.at_line(None, "", f"the query fails when run {how}: {exc}")
    return tuple(c for c in columns if c not in hidden)


@dataclass(frozen=True)
class Catalog:
    """The canned queries of a folder, by name."""

    folder: Path
    queries: Mapping[str, CannedQuery]

    def get(self, name: str) -> CannedQuery:
        """The query called ``name``.

        :raises UnknownQuery: there is none.
        """
        try:
            return self.queries[name]
        except KeyError:
            raise UnknownQuery(name, sorted(self.queries)) from None

    def __iter__(self) -> Iterator[CannedQuery]:
        return iter(self.queries[n] for n in sorted(self.queries))

    def __len__(self) -> int:
        return len(self.queries)

    def __contains__(self, name: object) -> bool:
        return name in self.queries

    def describe(self) -> list[dict[str, Any]]:
        """Every query described (``GET /queries``), sorted by name."""
        return [q.describe() for q in self]


def load_catalog(folder: str | Path | None = None) -> Catalog:
    """Read every ``*.rq`` file of ``folder`` (default: the project's ``queries/``).

    :raises QueryFileError: naming every malformed file (with line and field) — start-up stops.
    """
    if folder is None:
        from lawgraph.resources import queries_dir

        folder = queries_dir()
    folder = Path(folder)
    if not folder.is_dir():
        raise QueryFileError([Problem(str(folder), None, "", "no such folder of queries")])
    queries: dict[str, CannedQuery] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.rq")):
        try:
            query = load_query(path)
        except QueryFileError as exc:
            problems.extend(exc.problems)
            continue
        if query.name in queries:
            other = queries[query.name].path
            problems.append(Problem(str(path), None, "name", f"{query.name!r} is also {other}"))
            continue
        queries[query.name] = query
    if problems:
        raise QueryFileError(problems)
    return Catalog(folder, queries)


# --- running -----------------------------------------------------------------------------------------


def _json_value(term: ResultTerm | None) -> JsonValue:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.removeprefix(_XSD)
        try:
            if datatype in ("integer", "int", "long", "short", "nonNegativeInteger"):
                return int(term.value)
            if datatype in ("decimal", "double", "float"):
                number = Decimal(term.value)
                return int(number) if number == number.to_integral_value() else float(number)
        except (ValueError, InvalidOperation):
            return term.value
        if datatype == "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _text_value(term: ResultTerm | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


@dataclass(frozen=True)
class Page:
    """One page of a canned query's answer.

    ``rows`` hold RDF terms (None where a column is unbound); ``total`` is the number of rows of
    the whole answer; ``next_offset`` is where the next page starts (None on the last page).
    """

    query: str
    params: Mapping[str, str]
    columns: tuple[str, ...]
    rows: tuple[tuple[ResultTerm | None, ...], ...]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        following = self.offset + self.limit
        return following if following < self.total else None

    def records(self) -> list[dict[str, JsonValue]]:
        """Rows as JSON-ready dicts: IRIs and text as strings, numbers as numbers."""
        return [
            {c: _json_value(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows
        ]

    def as_json(self) -> dict[str, Any]:
        """The JSON body of ``GET /queries/{name}``."""
        return {
            "query": self.query,
            "params": dict(self.params),
            "columns": list(self.columns),
            "rows": self.records(),
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "next": self.next_offset,
        }

    def text_rows(self) -> list[list[str]]:
        """Rows as lexical values ("" where unbound), for CSV and tables."""
        return [[_text_value(v) for v in row] for row in self.rows]

    def to_csv(self) -> str:
        """The page as CSV: a header row of column names, then the rows."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.text_rows())
        return out.getvalue()


def paging(
    limit: int | str | None = None,
    offset: int | str | None = None,
    max_limit: int = MAX_LIMIT,
) -> tuple[int, int]:
    """Validate ``limit`` (1…max_limit, default :data:`DEFAULT_LIMIT`) and ``offset`` (≥ 0).

    :raises BadParameter: naming ``limit`` or ``offset``.

    >>> paging("20", None)
    (20, 0)
    """

    def number(name: str, value: int | str | None, default: int) -> int:
        if value is None or (isinstance(value, str) and not value.strip()):
            return default
        if isinstance(value, str):
            if not _INTEGER.match(value.strip()):
                raise BadParameter(name, f"{value!r} is not an integer")
            value = int(value)
        return value

    lim = number("limit", limit, min(DEFAULT_LIMIT, max_limit))
    off = number("offset", offset, 0)
    if not 1 <= lim <= max_limit:
        raise BadParameter("limit", f"{lim} is out of range: 1 to {max_limit}")
    if off < 0:
        raise BadParameter("offset", f"{off} is negative")
    return lim, off


def _solutions(result: object) -> ox.QuerySolutions:
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError(f"the store answered a SELECT with {type(result).__name__}")
    return result


_CHECKED = "lawgraph_x"


class Solutions(Protocol):
    """What :meth:`Plan.page` reads: ``pyoxigraph.QuerySolutions`` or the like."""

    @property
    def variables(self) -> list[ox.Variable]: ...

    def __iter__(self) -> Iterator[ox.QuerySolution]: ...


@dataclass(frozen=True)
class Plan:
    """A validated request for one page of a canned query: the SPARQL to send and how to read
    the answers. :func:`plan` makes one; :func:`run` and :func:`arun` carry it out.

    Texts are built with the values in a ``VALUES`` block (``inline=True``, for any endpoint) or
    without them (``inline=False``, for pyoxigraph ``substitutions=``:meth:`substitutions`).
    """

    query: CannedQuery
    values: Mapping[str, Term]
    limit: int
    offset: int

    def substitutions(self) -> dict[ox.Variable, Term]:
        """The values as pyoxigraph ``substitutions``."""
        return {ox.Variable(k): v for k, v in self.values.items()}

    def page_sparql(self, *, inline: bool = True) -> str:
        """The query for the page."""
        return self.query.page_sparql(self.limit, self.offset, self.values if inline else None)

    def count_sparql(self, *, inline: bool = True) -> str:
        """The query for the total (one row, column ``lawgraph_total``)."""
        if inline:
            return self.query.count_sparql(self.values)
        return self.query.count_sparql(substituted=tuple(self.values))

    def class_checks(self, *, inline: bool = True) -> list[tuple[str, str]]:
        """``(parameter, query)`` pairs: each query has a row iff the parameter's IRI is an
        instance of one of its classes (with ``inline=False``, substitute ``lawgraph_x``)."""
        checks = []
        for p in self.query.params:
            value = self.values.get(p.name)
            if not p.classes or value is None:
                continue
            classes = " ".join(sparql_term(ox.NamedNode(c)) for c in p.classes)
            bound = f"{values_block({_CHECKED: value})} " if inline else ""
            text = (
                f"SELECT ?{_CHECKED} WHERE {{ {bound}?{_CHECKED} a ?lawgraph_c . "
                f"VALUES ?lawgraph_c {{ {classes} }} }} LIMIT 1"
            )
            checks.append((p.name, text))
        return checks

    def class_error(self, name: str) -> BadParameter:
        """The error for a parameter whose IRI failed its class check."""
        p = self.query.param(name)
        value = self.values[name]
        kinds = " or ".join(_shorten(c) for c in p.classes)
        return BadParameter(name, f"<{value.value}> is not a {kinds} in the store")

    def total_from_page(self, rows: int) -> int | None:
        """The total, when a page of ``rows`` rows tells it (it is not full, and it is not past
        the end); None when a count is needed."""
        return page_total(rows, self.limit, self.offset)

    def job(self, cap: int) -> PageJob:
        """The whole page as one job for a backend (:meth:`lawgraph.api.backend.Backend.page`):
        class checks, page and count, values inlined; ``cap`` is the backend's row cap."""
        checks = tuple(text for _, text in self.class_checks())
        return PageJob(
            checks, self.page_sparql(), self.count_sparql(), self.limit, self.offset, cap
        )

    def read(self, answer: PageAnswer) -> Page:
        """The page from a backend's answer to :meth:`job`.

        :raises BadParameter: an IRI parameter failed its class check.
        """
        if answer.failed_check is not None:
            raise self.class_error(self.class_checks()[answer.failed_check][0])
        solutions = ox.parse_query_results(answer.body, ox.QueryResultsFormat.TSV)
        return self.page(_solutions(solutions), answer.total)

    def page(self, solutions: Solutions, total: int | None = None) -> Page:
        """Read the page's answer. ``total`` is needed only when :meth:`total_from_page` gives
        None (pass the count)."""
        hidden = {p.name for p in self.query.params if not p.column}
        columns = tuple(v.value for v in solutions.variables if v.value not in hidden)
        rows = tuple(tuple(solution[c] for c in columns) for solution in solutions)
        if total is None:
            total = self.total_from_page(len(rows))
            if total is None:
                raise ValueError("a full page needs the count: pass total")
        shown = {k: _text_value(v) for k, v in self.values.items()}
        return Page(self.query.name, shown, columns, rows, total, self.limit, self.offset)


def read_total(solutions: ox.QuerySolutions) -> int:
    """The total from the answer to :meth:`Plan.count_sparql`."""
    for solution in solutions:
        term = solution[_TOTAL]
        return int(term.value) if term is not None else 0
    return 0


def plan(
    query: CannedQuery,
    params: Mapping[str, str | None] | None = None,
    *,
    limit: int | str | None = None,
    offset: int | str | None = None,
    max_limit: int = MAX_LIMIT,
) -> Plan:
    """Validate raw string parameters and paging for one page of ``query``.

    :param params: raw values by parameter name (e.g. a request's query string, less ``limit``,
        ``offset`` and ``format``); empty values count as not given.
    :raises BadParameter: an unknown parameter, a missing required one, an ill-typed value, or a
        bad ``limit`` or ``offset`` — the message starts with the parameter's name.
    """
    values = query.bind(params or {})
    lim, off = paging(limit, offset, max_limit)
    return Plan(query, values, lim, off)


Binding = Literal["values", "substitutions"]


def run(
    store: QueryStore,
    query: CannedQuery,
    params: Mapping[str, str | None] | None = None,
    *,
    limit: int | str | None = None,
    offset: int | str | None = None,
    max_limit: int = MAX_LIMIT,
    check_classes: bool = True,
    binding: Binding = "values",
) -> Page:
    """Run one page of a canned query on a store, with raw string parameters.

    The total is honest: from the page itself when it is not full, else from a second query
    (COUNT over the query as a subquery).

    :param binding: how values reach the store: ``"values"`` (default), a ``VALUES`` block
        opening the WHERE clause — any store; or ``"substitutions"``, pyoxigraph's
        ``substitutions=`` — the embedded store only. Both bind RDF terms and give the same
        answers; the VALUES block is the faster of the two on the embedded store for the
        selective questions (``docs/queries.md`` has the measurements).
    :param check_classes: refuse an IRI that is not an instance of its parameter's class.
    :raises BadParameter: as :func:`plan`, and for an IRI of the wrong class.
    """
    p = plan(query, params, limit=limit, offset=offset, max_limit=max_limit)
    inline = binding == "values"

    def select(text: str, subs: Mapping[ox.Variable, Term]) -> ox.QuerySolutions:
        if inline:
            return _solutions(store.query(text))
        return _solutions(store.query(text, substitutions=subs))

    if check_classes:
        for name, text in p.class_checks(inline=inline):
            if not list(select(text, {ox.Variable(_CHECKED): p.values[name]})):
                raise p.class_error(name)
    solutions = select(p.page_sparql(inline=inline), p.substitutions())
    rows = list(solutions)
    total = p.total_from_page(len(rows))
    if total is None:
        total = read_total(select(p.count_sparql(inline=inline), p.substitutions()))
    return p.page(SolutionList(list(solutions.variables), rows), total)


class SolutionList:
    """Solutions read to the end: their variables and rows.

    ``pyoxigraph.QuerySolutions`` may only be read on the thread that made it (reading it on
    another aborts the process); a function that runs a query on a worker thread returns
    ``SolutionList.of(solutions)`` instead.
    """

    def __init__(self, variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> None:
        self._variables = variables
        self.rows = rows

    @classmethod
    def of(cls, solutions: Solutions) -> SolutionList:
        """Read ``solutions`` (on the thread that made them)."""
        return cls(list(solutions.variables), list(solutions))

    @property
    def variables(self) -> list[ox.Variable]:
        return self._variables

    def __iter__(self) -> Iterator[ox.QuerySolution]:
        return iter(self.rows)


async def arun(
    select: Callable[[str], Awaitable[Solutions]],
    query: CannedQuery,
    params: Mapping[str, str | None] | None = None,
    *,
    limit: int | str | None = None,
    offset: int | str | None = None,
    max_limit: int = MAX_LIMIT,
    check_classes: bool = True,
) -> Page:
    """:func:`run` for an async caller that can only send query text (the API's backends):
    ``select`` runs one SELECT — values inlined in a ``VALUES`` block — and returns its solutions:
    e.g. ``pyoxigraph.parse_query_results`` of the SPARQL JSON answer, parsed on the event loop's
    thread, or a :class:`SolutionList` read on the thread that ran the query.

    :raises BadParameter: as :func:`run`.
    """
    p = plan(query, params, limit=limit, offset=offset, max_limit=max_limit)
    checks = p.class_checks() if check_classes else []
    # The class checks run beside the page (each its own job): the wait is the longest, not the sum.
    *found, solutions = await asyncio.gather(
        *(select(text) for _, text in checks), select(p.page_sparql())
    )
    for (name, _), answer in zip(checks, found, strict=True):
        if not list(answer):
            raise p.class_error(name)
    rows = list(solutions)
    total = p.total_from_page(len(rows))
    if total is None:
        total = read_total(await select(p.count_sparql()))
    return p.page(SolutionList(list(solutions.variables), rows), total)
