#!/usr/bin/env python3
"""stegvis next to the engines an analyst would use instead (issue 13).

    python benches/peers/peers.py DATA_DIR [--repeat R] [--cli PATH] [--check-only]

DATA_DIR holds participants.csv and assessments.csv from
benches/peers/generate.py. The script computes the two goals of
benches/peers/programme.toml (`closer`, `progression`) and its parameter
change table three ways — stegvis, DuckDB and polars, the last two with our
own formulation of docs/method.md below — checks that all three give the
same figures, and prints the times and ratios:

- from memory: the tables as `pyarrow.csv.read_csv` gives them (string ids,
  date32 dates, string levels); stegvis through `stegvis.evaluate`, DuckDB
  querying the Arrow tables, polars from `pl.from_arrow`; stegvis also from
  the pandas and polars frames of the same tables (`to_pandas` gives dates
  as `datetime.date` objects, which pyarrow converts back one by one), and
  from the pandas frames `pandas.read_csv` gives (dates as text);
- end to end from the CSV files: the stegvis CLI (`report --format json`)
  against polars reading the files and computing.

Each time is the best of R runs (default 3). The peers compute only the
totals; stegvis computes everything its report has (per gender, intervals,
transitions, data quality), so the comparison favours the peers.

The rules the peers follow (docs/method.md):
- present: entry_date ≤ as-of; exited: exit_date ≤ as-of;
- an assessment is usable when dated ≤ as-of, inside
  [entry − 30 days, exit + 30 days (or as-of)], with a level on the scale
  (a ladder label counts as its position, 1-based);
- per participant, parameter and date: the best level as a baseline
  candidate, the worst as the latest reading; baseline = first date,
  latest = last date; the gain is defined with two dates or more;
- `improved` is true with a gain ≥ 1, false with a smaller defined gain,
  unknown without a gain; `exit_outcome` is true for an exit in the list,
  false when not exited or another outcome, unknown for an exit recorded
  as unknown or left empty; `any` and `improved … at_least 1` over both
  parameters follow Kleene logic; unknown counts as not met.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

import stegvis

HERE = Path(__file__).resolve().parent
PROGRAMME = HERE / "programme.toml"
AS_OF = "2023-01-31"
# The runs the ratios compare.
PYARROW = "stegvis.evaluate, pyarrow tables"
DUCKDB = "DuckDB on the pyarrow tables"
POLARS = "polars on the same frames"
POLARS_CSV = "polars reading the CSV files + computing"
LABELS = ["Ingen aktivitet", "Social/hälsoinsats", "Arbetsträning",
          "Praktik", "Studier/anställning med stöd", "Arbete/studier"]
# docs/data.md#exit-outcomes: the closer goal's outcomes and their aliases.
CLOSER_OUTCOMES = ["employment", "arbete", "subsidised_employment",
                   "anställning med stöd", "education", "studier",
                   "utbildning", "job_seeking", "arbetssökande"]
UNKNOWN_OUTCOMES = ["", "unknown", "okänt", "okänd"]
SCALES = {"step": (1, 6), "swedish": (1, 5)}


def figures_of_report(report: dict) -> dict:
    """The figures the peers compute, from a stegvis report as a dict."""
    goals = {g["id"]: g["achieved"] for g in report["goals"]}
    params = {}
    for p in report["parameters"]:
        params[p["id"]] = (p["evaluable"], p["improved"], p["unchanged"],
                           p["worsened"], round(p["mean_gain"], 9))
    return {"present": report["enrolment"]["enrolled"], "goals": goals, "parameters": params}


DUCKDB_SQL = f"""
WITH p AS (
  SELECT id, entry_date AS entry,
         CASE WHEN exit_date <= DATE '{AS_OF}' THEN exit_date END AS exit,
         lower(trim(coalesce(exit_outcome, ''))) AS outcome
  FROM participants WHERE entry_date <= DATE '{AS_OF}'
), labels AS (
  SELECT * FROM (VALUES {", ".join(f"('{label}', {i + 1})" for i, label in enumerate(LABELS))}) AS t(label, position)
), a AS (
  SELECT a.participant_id AS id, a.date AS d, a.parameter,
         coalesce(TRY_CAST(a.level AS INTEGER), labels.position) AS level
  FROM assessments a LEFT JOIN labels ON a.parameter = 'step' AND a.level = labels.label
), usable AS (
  SELECT a.id, a.parameter, a.d, a.level
  FROM a JOIN p USING (id)
  WHERE a.d <= DATE '{AS_OF}'
    AND a.d >= p.entry - INTERVAL 30 DAY
    AND a.d <= coalesce(p.exit + INTERVAL 30 DAY, DATE '{AS_OF}')
    AND ((a.parameter = 'step' AND a.level BETWEEN 1 AND 6)
      OR (a.parameter = 'swedish' AND a.level BETWEEN 1 AND 5))
), days AS (
  SELECT id, parameter, d, max(level) AS best, min(level) AS worst
  FROM usable GROUP BY id, parameter, d
), gains AS (
  SELECT id, parameter,
         CASE WHEN count(*) >= 2 THEN arg_max(worst, d) - arg_min(best, d) END AS gain
  FROM days GROUP BY id, parameter
), per AS (
  SELECT p.id, p.exit, p.outcome,
         max(CASE WHEN g.parameter = 'step' THEN g.gain END) AS step,
         max(CASE WHEN g.parameter = 'swedish' THEN g.gain END) AS swedish
  FROM p LEFT JOIN gains g USING (id) GROUP BY p.id, p.exit, p.outcome
), verdicts AS (
  SELECT
    CASE WHEN step IS NULL THEN NULL ELSE step >= 1 END AS improved_step,
    CASE WHEN exit IS NULL THEN false
         WHEN outcome IN ({", ".join(f"'{o}'" for o in UNKNOWN_OUTCOMES)}) THEN NULL
         ELSE outcome IN ({", ".join(f"'{o}'" for o in CLOSER_OUTCOMES)}) END AS left_well,
    CASE WHEN step >= 1 OR swedish >= 1 THEN true
         WHEN step IS NOT NULL AND swedish IS NOT NULL THEN false END AS progression
  FROM per
)
SELECT count(*) AS present,
       count(*) FILTER (WHERE improved_step OR left_well) AS closer,
       count(*) FILTER (WHERE progression) AS progression
