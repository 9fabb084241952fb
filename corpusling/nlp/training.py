"""The training recipe of the bundled compact French model (``corpusling models train``).

Stanza's own training modules (``python -m stanza.models.{tokenizer,mwt_expander,
tagger,lemmatizer,parser}``) are run one after another, with compact sizes that
train in about an hour on two CPU cores:

* train: UD French-Sequoia train + UD French-GSD dev;
* model selection (early stopping): Sequoia dev;
* never trained on: GSD test and Sequoia test (the scores in the model card).

ParTUT is left out on purpose: its CC BY-NC-SA licence would make the shipped model
non-commercial, and the measured gain for the parser was nil (see the model card).

Every stage writes into a work folder and leaves a ``done/<stage>`` marker; a stage
whose marker exists is not run again, so an interrupted run resumes where it stopped.
Every hyper-parameter and seed is in :data:`RECIPE` below.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SHORTHAND = "fr_compact"
TREEBANK = "UD_French-Compact"
SEED = 1234

TRAIN_FILES = ["fr_sequoia-ud-train.conllu", "fr_gsd-ud-dev.conllu"]
DEV_FILES = ["fr_sequoia-ud-dev.conllu"]
TEST_FILES = ["fr_gsd-ud-test.conllu"]  # Sequoia test is scored separately by `models evaluate`

#: Stanza flags per processor. ``quick`` is a smoke run that checks every command in minutes.
RECIPE: dict[str, dict[str, list[str]]] = {
    "tokenize": {
        "full": ["--steps", "3000", "--eval_steps", "200", "--max_seqlen", "400"],
        "quick": ["--steps", "60", "--eval_steps", "30", "--max_seqlen", "400"],
    },
    "mwt": {"full": ["--num_epoch", "30"], "quick": ["--num_epoch", "1"]},
    "pos": {
        "full": ["--batch_size", "32", "--share_hid", "--hidden_dim", "128", "--char_hidden_dim", "100",
                 "--deep_biaff_hidden_dim", "128", "--composite_deep_biaff_hidden_dim", "50",
                 "--max_steps", "3000"],
        "quick": ["--batch_size", "32", "--share_hid", "--hidden_dim", "128", "--char_hidden_dim", "100",
                  "--deep_biaff_hidden_dim", "128", "--composite_deep_biaff_hidden_dim", "50",
                  "--max_steps", "40", "--eval_interval", "20"],
    },
    "depparse": {
        "full": ["--batch_size", "1000", "--hidden_dim", "128", "--char_hidden_dim", "100",
                 "--deep_biaff_hidden_dim", "100", "--num_layers", "2", "--optim", "adam", "--lr", "3e-3",
                 "--beta2", "0.95", "--weight_decay", "0.0", "--no_second_optim", "--max_steps", "2000"],
        "quick": ["--batch_size", "1000", "--hidden_dim", "128", "--char_hidden_dim", "100",
                  "--deep_biaff_hidden_dim", "100", "--num_layers", "2", "--optim", "adam", "--lr", "3e-3",
                  "--beta2", "0.95", "--weight_decay", "0.0", "--no_second_optim", "--max_steps", "40",
                  "--eval_interval", "20"],
    },
    "lemma": {
        "full": ["--hidden_dim", "100", "--num_epoch", "5"],
        "quick": ["--hidden_dim", "100", "--num_epoch", "1", "--sample_train", "0.05"],
    },
    "pretrain": {"full": ["50000", "100"], "quick": ["50000", "100"]},
}

MODEL_FILES = ["tokenize.pt", "mwt.pt", "pos.pt", "lemma.pt", "depparse.pt", "pretrain.pt"]


@dataclass
class Run:
    """One training run: where the UD files are, where work and the model go."""

    ud_dir: Path
    work: Path
    out: Path
    mode: str = "full"
    log: Callable[[str], None] = field(default=print)

    @property
    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(UDBASE=str(self.work / "udbase"), DATA_ROOT=str(self.work / "data"),
                   PYTHONHASHSEED="0")
        return env

    @property
    def pretrain(self) -> Path:
        return self.work / "pretrain" / "fr_spacy_50k_100d.pt"

    def flags(self, stage: str) -> list[str]:
        return RECIPE[stage][self.mode]

    def stanza(self, stage: str, module: str, args: list[str], env: dict[str, str] | None = None) -> None:
        """Run ``python -m module args`` in the work folder, logging to logs/<stage>.log."""
        (self.work / "logs").mkdir(parents=True, exist_ok=True)
        log_path = self.work / "logs" / f"{stage}.log"
        cmd = [sys.executable, "-m", module, *args]
        with open(log_path, "a", encoding="utf-8") as log:
            log.write("$ " + " ".join(cmd) + "\n")
            log.flush()
            status = subprocess.run(cmd, cwd=self.work, env={**self.env, **(env or {})}, stdout=log,
                                    stderr=subprocess.STDOUT)
        if status.returncode != 0:
            raise RuntimeError(f"stage {stage} failed (exit {status.returncode}); see {log_path}")


def _concatenate(sources: list[Path], dest: Path) -> None:
    """Concatenate CoNLL-U files, dropping per-file ``# global.columns`` headers."""
    with open(dest, "w", encoding="utf-8") as out:
        for src in sources:
            text = "".join(line for line in open(src, encoding="utf-8") if not line.startswith("# global.columns"))
            out.write(text.strip("\n") + "\n\n")


