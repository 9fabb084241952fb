"""Readers: plain text, tables, HTML; encodings; metadata sidecars; the Wikinews sample."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import polars as pl

from corpusling.readers import read_corpus
from corpusling.readers.html import extract

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT / "corpora" / "wikinews-fr-2012"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text -------------------------------------------------------------------------------------------------

def test_text_folder_is_read_recursively_in_sorted_order_with_relative_ids(tmp_path):
    write(tmp_path / "b.txt", "Deuxième texte.")
    write(tmp_path / "a.txt", "Premier texte.")
    write(tmp_path / "sub" / "c.txt", "Troisième texte.")
    write(tmp_path / "notes.md", "pas un texte du corpus")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["a", "b", "sub/c"]
    assert corpus.documents[2].text == "Troisième texte."
    assert corpus.skipped == []


def test_single_text_file_doc_id_is_its_stem(tmp_path):
    path = write(tmp_path / "article 1.txt", "Il aurait démissionné.")
    corpus = read_corpus([str(path)])
    assert [d.doc_id for d in corpus] == ["article 1"]
    assert corpus.documents[0].source == str(path)


def test_clean_text_is_applied_crlf_nfd_soft_hyphen(tmp_path):
    nfd = unicodedata.normalize("NFD", "Élection décidée")
    write(tmp_path / "a.txt", f"{nfd}\r\nsuite du pre\u00admier\r\n")
    doc = read_corpus([tmp_path]).documents[0]
    assert doc.text == "Élection décidée\nsuite du premier\n"
    assert unicodedata.is_normalized("NFC", doc.text)
    assert any("line ends" in n for n in doc.notes)
    assert any("soft hyphen" in n for n in doc.notes)


# --- encodings --------------------------------------------------------------------------------------------------

SAMPLE = "Le ministre aurait « démenti » l’information, selon l’AFP : « c’est faux », a-t-il déclaré à Noël."


def test_utf8_with_bom(tmp_path):
    write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    doc = read_corpus([tmp_path]).documents[0]
    assert doc.text == SAMPLE
    assert "byte-order mark removed" in doc.notes


def test_cp1252_is_detected_and_reported(tmp_path):
    write(tmp_path / "win.txt", SAMPLE.encode("cp1252"))
    doc = read_corpus([tmp_path]).documents[0]
    assert doc.text == SAMPLE  # ’ is 0x92 in cp1252: only cp1252 gives it back
    assert any("cp1252" in n for n in doc.notes)


def test_latin1_is_detected_and_reported(tmp_path):
    text = "Élections à Noël : le député démissionnaire aurait été réélu. " * 3
    write(tmp_path / "latin.txt", text.encode("latin-1"))
    doc = read_corpus([tmp_path]).documents[0]
    assert doc.text == text
    assert any("not UTF-8" in n for n in doc.notes)


def test_utf8_file_has_no_encoding_note(tmp_path):
    write(tmp_path / "a.txt", SAMPLE)
    assert read_corpus([tmp_path]).documents[0].notes == []


# --- sidecar metadata -------------------------------------------------------------------------------------------

def test_metadata_sidecar_keyed_by_file_name(tmp_path):
    write(tmp_path / "a.txt", "Premier.")
    write(tmp_path / "b.txt", "Second.")
    write(tmp_path / "metadata.csv", "file,outlet,year\na.txt,Le Monde,2020\nb.txt,Libération,2021\n")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["a", "b"]
    assert [d.meta for d in corpus] == [{"outlet": "Le Monde", "year": "2020"},
                                        {"outlet": "Libération", "year": "2021"}]
    assert set(corpus.documents_table(with_text=False).columns) == {"doc_id", "outlet", "year", "source"}


def test_metadata_sidecar_keyed_by_doc_id(tmp_path):
    write(tmp_path / "x" / "a.txt", "Premier.")
    write(tmp_path / "metadata.csv", "doc_id,outlet\nx/a,Le Figaro\n")
    corpus = read_corpus([tmp_path])
    assert corpus.documents[0].meta == {"outlet": "Le Figaro"}


def test_sidecar_doc_id_column_renames_documents(tmp_path):
    write(tmp_path / "0001.txt", "Premier.")
    write(tmp_path / "metadata.csv", "file,doc_id,outlet\n0001.txt,lemonde-0001,Le Monde\n")
    assert [d.doc_id for d in read_corpus([tmp_path])] == ["lemonde-0001"]


def test_file_without_a_sidecar_row_keeps_no_metadata(tmp_path):
    write(tmp_path / "a.txt", "Premier.")
    write(tmp_path / "b.txt", "Second.")
    write(tmp_path / "metadata.csv", "file,outlet\na.txt,Le Monde\n")
    assert [d.meta for d in read_corpus([tmp_path])] == [{"outlet": "Le Monde"}, {}]


# --- tables -----------------------------------------------------------------------------------------------------

def test_csv_one_document_per_row_with_metadata_and_id_column(tmp_path):
    path = tmp_path / "articles.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "outlet", "text"])
        writer.writerow(["lm1", "Le Monde", "Il aurait dit, « non ».\nNouvelle ligne."])
        writer.writerow(["lb2", "Libération", "Selon lui, c'est faux."])
    corpus = read_corpus([path])
    assert [d.doc_id for d in corpus] == ["lm1", "lb2"]
    assert corpus.documents[0].text == "Il aurait dit, « non ».\nNouvelle ligne."
    assert corpus.documents[1].meta == {"outlet": "Libération"}


def test_csv_text_column_option_and_row_ids(tmp_path):
    path = write(tmp_path / "press.csv", "body,year\nPremier article.,2019\nSecond article.,2020\n")
    corpus = read_corpus([path], text_column="body")
    assert [d.doc_id for d in corpus] == ["press:1", "press:2"]
    assert [d.meta["year"] for d in corpus] == [2019, 2020]


def test_csv_rows_without_text_are_skipped_and_reported(tmp_path):
    path = write(tmp_path / "t.csv", "doc_id,text\na,Un texte.\nb,\nc,Un autre.\n")
    corpus = read_corpus([path])
    assert [d.doc_id for d in corpus] == ["a", "c"]
    assert len(corpus.skipped) == 1 and "row 2" in corpus.skipped[0].reason


def test_jsonl_and_parquet(tmp_path):
    write(tmp_path / "a.jsonl", '{"doc_id": "j1", "text": "Premier.", "outlet": "AFP"}\n'
                                '{"doc_id": "j2", "text": "Second.", "outlet": "Reuters"}\n')
    pl.DataFrame({"text": ["Troisième.", "Quatrième."], "year": [2001, 2002]}).write_parquet(tmp_path / "b.parquet")
    corpus = read_corpus([tmp_path])
    assert [d.doc_id for d in corpus] == ["j1", "j2", "b:1", "b:2"]
    assert corpus.documents[1].meta == {"outlet": "Reuters"}
    assert corpus.documents[3].text == "Quatrième." and corpus.documents[3].meta == {"year": 2002}


def test_tsv_and_cp1252_csv(tmp_path):
    write(tmp_path / "a.tsv", "doc_id\ttext\nt1\tUn texte, avec virgule.\n")
    write(tmp_path / "b.csv", "doc_id,text\nc1,\"L’été à Noël\"\n".encode("cp1252"))
    corpus = read_corpus([tmp_path])
    assert [d.text for d in corpus] == ["Un texte, avec virgule.", "L’été à Noël"]
    assert any("cp1252" in n for n in corpus.documents[1].notes)


# --- HTML -------------------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Site — Un titre</title><style>p {color: red}</style></head>
<body>
<header><p>Le Journal — accueil</p></header>
<nav><ul><li><a href="/">Accueil</a></li><li>Politique</li></ul></nav>
<div class="breadcrumb">Accueil &gt; Monde</div>
<h1>Un   titre
 sur deux lignes</h1>
<p>Premier <b>para</b>graphe&nbsp;: «&#160;cité&#160;», R&amp;D.<br>Après un saut.</p>
<script>var x = "<p>pas du texte</p>";</script>
<ul><li>un point ;</li><li>un autre.</li></ul>
<div class="share-buttons social">Partager sur Facebook</div>
<p>   </p>
<footer><p>© Le Journal, mentions légales</p></footer>
</body></html>"""


