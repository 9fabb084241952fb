"""Faults of the readers (issue 20): valid but unusual input is read, broken input is skipped and listed
(never a crash of the run), and what the reader did silently is reported in ``Corpus.warnings``."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from corpusling.errors import CorpuslingError
from corpusling.readers import BUG, read_corpus


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- 1. VRT with any number of positional attributes -------------------------------------------------------------

WORDS = [("Le", "le", "DET"), ("chat", "chat", "NOUN"), ("dort", "dormir", "VERB"), (".", ".", "PUNCT")]


def vrt(n_columns: int) -> str:
    lines = "\n".join("\t".join([*w, "_", "_", "_", "x", "y"][:n_columns]) for w in WORDS)
    return f'<text id="t" outlet="AFP">\n<s>\n{lines}\n</s>\n</text>\n'


@pytest.mark.parametrize("n_columns", [1, 2, 3, 4, 5, 6, 7])
def test_vrt_with_any_number_of_columns_is_read(tmp_path, n_columns):
    corpus = read_corpus([write(tmp_path / "a.vrt", vrt(n_columns))])
    doc = corpus.documents[0]
    assert doc.doc_id == "t" and doc.meta == {"outlet": "AFP"}
    assert doc.text == "Le chat dort."
    assert doc.tokens["form"].to_list() == ["Le", "chat", "dort", "."]
    assert doc.tokens["lemma"].to_list() == ([None] * 4 if n_columns < 2 else ["le", "chat", "dormir", "."])
    assert doc.tokens["upos"].cast(str).to_list() == ([None] * 4 if n_columns < 3 else ["DET", "NOUN", "VERB", "PUNCT"])
    assert doc.tokens["number"].null_count() == 4  # no feats: no Number feature (not the line number)


def test_vrt_header_naming_a_token_column_or_twice_the_same_does_not_crash(tmp_path):
    header = "<!-- corpusling VRT: positional attributes: word number word -->\n"
    body = vrt(3).replace("\tDET", "\tDET").replace("\tle\t", "\tle\t")
    corpus = read_corpus([write(tmp_path / "a.vrt", header + body)])
    doc = corpus.documents[0]
    assert doc.text == "Le chat dort."
    assert "attr_2" in doc.tokens.columns and "attr_3" in doc.tokens.columns


def test_vrt_header_without_word_is_skipped_with_a_reason(tmp_path):
    write(tmp_path / "a.vrt", "<!-- corpusling VRT: positional attributes: lemma pos -->\n" + vrt(2))
    write(tmp_path / "b.txt", "Un texte.")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["b"]
    assert "word" in corpus.skipped[0].reason


@pytest.mark.parametrize("content", [vrt(2).replace("</s>", "un\tdeux\ttrois\n</s>"), "<text>\n\tx\n</text>\n",
                                     vrt(1).replace("<s>", "<s><p>"), "\ufeff<text>\n</text>\n"])
def test_malformed_vrt_in_a_folder_is_skipped_and_the_run_goes_on(tmp_path, content):
    write(tmp_path / "bad.vrt", content)
    write(tmp_path / "one.vrt", vrt(1))
    write(tmp_path / "z.txt", "Un texte.")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["t", "z"]
    assert [s.source for s in corpus.skipped] == [str(tmp_path / "bad.vrt")]


# --- 2. a broken JSONL line is skipped, not the file -------------------------------------------------------------

def test_broken_jsonl_line_is_skipped_and_listed_and_the_good_rows_kept(tmp_path):
    path = write(tmp_path / "a.jsonl",
                 '{"text": "Un."}\n{"text": oops}\n\n[1, 2]\n{"text": "Trois.", "outlet": "AFP"}\n')
    corpus = read_corpus([path])
    assert [(d.doc_id, d.text, d.meta) for d in corpus] == [("a:1", "Un.", {"outlet": None}),
                                                            ("a:5", "Trois.", {"outlet": "AFP"})]
    assert [s.source for s in corpus.skipped] == [f"{path}:2", f"{path}:4"]
    assert "line 2" in corpus.skipped[0].reason and "JSON" in corpus.skipped[0].reason
    assert "line 4" in corpus.skipped[1].reason and "object" in corpus.skipped[1].reason


def test_jsonl_with_clashing_types_is_read_as_text(tmp_path):
    path = write(tmp_path / "a.jsonl", '{"text": "Un.", "n": 1}\n{"text": "Deux.", "n": "deux"}\n{"text": 3}\n')
    corpus = read_corpus([path])
    assert [d.text for d in corpus] == ["Un.", "Deux.", "3"]


def test_jsonl_with_only_broken_lines_is_skipped_naming_the_first(tmp_path):
    write(tmp_path / "a.jsonl", '{"text": oops}\n{"text"\n')
    write(tmp_path / "b.txt", "Un texte.")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["b"]
    assert len(corpus.skipped) == 1 and "line 1" in corpus.skipped[0].reason


@pytest.mark.parametrize(("content", "line"), [(b'doc_id,text\n1,ok\n2,"never closed\n3,x\n', "line 3"),
                                               (b'doc_id,text\n1,ok\n2,"a"b\n', "line 3"),
                                               (b'doc_id,text\n1,ok\n2,x,y\n', "line 3")])
def test_malformed_csv_names_the_line(tmp_path, content, line):
    write(tmp_path / "a.csv", content)
    write(tmp_path / "b.txt", "Un texte.")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["b"]
    assert f"malformed CSV ({line}:" in corpus.skipped[0].reason


# --- 3. CoNLL-U trees are validated -----------------------------------------------------------------------------

def sentence(heads: list[str], sent_id: str = "s1") -> str:
    forms = ["Le", "chat", "dort", "."]
    return f"# sent_id = {sent_id}\n" + "".join(
        f"{i}\t{forms[i - 1]}\t_\t_\t_\t_\t{h}\t_\t_\t_\n" for i, h in enumerate(heads, start=1)) + "\n"


GOOD_TREE = ["2", "3", "0", "3"]
BAD_TREES = {  # heads → what the reason must say, and the line of the word it names
    "cycle": (["0", "3", "2", "1"], "cycle", 17),
    "self-loop": (["2", "2", "0", "3"], "its own head", 17),
    "head out of range": (["2", "3", "0", "7"], "out of range", 19),
    "head far out of range": (["2", "3", "0", "99999999999999999999"], "out of range", 19),
    "no root": (["2", "3", "4", "3"], "no root", 16),
}


@pytest.mark.parametrize("case", list(BAD_TREES))
def test_conllu_document_with_a_bad_tree_is_skipped_and_listed_the_others_kept(tmp_path, case):
    heads, mention, line = BAD_TREES[case]
    content = ("# newdoc id = a\n" + sentence(GOOD_TREE, "a-1") + "# newdoc id = b\n" + sentence(GOOD_TREE, "b-1")
               + sentence(heads, "b-2") + "# newdoc id = c\n" + sentence(GOOD_TREE, "c-1"))
    path = write(tmp_path / "x.conllu", content)
    write(tmp_path / "y.txt", "Un texte.")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["a", "c", "y"]
    assert [s.source for s in corpus.skipped] == [str(path)]
    reason = corpus.skipped[0].reason
    assert mention in reason and "'b'" in reason and "b-2" in reason and "sentence 2" in reason
    assert f"line {line}:" in reason  # lines 16-19 hold sentence b-2


def test_conllu_trees_are_checked_only_where_heads_are_given(tmp_path):
    content = sentence(["_"] * 4) + sentence(["2", "0", "0", "3"], "two roots") + sentence(["2", "_", "0", "3"])
    corpus = read_corpus([write(tmp_path / "x.conllu", content)])
    assert [d.doc_id for d in corpus] == ["x"] and corpus.skipped == []


# --- 4. metadata.csv problems are listed as warnings -------------------------------------------------------------

def test_metadata_problems_are_warnings(tmp_path):
    write(tmp_path / "a.txt", "Premier.")
    write(tmp_path / "b.txt", "Second.")
    write(tmp_path / "sub" / "c.txt", "Troisième.")
    write(tmp_path / "metadata.csv", "file,outlet\na.txt,Le Monde\nsub/c.txt,AFP\na.txt,Libération\n"
                                     "gone.txt,Le Figaro\n,Ouest-France\n")
    corpus = read_corpus([tmp_path])
    assert [d.meta for d in corpus] == [{"outlet": "Libération"}, {}, {"outlet": "AFP"}]  # the last row wins
    sidecar = str(tmp_path / "metadata.csv")
    assert all(w.startswith(sidecar + ": ") for w in corpus.warnings)
    text = "\n".join(corpus.warnings)
    assert len(corpus.warnings) == 4, text
    assert "'a.txt' (rows 2, 4)" in text and "the last row is used" in text
    assert "no row" in text and "b.txt" in text
    assert "gone.txt" in text and "not there" in text
    assert "no file name" in text and "row 6" in text


def test_metadata_keyed_by_doc_id_row_without_document_is_a_warning(tmp_path):
    write(tmp_path / "x" / "a.txt", "Premier.")
    write(tmp_path / "metadata.csv", "doc_id,outlet\nx/a,Le Figaro\nx/zz,AFP\n")
    corpus = read_corpus([tmp_path])
    assert corpus.documents[0].meta == {"outlet": "Le Figaro"}
    assert len(corpus.warnings) == 1 and "x/zz" in corpus.warnings[0]


def test_clean_metadata_and_a_subset_of_its_files_give_no_warning(tmp_path):
    write(tmp_path / "a.txt", "Premier.")
    write(tmp_path / "b.txt", "Second.")
    write(tmp_path / "metadata.csv", "file,outlet\na.txt,Le Monde\nb.txt,AFP\n")
    assert read_corpus([tmp_path]).warnings == []
    assert read_corpus([tmp_path / "a.txt"]).warnings == []  # b.txt has a row and is there, only not read
    assert read_corpus([tmp_path / "a.txt", tmp_path / "b.txt"]).warnings == []


# --- 5. encodings: reported as warnings, UTF-16 without a byte-order mark decoded ---------------------------------

FRENCH = "Le ministre aurait « démenti » l’information à Noël, selon l’AFP.\n\nDeuxième paragraphe : œuvre.\n"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16-le", "utf-16-be", "utf-16"])
def test_text_in_another_encoding_is_decoded_and_reported(tmp_path, encoding):
    path = write(tmp_path / "a.txt", FRENCH.encode(encoding))
    corpus = read_corpus([tmp_path])
    assert corpus.documents[0].text == FRENCH
    assert len(corpus.warnings) == 1 and corpus.warnings[0].startswith(f"{path}: not UTF-8: decoded as ")
    assert ("cp1252" if encoding == "cp1252" else "UTF-16") in corpus.warnings[0]


def test_a_table_in_cp1252_gives_one_warning_and_its_metadata_file_another(tmp_path):
    write(tmp_path / "t.csv", "doc_id,text\n1,Été\n2,Noël à Paris\n3,Où ?\n".encode("cp1252"))
    write(tmp_path / "d" / "a.txt", "Un.")
    write(tmp_path / "d" / "metadata.csv", "file,titre\na.txt,Élection présidentielle à Noël\n".encode("cp1252"))
    corpus = read_corpus([tmp_path])
    assert [d.text for d in corpus] == ["Un.", "Été", "Noël à Paris", "Où ?"]
    assert corpus.documents[0].meta == {"titre": "Élection présidentielle à Noël"}
    assert [w.split(": ")[0] for w in corpus.warnings] == [str(tmp_path / "t.csv"),
                                                           str(tmp_path / "d" / "metadata.csv")]


def test_utf8_gives_no_warning(tmp_path):
    write(tmp_path / "a.txt", FRENCH)
    assert read_corpus([tmp_path]).warnings == []


def test_broken_utf16_without_bom_is_named_not_called_binary(tmp_path):
    write(tmp_path / "a.txt", FRENCH.encode("utf-16-le")[:-1])
    write(tmp_path / "b.txt", "Un.")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["b"]
    assert "UTF-16" in corpus.skipped[0].reason and "binary" not in corpus.skipped[0].reason


# --- 6. output folders are never read as input --------------------------------------------------------------------

def parsed_folder(folder: Path, doc_id: str, parts: bool = False) -> Path:
    """A folder as ``corpusling parse`` writes it, from a one-sentence CoNLL-U document (no parser needed)."""
    import polars as pl

    from corpusling.conllu import from_conllu

    tokens, documents = from_conllu(sentence(GOOD_TREE), doc_id=doc_id)
    documents = documents.with_columns(pl.lit("AFP").alias("outlet"), pl.lit(f"{doc_id}.conllu").alias("source"))
    folder.mkdir(parents=True)
    for sub in ("tokens", "documents") if parts else ():
        (folder / sub).mkdir()
    tokens.write_parquet(folder / ("tokens/part-all-00001.parquet" if parts else "tokens.parquet"))
    documents.write_parquet(folder / ("documents/part-all.parquet" if parts else "documents.parquet"))
    write(folder / "model.json", '{"name": "annotated input"}\n')
    write(folder / "documents.csv", "doc_id,text\nx,Le chat dort .\n")
    write(folder / "skipped-all.csv", "source,reason\nq.txt,empty\n")
    return folder


def report_folder(folder: Path) -> Path:
    parsed_folder(folder, "r")
    for name in ("provenance.json", "conditionals.csv", "figures/rates.svg"):
        write(folder / name, "{}")
    write(folder / "report.html", "<html><body><p>Rapport : 3 conditionnels.</p></body></html>")
    return folder


def test_output_folders_inside_an_input_folder_are_not_read(tmp_path):
    write(tmp_path / "c" / "a.txt", "Un texte.")
    report_folder(tmp_path / "c" / "results")
    parsed_folder(tmp_path / "c" / "parsed", "p", parts=True)
    write(tmp_path / "c" / "half" / "model.json", "{}")  # a first parse killed before its documents table
    write(tmp_path / "c" / "half" / "tokens" / "part-all-00001.parquet", b"PAR1")
    corpus = read_corpus([tmp_path / "c"])
    assert [d.doc_id for d in corpus] == ["a"] and corpus.skipped == []
    assert sorted(w.split(":")[0] for w in corpus.warnings) == [str(tmp_path / "c" / n) for n in ("half", "parsed",
                                                                                                   "results")]
    assert all("corpusling output" in w for w in corpus.warnings)


def test_exclude_skips_a_folder_and_what_is_under_it(tmp_path):
    write(tmp_path / "c" / "a.txt", "Un texte.")
    write(tmp_path / "c" / "out" / "b.txt", "Pas lu.")
    write(tmp_path / "c" / "out" / "deep" / "d.html", "<p>Pas lu.</p>")
    write(tmp_path / "c" / "e.txt", "Pas lu non plus.")
    corpus = read_corpus([tmp_path / "c"], exclude=[tmp_path / "c" / "out", tmp_path / "c" / "x" / ".." / "e.txt"])
    assert [d.doc_id for d in corpus] == ["a"] and corpus.skipped == [] and corpus.warnings == []


def test_exclude_does_not_remove_a_path_named_as_input(tmp_path):
    write(tmp_path / "c" / "a.txt", "Un texte.")
    assert [d.doc_id for d in read_corpus([tmp_path / "c"], exclude=[tmp_path / "c"])] == ["a"]
    assert [d.doc_id for d in read_corpus([tmp_path / "c" / "a.txt"], exclude=[tmp_path / "c"])] == ["a"]


def test_parsed_folders_named_as_inputs_are_read_as_annotated_documents(tmp_path):
    one = parsed_folder(tmp_path / "one", "d1")
    two = parsed_folder(tmp_path / "two", "d2", parts=True)
    write(tmp_path / "t" / "c.txt", "Un texte.")
    corpus = read_corpus([one, two, tmp_path / "t"])
    assert [d.doc_id for d in corpus] == ["d1", "d2", "c"] and corpus.skipped == []
    first = corpus.documents[0]
    assert first.text == "Le chat dort ." and first.meta == {"outlet": "AFP"} and first.source == "d1.conllu"
    assert first.tokens is not None and first.tokens["form"].to_list() == ["Le", "chat", "dort", "."]
    assert corpus.documents[2].tokens is None  # text: to be parsed


# --- 7. property: random bytes, encodings and mutations never crash a reader ------------------------------------

SAMPLES: dict[str, str] = {
    "conllu": "# newdoc id = d1\n# newpar\n# sent_id = 1\n# text = Selon l'AFP, il aurait dit du bien.\n"
              "1\tSelon\tselon\tADP\t_\t_\t2\tcase\t_\t_\n2\tl'AFP\tAFP\tPROPN\t_\t_\t7\tobl\t_\tSpaceAfter=No\n"
              "3\t,\t,\tPUNCT\t_\t_\t2\tpunct\t_\t_\n4\til\til\tPRON\t_\t_\t7\tnsubj\t_\t_\n"
              "5\taurait\tavoir\tAUX\t_\tMood=Cnd|Number=Sing\t7\taux\t_\t_\n6-7\tdit\t_\t_\t_\t_\t_\t_\t_\t_\n"
              "6\tdi\tdire\tVERB\t_\t_\t0\troot\t_\t_\n7\tt\tt\tX\t_\t_\t6\tdep\t_\t_\n"
              "8\tdu\tde\tADP\t_\t_\t9\tcase\t_\t_\n9\tbien\tbien\tNOUN\t_\t_\t6\tobj\t_\tSpaceAfter=No\n"
              "10\t.\t.\tPUNCT\t_\t_\t6\tpunct\t_\t_\n\n"
              "# newdoc id = d2\n1\tOui\toui\tINTJ\t_\t_\t0\troot\t_\t_\n2\t!\t!\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n",
    "vrt": "<!-- corpusling VRT: positional attributes: word lemma pos feats deprel head token_id token_text "
           "start_char end_char -->\n<text id=\"d1\" outlet=\"AFP &amp; co\">\n<p>\n<s id=\"1\">\n"
           "Le\tle\tDET\t_\tdet\t2\t1\tLe\t0\t2\nchat\tchat\tNOUN\tNumber=Sing\tnsubj\t3\t2\tchat\t3\t7\n"
           "dort\tdormir\tVERB\tMood=Ind\troot\t0\t3\tdort\t8\t12\n.\t.\tPUNCT\t_\tpunct\t3\t4\t.\t12\t13\n"
           "</s>\n</p>\n</text>\n<text id=\"d2\">\n<s>\nOui\toui\tINTJ\t_\troot\t0\t1\tOui\t0\t3\n</s>\n</text>\n",
    "csv": 'doc_id,text,outlet\n1,"Le chat, dit-on, aurait dormi.",AFP\n2,"« Non », a-t-il dit.",Le Monde\n'
           '3,Selon l’AFP le bilan serait lourd.,\n',
    "jsonl": '{"doc_id": "a", "text": "Le chat aurait dormi.", "outlet": "AFP"}\n'
             '{"doc_id": "b", "text": "« Non », a-t-il dit.", "n": 2}\n{"text": "Troisième.", "outlet": null}\n',
    "txt": "Le ministre aurait « démenti » l’information.\n\nSelon l’AFP, le bilan serait lourd.\n",
}
EXTENSION = {"conllu": ".conllu", "vrt": ".vrt", "csv": ".csv", "jsonl": ".jsonl", "txt": ".txt"}
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]


def mutate(text: str, rng: random.Random) -> str:
    """One random edit of the kind a careless export or editor makes."""
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    separator = "\t" if "\t" in lines[i] else ","
    fields = lines[i].split(separator)
    k, m = rng.randrange(len(fields)), rng.randrange(len(fields))
    edit = rng.choice(["delete line", "duplicate line", "swap lines", "duplicate column", "delete column",
                       "swap fields", "insert tab", "truncate", "replace character", "empty field", "number"])
    if edit == "delete line":
        del lines[i]
    elif edit == "duplicate line":
        lines.insert(i, lines[i])
    elif edit == "swap lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif edit in {"duplicate column", "delete column", "swap fields", "empty field", "number"}:
        if edit == "duplicate column":
            fields.insert(k, fields[k])
        elif edit == "delete column":
            del fields[k]
        elif edit == "swap fields":
            fields[k], fields[m] = fields[m], fields[k]
        elif edit == "empty field":
            fields[k] = ""
        else:
            fields[k] = rng.choice(["0", "-1", "99", "99999999999999999999", "1.5", "_", "1-2", "2.1"])
        lines[i] = separator.join(fields)
    elif edit == "insert tab":
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + "\t" + lines[i][at:]
    elif edit == "truncate":
        return text[: rng.randrange(len(text) + 1)]
    else:
        at = rng.randrange(len(text) + 1)
        odd = rng.choice(["\x00", "<", "&", '"', "\r", "\u2028", "\ufeff", "é", "#", "{", "\n\n"])
        return text[:at] + odd + text[at + 1:]
    return "\n".join(lines)


def case(fmt: str, seed: int) -> bytes:
    """Bytes of a random variant of the sample of ``fmt``: mutated, re-encoded, or random bytes."""
    rng = random.Random(f"{fmt}-{seed}")
    if rng.random() < 0.1:
        return rng.randbytes(rng.randrange(1, 300))
    text = SAMPLES[fmt]
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        text = mutate(text, rng)
    return text.encode(rng.choice(ENCODINGS), errors="replace")


def check_offsets(corpus) -> None:
    """Annotated documents keep their promise: ``text[start_char:end_char] == token_text``."""
    for doc in corpus:
        if doc.tokens is not None and doc.tokens.height:
            rows = doc.tokens.select("token_text", "start_char", "end_char").iter_rows()
            assert all(doc.text[s:e] == t for t, s, e in rows), doc.doc_id


@pytest.mark.parametrize("fmt", list(SAMPLES))
def test_random_input_is_read_or_refused_never_a_crash(tmp_path, fmt):
    for seed in range(60):
        folder = tmp_path / f"{seed}"
        path = write(folder / f"case{EXTENSION[fmt]}", case(fmt, seed))
        write(folder / "zz.txt", "Un bon texte.")
        corpus = read_corpus([folder])  # inside a folder: never raises, the good file is read
        assert corpus.documents[-1].doc_id == "zz", seed
        assert all(BUG not in s.reason for s in corpus.skipped), (seed, corpus.skipped)
        check_offsets(corpus)
        try:
            check_offsets(read_corpus([path]))  # alone: read, or a CorpuslingError that says why
        except CorpuslingError:
            pass


@pytest.mark.parametrize("fmt", ["conllu", "vrt"])
def test_random_annotated_input_on_the_command_line_exits_0_or_2(tmp_path, fmt, capsys):
    from corpusling.cli import main

    for seed in range(0, 60, 4):
        path = write(tmp_path / f"{seed}{EXTENSION[fmt]}", case(fmt, seed))
        assert main(["parse", str(path), "--out", str(tmp_path / f"out{seed}")]) in {0, 2}, seed
        assert "Traceback" not in capsys.readouterr().err


#: Numbers out of every range, found by the property test above (each crashed a cast before).
ODD_NUMBERS = {
    "CoNLL-U word id": ("a.conllu", "99999999999999999999\tLe\t_\t_\t_\t_\t0\t_\t_\t_\n\n", "bad ID"),
    "VRT head": ("a.vrt", "<s>\nLe\tle\tDET\t_\tdet\t99999999999999999999\n</s>\n", "not a word number"),
}


@pytest.mark.parametrize("case", list(ODD_NUMBERS))
def test_numbers_out_of_range_are_refused_with_their_line(tmp_path, case):
    name, content, mention = ODD_NUMBERS[case]
    write(tmp_path / name, content)
    write(tmp_path / "b.txt", "Un.")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["b"] and mention in corpus.skipped[0].reason
    assert "line 1" in corpus.skipped[0].reason or "line 2" in corpus.skipped[0].reason


def test_vrt_with_offsets_going_backwards_has_its_text_rebuilt(tmp_path):
    header = "<!-- corpusling VRT: positional attributes: word token_id token_text start_char end_char -->\n"
    for first, second in (("3", "0"), ("-7", "3")):
        write(tmp_path / "a.vrt", f"{header}<text>\n<s>\nchat\t1\tchat\t{first}\t7\nLe\t2\tLe\t{second}\t9\n</s>\n"
                                  "</text>\n<text>\n<s>\nOui\t1\tOui\t0\t3\n</s>\n</text>\n")
        corpus = read_corpus([tmp_path / "a.vrt"])
        assert [d.text for d in corpus] == ["chat Le", "Oui"] and "rebuilt" in corpus.documents[0].notes[0]


# --- messages say the path once ---------------------------------------------------------------------------------

def test_a_skipped_file_has_its_path_in_the_source_not_again_in_the_reason(tmp_path):
    write(tmp_path / "a.vrt", vrt(2).replace("</s>", "un\tdeux\ttrois\n</s>"))
    write(tmp_path / "b.conllu", "# newdoc id = b\n" + sentence(["2", "2", "0", "3"]))
    write(tmp_path / "c.txt", "")
    write(tmp_path / "d.txt", "Un.")
    corpus = read_corpus([tmp_path])
    assert len(corpus.skipped) == 3
    assert all(str(tmp_path) not in s.reason for s in corpus.skipped), corpus.skipped
    with pytest.raises(CorpuslingError) as raised:
        read_corpus([tmp_path / "a.vrt"])
    assert str(raised.value).count(str(tmp_path / "a.vrt")) == 1
