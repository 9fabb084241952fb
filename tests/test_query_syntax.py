"""The rest of CQP's query syntax (issue 17, item 2): target, labels and '::' constraints, groups, [] alone, cut.

The hand-built corpus of test_query (two documents, four sentences); rows of document d1:
0 Selon 1 le 2 ministre 3 Jean 4 Dupont 5 , 6 il 7 aurait 8 menti 9 . | 10 Il 11 a 12 dit 13 Élodie 14 .
and of d2: 15 Selon 16 Marie 17 , 18 elle 19 semblait 20 élevée 21 . | 22 Elle 23 a 24 .
"""

from __future__ import annotations

import random
import re

import polars as pl
import pytest
from test_query import build

from corpusling import tokens as tok
from corpusling.cli import main
from corpusling.concordance import concordance
from corpusling.errors import QueryError
from corpusling.hits import count_hits
from corpusling.parsed import ParsedCorpus
from corpusling.query import count, parse, query


@pytest.fixture(scope="module")
def corpus() -> tuple[pl.DataFrame, pl.DataFrame]:
    return build()


def spans(corpus: tuple[pl.DataFrame, pl.DataFrame], pattern: str) -> list[tuple[int, int]]:
    tokens, documents = corpus
    return list(query(tokens, pattern, documents).select("first_row", "last_row").iter_rows())


def targets(corpus: tuple[pl.DataFrame, pl.DataFrame], pattern: str) -> list[tuple[int, int, int | None]]:
    tokens, documents = corpus
    return list(query(tokens, pattern, documents).select("first_row", "last_row", "target_row").iter_rows())


# --------------------------------------------------------------------------- target

def test_target_row_and_offsets_in_the_hit_table(corpus):
    tokens, documents = corpus
    found = query(tokens, '[lemma="avoir"] @[pos="VERB"]', documents)
    assert found.columns[-3:] == ["target_row", "target_start_char", "target_end_char"]
    assert found["target_row"].to_list() == [8, 12]
    text = documents["text"][0]
    assert [text[s:e] for s, e in found.select("target_start_char", "target_end_char").iter_rows()] == ["menti", "dit"]
    assert "target_row" not in query(tokens, '[lemma="avoir"] [pos="VERB"]').columns


def test_target_on_an_optional_or_repeated_pattern(corpus):
    # as CQP: unset (null) where the optional pattern matched nothing; the last word of a repetition
    assert targets(corpus, '@[pos="PROPN"]? [pos="PUNCT"]') == [
        (4, 5, 4), (9, 9, None), (13, 14, 13), (16, 17, 16), (21, 21, None), (24, 24, None)]
    assert targets(corpus, '[pos="PROPN"] @[pos="PROPN"]+') == [(3, 4, 4)]
    assert targets(corpus, '[pos="PROPN"]+ @[pos="PUNCT"]') == [(3, 5, 5), (13, 14, 14), (16, 17, 17)]
    # one match read two ways: the earlier pattern takes the word (CQP gives the same here)
    assert targets(corpus, '[pos="PROPN"]? @[pos="PROPN"]? [pos="PUNCT"]')[:3] == [
        (3, 5, 4), (9, 9, None), (13, 14, None)]
    empty = query(build()[0].head(0), '@[pos="VERB"]')
    assert empty.height == 0 and "target_row" in empty.columns


def test_concordance_is_centred_on_the_target(corpus):
    tokens, documents = corpus
    lines = concordance(tokens, documents, '@[lemma="avoir"] [pos="VERB"]', width=2)
    assert lines.columns == ["doc_id", "start_char", "end_char", "left", "match", "right", "hit"]
    assert lines.select("left", "match", "right", "hit").rows() == [
        (", il ", "aurait", " menti.", "aurait menti"), (". Il ", "a", " dit Élodie", "a dit")]
    # R1 counts from the target: "menti" < "dit"? no: "dit" < "menti"
    by_r1 = concordance(tokens, documents, '@[lemma="avoir"] [pos="VERB"]', sort="R1")
    assert by_r1["match"].to_list() == ["a", "aurait"]
    # an unset target: the line is centred on the whole match
    optional = concordance(tokens, documents, '[pos="ADP"] @[pos="DET"]? [pos="NOUN"]? [pos="PROPN"]', width=1)
    assert optional.select("match", "hit").rows() == [("le", "Selon le ministre Jean"), ("Selon Marie", "Selon Marie")]
    # the match table of query() gives the same lines
    table = query(tokens, '@[lemma="avoir"] [pos="VERB"]')
    assert concordance(tokens, documents, table, width=2).equals(lines)
    sampled = concordance(tokens, documents, '@[lemma="avoir"] [pos="VERB"]', sample=1, seed=0)
    assert sampled["match"].to_list()[0] in ("aurait", "a") and sampled["hit"][0] in ("aurait menti", "a dit")


