"""What a count is made of (issue 17, item 5): word tokens, punctuation and symbols out by default.

A tiny corpus with punctuation, a symbol, a number and the multi-word token "du" (= "de" + "le"),
every figure computed by hand (and the association scores against nltk on the text without
punctuation): rates and ``n_words``, frequency lists, n-grams of surface tokens, collocation
windows, keyness, dispersion and the voices' words of the summary.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import polars as pl
import pytest
from nltk import FreqDist
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from corpusling import lazy, stats
from corpusling import tokens as tok
from corpusling.cli import main
from corpusling.markers.voice import quoted_word_counts, voice_word_counts
from corpusling.parsed import ParsedCorpus, load
from corpusling.rates import document_sizes, rates
from corpusling.summary import summary

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e14371d8171e9155.txt"

# One sentence per document: surface tokens, each with its syntactic words (form, lemma, UPOS).
SENTENCES = {
    "a": [("Selon", [("Selon", "selon", "ADP")]), ("l'", [("l'", "le", "DET")]), ("AFP", [("AFP", "AFP", "PROPN")]),
          (",", [(",", ",", "PUNCT")]), ("il", [("il", "il", "PRON")]),
          ("viendrait", [("viendrait", "venir", "VERB")]), ("du", [("de", "de", "ADP"), ("le", "le", "DET")]),
          ("pays", [("pays", "pays", "NOUN")]), (".", [(".", ".", "PUNCT")])],
    "b": [("Selon", [("Selon", "selon", "ADP")]), ("lui", [("lui", "lui", "PRON")]), (",", [(",", ",", "PUNCT")]),
          ("5", [("5", "5", "NUM")]), ("%", [("%", "%", "SYM")]), ("du", [("de", "de", "ADP"), ("le", "le", "DET")]),
          ("pays", [("pays", "pays", "NOUN")]), (".", [(".", ".", "PUNCT")])],
}
# rows: a 10, b 9; word tokens (not PUNCT or SYM): a 8, b 6; surface word tokens: a 7, b 5
WORDS = {"a": 8, "b": 6}
ROWS = {"a": 10, "b": 9}


def build(sentences: dict[str, list] = SENTENCES) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Token table and documents (with exact offsets) of ``sentences``."""
    cols: dict[str, list] = {c: [] for c in ("doc_id", "par_id", "sent_id", "word_id", "token_id", "token_text",
                                             "form", "lemma", "upos", "start_char", "end_char")}
    texts = {}
    for doc_id, tokens in sentences.items():
        text, word_id = "", 0
        for token_id, (surface, words) in enumerate(tokens, start=1):
            text += " " if text else ""
            start = len(text)
            text += surface
            for form, lemma, upos in words:
                word_id += 1
                for key, value in (("doc_id", doc_id), ("par_id", 1), ("sent_id", 1), ("word_id", word_id),
                                   ("token_id", token_id), ("token_text", surface), ("form", form),
                                   ("lemma", lemma), ("upos", upos), ("start_char", start),
                                   ("end_char", start + len(surface))):
                    cols[key].append(value)
        texts[doc_id] = text
    documents = pl.DataFrame({"doc_id": list(texts), "outlet": ["AFP", "Reuters"][:len(texts)],
                              "text": list(texts.values())})
    return tok.from_rows(cols), documents


@pytest.fixture(scope="module")
def table() -> pl.DataFrame:
    return build()[0]


@pytest.fixture(scope="module")
def documents() -> pl.DataFrame:
    return build()[1]


# --------------------------------------------------------------------------- the definition


def test_a_word_token_is_neither_punctuation_nor_symbol() -> None:
    frame = pl.DataFrame({"upos": ["NOUN", "PUNCT", "SYM", "NUM", None, None, "_"],
                          "form": ["pays", ",", "%", "5", "mot", "«", "2012"]})
    assert frame.select(tok.is_word())[:, 0].to_list() == [True, False, False, True, True, False, True]
    assert frame.select(tok.counted(include_punct=True))[:, 0].to_list() == [True] * 7


