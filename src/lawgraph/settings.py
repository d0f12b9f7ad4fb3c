"""lawgraph's settings: one typed table, read from ``LAWGRAPH_*`` environment variables.

Every setting has a default and a help string (its ``description``); ``docs/settings.md`` lists
them all and a test keeps the two in step. Nothing is read at import time: build a
:class:`Settings` (the app factory and the CLI do) and pass it on.

>>> Settings(row_cap=5).row_cap
5
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from lawgraph.processes import usable_cores


class Settings(BaseSettings):
    """Settings of the store, the SPARQL endpoint and the server."""

    model_config = SettingsConfigDict(env_prefix="LAWGRAPH_", extra="ignore")

    # --- store ---------------------------------------------------------------------------
    store: Path = Field(
        Path("var/store"),
        description="Folder of the embedded store (pyoxigraph on disk). Used unless `endpoint` is set.",
    )
    seed: bool = Field(
        True,
        description="When serving an empty embedded store, load the bundled seed (`data/facts/`) first.",
    )
    endpoint: str | None = Field(
        None,
        description="URL of a remote SPARQL 1.1 query endpoint to serve instead of the embedded store.",
    )
    update_endpoint: str | None = Field(
        None,
        description="URL of the remote SPARQL 1.1 Update endpoint (for `lawgraph load --endpoint`). "
        "Default: the query endpoint.",
    )
    gsp_endpoint: str | None = Field(
        None,
        description="URL of the remote Graph Store Protocol endpoint (e.g. Oxigraph `/store`, "
        "Virtuoso `/sparql-graph-crud-auth`). When set, writes use it; else SPARQL Update.",
    )
    remote_user: str | None = Field(None, description="User name for writes to the remote store.")
    remote_password: SecretStr | None = Field(
        None, description="Password for writes to the remote store (never logged)."
    )
    remote_auth: Literal["basic", "digest"] = Field(
        "digest", description="HTTP authentication scheme for remote writes (Virtuoso uses digest)."
    )
    remote_graph_prefix: str = Field(
        "",
        description="Only remote graphs whose IRI starts with this count as the store's graphs "
        '("" = every graph except known system graphs, such as Virtuoso\'s).',
    )
    remote_graphs_ttl: float = Field(
        5.0,
        ge=0,
        description="Seconds the list of remote graphs is cached (it defines the default graph).",
    )

    # --- queries -------------------------------------------------------------------------
    query_timeout: float = Field(
        10.0,
        gt=0,
        description="Seconds a query may run; past that it is stopped (its worker process is "
        "killed) and the client gets 503.",
    )
    row_cap: int = Field(
        10_000,
        ge=1,
        description="Most rows (or triples) one response holds; a larger result is cut and the "
        "cut is reported (headers and, in JSON, `truncated`).",
    )
    max_request_bytes: int = Field(
        1 << 20,
        ge=1024,
        description="Largest request body accepted, in bytes; larger requests get 413.",
    )
    max_query_length: int = Field(
        100_000,
        ge=100,
        description="Longest query text accepted, in characters; longer queries get 413.",
    )
    workers: int = Field(
        default_factory=usable_cores,
        ge=1,
        description="Query worker processes for the embedded store (default: one per core).",
    )
    max_heavy_queries: int | None = Field(
        None,
        ge=1,
        description="Most queries that may run longer than `heavy_query_seconds` at once; one "
        "that gets that far while this many others already have is stopped then (503), so long "
        "queries never take every worker. Default: `workers` - 1 (at least 1).",
    )
    heavy_query_seconds: float = Field(
        1.0,
        gt=0,
        description="Seconds after which a running query counts as heavy (see `max_heavy_queries`).",
    )
    worker_memory_mb: int = Field(
        2048,
        ge=64,
        description="Memory a query worker may allocate beyond the store snapshot, in MiB; a "
        "query that needs more is stopped (503).",
    )
    refresh_interval: float = Field(
        1.0,
        gt=0,
        description="Seconds between checks for a newer embedded store (after `lawgraph load`); "
        "a new snapshot replaces the old one once it is ready.",
    )
    base_iri: str | None = Field(
        None,
        description="Base IRI for relative IRIs in queries. Default: the URL of the `/sparql` route.",
    )

    # --- answer cache (/queries) ---------------------------------------------------------
    answer_cache_entries: int = Field(
        1024,
        ge=0,
        description="Most canned-query answers (`/queries/*` responses) kept in memory; "
        "0 turns the answer cache off. The embedded store's answers are dropped when a load "
        "commits.",
    )
    answer_cache_bytes: int = Field(
        32 << 20,
        ge=0,
        description="Most bytes the answer cache holds (bodies, headers and keys); the least "
        "recently used answers go first.",
    )
    answer_cache_remote_ttl: float = Field(
        0.0,
        ge=0,
        description="Seconds a canned-query answer from a remote endpoint (which has no version "
        "to invalidate it by) is kept; 0 = not cached.",
    )

    # --- server --------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address `lawgraph serve` binds to.")
    port: int = Field(8000, ge=0, le=65535, description="Port `lawgraph serve` listens on.")
    client_timeout: float = Field(
        30.0,
        gt=0,
        description="Seconds a client has to send a whole request (head and body), from the "
        "moment its connection opens or the previous response ends; past that a request begun "
        "gets 408 and an idle connection is closed.",
    )
    cors_origins: list[str] = Field(
        ["*"],
        description='Origins allowed to read from the API by CORS (JSON list; `["*"]` = any).',
    )

    admin_token: SecretStr | None = Field(
        None,
        description="Token of the admin routes (`POST /admin/reports`, `DELETE "
        "/admin/reports/{id}`), sent as `Authorization: Bearer <token>`; at least 16 characters. "
        "Unset (the default) or empty: the admin routes do not exist.",
    )

    def heavy_query_limit(self) -> int:
        """``max_heavy_queries``, or its default: every worker but one (at least 1)."""
        return self.max_heavy_queries or max(1, self.workers - 1)

    @field_validator("admin_token")
    @classmethod
    def _strong_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if len(value.get_secret_value()) < 16:
            raise ValueError(
                "use at least 16 characters, e.g. from "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return value

    @field_validator("endpoint", "update_endpoint", "gsp_endpoint")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value

    @model_validator(mode="after")
    def _credentials_in_pairs(self) -> Settings:
        if (self.remote_user is None) != (self.remote_password is None):
            raise ValueError("remote_user and remote_password go together: set both or neither")
        return self


def setting_names() -> list[str]:
    """Every setting's name, in declaration order (for docs and their test)."""
    return list(Settings.model_fields)
