"""Corpus statistics over the token table: frequency lists, n-grams, collocates, keyness, dispersion.

Every function is a pure function of tables and returns a polars DataFrame. Items are values
of a token-table column (``form``, ``lemma``, ``upos``…); ``where`` restricts the words counted,
either with a single-word query (``'[upos="NOUN"]'``, see :mod:`corpusling.query`) or a polars
expression over the token table.

What is counted (the conventions of AntConc and Sketch Engine; :func:`corpusling.tokens.is_word`):

* **Word tokens.** Punctuation and symbols are neither items nor part of a corpus size: frequencies
  are per million word tokens, keyness compares word tokens, dispersion's part sizes are word
  tokens, and a collocation window spans word tokens only (a comma is neither a collocate nor a
  window position, so "selon , il" puts "il" at R1 of "selon", as AntConc, which has no punctuation
  tokens, does). ``include_punct=True`` counts every token, as CQP's corpus positions do (and as
  corpusling did before).
* **Syntactic words or surface tokens.** Items of ``form``, ``lemma``, ``upos``… are syntactic
  words, after the parser splits contractions ("du" → "de le": ``ngrams(by="form")`` gives
  "de le pays"); items of ``token_text`` are surface tokens, as the text shows them, each counted
  once ("du pays", never "du du"), and their per-million figures are per million surface word
  tokens.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from corpusling import tokens as tok
from corpusling.checks import check_count
from corpusling.errors import QueryError
from corpusling.groups import group_column
from corpusling.query import Pattern, index, query
from corpusling.rates import chi2_1df_p, log_likelihood, log_ratio
from corpusling.token_index import sentence_ordered

Where = str | pl.Expr | None


def _columns(by: str | list[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def _check(tokens: pl.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in tokens.columns]
    if missing:
        raise QueryError(f"no column {missing[0]!r} in the token table; it has: {', '.join(tokens.columns)}")


def _mask(tokens: pl.DataFrame, where: Where) -> pl.Series | None:
    """Boolean mask of the words ``where`` selects (None: all words)."""
    if where is None:
        return None
    if isinstance(where, pl.Expr):
        return tokens.select(where.fill_null(False)).to_series()
    found = query(tokens, where)
    if found.height and (found["last_row"] != found["first_row"]).any():
        raise QueryError("a `where` filter must describe single words, e.g. [upos=\"NOUN\"]", where, 0)
    mask = np.zeros(tokens.height, dtype=bool)
    mask[found["first_row"].to_numpy()] = True
    return pl.Series(mask)


def _items(tokens: pl.DataFrame, columns: list[str], lowercase: bool) -> list[pl.Expr]:
    exprs = [pl.col(c).cast(pl.String) for c in columns]
    return [e.str.to_lowercase() if lowercase else e for e in exprs]


def _is_surface(columns: list[str]) -> bool:
    """True when items are surface tokens: ``token_text`` (alone or with other columns of the token)."""
    return "token_text" in columns and set(columns) <= tok.SURFACE_COLUMNS


def _units(tokens: pl.DataFrame, columns: list[str], lowercase: bool, include_punct: bool, where: Where,
           sentences: bool = False) -> pl.DataFrame:
    """The units a count is made of, one row each: syntactic words, or surface tokens for ``token_text``.

    Columns: ``doc_id`` (String), the item columns, ``_counted`` (a word token, or any token with
    ``include_punct``), ``_selected`` (chosen by ``where``) and, with ``sentences``, ``_sent`` (a number
    per sentence). Frequencies count the rows with both flags; sizes, the ``_counted`` rows.
    """
    mask = _mask(tokens, where)
    frame = tokens.select(pl.col("doc_id").cast(pl.String), *_items(tokens, columns, lowercase),
                          tok.counted(include_punct, tokens.columns).alias("_counted"),
                          (pl.lit(True) if mask is None else pl.lit(mask)).alias("_selected"),
                          *([_sentence_numbers(tokens).alias("_sent")] if sentences else []))
    if _is_surface(columns):
        frame = tok.surface_tokens(tokens, frame, flags=["_counted", "_selected"])
    return frame


def _sentence_numbers(tokens: pl.DataFrame) -> pl.Expr:
    """A number per sentence (1, 2, … over the table, a new one at each change of ``doc_id`` or ``sent_id``): the
    sentence numbers of the table's own index when it has one in sentence order
    (:func:`corpusling.token_index.sentence_ordered`, as the hedges' word table reads them), else numbered here."""
    own = sentence_ordered(tokens)
    if own is not None:
        return pl.lit(pl.Series("_sent", own.sentence[:-1]).cast(pl.UInt32))
    return tok.sentence_starts().cum_sum()


def _sizes(units: pl.DataFrame, groups: list[str]) -> pl.DataFrame:
    """Counted units of a :func:`_units` table: ``[group | _all,] n_words``."""
    return units.group_by(groups or pl.lit(1).alias("_all")).agg(pl.col("_counted").sum().alias("n_words"))


def sizes(tokens: pl.DataFrame, by: str | list[str] = "lemma", documents: pl.DataFrame | None = None,
          group_by: str | None = None, include_punct: bool = False) -> pl.DataFrame:
    """The sizes :func:`freq` divides by: ``[group,] n_words``, the word tokens of the table (or group).

    Surface tokens when ``by`` is ``token_text``, syntactic words otherwise; every token with
    ``include_punct``. Sizes of batches of whole documents add up (:func:`corpusling.lazy.frequencies`).
    """
    columns = _columns(by)
    _check(tokens, columns)
    frame = _units(tokens, columns, False, include_punct, None)
    if group_by:
        frame = frame.join(group_column(documents, group_by), on="doc_id", how="left")
        return _sizes(frame, ["group"])
    return _sizes(frame, []).drop("_all")


def freq(tokens: pl.DataFrame, by: str | list[str] = "lemma", where: Where = None,
         documents: pl.DataFrame | None = None, group_by: str | None = None, min_count: int = 1,
         lowercase: bool = False, top: int | None = None, include_punct: bool = False) -> pl.DataFrame:
    """Frequency list: ``[group,] *by, count, per_million`` sorted by decreasing count.

    Word tokens only, punctuation and symbols left out (every token with ``include_punct``).
    ``by="token_text"`` counts surface tokens ("du" once), other columns syntactic words ("de", "le").
    ``per_million`` is relative to all the word tokens of the table (or of the group, with
    ``group_by``, a metadata column of ``documents``), not to the filtered words.
    """
    columns = _columns(by)
    _check(tokens, columns)
    frame = _units(tokens, columns, lowercase, include_punct, where)
    groups: list[str] = []
    if group_by:
        frame = frame.join(group_column(documents, group_by), on="doc_id", how="left")
        groups = ["group"]
    sizes = _sizes(frame, groups).rename({"n_words": "_size"})
    frame = frame.filter(pl.col("_counted") & pl.col("_selected"))
    counts = frame.group_by(*groups, *columns).agg(pl.len().alias("count")).filter(pl.col("count") >= min_count)
    counts = counts.join(sizes, on=groups, how="left") if groups else counts.join(sizes.drop("_all"), how="cross")
    out = (counts.with_columns((pl.col("count") * 1e6 / pl.col("_size")).alias("per_million")).drop("_size")
           .sort([*groups, "count", *columns], descending=[*([False] * len(groups)), True, *([False] * len(columns))]))
    check_count(top, "top", minimum=1)
    if top:
        out = out.group_by(groups, maintain_order=True).head(top) if groups else out.head(top)
    return out


def ngrams(tokens: pl.DataFrame, n: int = 2, by: str = "form", where: Where = None, min_count: int = 1,
           lowercase: bool = False, top: int | None = None, include_punct: bool = False) -> pl.DataFrame:
    """Contiguous n-grams (clusters) inside sentences: ``ngram`` (items joined by a space), ``count``,
    ``per_million``.

    Made of word tokens only: punctuation and symbols break an n-gram as a sentence end does ("selon
    , il" gives no bigram; every token with ``include_punct``). ``by="token_text"`` gives n-grams of
    surface tokens, each multi-word token once ("du pays"); ``by="form"`` or ``"lemma"`` n-grams of
    syntactic words ("de le pays"). ``per_million``: per million units (surface tokens or syntactic
    words) that are word tokens. With ``where``, only n-grams made entirely of selected words count.
    The counts of :func:`ngram_counts`, measured by :func:`ngrams_table`.
    """
    return ngrams_table(*ngram_counts(tokens, n, by, where, lowercase, include_punct), min_count=min_count, top=top)


def ngram_counts(tokens: pl.DataFrame, n: int = 2, by: str = "form", where: Where = None, lowercase: bool = False,
                 include_punct: bool = False) -> tuple[pl.DataFrame, int]:
    """What :func:`ngrams` counts: ``ngram, count`` (every n-gram, none dropped) and the units counted (the size
    per million is relative to). Both add over batches of whole documents: an n-gram never crosses a sentence."""
    if n < 1:
        raise QueryError(f"n must be 1 or more, not {n}")
    _check(tokens, [by])
    frame = _units(tokens, [by], lowercase, include_punct, where, sentences=True)
    size = int(frame["_counted"].sum())
    keep = pl.col("_counted") & pl.col("_selected")
    inside = keep
    for k in range(1, n):
        inside = inside & (pl.col("_sent").shift(-k) == pl.col("_sent")).fill_null(False) \
            & keep.shift(-k).fill_null(False)
    grams = frame.select(pl.concat_str([pl.col(by).shift(-k) for k in range(n)], separator=" ").alias("ngram"),
                         inside.alias("_inside"))
    return grams.filter(pl.col("_inside")).group_by("ngram").agg(pl.len().alias("count")), size


def ngrams_table(counts: pl.DataFrame, size: int, min_count: int = 1, top: int | None = None) -> pl.DataFrame:
    """The n-gram list of :func:`ngrams` from the counts of :func:`ngram_counts` (of one table, or added up)."""
    out = (counts.filter(pl.col("count") >= min_count)
           .with_columns((pl.col("count") * 1e6 / max(size, 1)).alias("per_million"))
           .sort(["count", "ngram"], descending=[True, False]))
    return out.head(top) if top else out


# --------------------------------------------------------------------------- collocates

def association(o11: pl.Expr, f_node: pl.Expr, f_collocate: pl.Expr, n: pl.Expr | float,
                node_frequency: pl.Expr | None = None) -> list[pl.Expr]:
    """Association scores from the co-occurrence count and the marginals (Evert 2008, *Corpora and collocations*).

    ``f_node`` is the number of window positions around the node (node frequency × span),
    ``f_collocate`` the collocate's corpus frequency, ``n`` the corpus size. Expected
    E = f_node·f_collocate / n. Scores: ``ll`` log-likelihood G² over the 2×2 table (Dunning 1993),
    ``mi`` log₂(O/E) (Church & Hanks 1990), ``mi3`` log₂(O³/E) (Daille 1994), ``t`` (O−E)/√O
    (Church et al. 1991), ``dice`` 2O/(f_x+f_collocate) and ``log_dice`` 14 + log₂ Dice (Rychlý 2008),
    where f_x is ``node_frequency``, the node's own frequency, as Sketch Engine computes them (the
    window positions ``f_node`` when it is not given).
    """
    n = pl.lit(n) if not isinstance(n, pl.Expr) else n
    o12 = f_node - o11
    o21 = f_collocate - o11
    o22 = n - o11 - o12 - o21
    r1, r2, c1, c2 = f_node, n - f_node, f_collocate, n - f_collocate
    cells = [(o11, r1 * c1 / n), (o12, r1 * c2 / n), (o21, r2 * c1 / n), (o22, r2 * c2 / n)]
    ll = 2 * sum(pl.when(o > 0).then(o * (o / e).log()).otherwise(0.0) for o, e in cells)
    expected = r1 * c1 / n
    dice = 2 * o11 / ((f_node if node_frequency is None else node_frequency) + f_collocate)
    return [
        expected.alias("expected"),
        ll.alias("ll"),
        (o11 / expected).log(2).alias("mi"),
        (o11.pow(3) / expected).log(2).alias("mi3"),
        ((o11 - expected) / o11.sqrt()).alias("t"),
        dice.alias("dice"),
        (14 + dice.log(2)).alias("log_dice"),
    ]


def _window(span: int | tuple[int, int], left: int | None = None, right: int | None = None) -> tuple[int, int]:
    """Words left and right: ``span`` (one number for both sides, or a pair), each side overridden by ``left`` or
    ``right`` when given (as ``--left``/``--right`` override ``--window``)."""
    on_left, on_right = (span, span) if isinstance(span, int) else span
    on_left, on_right = on_left if left is None else left, on_right if right is None else right
    if on_left < 0 or on_right < 0 or on_left + on_right == 0:
        shown = span if left is None and right is None else (on_left, on_right)
        raise QueryError(f"a window is a number of words left and right (at least one), not {shown!r}")
    return on_left, on_right


def _repelled(with_repelled: bool, attraction: bool | None) -> bool:
    """Whether collocates the node repels are kept: ``with_repelled``, or its older name's opposite
    (``attraction=False``); both given and contradictory is an error."""
    if attraction is None:
        return with_repelled
    if with_repelled and attraction:
        raise QueryError("with_repelled=True and attraction=True contradict each other: give with_repelled alone "
                         "(attraction is its older name, attraction=False being with_repelled=True)")
    return with_repelled or not attraction


def _window_rows(counted: np.ndarray, sentence: np.ndarray, first: np.ndarray, last: np.ndarray,
                 left: int, right: int) -> np.ndarray:
    """Rows of the collocation windows: up to ``left`` counted rows before each match's first row and
    ``right`` after its last, inside the match's sentence; uncounted rows (punctuation) are skipped,
    neither collocates nor window positions. ``sentence`` has a sentinel after the last row."""
    rows_of = np.flatnonzero(counted)  # the k-th counted row of the table
    before = np.concatenate([[0], np.cumsum(counted, dtype=np.int64)])  # counted rows before each row
    rows = []
    for d in range(1, left + 1):
        k = before[first] - d
        r = rows_of[np.maximum(k, 0)] if rows_of.size else k
        rows.append(r[(k >= 0) & (sentence[np.maximum(r, 0)] == sentence[first])])
    for d in range(1, right + 1):
        k = before[last + 1] + d - 1
        inside = k < rows_of.size
        r = rows_of[np.minimum(k, rows_of.size - 1)] if rows_of.size else k
        rows.append(r[inside & (sentence[np.minimum(r, len(sentence) - 1)] == sentence[last])])
    return np.concatenate(rows) if rows else np.zeros(0, np.int64)


def collocates(tokens: pl.DataFrame, pattern: str | Pattern | pl.DataFrame, window: int | tuple[int, int] = 5,
               by: str = "lemma", min_count: int = 3, where: Where = None, lowercase: bool = False,
               sort: str = "ll", attraction: bool | None = None, include_punct: bool = False,
               left: int | None = None, right: int | None = None, with_repelled: bool = False) -> pl.DataFrame:
    """Collocates of a query within ``window`` words left and right of each match, inside the sentence.

    Columns: ``collocate, count`` (co-occurrences O), ``f_collocate`` (corpus frequency),
    ``f_node`` (window positions: matches × span), ``node_count`` (matches of the node: the f_x of
    Dice and logDice), ``expected`` and the scores of :func:`association`.
    ``window`` is a number (both sides) or ``(left, right)``; ``left`` or ``right`` (the command line's
    ``--left``/``--right``) overrides its side. ``where`` filters the collocates.
    Windows, collocates and the corpus size N are word tokens: punctuation and symbols are neither
    collocates nor window positions, so a window of 3 holds three words (AntConc has no punctuation
    tokens; with ``include_punct`` every token is a position, as CQP and CQPweb count them).
    Sorted by ``sort`` (a score), decreasing. Only collocates seen more often than expected (O > E, the
    words the node attracts) are kept unless ``with_repelled`` (``--with-repelled``): G² is two-sided and
    would otherwise rank words the node repels (frequent function words) among its collocates.
    ``attraction`` is the older name of the same choice, kept: ``attraction=False`` is ``with_repelled=True``.
    The counts of :func:`collocate_counts`, measured by :func:`collocates_table`.
    """
    with_repelled = _repelled(with_repelled, attraction)
    left, right = _window(window, left, right)
    counts = collocate_counts(tokens, pattern, left, right, by=by, where=where, lowercase=lowercase,
                              include_punct=include_punct)
    return collocates_table(*counts, left=left, right=right, min_count=min_count, sort=sort,
                            with_repelled=with_repelled)


def collocate_counts(tokens: pl.DataFrame, pattern: str | Pattern | pl.DataFrame, left: int, right: int,
                     by: str = "lemma", where: Where = None, lowercase: bool = False,
                     include_punct: bool = False) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
    """What :func:`collocates` counts: ``collocate, count`` (co-occurrences O in the windows of ``left`` and
    ``right`` word tokens, inside the sentence; none dropped), ``collocate, f_collocate`` (the items' corpus
    frequencies), the corpus size N and the node's matches. All add over batches of whole documents: a match and
    its windows lie in one sentence."""
    _check(tokens, [by])
    idx = index(tokens)
    matches = pattern if isinstance(pattern, pl.DataFrame) else query(idx, pattern)
    counted = tokens.select(tok.counted(include_punct, tokens.columns)).to_series().to_numpy()
    window_rows = _window_rows(counted, idx.sentence, matches["first_row"].to_numpy(),
                               matches["last_row"].to_numpy(), left, right)
    item = tokens.select(_items(tokens, [by], lowercase)[0].alias("collocate")).to_series()
    mask = _mask(tokens, where)
    if mask is not None:
        window_rows = window_rows[mask.to_numpy()[window_rows]]
    observed = item.gather(pl.Series(window_rows, dtype=pl.Int64)).value_counts(name="count")
    frequencies = item.filter(pl.Series(counted)).value_counts(name="f_collocate")
    return observed, frequencies, int(counted.sum()), matches.height


def collocates_table(observed: pl.DataFrame, frequencies: pl.DataFrame, n: int, nodes: int, left: int, right: int,
                     min_count: int = 3, sort: str = "ll", with_repelled: bool = False) -> pl.DataFrame:
    """The collocates of :func:`collocates` from the counts of :func:`collocate_counts` (of one table, or added
    up): ``f_node`` = matches × span, the scores of :func:`association` on the 2×2 table (Evert 2008)."""
    f_node = float(nodes * (left + right))
    out = (observed.filter(pl.col("count") >= min_count).join(frequencies, on="collocate", how="left")
           .with_columns(pl.lit(f_node).alias("f_node"), pl.lit(float(nodes)).alias("node_count"))
           .with_columns(association(pl.col("count").cast(pl.Float64), pl.col("f_node"),
                                     pl.col("f_collocate").cast(pl.Float64), float(n), pl.col("node_count"))))
    if not with_repelled:
        out = out.filter(pl.col("count") > pl.col("expected"))
    if sort not in out.columns:
        raise QueryError(f"cannot sort collocates by {sort!r}: use ll, mi, mi3, t, dice, log_dice or count")
    return out.sort([sort, "collocate"], descending=[True, False])


# --------------------------------------------------------------------------- keyness

def percent_diff(a: pl.Expr, b: pl.Expr, c: pl.Expr, d: pl.Expr) -> pl.Expr:
    """%DIFF (Gabrielatos & Marchi 2012): (nf_target − nf_reference) / nf_reference × 100.

    Normalised frequencies per million. An item absent from the reference has an infinite %DIFF
    (``inf``; the authors' 1e-18 in place of zero gave numbers such as 1.34e24 that read as measures).
    """
    target = a * 1e6 / c
    reference = b * 1e6 / d
    return pl.when(reference == 0).then(pl.when(target > 0).then(float("inf")).otherwise(0.0)).otherwise(
        (target - reference) * 100 / reference)


def _keyness_table(counts: pl.DataFrame, keys: list[str], min_count: int) -> pl.DataFrame:
    a, b = pl.col("count").cast(pl.Float64), pl.col("reference_count").cast(pl.Float64)
    c, d = pl.col("n_words").cast(pl.Float64), pl.col("reference_words").cast(pl.Float64)
    return (counts.filter((pl.col("count") + pl.col("reference_count")) >= min_count)
            .with_columns(log_likelihood(a, b, c, d).alias("g2"), log_ratio(a, b, c, d).alias("log_ratio"),
                          percent_diff(a, b, c, d).alias("percent_diff"),
                          (a * 1e6 / c).alias("per_million"), (b * 1e6 / d).alias("reference_per_million"))
            .with_columns(chi2_1df_p(pl.col("g2")).alias("p"),
                          pl.when(a / c >= b / d).then(pl.lit("+")).otherwise(pl.lit("-")).alias("direction"))
            .select(*keys, "count", "reference_count", "n_words", "reference_words", "per_million",
                    "reference_per_million", "g2", "p", "log_ratio", "percent_diff", "direction"))


def keyness(tokens: pl.DataFrame, documents: pl.DataFrame | None = None, group_by: str | None = None,
            reference: pl.DataFrame | None = None, by: str = "lemma", where: Where = None, min_count: int = 5,
            lowercase: bool = False, include_punct: bool = False) -> pl.DataFrame:
    """Key items of each group against the rest of the corpus, or of the corpus against a reference corpus.

    Give ``group_by`` (a metadata column of ``documents``) or ``reference`` (another token table).
    Columns: ``[group,] item, count, reference_count, n_words, reference_words, per_million,
    reference_per_million, g2, p, log_ratio, percent_diff, direction`` — significance (G², Rayson &
    Garside 2000; p from χ² 1 d.f.) beside effect sizes (log ratio, Hardie 2014, zeros as 0.5;
    %DIFF, Gabrielatos & Marchi 2012). Items with fewer than ``min_count`` occurrences in both
    corpora together are left out. Sorted by group, then G² decreasing (``direction`` tells
    keywords, "+", from negative keywords, "-"). Items and corpus sizes (``n_words``,
    ``reference_words``) are word tokens, punctuation and symbols left out (every token with
    ``include_punct``); ``by="token_text"`` counts surface tokens. The counts of :func:`keyness_counts`,
    measured by :func:`keyness_table`.
    """
    _check(tokens, [by])
    if (group_by is None) == (reference is None):
        raise QueryError("keyness needs either group_by (a metadata column) or reference (a token table)")
    if reference is not None:
        _check(reference, [by])
    counts = keyness_counts(tokens, documents, group_by, by=by, where=where, lowercase=lowercase,
                            include_punct=include_punct)
    ref = None if reference is None else keyness_counts(reference, by=by, where=where, lowercase=lowercase,
                                                        include_punct=include_punct)
    return keyness_table(*counts, reference=ref, group_by=group_by, min_count=min_count)


def keyness_counts(tokens: pl.DataFrame, documents: pl.DataFrame | None = None, group_by: str | None = None,
                   by: str = "lemma", where: Where = None, lowercase: bool = False,
                   include_punct: bool = False) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What :func:`keyness` counts in a table: the items' counts (``[group,] item, count``) and the sizes
    (``group | _all, n_words``), per group of ``group_by`` (a metadata column of ``documents``) or over the
    table. Both add over batches of whole documents."""
    _check(tokens, [by])
    extra = ["group"] if group_by else []
    frame = _units(tokens, [by], lowercase, include_punct, where).rename({by: "item"})
    if extra:
        frame = frame.join(group_column(documents, group_by), on="doc_id", how="left")
    sizes = frame.group_by(extra or pl.lit(1).alias("_all")).agg(pl.col("_counted").sum().alias("n_words"))
    counts = (frame.filter(pl.col("_counted") & pl.col("_selected"))
              .group_by(*extra, "item").agg(pl.len().alias("count")))
    return counts, sizes


def keyness_table(counts: pl.DataFrame, sizes: pl.DataFrame,
                  reference: tuple[pl.DataFrame, pl.DataFrame] | None = None, group_by: str | None = None,
                  min_count: int = 5) -> pl.DataFrame:
    """The keyness table of :func:`keyness` from the counts of :func:`keyness_counts` (of one table, or added up):
    each group against the rest when there is no ``reference`` (``group_by`` names the groups in messages), else
    the items against the reference's ``(counts, sizes)``. G² (Rayson & Garside 2000), log ratio (Hardie 2014),
    %DIFF (Gabrielatos & Marchi 2012) through :func:`_keyness_table`."""
    if reference is not None:
        ref, ref_size = reference
        joined = (counts.join(ref.select("item", pl.col("count").alias("reference_count")), on="item", how="full",
                              coalesce=True)
                  .with_columns(pl.col("count").fill_null(0), pl.col("reference_count").fill_null(0),
                                pl.lit(sizes["n_words"].sum()).alias("n_words"),
                                pl.lit(ref_size["n_words"].sum()).alias("reference_words")))
        return _keyness_table(joined, ["item"], min_count).sort(["g2", "item"], descending=[True, False])
    groups = sizes.filter(pl.col("n_words") > 0)
    if groups.height < 2:
        raise QueryError(f"keyness by {group_by!r} needs at least two groups (each against the rest); the "
                         f"corpus has {groups.height}: group by another column or give a reference corpus")
    totals = counts.group_by("item").agg(pl.col("count").sum().alias("_total"))
    grid = groups.join(totals.select("item"), how="cross")  # zero counts: an item absent from a group
    all_words = groups["n_words"].sum()
    joined = (grid.join(counts.select("group", "item", "count"), on=["group", "item"], how="left")
              .join(totals, on="item", how="left")
              .with_columns(pl.col("count").fill_null(0))
              .with_columns((pl.col("_total") - pl.col("count")).alias("reference_count"),
                            (all_words - pl.col("n_words")).alias("reference_words")))
    return _keyness_table(joined, ["group", "item"], min_count).sort(
        ["group", "g2", "item"], descending=[False, True, False])


# --------------------------------------------------------------------------- dispersion

def dispersion(tokens: pl.DataFrame, items: list[str] | str | Pattern | None = None, by: str = "lemma",
               parts: str = "doc_id", documents: pl.DataFrame | None = None, min_count: int = 1,
               lowercase: bool = False, include_punct: bool = False) -> pl.DataFrame:
    """How evenly items spread over the parts of a corpus (documents by default).

    ``items``: values of ``by`` (a list), a query (its matches form one item, named by the
    query), or None for every item. ``parts`` is ``doc_id``, a token-table column, or a metadata
    column of ``documents``. Columns: ``item, count, range`` (parts containing it), ``parts``,
    ``juilland_d`` (Juilland & Chang-Rodríguez 1964, on relative frequencies per part so that
    parts of unequal size compare, as reviewed by Gries 2008), ``dp`` (Gries' deviation of
    proportions, Gries 2008: 0 even, near 1 concentrated) and ``dp_norm`` (DP / (1 − min sᵢ),
    Lijffijt & Gries 2012). Part sizes and items are word tokens, punctuation and symbols left out
    (every token with ``include_punct``; surface tokens for ``by="token_text"``); a query's matches
    are counted as they are. The counts of :func:`dispersion_counts`, measured by :func:`dispersion_table`.
    """
    return dispersion_table(*dispersion_counts(tokens, items, by=by, parts=parts, documents=documents,
                                               lowercase=lowercase, include_punct=include_punct),
                            min_count=min_count)


def dispersion_counts(tokens: pl.DataFrame, items: list[str] | str | Pattern | None = None, by: str = "lemma",
                      parts: str = "doc_id", documents: pl.DataFrame | None = None, lowercase: bool = False,
                      include_punct: bool = False) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What :func:`dispersion` counts: ``item, part, v`` (the items' frequency in each part) and ``part, size``
    (the parts' word tokens). Both add over batches of whole documents, a document's tokens all in one batch."""
    query_item = isinstance(items, str | Pattern)
    if not query_item:
        _check(tokens, [by])
    frame = tokens.select(pl.col("doc_id").cast(pl.String),
                          *([pl.col(parts).cast(pl.String).alias("part")] if parts in tokens.columns
                            and parts != "doc_id" else []),
                          tok.counted(include_punct, tokens.columns).alias("_counted"),
                          *([] if query_item else [_items(tokens, [by], lowercase)[0].alias("item")]))
    if parts == "doc_id":
        frame = frame.with_columns(pl.col("doc_id").alias("part"))
    elif parts not in tokens.columns:
        frame = frame.join(group_column(documents, parts, name="part"), on="doc_id", how="left")
    if query_item:
        name = items if isinstance(items, str) else items.query
        hits = query(tokens, items)
        item_frame = frame[hits["first_row"].to_numpy()].with_columns(pl.lit(name).alias("item"))
    else:
        if _is_surface([by]):
            frame = tok.surface_tokens(tokens, frame, flags=["_counted"])
        item_frame = frame.filter(pl.col("_counted"))
        if items is not None:
            item_frame = item_frame.filter(pl.col("item").is_in(list(items)))
    sizes = frame.group_by("part").agg(pl.col("_counted").sum().alias("size"))
    return item_frame.group_by("item", "part").agg(pl.len().alias("v")), sizes


def dispersion_table(counts: pl.DataFrame, sizes: pl.DataFrame, min_count: int = 1) -> pl.DataFrame:
    """The dispersion table of :func:`dispersion` from the counts of :func:`dispersion_counts` (of one table, or
    added up): range, Juilland's D (Juilland & Chang-Rodríguez 1964), DP (Gries 2008) and DP_norm (Lijffijt &
    Gries 2012) over the parts with words."""
    sizes = (sizes.filter(pl.col("size") > 0)
             .with_columns((pl.col("size") / pl.col("size").sum()).alias("s")))
    n_parts = sizes.height
    min_s = sizes["s"].min() if n_parts else 0.0
    counts = counts.join(sizes, on="part", how="left")
    # sums over the parts where the item occurs; the parts where it does not add known terms
    # (|0/f − sᵢ| = sᵢ for DP, 0 to the sums of relative frequencies), so no item × part grid is built
    rel = pl.col("v") / pl.col("size")
    out = (counts.group_by("item").agg(
        pl.col("v").sum().alias("count"), pl.len().alias("range"),
        ((pl.col("v") / pl.col("v").sum() - pl.col("s")).abs().sum() + 1 - pl.col("s").sum()).alias("_dp2"),
        rel.sum().alias("_sum"), (rel ** 2).sum().alias("_sum2"))
        .filter(pl.col("count") >= min_count))
    mean = pl.col("_sum") / n_parts
    sd = ((pl.col("_sum2") / n_parts - mean ** 2).clip(lower_bound=0)).sqrt()
    d = 1 - (sd / mean) / np.sqrt(max(n_parts - 1, 1))
    return (out.with_columns(pl.lit(n_parts).alias("parts"), (0.5 * pl.col("_dp2")).alias("dp"))
            .with_columns((pl.when(n_parts > 1).then(d).otherwise(None)).alias("juilland_d"),
                          (pl.col("dp") / (1 - min_s) if min_s < 1 else pl.lit(None)).alias("dp_norm"))
            .select("item", "count", "range", "parts", "juilland_d", "dp", "dp_norm")
            .sort(["count", "item"], descending=[True, False]))


def positions(tokens: pl.DataFrame, pattern: str | Pattern, include_punct: bool = False) -> pl.DataFrame:
    """Where the matches of a query fall, for a dispersion plot.

    Columns: ``doc_id, start_char, word`` (word tokens before the match in its document, from 0),
    ``doc_words`` (word tokens of the document), ``relative`` (word / doc_words, 0–1) and
    ``corpus_word`` (row of the token table). Every token counts with ``include_punct``.
    """
    idx = index(tokens)
    hits = query(idx, pattern)
    first = hits["first_row"].to_numpy()
    counted = tokens.select(tok.counted(include_punct, tokens.columns)).to_series().to_numpy()
    before = np.concatenate([[0], np.cumsum(counted, dtype=np.int64)])  # counted rows before each row
    doc_no = idx.document[first] if first.size else first
    start = before[idx.doc_first[doc_no]] if first.size else first
    size = before[idx.doc_last[doc_no] + 1] - start if first.size else first
    word = before[first] - start if first.size else first
    return pl.DataFrame({"doc_id": hits["doc_id"], "start_char": hits["start_char"],
                         "word": word, "doc_words": size,
                         "relative": word / np.maximum(size, 1), "corpus_word": first})
