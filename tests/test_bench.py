"""The bench harness (bench/): its statistics, FAQ measure and message-by-message comparison with Rasa's
default pipeline, table-driven; cross-validation on the same folds every time; a tiny end-to-end run
(`--smoke`) that must produce the report, the plots and the raw results, and leave no process behind,
also when terminated. Timing targets are reported by `make bench`, never asserted here."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from bench.__main__ import comparison_rows, training_lines, turns
from bench.cost import Training
from bench.nlu import (Paired, Quality, entity_outcomes, faq_outcomes, intent_outcomes, learned_extractor, paired,
                       share_right)
from bench.report import turn_rows
from bench.stats import Run, by_turn, percentile, spread, summary
from bench.systems import process_rss_mb, rss_mb
from tests.rasa_cli import ROOT, rasa_env

RUN_MARK = "SOURCING_ADVISOR_BENCH_TEST_RUN"


@pytest.mark.parametrize("values, q, expected", [
    ([1.0], 50, 1.0),
    ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
    ([1.0, 2.0, 3.0, 4.0], 0, 1.0),
    ([1.0, 2.0, 3.0, 4.0], 100, 4.0),
    (list(map(float, range(1, 101))), 95, 95.05),
    ([5.0, 1.0, 3.0], 50, 3.0),  # unsorted input
])
def test_percentiles(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


def test_a_run_and_repeated_runs():
    run = Run(tuple(0.1 * i for i in range(1, 11)), seconds=2.0)
    assert (run.p50, run.throughput) == (pytest.approx(0.55), 5.0)
    assert str(spread([3.0, 1.0, 2.0])) == "2.000 (1.000–3.000)"
    assert summary([run, Run((0.2,), 1.0)])["throughput"].high == 5.0
    with pytest.raises(ValueError):
        percentile([], 50)


@pytest.mark.parametrize("systems, repeats, expected", [
    (["ours", "stock"], 3, ["ours", "stock", "stock", "ours", "ours", "stock"]),  # each goes first in turn
    (["ours", "stock"], 1, ["ours", "stock"]),
    (["ours"], 2, ["ours", "ours"]),  # no baseline (the smoke run)
])
def test_the_systems_take_turns_repeat_by_repeat(systems, repeats, expected):
    assert turns(systems, repeats) == expected


def test_latency_by_turn_pools_every_conversation_of_every_run():
    # two runs of 3-message conversations: latencies conversation by conversation, in turn order
    runs = [Run((0.1, 0.5, 0.2, 0.3, 0.7, 0.2), 1.0), Run((0.2, 0.6, 0.2), 1.0)]
    assert by_turn(runs, 3) == pytest.approx([0.2, 0.6, 0.2])
    for broken in ([], [Run((0.1, 0.2), 1.0)], [Run((), 1.0)]):
        with pytest.raises(ValueError):
            by_turn(broken, 3)


def test_the_turn_table_has_a_row_per_configuration_and_each_system_s_messages():
    runs = {"ours, SQLite": {"2 at once": [Run((0.01, 0.04, 0.03, 0.02), 1.0)]},
            "rasa init, SQLite": {"2 at once": [Run((0.02, 0.02, 0.02, 0.02, 0.02, 0.02), 1.0)]}}
    rows = turn_rows(runs, {"ours": ["hi", "40 people"], "rasa init": ["hi", "sad", "bye"]}, "2 at once")
    assert rows[:4] == ["| system, stores | turn 1 | turn 2 | turn 3 |", "|---|---|---|---|",
                        "| ours, SQLite | 20 | 30 |  |", "| rasa init, SQLite | 20 | 20 | 20 |"]
    assert rows[5] == "ours: 1 “hi” · 2 “40 people”" and rows[-1] == "rasa init: 1 “hi” · 2 “sad” · 3 “bye”"


def answer(text: str, target: str, predicted: str | None) -> dict:
    return {"text": text, "intent_response_key_target": target,
            "intent_response_key_prediction": {"name": predicted, "confidence": 0.9}}


def intent_error(text: str, target: str, predicted: str) -> dict:
    return {"text": text, "intent": target, "intent_prediction": {"name": predicted, "confidence": 0.9}}


@pytest.mark.parametrize("selected, wrong, intent_errors, expected", [
    ([], [], [], None),  # no FAQ questions in the test data
    ([answer("a", "faq/cost", "faq/cost"), answer("b", "faq/risks", "faq/risks")], [], [], 1.0),
    # a right selection for a question classified as a greeting: the user never gets that answer
    ([answer("a", "faq/cost", "faq/cost"), answer("b", "faq/risks", "faq/risks")], [],
     [intent_error("b", "faq", "greet"), intent_error("hello", "greet", "faq")], 0.5),
    ([answer("a", "faq/cost", "faq/cost")], [answer("b", "faq/risks", "faq/cost"), answer("c", "faq/risks", None)],
     [intent_error("c", "faq", "inform")], 1 / 3),
])
def test_faq_answered_counts_only_answers_the_user_gets(tmp_path, selected, wrong, intent_errors, expected):
    for name, content in (("response_selection_successes.json", selected), ("response_selection_errors.json", wrong),
                          ("intent_errors.json", intent_errors)):
        if content:
            (tmp_path / name).write_text(json.dumps(content))
    answered = share_right(faq_outcomes(tmp_path))
    assert answered == (pytest.approx(expected) if expected is not None else None)


def test_intent_outcomes_are_read_per_message(tmp_path):
    (tmp_path / "intent_successes.json").write_text(json.dumps([intent_error("hi", "greet", "greet"),
                                                                intent_error("no", "deny", "deny")]))
    (tmp_path / "intent_errors.json").write_text(json.dumps([intent_error("no", "deny", "affirm"),
                                                             intent_error("bye", "goodbye", "greet")]))
    assert intent_outcomes(tmp_path) == {"hi": [True], "no": [True, False], "bye": [False]}


def test_entity_outcomes_count_every_test_message(tmp_path):
    (tmp_path / "intent_successes.json").write_text(json.dumps([intent_error("hi", "greet", "greet"),
                                                                intent_error("Oslo", "inform", "inform"),
                                                                intent_error("Oslo", "inform", "inform")]))
    (tmp_path / "intent_errors.json").write_text(json.dumps([intent_error("in Lima", "inform", "greet")]))
    # Rasa lists a message among the errors once for each time it occurs with a token tagged wrong
    (tmp_path / "StoredCRFEntityExtractor_errors.json").write_text(json.dumps([
        {"text": "Oslo", "entities": [{"entity": "location"}], "predicted_entities": []}]))
    assert entity_outcomes(tmp_path, intent_outcomes(tmp_path), "StoredCRFEntityExtractor") == {
        "hi": [True], "Oslo": [False, True], "in Lima": [True]}


@pytest.mark.parametrize("reports, expected", [
    (["StoredCRFEntityExtractor", "SpacyDocEntityExtractor"], "StoredCRFEntityExtractor"),  # ours
    (["DIETClassifier"], "DIETClassifier"),  # Rasa's default pipeline
    (["SpacyDocEntityExtractor"], None),
])
def test_the_learned_extractor_is_the_one_compared(tmp_path, reports, expected):
    for name in reports:
        (tmp_path / f"{name}_report.json").write_text("{}")
    if expected:
        assert learned_extractor(tmp_path) == expected
    else:
        with pytest.raises(FileNotFoundError, match="no entity report"):
            learned_extractor(tmp_path)


@pytest.mark.parametrize("only_ours, only_theirs, p_value", [
    (0, 0, 1.0),
    (5, 5, 1.0),
    (0, 5, 0.0625),  # 2 × 1/32: five of five one way is not yet significant
    (6, 0, 0.03125),
    (1, 9, 0.021484375),  # 2 × (1 + 10) / 1024
    (9, 1, 0.021484375),
    (3, 5, 0.7265625),
])
def test_mcnemar_exact_p_value(only_ours, only_theirs, p_value):
    assert Paired(only_ours, only_theirs).p_value == pytest.approx(p_value)


@pytest.mark.parametrize("pair, verdict", [
    (Paired(9, 1), "ours better"),
    (Paired(1, 9), "default better"),
    (Paired(5, 0), "no significant difference"),
    (Paired(0, 0), "no significant difference"),
])
def test_verdict(pair, verdict):
    assert pair.verdict() == verdict


@pytest.mark.parametrize("ours, theirs, expected", [
    ({"a": [True], "b": [False]}, {"a": [True], "b": [False]}, (0, 0)),
    ({"a": [True], "b": [False], "c": [True]}, {"a": [False], "b": [True], "c": [False]}, (2, 1)),
    ({"a": [True, True], "b": [True]}, {"a": [True, False]}, (1, 0)),  # "b" was not tested on both
])
def test_paired_counts_the_messages_only_one_got_right(ours, theirs, expected):
    pair = paired(ours, theirs)
    assert (pair.only_ours, pair.only_theirs) == expected


def quality(intents: dict, faqs: dict | None) -> Quality:
    return Quality(0.9, {}, None, {}, None, intents=intents, entities=intents, faqs=faqs)


def test_the_report_compares_ours_with_the_default_on_the_same_test():
    ours_right = {f"q{i}": [True] for i in range(8)}
    default_wrong = {f"q{i}": [False] for i in range(8)}
    rows = comparison_rows({"ours, held-out": quality(ours_right, {"f": [True]}),
                            "Rasa default, held-out": quality(default_wrong, {"f": [True]}),
                            "ours, 5-fold CV": quality(ours_right, None)})  # no default CV: no row
    assert rows[2:] == ["| held-out, intent | 8 | 0 | 0.008 | ours better |",
                        "| held-out, entities | 8 | 0 | 0.008 | ours better |",
                        "| held-out, FAQ answered right | 0 | 0 | 1.000 | no significant difference |"]
    assert comparison_rows({"ours, held-out": quality(ours_right, None)}) == []


TINY_NLU = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - hello
    - hi there
    - good morning
    - hey
    - hello friend
    - hi, how are you
- intent: goodbye
  examples: |
    - bye
    - goodbye
    - see you later
    - bye for now
    - talk to you soon
    - have a nice day
- intent: thank
  examples: |
    - thanks
    - thank you
    - many thanks
    - cheers
    - thanks a lot
    - much appreciated
"""
TINY_CONFIG = """recipe: default.v1
language: en
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 1
    max_ngram: 3
  - name: LogisticRegressionClassifier
policies: []
"""


