"""Time `stegvis.evaluate` on N participants with 10 assessments each, given
as pyarrow tables, the shape of the Rust benches (benches/src/lib.rs): the
Nordost programme, entries over 480 days from 2021-02-01, 60 % exited after
30-430 days, 5 assessments of each parameter 45 days apart, as of 2022-06-30.

    python crates/py/bench/bench_evaluate.py            # 1 000 000 participants
    python crates/py/bench/bench_evaluate.py -n 100000 --repeat 5

The time covers everything `evaluate` does: reading the Arrow columns into
the core's cells, checking and grouping them, and evaluating. Building the
tables with numpy is not timed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import stegvis

ROOT = Path(__file__).resolve().parents[3]
START = np.datetime64("2021-02-01", "D")
GENDERS = ["K", "kvinna", "M", "man", "icke-binär", ""]
OUTCOMES = ["employment", "studier", "job_seeking", "health_care", "subsidised_employment", "other"]
TAGS = ["long_term_assistance", "newly_arrived;children_at_home", ""]


def days(offsets: np.ndarray) -> pa.Array:
    """Day offsets from the programme start as an Arrow date32 column."""
    return pa.array((START + offsets.astype("timedelta64[D]")).astype("datetime64[D]"), pa.date32())


def tables(n: int, seed: int = 0x5EED, text_dates: bool = False) -> Tuple[pa.Table, pa.Table]:
    rng = np.random.default_rng(seed)
    ids = pc.binary_join_element_wise("P", pa.array(np.char.zfill(np.arange(n).astype(str), 7)), "")
    gender = rng.choice(len(GENDERS), n, p=[0.28, 0.28, 0.20, 0.20, 0.02, 0.02])
    entry = rng.integers(0, 480, n)
    exited = rng.random(n) < 0.6
    stay = rng.integers(30, 430, n)
    exit_day = np.where(exited, entry + stay, 0)
    participants = pa.table({
        "id": ids,
        "gender": pa.array(np.array(GENDERS, dtype=object)[gender]).dictionary_encode(),
        "birth_date": days(rng.integers(-22000, -6000, n)),
        "entry_date": days(entry),
        "exit_date": pa.array(days(exit_day).to_numpy(zero_copy_only=False), pa.date32(), mask=~exited),
        "exit_outcome": pa.array(np.array(OUTCOMES, dtype=object)[rng.integers(0, len(OUTCOMES), n)], mask=~exited),
        "tags": pa.array(np.array(TAGS, dtype=object)[rng.integers(0, len(TAGS), n)]),
    })
    # 10 assessments per participant: parameter p, reading k at entry + 45k (+ 0..9 days).
    person = np.repeat(np.arange(n), 10)
    parameter = np.tile(np.repeat([0, 1], 5), n)
    k = np.tile(np.arange(5), 2 * n)
    day = entry[person] + 45 * k + rng.integers(0, 10, 10 * n)
    top = np.where(parameter == 0, 6, 5)
    steps = rng.choice([-1, 0, 1], 10 * n, p=[0.2, 0.4, 0.4])
    steps[k == 0] = 0
    walk = (rng.integers(1, 5, 2 * n).repeat(5) + np.cumsum(steps.reshape(-1, 5), axis=1).ravel())
    level = np.clip(walk, 1, top)
    assessments = pa.table({
        "participant_id": pc.take(ids, pa.array(person)),
        "date": days(day),
        "parameter": pa.array(np.array(["step", "swedish"], dtype=object)[parameter]).dictionary_encode(),
        "level": pa.array(level.astype(np.int64)),
    })
    if text_dates:
        participants = participants.set_column(3, "entry_date", pc.cast(participants["entry_date"], pa.string()))
        participants = participants.set_column(4, "exit_date", pc.cast(participants["exit_date"], pa.string()))
        assessments = assessments.set_column(1, "date", pc.cast(assessments["date"], pa.string()))
    return participants, assessments


def measure(n: int, repeat: int, text_dates: bool) -> Dict[str, float]:
    programme = stegvis.Programme.from_toml(ROOT / "examples" / "nordost" / "programme.toml")
    participants, assessments = tables(n, text_dates=text_dates)
    times: List[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        report = stegvis.evaluate(programme, participants, assessments, as_of="2022-06-30")
        times.append(time.perf_counter() - started)
        assert report.enrolment["enrolled"] == n
        # Freeing the report (and the data it keeps for explanations) is
        # not part of evaluating: do it outside the timed region.
        del report
    return {"min": min(times), "median": statistics.median(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1_000_000, help="participants (10 assessments each)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for text_dates in (False, True):
        t = measure(args.n, args.repeat, text_dates)
        rows = args.n * 11
        kind = "text dates " if text_dates else "date32     "
        print(
            f"{kind} n={args.n:>9,}  min {t['min']:.3f} s  median {t['median']:.3f} s  "
            f"({args.n / t['min'] / 1e6:.2f} M participants/s, {rows / t['min'] / 1e6:.1f} M rows/s)"
        )


if __name__ == "__main__":
    main()