def test_document_sizes_count_word_tokens(table) -> None:
    sizes = dict(document_sizes(table).sort("doc_id").iter_rows())
    assert sizes == WORDS
    assert dict(document_sizes(table, include_punct=True).iter_rows()) == ROWS
    assert ParsedCorpus(tokens=table, documents=build()[1]).sizes().sort("doc_id")["n_words"].to_list() == [8, 6]


def test_rates_are_per_1000_word_tokens(table, documents) -> None:
    rows = pl.DataFrame({"doc_id": ["a", "a", "b"]})
    got = rates(rows, table, documents, group_by="outlet", n_boot=20).sort("group")
    assert got["n_words"].to_list() == [8, 6]
    assert got["rate"].to_list() == pytest.approx([2 / 8 * 1000, 1 / 6 * 1000])
    old = rates(rows, table, documents, group_by="outlet", n_boot=20, include_punct=True).sort("group")
    assert old["rate"].to_list() == pytest.approx([2 / 10 * 1000, 1 / 9 * 1000])


# --------------------------------------------------------------------------- frequencies and n-grams


def test_frequency_lists_leave_punctuation_out(table) -> None:
    lemmas = stats.freq(table, "lemma")
    assert "," not in lemmas["lemma"].to_list() and "%" not in lemmas["lemma"].to_list()
    assert lemmas["count"].sum() == 14
    de = lemmas.filter(pl.col("lemma") == "de").row(0, named=True)
    assert (de["count"], de["per_million"]) == (2, pytest.approx(2 / 14 * 1e6))
    every = stats.freq(table, "lemma", include_punct=True)
    assert every.filter(pl.col("lemma") == ",")["count"].item() == 2 and every["count"].sum() == 19
    assert every.filter(pl.col("lemma") == "de")["per_million"].item() == pytest.approx(2 / 19 * 1e6)


def test_surface_tokens_count_a_contraction_once(table) -> None:
    surface = stats.freq(table, "token_text")
    du = surface.filter(pl.col("token_text") == "du").row(0, named=True)
    assert (du["count"], du["per_million"]) == (2, pytest.approx(2 / 12 * 1e6))  # 12 surface word tokens
    assert surface["count"].sum() == 12
    syntactic = stats.freq(table, "form")
    assert syntactic.filter(pl.col("form") == "de")["count"].item() == 2 and "du" not in syntactic["form"]


def test_ngrams_of_surface_tokens_and_of_syntactic_words(table) -> None:
    surface = dict(stats.ngrams(table, 2, by="token_text").select("ngram", "count").iter_rows())
    assert surface["du pays"] == 2 and "du du" not in surface
    assert "AFP il" not in surface and "lui 5" not in surface  # a comma breaks an n-gram
    assert surface["Selon l'"] == 1
    words = dict(stats.ngrams(table, 2, by="form").select("ngram", "count").iter_rows())
    assert words["de le"] == 2 and words["le pays"] == 2
    every = dict(stats.ngrams(table, 2, by="token_text", include_punct=True).select("ngram", "count").iter_rows())
    assert every["AFP ,"] == 1 and every["pays ."] == 2 and "du du" not in every
    unigrams = stats.ngrams(table, 1, by="token_text")
    assert unigrams.filter(pl.col("ngram") == "du")["per_million"].item() == pytest.approx(2 / 12 * 1e6)


# --------------------------------------------------------------------------- collocates


def test_collocation_windows_skip_punctuation(table) -> None:
    """Right window of 2 after "selon": l', AFP in a; lui and (over the comma) 5 in b."""
    found = stats.collocates(table, '[lemma="selon"]', window=(0, 2), by="lemma", min_count=1, attraction=False)
    assert sorted(found["collocate"]) == ["5", "AFP", "le", "lui"]
    five = found.filter(pl.col("collocate") == "5").row(0, named=True)
    n, f_node, o, f_c = 14, 4, 1, 1  # word tokens; 2 matches × 2 positions; "5" once, once in the corpus
    e = f_node * f_c / n
    cells = [(o, e), (f_node - o, f_node * (n - f_c) / n), (f_c - o, (n - f_node) * f_c / n),
             (n - f_node - f_c + o, (n - f_node) * (n - f_c) / n)]
    assert five["expected"] == pytest.approx(e)
    assert five["ll"] == pytest.approx(2 * sum(x * math.log(x / m) for x, m in cells if x > 0))
    assert five["mi"] == pytest.approx(math.log2(o / e))
    assert five["log_dice"] == pytest.approx(14 + math.log2(2 * o / (2 + f_c)))  # on the node's frequency, 2
    every = stats.collocates(table, '[lemma="selon"]', window=(0, 2), by="lemma", min_count=1, attraction=False,
                             include_punct=True)
    assert sorted(every["collocate"]) == [",", "AFP", "le", "lui"]
    assert every.filter(pl.col("collocate") == ",")["f_collocate"].item() == 2


