"""A spaCy tokenizer over a private jieba segmenter (jieba's global dictionary is never touched)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from orggraph.pipeline.text import TextDoc
from orggraph.resources.wordlist import USER_WORD_FREQ, jieba_segmenter

WORDS_FILE = "words.json"


class JiebaTokenizer:
    """Segments with its own jieba tokenizer holding the project's user words.

    Docs are ``TextDoc``s: their text is built once, not from every token on each access.
    """

    def __init__(self, vocab: Vocab, words: Iterable[str] = (), freq: int = USER_WORD_FREQ):
        self.vocab = vocab
        self.words: tuple[str, ...] = tuple(words)
        self.freq = freq
        self.segmenter = jieba_segmenter(self.words, freq)

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(self.segmenter.words(text), text)
        doc = TextDoc(self.vocab, words=words, spaces=spaces)
        doc.__dict__["_og_text"] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def to_bytes(self, *, exclude: Sequence[str] = ()) -> bytes:
        return json.dumps({"words": self.words, "freq": self.freq}, ensure_ascii=False).encode()

    def from_bytes(self, data: bytes, *, exclude: Sequence[str] = ()) -> JiebaTokenizer:
        state = json.loads(data)
        self.words, self.freq = tuple(state["words"]), int(state["freq"])
        self.segmenter = jieba_segmenter(self.words, self.freq)
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / WORDS_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, **kwargs: Any) -> JiebaTokenizer:
        return self.from_bytes((Path(path) / WORDS_FILE).read_bytes())


def words_and_spaces(pieces: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``get_words_and_spaces`` in linear time (it slices the text once per word).

    Whitespace pieces are dropped; a single space after a word becomes its trailing space;
    any other gap becomes a token of its own.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos, end = 0, len(text)
    for word in pieces:
        if not word or word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0:
            raise ValueError(f"segmenter output does not match the text at {pos}")
        if start > pos:
            words.append(text[pos:start])
            spaces.append(False)
        words.append(word)
        pos = start + len(word)
        trailing = pos < end and text[pos] == " "
        spaces.append(trailing)
        pos += trailing
    if pos < end:
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


@registry.misc("orggraph.user_words.v1")
def user_words_loader() -> Callable[[], tuple[str, ...]]:
    """The words the segmenter keeps whole: place names and program head nouns."""
    from orggraph.pipeline.lexicon import user_words

    return user_words


@registry.tokenizers("orggraph.JiebaTokenizer.v1")
def create_jieba_tokenizer(
    words: Callable[[], Iterable[str]] | None = None, freq: int = USER_WORD_FREQ
) -> Callable[[Language], JiebaTokenizer]:
    """The tokenizer factory; ``words`` is a registered loader of user words."""

    def make(nlp: Language) -> JiebaTokenizer:
        loader = words or user_words_loader()
        return JiebaTokenizer(nlp.vocab, loader(), freq)

    return make
