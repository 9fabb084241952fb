"""``corpusling models``: train, evaluate, download and describe parsing models."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from corpusling.errors import CorpuslingError, ModelError

EPILOG = """examples:
  corpusling models info                        # which model is used, and its files
  corpusling models evaluate --treebank fr_gsd-ud-test.conllu --treebank fr_sequoia-ud-test.conllu
  corpusling models evaluate --model official --json
  corpusling models train --ud-dir ../shared/ud     # about an hour on 2 cores; resumable
  corpusling models download                    # Stanza's official French model (needs internet)
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("models", help="train, evaluate, download or describe parsing models",
                                   description=__doc__, epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    info = sub.add_parser("info", help="the model that --model resolves to, with file hashes")
    info.add_argument("--model", default=None)
    info.set_defaults(func=run_info)

    ev = sub.add_parser("evaluate", help="score a model end to end from the raw text of UD files")
    ev.add_argument("--treebank", type=Path, action="append", required=True,
                    help="a gold CoNLL-U file (repeat for several)")
    ev.add_argument("--model", default=None)
    ev.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ev.add_argument("--keep", type=Path, default=None, help="folder for the system CoNLL-U output")
    ev.set_defaults(func=run_evaluate)

    tr = sub.add_parser("train", help="train the compact model with Stanza's training modules")
    tr.add_argument("--ud-dir", type=Path, required=True, help="folder with the UD French CoNLL-U files")
    tr.add_argument("--work", type=Path, default=Path(".corpusling-train/full"), help="work folder (resumable)")
    tr.add_argument("--out", type=Path, default=None, help="model folder (default: the bundled model's)")
    tr.add_argument("--quick", action="store_true", help="a smoke run of every command (minutes, a useless model)")
    tr.set_defaults(func=run_train)

    dl = sub.add_parser("download", help="install Stanza's official French model (needs internet)")
    dl.set_defaults(func=run_download)


def run_info(args: argparse.Namespace) -> int:
    from corpusling.nlp.models import resolve

    print(json.dumps(resolve(args.model).identity(), indent=2))
    return 0


def run_evaluate(args: argparse.Namespace) -> int:
    from corpusling.nlp.evaluate import evaluate, format_table, pooled_feature

    results = []
    for gold in args.treebank:
        keep = args.keep / f"{gold.stem}.system.conllu" if args.keep else None
        if keep:
            keep.parent.mkdir(parents=True, exist_ok=True)
        results.append(evaluate(gold, model=args.model, keep=keep))
    if args.json:
        pooled = {key: pooled_feature(results, key) for key in ("Mood=Cnd", "Mood=Cnd tagger only")}
        print(json.dumps({"results": results, "pooled": pooled}, indent=2))
    else:
        print(format_table(results))
    return 0


def run_train(args: argparse.Namespace) -> int:
    from corpusling.nlp.models import BUNDLED
    from corpusling.nlp.training import train

    try:
        train(args.ud_dir, args.work, args.out or BUNDLED, mode="quick" if args.quick else "full")
    except RuntimeError as err:
        raise CorpuslingError(str(err)) from err
    return 0


def run_download(args: argparse.Namespace) -> int:
    import stanza

    from corpusling.nlp.models import stanza_resources_dir

    try:
        stanza.download("fr", model_dir=str(stanza_resources_dir()))
    except Exception as err:  # requests' ConnectionError and Stanza's own errors
        raise ModelError(f"could not download Stanza's French model ({type(err).__name__}); this needs "
                         "internet access to Stanza's model hub. The bundled compact model works offline: "
                         "--model compact") from err
    print(f"installed in {stanza_resources_dir()}; use it with --model official")
    return 0
