"""A spaCy tokenizer over a private jieba instance (jieba's global dictionary is never touched)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import jieba
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from orggraph.pipeline.lexicon import user_words

jieba.setLogLevel(logging.WARNING)

USER_WORD_FREQ = 200_000


class JiebaTokenizer:
    """Segments with its own ``jieba.Tokenizer`` holding the project's user words."""

    def __init__(self, vocab: Vocab, words: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self.segmenter = jieba.Tokenizer()
        self.segmenter.initialize()
        for word in words:
            self.segmenter.add_word(word, freq=USER_WORD_FREQ)

    def __call__(self, text: str) -> Doc:
        pieces = [w for w in self.segmenter.cut(text, HMM=True) if w]
        words, spaces = get_words_and_spaces(pieces, text)
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("orggraph.JiebaTokenizer.v1")
def create_jieba_tokenizer() -> Callable[[Language], JiebaTokenizer]:
    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, user_words())

    return make
