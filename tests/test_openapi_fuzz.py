"""schemathesis against the app's own OpenAPI document: every operation gets generated requests
(valid and invalid ones), run in-process through ASGI against the real app over the seed store
(admin routes on, with their token); no response may be a 5xx, and every response must match
what the document says (status code, media type, headers, body schema).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from schemathesis.schemas import APIOperation
from seed import seed_store_at

from lawgraph.api.app import create_app
from lawgraph.settings import Settings

EXAMPLES = 30
"generated requests per operation and generation mode"
TOKEN = "fuzzing-admin-token-0123456789"


# Operations whose values carry a meaning no JSON Schema can check (SPARQL text, an export scope,
# an IRI that must name an entity of a class): a schema-valid value may still be refused with a
# 400 naming the problem, so the "schema-valid request accepted" check does not apply to them.
def meaningful(path: str) -> bool:
    return path in ("/sparql", "/export") or path.startswith(("/queries/", "/admin/"))


# The canned queries and /export take what forms and people send: values are trimmed, a blank
# value is no value, format names may be in any case (or, for /queries, a media type). Their
# schema gives the canonical form, so such a value is accepted although it is outside the schema;
# the "schema-violating request rejected" check does not apply to them. Every other check (no
# 5xx; status, media type, headers and body as documented) applies to every operation.
def lenient(path: str) -> bool:
    return path == "/export" or path.startswith("/queries/")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    path = tmp_path_factory.mktemp("openapi-fuzz") / "store"
    seed_store_at(path)
    settings_ = Settings(
        store=path, workers=1, seed=False, query_timeout=5, row_cap=200, admin_token=TOKEN
    )
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(settings_))
    schemathesis.python.asgi.shutdown_lifespans()


def fuzz(operation: APIOperation, mode: GenerationMode, tried: Counter[str]) -> None:
    """Run ``EXAMPLES`` generated requests on one operation; raise the first failure found."""
    excluded = [positive_data_acceptance] if meaningful(operation.path) else []
    if lenient(operation.path):
        excluded.append(negative_data_rejection)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        tried[operation.label] += 1
        headers = {"Authorization": f"Bearer {TOKEN}"} if case.path.startswith("/admin/") else {}
        case.call_and_validate(excluded_checks=excluded, headers=headers)

    try:
        check()
    except Unsatisfiable:  # nothing to get wrong: an operation without parameters
        assert mode is GenerationMode.NEGATIVE and not list(operation.iter_parameters())


def test_every_operation_answers_generated_requests_as_documented(
    api_schema: schemathesis.BaseSchema,
) -> None:
    tried: Counter[str] = Counter()
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz(operation, mode, tried)
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} ({mode}): {exc}")
    print(f"\nschemathesis: {sum(tried.values())} requests on {len(tried)} operations")
    assert len(tried) >= 17 and "POST /admin/reports" in tried, sorted(tried)
    assert not failures, "\n\n".join(failures)
