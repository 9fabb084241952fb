"""CoNLL-U: reading annotated files (not parsed again), offsets, and the table ↔ CoNLL-U round trip."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from corpusling import tokens as tok
from corpusling.conllu import from_conllu, to_conllu
from corpusling.normalise import for_parser
from corpusling.readers import read_corpus

DATA = Path(__file__).resolve().parent / "data"
SEQUOIA = DATA / "fr_sequoia-ud-test-30.conllu"


def token_lines(content: str) -> list[str]:
    """The word and multi-word-token lines of a CoNLL-U text (comments and blank lines dropped)."""
    return [line for line in content.split("\n") if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def sequoia():
    corpus = read_corpus([SEQUOIA])
    assert len(corpus) == 1
    return corpus.documents[0]


def test_conllu_document_keeps_its_annotations(sequoia):
    tokens = sequoia.tokens
    assert tokens is not None, "CoNLL-U documents carry their token table and are not parsed again"
    assert tokens.columns[: len(tok.COLUMNS)] == tok.COLUMNS
    source_words = [line for line in token_lines(SEQUOIA.read_text(encoding="utf-8")) if line.split("\t")[0].isdigit()]
    assert tokens.height == len(source_words)
    assert tokens["sent_id"].n_unique() == SEQUOIA.read_text(encoding="utf-8").count("# sent_id")
    assert sequoia.doc_id == SEQUOIA.stem


def test_every_token_offset_points_at_its_text(sequoia):
    tokens = sequoia.tokens
    length = pl.col("end_char") - pl.col("start_char")
    sliced = tokens.select(pl.lit(sequoia.text).str.slice(pl.col("start_char"), length).alias("sliced"), "token_text")
    assert sliced["sliced"].to_list() == sliced["token_text"].to_list()


def test_multiword_tokens_share_surface_and_offsets(sequoia):
    tokens = sequoia.tokens
    lines = token_lines(SEQUOIA.read_text(encoding="utf-8"))
    ranges = [line.split("\t") for line in lines if "-" in line.split("\t")[0]]
    assert ranges, "the test file has multi-word tokens"
    multi = tokens.group_by("sent_id", "token_id").agg(pl.len().alias("n"), pl.col("token_text").first(),
                                                      pl.col("start_char").n_unique().alias("starts"))
    multi = multi.filter(pl.col("n") > 1)
    assert multi.height == len(ranges)
    assert sorted(multi["token_text"].to_list()) == sorted(r[1] for r in ranges)
    assert (multi["starts"] == 1).all()


def test_sentence_text_is_rebuilt_from_spaceafter(sequoia):
    source_texts = [line[len("# text = "):] for line in SEQUOIA.read_text(encoding="utf-8").split("\n")
                    if line.startswith("# text = ")]
    sentences = tok.sentences(sequoia.tokens, pl.DataFrame({"doc_id": [sequoia.doc_id], "text": [sequoia.text]}))
    assert sentences["sentence"].to_list() == source_texts


def test_ud_file_read_written_and_read_again_keeps_its_columns_byte_for_byte(sequoia):
    original = SEQUOIA.read_text(encoding="utf-8")
    documents = pl.DataFrame({"doc_id": [sequoia.doc_id], "text": [sequoia.text]})
    written = to_conllu(sequoia.tokens, documents)
    assert token_lines(written) == token_lines(original)
    tokens_again, documents_again = from_conllu(written, doc_id="again")
    assert documents_again["doc_id"].to_list() == [sequoia.doc_id]  # from `# newdoc id`
    assert documents_again["text"].to_list() == [sequoia.text]
    assert tokens_again.equals(sequoia.tokens)


NEWDOC = """# newdoc id = d1
# newpar
# sent_id = a
# text = Il l'aurait.
1	Il	il	PRON	_	_	3	nsubj	_	_
2	l'	le	PRON	_	_	3	obj	_	SpaceAfter=No
3	aurait	avoir	AUX	_	Mood=Cnd|Tense=Pres	0	root	_	SpaceAfter=No
4	.	.	PUNCT	_	_	3	punct	_	_

# sent_id = b
1-2	Du	_	_	_	_	_	_	_	_
1	De	de	ADP	_	_	3	case	_	_
2	le	le	DET	_	_	3	det	_	_
3	calme	calme	NOUN	_	_	0	root	_	SpaceAfter=No
4	!	!	PUNCT	_	_	3	punct	_	_

