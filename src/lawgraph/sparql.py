"""SPARQL requests: the read-only guard, content negotiation and result formats.

Nothing here runs a query. :func:`inspect_query` looks at the query text (a small lexer that
skips comments, IRIs and strings) to refuse updates and ``SERVICE`` before any engine sees it, and
to know whether the query names its own dataset (``FROM``). :func:`negotiate` picks a response
format from an ``Accept`` header (q-values, wildcards) for each kind of result. The executor
(:mod:`lawgraph.executor`) and the remote store (:mod:`lawgraph.remote`) serialise with
pyoxigraph's own serialisers, through :func:`serialize_solutions` / :func:`serialize_triples`,
which also enforce the row cap.

>>> inspect_query("PREFIX ex: <http://e/> SELECT * FROM <http://g> { ?s ?p ?o }").has_from
True
>>> negotiate("text/csv;q=0.5, application/sparql-results+xml").results.name
'xml'
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from lawgraph.errors import ForbiddenQuery, QueryError

# --- formats ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """A response format: its short name, the media type sent, and the media types that ask
    for it."""

    name: str
    content_type: str
    media_types: tuple[str, ...]


RESULTS_FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        ("application/sparql-results+json", "application/json"),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        ("application/sparql-results+xml", "application/xml", "text/xml"),
    ),
    Format("csv", "text/csv; charset=utf-8", ("text/csv",)),
    Format("tsv", "text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",)),
)
BOOLEAN_FORMATS: tuple[Format, ...] = RESULTS_FORMATS[:2]
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle; charset=utf-8", ("text/turtle", "application/x-turtle")),
    Format("ntriples", "application/n-triples", ("application/n-triples", "text/plain", "text/n3")),
    Format("rdfxml", "application/rdf+xml", ("application/rdf+xml", "application/xml", "text/xml")),
    Format("jsonld", "application/ld+json", ("application/ld+json", "application/json")),
    Format("nquads", "application/n-quads", ("application/n-quads",)),
    Format("trig", "application/trig", ("application/trig",)),
)

RESULTS_OX = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_OX = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}

# ``format=`` parameter values (as Virtuoso, YASGUI and SPARQLWrapper send them) -> names per
# kind (results, boolean, graph).
_FORMAT_PARAM: dict[str, tuple[str | None, str | None, str | None]] = {
    "json": ("json", "json", "jsonld"),
    "xml": ("xml", "xml", "rdfxml"),
    "csv": ("csv", None, None),
    "tsv": ("tsv", None, None),
    "turtle": (None, None, "turtle"),
    "ttl": (None, None, "turtle"),
    "n3": (None, None, "turtle"),
    "nt": (None, None, "ntriples"),
    "ntriples": (None, None, "ntriples"),
    "n-triples": (None, None, "ntriples"),
    "rdf": (None, None, "rdfxml"),
    "rdfxml": (None, None, "rdfxml"),
    "rdf+xml": (None, None, "rdfxml"),
    "jsonld": (None, None, "jsonld"),
    "json-ld": (None, None, "jsonld"),
    "nquads": (None, None, "nquads"),
    "nq": (None, None, "nquads"),
    "trig": (None, None, "trig"),
}


@dataclass(frozen=True)
class Choice:
    """The format chosen for each kind of result (``None``: nothing acceptable)."""

    results: Format | None
    boolean: Format | None
    graph: Format | None

    def names(self) -> tuple[str | None, str | None, str | None]:
        """The chosen format names, as sent to a worker process."""
        return tuple(f.name if f else None for f in (self.results, self.boolean, self.graph))  # type: ignore[return-value]

    @property
    def none_acceptable(self) -> bool:
        return self.results is None and self.boolean is None and self.graph is None


_BY_NAME = {f.name: f for f in (*RESULTS_FORMATS, *GRAPH_FORMATS)}


def format_by_name(name: str) -> Format:
    """The format called ``name`` (``json``, ``turtle``, …)."""
    return _BY_NAME[name]


def _parse_accept(accept: str) -> list[tuple[str, str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = part.split(";")
        media = fields[0].strip().lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        main, _, sub = media.partition("/")
        ranges.append((main, sub or "*", q))
    return ranges


def _quality(ranges: list[tuple[str, str, float]], media_type: str, exact_only: bool) -> float:
    main, _, sub = media_type.partition("/")
    best, best_specificity = 0.0, -1
    for rmain, rsub, q in ranges:
        if rmain == main and rsub == sub:
            specificity = 2
        elif exact_only:
            continue
        elif rmain == main and rsub == "*":
            specificity = 1
        elif rmain == "*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best, best_specificity = q, specificity
    return best


def _pick(ranges: list[tuple[str, str, float]], formats: tuple[Format, ...]) -> Format | None:
    """The format the client prefers; wildcards (``text/*``, ``*/*``) match a format's main
    media type only, exact ranges match any of its media types; ties go to the server's order."""
    best: Format | None = None
    best_q = 0.0
    for fmt in formats:
        q = max(_quality(ranges, m, exact_only=i > 0) for i, m in enumerate(fmt.media_types))
        if q > best_q:
            best, best_q = fmt, q
    return best