@pytest.mark.parametrize("training, expected", [
    (Training(230, 60, 2.0, 40.0, None), ["230 s (met)", "2.0 s (met)"]),
    (Training(332, 60, 2.0, 40.0, 133), ["332 s (**missed**)", "133 s (ours 2.50× that"]),
    (Training(200, 60, 30.0, 40.0, 100), ["200 s (met)", "30.0 s (**missed**)", "100 s (ours 2.00× that"]),
])
def test_training_times_are_judged_and_set_beside_the_stock_assistant_s(training, expected):
    text = " ".join(training_lines(training))
    assert all(part in text for part in expected), text
    assert ("rasa init` assistant's cold training" in text) == (training.stock_seconds is not None)


def test_cross_validation_splits_the_same_folds_every_time(tmp_path):
    """Two cross-validations of a small, deterministic pipeline predict exactly alike only if each test
    example fell into the same fold both times."""
    (tmp_path / "nlu.yml").write_text(TINY_NLU)
    (tmp_path / "config.yml").write_text(TINY_CONFIG)
    predictions = []
    for attempt in ("first", "second"):
        run = subprocess.run([sys.executable, "-m", "bench.same_folds", "test", "nlu", "--nlu", "nlu.yml",
                              "--config", "config.yml", "--cross-validation", "--folds", "3", "--successes",
                              "--out", attempt], cwd=tmp_path, env=rasa_env(), capture_output=True, text=True,
                             timeout=600)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
        predictions.append(sorted(
            (p["text"], p["intent_prediction"]["name"], p["intent_prediction"]["confidence"])
            for name in ("intent_successes.json", "intent_errors.json") if (tmp_path / attempt / name).exists()
            for p in json.loads((tmp_path / attempt / name).read_text())))
    assert len(predictions[0]) == 18 and predictions[0] == predictions[1]