# newpar
# sent_id = c
1	Fin	fin	NOUN	_	_	0	root	_	_

# newdoc id = d2
# sent_id = d
1	Autre	autre	ADJ	_	_	0	root	_	_

"""


def test_newdoc_and_newpar_split_documents_and_paragraphs():
    tokens, documents = from_conllu(NEWDOC, doc_id="file")
    assert documents["doc_id"].to_list() == ["d1", "d2"]
    assert documents["text"].to_list() == ["Il l'aurait. Du calme!\n\nFin", "Autre"]
    d1 = tokens.filter(pl.col("doc_id") == "d1")
    assert d1["par_id"].to_list() == [1] * 8 + [2]
    assert d1["sent_id"].to_list() == [1] * 4 + [2] * 4 + [3]
    assert d1.filter(pl.col("sent_id") == 2)["token_text"].to_list() == ["Du", "Du", "calme", "!"]
    assert d1.filter(pl.col("form") == "aurait")["mood"].to_list() == ["Cnd"]
    assert tokens.filter(pl.col("doc_id") == "d2")["sent_id"].to_list() == [1]


def test_read_corpus_splits_a_conllu_file_at_newdoc(tmp_path):
    (tmp_path / "two.conllu").write_text(NEWDOC, encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["d1", "d2"]
    assert all(d.tokens is not None and d.tokens["doc_id"].cast(pl.String).unique().to_list() == [d.doc_id]
               for d in corpus)


def test_to_conllu_derives_spaceafter_and_writes_comments_for_a_parsed_table():
    text = "Selon lui, du calme.\n\nFin"
    table = tok.from_rows({
        "doc_id": ["p"] * 7, "par_id": [1, 1, 1, 1, 1, 1, 2], "sent_id": [1, 1, 1, 1, 1, 1, 2],
        "word_id": [1, 2, 3, 4, 5, 6, 1], "token_id": [1, 2, 3, 4, 4, 5, 1],
        "token_text": ["Selon", "lui", ",", "du", "du", "calme", "Fin"],
        "form": ["Selon", "lui", ",", "de", "le", "calme", "Fin"],
        "lemma": ["selon", "lui", ",", "de", "le", "calme", "fin"],
        "upos": ["ADP", "PRON", "PUNCT", "ADP", "DET", "NOUN", "NOUN"],
        "start_char": [0, 6, 9, 11, 11, 14, 22], "end_char": [5, 9, 10, 13, 13, 19, 25],
    })
    written = to_conllu(table, pl.DataFrame({"doc_id": ["p"], "text": [text]}))
    lines = written.split("\n")
    assert lines[:4] == ["# newdoc id = p", "# newpar", "# sent_id = p-1", "# text = Selon lui, du calme"]
    assert lines[4].split("\t") == ["1", "Selon", "selon", "ADP", "_", "_", "_", "_", "_", "_"]
    assert lines[5].endswith("\tSpaceAfter=No")  # "lui" touches ","
    assert lines[7].split("\t") == ["4-5", "du", "_", "_", "_", "_", "_", "_", "_", "_"]
    assert "# newpar" in lines[lines.index("# sent_id = p-2") - 1]
    tokens_again, documents_again = from_conllu(written)
    assert documents_again["text"][0] == "Selon lui, du calme\n\nFin"
    assert tokens_again.select("form", "token_text", "token_id", "par_id").equals(
        table.select("form", "token_text", "token_id", "par_id"))


def test_parsed_seed_written_as_conllu_and_read_back(seed_parsed):
    """The bundled model's token table → CoNLL-U → token table keeps every annotation column."""
    written = to_conllu(seed_parsed.tokens, seed_parsed.documents)
    tokens, documents = from_conllu(written)
    columns = ["par_id", "sent_id", "word_id", "token_id", "lemma", "upos", "xpos", "feats",
               "head", "deprel"]  # mood/tense are derived again from feats (see test_vrt)
    assert tokens.select(columns).equals(seed_parsed.tokens.select(columns))
    # CoNLL-U has one surface string per one-word token (FORM): the document's, typographic apostrophes
    # included (issue 19); the parser's form is that string as the parser saw it
    assert tokens["token_text"].to_list() == seed_parsed.tokens["token_text"].to_list()
    assert [for_parser(f) for f in tokens["form"]] == [for_parser(f) for f in seed_parsed.tokens["form"]]
    assert "’" in "".join(tokens["form"]) and "’" in seed_parsed.documents["text"][0]
    text = documents["text"][0]  # rebuilt from SpaceAfter: same words, canonical spacing
    assert text.split() == seed_parsed.documents["text"][0].split()
    assert [text[s:e] for s, e in zip(tokens["start_char"], tokens["end_char"], strict=True)] == \
        tokens["token_text"].to_list()


