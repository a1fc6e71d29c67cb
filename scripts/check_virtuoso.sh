#!/usr/bin/env bash
# Push a build into a local Virtuoso (Debian virtuoso-opensource) and check the triple count
# and the shared-programs rows, twice in a row.
#
#   sudo apt-get install -y virtuoso-opensource     # asks for a dba password (or set it below)
#   bash scripts/check_virtuoso.sh out              # out/ = a build folder
#
# Virtuoso's Graph Store endpoint needs credentials: ORGGRAPH_PUSH_USER/ORGGRAPH_PUSH_PASSWORD
# (default dba/dba), and the user needs SPARQL_UPDATE (granted below for dba's SPARQL role).
set -euo pipefail
OUT=${1:-out}
HOST=${VIRTUOSO_HOST:-127.0.0.1}
PORT=${VIRTUOSO_HTTP_PORT:-8890}
GRAPH=${ORGGRAPH_GRAPH:-https://w3id.org/orggraph/graph}
export ORGGRAPH_PUSH_USER=${ORGGRAPH_PUSH_USER:-dba}
export ORGGRAPH_PUSH_PASSWORD=${ORGGRAPH_PUSH_PASSWORD:-dba}

if ! curl -fsS "http://$HOST:$PORT/sparql?query=ASK%7B%7D" >/dev/null 2>&1; then
  echo "starting Virtuoso (service virtuoso-opensource-7)" >&2
  service virtuoso-opensource-7 start
  for _ in $(seq 60); do
    curl -fsS "http://$HOST:$PORT/sparql?query=ASK%7B%7D" >/dev/null 2>&1 && break
    sleep 1
  done
fi

count() {
  curl -fsS -H 'Accept: text/csv' --data-urlencode \
    "query=SELECT (COUNT(*) AS ?n) WHERE { GRAPH <$GRAPH> { ?s ?p ?o } }" \
    "http://$HOST:$PORT/sparql" | tail -1 | tr -d '"\r'
}
rows() {
  # the named query over the pushed graph (FROM names the graph)
  q=$(uv run python -c "
from orggraph.rdf.query import named_query
t = named_query('shared-programs').text
print(t.replace('WHERE {', 'FROM <$GRAPH> WHERE {', 1))")
  curl -fsS -H 'Accept: text/csv' --data-urlencode "query=$q" "http://$HOST:$PORT/sparql" | md5sum
}

expected=$(uv run python -c "
from rdflib import Graph
print(len(Graph().parse('$OUT/graph.ttl', format='turtle')))")
for round in 1 2; do
  uv run orggraph push "$OUT" --endpoint "http://$HOST:$PORT/sparql-graph-crud-auth" --graph "$GRAPH"
  got=$(count)
  echo "round $round: $got triples in <$GRAPH> (graph.ttl: $expected); shared-programs $(rows)"
  [ "$got" = "$expected" ] || { echo "triple count differs" >&2; exit 1; }
done
