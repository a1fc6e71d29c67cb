"""A read-only SPARQL 1.1 Protocol endpoint over a build's store (Starlette app, run by uvicorn).

Routes: ``/query`` (GET ``?query=``, POST form or ``application/sparql-query``; result format
by the Accept header), ``/queries`` (the named queries as JSON), ``/`` (the YASGUI query
page, its script and style served from ``/assets/``: no request leaves the server).
Updates and ``SERVICE`` are refused with 403. Each query runs in its own daemon thread; one
still running after ``timeout`` seconds (waiting included) is answered with 503 and abandoned
(it stops at its next result row), at most ``MAX_RUNNING`` queries run at once while others
wait their turn, and a result is bounded by ``MAX_RESULT_BYTES`` (413).
"""

from __future__ import annotations

import asyncio
import io
import threading
import time
import typing
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from orggraph.errors import GraphError
from orggraph.rdf.namespace import PREFIXES
from orggraph.rdf.query import named_queries
from orggraph.rdf.sparql_text import uses_service
from orggraph.rdf.store import store_dir

MAX_RUNNING = 4  # queries evaluated at once
MAX_WAITING = 256  # requests queued for a slot; more are refused with 503
MAX_RESULT_BYTES = 64 * 2**20  # a larger serialized result is refused (413)
SOLUTION_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
UPDATE_TYPE = "application/sparql-update"
# The query page's editor: YASGUI, vendored (serve_assets/YASGUI.SOURCE.md).
ASSETS = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css"}


class QueryTimeout(Exception):
    pass


class Busy(Exception):
    pass


class NotAcceptable(Exception):
    pass