def stage_data(run: Run) -> None:
    tb = run.work / "udbase" / TREEBANK
    tb.mkdir(parents=True, exist_ok=True)
    for split, names in (("train", TRAIN_FILES), ("dev", DEV_FILES), ("test", TEST_FILES)):
        _concatenate([run.ud_dir / n for n in names], tb / f"{SHORTHAND}-ud-{split}.conllu")
    prep = "stanza.utils.datasets."
    run.stanza("data", prep + "prepare_tokenizer_treebank", [TREEBANK])
    run.stanza("data", prep + "prepare_mwt_treebank", [TREEBANK])
    run.stanza("data", prep + "prepare_pos_treebank", [TREEBANK])
    run.stanza("data", prep + "prepare_lemma_treebank", [TREEBANK, "--gold"])


def stage_pretrain(run: Run) -> None:
    from corpusling.nlp.pretrain import build_pretrain

    n_words, dim = (int(x) for x in run.flags("pretrain"))
    train = run.work / "udbase" / TREEBANK / f"{SHORTHAND}-ud-train.conllu"
    info = build_pretrain(run.pretrain, n_words=n_words, dim=dim, extra_conllu=[train])
    run.log(f"pretrain: {info}")


def stage_tokenize(run: Run) -> None:
    t = run.work / "data" / "tokenize"
    sn = SHORTHAND
    run.stanza("tokenize", "stanza.models.tokenizer", [
        "--mode", "train", "--lang", "fr", "--shorthand", sn, "--seed", str(SEED),
        "--txt_file", str(t / f"{sn}.train.txt"), "--label_file", str(t / f"{sn}-ud-train.toklabels"),
        "--dev_txt_file", str(t / f"{sn}.dev.txt"), "--dev_label_file", str(t / f"{sn}-ud-dev.toklabels"),
        "--dev_conll_gold", str(t / f"{sn}.dev.gold.conllu"), "--mwt_json_file", str(t / f"{sn}-ud-dev-mwt.json"),
        "--save_dir", "saved_models/tokenize", "--save_name", "tokenize.pt", *run.flags("tokenize")])


def stage_mwt(run: Run) -> None:
    run.stanza("mwt", "stanza.utils.training.run_mwt", [
        TREEBANK, "--save_dir", "saved_models/mwt", "--save_name", "mwt.pt", "--force",
        "--seed", str(SEED), *run.flags("mwt")])


def stage_pos(run: Run) -> None:
    d, sn = run.work / "data" / "pos", SHORTHAND
    run.stanza("pos", "stanza.models.tagger", [
        "--mode", "train", "--lang", "fr", "--shorthand", sn, "--seed", str(SEED),
        "--train_file", str(d / f"{sn}.train.in.conllu"), "--eval_file", str(d / f"{sn}.dev.in.conllu"),
        "--wordvec_pretrain_file", str(run.pretrain), "--save_dir", "saved_models/pos", "--save_name", "pos.pt",
        *run.flags("pos")])


