"""Bad input (issues 3 and 10): a clear InputError saying what to do, exit status 2 and no traceback
from the command line; in a corpus, the bad document is skipped and reported and the others are read."""

from __future__ import annotations

import pytest

from corpusling.cli import main
from corpusling.errors import DocumentError, InputError
from corpusling.readers import read_corpus
from corpusling.vrt import from_vrt

GOOD_CONLLU = "1\tBonjour\tbonjour\tINTJ\t_\t_\t0\troot\t_\t_\n\n"
GOOD_VRT = '<text id="t">\n<s>\nBonjour\tbonjour\tINTJ\t_\n</s>\n</text>\n'

#: name → (file name, content, what the message must mention)
BAD_DOCUMENTS: dict[str, tuple[str, bytes, str]] = {
    "empty file": ("empty.txt", b"", "empty"),
    "blank file": ("blank.txt", b"  \n\n ", "empty"),
    "binary file": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    "undecodable text": ("garbled.txt", b"\x81\x8d\x8f\x90\x9d" * 40, "cannot be decoded"),
    "HTML without text": ("blank.html", b"<html><body><nav><p>Accueil</p></nav></body></html>", "no paragraph"),
    "CoNLL-U with 9 columns": ("nine.conllu", GOOD_CONLLU.replace("\t_\n", "\n").encode(), "line 1"),
    "CoNLL-U with a bad ID": ("id.conllu", b"1\tA\ta\tX\t_\t_\t0\troot\t_\t_\nx\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n\n",
                              "line 2"),
    "CoNLL-U words out of order": ("order.conllu", GOOD_CONLLU.replace("1\t", "2\t", 1).encode(), "line 1"),
    "CoNLL-U bad range": ("range.conllu", b"1-3\tdu\t_\t_\t_\t_\t_\t_\t_\t_\n" + GOOD_CONLLU.encode(), "1-3"),
    "CoNLL-U non-numeric head": ("head.conllu", GOOD_CONLLU.replace("\t0\t", "\tzero\t").encode(), "HEAD"),
    "CSV malformed": ("broken.csv", b'doc_id,text\n1,"never closed\n', "malformed"),
    "JSONL malformed": ("broken.jsonl", b'{"text": oops}\n{"text"\n', "line 1"),  # good lines: see test_fault_readers
    "VRT unbalanced tags": ("unbalanced.vrt", GOOD_VRT.replace("</s>\n", "").encode(), "line 4"),
    "VRT unclosed text": ("unclosed.vrt", GOOD_VRT.replace("</text>\n", "").encode(), "never closed"),
    "VRT closing nothing": ("closing.vrt", (GOOD_VRT + "</p>\n").encode(), "line 6"),
    "VRT wrong column count": ("columns.vrt", GOOD_VRT.replace("</s>", "Salut\tsalut\n</s>").encode(), "line 4"),
    "VRT bad XML escape": ("escape.vrt", GOOD_VRT.replace("Bonjour\t", "R&D\t").encode(), "line 3"),
    "VRT bad escape in an attribute": ("attr.vrt", GOOD_VRT.replace('id="t"', 'id="a&b"').encode(), "line 1"),
    "VRT malformed tag": ("tag.vrt", GOOD_VRT.replace("<s>", "<s id=1>").encode(), "line 2"),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_bad_document_is_skipped_and_the_others_are_read(tmp_path, case):
    name, content, mention = BAD_DOCUMENTS[case]
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text("Un bon texte.", encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["good"]
    assert len(corpus.skipped) == 1
    assert corpus.skipped[0].source.startswith(str(tmp_path / name))
    assert mention in corpus.skipped[0].reason


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_a_corpus_of_only_a_bad_document_is_an_input_error(tmp_path, case):
    name, content, mention = BAD_DOCUMENTS[case]
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError, match="corpus is empty") as raised:
        read_corpus([tmp_path / name])
    assert mention in str(raised.value)


def test_vrt_errors_name_the_line():
    with pytest.raises(DocumentError, match=r"line 4: </text> closes <s> opened at line 2"):
        from_vrt(GOOD_VRT.replace("</s>\n", ""))
    with pytest.raises(DocumentError, match=r"line 3: bad XML escape '&D"):
        from_vrt(GOOD_VRT.replace("Bonjour\t", "R&D\t"))
    with pytest.raises(DocumentError, match=r"line 4: 2 tab-separated columns where 4 are expected"):
        from_vrt(GOOD_VRT.replace("</s>", "Salut\tsalut\n</s>"))


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read_corpus([tmp_path / "nowhere"])


def test_empty_folder_is_an_empty_corpus(tmp_path):
    with pytest.raises(InputError, match="corpus is empty"):
        read_corpus([tmp_path])


def test_csv_without_the_text_column_says_which_columns_exist(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("doc_id,body\n1,Un texte.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no column 'text'; its columns are doc_id, body.*--text-column"):
        read_corpus([path])


def test_unknown_format(tmp_path):
    with pytest.raises(InputError, match="unknown format"):
        read_corpus([tmp_path], format="docx")


def test_duplicate_doc_ids_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "a.txt").write_text("Premier.", encoding="utf-8")
    (tmp_path / "two" / "a.txt").write_text("Second.", encoding="utf-8")
    corpus = read_corpus([tmp_path / "one", tmp_path / "two"])
    assert [d.text for d in corpus] == ["Premier."]
    assert "already used" in corpus.skipped[0].reason


CLI_CASES = {
    "missing path": (None, []),
    "empty file": ("empty.txt", []),
    "CSV without the text column": ("a.csv", []),
    "malformed CoNLL-U": ("nine.conllu", []),
    "VRT bad escape": ("escape.vrt", []),
    "unknown output extension": ("good.txt", ["--out", "x.docx"]),
}


@pytest.mark.parametrize("case", list(CLI_CASES))
def test_command_line_exits_2_without_traceback(tmp_path, capsys, case):
    name, extra = CLI_CASES[case]
    contents = {"empty.txt": b"", "a.csv": b"doc_id,body\n1,x\n", "good.txt": b"Bonjour.",
                "nine.conllu": BAD_DOCUMENTS["CoNLL-U with 9 columns"][1],
                "escape.vrt": BAD_DOCUMENTS["VRT bad XML escape"][1]}
    path = tmp_path / (name or "nowhere.txt")
    if name:
        path.write_bytes(contents[name])
    out = ["--out", str(tmp_path / (extra[1] if extra else "out.conllu"))]
    status = main(["export", str(path), *out])
    captured = capsys.readouterr()
    assert status == 2
    assert "error:" in captured.err and "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "out.conllu").exists() and not (tmp_path / "x.docx").exists()


def test_command_line_reports_the_line_of_malformed_conllu(tmp_path, capsys):
    path = tmp_path / "bad.conllu"
    path.write_bytes(BAD_DOCUMENTS["CoNLL-U with 9 columns"][1])
    assert main(["export", str(path), "--out", str(tmp_path / "x.vrt")]) == 2
    assert "line 1: expected 10 tab-separated columns, found 9" in capsys.readouterr().err



def test_a_table_without_text_column_found_in_a_folder_is_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "codes.csv").write_text("code,label\n1,x\n", encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["a"]
    assert "no column 'text'" in corpus.skipped[0].reason
