"""Real SPARQL servers for the tests, on 127.0.0.1 and free ports, each stopped by its PID.

* :func:`start_oxigraph` runs ``oxigraph serve`` (PyPI ``oxigraph``, the venv's binary);
* :func:`start_virtuoso` runs Virtuoso (Debian ``virtuoso-opensource``) with a throwaway DB;
* :func:`start_lawgraph` runs ``lawgraph serve`` (the API under test) as a subprocess.

Each returns a :class:`Server` whose ``stop()`` sends SIGTERM (then SIGKILL) to that one PID.
The recipes and pitfalls are in ``shared/research/backends.md`` §1 and §2.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
W3C_PROTOCOL = ROOT / "tests" / "data" / "w3c-protocol"
"the W3C SPARQL 1.1 Protocol manifest and data (SOURCE.md there)"

EX = "http://example.org/lawgraph-test/"
G1 = EX + "graph/laws"
G2 = EX + "graph/events"
BIG = EX + "graph/big"
BIG_ROWS = 150
ROW_CAP = 100
QUERY_TIMEOUT = 3.0
MAX_REQUEST_BYTES = 65536
KASEI = "http://kasei.us/2009/09/sparql/data/"

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"

LAWGRAPH_ENV = {
    "LAWGRAPH_ROW_CAP": str(ROW_CAP),
    "LAWGRAPH_QUERY_TIMEOUT": str(QUERY_TIMEOUT),
    "LAWGRAPH_MAX_REQUEST_BYTES": str(MAX_REQUEST_BYTES),
    "LAWGRAPH_MAX_QUERY_LENGTH": "20000",
    "LAWGRAPH_WORKERS": "2",
    "LAWGRAPH_SEED": "false",
    "LAWGRAPH_REFRESH_INTERVAL": "0.3",
    "LAWGRAPH_REMOTE_GRAPHS_TTL": "0",
}


def _n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def sample_quads() -> list[ox.Quad]:
    """A small lawgraph-like dataset in named graphs, plus the W3C protocol test graphs."""
    g1, g2, big = ox.NamedNode(G1), ox.NamedNode(G2), ox.NamedNode(BIG)
    law, event = _n("law/civil-code"), _n("event/1")
    quads = [
        ox.Quad(law, RDF_TYPE, _n("Law"), g1),
        ox.Quad(law, RDFS_LABEL, ox.Literal("民法典", language="zh"), g1),
        ox.Quad(law, RDFS_LABEL, ox.Literal("Civil Code", language="en"), g1),
        ox.Quad(_n("law/constitution"), RDF_TYPE, _n("Law"), g1),
        ox.Quad(_n("law/constitution"), RDFS_LABEL, ox.Literal("宪法", language="zh"), g1),
        ox.Quad(event, RDF_TYPE, _n("Event"), g2),
        ox.Quad(event, RDFS_LABEL, ox.Literal('宪法宣传周 "法治"\n第二行', language="zh"), g2),
        ox.Quad(event, _n("promotesLaw"), law, g2),
        ox.Quad(event, _n("promotesLaw"), _n("law/constitution"), g2),
        ox.Quad(
            event, _n("date"), ox.Literal("2020-12-04", datatype=ox.NamedNode(XSD + "date")), g2
        ),
        ox.Quad(
            event, _n("people"), ox.Literal("65000", datatype=ox.NamedNode(XSD + "integer")), g2
        ),
        ox.Quad(event, _n("share"), ox.Literal("0.5", datatype=ox.NamedNode(XSD + "decimal")), g2),
        ox.Quad(event, _n("note"), ox.Literal("plain, with a comma\tand a tab"), g2),
        ox.Quad(event, _n("organizer"), _n("agency/justice"), g2),
        ox.Quad(_n("agency/justice"), RDFS_LABEL, ox.Literal("抚顺市司法局", language="zh"), g2),
    ]
    quads += [
        ox.Quad(
            _n(f"row/{i:03d}"),
            _n("index"),
            ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer")),
            big,
        )
        for i in range(BIG_ROWS)
    ]
    for i in (1, 2, 3):  # the W3C SPARQL 1.1 Protocol test graphs (data1.nt … data3.nt)
        doc = ox.NamedNode(f"{KASEI}data{i}.rdf")
        quads.append(
            ox.Quad(doc, RDF_TYPE, ox.NamedNode("http://xmlns.com/foaf/0.1/Document"), doc)
        )
    return quads


VENV_BIN = Path(sys.executable).parent
VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
OXIGRAPH = VENV_BIN / "oxigraph" if (VENV_BIN / "oxigraph").exists() else shutil.which("oxigraph")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A server process started by a test helper."""

    name: str
    process: subprocess.Popen[bytes]
    base: str
    "the base URL (``http://127.0.0.1:PORT``)"
    query_url: str
    update_url: str | None = None
    gsp_url: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "digest"
    workdir: Path | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, grace: float = 10.0) -> None:
        """Stop this server: SIGTERM to its PID, SIGKILL if it lingers."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log(self) -> str:
        if self.workdir is None:
            return ""
        parts = []
        for name in ("stdout.log", "virtuoso.log"):
            path = self.workdir / name
            if path.exists():
                parts.append(path.read_text(errors="replace")[-3000:])
        return "\n".join(parts)


def wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float, what: str) -> None:
    """Poll ``url`` until it answers 2xx; fail if the process dies or time runs out."""
    deadline = time.monotonic() + seconds
    last: Exception | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError as exc:
            last = exc
        time.sleep(0.1)
    raise RuntimeError(f"{what} was not ready after {seconds:g} s: {last}")


def start_oxigraph(
    workdir: Path, *, location: bool = True, extra_args: list[str] | None = None
) -> Server:
    """Start ``oxigraph serve`` (data folder in ``workdir``, or in memory)."""
    if OXIGRAPH is None:
        raise RuntimeError("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    cmd = [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}"]
    if location:
        cmd += ["--location", str(workdir / "db")]
    cmd += extra_args or []
    log = (workdir / "stdout.log").open("wb")
    process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    server = Server(
        "oxigraph",
        process,
        base,
        query_url=f"{base}/query",
        update_url=f"{base}/update",
        gsp_url=f"{base}/store",
        workdir=workdir,
    )
    try:
        wait_ready(f"{base}/query?query=ASK%7B%7D", process, 20, "oxigraph serve")
    except RuntimeError:
        server.stop()
        raise
    return server


def virtuoso_ini(db: Path, sql_port: int, http_port: int) -> str:
    """Debian's virtuoso.ini with the DB in ``db`` and both ports on 127.0.0.1."""
    lines = []
    for line in VIRTUOSO_INI.read_text().splitlines():
        line = line.replace("/var/lib/virtuoso-opensource-7/db/", f"{db}/")
        key = line.split("=")[0].strip()
        if key == "ServerPort" and "1111" in line:
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and "8890" in line:
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "NumberOfBuffers":
            line = "NumberOfBuffers = 2000"
        elif key == "MaxDirtyBuffers":
            line = "MaxDirtyBuffers = 1500"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, {db}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def start_virtuoso(workdir: Path) -> Server:
    """Start Virtuoso with a fresh DB in ``workdir`` (user dba/dba, loopback only)."""
    if VIRTUOSO is None or not VIRTUOSO_INI.exists():
        raise RuntimeError("Virtuoso is not installed (Debian package virtuoso-opensource)")
    db = workdir.resolve()
    db.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(virtuoso_ini(db, sql_port, http_port))
    log = (db / "stdout.log").open("wb")
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(db / "virtuoso.ini")],
        cwd=db,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    server = Server(
        "virtuoso",
        process,
        base,
        query_url=f"{base}/sparql",
        update_url=f"{base}/sparql-auth",
        gsp_url=f"{base}/sparql-graph-crud-auth",
        user="dba",
        password="dba",
        auth="digest",
        workdir=db,
        extra={"sql_port": str(sql_port)},
    )
    try:
        wait_ready(f"{base}/sparql?query=ASK%7B%7D", process, 90, "virtuoso")
    except RuntimeError as exc:
        log_text = server.log()
        server.stop()
        raise RuntimeError(f"{exc}\n{log_text}") from None
    return server


