"""Command line: each command checks its arguments, then calls the library function for it."""

from __future__ import annotations

import logging
import warnings
import webbrowser
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from orggraph import __version__
from orggraph.collector import collector_paused
from orggraph.console import (
    Format,
    echo,
    err,
    fail,
    finished,
    program,
    progress_bar,
    terminal_safe,
    user_errors,
)
from orggraph.errors import OutputError, QueryError

app = typer.Typer(
    help="Build knowledge graphs from Chinese reports on local Party organizational work.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# rdflib logs a traceback for every ill-typed literal it reads, and warns with its own
# install path: neither is for a user (the graph is read tolerantly).
logging.getLogger("rdflib").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", module="rdflib")

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUT = Path("out")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"orggraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """orggraph: places, programs, documents and metrics as an RDF graph, with evidence."""


@app.command(
    epilog="Examples:  orggraph build  (the seeds into out/)  |  orggraph build reports/ -o out/"
    "  |  orggraph build a.pdf b.docx c.html --excel"
)
def build(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to read (default: seeds/).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = DEFAULT_OUT,
    html: Annotated[bool, typer.Option(help="Also write graph.html.")] = True,
    excel: Annotated[
        bool, typer.Option("--excel", help="metrics.csv with a UTF-8 BOM, for Excel.")
    ] = False,
    strict: Annotated[
        bool, typer.Option(help="Fail on a file that cannot be read (default: skip, warn).")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Extraction processes (default: cores)."),
    ] = None,
    cache: Annotated[
        bool, typer.Option(help="Reuse the facts of unchanged files from --out/cache.")
    ] = True,
    executor: Annotated[str, typer.Option(help="Where extraction runs: local or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://HOST:PORT).")
    ] = None,
) -> None:
    """Build the graph: writes graph.ttl, store/, graph.html, metrics.csv, report.json to --out.

    --out is replaced as a whole when the build completes, and left as it was on an error
    or Ctrl-C; two builds into the same --out never interleave.
    """
    from orggraph.build import build as run_build
    from orggraph.build import default_jobs
    from orggraph.progress import reporter

    paths = inputs or [DEFAULT_INPUT]
    # The collector stays off to the end: a full pass over the build's objects once it
    # returns would only delay the program's exit (``finished``).
    with collector_paused():
        with user_errors(), reporter(err) as report:
            summary = run_build(
                paths,
                out,
                html=html,
                progress=report.step,
                phase=report.phase,
                jobs=jobs or default_jobs(),
                strict=strict,
                excel=excel,
                use_cache=cache,
                executor=executor,
                scheduler=scheduler,
            )
        for warning in summary.warnings:
            err.print(f"warning: {terminal_safe(warning)}", markup=False, soft_wrap=True)
        typer.echo(
            f"articles {summary.articles}  places {summary.places}  programs {summary.programs}  "
            f"documents {summary.documents}  metrics {summary.metrics}  "
            f"warnings {len(summary.warnings)}"
        )
        for path in summary.outputs:
            typer.echo(f"wrote {path}")
        finished()


@app.command(
    epilog="Examples:  orggraph query --list  |  orggraph query out/graph.ttl --name "
    "place-metrics --param place=怀化市 --format csv  |  orggraph query out/graph.ttl "
    "'SELECT ?p WHERE { ?p a og:Program } LIMIT 5' --format json"
)
def query(
    graph: Annotated[
        Path | None,
        typer.Argument(help="A build folder (its store) or a graph.ttl; not needed with --list."),
    ] = None,
    sparql: Annotated[
        str | None, typer.Argument(help="A SPARQL query text, or a named query's name.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a named query.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Bind a variable: NAME=VALUE.")
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="table, or W3C SPARQL results json/csv/tsv/xml.")
    ] = Format.table,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    limit: Annotated[int, typer.Option(help="Most rows to print (0: no limit).")] = 100_000,
    timeout: Annotated[float, typer.Option(help="Seconds before giving up.")] = 300.0,
    allow_service: Annotated[
        bool, typer.Option(help="Let SERVICE send requests to other hosts (off: refused).")
    ] = False,
) -> None:
    """Run SPARQL (SELECT, ASK, CONSTRUCT) over a built graph; og:, rdfs:, … are predefined."""
    from orggraph.rdf.params import check_names, check_values, parse_assignments, read_query_file
    from orggraph.rdf.query import format_result, load_store, named_queries, named_query, run_query
    from orggraph.rdf.results import bounded_results

    with user_errors():
        if list_queries:
            for q in named_queries().values():
                declared = f"  [params: {', '.join(q.params)}]" if q.params else ""
                typer.echo(f"{q.name}: {q.description}{declared}")
            return
        if graph is None:
            fail("give a graph (e.g. out/graph.ttl), or --list", QueryError.exit_code)
        if sparql is not None and name is None and sparql.strip() in named_queries():
            name, sparql = sparql.strip(), None  # the name of a named query stands for --name
        given = [x for x in (sparql, file, name) if x is not None]
        if len(given) != 1:
            fail("give exactly one of QUERY, --file or --name", QueryError.exit_code)
        if file is not None:
            text = read_query_file(file)
        elif name is not None:
            named = named_query(name)
            text = named.text
            check_names(name, named.params, text, parse_assignments(param or []))
        else:
            text = sparql or ""
        store = load_store(graph)
        params = parse_assignments(param or [])  # a dict of NAME → VALUE
        if name is not None and params:
            check_values(store, params)
        rows, secs = limit or None, timeout or None
        if fmt is not Format.table:  # W3C formats are for programs: written as they are
            w3c = bounded_results(
                store,
                text,
                params,
                fmt.value,
                allow_service=allow_service,
                limit=rows,
                timeout=secs,
            )
            typer.echo(w3c.text, nl=not w3c.text.endswith("\n"))
        else:
            result = run_query(
                store, text, params, allow_service=allow_service, limit=rows, timeout=secs
            )
            echo(format_result(result, fmt.value))
    if (w3c if fmt is not Format.table else result).truncated:
        err.print(
            f"warning: only the first {limit} rows, more left out; raise --limit for more",
            markup=False,
        )


@app.command(
    epilog="Examples:  orggraph view out/graph.ttl --open  |  orggraph view out/graph.ttl -o p.html"
    "  (views in the URL hash: #view=table, diffusion, timeline, map, reader)"
)
def view(
    graph: Annotated[Path, typer.Argument(help="A build folder (its store) or a graph.ttl.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="HTML file to write.")] = None,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
) -> None:
    """(Re)render the interactive HTML page from a build folder or a Turtle file."""
    from orggraph.outputs.html import render_html
    from orggraph.rdf.subgraph import full_graph

    target = out or (graph / "graph.html" if graph.is_dir() else graph.with_suffix(".html"))
    if target.resolve() == graph.resolve() or (
        target.exists() and graph.exists() and target.samefile(graph)
    ):
        fail(f"--out {target} is the graph itself; give another file", OutputError.exit_code)
    with user_errors():
        folder = graph if graph.is_dir() else graph.parent
        texts = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("text/*.txt")}
        summary = render_html(full_graph(graph), target, title=graph.stem, texts=texts)
    typer.echo(f"wrote {target} ({summary.nodes} nodes, {summary.edges} edges)")
    if open_page:
        webbrowser.open(target.resolve().as_uri())


@app.command(
    epilog="Examples:  orggraph explain out/graph.ttl 怀化市"
    "  |  orggraph explain out/graph.ttl 双报到双服务 --json"
)
def explain(
    graph: Annotated[Path, typer.Argument(help="A build folder (its store) or a graph.ttl.")],
    name: Annotated[str, typer.Argument(help="A label (e.g. 双报到双服务) or an IRI.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON.")] = False,
) -> None:
    """Everything the graph states about an entity, each fact with its sentence and source."""
    from orggraph.errors import AmbiguousNameError
    from orggraph.outputs.explain_store import explain_path

    with user_errors():
        try:
            explanation = explain_path(graph, name)
        except AmbiguousNameError as exc:
            echo(exc.format_candidates())
            raise
    if as_json:
        import dataclasses
        import json

        typer.echo(json.dumps(dataclasses.asdict(explanation), ensure_ascii=False, indent=1))
        return
    echo(explanation.format())


class ExportFormat(StrEnum):
    """Interchange formats of ``export``."""

    gexf = "gexf"
    graphml = "graphml"
    jsonld = "jsonld"
    csv = "csv"


@app.command(
    epilog="Examples:  orggraph export out/graph.ttl --to gexf  (open out/graph.gexf in Gephi)"
    "  |  orggraph export out/graph.ttl --to jsonld -o graph.jsonld"
    "  |  orggraph export out/graph.ttl --to csv  (out/graph.nodes.csv, out/graph.edges.csv)"
)
def export(
    graph: Annotated[Path, typer.Argument(help="A built graph (Turtle).")],
    to: Annotated[ExportFormat, typer.Option("--to", help="Format to write.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (default: beside GRAPH).")
    ] = None,
) -> None:
    """Export the graph for other tools: GEXF/GraphML (Gephi), JSON-LD, CSV node/edge lists."""
    from orggraph.outputs.interchange import export_graph
    from orggraph.rdf.load import load_graph

    target = out or graph.with_suffix(".jsonld" if to is ExportFormat.jsonld else f".{to.value}")
    with user_errors():
        paths = export_graph(load_graph(graph), to.value, target)
    for path in paths:
        typer.echo(f"wrote {path}")


@app.command(
    "eval",
    epilog="Examples:  orggraph eval tests/gold  |  orggraph eval tests/gold out/graph.ttl --json",
)
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Folder of gold annotations (one JSON per article).")
    ],
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="Reports to build (default: seeds/), a build folder or a graph.ttl."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    misses: Annotated[bool, typer.Option(help="List misses and false positives.")] = True,
) -> None:
    """Score extraction against gold annotations: P/R/F1 per category, accuracies, misses."""
    import json

    from orggraph.build import graph_of_inputs
    from orggraph.evaluate import evaluate_graph
    from orggraph.rdf.store import store_dir
    from orggraph.rdf.subgraph import full_graph

    paths = inputs or [DEFAULT_INPUT]
    with user_errors():
        built = len(paths) == 1 and paths[0].is_dir() and store_dir(paths[0]) is not None
        if len(paths) == 1 and (paths[0].suffix == ".ttl" or built):
            graph = full_graph(paths[0])
        else:
            with progress_bar("extracting") as update:
                graph = graph_of_inputs(paths, update)
        result = evaluate_graph(graph, gold)
    if as_json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
        return
    typer.echo(result.format_table())
    if misses:
        typer.echo(result.format_misses())


@app.command()
def validate(
    graph: Annotated[Path, typer.Argument(help="A build folder (its store) or a graph.ttl.")],
) -> None:
    """Check a graph against the ontology's SHACL shapes; one line per violation."""
    from orggraph.errors import ShapeViolationError
    from orggraph.rdf.subgraph import full_graph
    from orggraph.rdf.validate import violations

    with user_errors():
        found = violations(full_graph(graph))
        if found:
            typer.echo("\n".join(found))
            raise ShapeViolationError(str(graph), found)
    typer.echo(f"{graph}: conforms to the orggraph shapes")


@app.command()
def serve(
    out: Annotated[Path, typer.Argument(help="A build folder (with its store/).")] = DEFAULT_OUT,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 30.0,
) -> None:
    """Serve the graph read-only: SPARQL at /query, a query page at /, named queries at /queries."""
    from orggraph.serve import open_served_store
    from orggraph.serve import serve as run_serve

    with user_errors():
        open_served_store(out)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: listening on {host}: anyone who can reach it can query the graph")
    err.print(f"serving {out} at http://{host}:{port}/ (SPARQL: /query); Ctrl-C stops")
    with user_errors():
        run_serve(out, host=host, port=port, timeout=timeout)


@app.command()
def push(
    out: Annotated[Path, typer.Argument(help="A build folder or a graph.ttl.")],
    endpoint: Annotated[
        str, typer.Option(help="Graph Store URL (Oxigraph /store, Fuseki /DATASET/data).")
    ],
    graph: Annotated[
        str | None, typer.Option(help="Named graph IRI to replace (default graph if absent).")
    ] = None,
) -> None:
    """PUT the graph into a triple store (replaces that graph; credentials from the environment:
    ORGGRAPH_PUSH_USER, ORGGRAPH_PUSH_PASSWORD)."""
    from orggraph.push import push as run_push

    with user_errors():
        result = run_push(out, endpoint, graph)
    typer.echo(f"pushed {result.bytes_sent} bytes to {result.url} (HTTP {result.status})")


if __name__ == "__main__":
    program()