def test_collocate_scores_match_nltk_on_the_text_without_punctuation() -> None:
    """Adjacent words, punctuation skipped, scored as nltk scores bigrams of the text without punctuation."""
    found = list(re.finditer(r"\w+|[^\w\s]", SEED.read_text(encoding="utf-8")))
    seed = [m.group() for m in found]
    n = len(seed)
    table = tok.from_rows({"doc_id": ["d"] * n, "sent_id": [1] * n, "word_id": list(range(1, n + 1)),
                           "token_id": list(range(1, n + 1)), "form": seed, "lemma": [w.lower() for w in seed],
                           "upos": ["X" if re.match(r"\w", w) else "PUNCT" for w in seed],
                           "start_char": [m.start() for m in found], "end_char": [m.end() for m in found]})
    words = [w.lower() for w in seed if re.match(r"\w", w)]
    assert FreqDist(words) == FreqDist(dict(stats.freq(table, "lemma").select("lemma", "count").iter_rows()))
    finder = BigramCollocationFinder.from_words(words)
    measures = BigramAssocMeasures()
    checked = 0
    for node in ("selon", "il", "de"):
        ours = stats.collocates(table, f'[lemma="{node}"]', window=(0, 1), by="lemma", min_count=1,
                                attraction=False)
        for row in ours.iter_rows(named=True):
            pair = (node, row["collocate"])
            assert row["count"] == finder.ngram_fd[pair]
            for name, theirs in (("ll", measures.likelihood_ratio), ("mi", measures.pmi), ("t", measures.student_t)):
                assert row[name] == pytest.approx(finder.score_ngram(theirs, *pair), rel=1e-9, abs=1e-9)
            checked += 1
    assert checked > 20


# --------------------------------------------------------------------------- keyness and dispersion


def test_keyness_on_word_tokens_by_hand(table, documents) -> None:
    found = stats.keyness(table, documents, group_by="outlet", by="lemma", min_count=1)
    de = found.filter((pl.col("group") == "AFP") & (pl.col("item") == "de")).row(0, named=True)
    assert (de["count"], de["reference_count"], de["n_words"], de["reference_words"]) == (1, 1, 8, 6)
    e1, e2 = 8 * 2 / 14, 6 * 2 / 14
    assert de["g2"] == pytest.approx(2 * (math.log(1 / e1) + math.log(1 / e2)))
    assert de["log_ratio"] == pytest.approx(math.log2((1 / 8) / (1 / 6)))
    assert de["percent_diff"] == pytest.approx((1e6 / 8 - 1e6 / 6) / (1e6 / 6) * 100)
    assert "," not in found["item"].to_list()
    every = stats.keyness(table, documents, group_by="outlet", by="lemma", min_count=1, include_punct=True)
    de = every.filter((pl.col("group") == "AFP") & (pl.col("item") == "de")).row(0, named=True)
    assert (de["n_words"], de["reference_words"]) == (10, 9)
    against = stats.keyness(table.filter(pl.col("doc_id") == "a"), reference=table.filter(pl.col("doc_id") == "b"),
                            by="lemma", min_count=1)
    assert set(against.select("n_words", "reference_words").rows()) == {(8, 6)}


