"""A spaCy tokenizer over the project's one jieba segmenter (``resources.wordlist``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from orggraph.pipeline.lexicon import user_words
from orggraph.resources.wordlist import segmenter


class JiebaTokenizer:
    """Segments with the shared ``jieba.Tokenizer`` holding the project's user words."""

    def __init__(self, vocab: Vocab, words: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self.segmenter = segmenter(tuple(words))

    def __call__(self, text: str) -> Doc:
        pieces = [w for w in self.segmenter.cut(text, HMM=True) if w]
        words, spaces = get_words_and_spaces(pieces, text)
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("orggraph.JiebaTokenizer.v1")
def create_jieba_tokenizer() -> Callable[[Language], JiebaTokenizer]:
    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, user_words())

    return make
