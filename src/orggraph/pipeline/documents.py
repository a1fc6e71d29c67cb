"""Documents: every 《》 title and every name plainly introduced as a document, typed."""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from orggraph.pipeline.attribution import place_at
from orggraph.pipeline.quotes import (
    SENTENCE_PUNCT,
    Bracketed,
    clause_start,
    cue_table,
    inside,
    quoted_phrases,
    starts_with_any,
    titles,
)
from orggraph.pipeline.step import Step
from orggraph.pipeline.text import UNUSABLE
from orggraph.pipeline.text import token_ends as doc_token_ends
from orggraph.records import DocumentKind, DocumentMention, Evidence
from orggraph.resources.tables import words

# (试行), (暂行), (修订), and a period or edition: (2023—2027年), (2022年版)
NOTE = re.compile(r"[(（](?:[^()（）]{1,4}|[0-9][^()（）]{1,11})[)）]$")
_NUMERALS = "".join(words("document_naming", role="numeral"))
_RULE_COUNTS = "".join(words("document_naming", role="rule_count"))
_SOME = "".join(words("document_naming", role="some"))
NUMBERED = re.compile(rf"[0-9{_NUMERALS}]+[{_RULE_COUNTS}]$")  # 政策10条, 谈话60问
COUNTED = re.compile(rf"^[0-9{_NUMERALS}{_SOME}]+\S?")  # 22条…, 三项…: a count, not a name
MAX_BARE = 40
MIN_BARE_MODIFIER = 5  # a shorter modifier (整改措施, 管理办法) makes a generic document noun
NAME_STRETCH = re.compile(rf"[^\s，,。；;：:、“”《》{UNUSABLE}]{{4,{MAX_BARE}}}")
POLICY = DocumentKind.POLICY
# endings shared with program names (…计划, …制度): a quoted name with them is a program
ATTRIBUTIVE = "".join(words("document_naming", role="attributive"))  # joins a title's purpose
PROGRAM_LIKE = words("document_naming", role="program_like")


def _cues(role: str) -> tuple[str, ...]:
    return words("document_naming", role=role)


@cache
def _endings() -> tuple[tuple[str, DocumentKind], ...]:
    table = cue_table("document_types")
    pairs = [(w, DocumentKind(kind)) for kind, words in table.items() for w in words]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def title_kind(title: str) -> DocumentKind | None:
    """The kind a title's ending implies, if any (a parenthesized note is set aside)."""
    core = NOTE.sub("", title.strip())
    if NUMBERED.search(core):
        return DocumentKind.POLICY
    if core.startswith(_cues("title_opening")):
        return DocumentKind.POLICY
    return next((kind for word, kind in _endings() if core.endswith(word)), None)


def _kind_in_context(text: str, span: Bracketed, title: str) -> DocumentKind:
    if title_kind(title) is DocumentKind.PUBLICATION:
        return DocumentKind.PUBLICATION  # 《…电视台》开辟专栏: a medium, not a work
    works = cue_table("document_cues")
    before = text[max(0, span.start - 4) : span.start]
    after = text[span.end : span.end + 6]
    if any(before.endswith(w) for w in works.get("before", ())) or any(
        w in after for w in works.get("after", ())
    ):
        return DocumentKind.WORK
    kind = title_kind(title)
    if kind is not None:
        return kind
    lead = text[clause_start(text, span.start, 12) : span.start]
    if any(v in lead for v in (*_cues("issuing"), *_cues("rule"))):
        return DocumentKind.POLICY
    return DocumentKind.OTHER


def _place_inside(doc: Doc, start: int, end: int) -> str | None:
    for mention in doc._.og_place_mentions or ():
        if start <= mention.evidence.start and mention.evidence.end <= end:
            return str(mention.place)
    return None


def _issuer(doc: Doc, kind: DocumentKind, title: str, start: int, end: int) -> str | None:
    named = _place_inside(doc, start, end)
    if named or kind in (DocumentKind.WORK, DocumentKind.OTHER, DocumentKind.PUBLICATION):
        return named
    if starts_with_any(title, _cues("national")):
        return None
    return _place_before(doc, start) or place_at(doc, start, end)