def test_html_text_is_title_and_paragraphs_without_boilerplate():
    text, title = extract(PAGE)
    assert title == "Un titre sur deux lignes"
    assert text.split("\n\n") == [
        "Un titre sur deux lignes",
        "Premier paragraphe\u00a0: «\u00a0cité\u00a0», R&D. Après un saut.",
        "un point ;",
        "un autre.",
    ]


def test_html_article_element_limits_the_text():
    html = "<body><p>Menu du site</p><article><h1>T</h1><p>Corps.</p></article><p>Pied</p></body>"
    assert extract(html) == ("T\n\nCorps.", "T")


def test_wikinews_documents_match_their_html(tmp_path):
    corpus = read_corpus([WIKINEWS / "documents"])
    assert len(corpus) == 80 and corpus.skipped == []
    for doc in corpus:
        raw = Path(doc.source).read_text(encoding="utf-8")
        blocks = re.findall(r"<(h1|h2|p|li)>(.*?)</\1>", raw, flags=re.S)
        paragraphs = doc.text.split("\n\n")
        assert len(paragraphs) == len(blocks), doc.doc_id
        assert paragraphs[0] == doc.meta["title"]
        for paragraph in paragraphs:
            assert paragraph == paragraph.strip() and "  " not in paragraph and "\n" not in paragraph
        assert "\u00ad" not in doc.text


