"""The bench harness (bench/): its statistics, table-driven, and a tiny end-to-end run (`--smoke`)
that must produce the report, the plots and the raw results, and leave no process behind. Timing
targets are reported by `make bench`, never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.stats import Run, percentile, spread, summary
from tests.rasa_cli import ROOT, rasa_env


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


def bench_processes() -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "/bench-" in text and "pytest" not in text:
            found.append(text)
    return found


def test_a_smoke_run_writes_the_report_and_stops_everything(tmp_path):
    run = subprocess.run([sys.executable, "-m", "bench", "--smoke", "--out", str(tmp_path)], cwd=ROOT,
                         env=rasa_env(), capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    report = (tmp_path / "bench.md").read_text()
    for heading in ("## Latency and throughput", "## Cost", "## NLU quality", "| ours, SQLite | sequential |",
                    "| ours, held-out |", "CPUs"):
        assert heading in report
    for plot in ("latency.png", "throughput.png", "intent_f1.png", "confusion_matrix.png"):
        assert (tmp_path / plot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", plot
    results = json.loads((tmp_path / "results.json").read_text())
    sequential = results["runs"]["ours, SQLite"]["sequential"][0]
    assert len(sequential["latencies"]) == 8 and all(0 < t < 60 for t in sequential["latencies"])
    assert results["costs"]["ours, SQLite"]["server RSS MB"] > 100
    assert results["quality"]["ours, held-out"]["intent_macro_f1"] > 0.5
    assert bench_processes() == []
