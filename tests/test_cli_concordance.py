"""The concordance and statistics verbs on a parsed folder built by hand."""

from __future__ import annotations

import polars as pl
import pytest
from test_query import build

from corpusling.cli import main
from corpusling.parsed import ParsedCorpus


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tokens, documents = build()
    path = tmp_path_factory.mktemp("parsed")
    ParsedCorpus(tokens=tokens, documents=documents.with_columns(pl.col("year").cast(pl.String))).save(path)
    return path


def test_concordance_query_is_the_last_argument(folder, capsys):
    assert main(["concordance", str(folder), '[lemma="avoir" & upos="AUX"] [upos="VERB"]', "--width", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "[aurait menti]" in out[0] and "[a dit]" in out[1]


def test_concordance_to_file_sorted_sampled(folder, tmp_path):
    target = tmp_path / "lines.csv"
    assert main(["concordance", str(folder), "-q", "lemma:avoir", "--sort", "R1", "--metadata", "year",
                 "--out", str(target)]) == 0
    lines = pl.read_csv(target)
    assert lines.columns == ["doc_id", "start_char", "end_char", "left", "match", "right", "year"]
    assert lines["match"].to_list() == ["a", "a", "aurait"]
    assert main(["concordance", str(folder), "lemma:avoir", "--sample", "2", "--out", str(target)]) == 0
    assert pl.read_csv(target).height == 2


def test_bad_query_exits_2_with_a_caret(folder, capsys):
    assert main(["concordance", str(folder), '[lemma="avoir" &]']) == 2
    err = capsys.readouterr().err
    assert "^" in err and "Traceback" not in err
    assert main(["concordance", str(folder)]) == 2


def test_freq_collocates_keyness_dispersion(folder, tmp_path, capsys):
    assert main(["freq", str(folder), "--by", "lemma", "--where", '[upos="PRON"]']) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "lemma\tcount\tper_million" and rows[1].startswith("il\t4\t")
    assert main(["freq", str(folder), "--ngram", "2", "--by", "upos", "--top", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("PRON AUX\t3\t")
    out = tmp_path / "coll.tsv"
    assert main(["collocates", str(folder), "lemma:selon", "--window", "3", "--min-count", "1", "--by", "upos",
                 "--out", str(out)]) == 0
    coll = pl.read_csv(out, separator="\t")
    assert {"collocate", "count", "ll", "mi", "mi3", "t", "dice", "log_dice"} <= set(coll.columns)
    assert main(["keyness", str(folder), "--group-by", "year", "--min-count", "1", "--by", "upos"]) == 0
    assert capsys.readouterr().out.startswith("group\titem\tcount")
    assert main(["keyness", str(folder), "--reference", str(folder), "--min-count", "1"]) == 0
    assert "g2" in capsys.readouterr().out
    where = tmp_path / "pos.csv"
    assert main(["dispersion", str(folder), "-q", '"Selon"', "--positions", str(where)]) == 0
    assert capsys.readouterr().out.splitlines()[1].split("\t")[:3] == ['"Selon"', "2", "2"]
    assert pl.read_csv(where).height == 2
    with pytest.raises(SystemExit) as stop:  # --group-by or --reference is required (argparse)
        main(["keyness", str(folder)])
    assert stop.value.code == 2


def test_multi_key_sort_breaks_ties_in_order() -> None:
    """--sort R1,L1: lines ordered by the word after the match, ties by the word before (stable, as in CQP)."""
    from corpusling.concordance import concordance

    words = "b X z . a X z . c X y . a X y .".split()
    text = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    tokens = pl.DataFrame({"doc_id": ["d"] * len(words), "sent_id": [i // 4 + 1 for i in range(len(words))],
                           "word_id": [i % 4 + 1 for i in range(len(words))], "form": words,
                           "start_char": starts, "end_char": [s + len(w) for s, w in zip(starts, words, strict=True)]})
    documents = pl.DataFrame({"doc_id": ["d"], "text": [text]})
    lines = concordance(tokens, documents, '"X"', sort="R1,L1", width=1)
    assert [(r.split()[0], left.strip()) for left, r in zip(lines["left"], lines["right"], strict=True)] == [
        ("y", "a"), ("y", "c"), ("z", "a"), ("z", "b")]
    assert concordance(tokens, documents, '"X"', sort="R1 L1", width=1).equals(lines)
    assert [left.strip() for left in concordance(tokens, documents, '"X"', sort="R1", width=1)["left"]] == [
        "c", "a", "b", "a"]  # one key: ties stay in corpus order


def test_count_hits_by_position_match_and_metadata(tmp_path) -> None:
    """--count R1.lemma / match.lemma / doc.COL: CQP's count and group, with per-million and documents."""
    import corpusling as cl
    from corpusling.cli import main
    from corpusling.parsed import ParsedCorpus

    words = "selon X . selon Y . selon X . dit Z .".split()
    text = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    tokens = pl.DataFrame({"doc_id": ["a"] * 6 + ["b"] * 6, "sent_id": [i // 3 + 1 for i in range(12)],
                           "word_id": [i % 3 + 1 for i in range(12)], "form": words,
                           "lemma": [w.lower() for w in words],
                           "start_char": [s - (starts[6] if i >= 6 else 0) for i, s in enumerate(starts)],
                           "end_char": [s - (starts[6] if i >= 6 else 0) + len(w)
                                        for i, (s, w) in enumerate(zip(starts, words, strict=True))]})
    documents = pl.DataFrame({"doc_id": ["a", "b"], "text": [text[:starts[6] - 1], text[starts[6]:]],
                              "outlet": ["AFP", "Reuters"]})
    corpus = ParsedCorpus(tokens=tokens, documents=documents)
    by_next = cl.count(corpus, '"selon"', by="R1.lemma")
    assert by_next.select("R1.lemma", "count", "documents").rows() == [("x", 2, 2), ("y", 1, 1)]
    assert by_next["per_million"].to_list() == [2 / 12 * 1e6, 1 / 12 * 1e6]
    pairs = cl.count(corpus, '"selon" []', by=["doc.outlet", "match.lemma"])
    assert pairs.select("doc.outlet", "match.lemma", "count").rows() == [
        ("AFP", "selon x", 1), ("AFP", "selon y", 1), ("Reuters", "selon x", 1)]
    folder = corpus.save(tmp_path / "parsed")
    assert main(["concordance", str(folder), '"selon"', "--count", "R1.lemma", "--out",
                 str(tmp_path / "n.csv")]) == 0
    assert pl.read_csv(tmp_path / "n.csv")["count"].to_list() == [2, 1]
    assert main(["concordance", str(folder), '"selon"', "--count", "doc.nope"]) == 2