def known_format(value: str) -> bool:
    """Whether a ``format=`` value names a format this endpoint has (clients such as
    SPARQLWrapper also send values meant for other servers: those are ignored)."""
    key = value.strip().lower()
    if key in _FORMAT_PARAM:
        return True
    return "/" in key and "*" not in key and not negotiate(key).none_acceptable


@lru_cache(maxsize=512)
def negotiate(accept: str | None, format_param: str | None = None) -> Choice:
    """Pick the response format for each kind of result.

    :param accept: the ``Accept`` header (``None`` or empty: anything).
    :param format_param: a ``format=`` request parameter, which overrides ``Accept``: a short
        name (``json``, ``xml``, ``csv``, ``tsv``, ``turtle``, ``nt``, ``jsonld``, ``nq``,
        ``trig``) or a media type.
    """
    if format_param:
        key = format_param.strip().lower()
        if key in _FORMAT_PARAM:
            names = _FORMAT_PARAM[key]
            return Choice(*(format_by_name(n) if n else None for n in names))
        accept = key  # a media type given as format=
    if not accept or not accept.strip():
        accept = "*/*"
    ranges = _parse_accept(accept)
    return Choice(
        _pick(ranges, RESULTS_FORMATS), _pick(ranges, BOOLEAN_FORMATS), _pick(ranges, GRAPH_FORMATS)
    )


# --- the guard -------------------------------------------------------------------------------

_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SKIP = re.compile(
    r"""
      \#[^\n\r]*                                   # comment
    | <(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>   # IRI reference
    | '''(?:[^'\\]|\\.|'(?!''))*'''                 # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'                         # short strings
    | "(?:[^"\\\n\r]|\\.)*"
    """,
    re.VERBOSE | re.DOTALL,
)
_WORD = re.compile(r"(?<![\w:?$\-])([A-Za-z]+)(?![\w:\-])")
_NAMES = re.compile(
    r"""
      [?$][\w\u00B7\u0300-\u036F\u203F-\u2040]*                          # variables
    | :(?:[\w.\-:\u00B7]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])*   # local part of a prefixed name
    | @[A-Za-z0-9\-]+                                                 # language tags
    """,
    re.VERBOSE,
)
_SERVICE = re.compile("service", re.IGNORECASE)
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
QUERY_KEYWORDS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return match.group(0)


@dataclass(frozen=True)
class QueryInfo:
    """What the guard learnt about a query's text."""

    form: str | None
    "SELECT, ASK, CONSTRUCT or DESCRIBE (``None``: not recognised; the engine will say why)"
    has_from: bool
    "the query names its own dataset (FROM / FROM NAMED)"


def query_code(query: str, *, decode: bool = True) -> str:
    """The query with comments, IRIs and strings blanked out.

    :param decode: decode codepoint escapes (``\\u0053``) first, as the SPARQL grammar says
        (other engines may do so); without, they are read as pyoxigraph reads them: as
        escapes inside strings and IRIs only (``"\\u0022"`` is a one-character string there,
        the opening of a long string once decoded).
    """
    if decode and "\\" in query:
        query = _UCHAR.sub(_unescape, query)
    return _SKIP.sub(" ", query)


_TOKEN = re.compile(
    _SKIP.pattern + r"|(?P<brace>[{}])|(?P<word>(?<![\w:?$\-])[A-Za-z]+(?![\w:\-]))",
    re.VERBOSE | re.DOTALL,
)


def values_position(query: str) -> int | None:
    """Where a ``VALUES`` block can open the query's WHERE group: the offset just after its
    ``{``; ``None`` when there is no such place (``CONSTRUCT WHERE {…}`` takes only triples,
    ``DESCRIBE <x>`` has no group).
    """
    depth = 0
    form: str | None = None
    template_done = False  # CONSTRUCT: its template group is behind us
    short_construct = False  # CONSTRUCT WHERE { triples }
    for match in _TOKEN.finditer(query):
        brace, word = match.group("brace"), match.group("word")
        if word is not None and depth == 0:
            upper = word.upper()
            if form is None and upper in QUERY_KEYWORDS:
                form = upper
            elif form == "CONSTRUCT" and upper == "WHERE" and not template_done:
                short_construct = True
            continue
        if brace is None or form is None:
            continue
        if brace == "{":
            if depth == 0:
                if short_construct:
                    return None
                if form != "CONSTRUCT" or template_done:
                    return match.end()
            depth += 1
        else:
            depth -= 1
            if depth == 0 and form == "CONSTRUCT":
                template_done = True
    return None


