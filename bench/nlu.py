"""NLU quality of our pipeline (config.yml) and of Rasa's default one (what `rasa init` ships) on the
same data: the held-out test set, and k-fold cross-validation of the training data; and the two compared
message by message."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from scipy.stats import binomtest

from tests.rasa_cli import HELDOUT, RASA, ROOT, rasa_env

DATA = ROOT / "data" / "nlu"
DOMAIN = ROOT / "domain.yml"
RASA_INIT_CONFIG = "rasa/cli/initial_project/config.yml"
LEARNED_EXTRACTORS = ("StoredCRFEntityExtractor", "DIETClassifier")

Outcomes = dict[str, list[bool]]  # a test message's text: right or wrong, once for each time it occurs


@dataclass
class Quality:
    """What `rasa test nlu` reports, boiled down."""

    intent_macro_f1: float | None  # None for a test set of FAQ questions only (Rasa writes no intent report)
    intent_f1: dict[str, float]
    entity_micro_f1: float | None
    entity_f1: dict[str, float]
    response_accuracy: float | None
    intents: Outcomes = field(default_factory=dict)
    entities: Outcomes = field(default_factory=dict)
    faqs: Outcomes | None = None
    confusion_png: Path | None = None
    seconds: float = 0.0

    @property
    def faq_answered(self) -> float | None:
        return share_right(self.faqs)


def _json(path: Path) -> dict | list:
    return json.loads(path.read_text()) if path.exists() else {}


def intent_outcomes(folder: Path) -> Outcomes:
    """Whether each test message got its intent right (from the files `rasa test nlu --successes` writes)."""
    outcomes: Outcomes = defaultdict(list)
    for name, right in (("intent_successes.json", True), ("intent_errors.json", False)):
        for result in _json(folder / name) or []:
            outcomes[result["text"]].append(right)
    return dict(outcomes)


def entity_outcomes(folder: Path, intents: Outcomes, extractor: str) -> Outcomes:
    """Whether each test message got all its entities right: no entity missed, made up or cut wrong. Rasa
    lists a message among the extractor's errors when any of its tokens was tagged wrong; every other test
    message (`intents`, the intent outcomes, list them all) was right, those without entities included."""
    wrong = Counter(error["text"] for error in _json(folder / f"{extractor}_errors.json") or [])
    outcomes: Outcomes = {}
    for text, tested in intents.items():
        errors = min(wrong[text], len(tested))
        outcomes[text] = [False] * errors + [True] * (len(tested) - errors)
    return outcomes


def faq_outcomes(folder: Path) -> Outcomes | None:
    """Whether the user got the right answer to each FAQ question: it was classified into the retrieval
    intent (only then does the bot utter the selected answer) and given the right one. Rasa's selector
    accuracy also counts a right selection for a question the intent classifier sent elsewhere."""
    selected = _json(folder / "response_selection_successes.json") or []
    wrong = _json(folder / "response_selection_errors.json") or []
    if not selected and not wrong:
        return None
    retrieval_intents = {answer["intent_response_key_target"].split("/")[0] for answer in selected + wrong}
    misrouted = Counter(error["text"] for error in _json(folder / "intent_errors.json") or []
                        if error["intent"] in retrieval_intents)
    outcomes: Outcomes = defaultdict(list)
    for answer in wrong:
        outcomes[answer["text"]].append(False)
    for answer in selected:
        text = answer["text"]
        outcomes[text].append(not misrouted[text])
        if misrouted[text]:
            misrouted[text] -= 1
    return dict(outcomes)


def share_right(outcomes: Outcomes | None) -> float | None:
    if outcomes is None:
        return None
    results = [right for rights in outcomes.values() for right in rights]
    return sum(results) / len(results)


@dataclass
class Paired:
    """Two pipelines tested on the same messages: how many each got right that the other got wrong."""

    only_ours: int
    only_theirs: int

    @property
    def p_value(self) -> float:
        """Exact two-sided McNemar test (a binomial test of the split): the chance of a split at least this
        uneven if both were equally good."""
        n = self.only_ours + self.only_theirs
        return binomtest(self.only_ours, n).pvalue if n else 1.0

    def verdict(self, level: float = 0.05) -> str:
        if self.p_value >= level:
            return "no significant difference"
        return "ours better" if self.only_ours > self.only_theirs else "default better"


def paired(ours: Outcomes, theirs: Outcomes) -> Paired:
    """Compare outcomes message by message, over the messages both were tested on."""
    only_ours = only_theirs = 0
    for text in ours.keys() & theirs.keys():
        difference = sum(ours[text]) - sum(theirs[text])
        only_ours += max(difference, 0)
        only_theirs += max(-difference, 0)
    return Paired(only_ours, only_theirs)


def learned_extractor(folder: Path) -> str:
    """The component that learned our entities from the training data, whose reports `rasa test nlu` wrote:
    ours tags them with a CRF, Rasa's default pipeline with DIET. (spaCy's entities are not learned here.)"""
    for name in LEARNED_EXTRACTORS:
        if (folder / f"{name}_report.json").exists():
            return name
    raise FileNotFoundError(f"no entity report of {' or '.join(LEARNED_EXTRACTORS)} in {folder}")


def read_reports(folder: Path) -> Quality:
    intents = _json(folder / "intent_report.json")
    try:
        extractor = learned_extractor(folder)
    except FileNotFoundError:  # a test set without entity annotations (the field set's intents)
        extractor = None
    entities = _json(folder / f"{extractor}_report.json") if extractor else {}
    responses = _json(folder / "response_selection_report.json")
    per_intent = {k: v["f1-score"] for k, v in intents.items() if isinstance(v, dict) and "avg" not in k}
    per_entity = {k: v["f1-score"] for k, v in entities.items()
                  if isinstance(v, dict) and "avg" not in k and k != "no_entity"}
    confusion = folder / "intent_confusion_matrix.png"
    outcomes = intent_outcomes(folder)
    return Quality(
        intent_macro_f1=(intents["macro avg"]["f1-score"] if "macro avg" in intents
                         else intents["accuracy"] if intents else None),
        intent_f1=per_intent,
        entity_micro_f1=entities["micro avg"]["f1-score"] if "micro avg" in entities else None,
        entity_f1=per_entity,
        response_accuracy=responses.get("accuracy", responses.get("micro avg", {}).get("f1-score")),
        intents=outcomes,
        entities=entity_outcomes(folder, outcomes, extractor) if extractor else {},
        faqs=faq_outcomes(folder),
        confusion_png=confusion if confusion.exists() else None,
    )


def default_config(folder: Path) -> Path:
    """The config.yml of `rasa init` (its empty pipeline means Rasa's default pipeline), copied."""
    import rasa

    target = folder / "default-config.yml"
    shutil.copy(Path(rasa.__file__).parent.parent / RASA_INIT_CONFIG, target)
    return target


def run_timed(*command: str, env: dict | None = None, cwd: Path = ROOT) -> float:
    """Run a command in the project folder or `cwd` (failing loudly, with the tail of its output); its wall
    time in seconds."""
    started = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, env={**rasa_env(), **(env or {})}, capture_output=True, text=True,
                         timeout=7200)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-3000:]}")
    return time.perf_counter() - started


