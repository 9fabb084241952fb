"""CWB vertical files (VRT): writing, reading back, and VRT from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from corpusling import tokens as tok
from corpusling.conllu import from_conllu
from corpusling.normalise import for_parser
from corpusling.readers import read_corpus
from corpusling.vrt import from_vrt, to_vrt

SEQUOIA = Path(__file__).resolve().parent / "data" / "fr_sequoia-ud-test-30.conllu"

#: Token-table columns a VRT file carries (xpos, deps and misc are not written).
VRT_COLUMNS = [c for c in tok.COLUMNS if c not in {"xpos", "deps", "misc"}]


@pytest.fixture(scope="module")
def annotated():
    """Two documents with metadata: the Sequoia sample split in two, sentences 1–12 and 13–30."""
    tokens, documents = from_conllu(SEQUOIA.read_text(encoding="utf-8"), doc_id="seq")
    text = documents["text"][0]
    first = tokens.filter(pl.col("sent_id") <= 12)
    cut = first["end_char"].max() + 1
    second = tokens.filter(pl.col("sent_id") > 12).with_columns(
        pl.lit("seq-2").alias("doc_id"), pl.col("sent_id") - 12, pl.col("start_char") - cut, pl.col("end_char") - cut)
    table = tok.from_rows(pl.concat([first.with_columns(pl.col("doc_id").cast(pl.String)),
                                     second.with_columns(pl.col("doc_id").cast(pl.String))]))
    docs = pl.DataFrame({"doc_id": ["seq", "seq-2"], "title": ['Énergie & "climat" <UE>', "Suite"],
                         "year": [2012, 2013], "text": [text[: cut - 1], text[cut:]]})
    return table, docs


def test_vrt_round_trip_keeps_the_token_table(annotated):
    table, docs = annotated
    written = to_vrt(table, docs)
    tokens, documents = from_vrt(written, doc_id="x")
    assert tokens.select(VRT_COLUMNS).equals(table.select(VRT_COLUMNS))
    assert documents["doc_id"].to_list() == ["seq", "seq-2"]
    assert documents["text"].to_list() == docs["text"].to_list()
    assert documents["title"].to_list() == docs["title"].to_list()
    assert documents["year"].to_list() == ["2012", "2013"]


def test_vrt_structure_escaping_and_cwb_header(annotated):
    table, docs = annotated
    written = to_vrt(table, docs, path="out.vrt", name="sequoia")
    lines = written.split("\n")
    assert lines[0] == ("<!-- corpusling VRT: positional attributes: word lemma pos feats deprel head "
                        "token_id token_text start_char end_char -->")
    assert "cwb-encode -x -c utf8" in lines[1] and "-f out.vrt" in lines[1]
    assert "-P lemma -P pos -P feats -P deprel -P head" in lines[1] and "-S text:0+id+title+year" in lines[1]
    assert "cwb-makeall -r registry -V SEQUOIA" in lines[1]
    assert lines[2] == '<text id="seq" title="Énergie &amp; &quot;climat&quot; &lt;UE&gt;" year="2012">'
    assert lines[3:5] == ["<p>", '<s id="1">']
    assert lines.count("<p>") == 2 and lines.count("</text>") == 2
    assert sum(line.startswith("<s ") for line in lines) == table.select("doc_id", "sent_id").n_unique()
    words = [line for line in lines if line and not line.startswith("<")]
    assert len(words) == table.height and all(len(w.split("\t")) == 10 for w in words)


def test_xml_special_characters_in_tokens_survive(tmp_path):
    text = "A&B <3 > 2"
    table = tok.from_rows({"doc_id": ["d"] * 4, "par_id": [1] * 4, "sent_id": [1] * 4, "word_id": [1, 2, 3, 4],
                           "token_id": [1, 2, 3, 4], "token_text": ["A&B", "<3", ">", "2"],
                           "form": ["A&B", "<3", ">", "2"], "lemma": ["A&B", "<3", ">", "2"],
                           "upos": ["PROPN", "SYM", "SYM", "NUM"], "start_char": [0, 4, 7, 9],
                           "end_char": [3, 6, 8, 10]})
    written = to_vrt(table, pl.DataFrame({"doc_id": ["d"], "text": [text]}))
    assert "A&amp;B\tA&amp;B" in written and "&lt;3" in written
    path = tmp_path / "x.vrt"
    path.write_text(written, encoding="utf-8")
    doc = read_corpus([path]).documents[0]
    assert doc.text == text and doc.tokens["form"].to_list() == ["A&B", "<3", ">", "2"]


def test_vrt_without_dependencies_has_four_core_attributes():
    table = tok.from_rows({"doc_id": ["d"], "par_id": [1], "sent_id": [1], "word_id": [1], "token_id": [1],
                           "token_text": ["Bonjour"], "form": ["Bonjour"], "lemma": ["bonjour"], "upos": ["INTJ"],
                           "start_char": [0], "end_char": [7]})
    header = to_vrt(table).split("\n")[0]
    assert "positional attributes: word lemma pos feats token_id" in header


FOREIGN = """<text id="t1" journal="Le Monde" annee="2020">
<s>
Selon\tselon\tADP\t_\tcase\t2\tx1
l'\tle\tDET\t_\tdet\t3\tx2
AFP\tAFP\tPROPN\t_\tobl\t6\tx3
,\t,\tPUNCT\t_\tpunct\t2\tx4
il\til\tPRON\t_\tnsubj\t6\tx5
aurait\tavoir\tAUX\tMood=Cnd|Tense=Pres\troot\t0\tx6
(\t(\tPUNCT\t_\tpunct\t8\tx7
dit\tdire\tVERB\t_\tparataxis\t6\tx8
)\t)\tPUNCT\t_\tpunct\t8\tx9
.\t.\tPUNCT\t_\tpunct\t6\tx10
</s>
</text>
<text id="t2" journal="Libération" annee="2021">
<s>
Fin\tfin\tNOUN\t_\troot\t0\ty1
</s>
</text>
"""


def test_vrt_from_elsewhere_default_columns_extra_attribute_and_spacing(tmp_path):
    path = tmp_path / "export.vrt"
    path.write_text(FOREIGN, encoding="utf-8")
    corpus = read_corpus([path])
    assert [d.doc_id for d in corpus] == ["t1", "t2"]
    assert [d.meta for d in corpus] == [{"journal": "Le Monde", "annee": "2020"},
                                        {"journal": "Libération", "annee": "2021"}]
    doc = corpus.documents[0]
    assert doc.text == "Selon l'AFP, il aurait (dit)."
    tokens = doc.tokens
    assert tokens["attr_7"].to_list() == [f"x{i}" for i in range(1, 11)]  # unknown attribute kept
    assert tokens.filter(pl.col("form") == "aurait")["mood"].to_list() == ["Cnd"]
    assert tokens["head"].to_list() == [2, 3, 6, 2, 6, 0, 8, 6, 8, 6]
    sliced = [doc.text[s:e] for s, e in zip(tokens["start_char"], tokens["end_char"], strict=True)]
    assert sliced == tokens["token_text"].to_list()


def test_parsed_seed_round_trips_through_vrt(seed_parsed):
    """A corpus parsed for real with the bundled model, written as VRT and read back: same token table."""
    written = to_vrt(seed_parsed.tokens, seed_parsed.documents.drop("source", strict=False))
    tokens, documents = from_vrt(written, doc_id="x")
    # mood/tense… are derived again from feats on reading; the parse's own columns may carry the
    # Mood=Cnd check of corpusling.nlp, which edits them without feats: compare feats itself
    derived = {"doc_id", "mood", "tense", "verbform", "person", "number", "form"}
    columns = [c for c in VRT_COLUMNS if c not in derived]
    assert tokens.select(columns).equals(seed_parsed.tokens.select(columns))
    # the word attribute is the document's own characters (’ kept); the parser saw it as for_parser does
    assert [for_parser(f) for f in tokens["form"]] == [for_parser(f) for f in seed_parsed.tokens["form"]]
    assert "’" in "".join(tokens["form"])
    assert tokens["doc_id"].cast(pl.String).to_list() == seed_parsed.tokens["doc_id"].cast(pl.String).to_list()
    original = seed_parsed.documents["text"][0]
    rebuilt = documents["text"][0]
    # every character at its place; whitespace between tokens may differ (no-break spaces become spaces)
    # token_text is the document's own characters (typographic apostrophes kept)
    assert re.sub(r"\s", " ", rebuilt) == re.sub(r"\s", " ", original[: len(rebuilt)])
    assert original[len(rebuilt):].strip() == ""
    assert documents["notes"][0] is None  # offsets were consistent: kept, not rebuilt


def test_export_command_writes_vrt_and_conllu_of_the_seed(seed_parsed, tmp_path, capsys):
    from corpusling.cli import main

    seed = Path(__file__).resolve().parent.parent / "seeds"
    assert main(["export", str(seed), "--format", "vrt", "--out", str(tmp_path / "seed.vrt")]) == 0
    assert main(["export", str(seed), "--out", str(tmp_path / "seed.conllu")]) == 0
    vrt = (tmp_path / "seed.vrt").read_text(encoding="utf-8")
    assert "cwb-encode" in vrt.split("\n")[1]
    assert sum(1 for line in vrt.split("\n") if line and not line.startswith("<")) == seed_parsed.tokens.height
    conllu = (tmp_path / "seed.conllu").read_text(encoding="utf-8")
    assert conllu.count("# sent_id") == seed_parsed.tokens.select("doc_id", "sent_id").n_unique()
    assert "documents" in capsys.readouterr().out


def test_line_breaks_inside_tokens_keep_offsets_in_vrt():
    text = "New\n\nYork a"
    table = tok.from_rows({"doc_id": ["d"] * 2, "par_id": [1, 1], "sent_id": [1, 1], "word_id": [1, 2],
                           "token_id": [1, 2], "token_text": ["New\n\nYork", "a"], "form": ["New\n\nYork", "a"],
                           "start_char": [0, 10], "end_char": [9, 11]})
    tokens, documents = from_vrt(to_vrt(table, pl.DataFrame({"doc_id": ["d"], "text": [text]})))
    assert tokens["start_char"].to_list() == [0, 10] and tokens["end_char"].to_list() == [9, 11]
    assert tokens["token_text"].to_list() == ["New  York", "a"]
    assert documents["notes"][0] is None


def test_report_on_a_vrt_file_from_elsewhere(tmp_path):
    """Issue 10: a VRT file exported by another tool goes through `corpusling report` unparsed."""
    from corpusling.cli import main

    path = tmp_path / "export.vrt"
    path.write_text(FOREIGN, encoding="utf-8")
    out = tmp_path / "report"
    assert main(["report", str(path), "--out", str(out), "--group-by", "journal"]) == 0
    conditionals = pl.read_csv(out / "conditionals.csv")
    assert conditionals["form"].to_list() == ["aurait"]
    assert set(pl.read_csv(out / "documents.csv")["doc_id"]) == {"t1", "t2"}
    assert pl.read_parquet(out / "tokens.parquet")["attr_7"].to_list()[-1] == "y1"  # unknown attribute kept
