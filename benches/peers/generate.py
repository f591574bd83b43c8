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


def generate(n: int, seed: int) -> tuple[pa.Table, pa.Table]:
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
    parameter = np.tile(np.array(["step", "swedish"]), n * per // 2)
    end = np.where(exited, exit_ + np.timedelta64(30, "D"), AS_OF)
    lo = entry - np.timedelta64(30, "D")
    span = np.maximum((end - lo).astype(int), 1)
    offset = (rng.random(n * per) * span[who]).astype(int)
    date = lo[who] + offset.astype("timedelta64[D]")
    outside = rng.random(n * per) < 0.12
    before = rng.random(n * per) < 0.5
    date = np.where(outside & before, lo[who] - rng.integers(1, 90, n * per).astype("timedelta64[D]"), date)
    date = np.where(outside & ~before, end[who] + rng.integers(1, 90, n * per).astype("timedelta64[D]"), date)
    level = np.where(parameter == "step", rng.integers(1, 7, n * per), rng.integers(1, 6, n * per))

    # About 5 % same-day duplicates, half of them with another level.
    dup = rng.random(n * per) < 0.05
    changed = rng.random(int(dup.sum())) < 0.5
    dup_level = level[dup].copy()
    dup_level[changed] = np.maximum(1, dup_level[changed] - 1)
    who = np.concatenate([who, who[dup]])
    parameter = np.concatenate([parameter, parameter[dup]])
    date = np.concatenate([date, date[dup]])
    level = np.concatenate([level, dup_level])

    text = level.astype(str)
    as_label = (parameter == "step") & (rng.random(len(level)) < 0.3)
    text = np.where(as_label, LABELS[np.clip(level - 1, 0, 5)], text)

    order = rng.permutation(len(level))
    assessments = pa.table({
        "participant_id": ids[who[order]],
        "date": date[order].astype(str),
        "parameter": parameter[order],
        "level": text[order],
    })
    return participants, assessments


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
    for name, table in [("participants", participants), ("assessments", assessments)]:
        with open(args.out / f"{name}.csv", "wb") as file:
            file.write((",".join(table.column_names) + "\n").encode())
            pacsv.write_csv(table, file, options)


if __name__ == "__main__":
    main()
