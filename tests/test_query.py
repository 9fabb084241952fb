"""Token-pattern queries on hand-built token tables."""

from __future__ import annotations

import importlib
import re

import polars as pl
import pytest

from corpusling import tokens as tok
from corpusling.concordance import concordance
from corpusling.errors import QueryError
from corpusling.query import count, parse, query

# (form, lemma, upos, feats) per word; sentences separated by None
SENTENCES = {
    "d1": [
        [("Selon", "selon", "ADP", ""), ("le", "le", "DET", ""), ("ministre", "ministre", "NOUN", ""),
         ("Jean", "Jean", "PROPN", ""), ("Dupont", "Dupont", "PROPN", ""), (",", ",", "PUNCT", ""),
         ("il", "il", "PRON", ""), ("aurait", "avoir", "AUX", "Mood=Cnd|Tense=Pres|VerbForm=Fin"),
         ("menti", "mentir", "VERB", "VerbForm=Part"), (".", ".", "PUNCT", "")],
        [("Il", "il", "PRON", ""), ("a", "avoir", "AUX", "Mood=Ind|Tense=Pres|VerbForm=Fin"),
         ("dit", "dire", "VERB", "VerbForm=Part"), ("Élodie", "Élodie", "PROPN", ""), (".", ".", "PUNCT", "")],
    ],
    "d2": [
        [("Selon", "selon", "ADP", ""), ("Marie", "Marie", "PROPN", ""), (",", ",", "PUNCT", ""),
         ("elle", "il", "PRON", ""), ("semblait", "sembler", "VERB", "Mood=Ind|Tense=Imp|VerbForm=Fin"),
         ("élevée", "élever", "VERB", "VerbForm=Part"), (".", ".", "PUNCT", "")],
        [("Elle", "il", "PRON", ""), ("a", "avoir", "AUX", "Mood=Ind|Tense=Pres|VerbForm=Fin"),
         (".", ".", "PUNCT", "")],
    ],
}