def heldout(model: Path, out: Path, test_set: Path = HELDOUT) -> Quality:
    seconds = run_timed(RASA, "test", "nlu", "--nlu", str(test_set), "--model", str(model), "--out", str(out),
                        "--successes")
    quality = read_reports(out)
    quality.seconds = seconds
    return quality


def field_test_set(items: list, folder: Path) -> Path:
    """The blind field set's messages as Rasa NLU test data, each under the intent its kind implies
    (no entity annotations: the field set gives values, not spans, so only intents are scored)."""
    by_intent: dict[str, list[str]] = defaultdict(list)
    for item in items:
        by_intent[item.intent].append(" ".join(item.text.split()))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "field_intents.yml"
    target.write_text(yaml.safe_dump({"version": "3.1", "nlu": [
        {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
        for intent, texts in sorted(by_intent.items())]}, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def train_nlu(config: Path, out: Path, name: str) -> Path:
    run_timed(RASA, "train", "nlu", "--config", str(config), "--nlu", str(DATA), "--domain", str(DOMAIN),
              "--out", str(out), "--fixed-model-name", name)
    return out / f"{name}.tar.gz"


def cross_validation(config: Path, folds: int, out: Path) -> Quality:
    """k-fold cross-validation, on the same folds for every pipeline and run (bench/same_folds.py)."""
    seconds = run_timed(sys.executable, "-m", "bench.same_folds", "test", "nlu", "--nlu", str(DATA),
                        "--config", str(config), "--domain", str(DOMAIN), "--cross-validation", "--folds", str(folds),
                        "--out", str(out), "--successes")
    quality = read_reports(out)
    quality.seconds = seconds
    return quality

