"""The exceptions lawgraph raises.

::

    LawgraphError
    ├── InputError          bad input from a user: a facts file, an RDF file, a parameter
    │   └── FactsError      a facts file that fails validation (carries file:line: field: problem)
    ├── QueryError          a SPARQL query that is malformed, forbidden or too expensive
    │   ├── QueryTimeout    the query ran past its time budget and was stopped
    │   └── ForbiddenQuery  an update, SERVICE or remote FROM sent to a read-only endpoint
    ├── StoreError          the store (embedded or remote) failed or is unreachable
    └── LoadBusy            another load holds the store's write lock

Library code raises these; the CLI turns them into exit codes and one-line messages, the HTTP API
into one JSON error shape.
"""

from __future__ import annotations

from dataclasses import dataclass


class LawgraphError(Exception):
    """Base class of every error lawgraph raises on purpose.

    :param retry_after: seconds after which the same request may succeed (the HTTP API's
        ``Retry-After``), when the error says so.
    """

    def __init__(self, *args: object, retry_after: int | None = None) -> None:
        super().__init__(*args)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Problem:
    """One problem in an input file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class InputError(LawgraphError):
    """Bad input: the message names the file, line and field where it can."""


class FactsError(InputError):
    """A facts file failed validation; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[FactsError], tuple[list[Problem]]]:
        return (FactsError, (self.problems,))  # pickled whole, from a loader's worker process


class QueryError(LawgraphError):
    """A query that cannot be run as sent."""


class QueryTimeout(QueryError):
    """The query ran past its time budget and was stopped."""


class ForbiddenQuery(QueryError):
    """The query asks for something a read-only endpoint refuses."""


class StoreError(LawgraphError):
    """The store failed or cannot be reached."""


class LoadBusy(LawgraphError):
    """Another process is loading into the same store."""