def build() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Token table + documents; the text joins words with spaces (none before punctuation)."""
    cols: dict[str, list] = {k: [] for k in ("doc_id", "sent_id", "word_id", "token_id", "token_text", "form",
                                             "lemma", "upos", "feats", "start_char", "end_char")}
    docs = []
    for doc_id, sentences in SENTENCES.items():
        text = ""
        for s, sentence in enumerate(sentences, start=1):
            for w, (form, lemma, upos, feats) in enumerate(sentence, start=1):
                if text and upos != "PUNCT":
                    text += " "
                start = len(text)
                text += form
                for key, value in (("doc_id", doc_id), ("sent_id", s), ("word_id", w), ("token_id", w),
                                   ("token_text", form), ("form", form), ("lemma", lemma), ("upos", upos),
                                   ("feats", feats or None), ("start_char", start), ("end_char", len(text))):
                    cols[key].append(value)
        docs.append({"doc_id": doc_id, "text": text, "year": 2020 if doc_id == "d1" else 2021})
    return tok.from_rows(cols), pl.DataFrame(docs)


@pytest.fixture(scope="module")
def corpus() -> tuple[pl.DataFrame, pl.DataFrame]:
    return build()


def texts(tokens: pl.DataFrame, documents: pl.DataFrame, pattern: str) -> list[str]:
    by_id = dict(zip(documents["doc_id"], documents["text"], strict=True))
    return [by_id[d][s:e] for d, s, e in query(tokens, pattern).select("doc_id", "start_char", "end_char").iter_rows()]


def test_single_conditions(corpus):
    tokens, docs = corpus
    assert texts(tokens, docs, '[lemma="avoir" & mood="Cnd"]') == ["aurait"]
    assert texts(tokens, docs, 'lemma:avoir') == ["aurait", "a", "a"]
    assert texts(tokens, docs, '"Selon"') == ["Selon", "Selon"]
    assert texts(tokens, docs, "Selon") == ["Selon", "Selon"]
    assert texts(tokens, docs, '[upos="VERB" & !(lemma="dire" | lemma="mentir")]') == ["semblait", "élevée"]
    assert texts(tokens, docs, '[form=/s.*/%c]') == ["Selon", "Selon", "semblait"]
    assert texts(tokens, docs, '[form="elevee"%d]') == ["élevée"]
    assert texts(tokens, docs, '[form="ELODIE"%cd]') == ["Élodie"]
    assert texts(tokens, docs, '[lemma=/sembl.*/]') == ["semblait"]


def test_negation_matches_missing_values(corpus):
    tokens, _ = corpus
    missing = tokens.filter(pl.col("mood").is_null()).height
    assert count(tokens, '[mood!="Cnd"]') == missing + tokens.filter(pl.col("mood") == "Ind").height
    assert count(tokens, '[mood!="Cnd"]') == tokens.height - 1


def test_feature_from_feats_and_aliases(corpus):
    tokens, docs = corpus
    assert texts(tokens, docs, '[verbform="Part"]') == ["menti", "dit", "élevée"]
    assert texts(tokens, docs, '[word="a" & pos="AUX"]') == ["a", "a"]


def test_sequences_and_gaps(corpus):
    tokens, docs = corpus
    assert texts(tokens, docs, '[lemma="avoir" & upos="AUX"] [upos="VERB"]') == ["aurait menti", "a dit"]
    # CQP standard strategy: the shortest match from each start
    assert texts(tokens, docs, '[lemma="selon"] []{0,3} [upos="PROPN"]') == ["Selon le ministre Jean", "Selon Marie"]
    assert texts(tokens, docs, '[lemma="selon"] [] {0,1} [upos="PROPN"]') == ["Selon Marie"]
    # …then, of the matches ending at one word, the longest: as CQP, a bare X+ gives single words
    assert texts(tokens, docs, '[upos="PROPN"]+') == ["Jean", "Dupont", "Élodie", "Marie"]
    assert texts(tokens, docs, '[upos="PROPN"]+ [upos="PUNCT"]') == ["Jean Dupont,", "Élodie.", "Marie,"]
    assert texts(tokens, docs, '[upos="DET"]? [upos="NOUN"]') == ["le ministre"]


def test_sequences_stay_in_the_sentence(corpus):
    tokens, docs = corpus
    # "menti ." then "Il" starts sentence 2: no match across the boundary
    assert texts(tokens, docs, '[upos="PUNCT"] [upos="PRON"]') == [", il", ", elle"]
    assert texts(tokens, docs, '[lemma="avoir"] [] [lemma="il"]') == []
    assert count(tokens, '[] [lemma="avoir"]') == 3


def test_result_columns(corpus):
    tokens, _ = corpus
    found = query(tokens, '[lemma="avoir"] [upos="VERB"]')
    assert found.columns == ["match_id", "doc_id", "sent_id", "first_row", "last_row", "start_char", "end_char"]
    assert found["match_id"].to_list() == list(range(found.height))
    rows = tokens.with_row_index("row")
    for first, last in found.select("first_row", "last_row").iter_rows():
        assert rows["lemma"][first] == "avoir" and rows["upos"][last] == "VERB"


def test_any_extra_column(corpus):
    tokens, docs = corpus
    marked = tokens.with_columns((pl.col("form") == "menti").alias("in_quote"),
                                 pl.when(pl.col("lemma") == "sembler").then(pl.lit("epistemic")).alias("category"))
    assert texts(marked, docs, '[in_quote="true"]') == ["menti"]
    assert texts(marked, docs, 'category:epistemic') == ["semblait"]


@pytest.mark.parametrize("bad, position", [
    ('[lemma="avoir"', 14), ('[lemma="avoir" &]', 16), ('[lemma "avoir"]', 7), ("[lemma=/sembl(/]", 8),
    ('[lemma="x"] {3,1}', 12), ('[lemma="x"%z]', 10), ('[nope="x"]', 1), ("", 0), ("[]?", 0), ('[lemma="x]', 7),
])
def test_syntax_errors_point_at_the_character(corpus, bad, position):
    tokens, _ = corpus
    with pytest.raises(QueryError) as err:
        query(tokens, bad)
    assert err.value.position == position
    assert err.value.query == bad
    if bad:
        caret = str(err.value).splitlines()[-1]
        assert caret.index("^") - 2 == position


def test_parse_tree():
    pattern = parse('[lemma="a" | upos!="X" & !deprel=/nsubj.*/%c]{2,4} lemma:sembler')
    assert [(el.low, el.high) for el in pattern.elements] == [(2, 4), (1, 1)]
    assert pattern.attributes() == {"lemma", "upos", "deprel"}


def test_random_tables_match_a_regex_reference():
    """On random tables, a sequence query gives the matches a plain regex over the UPOS string gives."""
    import random

    rng = random.Random(7)
    tags = ["DET", "NOUN", "ADJ", "VERB"]
    for _ in range(20):
        n = 200
        upos = [rng.choice(tags) for _ in range(n)]
        sent = [1 + i // 17 for i in range(n)]
        tokens = tok.from_rows({"doc_id": ["d"] * n, "sent_id": sent, "word_id": list(range(n)),
                                "form": upos, "lemma": upos, "upos": upos, "start_char": list(range(n)),
                                "end_char": list(range(1, n + 1))})
        found = query(tokens, '[upos="DET"] [upos="ADJ"]{0,2} [upos="NOUN"]')
        got = list(found.select("first_row", "last_row").iter_rows())
        ref = []  # one letter per word; a lookahead finds the match starting at each word
        for s in sorted(set(sent)):
            letters = "".join(t[0] for t, k in zip(upos, sent, strict=True) if k == s)
            offset = sent.index(s)
            ref += [(offset + m.start(), offset + m.start() + len(m.group(1)) - 1)
                    for m in re.finditer(r"(?=(DA{0,2}N))", letters)]
        assert got == ref


def test_concordance_contexts(corpus):
    tokens, docs = corpus
    lines = concordance(tokens, docs, '[lemma="avoir" & upos="AUX"] [upos="VERB"]', width=2)
    assert lines.columns == ["doc_id", "start_char", "end_char", "left", "match", "right"]
    assert lines.row(0) == ("d1", lines["start_char"][0], lines["end_char"][0], ", il ", "aurait menti", ". Il")
    # context runs across sentences but not across documents
    last = concordance(tokens, docs, 'lemma:sembler', width=10)
    assert last["left"][0] == "Selon Marie, elle "
    assert last["right"][0] == " élevée. Elle a."
    chars = concordance(tokens, docs, '"menti"', width=4, unit="chars")
    assert (chars["left"][0], chars["right"][0]) == ("ait ", ". Il")


def test_concordance_sort_sample_metadata(corpus):
    tokens, docs = corpus
    lines = concordance(tokens, docs, 'lemma:avoir', width=3, sort="R1", metadata=["year"])
    # R1: "." (d2), "dit" (d1), "menti" (d1)
    assert list(zip(lines["doc_id"], lines["match"], strict=True)) == [("d2", "a"), ("d1", "a"), ("d1", "aurait")]
    assert lines.columns[-1] == "year"
    by_year = concordance(tokens, docs, 'lemma:avoir', sort="year")
    assert by_year["year"].to_list() == sorted(by_year["year"].to_list())
    left = concordance(tokens, docs, 'lemma:avoir', sort="L1")
    # L1 case-folded: "elle" (d2), then "il" twice (d1, in text order)
    assert list(zip(left["doc_id"], left["match"], strict=True)) == [("d2", "a"), ("d1", "aurait"), ("d1", "a")]
    one = concordance(tokens, docs, 'lemma:avoir', sample=2, seed=3)
    again = concordance(tokens, docs, 'lemma:avoir', sample=2, seed=3)
    assert one.height == 2 and one.equals(again)
    with pytest.raises(QueryError):
        concordance(tokens, docs, 'lemma:avoir', sort="outlet")


@pytest.mark.parametrize("pattern", [
    '[upos="DET"] [upos="ADJ"]{0,2} [upos="NOUN"]', '[upos="VERB"] [] [upos="NOUN" | upos="ADJ"]',
    '[] [upos="ADJ" & form!="ADJ2"]', '[upos="NOUN"]+ [upos="VERB"]', '[upos="DET"]? [upos="NOUN"] [upos="ADJ"]*',
])
def test_postings_and_scans_agree(monkeypatch, pattern):
    """Reading start rows from the postings (rare words) or scanning the table gives the same matches."""
    import random

    q = importlib.import_module("corpusling.query")

    rng = random.Random(11)
    n = 3000
    upos = [rng.choice(["DET", "NOUN", "ADJ", "VERB"]) for _ in range(n)]
    tokens = tok.from_rows({"doc_id": ["d"] * n, "sent_id": [1 + i // 23 for i in range(n)],
                            "word_id": list(range(n)), "form": [f"{u}{i % 3}" for i, u in enumerate(upos)],
                            "lemma": upos, "upos": upos, "start_char": list(range(n)),
                            "end_char": list(range(1, n + 1))})
    results = []
    for share in (0.0, 2.0):  # never / always from the postings
        monkeypatch.setattr(q, "SELECTIVE", share)
        results.append(query(q.TokenIndex(tokens), pattern))
    assert results[0].height > 0
    assert results[0].equals(results[1])


def test_contexts_are_exact_with_multibyte_text():
    """Byte-offset slicing gives the same contexts as Python's character slicing, whatever the script."""
    docs = {"a": "Déjà 😀 vu : « très » 東京 ça\nva, dit-il.", "b": "Ｅｌｌｅ a dit ½ « non » ."}
    cols: dict[str, list] = {k: [] for k in ("doc_id", "sent_id", "word_id", "form", "start_char", "end_char")}
    for doc_id, text in docs.items():
        for w, m in enumerate(re.finditer(r"\S+", text), start=1):
            for key, value in (("doc_id", doc_id), ("sent_id", 1), ("word_id", w), ("form", m.group()),
                               ("start_char", m.start()), ("end_char", m.end())):
                cols[key].append(value)
    tokens = tok.from_rows(cols)
    documents = pl.DataFrame({"doc_id": list(docs), "text": list(docs.values())})
    lines = concordance(tokens, documents, "[form=/.*/]", width=2)
    forms, starts, ends = cols["form"], cols["start_char"], cols["end_char"]
    for i, row in enumerate(lines.iter_rows(named=True)):
        text = docs[row["doc_id"]]
        same_doc = [j for j in range(len(forms)) if cols["doc_id"][j] == row["doc_id"]]
        lo, hi = max(i - 2, same_doc[0]), min(i + 2, same_doc[-1])
        assert row["match"] == text[starts[i]:ends[i]]
        assert row["left"] == text[starts[lo]:starts[i]].replace("\n", " ").lstrip()
        assert row["right"] == text[ends[i]:ends[hi]].replace("\n", " ").rstrip()


