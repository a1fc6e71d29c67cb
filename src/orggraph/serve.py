"""A read-only SPARQL 1.1 Protocol endpoint over a build's store (Starlette app, run by uvicorn).

Routes: ``/query`` (GET ``?query=``, POST form or ``application/sparql-query``; result format
by the Accept header), ``/queries`` (the named queries as JSON), ``/`` (the YASGUI query
page, its script and style served from ``/assets/``: no request leaves the server).
Updates are refused with 403. Each query runs in its own daemon thread; one still running
after ``timeout`` seconds is answered with 503 (and abandoned), and at most ``MAX_RUNNING``
queries run at once.
"""

from __future__ import annotations

import asyncio
import threading
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
from orggraph.rdf.store import store_dir

MAX_RUNNING = 4
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


class Endpoint:
    """The store and the limits one server applies to every query."""

    def __init__(self, store: ox.Store, timeout: float) -> None:
        self.store = store
        self.timeout = timeout
        self.slots = threading.BoundedSemaphore(MAX_RUNNING)

    async def run(self, work: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str]:
        """Run ``work`` in a daemon thread; QueryTimeout if it outlasts the timeout."""
        if not self.slots.acquire(blocking=False):
            raise Busy
        loop = asyncio.get_running_loop()
        done: asyncio.Future[tuple[bytes, str]] = loop.create_future()

        def settle(result: Any, error: BaseException | None) -> None:
            if done.done():
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(result)

        def thread() -> None:
            try:
                result, error = work(), None
            except BaseException as exc:
                result, error = None, exc
            finally:
                self.slots.release()
            loop.call_soon_threadsafe(settle, result, error)

        threading.Thread(target=thread, daemon=True, name="sparql-query").start()
        try:
            return await asyncio.wait_for(asyncio.shield(done), self.timeout)
        except TimeoutError as exc:
            raise QueryTimeout from exc

    def answer(self, query: str, accept: str) -> tuple[bytes, str]:
        """Run a query and serialize its result in the negotiated format."""
        result = self.store.query(query, prefixes=PREFIXES)
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, GRAPH_TYPES, "text/turtle")
            if media is None:
                raise NotAcceptable(", ".join(GRAPH_TYPES))
            return ox.serialize(result, format=GRAPH_TYPES[media]) or b"", media
        media = negotiate(accept, SOLUTION_TYPES, "application/sparql-results+json")
        if media is None:
            raise NotAcceptable(", ".join(SOLUTION_TYPES))
        return result.serialize(format=SOLUTION_TYPES[media]) or b"", media


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


def make_app(store: ox.Store, timeout: float = 30.0) -> Starlette:
    """The Starlette application serving ``store``."""
    endpoint = Endpoint(store, timeout)

    async def query(request: Request) -> Response:
        text, refusal = await _query_text(request)
        if refusal is not None:
            return refusal
        if not text:
            return PlainTextResponse("give a SPARQL query in the 'query' parameter", 400)
        accept = request.headers.get("accept", "*/*")
        try:
            body, media = await endpoint.run(lambda: endpoint.answer(text, accept))
        except SyntaxError as exc:
            return PlainTextResponse(f"malformed query: {exc}", 400)
        except NotAcceptable as exc:
            return PlainTextResponse(f"cannot answer in the accepted formats; try {exc}", 406)
        except QueryTimeout:
            return PlainTextResponse(f"query timed out after {timeout:g} s", 503)
        except Busy:
            return PlainTextResponse("too many queries running; try again later", 503)
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