def _read_code(code: str) -> QueryInfo:
    """The form and ``FROM`` of a query's code (:func:`query_code`).

    :raises ForbiddenQuery: the code starts like a SPARQL Update, or calls ``SERVICE``.
    """
    form: str | None = None
    has_from = False
    for match in _WORD.finditer(code):
        word = match.group(1).upper()
        if form is None:
            if word in ("PREFIX", "BASE"):  # prefix names (``ex:``) are never words here
                continue
            if word in UPDATE_KEYWORDS:
                raise ForbiddenQuery(
                    f"this endpoint is read-only: SPARQL Update ({word} …) is refused. "
                    "Load data with `lawgraph load`."
                )
            form = word if word in QUERY_KEYWORDS else "?"
        elif word == "FROM":
            has_from = True
    # pyoxigraph reads a keyword glued to the token before or after it (``1SERVICE <x>``,
    # ``SERVICESILENT``, ``SERVICE:x``), so SERVICE is looked for anywhere but in variables,
    # local names and language tags: a prefix called ``service:`` is refused too
    if _SERVICE.search(_NAMES.sub(" ", code)):
        raise ForbiddenQuery(
            "SERVICE is refused: this endpoint answers from its own store and never fetches "
            "from other endpoints (a prefix named service: counts as SERVICE too; rename it)"
        )
    return QueryInfo(form if form in QUERY_KEYWORDS else None, has_from)


def _inspect(query: str) -> QueryInfo:
    info = _read_code(query_code(query, decode=False))
    if "\\" in query:
        _read_code(query_code(query))
    return info


_inspect_cached = lru_cache(maxsize=2048)(_inspect)
CACHED_QUERY_LENGTH = 4096
"""Queries up to this length have their check cached (the cache then holds at most ~32 MiB)."""


def inspect_query(query: str) -> QueryInfo:
    """Check a query against the read-only rules and say what form it has.

    The text is read both as pyoxigraph reads it and with its codepoint escapes decoded first
    (as other engines do), so that no escape can hide a keyword from one reading. Short queries
    (the ones sent again and again) have the answer cached; long ones are not kept.

    :raises ForbiddenQuery: the text is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, …),
        or it uses ``SERVICE`` (which would make the server fetch from elsewhere).
    """
    return (_inspect_cached if len(query) <= CACHED_QUERY_LENGTH else _inspect)(query)


_PREFIXED_NAME = re.compile(r"(?<![\w?$:.\-])([A-Za-z][\w.\-]*)?:")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.\-]*)?\s*:", re.IGNORECASE)


def undeclared_prefixes(query: str) -> list[str]:
    """The prefixes the query's prefixed names use but its prologue does not declare, in the
    order first used (``/sparql`` declares none for the client: such a query does not parse).

    >>> undeclared_prefixes('PREFIX ex: <http://e/> SELECT * { ?s a ex:A ; rdfs:label "x:y" }')
    ['rdfs']
    """
    code = query_code(query, decode=False)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(code)}
    used: dict[str, None] = {}
    for m in _PREFIXED_NAME.finditer(_PREFIX_DECL.sub(" ", code)):
        used.setdefault(m.group(1) or "", None)
    return [p for p in used if p not in declared]


def looks_like_update(text: str) -> bool:
    """Whether ``text`` starts (after its prologue) like a SPARQL Update."""
    try:
        inspect_query(text)
    except ForbiddenQuery as exc:
        return "Update" in str(exc)
    return False


def check_graph_iri(value: str, param: str) -> str:
    """Validate a ``default-graph-uri`` / ``named-graph-uri`` value (an absolute IRI)."""
    try:
        ox.NamedNode(value)
    except ValueError:
        raise QueryError(f"{param}: not an absolute IRI: {value!r}") from None
    if ":" not in value:
        raise QueryError(f"{param}: not an absolute IRI: {value!r}")
    return value


# --- serialisation with a row cap --------------------------------------------------------------


class _Capped(Exception):
    """Raised inside a serialiser's write() once the cap is passed, to stop it."""


