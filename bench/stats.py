"""Summaries of measurements: percentiles of one run, and the median and spread over repeated runs."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Run:
    """One load run: every message's latency (s) and the run's wall time (s)."""

    latencies: tuple[float, ...]
    seconds: float

    @property
    def p50(self) -> float:
        return percentile(list(self.latencies), 50)

    @property
    def p95(self) -> float:
        return percentile(list(self.latencies), 95)

    @property
    def p99(self) -> float:
        return percentile(list(self.latencies), 99)

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds


@dataclass(frozen=True)
class Spread:
    median: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.median:.3f} ({self.low:.3f}–{self.high:.3f})"


def spread(values: list[float]) -> Spread:
    return Spread(statistics.median(values), min(values), max(values))


def by_turn(runs: list[Run], turns: int) -> list[float]:
    """Median latency (s) of each turn of a `turns`-message conversation, all runs pooled. A run holds its
    latencies conversation by conversation, each conversation's in the order they were sent (bench.load)."""
    if not runs or any(not run.latencies or len(run.latencies) % turns for run in runs):
        raise ValueError(f"runs of whole {turns}-message conversations expected")
    pooled = [latency for run in runs for latency in run.latencies]
    return [statistics.median(pooled[turn::turns]) for turn in range(turns)]


def summary(runs: list[Run]) -> dict[str, Spread]:
    """Median and range over repeated runs of p50, p95, p99 (s) and messages/s."""
    return {name: spread([getattr(run, name) for run in runs]) for name in ("p50", "p95", "p99", "throughput")}
