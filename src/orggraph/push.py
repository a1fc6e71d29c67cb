"""Load a build's graph into a running triple store (SPARQL 1.1 Graph Store HTTP Protocol).

``PUT`` replaces the target graph with ``graph.ttl``, so pushing twice leaves the same
triples. The endpoint is the store's Graph Store URL: Oxigraph ``/store``, Apache Jena
Fuseki ``/DATASET/data``, Virtuoso ``/sparql-graph-crud`` (``/sparql-graph-crud-auth`` with
credentials). Credentials come from ORGGRAPH_PUSH_USER / ORGGRAPH_PUSH_PASSWORD (HTTP Basic,
or Digest when the server asks for it, as Virtuoso does).
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from orggraph.errors import PushError
from orggraph.rdf.store import turtle_of

USER_ENV = "ORGGRAPH_PUSH_USER"
PASSWORD_ENV = "ORGGRAPH_PUSH_PASSWORD"
TIMEOUT = 600.0


@dataclass(frozen=True)
class PushResult:
    url: str
    status: int
    bytes_sent: int


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store URL of the target: ``?graph=IRI`` or ``?default``."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"--endpoint must be an http(s) URL, got {endpoint!r}")
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, joined, ""))


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user:
        passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
        passwords.add_password(None, url, user, password or "", is_authenticated=False)
        handlers += [
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def push(out: Path, endpoint: str, graph: str | None = None) -> PushResult:
    """PUT the build's graph.ttl into ``graph`` (default graph when None) at ``endpoint``."""
    body = turtle_of(out).read_bytes()
    url = target_url(endpoint, graph)
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "text/turtle; charset=utf-8"}
    )
    try:
        with _opener(url, user, password).open(request, timeout=TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else exc.reason
        raise PushError(f"{endpoint} refused the graph: HTTP {exc.code} {reason}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = str(getattr(exc, "reason", None) or exc)
        raise PushError(f"cannot reach {endpoint}: {reason}") from exc
    return PushResult(url, status, len(body))