FROM verdicts
"""

DUCKDB_PARAMETERS = """
SELECT parameter, count(*) AS evaluable,
       count(*) FILTER (WHERE gain > 0), count(*) FILTER (WHERE gain = 0),
       count(*) FILTER (WHERE gain < 0), avg(gain)
FROM gains WHERE gain IS NOT NULL GROUP BY parameter
"""


def duckdb_figures(participants: pa.Table, assessments: pa.Table) -> dict:
    con = duckdb.connect()
    con.register("participants", participants)
    con.register("assessments", assessments)
    present, closer, progression = con.execute(DUCKDB_SQL).fetchone()
    # The gains CTE once more for the parameter table, in the same query.
    body = DUCKDB_SQL.split("), per AS (")[0] + ")"
    rows = con.execute(body + DUCKDB_PARAMETERS).fetchall()
    params = {r[0]: (r[1], r[2], r[3], r[4], round(r[5], 9)) for r in rows}
    return {"present": present, "goals": {"closer": closer, "progression": progression},
            "parameters": params}


def polars_figures(participants: pl.LazyFrame, assessments: pl.LazyFrame) -> dict:
    as_of = pl.lit(AS_OF).str.to_date()
    p = (participants
         .filter(pl.col("entry_date") <= as_of)
         .select(pl.col("id"), pl.col("entry_date").alias("entry"),
                 pl.when(pl.col("exit_date") <= as_of).then(pl.col("exit_date")).alias("exit"),
                 pl.col("exit_outcome").fill_null("").str.strip_chars().str.to_lowercase().alias("outcome")))
    labels = pl.LazyFrame({"label": LABELS, "position": list(range(1, 7))},
                          schema={"label": pl.String, "position": pl.Int64})
    a = (assessments
         .join(labels, left_on="level", right_on="label", how="left")
         .with_columns(pl.coalesce(pl.col("level").cast(pl.Int64, strict=False),
                                   pl.when(pl.col("parameter") == "step").then(pl.col("position")))
                       .alias("lvl"))
         .join(p, left_on="participant_id", right_on="id", how="inner")
         .filter((pl.col("date") <= as_of)
                 & (pl.col("date") >= pl.col("entry") - pl.duration(days=30))
                 & (pl.col("date") <= pl.coalesce(pl.col("exit") + pl.duration(days=30), as_of))
                 & (((pl.col("parameter") == "step") & pl.col("lvl").is_between(1, 6))
                    | ((pl.col("parameter") == "swedish") & pl.col("lvl").is_between(1, 5)))))
    days = (a.group_by("participant_id", "parameter", "date")
            .agg(pl.col("lvl").max().alias("best"), pl.col("lvl").min().alias("worst")))
    gains = (days.group_by("participant_id", "parameter")
             .agg(pl.len().alias("n"),
                  pl.col("best").sort_by("date").first().alias("baseline"),
                  pl.col("worst").sort_by("date").last().alias("latest"))
             .with_columns(pl.when(pl.col("n") >= 2).then(pl.col("latest") - pl.col("baseline")).alias("gain")))
    per = (gains.select("participant_id", "parameter", "gain")
           .collect().pivot(on="parameter", index="participant_id", values="gain").lazy())
    verdicts = (p.join(per, left_on="id", right_on="participant_id", how="left")
                .select(
                    pl.when(pl.col("step").is_null()).then(None).otherwise(pl.col("step") >= 1).alias("improved_step"),
                    pl.when(pl.col("exit").is_null()).then(False)
                    .when(pl.col("outcome").is_in(UNKNOWN_OUTCOMES)).then(None)
                    .otherwise(pl.col("outcome").is_in(CLOSER_OUTCOMES)).alias("left_well"),
                    pl.when((pl.col("step") >= 1) | (pl.col("swedish") >= 1)).then(True)
                    .when(pl.col("step").is_not_null() & pl.col("swedish").is_not_null()).then(False)
                    .alias("progression")))
    totals = verdicts.select(
        pl.len().alias("present"),
        (pl.col("improved_step") | pl.col("left_well")).fill_null(False).sum().alias("closer"),
        pl.col("progression").fill_null(False).sum().alias("progression")).collect().row(0)
    table = (gains.filter(pl.col("gain").is_not_null()).group_by("parameter")
             .agg(pl.len(), (pl.col("gain") > 0).sum(), (pl.col("gain") == 0).sum().alias("u"),
                  (pl.col("gain") < 0).sum().alias("w"), pl.col("gain").mean().alias("m"))
             .collect().rows())
    params = {r[0]: (r[1], r[2], r[3], r[4], round(r[5], 9)) for r in table}
    return {"present": totals[0], "goals": {"closer": totals[1], "progression": totals[2]},
            "parameters": params}


def best_of(repeat: int, run):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_rss_mib(command: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, peak RSS (MiB) and stdout of one run of `command`."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, check=True)
    wall = time.perf_counter() - start
    return wall, int(done.stderr.decode().strip().splitlines()[-1]) / 1024, done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", default=str(HERE.parents[1] / "target/release/stegvis"))
    parser.add_argument("--check-only", action="store_true",
                        help="one run each, compare the figures, print no times")
    args = parser.parse_args()
    repeat = 1 if args.check_only else args.repeat
    files = {name: args.data / f"{name}.csv" for name in ("participants", "assessments")}
    programme = stegvis.Programme.from_toml(PROGRAMME.read_text(encoding="utf-8"))

    read_time, (participants, assessments) = best_of(repeat, lambda: (
        pacsv.read_csv(files["participants"]), pacsv.read_csv(files["assessments"])))
    rows = assessments.num_rows
    runs: list[tuple[str, float, dict]] = []

    def stegvis_from(p, a):
        return figures_of_report(stegvis.evaluate(programme, p, a, as_of=AS_OF).to_dict())

    t, figs = best_of(repeat, lambda: stegvis_from(participants, assessments))
    runs.append((PYARROW, t, figs))
    pandas = (participants.to_pandas(), assessments.to_pandas())
    t, figs = best_of(repeat, lambda: stegvis_from(*pandas))
    runs.append(("stegvis.evaluate, pandas frames (to_pandas)", t, figs))
    read = (pd.read_csv(files["participants"]), pd.read_csv(files["assessments"]))
    t, figs = best_of(repeat, lambda: stegvis_from(*read))
    runs.append(("stegvis.evaluate, pandas frames (read_csv)", t, figs))
    frames = (pl.from_arrow(participants), pl.from_arrow(assessments))
    t, figs = best_of(repeat, lambda: stegvis_from(*frames))
    runs.append(("stegvis.evaluate, polars frames", t, figs))
    t, figs = best_of(repeat, lambda: duckdb_figures(participants, assessments))
    runs.append((DUCKDB, t, figs))
    t, figs = best_of(repeat, lambda: polars_figures(frames[0].lazy(), frames[1].lazy()))
    runs.append((POLARS, t, figs))

    def polars_from_csv():
        return polars_figures(pl.scan_csv(files["participants"], try_parse_dates=True),
                              pl.scan_csv(files["assessments"], try_parse_dates=True,
                                          schema_overrides={"participant_id": pl.String, "level": pl.String}))

    t, figs = best_of(repeat, polars_from_csv)
    runs.append((POLARS_CSV, t, figs))
    command = [args.cli, "report", "--programme", str(PROGRAMME), "--participants",
               str(files["participants"]), "--assessments", str(files["assessments"]),
               "--as-of", AS_OF, "--format", "json"]
    cli = [peak_rss_mib(command) for _ in range(repeat)]
    wall, rss, out = min(cli)
    runs.append((f"stegvis CLI, CSV files → JSON (peak {rss:.0f} MiB)", wall,
                 figures_of_report(json.loads(out))))

    reference = runs[0][2]
    wrong = [name for name, _, figs in runs if figs != reference]
    for name, _, figs in runs:
        if figs != reference:
            print(f"DIFFERENT: {name}: {figs}\n  stegvis: {reference}", file=sys.stderr)
    size = sum(f.stat().st_size for f in files.values()) / 2**20
    print(f"{participants.num_rows:,} participants, {rows:,} assessments, CSV {size:.0f} MiB; "
          f"figures equal: {'yes' if not wrong else 'NO'}")
    if not args.check_only:
        print(f"(pyarrow.csv.read_csv of both files: {read_time:.2f} s, not counted below)")
        print(f"{'what':<52} {'s':>7}")
        for name, t, _ in runs:
            print(f"{name:<52} {t:7.3f}")
        time_of = {name: t for name, t, _ in runs}
        memory = min(time_of[DUCKDB], time_of[POLARS])
        print(f"stegvis from pyarrow vs the best peer in memory: {memory / time_of[PYARROW]:.1f}×")
        print(f"stegvis CLI vs polars from CSV: {time_of[POLARS_CSV] / wall:.1f}×")
    print(json.dumps(reference, ensure_ascii=False))
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
