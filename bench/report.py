"""The bench's report: a markdown file with every figure and target, and PNG plots beside it."""

from __future__ import annotations

import os
import platform
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 (the backend must be chosen first)

from bench.stats import Run, Spread, by_turn, summary  # noqa: E402


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}"


def latency_plot(runs: dict[str, list[Run]], target: Path) -> None:
    """One box per system and configuration: every sequential message's latency, all repeats pooled."""
    names = list(runs)
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(names)), 4.5))
    ax.boxplot([[1000 * lat for run in runs[name] for lat in run.latencies] for name in names],
               labels=[name.replace(", ", "\n") for name in names], showfliers=True)
    ax.set_ylabel("latency per message (ms)")
    ax.set_title("Sequential conversations: latency distribution")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(target, dpi=110)
    plt.close(fig)


def throughput_plot(series: dict[str, dict[int, Spread]], target: Path) -> None:
    """Messages per second against the number of conversations at once (1 = sequential)."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, points in series.items():
        levels = sorted(points)
        ax.errorbar(levels, [points[c].median for c in levels],
                    yerr=[[points[c].median - points[c].low for c in levels],
                          [points[c].high - points[c].median for c in levels]], marker="o", capsize=3, label=name)
    levels = sorted(set().union(*(set(points) for points in series.values())))
    ax.set_xscale("log")
    ax.set_xticks(levels)
    ax.set_xticklabels([str(level) for level in levels])
    ax.minorticks_off()
    ax.set_ylim(bottom=0)
    ax.set_xlabel("conversations at once")
    ax.set_ylabel("messages / s (median, range over repeats)")
    ax.set_title("Throughput against concurrency")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(target, dpi=110)
    plt.close(fig)


def intent_f1_plot(pipelines: dict[str, dict[str, float]], target: Path) -> None:
    """Held-out F1 of every intent, one bar per pipeline."""
    intents = sorted(set().union(*(set(scores) for scores in pipelines.values())))
    width = 0.8 / max(1, len(pipelines))
    fig, ax = plt.subplots(figsize=(max(7, 0.45 * len(intents)), 4.5))
    for i, (name, scores) in enumerate(pipelines.items()):
        ax.bar([x + i * width for x in range(len(intents))], [scores.get(intent, 0) for intent in intents],
               width=width, label=name)
    ax.set_xticks([x + width * (len(pipelines) - 1) / 2 for x in range(len(intents))])
    ax.set_xticklabels(intents, rotation=60, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("F1 (held-out)")
    ax.set_title("Intent F1 per intent")
    ax.legend()
    fig.tight_layout()
    fig.savefig(target, dpi=110)
    plt.close(fig)


def copy_confusion(source: Path | None, target: Path) -> bool:
    if source and source.exists():
        shutil.copy(source, target)
        return True
    return False


def latency_rows(runs: dict[str, dict[str, list[Run]]]) -> list[str]:
    rows = ["| system, stores | load | p50 s | p95 s | p99 s | messages/s |", "|---|---|---|---|---|---|"]
    for name, loads in runs.items():
        for load, load_runs in loads.items():
            s = summary(load_runs)
            rows.append(f"| {name} | {load} | {s['p50']} | {s['p95']} | {s['p99']} | {s['throughput']} |")
    return rows


def turn_rows(runs: dict[str, dict[str, list[Run]]], scripts: dict[str, list[str]], load: str) -> list[str]:
    """Median latency of each turn under `load`, one row per system and configuration; below the table,
    each system's messages (`scripts`: system name → its conversation)."""
    turns = max(len(script) for script in scripts.values())
    rows = ["| system, stores | " + " | ".join(f"turn {turn}" for turn in range(1, turns + 1)) + " |",
            "|---|" + "---|" * turns]
    for name, loads in runs.items():
        script = next(script for system, script in scripts.items() if name.startswith(system))
        medians = [f"{1000 * median:.0f}" for median in by_turn(loads[load], len(script))]
        rows.append(f"| {name} | " + " | ".join(medians + [""] * (turns - len(medians))) + " |")
    messages = [f"{system}: " + " · ".join(f"{turn} “{text}”" for turn, text in enumerate(script, 1))
                for system, script in scripts.items()]
    return rows + [line for message in messages for line in ("", message)]
