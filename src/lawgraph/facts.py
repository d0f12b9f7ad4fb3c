"""The facts file: one YAML file per report, typed, validated, every record tied to the text.

The format is described for people in ``docs/facts-format.md``. :func:`read_facts` parses a file,
validates every field, checks that every evidence span exists in the report text and quotes it
exactly, that every reference names a record of the right kind, and that places and laws resolve
in the gazetteers. Every problem is reported as ``file:line: field: problem``; nothing is partly
accepted.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import pyoxigraph as ox
import yaml
import yaml_rs
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    field_validator,
)

from lawgraph.errors import FactsError, Problem
from lawgraph.gazetteer import divisions, laws

FORMAT = "lawgraph-facts/1"

_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
_KEY = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
MAX_MEASURE = 10**15
"The largest count a measure may state: beyond it (near 2**53) a number is no longer exact."


def is_date(value: str) -> bool:
    """YYYY, YYYY-MM or a real calendar day YYYY-MM-DD (no 2020-02-30), in ASCII digits."""
    if not _DATE.match(value):
        return False
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return True


def check_date(value: str) -> str:
    parts = value.split("/")
    if len(parts) > 2 or not all(is_date(p) for p in parts):
        raise ValueError(
            f"{value!r} is not a date: write YYYY, YYYY-MM, YYYY-MM-DD (a real day) or START/END"
        )
    if len(parts) == 2 and parts[0] > parts[1]:
        raise ValueError(f"{value!r} ends before it starts")
    return value


def _as_str(value: Any) -> Any:
    """Years written bare (``year: 2020``) arrive as ints: keep them as text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Key = Annotated[str, Field(pattern=_KEY, max_length=80)]


class Span(BaseModel):
    """``[start, end, quote]``: the characters ``text[start:end]``, which must equal ``quote``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    quote: str = Field(min_length=1)

    @classmethod
    def _from_list(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            if len(value) != 3:
                raise ValueError("a span is [start, end, quote]")
            return {"start": value[0], "end": value[1], "quote": value[2]}
        return value


SpanField = Annotated[Span, BeforeValidator(Span._from_list)]


def _one_or_many(value: Any) -> Any:
    """A relation's evidence may be one span or a list of spans."""
    if isinstance(value, list) and value and isinstance(value[0], int):
        return [value]
    return value