def test_dispersion_parts_are_word_tokens_by_hand(table) -> None:
    row = stats.dispersion(table, ["pays"], by="lemma").row(0, named=True)
    s_a, s_b = 8 / 14, 6 / 14  # the parts' shares of the word tokens
    assert row["dp"] == pytest.approx(0.5 * (abs(0.5 - s_a) + abs(0.5 - s_b)))
    assert row["dp_norm"] == pytest.approx(row["dp"] / (1 - s_b))
    rel = [1 / 8, 1 / 6]
    mean, sd = sum(rel) / 2, abs(rel[0] - rel[1]) / 2
    assert row["juilland_d"] == pytest.approx(1 - sd / mean)
    every = stats.dispersion(table, ["pays"], by="lemma", include_punct=True).row(0, named=True)
    assert every["dp"] == pytest.approx(0.5 * (abs(0.5 - 10 / 19) + abs(0.5 - 9 / 19)))
    where = stats.positions(table, '"pays"').sort("doc_id")
    assert where.select("word", "doc_words").rows() == [(7, 8), (5, 6)]
    assert stats.positions(table, '"pays"', include_punct=True).sort("doc_id").select(
        "word", "doc_words").rows() == [(8, 10), (7, 9)]


# --------------------------------------------------------------------------- the voices' words


def test_summary_and_voices_count_word_tokens() -> None:
    """« Il a dit « nous viendrons » . »: 5 words, 2 of them quoted; the quotation marks are not words."""
    quoted = {"q": [("Il", [("Il", "il", "PRON")]), ("a", [("a", "avoir", "AUX")]), ("dit", [("dit", "dire", "VERB")]),
                    ("«", [("«", "«", "PUNCT")]), ("nous", [("nous", "nous", "PRON")]),
                    ("viendrons", [("viendrons", "venir", "VERB")]), ("»", [("»", "»", "PUNCT")]),
                    (".", [(".", ".", "PUNCT")])]}
    tokens, documents = build(quoted)
    text = documents["text"][0]
    quotes = pl.DataFrame({"doc_id": ["q"], "start_char": [text.index("«")], "end_char": [text.index("»") + 1],
                           "kind": ["direct"], "nested": [False]})
    assert quoted_word_counts(tokens, quotes)["quoted_words"].to_list() == [2]
    assert quoted_word_counts(tokens, quotes, include_punct=True)["quoted_words"].to_list() == [4]
    voices = voice_word_counts(tokens, quotes).row(0, named=True)
    assert (voices["writer_words"], voices["quoted_words"], voices["reported_words"]) == (3, 2, 0)
    row = summary(tokens, documents, quotes=quotes).row(-1, named=True)
    assert (row["n_words"], row["quoted_words"], row["quoted_share"]) == (5, 2, pytest.approx(0.4))


# --------------------------------------------------------------------------- command line and parsed folders


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    tokens, documents = build()
    return ParsedCorpus(tokens=tokens, documents=documents).save(tmp_path_factory.mktemp("counting"))


def test_command_line_counts_words_unless_include_punct(folder, capsys) -> None:
    assert main(["freq", str(folder), "--by", "lemma", "--top", "100"]) == 0
    lemmas = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert "," not in lemmas and "de" in lemmas
    assert main(["freq", str(folder), "--by", "lemma", "--top", "100", "--include-punct"]) == 0
    assert "," in [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert main(["freq", str(folder), "--where", '[upos="PUNCT"]']) == 0
    assert "--include-punct" in capsys.readouterr().err
    assert main(["freq", str(folder), "--ngram", "2", "--by", "token_text", "--top", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("du pays\t2\t")
    for verb in (["collocates", "lemma:selon", "--min-count", "1"], ["keyness", "--group-by", "outlet"],
                 ["dispersion", "--items", "pays"]):
        assert main([verb[0], str(folder), *verb[1:], "--include-punct"]) == 0
    capsys.readouterr()


def test_lazy_counts_words_as_in_memory(folder) -> None:
    assert lazy.count_words(folder) == 14 and lazy.count_words(folder, include_punct=True) == 19
    tokens = load(folder).tokens
    for kwargs in ({"by": "lemma"}, {"by": "token_text"}, {"by": "lemma", "include_punct": True},
                   {"by": "lemma", "where": '[upos="NOUN"]'}):
        assert lazy.frequencies(folder, max_words=5, **kwargs).equals(stats.freq(tokens, **kwargs)), kwargs
    grouped = lazy.frequencies(folder, by="lemma", group_by="outlet")
    assert grouped.equals(stats.freq(tokens, by="lemma", documents=load(folder).documents, group_by="outlet"))
