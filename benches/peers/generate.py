#!/usr/bin/env python3
"""Realistic synthetic input for benchmarks: what users' exports look like,
not what makes a benchmark look good.

    python benches/peers/generate.py N OUT_DIR [--seed S]

writes OUT_DIR/participants.csv and OUT_DIR/assessments.csv for N
participants and about 10.5 assessments each, for the programme in
benches/peers/programme.toml (as of 2023-01-31). Every value is synthetic.

The mess is the point (issue 13):
- rows shuffled: assessments are not grouped by participant;
- ids are text ("N" and 9 digits, drawn without order);
- `step` levels are text: about 30 % ladder labels, the rest numbers;
- gender is written a dozen ways (every one of them accepted:
  docs/data.md#gender), with about 2 % unknown;
- exit outcomes in English and Swedish (docs/data.md#exit-outcomes), some
  `okänt` and some empty;
- about 5 % same-day duplicates, about half of them with another level;
- about 12 % of assessments outside the assessment window
  (docs/method.md#assessment-window).

Needs numpy and pyarrow (both come with the Python test environment).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

START = np.datetime64("2021-02-01")
AS_OF = np.datetime64("2023-01-31")
LABELS = np.array(["Ingen aktivitet", "Social/hälsoinsats", "Arbetsträning",
                   "Praktik", "Studier/anställning med stöd", "Arbete/studier"])
GENDERS = np.array(["K", "kvinna", "Woman", "F", "female", " k ",
                    "m", "Man", "MALE", "man ", "x", "okänt"])
GENDER_WEIGHTS = np.array([12, 10, 8, 8, 4, 4, 12, 10, 8, 6, 1, 1], dtype=float)
OUTCOMES = np.array(["employment", "arbete", "studier", "education",
                     "job_seeking", "arbetssökande", "health_care", "moved",
                     "okänt", ""])
OUTCOME_WEIGHTS = np.array([14, 8, 8, 6, 14, 6, 14, 6, 14, 10], dtype=float)
SLICE = 2_000_000


def generate(n: int, seed: int) -> tuple[pa.Table, Iterator[pa.Table]]:
    """The participants, and the assessments in slices of at most
    SLICE rows (as text they would not fit in memory at 10 M participants)."""
    rng = np.random.default_rng(seed)
    ids = np.char.add("N", np.char.zfill(
        rng.choice(10**9, size=n, replace=False).astype(str), 9))
    gender = rng.choice(GENDERS, size=n, p=GENDER_WEIGHTS / GENDER_WEIGHTS.sum())
    entry = START + rng.integers(0, 540, size=n).astype("timedelta64[D]")
    birth = entry - rng.integers(18 * 365, 64 * 365, size=n).astype("timedelta64[D]")
    exited = rng.random(n) < 0.7
    exit_ = entry + rng.integers(60, 420, size=n).astype("timedelta64[D]")
    exited &= exit_ <= AS_OF
    outcome = rng.choice(OUTCOMES, size=n, p=OUTCOME_WEIGHTS / OUTCOME_WEIGHTS.sum())
    participants = pa.table({
        "id": ids,
        "gender": gender,
        "birth_date": birth.astype(str),
        "entry_date": entry.astype(str),
        "exit_date": np.where(exited, exit_.astype(str), ""),
        "exit_outcome": np.where(exited, outcome, ""),
    })

    # Ten assessments each, alternating parameters; about 12 % outside the
    # window (before entry − 30 days or after exit + 30 days / as-of).
    per = 10
    who = np.repeat(np.arange(n), per)
    step = np.tile(np.array([True, False]), n * per // 2)
    end = np.where(exited, exit_ + np.timedelta64(30, "D"), AS_OF)
    lo = entry - np.timedelta64(30, "D")
    span = np.maximum((end - lo).astype(int), 1)
    offset = (rng.random(n * per) * span[who]).astype(int)
    date = lo[who] + offset.astype("timedelta64[D]")
    outside = rng.random(n * per) < 0.12
    before = rng.random(n * per) < 0.5
    date = np.where(outside & before, lo[who] - rng.integers(1, 90, n * per).astype("timedelta64[D]"), date)
    date = np.where(outside & ~before, end[who] + rng.integers(1, 90, n * per).astype("timedelta64[D]"), date)
    level = np.where(step, rng.integers(1, 7, n * per), rng.integers(1, 6, n * per))

    # About 5 % same-day duplicates, half of them with another level.
    dup = rng.random(n * per) < 0.05
    changed = rng.random(int(dup.sum())) < 0.5
    dup_level = level[dup].copy()
    dup_level[changed] = np.maximum(1, dup_level[changed] - 1)
    who = np.concatenate([who, who[dup]])
    step = np.concatenate([step, step[dup]])
    date = np.concatenate([date, date[dup]])
    level = np.concatenate([level, dup_level])

    as_label = step & (rng.random(len(level)) < 0.3)
    order = rng.permutation(len(level))

    def slices() -> Iterator[pa.Table]:
        for start in range(0, len(order), SLICE):
            o = order[start:start + SLICE]
            text = np.where(as_label[o], LABELS[np.clip(level[o] - 1, 0, 5)], level[o].astype(str))
            yield pa.table({
                "participant_id": ids[who[o]],
                "date": date[o].astype(str),
                "parameter": np.where(step[o], "step", "swedish"),
                "level": text,
            })

    return participants, slices()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="participants")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    participants, assessments = generate(args.n, args.seed)
    # No quotes, as spreadsheet exports write these values (none holds a
    # comma, a quote or a line break).
    options = pacsv.WriteOptions(quoting_style="none", include_header=False)
    for name, tables in [("participants", iter([participants])), ("assessments", assessments)]:
        with open(args.out / f"{name}.csv", "wb") as file:
            for i, table in enumerate(tables):
                if i == 0:
                    file.write((",".join(table.column_names) + "\n").encode())
                pacsv.write_csv(table, file, options)


if __name__ == "__main__":
    main()
