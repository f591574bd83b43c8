#!/usr/bin/env python3
"""How the CLI's cost grows with the input (benches/peers/README.md#scale).

    python benches/peers/scale.py WORK_DIR [--sizes 10000,100000,...] [--cli PATH]

For each size, generates data with benches/peers/generate.py into
WORK_DIR/<size>/ (kept for the next run), runs `stegvis report --format
json` and `stegvis validate` on it three times, and prints the best wall
time, participants and assessment rows per second, and peak memory
against the CSV files' size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMME = HERE / "programme.toml"
SIZES = [10_000, 100_000, 1_000_000, 10_000_000]


def run(command: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start, int(done.stderr.decode().strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--cli", default=str(HERE.parents[1] / "target/release/stegvis"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'participants':>12} {'rows':>12} {'CSV MiB':>8} {'command':<8} {'s':>7} "
          f"{'participants/s':>15} {'rows/s':>12} {'peak MiB':>9} {'peak/CSV':>8}")
    for size in map(int, args.sizes.split(",")):
        data = args.work / str(size)
        if not (data / "assessments.csv").exists():
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(size), str(data)], check=True)
        files = [data / "participants.csv", data / "assessments.csv"]
        csv = sum(f.stat().st_size for f in files) / 2**20
        with open(files[1], "rb") as f:
            rows = sum(1 for _ in f) - 1
        for verb in ("report", "validate"):
            command = [args.cli, verb, "--programme", str(PROGRAMME), "--participants", str(files[0]),
                       "--assessments", str(files[1]), "--as-of", "2023-01-31"]
            if verb == "report":
                command += ["--format", "json"]
            wall, peak = min(run(command) for _ in range(args.repeat))
            print(f"{size:>12,} {rows:>12,} {csv:>8.0f} {verb:<8} {wall:>7.3f} {size / wall:>15,.0f} "
                  f"{rows / wall:>12,.0f} {peak:>9.0f} {peak / csv:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