class _LineBuffer:
    """A write target that keeps at most ``limit`` lines and stops the writer after that."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines = 0
        self.chunks: list[bytes] = []
        self.truncated = False

    def write(self, data: bytes | bytearray | memoryview) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        self.lines += chunk.count(b"\n")
        if self.lines > self.limit:
            self.truncated = True
            raise _Capped
        return len(chunk)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        data = b"".join(self.chunks)
        if not self.truncated:
            return data
        end = -1
        for _ in range(self.limit):
            end = data.index(b"\n", end + 1)
        return data[: end + 1]


def capped_tsv(solutions: ox.QuerySolutions, cap: int) -> tuple[bytes, bool]:
    """Serialise at most ``cap`` solutions as SPARQL TSV (a lossless, one-row-per-line format).

    :returns: the TSV bytes and whether rows were cut.
    """
    buf = _LineBuffer(cap + 1)  # the header line, then the rows
    with contextlib.suppress(_Capped):
        solutions.serialize(buf, ox.QueryResultsFormat.TSV)
    return buf.value(), buf.truncated


def capped_ntriples(triples: Iterable[ox.Triple] | ox.QueryTriples, cap: int) -> tuple[bytes, bool]:
    """Serialise at most ``cap`` triples as N-Triples (one triple per line).

    :returns: the N-Triples bytes and whether triples were cut.
    """
    buf = _LineBuffer(cap)
    try:
        if isinstance(triples, ox.QueryTriples):
            triples.serialize(buf, ox.RdfFormat.N_TRIPLES)
        else:
            ox.serialize(triples, buf, ox.RdfFormat.N_TRIPLES)
    except _Capped:
        pass
    return buf.value(), buf.truncated


@dataclass
class Answer:
    """A serialised query answer, ready to send."""

    body: bytes
    content_type: str
    truncated: bool = False
    rows: int | None = None

    def mark_truncated(self, cap: int) -> None:
        """Record that the rows were cut at ``cap`` (in JSON results, in the body too)."""
        if self.truncated:
            return
        self.truncated = True
        if self.content_type.startswith("application/sparql-results+json"):
            self.body = b'{"truncated":true,"rowCap":%d,' % cap + self.body[1:]


def serialize_solutions(solutions: ox.QuerySolutions, fmt: Format, cap: int) -> Answer:
    """Serialise SELECT results in ``fmt``, at most ``cap`` rows (pyoxigraph's serialisers).

    The rows go through TSV first (native, lossless, one row per line) so they can be counted
    and cut without a Python loop over the rows.
    """
    tsv, truncated = capped_tsv(solutions, cap)
    rows = max(tsv.count(b"\n") - 1, 0)
    if fmt.name == "tsv":
        body = tsv
    else:
        body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(  # type: ignore[union-attr]
            format=RESULTS_OX[fmt.name]
        )
        assert body is not None
    answer = Answer(body, fmt.content_type, False, rows)
    if truncated:
        answer.mark_truncated(cap)
    return answer


def serialize_boolean(value: bool | ox.QueryBoolean, fmt: Format) -> Answer:
    """Serialise an ASK result."""
    if not isinstance(value, ox.QueryBoolean):
        text = b'{"head":{},"boolean":%s}' % (b"true" if value else b"false")
        value = ox.parse_query_results(text, ox.QueryResultsFormat.JSON)  # type: ignore[assignment]
    body = value.serialize(format=RESULTS_OX[fmt.name])  # type: ignore[union-attr]
    assert body is not None
    return Answer(body, fmt.content_type, False, None)


def serialize_triples(
    triples: Iterable[ox.Triple] | ox.QueryTriples,
    fmt: Format,
    cap: int,
    prefixes: dict[str, str] | None = None,
) -> Answer:
    """Serialise CONSTRUCT / DESCRIBE results in ``fmt``, at most ``cap`` triples."""
    nt, truncated = capped_ntriples(triples, cap)
    count = nt.count(b"\n")
    if fmt.name in ("ntriples", "nquads"):  # triples in the default graph: the same lines
        body = nt
    else:
        parsed: Iterator[Any] = ox.parse(nt, ox.RdfFormat.N_TRIPLES)
        if fmt.name == "trig":
            parsed = (ox.Quad(q.subject, q.predicate, q.object) for q in parsed)
        else:
            parsed = (q.triple for q in parsed)
        options: dict[str, Any] = {}
        if prefixes and fmt.name in ("turtle", "trig", "rdfxml"):
            options["prefixes"] = prefixes
        body = ox.serialize(parsed, format=GRAPH_OX[fmt.name], **options)  # type: ignore[assignment]
    return Answer(body, fmt.content_type, truncated, count)


# --- a query, ready to run ------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One query to run: its text, its dataset and the formats the client accepts.

    ``default_graphs`` / ``named_graphs`` are the protocol dataset (``default-graph-uri`` /
    ``named-graph-uri``): ``None`` for both means the query's own ``FROM`` if it has one, else the
    union of all graphs as the default graph and every graph as a named graph. When either is
    given, the other defaults to no graphs, as the SPARQL Protocol says.
    """

    query: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    has_from: bool = False
    formats: tuple[str | None, str | None, str | None] = ("json", "json", "turtle")
    base_iri: str | None = None
    cap: int = 10_000

    @property
    def protocol_dataset(self) -> bool:
        return self.default_graphs is not None or self.named_graphs is not None


class NotAcceptable(QueryError):
    """No format the client accepts fits this kind of result (HTTP 406)."""

    @classmethod
    def for_kind(cls, kind: str, what: str | None = None) -> NotAcceptable:
        """The error for a result of ``kind`` (``results``, ``boolean``, ``graph``).

        :param what: what the result is (default: the answer of the kind's query forms).
        """
        forms, offered = {
            "results": ("a SELECT", RESULTS_FORMATS),
            "boolean": ("an ASK", BOOLEAN_FORMATS),
            "graph": ("a CONSTRUCT or DESCRIBE", GRAPH_FORMATS),
        }[kind]
        types = ", ".join(f.content_type.split(";")[0] for f in offered)
        what = what or f"the answer of {forms}"
        return cls(f"no acceptable format for {what}; it can be sent as: {types}")


@dataclass(frozen=True)
class PageJob:
    """One page of a canned query, run in one go where the store is (one trip to a query
    worker): the class checks of its IRI parameters (each must find a row), the page, and —
    when the page is full, so that it does not tell the total — the count (one row, the total
    in its one column). Every query reads the union of the graphs as the default graph."""

    checks: tuple[str, ...]
    page: str
    count: str
    limit: int
    offset: int
    cap: int = 10_000


@dataclass
class PageAnswer:
    """The answer to a :class:`PageJob`: the page as SPARQL TSV and the total, or the index of
    the first class check that found nothing (then nothing else was run)."""

    body: bytes
    total: int
    failed_check: int | None = None


def page_total(rows: int, limit: int, offset: int) -> int | None:
    """The total of an answer when its page of ``rows`` rows tells it (the page is not full and
    not past the end); None when a count is needed."""
    if rows < limit and (rows > 0 or offset == 0):
        return offset + rows
    return None


def run_page_job(store: Any, job: PageJob) -> PageAnswer:
    """Run ``job`` on a store whose ``query`` gives pyoxigraph solutions (the embedded
    snapshot in a worker, or :class:`lawgraph.remote.RemoteStore`)."""

    def select(text: str) -> ox.QuerySolutions:
        result = store.query(text, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError(f"a canned query must be a SELECT, not {type(result).__name__}")
        return result

    for index, text in enumerate(job.checks):
        if next(select(text), None) is None:
            return PageAnswer(b"", 0, index)
    page = serialize_solutions(select(job.page), format_by_name("tsv"), job.cap)
    total = page_total(page.rows or 0, job.limit, job.offset)
    if total is None:
        row = next(select(job.count), None)
        cell = row[0] if row is not None else None
        total = int(cell.value) if cell is not None else 0
    return PageAnswer(page.body, total)


def run_job(store: ox.Store, job: Job, prefixes: dict[str, str] | None = None) -> Answer:
    """Run ``job`` on a pyoxigraph store and serialise the answer (used by the workers).

    :raises SyntaxError: the query does not parse.
    :raises NotAcceptable: the client accepts no format for this kind of result.
    """
    options: dict[str, Any] = {}
    if job.protocol_dataset:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif not job.has_from:
        options["use_default_graph_as_union"] = True
    result = store.query(job.query, base_iri=job.base_iri, **options)
    results_name, boolean_name, graph_name = job.formats
    if isinstance(result, ox.QuerySolutions):
        if results_name is None:
            raise NotAcceptable.for_kind("results")
        return serialize_solutions(result, format_by_name(results_name), job.cap)
    if isinstance(result, ox.QueryBoolean):
        if boolean_name is None:
            raise NotAcceptable.for_kind("boolean")
        return serialize_boolean(result, format_by_name(boolean_name))
    if graph_name is None:
        raise NotAcceptable.for_kind("graph")
    return serialize_triples(result, format_by_name(graph_name), job.cap, prefixes)