def test_index_cache_does_not_keep_tables_alive():
    import gc

    q = importlib.import_module("corpusling.token_index")  # where the index cache lives

    before = len(q._INDEXES)
    tokens, _ = build()
    assert count(tokens, "lemma:avoir") == 3
    assert len(q._INDEXES) == before + 1
    del tokens
    gc.collect()
    assert len(q._INDEXES) == before


# --------------------------------------------------------------------------- CQP's value semantics (issue 17)

def _corpus_of(sentences: list[list[str]], par_breaks: tuple[int, ...] = ()) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One document, one sentence per list, paragraphs starting at the sentences in ``par_breaks``."""
    rows, text, par = [], "", 1
    for s, words in enumerate(sentences, start=1):
        par += s - 1 in par_breaks and s > 1
        for w, form in enumerate(words, start=1):
            text += " " if text else ""
            rows.append({"doc_id": "d", "par_id": par, "sent_id": s, "word_id": w, "form": form,
                         "lemma": form.lower(), "upos": "PUNCT" if form == "." else "X",
                         "start_char": len(text), "end_char": len(text) + len(form)})
            text += form
    return pl.DataFrame(rows), pl.DataFrame({"doc_id": ["d"], "text": [text], "date": ["2012-05-01"]})


def test_quoted_values_are_regular_expressions_as_in_cqp() -> None:
    tokens, _ = _corpus_of([["Il", "a", "dit", "vraiment", "."], ["Elle", "déclare", "lentement", "."]])
    assert query(tokens, '[lemma="dit|déclare"]')["match_id"].len() == 2
    assert query(tokens, '[lemma="décl"]')["match_id"].len() == 0       # anchored on the whole value
    assert query(tokens, '[word=".*ment"]')["match_id"].len() == 2
    assert query(tokens, '".*MENT"%c')["match_id"].len() == 2
    assert query(tokens, '[word="."]')["match_id"].len() == 3          # any one-character word: "a" and the stops
    assert query(tokens, '[word="."%l]')["match_id"].len() == 2        # the full stop itself
    assert query(tokens, '[word="\\."]')["match_id"].len() == 2
    assert query(tokens, 'lemma:dit')["match_id"].len() == 1          # a bare word stays literal


def test_within_regions_and_metadata_constraints() -> None:
    tokens, documents = _corpus_of([["Il", "dit", "."], ["que", "non", "."], ["Puis", "rien", "."]], par_breaks=(2,))
    assert query(tokens, '"dit" [] "que"')["match_id"].len() == 0                 # within s by default
    assert query(tokens, '"dit" []{1,2} "que" within p')["match_id"].len() == 1
    assert query(tokens, '"dit" []* "rien" within p')["match_id"].len() == 0      # another paragraph
    assert query(tokens, '"dit" []* "rien" within text')["match_id"].len() == 1
    assert query(tokens, '"dit" :: match.text_date="2012.*"', documents)["match_id"].len() == 1
    assert query(tokens, '"dit" :: match.text_date="2013.*"', documents)["match_id"].len() == 0
    with pytest.raises(QueryError, match="documents table"):
        query(tokens, '"dit" :: match.text_date="2012.*"')
    with pytest.raises(QueryError, match="no such metadata column"):
        query(tokens, '"dit" :: match.text_outlet="AFP"', documents)


@pytest.mark.parametrize(("text", "message"), [
    ('"dit" :: a.lemma = b.lemma', "label 'a' is not defined"),
    ('"dit" within chapter', "within takes"),
    ('<s> "dit"', "region tags"),
    ('[lemma="dit"%x]', "flags"),
    ('match:[lemma="dit"]', "cannot be a label"),
    ('@("dit" | "a")', "not before a group"),
    ('a:("dit" | "a")', "not before a group"),
    ('a:[] [lemma=a.lemma]', "label inside a token pattern"),
    ('[_.lemma="dit"]', "the current word"),
    ('a:[] :: _.lemma="x"', "the current word"),
    ('a:[] :: distabs(a, match) < 3', "functions"),
    ('a:[] :: a.lemma < "x"', "operator '<'"),
    ('[feats contains "Mood=Cnd"]', "operator 'contains'"),
    ('[lemma matches "x"]', "operator 'matches'"),
    ('@a:[] b:[] :: target.lemma = b.lemma', "'target' cannot be used"),
    ('a:[] b:[] :: a.lemma = b.lemma %c', "flags"),
    ('a:[] :: a = "x"', "compare an attribute"),
    ('a:[] :: a.lemma', "compare a.lemma with = or !="),
    ('"dit" []?', None),
    ('[]?', "can match no word"),
    ('"a"* []*', "can match no word"),
    ('("a"?)+ "b"', "without limit"),
    ('"dit" expand to s', "'expand' is not supported"),
    ('MU(meet "a" "b" s)', "MU"),
    ('TAB [pos="DET"] {0,2} [pos="NOUN"]', "TAB queries"),
    ('"dit" within s within p', "appears twice"),
    ('"dit" :: ', "expected a constraint"),
    ('"dit" | ', "expected a token pattern"),
    ('("dit" "a"', "expected ')'"),
])
def test_unsupported_cqp_syntax_is_refused_with_a_message(text: str, message: str | None) -> None:
    """Each form CQP users type that corpusling does not support is refused by name, never matched as words."""
    if message is None:  # the control: an optional pattern beside a required one is fine
        parse(text)
        return
    with pytest.raises(QueryError, match=re.escape(message)):
        parse(text)


def test_bad_regular_expression_names_the_problem_under_the_value() -> None:
    tokens, _ = _corpus_of([["Il", "dit", "."]])
    with pytest.raises(QueryError) as caught:
        query(tokens, '[word="a"] [word="(unclosed"]')
    message = str(caught.value)
    assert "unclosed group" in message
    query_line, caret_line = message.splitlines()[-2:]
    assert query_line.strip()[caret_line.index("^") - 2] == "("
