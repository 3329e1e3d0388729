"""Extraction time of one typical appeal (the seed, ~1,000 words) on one core: the median of repeated runs
of read_appeal + extract, in ms, and as a ratio to baselines measured in the same run on the same text:
reading the appeal and splitting its narrative into sentences, and one plain regex pass over the text.

    python bench/extract_speed.py [APPEAL] [--runs 30]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from pathlib import Path

from repgraph.appeal import read_appeal
from repgraph.extract import extract
from repgraph.text import sentences

SEED = Path(__file__).resolve().parents[1] / "data" / "appeals" / "seed-tajikistan-khakimova.txt"
WORDS = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b|\b\d{1,2} [A-Z][a-z]+ \d{4}\b")


def medians_ms(steps: dict, runs: int, rounds: int = 5) -> dict[str, float]:
    """The median time of each step. The steps take turns in ROUNDS blocks of runs (a block keeps its own
    caches warm, e.g. the re module's), so a change in the machine's load touches them all alike."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            step()                          # warm caches (vocabularies, compiled patterns)
            for _ in range(max(1, runs // rounds)):
                t0 = time.perf_counter()
                step()
                times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("appeal", nargs="?", type=Path, default=SEED)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})     # one core
    text = args.appeal.read_text(encoding="utf-8")

    def read_split():
        appeal = read_appeal(args.appeal)
        return [sentences(appeal.text, s, e) for s, e in appeal.narrative]

    steps = {
        "read + extract": lambda: extract(read_appeal(args.appeal)),
        "read + split sentences": read_split,
        "one regex pass": lambda: WORDS.findall(text),
    }
    ms = medians_ms(steps, args.runs)
    print(f"{args.appeal.name}: {len(text.split())} words, median of {args.runs} runs on one core")
    split, regex = ms["read + split sentences"], ms["one regex pass"]
    for name, value in ms.items():
        print(f"  {name:<24}{value:9.2f} ms   x{value / split:7.2f} read+split   x{value / regex:8.1f} regex")


if __name__ == "__main__":
    main()