def start_lawgraph(
    workdir: Path,
    *,
    store: Path | None = None,
    endpoint: Server | None = None,
    env: dict[str, str] | None = None,
    args: list[str] | None = None,
    ready_seconds: float = 60,
) -> Server:
    """Start ``lawgraph serve`` on a free port, over an embedded store or a remote server."""
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        "-c",
        "from lawgraph.api.command import serve; serve()",
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
        *(args or []),
    ]
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "src"), environment.get("PYTHONPATH")])
    )
    if store is not None:
        cmd += ["--store", str(store)]
    if endpoint is not None:
        cmd += ["--endpoint", endpoint.query_url]
        if endpoint.update_url:
            environment["LAWGRAPH_UPDATE_ENDPOINT"] = endpoint.update_url
        if endpoint.gsp_url:
            environment["LAWGRAPH_GSP_ENDPOINT"] = endpoint.gsp_url
        if endpoint.user:
            environment["LAWGRAPH_REMOTE_USER"] = endpoint.user
            environment["LAWGRAPH_REMOTE_PASSWORD"] = endpoint.password or ""
            environment["LAWGRAPH_REMOTE_AUTH"] = endpoint.auth
    log = (workdir / "stdout.log").open("wb")
    process = subprocess.Popen(
        cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment
    )
    base = f"http://127.0.0.1:{port}"
    server = Server("lawgraph", process, base, query_url=f"{base}/sparql", workdir=workdir)
    try:
        wait_ready(f"{base}/sparql?query=ASK%7B%7D", process, ready_seconds, "lawgraph serve")
    except RuntimeError as exc:
        log_text = server.log()
        server.stop()
        raise RuntimeError(f"{exc}\n{log_text}") from None
    return server


def _processes() -> tuple[dict[int, list[int]], dict[int, float]]:
    """Every live process's children, and its CPU seconds (user + system), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    return children, cpu


def _below(children: dict[int, list[int]], pid: int) -> list[int]:
    out: list[int] = []
    todo = list(children.get(pid, []))
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out


def descendants(pid: int) -> list[int]:
    """The PIDs of the live descendants of ``pid``."""
    return _below(_processes()[0], pid)


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and all its live descendants."""
    children, cpu = _processes()
    return sum(cpu.get(p, 0.0) for p in [pid, *_below(children, pid)])
