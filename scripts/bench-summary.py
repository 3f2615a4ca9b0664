#!/usr/bin/env python3
"""The summary table of a benchmark run: one row per measure the benches recorded (``bench.common.record``).

Usage: ``python scripts/bench-summary.py [var/bench/<run>.jsonl]`` (default: the newest file in var/bench/).
Columns: measure | engine | ours | reference | ratio | target | ✓/✗ (and the bench's note, if any), then the count
of missed targets. A measure with no target shows "-" in the ✓/✗ column. Exits 0 whatever was missed: the table is a report, not a gate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    digits = 1 if abs(value) >= 100 else 2
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".rstrip()


def target(row: dict[str, Any]) -> str:
    parts = []
    if row.get("target_ratio") is not None:
        parts.append(f"<= {row['target_ratio']:g}x")
    if row.get("target_min_ratio") is not None:
        parts.append(f">= {row['target_min_ratio']:g}x")
    if row.get("target_max") is not None:
        parts.append(f"< {row['target_max']:g} {row.get('unit', '')}".rstrip())
    if row.get("target_min") is not None:
        parts.append(f">= {row['target_min']:g} {row.get('unit', '')}".rstrip())
    return ", ".join(parts) or "-"


def verdict(row: dict[str, Any]) -> str:
    ok = row.get("ok")
    return "-" if ok is None else ("✓" if ok else "✗")


def load(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line:
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                print(f"(skipped a line that is not JSON: {line[:60]}…)")
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    header = ["measure", "engine", "ours", "reference", "ratio", "target", "✓/✗", "note"]
    body = [
        [
            row["measure"],
            row.get("engine", "-"),
            number(row.get("ours"), row.get("unit", "")),
            number(row.get("reference"), row.get("unit", "")),
            "-" if row.get("ratio") is None else f"{row['ratio']:.2f}x",
            target(row),
            verdict(row),
            row.get("note") or "",
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    right = {2, 3, 4}  # numbers

    def fmt(line: list[str]) -> str:
        cells = [
            cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        return " | ".join(cells).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(line) for line in body)])


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        path = Path(argv[1])
    else:
        runs = sorted((ROOT / "var" / "bench").glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
        if not runs:
            print("bench summary: no results in var/bench/ (run `make bench` or `make bench-quick`)")
            return 0
        path = runs[-1]
    if not path.exists():
        print(f"bench summary: {path} does not exist (no benchmark recorded anything)")
        return 0
    rows = load(path)
    scales = sorted({row.get("scale", 1) for row in rows})
    scale = f" (BENCH_SCALE {', '.join(f'{s:g}' for s in scales)})" if scales and scales != [1] else ""
    print()
    print(f"== bench summary: {len(rows)} measures from {path}{scale}")
    if not rows:
        return 0
    print(table(rows))
    checked = [row for row in rows if row.get("ok") is not None]
    missed = [row for row in checked if not row["ok"]]
    print(f"{len(missed)} of {len(checked)} measures with a target missed it")
    if scales != [1]:
        # The targets are set for the scale: at a twentieth, fixed costs (a connection, a transaction, the
        # e-mails of a sweep) weigh against queries twenty times smaller, and the two engines' halves share the cores.
        print("(targets are for BENCH_SCALE 1, `make bench`: at a smaller scale these verdicts are indicative only)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