def _place_before(doc: Doc, start: int) -> str | None:
    """The issuer named before the verb in the same clause: "X市委组织部印发…" → X市."""
    lo = clause_start(doc.text, start, 30)
    named = [
        m
        for m in doc._.og_place_mentions or ()
        if lo <= m.evidence.start and m.evidence.end <= start
    ]
    return str(named[-1].place) if named else None


def _mention(
    doc: Doc, title: str, kind: DocumentKind, start: int, end: int, rule: str
) -> DocumentMention:
    s, e = doc._.og_sentences.around(start)
    evidence = Evidence(start, end, s, e, rule)
    return DocumentMention(title, kind, _issuer(doc, kind, title, start, end), evidence)


def _abbreviations(text: str, spans: list[Bracketed]) -> set[str]:
    """(以下简称《条例》): short titles the article declares for a full title named before."""
    cues = _cues("abbreviation")
    return {
        span.inner(text).strip()
        for span in spans
        if any(text[max(0, span.start - 6) : span.start].endswith(c) for c in cues)
    }


def _titled(doc: Doc) -> list[DocumentMention]:
    text = doc.text
    found = []
    spans = titles(text)
    short = _abbreviations(text, spans)
    for span in spans:
        title = span.inner(text).strip()
        if title and title not in short:
            kind = _kind_in_context(text, span, title)
            found.append(_mention(doc, title, kind, span.start, span.end, "documents.title"))
    return found


def _quoted(doc: Doc) -> list[DocumentMention]:
    """“九条措施”, “1+5”文件, “三治融合”实施意见 after an issuing verb."""
    text = doc.text
    found = []
    in_titles = titles(text)
    for span in quoted_phrases(text):
        if inside(in_titles, span.start, span.end):
            continue
        lead = text[clause_start(text, span.start, 20) : span.start]
        if not any(v in lead for v in (*_cues("issuing"), *_cues("rule"))):
            continue
        inner = span.inner(text)
        if any(c in SENTENCE_PUNCT for c in inner) or _program_follows(text, span.end):
            continue
        if _quoted_policy(inner):
            found.append(
                _mention(doc, inner, DocumentKind.POLICY, span.start, span.end, "documents.quoted")
            )
            continue
        tail = re.match(r"[^\s，,。；;：:、“《]{0,6}", text[span.end :])
        rest = tail.group() if tail else ""
        for cut in range(len(rest), 1, -1):
            word = rest[:cut]
            if word in _cues("file"):
                found.append(
                    _mention(
                        doc,
                        inner,
                        DocumentKind.POLICY,
                        span.start,
                        span.end + 2,
                        "documents.quoted_file",
                    )
                )
                break
            if _quoted_policy(word) and len(word) >= 4 and not COUNTED.match(word):
                end = span.end + cut
                found.append(
                    _mention(
                        doc,
                        inner + word,
                        DocumentKind.POLICY,
                        span.start,
                        end,
                        "documents.quoted_kind",
                    )
                )
                break
    return found


def _program_follows(text: str, end: int) -> bool:
    """“…”工程, “…”行动: a quoted name with a program's head noun names a program."""
    return starts_with_any(text[end : end + 6], _program_heads()) is not None


@cache
def _program_heads() -> tuple[str, ...]:
    heads = {w for ws in cue_table("program_heads").values() for w in ws}
    return tuple(sorted(heads, key=lambda w: (-len(w), w)))


def _quoted_policy(name: str) -> bool:
    return title_kind(name) is DocumentKind.POLICY and not name.endswith(PROGRAM_LIKE)


def _bare(doc: Doc, taken: list[tuple[int, int]]) -> list[DocumentMention]:
    """印发…实施方案, 出台…四项措施: an issuing verb framing a name that ends in a document word."""
    text = doc.text
    token_ends = doc_token_ends(doc)
    verbs = "|".join(re.escape(v) for v in _cues("issuing"))
    particles = "|".join(re.escape(p) for p in _cues("particle"))
    found = []
    for m in re.finditer(rf"(?:{verbs})(?:{particles})?", text):
        start = m.end()
        if any(a <= start < b for a, b in taken) or text[start : start + 1] in "《“":
            continue
        stretch = NAME_STRETCH.match(text, start)
        if not stretch:
            continue
        found += _bare_names(doc, start, stretch.group(), token_ends)
    return found