Spans = Annotated[list[SpanField], BeforeValidator(_one_or_many), Field(min_length=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Entity(Record):
    key: Key
    mentions: Spans


REPORT_ID = r"^[a-z0-9][a-z0-9-]{2,80}$"
"A report's id (``report.id``): also the last part of its IRI and its admin route."


class ReportMeta(Record):
    id: str = Field(pattern=REPORT_ID)
    title: str = Field(min_length=1)
    text: str = Field(min_length=1, description="path of the report text, relative to this file")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    place: str = Field(min_length=1)
    published: Annotated[str, BeforeValidator(_as_str)]
    issuer: Key | None = None
    source_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    curated_by: str = "hand"

    _date = field_validator("published")(lambda v: check_date(v))

    @field_validator("source_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        """The IRI the graph gets (``prov:hadPrimarySource``): parsed as the store will."""
        if value is not None:
            try:
                ox.NamedNode(value)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a valid IRI ({exc})") from None
        return value


PlaceKind = Literal["division", "venue", "community", "school", "other"]


class Place(Entity):
    name: str = Field(min_length=1)
    kind: PlaceKind = "venue"
    within: str | None = None


AgencyKind = Literal[
    "party",
    "government",
    "congress",
    "cppcc",
    "court",
    "procuratorate",
    "coordination",
    "institution",
    "university",
    "school",
    "enterprise",
    "team",
    "other",
]


class Agency(Entity):
    name: str = Field(min_length=1)
    kind: AgencyKind = "other"
    place: str | None = None
    parent: Key | None = None


class Official(Entity):
    name: str = Field(min_length=1)
    place: str | None = None


class Law(Entity):
    title: str = Field(min_length=1)
    unlisted: bool = False
    category: str | None = None


class Document(Entity):
    title: str = Field(min_length=1)
    issuer: Key | None = None


class Campaign(Entity):
    name: str = Field(min_length=1)
    year: Annotated[str, BeforeValidator(_as_str), Field(pattern=r"^[0-9]{4}$")] | None = None
    place: str | None = None
    parent: Key | None = None
    organizers: list[Key] = []
    evidence: Annotated[list[SpanField], BeforeValidator(_one_or_many)] = []


EventKind = Literal["meeting", "lecture", "publicity", "training", "ceremony", "other"]


class Event(Entity):
    name: str = Field(min_length=1)
    kind: EventKind = "other"
    date: Annotated[str, BeforeValidator(_as_str)] | None = None
    place: str | None = None
    campaigns: list[Key] = []
    organizers: list[Key] = []
    venue: Key | None = None
    parent: Key | None = None
    evidence: Annotated[list[SpanField], BeforeValidator(_one_or_many)] = []

    _date = field_validator("date")(lambda v: v if v is None else check_date(v))


class Post(Record):
    official: Key
    title: str = Field(min_length=1)
    agency: Key
    evidence: Spans


Role = Literal["chaired", "attended", "spoke", "organised", "co-organised", "hosted"]


class Participation(Record):
    event: Key
    participant: Key
    role: Role
    evidence: Spans


class Promotion(Record):
    by: Key
    law: Key
    evidence: Spans


Qualifier = Literal["exact", "over", "approx", "under"]


class Measure(Record):
    of: Key
    value: Annotated[float, Strict(), Field(ge=0, le=MAX_MEASURE, allow_inf_nan=False)]
    unit: str = Field(min_length=1)
    qualifier: Qualifier = "exact"
    marker: str | None = Field(default=None, description="the qualifier as written: 余, 近, 约 …")
    counted: str = Field(min_length=1)
    period: Annotated[str, BeforeValidator(_as_str)] | None = None
    evidence: Spans

    _period = field_validator("period")(lambda v: v if v is None else check_date(v))


class FactsModel(Record):
    format: Literal["lawgraph-facts/1"]
    report: ReportMeta
    places: list[Place] = []
    agencies: list[Agency] = []
    officials: list[Official] = []
    laws: list[Law] = []
    documents: list[Document] = []
    campaigns: list[Campaign] = []
    events: list[Event] = []
    posts: list[Post] = []
    participations: list[Participation] = []
    promotions: list[Promotion] = []
    measures: list[Measure] = []


ENTITY_SECTIONS = (
    "places",
    "agencies",
    "officials",
    "laws",
    "documents",
    "campaigns",
    "events",
)


@dataclass(frozen=True)
class Facts:
    """A validated facts file with the text it points at."""

    path: Path
    model: FactsModel
    text: str

    @property
    def report(self) -> ReportMeta:
        return self.model.report

    def kind_of(self, key: str) -> str | None:
        """The section ('agencies', 'officials', …) that defines ``key``."""
        for section in ENTITY_SECTIONS:
            if any(r.key == key for r in getattr(self.model, section)):
                return section
        return None


# --- YAML with line numbers -------------------------------------------------------------------


_LAST_WINS = yaml_rs.DuplicateKeyPolicy.LastWins  # as PyYAML
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """SafeLoader (libyaml's when present) that keeps dates as text: the format's dates carry
    their own precision (2020, 2020-06, 2020-06-01)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}


def _lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            _lines(value_node, (*path, key), out)
            out[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, (*path, i), out)


class _Lines:
    """Line numbers of a YAML document's nodes, worked out only when a problem needs one."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._lines: _Lines | None = None

    def __call__(self, loc: tuple[Any, ...]) -> int | None:
        if self._lines is None:
            self._lines = {}
            with contextlib.suppress(yaml.YAMLError):  # a text only yaml-rs reads: no lines
                node = yaml.compose(self._source, Loader=_Loader)
                if node is not None:
                    _lines(node, (), self._lines)
        for i in range(len(loc), -1, -1):
            if loc[:i] in self._lines:
                return self._lines[loc[:i]]
        return None


NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"A character YAML does not allow in a stream (C0 controls but tab and line breaks, DEL …)."


def _parse_yaml(source: str, name: str) -> tuple[Any, _Lines]:
    """The data of a YAML document: read by yaml-rs (four to eight times faster than PyYAML with
    libyaml), or by PyYAML when yaml-rs refuses the text, which also words the error.

    A character YAML forbids is refused first: yaml-rs would stop reading at a NUL and give the
    document before it, silently dropping the rest of the file."""
    bad = NOT_YAML.search(source)
    if bad is not None:
        line = source.count("\n", 0, bad.start()) + 1
        problem = (
            f"not valid YAML: character U+{ord(bad.group()):04X} is not allowed "
            '(write it as an escape in a "double-quoted" string, or remove it)'
        )
        raise FactsError([Problem(name, line, "", problem)])
    try:
        data = yaml_rs.loads(source, parse_datetime=False, duplicate_key_policy=_LAST_WINS)
        if not isinstance(data, list):  # a list may be several documents: PyYAML says where
            return data, _Lines(source)
    except yaml_rs.YAMLDecodeError as exc:
        if "alias replay limit" in str(exc):  # an alias bomb, which PyYAML would build
            raise FactsError(
                [Problem(name, None, "", f"not valid YAML: its aliases expand too far ({exc})")]
            ) from None
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        if problem.startswith("but ") and getattr(exc, "context", None):
            problem = f"{exc.context}, {problem}"  # expected a single document …, but found …
        raise FactsError([Problem(name, line, "", f"not valid YAML: {problem}")]) from None
    return data, _Lines(source)


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --- validation -------------------------------------------------------------------------------


def read_facts(path: str | Path, *, text: bytes | None = None) -> Facts:
    """Read and validate one facts file.

    :param text: the report's text, when it is not read from the file ``report.text`` names
        (an upload carries both); its sha256 is checked all the same.

    :raises FactsError: listing every problem as ``file:line: field: problem``.
    """
    path = Path(path)
    name = str(path)
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FactsError([Problem(name, None, "", f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise FactsError([Problem(name, None, "", f"cannot read: {exc.strerror}")]) from None
    data, lines = _parse_yaml(source, name)
    if not isinstance(data, dict):
        raise FactsError([Problem(name, 1, "", "a facts file is a YAML mapping")])
    try:
        model = FactsModel.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not _is_validator_tag(p))
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown field"
            elif err["type"] == "literal_error" and loc == ("format",):
                msg = f"expected {FORMAT!r}"
            problems.append(Problem(name, lines(loc), _field_name(loc), msg))
        raise FactsError(problems) from None
    report_text = _read_text(path, model, lines, text)
    problems = _check(model, report_text, name, lines)
    if problems:
        raise FactsError(problems)
    return Facts(path=path, model=model, text=report_text)


def _is_validator_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file: a FIFO or a device (``/dev/zero``) would never end."""
    if path.exists() and not path.is_file():
        raise OSError(errno.EINVAL, "not a regular file")
    return path.read_bytes()


def _read_text(path: Path, model: FactsModel, lines: _Lines, given: bytes | None) -> str:
    loc = ("report", "text")
    text_path = path.parent / model.report.text
    try:
        raw = given if given is not None else _read_regular(text_path.resolve())
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = exc.strerror if isinstance(exc, OSError) else exc
        raise FactsError(
            [Problem(str(path), lines(loc), "report.text", f"cannot read {text_path}: {reason}")]
        ) from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != model.report.sha256:
        raise FactsError(
            [
                Problem(
                    str(path),
                    lines(("report", "sha256")),
                    "report.sha256",
                    f"does not match the text {model.report.text} (its sha256 is {digest})",
                )
            ]
        )
    try:
        return decode_report(raw)
    except ValueError as exc:
        raise FactsError([Problem(str(path), lines(loc), "report.text", str(exc))]) from None


def decode_report(raw: bytes) -> str:
    """A report's text from the bytes of its file: UTF-8 (a byte-order mark before it is
    dropped), UTF-16 with a byte-order mark, or GB18030 — the superset of GBK and GB2312 in
    which many Chinese government pages are still saved.

    GB18030 is tried only when the bytes are not UTF-8 from their first Chinese character on:
    a UTF-8 report with one damaged byte is refused rather than read as mojibake.

    :raises ValueError: saying why, with the offset of the first bad byte.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-16 text (byte {exc.start}: {exc.reason})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8 = exc
    where = f"byte {utf8.start}: {utf8.reason}"
    if any(ord(c) > 0x7FF for c in raw[: utf8.start].decode("utf-8")):
        raise ValueError(f"not UTF-8 text ({where})")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise ValueError(f"neither UTF-8 ({where}) nor GB18030 text") from None


_REFS: dict[tuple[str, str], tuple[str, ...]] = {
    # (section, field) -> sections the referenced key may belong to
    ("report", "issuer"): ("agencies",),
    ("places", "within"): ("places",),
    ("agencies", "parent"): ("agencies",),
    ("documents", "issuer"): ("agencies",),
    ("campaigns", "parent"): ("campaigns",),
    ("campaigns", "organizers"): ("agencies",),
    ("events", "campaigns"): ("campaigns",),
    ("events", "organizers"): ("agencies",),
    ("events", "venue"): ("places", "agencies"),
    ("events", "parent"): ("events",),
    ("posts", "official"): ("officials",),
    ("posts", "agency"): ("agencies",),
    ("participations", "event"): ("events",),
    ("participations", "participant"): ("officials", "agencies"),
    ("promotions", "by"): ("events", "campaigns", "documents"),
    ("promotions", "law"): ("laws",),
    ("measures", "of"): ("events", "campaigns", "agencies", "places", "documents"),
}

_PARENTS = {"places": "within", "agencies": "parent", "campaigns": "parent", "events": "parent"}
"The field of each section that names the record it is part of: a chain of them may not loop."

_PLACE_FIELDS = {("report", "place"), ("agencies", "place"), ("officials", "place")}
_PLACE_FIELDS |= {("campaigns", "place"), ("events", "place")}


def _check(model: FactsModel, text: str, name: str, lines: _Lines) -> list[Problem]:
    problems: list[Problem] = []

    def problem(loc: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(name, lines(loc), _field_name(loc), message))

    owner: dict[str, str] = {}
    for section in ENTITY_SECTIONS:
        for i, record in enumerate(getattr(model, section)):
            if record.key in owner:
                problem(
                    (section, i, "key"),
                    f"key {record.key!r} is already used in {owner[record.key]}",
                )
            else:
                owner[record.key] = section

    def check_ref(loc: tuple[Any, ...], key: str | None, allowed: tuple[str, ...]) -> None:
        if key is None:
            return
        if key not in owner:
            problem(loc, f"{key!r} names no record (expected a key of {' or '.join(allowed)})")
        elif owner[key] not in allowed:
            problem(loc, f"{key!r} is in {owner[key]}, expected {' or '.join(allowed)}")

    check_ref(("report", "issuer"), model.report.issuer, _REFS[("report", "issuer")])
    if divisions().resolve(model.report.place) is None:
        problem(("report", "place"), _place_problem(model.report.place))

    sections = [*ENTITY_SECTIONS, "posts", "participations", "promotions", "measures"]
    for section in sections:
        for i, record in enumerate(getattr(model, section)):
            for (sec, fld), allowed in _REFS.items():
                if sec != section:
                    continue
                value = getattr(record, fld)
                if isinstance(value, list):
                    for j, key in enumerate(value):
                        check_ref((section, i, fld, j), key, allowed)
                else:
                    check_ref((section, i, fld), value, allowed)
            for sec, fld in _PLACE_FIELDS:
                if sec == section and getattr(record, fld) is not None:
                    place = getattr(record, fld)
                    if divisions().resolve(place) is None:
                        problem((section, i, fld), _place_problem(place))
            for fld in ("mentions", "evidence"):
                for j, span in enumerate(getattr(record, fld, None) or []):
                    loc = (section, i, fld, j)
                    if span.end <= span.start:
                        problem(loc, f"span [{span.start}, {span.end}) is empty or reversed")
                    elif span.end > len(text):
                        problem(
                            loc, f"span ends at {span.end}, past the end of the text ({len(text)})"
                        )
                    elif text[span.start : span.end] != span.quote:
                        problem(
                            loc,
                            f"text[{span.start}:{span.end}] is {text[span.start : span.end]!r}, "
                            f"not {span.quote!r}",
                        )
    for section, fld in _PARENTS.items():
        records = getattr(model, section)
        parent_of = {r.key: getattr(r, fld) for r in records}
        index = {r.key: i for i, r in enumerate(records)}
        walked: set[str] = set()  # each key is walked once: linear however long the chains
        for record in records:
            chain: dict[str, None] = {}
            key = record.key
            while key in parent_of and key not in walked and key not in chain:
                chain[key] = None
                key = parent_of[key]
            walked.update(chain)
            if key in chain:  # the chain came back to key: named once, at its first record
                loop = list(chain)[list(chain).index(key) :]
                first = min(loop, key=index.__getitem__)
                n = loop.index(first)
                names = [*loop[n:], *loop[:n], first]
                path = " → ".join(names if len(names) <= 8 else [*names[:6], "…", first])
                problem((section, index[first], fld), f"{first!r} would be part of itself: {path}")
    for i, place in enumerate(model.places):
        if place.kind == "division" and divisions().resolve(place.name) is None:
            problem(("places", i, "name"), _place_problem(place.name))
    for i, law in enumerate(model.laws):
        if law.unlisted:
            if not law.category:
                problem(
                    ("laws", i, "category"), "an unlisted law needs its category (法律, 行政法规 …)"
                )
        elif laws().resolve(law.title) is None:
            problem(
                ("laws", i, "title"),
                f"{law.title!r} is not in the law gazetteer: "
                "write the full title, or mark it `unlisted: true` with its category",
            )
        elif laws().resolve(law.title).title != law.title:  # type: ignore[union-attr]
            full = laws().resolve(law.title).title  # type: ignore[union-attr]
            problem(("laws", i, "title"), f"write the full title {full!r}")
    return problems


def _place_problem(place: str) -> str:
    found = divisions().candidates(place)
    if found:
        options = ", ".join(f"{d.full_name} ({d.code})" for d in found[:5])
        return f"{place!r} is ambiguous: write one of {options}"
    return f"{place!r} is not an administrative division (write its name, full name or code)"
