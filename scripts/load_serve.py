"""Load test of ``orggraph serve``: many concurrent clients on loopback, bounded memory.

Starts ``orggraph serve`` on a build folder (loopback, a free port), then runs ``--clients``
threads for ``--seconds``, each a bounded request loop over a mix of requests: the named
queries (bound to a place and a program of the graph) by GET and by POST form, plain SPARQL
as ``application/sparql-query``, a CONSTRUCT, an ASK, and the ``/queries`` list, each with
an Accept header naming the format it checks the answer against. The server's resident
memory is sampled throughout.

Prints requests, errors, p50/p95/max latency and the server's RSS (start, peak, end), and
exits 1 on any error (a non-2xx answer, a wrong content type, an unreadable body, a
connection failure) or when memory keeps growing: the peak of the last quarter of the run
more than ``--growth`` (a share, plus 32 MB of slack) above the peak of the second quarter.

    uv run python scripts/load_serve.py out --clients 50 --seconds 60
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from orggraph.rdf.sparql_text import bind_params

SLACK_MB = 32.0
Check = Callable[[str, bytes], None]  # (content type, body) → raises ValueError when wrong


@dataclass(frozen=True)
class Call:
    """One request of the mix and how to check its answer."""

    name: str
    method: str
    path: str
    accept: str
    check: Check
    body: bytes | None = None
    ctype: str | None = None


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float | None:
    """Resident memory of a process in MB (Linux /proc), None once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def start_server(out: Path, port: int, timeout: float) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "orggraph.cli", "serve", str(out), "--port", str(port)]
    proc = subprocess.Popen(
        [*args, "--timeout", str(timeout)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise SystemExit(f"server exited: {err.strip()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/queries", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not answer within 120 s")


def stop_server(proc: subprocess.Popen[bytes]) -> int:
    proc.terminate()
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def request(base: str, call: Call, timeout: float) -> tuple[str, bytes]:
    headers = {"Accept": call.accept}
    if call.ctype:
        headers["Content-Type"] = call.ctype
    req = urllib.request.Request(
        base + call.path, data=call.body, method=call.method, headers=headers
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.headers.get("Content-Type", ""), resp.read()


def expect(media: str, parse: Callable[[bytes], object]) -> Check:
    def check(ctype: str, body: bytes) -> None:
        if not ctype.startswith(media):
            raise ValueError(f"content type {ctype!r}, asked for {media}")
        parse(body)

    return check


def _json_rows(body: bytes) -> None:
    data = json.loads(body)
    if "boolean" not in data and not isinstance(data["results"]["bindings"], list):
        raise ValueError("no bindings")


def _csv_rows(body: bytes) -> None:
    if not next(csv.reader(io.StringIO(body.decode("utf-8"))), None):
        raise ValueError("no header row")


def _ntriples(body: bytes) -> None:
    for line in body.decode("utf-8").splitlines():
        if line and not line.endswith(" ."):
            raise ValueError(f"not N-Triples: {line[:60]!r}")


def _tsv(body: bytes) -> None:
    if not body.decode("utf-8").startswith("?"):
        raise ValueError("no TSV header")


def _named_list(body: bytes) -> None:
    if not isinstance(json.loads(body), list):
        raise ValueError("not a list")


def first_value(base: str, query: str) -> str:
    """The first value a one-variable SELECT returns (to bind named-query parameters)."""
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        rows = list(csv.reader(io.StringIO(resp.read().decode("utf-8"))))
    return rows[1][0] if len(rows) > 1 else ""


def the_mix(base: str) -> list[Call]:
    """The requests every client cycles through (named queries bound to values of the graph)."""
    with urllib.request.urlopen(f"{base}/queries", timeout=60) as resp:
        named = json.loads(resp.read())
    values = {
        "place": first_value(base, "SELECT ?l WHERE { ?m og:place/rdfs:label ?l } LIMIT 1"),
        "program": first_value(base, "SELECT ?l WHERE { ?p a og:Program ; rdfs:label ?l } LIMIT 1"),
    }
    calls: list[Call] = []
    for n, q in enumerate(named):
        text = bind_params(q["query"], {p: values[p] for p in q["params"] if values.get(p)})
        if n % 2:
            form = urllib.parse.urlencode({"query": text}).encode()
            ctype = "application/x-www-form-urlencoded"
            calls.append(
                Call(
                    f"POST {q['name']}",
                    "POST",
                    "/query",
                    "text/csv",
                    expect("text/csv", _csv_rows),
                    form,
                    ctype,
                )
            )
        else:
            path = "/query?" + urllib.parse.urlencode({"query": text})
            json_type = "application/sparql-results+json"
            calls.append(
                Call(f"GET {q['name']}", "GET", path, json_type, expect(json_type, _json_rows))
            )
    count = "SELECT ?kind (COUNT(?s) AS ?n) WHERE { ?s a ?kind } GROUP BY ?kind"
    construct = "CONSTRUCT { ?p a og:Program } WHERE { ?p a og:Program } LIMIT 50"
    tsv = "text/tab-separated-values"
    calls += [
        Call(
            "POST sparql",
            "POST",
            "/query",
            tsv,
            expect(tsv, _tsv),
            count.encode(),
            "application/sparql-query",
        ),
        Call(
            "GET construct",
            "GET",
            "/query?" + urllib.parse.urlencode({"query": construct}),
            "application/n-triples",
            expect("application/n-triples", _ntriples),
        ),
        Call(
            "GET ask",
            "GET",
            "/query?" + urllib.parse.urlencode({"query": "ASK { ?s a og:Metric }"}),
            "application/sparql-results+json",
            expect("application/sparql-results+json", _json_rows),
        ),
        Call(
            "GET /queries",
            "GET",
            "/queries",
            "application/json",
            expect("application/json", _named_list),
        ),
    ]
    return calls


def client(
    base: str,
    calls: list[Call],
    until: float,
    tally: Tally,
    seed: int,
    max_requests: int,
    timeout: float,
) -> None:
    """A bounded request loop: until the deadline or ``max_requests``, whichever first."""
    order = random.Random(seed)
    for _ in range(max_requests):
        if time.monotonic() >= until:
            return
        call = order.choice(calls)
        began = time.perf_counter()
        error = None
        try:
            ctype, body = request(base, call, timeout)
            call.check(ctype, body)
        except urllib.error.HTTPError as exc:
            error = f"{call.name}: HTTP {exc.code} {exc.read()[:120]!r}"
        except (OSError, ValueError, KeyError, UnicodeDecodeError) as exc:
            error = f"{call.name}: {type(exc).__name__}: {exc}"
        tally.add(time.perf_counter() - began, error)


def sample_memory(pid: int, stop: threading.Event, samples: list[tuple[float, float]]) -> None:
    began = time.monotonic()
    while not stop.is_set():
        rss = rss_mb(pid)
        if rss is not None:
            samples.append((time.monotonic() - began, rss))
        stop.wait(0.25)


def growth(samples: list[tuple[float, float]], seconds: float) -> tuple[float, float]:
    """Peak RSS of the second quarter and of the last quarter of the run."""
    second = [r for t, r in samples if seconds / 4 <= t < seconds / 2] or [0.0]
    last = [r for t, r in samples if t >= 3 * seconds / 4] or [0.0]
    return max(second), max(last)


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def run(args: argparse.Namespace) -> int:
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(args.out, port, args.timeout)
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    tally = Tally()
    try:
        calls = the_mix(base)
        sampler = threading.Thread(target=sample_memory, args=(proc.pid, stop, samples))
        sampler.start()
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=client,
                args=(base, calls, until, tally, n, args.max_requests, args.timeout + 30),
            )
            for n in range(args.clients)
        ]
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began
        stop.set()
        sampler.join()
    finally:
        stop.set()
        code = stop_server(proc)
    return report(args, tally, samples, elapsed, code)


def report(
    args: argparse.Namespace,
    tally: Tally,
    samples: list[tuple[float, float]],
    elapsed: float,
    code: int,
) -> int:
    lat = sorted(tally.latencies)
    rss = [r for _, r in samples]
    mid, last = growth(samples, args.seconds)
    grew = last > mid * (1 + args.growth) + SLACK_MB
    print(f"clients {args.clients}, {elapsed:.1f} s, build {args.out}")
    print(
        f"requests {len(lat)} ({len(lat) / max(elapsed, 1e-9):.1f}/s), errors {len(tally.errors)}"
    )
    if lat:
        p50, p95 = percentile(lat, 0.50) * 1000, percentile(lat, 0.95) * 1000
        print(f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {lat[-1] * 1000:.0f} ms")
    if rss:
        print(
            f"server RSS start {rss[0]:.0f} MB, peak {max(rss):.0f} MB, end {rss[-1]:.0f} MB "
            f"(2nd-quarter peak {mid:.0f} MB, last-quarter peak {last:.0f} MB)"
        )
    for error in tally.errors[:10]:
        print(f"error: {error}")
    if grew:
        print(f"error: memory grew from {mid:.0f} MB to {last:.0f} MB")
    if code != 0:
        print(f"error: the server exited with {code}")
    return 1 if tally.errors or grew or code != 0 or not lat else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a build folder (with its store/)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=100_000, help="per client")
    parser.add_argument("--timeout", type=float, default=30.0, help="the server's query timeout")
    parser.add_argument("--growth", type=float, default=0.25, help="share of RSS growth allowed")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