def test_counts_are_keyed_on_the_target(corpus):
    tokens, documents = corpus
    counts = count_hits(tokens, documents, '@[lemma="avoir"] [pos="VERB"]', ["match.lemma", "R1.lemma", "hit.form"])
    assert counts.select("match.lemma", "R1.lemma", "hit.form", "count").rows() == [
        ("avoir", "dire", "a dit", 1), ("avoir", "mentir", "aurait menti", 1)]
    same = count_hits(tokens, documents, '@[lemma="avoir"] [pos="VERB"]', "target.lemma")
    assert same.rows()[0][:2] == ("avoir", 2)
    plain = count_hits(tokens, documents, '[lemma="avoir"] [pos="VERB"]', "match.lemma,hit.lemma")
    assert plain.select("match.lemma", "hit.lemma").rows() == [("avoir dire", "avoir dire"),
                                                              ("avoir mentir", "avoir mentir")]


def test_command_line_target_and_count(tmp_path, capsys):
    tokens, documents = build()
    folder = tmp_path / "parsed"
    ParsedCorpus(tokens=tokens, documents=documents.with_columns(pl.col("year").cast(pl.String))).save(folder)
    assert main(["concordance", str(folder), '@[lemma="avoir"] [pos="VERB"]', "--width", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "[aurait] menti" in out[0] and "[a] dit" in out[1]
    assert main(["concordance", str(folder), '@[lemma="avoir"] [pos="VERB"]', "--count", "R1.lemma"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split("\t")[:2] == ["R1.lemma", "count"] and {r.split("\t")[0] for r in rows[1:]} == {"dire",
                                                                                                         "mentir"}
    assert main(["concordance", str(folder), '[] cut 2', "--lazy"]) == 2
    assert "leave out --lazy" in capsys.readouterr().err
    assert main(["concordance", str(folder), 'a:[] :: b.lemma = "x"']) == 2
    err = capsys.readouterr().err
    assert "label 'b' is not defined" in err and "Traceback" not in err


# --------------------------------------------------------------------------- labels and '::' constraints

def test_label_constraints(corpus):
    assert spans(corpus, 'a:[pos="PRON"] b:[] :: a.lemma = "il" & b.pos = "AUX"') == [(6, 7), (10, 11), (22, 23)]
    assert spans(corpus, 'a:[pos="PRON"] b:[] :: a.pos != "PRON" | b.pos != "VERB"') == [(6, 7), (10, 11), (22, 23)]
    assert spans(corpus, 'a:[pos="PRON"] b:[] :: !(b.pos = "AUX")') == [(18, 19)]
    assert spans(corpus, 'a:[pos="PRON"] [] :: a.word = "ELLE"%c') == [(18, 19), (22, 23)]
    assert spans(corpus, 'a:[pos="PRON"] [] :: a.word = "ELLE"') == []
    assert spans(corpus, 'a:[pos="PRON"] [] :: a.text_year = "2020"') == [(6, 7), (10, 11)]
    tokens, documents = corpus  # documents in another order than the token table: looked up by doc_id
    assert spans((tokens, documents.reverse()), 'a:[pos="PRON"] [] :: a.text_year = "202[0]"') == [(6, 7), (10, 11)]
    assert spans((tokens, documents.reverse()), '[pos="PRON"] [] :: match.text_year = "2021"%l') == [(18, 19),
                                                                                                 (22, 23)]
    assert spans(corpus, '[pos="PRON"] [] :: match.lemma = "il" & matchend.pos = "VERB"') == [(18, 19)]


def test_label_against_label(corpus):
    # "elle … Elle": two pronouns with the same lemma (il) in one document, across a sentence
    assert spans(corpus, 'a:[pos="PRON"] []+ b:[pos="PRON"] :: a.lemma = b.lemma within text') == [(6, 10), (18, 22)]
    assert spans(corpus, 'a:[pos="PRON"] []+ b:[pos="PRON"] :: a.word = b.word within text') == []
    assert spans(corpus, 'a:[pos="PRON"] []+ b:[pos="PRON"] :: a.word != b.word within text') == [(6, 10), (18, 22)]
    # different attributes compare as strings; a metadata column against another label's
    assert spans(corpus, 'a:[] b:[] :: a.word = b.lemma') == []
    assert spans(corpus, 'a:[lemma="selon"] b:[] :: a.text_year = b.text_year') == [(0, 1), (15, 16)]


def test_unset_labels_as_in_cqp(corpus):
    # an unset label makes a comparison false, its negation true; a bare label asks whether it is set
    base = '[pos="ADP"] a:[pos="DET"]? [pos="NOUN"]? [pos="PROPN"]'
    assert spans(corpus, base) == [(0, 3), (15, 16)]
    assert spans(corpus, base + ' :: a.pos != "DET"') == []
    assert spans(corpus, base + ' :: !(a.pos = "DET")') == [(15, 16)]
    assert spans(corpus, base + " :: a") == [(0, 3)]
    assert spans(corpus, base + " :: !a") == [(15, 16)]


def test_constraints_choose_before_the_matching_strategy(corpus):
    # without the constraint the shortest match from Selon ends at Jean; with it, at Dupont (as CQP)
    assert spans(corpus, '[lemma="selon"] []{0,3} a:[pos="PROPN"]') == [(0, 3), (15, 16)]
    assert spans(corpus, '[lemma="selon"] []{0,3} a:[pos="PROPN"] :: a.lemma = "Dupont"') == [(0, 4)]
    assert spans(corpus, 'a:[pos="PROPN"]+ [] :: a.lemma = "Jean"') == [(3, 4)]  # a repeated label: its last word


def test_constraint_orders_and_clauses(corpus):
    one = spans(corpus, '[pos="PRON"] [] :: match.text_year = "2020" within s')
    assert one == spans(corpus, '[pos="PRON"] [] within s :: match.text_year = "2020"') == [(6, 7), (10, 11)]
    assert parse('"a" :: match.text_d = "x" within p cut 2').within == "p"
    with pytest.raises(QueryError, match="documents table"):
        count(corpus[0], 'a:[] :: a.text_year = "2020"')


# --------------------------------------------------------------------------- [] alone, repetitions, groups, cut

def test_any_word_alone_and_repetitions(corpus):
    tokens, _ = corpus
    assert count(tokens, "[]") == tokens.height
    assert count(tokens, "[]{2}") == tokens.height - 4  # pairs inside each of the 4 sentences
    assert spans(corpus, '[pos="PROPN"]{2}') == [(3, 4)]
    assert spans(corpus, '[pos="PROPN"]{2,}') == [(3, 4)]
    assert spans(corpus, '[lemma="selon"] []{,1} [pos="PROPN"]') == [(15, 16)]
    assert spans(corpus, '[lemma="selon"] []{2,} [pos="PROPN"]') == [(0, 3)]


def test_groups_alternatives_and_their_repetition(corpus):
    assert spans(corpus, '([pos="DET"] | [pos="ADP"]) [pos="NOUN" | pos="PROPN"]') == [(1, 2), (15, 16)]
    assert spans(corpus, '[pos="ADP"] ([pos="DET"] [pos="NOUN"])? [pos="PROPN"]+') == [(0, 3), (15, 16)]
    assert spans(corpus, '([pos="PROPN"] [pos="PUNCT"]){1,2}') == [(4, 5), (13, 14), (16, 17)]
    assert spans(corpus, '"le" "ministre" | "Marie"') == [(1, 2), (16, 16)]
    assert spans(corpus, '(a:[pos="PRON"] | a:[pos="DET"]) [] :: a.lemma = "le"') == [(1, 2)]
    assert spans(corpus, '([pos="PRON"] [pos="AUX"]){2}') == []
    assert spans(corpus, '[pos="PRON"] (@[pos="AUX"] [pos="VERB"] | @[pos="VERB"])') == [(6, 8), (10, 12), (18, 19)]
    assert targets(corpus, '[pos="PRON"] (@[pos="AUX"] [pos="VERB"] | @[pos="VERB"])') == [
        (6, 8, 7), (10, 12, 11), (18, 19, 19)]
    # a label or @ written twice stands for the later word, as in CQP
    assert targets(corpus, '@[pos="PRON"] @[pos="AUX"]') == [(6, 7, 7), (10, 11, 11), (22, 23, 23)]
    assert spans(corpus, 'a:[pos="PRON"] a:[pos="AUX"] :: a.pos = "PRON"') == []


def test_cut_keeps_the_first_matches(corpus):
    assert spans(corpus, "[]{2} cut 3") == [(0, 1), (1, 2), (2, 3)]
    assert spans(corpus, '"cut" | [lemma="selon"] cut 1') == [(0, 0)]


def _reference(letters: str, regex: str) -> list[tuple[int, int]]:
    """CQP's standard strategy by brute force: every substring the regex matches in full, then the
    shortest from each start, then the longest of those ending at one word."""
    spans = [(i, j) for i in range(len(letters)) for j in range(i, len(letters))
             if re.fullmatch(regex, letters[i:j + 1])]
    shortest = {}
    for i, j in spans:
        shortest[i] = min(j, shortest.get(i, j))
    longest = {}
    for i, j in shortest.items():
        longest[j] = min(i, longest.get(j, i))
    return sorted((i, j) for j, i in longest.items())


@pytest.mark.parametrize(("pattern", "regex"), [
    ('[upos="DET"] ([upos="ADJ"] | [upos="NOUN"] [upos="ADJ"]){1,2} [upos="VERB"]', "D(?:A|NA){1,2}V"),
    ('([upos="DET"] [upos="NOUN"])+ [upos="VERB"]', "(?:DN)+V"),
    ('[upos="NOUN"] ([upos="ADJ"]? [upos="DET"]){,2} [upos="VERB"]{2,}', "N(?:A?D){0,2}V{2,}"),
    ('[upos="DET"] [] [upos="NOUN"] | [upos="VERB"]{3}', "D.N|VVV"),
    ('[]{2} [upos="ADJ"]', "..A"),
])
def test_groups_on_random_tables_match_a_brute_force_reference(pattern, regex):
    """One letter per word: the matches are those of the regex under CQP's standard strategy."""
    rng = random.Random(3)
    tags = ["DET", "NOUN", "ADJ", "VERB"]
    for _ in range(10):
        n = 150
        upos = [rng.choice(tags) for _ in range(n)]
        sent = [1 + i // 13 for i in range(n)]
        tokens = tok.from_rows({"doc_id": ["d"] * n, "sent_id": sent, "word_id": list(range(n)), "form": upos,
                                "lemma": upos, "upos": upos, "start_char": list(range(n)),
                                "end_char": list(range(1, n + 1))})
        got = list(query(tokens, pattern).select("first_row", "last_row").iter_rows())
        expected = []
        for s in sorted(set(sent)):
            offset = sent.index(s)
            letters = "".join(t[0] for t, k in zip(upos, sent, strict=True) if k == s)
            expected += [(offset + i, offset + j) for i, j in _reference(letters, regex)]
        assert got == expected, pattern


def test_within_p_without_paragraph_numbers_is_the_document(corpus):
    """A table without par_id values (CoNLL-U without # newpar, a hand-made table): one paragraph per
    document, as the VRT export writes it, never one per word."""
    tokens, _ = corpus
    assert tokens["par_id"].null_count() == tokens.height
    assert spans(corpus, '[pos="VERB"] [pos="PROPN"] within p') == [(12, 13)]
    assert spans(corpus, '[lemma="avoir"] []* [pos="PROPN"] within p') == [(7, 13)]
