"""corpusling.lazy on a parsed folder of small Parquet parts: the same results as in memory."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import corpusling.cli.parse as parse_verb
from corpusling import lazy
from corpusling import tokens as tok
from corpusling.concordance import concordance
from corpusling.errors import InputError, QueryError
from corpusling.parsed import load
from corpusling.stats import freq

# (form, lemma, upos, feats): a conditional now and then, and repeated words for frequencies
WORDS = [("Le", "le", "DET", "Definite=Def"), ("ministre", "ministre", "NOUN", "Gender=Masc|Number=Sing"),
         ("aurait", "avoir", "AUX", "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
         ("démissionné", "démissionner", "VERB", "VerbForm=Part"), ("hier", "hier", "ADV", "_"),
         ("et", "et", "CCONJ", "_"), ("il", "il", "PRON", "Person=3"),
         ("pourrait", "pouvoir", "VERB", "Mood=Cnd|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
         ("partir", "partir", "VERB", "VerbForm=Inf"), (".", ".", "PUNCT", "_")]


def build(n_docs: int = 7) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Documents of different lengths (1 to 3 sentences, cut words) with exact offsets."""
    cols: dict[str, list] = {c: [] for c in ("doc_id", "par_id", "sent_id", "word_id", "token_id", "token_text",
                                             "form", "lemma", "upos", "feats", "head", "deprel", "start_char",
                                             "end_char")}
    docs = []
    for d in range(n_docs):
        doc_id, text = f"d{d:02d}", ""
        for s in range(1 + d % 3):
            words = WORDS[(d + s) % 4:] if (d + s) % 2 else WORDS
            if s == 0:  # one hapax per document
                words = [*words[:-1], (f"Mot{d}", f"mot{d}", "NOUN", "_"), words[-1]]
            for w, (form, lemma, upos, feats) in enumerate(words, start=1):
                text += " " if text else ""
                start = len(text)
                text += form
                for key, value in (("doc_id", doc_id), ("par_id", 1), ("sent_id", s + 1), ("word_id", w),
                                   ("token_id", w), ("token_text", form), ("form", form), ("lemma", lemma),
                                   ("upos", upos), ("feats", feats), ("head", 0), ("deprel", "dep"),
                                   ("start_char", start), ("end_char", start + len(form))):
                    cols[key].append(value)
        docs.append({"doc_id": doc_id, "outlet": "A" if d % 2 else "B", "text": text})
    return tok.from_rows(cols), pl.DataFrame(docs)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two shards written as `corpusling parse` writes them, in parts of 13 rows (documents cut across parts)."""
    tokens, documents = build()
    monkeypatch.setattr(parse_verb, "PART_ROWS", 13)
    first = ["d00", "d02", "d03", "d05"]
    for tag, keep in (("0001of0002", pl.col("doc_id").is_in(first)), ("0002of0002", ~pl.col("doc_id").is_in(first))):
        parse_verb.write_parts(tokens.filter(keep.fill_null(False)),
                               documents.filter(pl.col("doc_id").is_in(first) == (tag == "0001of0002")),
                               tmp_path, tag)
    return tmp_path


def test_parts_cut_documents(folder: Path) -> None:
    parts = sorted((folder / "tokens").glob("*.parquet"))
    assert len(parts) > 4
    firsts = [pl.read_parquet(p)["doc_id"].cast(pl.String)[0] for p in parts]
    lasts = [pl.read_parquet(p)["doc_id"].cast(pl.String)[-1] for p in parts]
    assert any(a == b for a, b in zip(lasts, firsts[1:], strict=False))  # a document runs on into the next part


@pytest.mark.parametrize("kwargs", [{}, {"by": ["lemma", "upos"]}, {"by": "form", "lowercase": True},
                                    {"by": "form", "min_count": 5, "top": 3}])
def test_frequencies_equal_stats_freq(folder: Path, kwargs: dict) -> None:
    assert lazy.frequencies(folder, **kwargs).equals(freq(load(folder).tokens, **kwargs))


def test_frequencies_where(folder: Path) -> None:
    where = pl.col("upos") == "VERB"
    assert lazy.frequencies(folder, where=where).equals(freq(load(folder).tokens, where=where))
    with pytest.raises(QueryError):
        lazy.frequencies(folder, by="nothing")


def test_document_rates(folder: Path) -> None:
    tokens = load(folder).tokens
    expected = (tokens.group_by(pl.col("doc_id").cast(pl.String))  # word tokens: the full stops are not counted
                .agg(tok.is_word(tokens.columns).sum().cast(pl.Int64).alias("n_words"),
                     (pl.col("mood") == "Cnd").sum().cast(pl.Int64).alias("count")).sort("doc_id"))
    assert (expected["n_words"] < tokens.group_by("doc_id").len().sort(pl.col("doc_id").cast(pl.String))["len"]).all()
    got = lazy.document_rates(folder, pl.col("mood") == "Cnd").sort("doc_id")
    assert got.select("doc_id", "n_words", "count").equals(expected)
    assert got["rate"].to_list() == pytest.approx((expected["count"] * 1000 / expected["n_words"]).to_list())
    assert "outlet" in got.columns and "text" not in got.columns
    markers = tokens.filter(pl.col("lemma") == "pouvoir").select("doc_id")
    from_table = lazy.document_rates(folder, markers).sort("doc_id")
    assert from_table["count"].to_list() == (expected.join(
        markers.group_by(pl.col("doc_id").cast(pl.String)).len(), on="doc_id", how="left")
        .sort("doc_id")["len"].fill_null(0).to_list())


@pytest.mark.parametrize("max_words", [5, 13, 40, 10_000])
def test_batches_hold_whole_documents(folder: Path, max_words: int) -> None:
    whole = load(folder)
    batches = list(lazy.document_batches(folder, max_words=max_words))
    seen = [d for b in batches for d in b.tokens["doc_id"].cast(pl.String).unique(maintain_order=True)]
    assert sorted(seen) == sorted(whole.documents["doc_id"].to_list())  # each document in exactly one batch
    stacked = pl.concat([b.tokens for b in batches], how="vertical_relaxed")
    assert stacked.with_columns(pl.col("doc_id").cast(pl.String)).equals(
        whole.tokens.with_columns(pl.col("doc_id").cast(pl.String)))
    for batch in batches:
        ids = set(batch.tokens["doc_id"].cast(pl.String))
        assert set(batch.documents["doc_id"]) == ids


@pytest.mark.parametrize("options", [{}, {"sort": "match"}, {"sample": 4, "seed": 3}, {"unit": "chars", "width": 12},
                                     {"sort": "outlet", "metadata": ["outlet"]}])
def test_concordance_equals_in_memory(folder: Path, options: dict) -> None:
    whole = load(folder)
    query = '[mood="Cnd"] [upos="VERB"]'
    eager_options = {k: v for k, v in options.items() if k != "sample"}
    expected = concordance(whole.tokens, whole.documents, query, **eager_options)
    got = lazy.concordance(folder, query, max_words=11, **options)
    if "sample" in options:
        assert got.height == options["sample"]
        assert got.join(expected, on=list(got.columns), how="anti").is_empty()  # every line is a real line
        assert got.equals(lazy.concordance(folder, query, max_words=11, **options))  # reproducible
    else:
        assert got.equals(expected)
    assert expected.height > 0


@pytest.mark.parametrize("sort", ["L1", "R1", "R2", "R1,R2", "L2 R1", "match,L1", "doc", "outlet", "R1 outlet"])
@pytest.mark.parametrize("query", ['[lemma="pouvoir"]', '[mood="Cnd"] @[upos="VERB"] []'])
@pytest.mark.parametrize("sample", [None, 5])
def test_concordance_sorts_as_in_memory(folder: Path, sort: str, query: str, sample: int | None) -> None:
    """Context positions (L1, R1…), several keys and metadata sort batch by batch, documents cut across parts
    and batches: the lines and their order of the corpus in memory (sorted after the batches are stacked and
    sampled; the many ties keep corpus order)."""
    whole = load(folder)
    options = {"sort": sort, "sample": sample, "seed": 2}
    expected = concordance(whole.tokens, whole.documents, query, **options)
    assert expected.height == (sample or expected.height) and expected.height > 3
    for max_words in (5, 11, 10_000):
        assert lazy.concordance(folder, query, max_words=max_words, **options).equals(expected)


def test_concordance_sort_errors_as_in_memory(folder: Path) -> None:
    for sort in ("L0", "nothing"):
        with pytest.raises(QueryError):
            lazy.concordance(folder, '[lemma="pouvoir"]', sort=sort)


def test_documents_must_be_contiguous(tmp_path: Path) -> None:
    tokens, documents = build(3)
    one = tokens.filter(pl.col("doc_id") == "d01")
    parse_verb.write_parts(pl.concat([one.head(3), tokens.filter(pl.col("doc_id") == "d00")]), documents, tmp_path, "a")
    parse_verb.write_parts(one.slice(3), documents.head(0), tmp_path, "b")
    with pytest.raises(InputError, match="split"):
        list(lazy.document_batches(tmp_path, max_words=4))


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        lazy.count_words(tmp_path)


def test_map_documents_runs_a_marker_analysis(folder: Path) -> None:
    """Conditionals found batch by batch are those found on the whole table."""
    from corpusling.markers.conditional import conditionals

    whole = load(folder)
    expected = conditionals(whole.tokens, whole.documents).sort("doc_id", "start_char")
    got = lazy.map_documents(folder, lambda c: conditionals(c.tokens, c.documents), max_words=9)
    assert expected.height >= 7
    assert got.sort("doc_id", "start_char").equals(expected)


@pytest.mark.parametrize("kwargs", [{"where": '[upos="VERB" | upos="AUX"]'}, {"group_by": "outlet"},
                                    {"by": ["lemma", "upos"], "where": '[mood="Cnd"]', "group_by": "outlet"},
                                    {"by": "form", "lowercase": True, "group_by": "outlet", "min_count": 2, "top": 2},
                                    {"group_by": "doc_id"}])
def test_frequencies_by_batches_equal_stats_freq(folder: Path, kwargs: dict) -> None:
    """A query string or a metadata grouping goes batch by batch; the counts add up to the in-memory table."""
    whole = load(folder)
    expected = freq(whole.tokens, documents=whole.documents, **kwargs)
    got = lazy.frequencies(folder, max_words=11, **kwargs)
    assert got.equals(expected.cast(got.schema))
    assert expected.height > 1


def test_frequencies_check_the_group_by_column_as_in_memory(folder: Path) -> None:
    """The one check of corpusling.groups, before any batch is read: the same exception and message."""
    whole = load(folder)
    with pytest.raises(InputError) as in_memory:
        freq(whole.tokens, documents=whole.documents, group_by="nope")
    with pytest.raises(InputError) as batches:
        lazy.frequencies(folder, group_by="nope")
    assert str(batches.value) == str(in_memory.value)
    assert "no such metadata column" in str(batches.value)


def test_cli_lazy_freq_and_concordance(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from corpusling.cli import main

    for verb, extra in (("freq", ["--by", "lemma", "--where", '[upos="VERB"]', "--group-by", "outlet"]),
                        ("concordance", ['[mood="Cnd"] [upos="VERB"]', "--sort", "match"]),
                        ("concordance", ['[lemma="pouvoir"]', "--sort", "R1,L1"])):
        eager, lazily = tmp_path / f"{verb}-eager.csv", tmp_path / f"{verb}-lazy.csv"
        assert main([verb, str(folder), *extra, "--out", str(eager)]) == 0
        assert main([verb, str(folder), *extra, "--lazy", "--out", str(lazily)]) == 0
        assert pl.read_csv(lazily).equals(pl.read_csv(eager))
        assert pl.read_csv(eager).height > 0
    capsys.readouterr()
    assert main(["freq", str(tmp_path / "nowhere"), "--lazy"]) == 2
    assert "--lazy reads one parsed folder" in capsys.readouterr().err
    assert main(["concordance", str(folder), '[lemma="pouvoir"]', "--lazy", "--sort", "L0"]) == 2
    assert "context positions start at 1" in capsys.readouterr().err