def _bare_names(doc: Doc, start: int, stretch: str, token_ends: set[int]) -> list[DocumentMention]:
    """The names in a stretch after an issuing verb: 和/与/及 joins two names only when the part
    before it is a name itself; otherwise it joins nouns inside one name (A与B往来规范)."""
    found = []
    opened = start
    for part_start, part in _parts(start, stretch):
        joined = doc.text[opened : part_start + len(part)]
        mention = _bare_part(doc, opened, joined, token_ends)
        if mention is not None and opened < part_start and not _last_part_named(part):
            mention = None  # 工作提示和资源清单: a generic noun joined to another noun
        if mention is not None:
            found.append(mention)
            opened = part_start + len(part) + 1
    return found


def _last_part_named(part: str) -> bool:
    """Whether the part after 和/与/及 ends in a name itself (A与B往来规范: B往来规范 is one)."""
    return any(
        title_kind(part[:cut]) is POLICY and _is_name(part[:cut]) for cut in range(len(part), 3, -1)
    )


def _parts(start: int, stretch: str) -> list[tuple[int, str]]:
    parts, offset = [], start
    joiners = _cues("joiner")
    for piece in re.split(f"({'|'.join(joiners)})", stretch):
        if piece not in joiners:
            parts.append((offset, piece))
        offset += len(piece)
    return parts


def _bare_part(doc: Doc, start: int, part: str, token_ends: set[int]) -> DocumentMention | None:
    for cut in range(len(part), 3, -1):
        name = part[:cut]
        if start + cut in token_ends and title_kind(name) is POLICY and _is_name(name):
            return _mention(doc, name, POLICY, start, start + cut, "documents.named")
    return None


def _clause_like(modifier: str) -> bool:
    """A 的 far from the document word joins a clause to a noun ("形成了…的…"), not a title's
    purpose to its kind ("…现代化的实施方案")."""
    i = modifier.rfind(ATTRIBUTIVE)
    return 0 <= i < len(modifier) - 5 or modifier.count(ATTRIBUTIVE) > 1


def _is_name(name: str) -> bool:
    """A document's name, not a clause or a generic noun: no verb opens it, no count opens it
    (unless it is a numbered rule set, "…十条措施"), its modifier is more than generic words."""
    if starts_with_any(name, (*_cues("issuing"), *_cues("rule"), *_cues("particle"))):
        return False
    if any(p in name for p in _cues("particle")):
        return False
    if COUNTED.match(name) and not NUMBERED.search(name):
        return False
    head = next((w for w, _ in _endings() if name.endswith(w)), "")
    if not head and not NUMBERED.search(name):
        return False  # 关于规范…工作事务(、…的措施): a title cut before its kind word
    modifier = name[: len(name) - len(head)]
    if _clause_like(modifier) and not name.startswith(_cues("title_opening")):
        return False
    for word in _cues("generic"):
        modifier = modifier.replace(word, "")
    return len(modifier.strip(ATTRIBUTIVE)) >= MIN_BARE_MODIFIER or bool(NUMBERED.search(name))


def _dedup(mentions: list[DocumentMention]) -> list[DocumentMention]:
    seen: set[str] = set()
    out = []
    for mention in sorted(mentions, key=lambda d: (d.evidence.start, -d.evidence.end)):
        key = "".join(mention.title.split())
        if key not in seen:
            seen.add(key)
            out.append(mention)
    return out


def find_documents(doc: Doc) -> Doc:
    """Append every document the text names to ``doc._.og_documents``."""
    titled = _titled(doc)
    quoted = _quoted(doc)
    taken = [(d.evidence.start, d.evidence.end) for d in (*titled, *quoted)]
    doc._.og_documents.extend(_dedup([*titled, *quoted, *_bare(doc, taken)]))
    return doc


@Language.factory(
    "og_documents",
    assigns=["doc._.og_documents"],
    requires=["doc._.og_places", "doc._.og_place_mentions", "doc._.og_sentences"],
)
def make_documents(nlp: Language, name: str) -> Step:
    """Factory of the ``og_documents`` component."""
    return Step(find_documents)