def bench_processes(run: str) -> set[str]:
    """Command lines of the processes the bench run marked `run` started: they run in its /tmp/bench-*
    folder and inherit its environment (a `make bench` running beside the tests is not that run)."""
    found = set()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            text = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            environment = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if "/bench-" in text and f"{RUN_MARK}={run}".encode() in environment:
            found.add(text)
    return found


def smoke_run(tmp_path: Path) -> tuple[list[str], dict, str]:
    """The command and environment of a smoke run, marked so that its processes can be told apart."""
    run = uuid.uuid4().hex
    return ([sys.executable, "-m", "bench", "--smoke", "--out", str(tmp_path)], {**rasa_env(), RUN_MARK: run},
            run)


def test_a_smoke_run_writes_the_report_and_stops_everything(tmp_path):
    command, env, mark = smoke_run(tmp_path)
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    report = (tmp_path / "bench.md").read_text()
    for heading in ("## Latency and throughput", "## Cost", "## NLU quality", "| ours, SQLite | sequential |",
                    "| ours, held-out |", "CPUs", "Median latency by turn, 2 at once"):
        assert heading in report
    for plot in ("latency.png", "throughput.png", "intent_f1.png", "confusion_matrix.png"):
        assert (tmp_path / plot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", plot
    results = json.loads((tmp_path / "results.json").read_text())
    sequential = results["runs"]["ours, SQLite"]["sequential"][0]
    assert len(sequential["latencies"]) == 8 and all(0 < t < 60 for t in sequential["latencies"])
    cost = results["costs"]["ours, SQLite"]
    assert cost["server RSS MB"] >= cost["largest server process RSS MB"] > 100
    assert results["quality"]["ours, held-out"]["intent_macro_f1"] > 0.5
    assert results["quality"]["ours, held-out"]["faq_answered"] > 0.5
    faq_set = results["quality"]["ours, FAQ set"]  # FAQ questions only: no intent report, the answers judged
    assert faq_set["intent_macro_f1"] is None and faq_set["faq_answered"] > 0.5
    assert bench_processes(mark) == set()


def test_memory_is_read_for_each_process_of_a_tree():
    parent = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time; "
                               "child = subprocess.Popen([sys.executable, '-c', 'import time; b = bytearray(60_000_000); "
                               "time.sleep(60)']); print(child.pid, flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    child = None
    try:
        child = int(parent.stdout.readline())
        time.sleep(1)  # the child's 60 MB are resident once it has allocated them
        figures = process_rss_mb(parent.pid)
        assert len(figures) == 2
        assert max(figures) == pytest.approx(process_rss_mb(child)[0], abs=5) and max(figures) > 60
        assert rss_mb(parent.pid) == pytest.approx(sum(figures), abs=5)
    finally:
        if child:
            subprocess.run(["kill", str(child)], check=False)
        parent.kill()
        parent.wait()


def test_a_terminated_run_stops_what_it_started(tmp_path):
    command, env, mark = smoke_run(tmp_path)
    bench = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not bench_processes(mark) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert bench_processes(mark), "the smoke run started no server"
        bench.terminate()
        assert bench.wait(timeout=120) == 128 + signal.SIGTERM
    finally:
        bench.kill()
    assert bench_processes(mark) == set()


def test_a_field_target_is_judged_on_the_test_two_thirds_not_on_the_tuned_dev_third():
    from bench import field
    from bench.__main__ import understanding_rows

    def split(goals: float) -> dict:
        return {"answer accuracy": {question: goals if question == "goals" else 1.0 for question in field.QUESTIONS},
                "opener facts micro-F1": 1.0, "corrections applied right": 1.0, "what-ifs applied right": 1.0,
                "don't-knows taken": 1.0, "intent macro-F1": 1.0}

    rows = understanding_rows({"field": {"all": split(0.96), "dev": split(1.0), "test": split(0.945)}, "owners": {}})
    [goals] = [row for row in rows if "goals question" in row]
    assert goals.endswith("(**missed**) |")


@pytest.mark.parametrize("assumed, expected_work, counts", [
    ([], None, (2, 1, 0)), (["function"], None, (2, 0, 0)),  # unsaid by the writer: no fact read
    (["function"], "it_support", (2, 1, 1)),  # said by the writer: a wrong guess is wrong
])
def test_an_opener_s_value_the_bot_said_it_assumed_is_no_fact_read_from_it(assumed, expected_work, counts):
    from bench.field import Item, judge

    expect = {"employees": 9, "location": {"country": "US", "place": "Austin"}}
    item = Item("open-x", "opener", "We're 9 in Austin. We got hacked and never want that again.",
                {**expect, **({"function": expected_work} if expected_work else {})})
    slots = {"employees": 9, "location": "Austin", "function": "cybersecurity", "assumed": assumed}
    result = judge(item, slots, None, "inform", [])
    assert (result.tp, result.fp, result.fn) == counts
