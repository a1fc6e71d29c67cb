"""graph.ttl by difference: the edited text is byte for byte a full merge of the new fragments."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.outputs.splice import splice
from orggraph.outputs.turtle import Rendered, merge_counted, write_rendered
from orggraph.rdf.fragments import Fragment

PREFIXES = {"og": "https://w3id.org/orggraph/ontology#", "xsd": "http://www.w3.org/2001/XMLSchema#"}
subjects = st.sampled_from(["og:a", "og:b", "og:c", "<https://x.org/a,b>", "og:z"])
verbs = st.sampled_from(["", "og:label", "og:value", "og:mentionedIn"])
objects = st.sampled_from(
    [
        '"某县, 某镇"@zh',
        '"他说\\"好\\", 就办"',
        '"2021"^^xsd:gYear',
        "12",
        "og:X",
        "<https://y.org/q>",
    ]
)
triples = st.tuples(subjects, verbs, objects)
fragments = st.lists(
    st.frozensets(triples, max_size=8).map(lambda ts: Fragment(tuple(sorted(ts)), ())),
    max_size=5,
)


def merged(parts: list[Fragment]) -> tuple[bytes, dict[Rendered, int], set[Rendered]]:
    every, repeated = merge_counted(part.triples for part in parts)
    return write_rendered(every, PREFIXES).encode(), repeated, set(every)


@settings(max_examples=150, deadline=None)
@given(kept=fragments, gone=fragments, came=fragments)
def test_a_spliced_text_is_the_full_merge_of_the_new_fragments(
    kept: list[Fragment], gone: list[Fragment], came: list[Fragment]
) -> None:
    before, repeated, had = merged(kept + gone)
    after, repeated_after, has = merged(kept + came)
    result = splice(before, repeated, gone, came, PREFIXES)
    assert result is not None
    assert b"".join(result.pieces) == after
    assert result.repeated == repeated_after
    assert set(result.deleted) == had - has
    assert set(result.inserted) == has - had


def test_a_text_this_writer_did_not_write_is_refused() -> None:
    part = Fragment((("og:a", "og:label", '"甲"'),), ())
    text, repeated, _ = merged([part])
    edited = text.replace(b'"\xe7\x94\xb2"', b'"\xe7\x94\xb2" ; og:extra 1')
    assert splice(edited, repeated, [part], [], PREFIXES) is None


def test_removing_what_the_text_does_not_state_is_refused() -> None:
    text, repeated, _ = merged([Fragment((("og:a", "og:label", '"甲"'),), ())])
    absent = Fragment((("og:a", "og:label", '"乙"'),), ())
    assert splice(text, repeated, [absent], [], PREFIXES) is None