class ServiceRefused(Exception):
    pass


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    ranked = []
    for n, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if fields[0] and q > 0:
            ranked.append((-q, n, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


def negotiate(accept: str, table: dict[str, Any], default: str) -> str | None:
    """The media type to answer with, or None when the client accepts none we write."""
    wanted = _accepted(accept or "*/*") or ["*/*"]
    for media in wanted:
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default if media == "*/*" or default.startswith(media[:-1]) else None
    return None


class TooLarge(Exception):
    pass


class _Capped(io.RawIOBase):
    """A bytes sink that stops a result past ``limit`` bytes or past ``deadline``.

    Serializing into it streams the solutions, so a query abandoned after its timeout stops
    at its next row, and a result too large for memory is refused instead of buffered.
    """

    def __init__(self, limit: int, deadline: float) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit
        self.deadline = deadline

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.size += len(chunk)
        if self.size > self.limit:
            raise TooLarge
        if time.monotonic() > self.deadline:
            raise QueryTimeout
        self.parts.append(chunk)
        return len(chunk)


def _detached(exc: BaseException) -> BaseException:
    """``exc`` without its traceback: pyoxigraph results in its frames die on their thread."""
    exc.__traceback__ = exc.__context__ = exc.__cause__ = None
    return exc


class Endpoint:
    """The store and the limits one server applies to every query.

    At most ``MAX_RUNNING`` queries run at once; up to ``MAX_WAITING`` more wait for a slot
    (within their timeout); beyond that a request is refused at once with 503.
    """

    def __init__(self, store: ox.Store, timeout: float, max_bytes: int = MAX_RESULT_BYTES) -> None:
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.slots: asyncio.Semaphore | None = None
        self.waiting = 0

    async def run(self, work: Callable[[float], tuple[bytes, str]]) -> tuple[bytes, str]:
        """Run ``work(deadline)`` in a daemon thread; QueryTimeout if it outlasts the timeout."""
        loop = asyncio.get_running_loop()
        deadline = time.monotonic() + self.timeout
        slots = self.slots = self.slots or asyncio.Semaphore(MAX_RUNNING)
        if self.waiting >= MAX_WAITING:
            raise Busy
        self.waiting += 1
        try:
            await asyncio.wait_for(slots.acquire(), self.timeout)
        except TimeoutError as exc:
            raise QueryTimeout from exc
        finally:
            self.waiting -= 1
        done: asyncio.Future[tuple[bytes, str]] = loop.create_future()

        def settle(result: Any, error: BaseException | None) -> None:
            slots.release()
            if done.done():
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(result)

        def thread() -> None:
            try:
                result, error = work(deadline), None
            except BaseException as exc:
                result, error = None, _detached(exc)
            loop.call_soon_threadsafe(settle, result, error)

        threading.Thread(target=thread, daemon=True, name="sparql-query").start()
        try:
            return await asyncio.wait_for(asyncio.shield(done), deadline - time.monotonic())
        except TimeoutError as exc:
            raise QueryTimeout from exc

    def answer(self, query: str, accept: str, deadline: float) -> tuple[bytes, str]:
        """Run a query and serialize its result in the negotiated format."""
        if uses_service(query):
            raise ServiceRefused
        result = self.store.query(query, prefixes=PREFIXES)
        capped = _Capped(self.max_bytes, deadline)
        sink = typing.cast(typing.IO[bytes], capped)
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, GRAPH_TYPES, "text/turtle")
            if media is None:
                raise NotAcceptable(", ".join(GRAPH_TYPES))
            ox.serialize(result, sink, format=GRAPH_TYPES[media])
            return b"".join(capped.parts), media
        media = negotiate(accept, SOLUTION_TYPES, "application/sparql-results+json")
        if media is None:
            raise NotAcceptable(", ".join(SOLUTION_TYPES))
        result.serialize(sink, format=SOLUTION_TYPES[media])
        return b"".join(capped.parts), media


async def _query_text(request: Request) -> tuple[str | None, Response | None]:
    """The query of a request, or the response refusing it."""
    if request.method == "GET":
        if "update" in request.query_params:
            return None, _refuse_update()
        return request.query_params.get("query"), None
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == UPDATE_TYPE:
        return None, _refuse_update()
    if ctype == "application/sparql-query":
        return (await request.body()).decode("utf-8", "replace"), None
    if ctype == "application/x-www-form-urlencoded":
        form = urllib.parse.parse_qs((await request.body()).decode("utf-8", "replace"))
        if "update" in form:
            return None, _refuse_update()
        queries = form.get("query") or []
        return (queries[0] if queries else None), None
    return None, PlainTextResponse(
        "POST a query as application/sparql-query or as a form field 'query'", 415
    )


def _refuse_update() -> Response:
    return PlainTextResponse("this endpoint is read-only: SPARQL updates are refused", 403)


def make_app(
    store: ox.Store, timeout: float = 30.0, max_bytes: int = MAX_RESULT_BYTES
) -> Starlette:
    """The Starlette application serving ``store``; results over ``max_bytes`` are a 413."""
    endpoint = Endpoint(store, timeout, max_bytes)

    async def query(request: Request) -> Response:
        text, refusal = await _query_text(request)
        if refusal is not None:
            return refusal
        if not text:
            return PlainTextResponse("give a SPARQL query in the 'query' parameter", 400)
        accept = request.headers.get("accept", "*/*")
        try:
            body, media = await endpoint.run(lambda end: endpoint.answer(text, accept, end))
        except SyntaxError as exc:
            return PlainTextResponse(f"malformed query: {exc}", 400)
        except NotAcceptable as exc:
            return PlainTextResponse(f"cannot answer in the accepted formats; try {exc}", 406)
        except QueryTimeout:
            return PlainTextResponse(f"query timed out after {timeout:g} s", 503)
        except Busy:
            return PlainTextResponse("too many queries waiting; try again later", 503)
        except TooLarge:
            limit = f"{endpoint.max_bytes / 2**20:g} MB"
            return PlainTextResponse(f"result over {limit}; add a LIMIT to the query", 413)
        except ServiceRefused:
            return PlainTextResponse("SERVICE (a request to another host) is refused here", 403)
        except (OSError, ValueError, TypeError) as exc:
            return PlainTextResponse(f"query failed: {exc}", 400)
        return Response(body, media_type=media)

    async def queries(_: Request) -> Response:
        return JSONResponse(
            [
                {
                    "name": q.name,
                    "description": q.description,
                    "params": list(q.params),
                    "query": q.text,
                }
                for q in named_queries().values()
            ]
        )

    async def page(_: Request) -> Response:
        html = (files("orggraph") / "serve_page.html").read_text(encoding="utf-8")
        return HTMLResponse(html)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return PlainTextResponse("not found", 404)
        data = (files("orggraph") / "serve_assets" / name).read_bytes()
        return Response(data, media_type=ASSETS[name], headers={"Cache-Control": "max-age=3600"})

    return Starlette(
        routes=[
            Route("/", page),
            Route("/query", query, methods=["GET", "POST"]),
            Route("/sparql", query, methods=["GET", "POST"]),
            Route("/queries", queries),
            Route("/assets/{name}", asset),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
            )
        ],
    )


def open_served_store(out: Path) -> ox.Store:
    """The store of a build folder, opened read-only."""
    found = store_dir(out)
    if found is None:
        raise GraphError(f"{out} has no store; run orggraph build first")
    try:
        return ox.Store.read_only(str(found))
    except OSError as exc:
        raise GraphError(f"cannot open the store in {found}: {exc}") from exc


def serve(out: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 30.0) -> None:
    """Serve a build's store until SIGINT or SIGTERM."""
    import uvicorn

    class Server(uvicorn.Server):
        @contextmanager
        def capture_signals(self) -> Iterator[None]:
            """Stop on SIGINT/SIGTERM and exit normally (uvicorn re-raises them otherwise)."""
            with super().capture_signals():
                yield
                self._captured_signals.clear()

    app = make_app(open_served_store(out), timeout)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    Server(config).run()
