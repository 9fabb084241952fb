"""Sentence breaks the tokenizer puts inside a phrase, mended before tagging and parsing.

The bundled model's tokenizer ends a sentence before many capitalised words: "Jean-Pierre | Sueur s'est
procuré la décision", "L'Australienne Andrea | Hewitt", "À | Béziers, ce matin", and after an opening quotation
mark ("« | Nous sommes tristes"). On the development gold of 2026-12 (set5 to set19, 8,883 sentences), 377
sentences (4.2 %) ended inside a paragraph on a word or an opening mark. The pieces are then tagged and parsed
apart: a name cut in two is no speaker, a subject is no subject. A break with no line break at it is joined when
the sentence before it ends

* on an opening mark (:data:`OPENING_MARKS`): French never ends a sentence on one;
* on a word, and the next sentence opens on a capitalised word the lexicon does not know in lower case (a name:
  "Andrea | Hewitt", "quitter | Alep");
* on a function word the lexicon knows as nothing else (a determiner, preposition or conjunction, never a noun,
  verb, adjective or adverb: "À | Béziers", "plusieurs | Gilets jaunes");
* on a capitalised word (not in capitals throughout) the lexicon does not know (a first name: "Philippe | Bas",
  "Jean-Pierre | Sueur"), before a word that is not a function word.

Not joined: a heading run into the next sentence ("Grossesse et allaitement | Effets sur l'aptitude…", as the raw
text of a treebank without paragraphs gives it), whose next sentence opens on a word capitalised only because it
starts the sentence. The lexicon is the Lefff's (:mod:`corpusling.nlp.lexicon_check`; Sagot 2010). The join
works on Stanza's tokens and words after tokenization and multi-word expansion ("du" → "de le"), before the
tagger and the parser, which then see one sentence (Stanza: Qi et al. 2020: its tokenizer decides tokens and
sentences jointly, and no later step revisits them). A change to these rules changes parses: bump
:data:`corpusling.nlp.cache.TABLE_VERSION` with it, or cached parses keep the old sentences.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import Any

import polars as pl

from corpusling.nlp.lexicon_check import lexicon

#: Marks that open a quotation, a parenthesis or a bracket: a sentence never ends on one.
OPENING_MARKS = frozenset("«“‹„([{")
#: Parts of speech of a function word, and those a function word never has in the lexicon.
FUNCTION_UPOS = ("DET", "ADP", "CCONJ", "SCONJ")
CONTENT_UPOS = ("NOUN", "VERB", "ADJ", "ADV")


@lru_cache(maxsize=1)
def _known() -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's lowercase forms, and those that are only function words (and pronouns)."""
    readings = lexicon().group_by("form").agg(pl.col("upos").unique())
    function = readings.filter(pl.col("upos").list.eval(pl.element().is_in(FUNCTION_UPOS)).list.any()
                               & ~pl.col("upos").list.eval(pl.element().is_in(CONTENT_UPOS)).list.any())
    return frozenset(readings["form"].to_list()), frozenset(function["form"].to_list())


def _lower(word: str) -> str:
    return word.lower().replace("’", "'")


def _joins(last: str, first: str) -> bool:
    """A sentence ending on the token ``last`` goes on in the next one, opening on ``first``."""
    if last in OPENING_MARKS:
        return True
    if not last[-1].isalnum() or not first[:1].isupper():
        return False
    known, function = _known()
    return (_lower(first) not in known or _lower(last) in function
            or (last[:1].isupper() and not last.isupper() and _lower(last) not in known
                and _lower(first) not in function))


def joined_breaks(document: Any) -> list[int]:
    """Indices ``i`` of the sentences of a Stanza ``document`` to join with sentence ``i + 1``."""
    sentences = document.sentences
    return [i for i, (sentence, following) in enumerate(pairwise(sentences))
            if _joins(sentence.tokens[-1].text, following.tokens[0].text)
            and "\n" not in document.text[sentence.tokens[-1].end_char:following.tokens[0].start_char]]


def join_broken_sentences(document: Any) -> Any:
    """``document`` (a tokenized Stanza document, not yet tagged) with the breaks of :func:`joined_breaks`
    removed: the same tokens and words, word ids numbered on across each joined sentence."""
    from stanza.models.common.doc import Document

    breaks = set(joined_breaks(document))
    if not breaks:
        return document
    joined: list[list[dict[str, Any]]] = []
    pending: list[dict[str, Any]] | None = None
    for i, words in enumerate(document.to_dict()):
        if pending is not None:
            shift = sum(1 for word in pending if isinstance(word["id"], int))
            for word in words:  # a multi-word token's id is the range of its words' ids
                word["id"] = tuple(n + shift for n in word["id"]) if isinstance(word["id"], tuple) \
                    else word["id"] + shift
            words = pending + words
        pending = words if i in breaks else None
        if pending is None:
            joined.append(words)
    return Document(joined, text=document.text)
