"""A fast, deterministic Turtle writer (rdflib's serializer is the slowest stage of a build).

Subjects in IRI order, ``a`` first then predicates in IRI order, objects in term order; names
in a bound namespace written as prefixed names; numbers and booleans in their short forms. The
same graph always gives the same bytes, and rdflib reads the text back to the same graph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain, compress, islice
from operator import eq

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

# a local name that needs no escaping in a prefixed name (a safe subset of PN_LOCAL)
LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
BARE = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}
# Other control characters become UCHAR escapes (backslash-u and four hex digits), so a quote
# cut from a report never puts a raw escape sequence into graph.ttl, a terminal or an editor.
_CONTROLS = {c: f"\\u{c:04X}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
ESCAPES = str.maketrans(_CONTROLS | {ord(k): v for k, v in _NAMED.items()})
IRI_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in '<>"{}|^`\\ '})
_UNSAFE = re.compile("[" + re.escape('<>"{}|^`\\ ') + "]")


class _Names:
    """IRIs as prefixed names where a bound namespace allows, remembering the prefixes used."""

    def __init__(self, namespaces: Iterable[tuple[str, str]]) -> None:
        spaces = sorted(((str(ns), p) for p, ns in namespaces if p), key=_longest)
        self.spaces = spaces
        self.used: dict[str, str] = {}
        self.cache: dict[str, str] = {}
        # A local name holds no "/" or "#": when every namespace ends with one, the only one
        # that can name an IRI ends where the IRI's last "/" or "#" does (looked up at once).
        self.by_end: dict[str, str] | None = None
        if all(ns[-1:] in "/#" for ns, _ in spaces):
            self.by_end = {}
            for ns, prefix in spaces:
                self.by_end.setdefault(ns, prefix)  # as the loop: the first in order

    def iri(self, iri: str) -> str:
        text = self.cache.get(iri)
        if text is None:
            found = self._namespace(iri)
            if found is None:
                text = f"<{iri.translate(IRI_ESCAPES) if _UNSAFE.search(iri) else iri}>"
            else:
                ns, prefix = found
                text = f"{prefix}:{iri[len(ns) :]}"
                self.used[prefix] = ns
            self.cache[iri] = text
        return text

    def _namespace(self, iri: str) -> tuple[str, str] | None:
        """The longest bound namespace whose rest of ``iri`` is a plain local name."""
        if self.by_end is not None:
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            prefix = self.by_end.get(iri[:cut])
            if prefix is not None and LOCAL.fullmatch(iri, cut):
                return iri[:cut], prefix
            return None
        for ns, prefix in self.spaces:
            if iri.startswith(ns) and LOCAL.fullmatch(iri, len(ns)):
                return ns, prefix
        return None

    def term(self, node: object) -> str:
        if type(node) is int:  # a rank (rdf.helpers): an xsd:integer
            return str(node)
        if isinstance(node, URIRef):
            return self.iri(str(node))
        if isinstance(node, Literal):
            return self.literal(node)
        if isinstance(node, BNode):
            raise ValueError("blank nodes have no stable name; give the node an IRI")
        raise TypeError(f"not an RDF term: {node!r}")

    def literal(self, lit: Literal) -> str:
        lexical = str(lit)
        datatype = lit.datatype
        bare = BARE.get(datatype) if datatype else None
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        quoted = f'"{lexical.translate(ESCAPES)}"'
        if lit.language:
            return f"{quoted}@{lit.language}"
        if datatype and datatype != XSD.string:
            return f"{quoted}^^{self.iri(str(datatype))}"
        return quoted


def _longest(item: tuple[str, str]) -> tuple[int, str, str]:
    return (-len(item[0]), item[0], item[1])


Rendered = tuple[str, str, str]  # subject, verb, object as written in Turtle
#: How rendered triples hold rdf:type as a verb (written ``a``): it sorts before every verb.
TYPE_VERB = ""


class Renderer:
    """Triples of rdflib terms to their Turtle text, remembering the prefixes used."""

    def __init__(self, namespaces: Iterable[tuple[str, str]]) -> None:
        self.names = _Names(namespaces)
        self.rendered: dict[object, str] = {}
        self.predicates: dict[object, str] = {RDF.type: TYPE_VERB}  # "a" only as a verb

    @property
    def prefixes(self) -> dict[str, str]:
        """The prefixes the rendered triples use, with their namespaces."""
        return self.names.used

    def render(self, triples: Iterable[tuple[object, object, object]]) -> list[Rendered]:
        """Each triple as (subject, verb, object) Turtle text (rdf:type as ``TYPE_VERB``)."""
        rendered, predicates, names = self.rendered, self.predicates, self.names
        out = []
        for s, p, o in triples:
            subject, pred, obj = rendered.get(s), predicates.get(p), rendered.get(o)
            if subject is None:
                subject = rendered[s] = names.term(s)
            if pred is None:
                pred = predicates[p] = names.term(p)
            if obj is None:
                obj = rendered[o] = names.term(o)
            out.append((subject, pred, obj))
        return out


def serialize(graph: Graph) -> str:
    """The Turtle text of ``graph`` (without blank nodes), byte-identical for the same graph."""
    renderer = Renderer(graph.namespaces())
    return write_rendered(set(renderer.render(graph)), renderer.prefixes)


def verb(pred: str) -> str:
    """A rendered verb as Turtle writes it."""
    return pred or "a"


def merge_sorted(runs: Iterable[Iterable[Rendered]]) -> list[Rendered]:
    """The distinct triples of ``runs``, in order.

    Runs already in order (as fragments hold them) cost one merge: the sort finds the runs
    and merges them rather than comparing every triple again. Any runs give the same list.
    """
    return list(dict.fromkeys(sorted(chain.from_iterable(runs))))


def merge_counted(runs: Iterable[Iterable[Rendered]]) -> tuple[list[Rendered], dict[Rendered, int]]:
    """``merge_sorted``, and how many runs state each triple stated by more than one
    (each run holding distinct triples)."""
    every = sorted(chain.from_iterable(runs))
    distinct = list(dict.fromkeys(every))
    if len(distinct) == len(every):
        return distinct, {}
    repeats = Counter(compress(islice(every, 1, None), map(eq, islice(every, 1, None), every)))
    return distinct, {triple: count + 1 for triple, count in repeats.items()}


def write_rendered(triples: Iterable[Rendered], prefixes: Mapping[str, str]) -> str:
    """The Turtle text of rendered triples (repeats stated once): the same set, the same bytes.

    Subjects in order, ``a`` first then verbs in order, objects in order. ``prefixes`` are
    the prefixes the triples use (the header states exactly these). Triples given in order
    (``merge_sorted``) are not sorted again. The text is ``head``, then each subject's
    ``block`` ended by ``BLOCK_END`` (the last by ``LAST_END``).
    """
    return head(prefixes) + _body(triples)


def head(prefixes: Mapping[str, str]) -> str:
    """The prefix lines that open a Turtle text, and the blank line after them."""
    return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in sorted(prefixes.items())) + "\n\n"


BLOCK_END, LAST_END = " .\n\n", " .\n"


def block(triples: Iterable[Rendered]) -> str:
    """The statements of one subject's triples, as ``write_rendered`` writes them (without the
    closing `` .``)."""
    return _body(triples)[: -len(LAST_END)]


def _body(triples: Iterable[Rendered]) -> str:
    out: list[str] = []
    last_s = last_p = last_o = None
    for s, p, o in sorted(triples):
        if s != last_s:
            if last_s is not None:
                out.append(BLOCK_END)
            out += (s, " ", p or "a", " ", o)
            last_s, last_p = s, p
        elif p != last_p:
            out += (_NEXT_VERB, p or "a", " ", o)
            last_p = p
        elif o != last_o:
            out += (_NEXT_OBJECT, o)
        last_o = o
    if last_s is not None:
        out.append(LAST_END)
    return "".join(out)


_NEXT_VERB, _NEXT_OBJECT = " ;\n    ", ", "
# One object as the writer renders it: a literal (escaped, so no raw quote or line break inside)
# with its language or datatype, an IRI (spaces escaped), or a prefixed name, number or boolean.
_OBJECT = re.compile(
    r'"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^(?:<[^>]*>|[^\s,<"]+))?|<[^>]*>|[^\s,<"]+'
)


def parse_block(text: str) -> list[Rendered] | None:
    """The triples of a ``block`` this writer wrote, or None for text it cannot have written."""
    subject, _, rest = text.partition(" ")
    triples: list[Rendered] = []
    for statement in rest.split(_NEXT_VERB):
        pred, _, objects = statement.partition(" ")
        pred = TYPE_VERB if pred == "a" else pred
        at = 0
        while True:
            found = _OBJECT.match(objects, at)
            if found is None:
                return None
            triples.append((subject, pred, found.group()))
            at = found.end()
            if at == len(objects):
                break
            if not objects.startswith(_NEXT_OBJECT, at):
                return None
            at += len(_NEXT_OBJECT)
    return triples if block(triples) == text else None