def test_wikinews_metadata_sidecar_beside_the_documents_folder():
    corpus = read_corpus([WIKINEWS / "documents"])
    table = corpus.documents_table(with_text=False)
    assert {"doc_id", "title", "date", "outlet", "licence"} <= set(table.columns)
    assert table["outlet"].unique().to_list() == ["Wikinews"]
    assert table["date"].str.contains(r"^2012-\d{2}-\d{2}$").all()
    months = {"mai": 5, "juin": 6, "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11}
    for doc in corpus:  # the date of the metadata is the one the article starts with
        match = re.search(r"^(\d+)(?:er)? (\w+) 2012", doc.text, flags=re.M)
        assert match, doc.doc_id
        assert doc.meta["date"] == f"2012-{months[match[2]]:02d}-{int(match[1]):02d}"
    # reading the corpus folder itself gives the same documents and ids
    again = read_corpus([WIKINEWS])
    assert [d.doc_id for d in again] == [d.doc_id for d in corpus]
    assert [d.text for d in again] == [d.text for d in corpus]


def test_html_sidecar_inside_the_folder_wins_over_one_beside_it(tmp_path):
    write(tmp_path / "docs" / "a.html", "<h1>A</h1><p>Texte.</p>")
    write(tmp_path / "metadata.csv", "file,outlet\na.html,beside\n")
    assert read_corpus([tmp_path / "docs"]).documents[0].meta == {"title": "A", "outlet": "beside"}
    write(tmp_path / "docs" / "metadata.csv", "file,outlet\na.html,inside\n")
    assert read_corpus([tmp_path / "docs"]).documents[0].meta == {"title": "A", "outlet": "inside"}
    # a single file takes the sidecar of its folder
    assert read_corpus([tmp_path / "docs" / "a.html"]).documents[0].meta["outlet"] == "inside"


def test_html_declared_date_and_author_become_metadata(tmp_path):
    write(tmp_path / "a.html", '<html><head><meta property="article:published_time" content="2020-01-08T10:00">'
                               '<meta name="author" content="J. Dupont"></head><body><h1>T</h1><p>Corps.</p></body>')
    write(tmp_path / "b.html", '<body><h1>U</h1><p>Publié le <time datetime="2021-03-02">2 mars</time>.</p></body>')
    corpus = read_corpus([tmp_path])
    assert corpus.documents[0].meta == {"title": "T", "date": "2020-01-08T10:00", "author": "J. Dupont"}
    assert corpus.documents[1].meta == {"title": "U", "date": "2021-03-02"}
    assert corpus.documents[1].text == "U\n\nPublié le 2 mars."


def test_sidecar_with_bom_or_in_cp1252(tmp_path):
    write(tmp_path / "a.txt", "Premier.")
    write(tmp_path / "metadata.csv", "\ufefffile,titre\na.txt,Été\n".encode())
    assert read_corpus([tmp_path]).documents[0].meta == {"titre": "Été"}
    write(tmp_path / "metadata.csv", "file,titre\na.txt,Été à Noël\n".encode("cp1252"))
    assert read_corpus([tmp_path]).documents[0].meta == {"titre": "Été à Noël"}


def test_nearest_sidecar_serves_files_of_nested_folders(tmp_path):
    write(tmp_path / "lemonde" / "documents" / "a.html", "<h1>A</h1><p>Texte.</p>")
    write(tmp_path / "lemonde" / "metadata.csv", "file,doc_id,outlet\na.html,lm-a,Le Monde\n")
    write(tmp_path / "libe" / "b.txt", "Texte.")
    write(tmp_path / "libe" / "metadata.csv", "file,outlet\nb.txt,Libération\n")
    corpus = read_corpus([tmp_path])
    assert [(d.doc_id, d.meta.get("outlet")) for d in corpus] == [("lm-a", "Le Monde"), ("libe/b", "Libération")]


def test_html_text_loose_in_containers_is_kept():
    html = "<body><div>Texte <b>gras</b>, suite<br>ligne<p>Para.</p>Après.<div>Niché</div></div></body>"
    assert extract(html) == ("Texte gras, suite ligne\n\nPara.\n\nAprès.\n\nNiché", None)