def stage_depparse(run: Run) -> None:
    """Retag the parser's data with our own tagger (as Stanza does), then train the parser."""
    d, sn = run.work / "data" / "depparse", SHORTHAND
    run.stanza("depparse", "stanza.utils.datasets.prepare_depparse_treebank", [
        TREEBANK, "--predicted", "--tagger_model", "saved_models/pos/pos.pt",
        "--wordvec_pretrain_file", str(run.pretrain), "--no_charlm"], env={"DEPPARSE_DATA_DIR": str(d)})
    run.stanza("depparse", "stanza.models.parser", [
        "--mode", "train", "--lang", "fr", "--shorthand", sn, "--seed", str(SEED),
        "--train_file", str(d / f"{sn}.train.in.conllu"), "--eval_file", str(d / f"{sn}.dev.in.conllu"),
        "--wordvec_pretrain_file", str(run.pretrain), "--save_dir", "saved_models/depparse",
        "--save_name", "depparse.pt", "--no_checkpoint", *run.flags("depparse")])


def stage_lemma(run: Run) -> None:
    d, sn = run.work / "data" / "lemma", SHORTHAND
    run.stanza("lemma", "stanza.models.lemmatizer", [
        "--mode", "train", "--shorthand", sn, "--seed", str(SEED),
        "--train_file", str(d / f"{sn}.train.in.conllu"), "--eval_file", str(d / f"{sn}.dev.in.conllu"),
        "--save_dir", "saved_models/lemma", "--save_name", "lemma.pt", *run.flags("lemma")])


def _to_fp16(src: Path, dst: Path) -> None:
    """Store a Stanza model's float32 weights as float16 (loaded back into fp32 parameters)."""
    import torch

    data = torch.load(src, map_location="cpu", weights_only=True)
    data["model"] = {k: (v.half() if torch.is_tensor(v) and v.dtype == torch.float32 else v)
                     for k, v in data["model"].items()}
    torch.save(data, dst, _use_new_zipfile_serialization=False)


def stage_assemble(run: Run) -> None:
    """Copy the models into the package folder: weights fp16, pretrain fp32, a resources.json."""
    run.out.mkdir(parents=True, exist_ok=True)
    saved = run.work / "saved_models"
    for name in ("tokenize", "mwt", "pos", "lemma", "depparse"):
        _to_fp16(saved / name / f"{name}.pt", run.out / f"{name}.pt")
    shutil.copy(run.pretrain, run.out / "pretrain.pt")
    (run.out / "resources.json").write_text(json.dumps({"fr": {"lang_name": "French"}}) + "\n")


STAGES: list[tuple[str, Callable[[Run], None]]] = [
    ("data", stage_data), ("pretrain", stage_pretrain), ("tokenize", stage_tokenize), ("mwt", stage_mwt),
    ("pos", stage_pos), ("lemma", stage_lemma), ("depparse", stage_depparse), ("assemble", stage_assemble),
]


def train(ud_dir: Path, work: Path, out: Path, mode: str = "full", only: list[str] | None = None,
          log: Callable[[str], None] = print) -> None:
    """Run the recipe; stages already finished in ``work`` are skipped."""
    run = Run(ud_dir=ud_dir.resolve(), work=work.resolve(), out=out.resolve(), mode=mode, log=log)
    (run.work / "done").mkdir(parents=True, exist_ok=True)
    for name, stage in STAGES:
        marker = run.work / "done" / name
        if only and name not in only:
            continue
        if marker.exists():
            log(f"{name}: already done, skipped")
            continue
        start = time.time()
        log(f"{name}: started {time.strftime('%H:%M:%S')}")
        stage(run)
        marker.write_text(f"{time.time() - start:.0f} s\n")
        log(f"{name}: done in {time.time() - start:.0f} s")


if __name__ == "__main__":  # python -m corpusling.nlp.training UD_DIR WORK OUT [full|quick]
    train(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), *(sys.argv[4:5] or []))
