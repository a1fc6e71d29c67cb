"""The graph in per-article fragments, merged: the same Turtle as the whole graph at once."""

from __future__ import annotations

import dataclasses

from orggraph.outputs.turtle import serialize
from orggraph.rdf.build import build_graph
from orggraph.rdf.fragments import Fragment, article_fragment, article_id, graph_turtle
from orggraph.records import ArticleFacts
from orggraph.resolve import resolve
from tests.factories import TEXT, article

# Made-up sentences of the reports' shape: a city running a named project under a document.
OTHER = "怀化市推进“五个一百”工程,印发《九条措施》,3.6万余名党员干部参加。"
# The same sentence in traditional characters, as a Hong Kong or Taiwan reprint writes it.
TRADITIONAL = "懷化市實施“五個一百”工程,出臺《九條措施》,3.6萬餘名黨員幹部參與。"


def traditional(facts: ArticleFacts) -> ArticleFacts:
    """The article as read from a file written in traditional characters."""
    source = dataclasses.replace(
        facts.source, original=TRADITIONAL, traditional=True, source_file="t.txt", path="t.txt"
    )
    return dataclasses.replace(facts, source=source)


def corpus_of(*articles: ArticleFacts):  # type: ignore[no-untyped-def]
    return resolve(articles)


def test_merged_fragments_write_the_whole_graphs_turtle() -> None:
    corpus = corpus_of(
        article(TEXT, "a.txt"),
        article(OTHER, "b.txt"),
        traditional(article(TEXT, "c.txt")),
        article(TEXT + "另有一项。", "d.txt", program="一百"),
    )
    made = {article_id(a.source): article_fragment(a) for a in corpus.articles}
    assert graph_turtle(corpus, made) == serialize(build_graph(corpus))


def test_the_traditional_form_is_kept_when_the_merged_name_differs() -> None:
    corpus = corpus_of(article(TEXT, "a.txt"), traditional(article(TEXT, "c.txt")))
    text = graph_turtle(corpus)
    assert '"五個一百"@zh-Hant' in text
    assert text == serialize(build_graph(corpus))


def test_an_articles_fragment_does_not_depend_on_the_other_articles() -> None:
    a, b = article(TEXT, "a.txt"), article(OTHER, "b.txt")
    alone = article_fragment(a)
    assert alone == article_fragment(resolve([a, b]).articles[0])
    together = corpus_of(a, b)
    assert graph_turtle(together, {article_id(a.source): alone}) == graph_turtle(together)


def test_given_fragments_are_used_as_they_are() -> None:
    corpus = corpus_of(article(TEXT, "a.txt"), article(OTHER, "b.txt"))
    first = corpus.articles[0]
    assert "a.txt" in graph_turtle(corpus)
    assert "a.txt" not in graph_turtle(corpus, {article_id(first.source): Fragment((), ())})
