"""The dialogue test conversations in tests/stories, run by `rasa test core`."""

from __future__ import annotations

import json
import re

from tests.rasa_cli import MODEL, ROOT, run_rasa

STORIES = ROOT / "tests" / "stories"


def test_enough_conversations():
    count = sum(len(re.findall(r"^- story:", p.read_text(), re.M)) for p in STORIES.glob("*.yml"))
    assert count >= 30


def test_every_conversation_passes(tmp_path):
    run = run_rasa("test", "core", "--stories", str(STORIES), "--model", str(MODEL), "--out", str(tmp_path),
                   "--fail-on-prediction-errors")
    failed = tmp_path / "failed_test_stories.yml"
    assert run.returncode == 0, (failed.read_text() if failed.exists() else "") + run.stderr[-3000:]
    report = json.loads((tmp_path / "story_report.json").read_text())
    print(f"action-level accuracy {report['accuracy']:.3f}, weighted F1 {report['weighted avg']['f1-score']:.3f}")
    assert report["accuracy"] == 1.0