def test_line_breaks_and_tabs_inside_fields_never_break_the_format():
    table = tok.from_rows({"doc_id": ["d"] * 2, "par_id": [1, 1], "sent_id": [1, 1], "word_id": [1, 2],
                           "token_id": [1, 2], "token_text": ["New\nYork", "a\tb"], "form": ["New\nYork", "a\tb"],
                           "start_char": [0, 9], "end_char": [8, 12]})
    written = to_conllu(table, pl.DataFrame({"doc_id": ["d"], "text": ["New\nYork a\tb"]}))
    lines = token_lines(written)
    assert [line.split("\t")[1] for line in lines] == ["New York", "a b"]
    assert all(len(line.split("\t")) == 10 for line in lines)
    assert "# text = New York a b" in written


def test_export_writes_the_documents_apostrophes() -> None:
    """The parser sees ' for ’; the CoNLL-U export writes the document's own ’ (issue 19)."""
    from corpusling.api import parse
    from corpusling.conllu import to_conllu
    from corpusling.corpus import Corpus, Document

    text = "L’armée aurait envoyé l’équipe aujourd’hui."
    parsed = parse(Corpus(documents=[Document(doc_id="d", text=text)]), model="compact")
    words = [line.split("\t") for line in to_conllu(parsed.tokens, parsed.documents).splitlines()
             if line and not line.startswith("#")]
    surface = "".join(w[1] + ("" if "SpaceAfter=No" in w[9] else " ") for w in words if "." not in w[0]
                      and not any(other[0].startswith(f"{w[0]}-") for other in words)).strip()
    assert "’" in surface and "'" not in surface
    assert surface.replace(" ", "") == text.replace(" ", "")


def test_a_treebank_written_with_typographic_apostrophes_is_evaluated(tmp_path) -> None:
    """`corpusling models evaluate` scores a UD file written with ’ as it scores the same file with '."""
    from corpusling.nlp.evaluate import evaluate

    straight = DATA / "fr_sequoia-ud-test-30.conllu"
    lines = []
    for line in straight.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text"):
            line = line.replace("'", "’")
        elif line and not line.startswith("#"):
            cells = line.split("\t")
            cells[1] = cells[1].replace("'", "’")
            line = "\t".join(cells)
        lines.append(line)
    curly = tmp_path / "curly.conllu"
    curly.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "’" in curly.read_text(encoding="utf-8")
    scored, reference = evaluate(curly, model="compact"), evaluate(straight, model="compact")
    for metric in ("Tokens", "Words", "UPOS", "UFeats", "Lemmas", "LAS"):
        assert scored[metric] == reference[metric], metric
    for name in ("Mood", "Tense", "VerbForm", "Person", "Number"):  # per-feature scores (issue 19, item 4)
        feature = scored[f"feature {name}"]
        assert feature == reference[f"feature {name}"]
        assert feature["gold"] > 0 and 0 < feature["precision"] <= 1 and 0 < feature["recall"] <= 1


def test_feature_scores_count_values_on_matched_words() -> None:
    """A word's feature is right only with the same value on the gold word of the same span."""
    from udtools import udeval

    from corpusling.nlp.evaluate import features_scores

    gold = DATA / "fr_sequoia-ud-test-30.conllu"
    ud = udeval.load_conllu_file(str(gold))
    perfect = features_scores(ud, ud)
    assert all(s["precision"] == s["recall"] == 1.0 for s in perfect.values())
    wrong = ud
    for word in wrong.words:
        word.columns[5] = word.columns[5].replace("Tense=Pres", "Tense=Past")
    assert features_scores(udeval.load_conllu_file(str(gold)), wrong)["Tense"]["recall"] < 1.0
