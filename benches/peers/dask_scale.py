#!/usr/bin/env python3
"""One process against a Dask cluster on this machine (issue 11,
docs/partials.md#dask), on data from generate.py:

    python benches/peers/generate.py 1000000 /tmp/peers-1m
    python benches/peers/dask_scale.py /tmp/peers-1m [--workers 2]

(a) stegvis.evaluate in one process on pyarrow tables read with
    pyarrow.csv.read_csv (every column as text: the core reads the text);
(b) stegvis.dask.evaluate on a distributed.LocalCluster of worker processes
    (one thread each) on frames read with dask.dataframe.read_csv (pyarrow
    strings).

Each runs in a process of its own, so that its peak memory is its own; (b)'s
peak is the client's plus every worker's (the workers' peaks are taken at
once after the run, a bound above what was resident at any one time). The
two reports must be equal, data-quality rows aside (a partial lists none).
Prints the wall time of reading and evaluating, and the peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROGRAMME = HERE / "programme.toml"
AS_OF = "2023-01-31"


def peak_mib() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figures(report: Any) -> dict[str, Any]:
    """The report as JSON with data-quality rows emptied."""
    data = json.loads(report.to_json())
    for issue in data["data_quality"]:
        issue["rows"] = []
    return data


def one_process(data: Path) -> dict[str, Any]:
    import pyarrow.csv as pacsv

    import stegvis

    started = time.perf_counter()
    tables = []
    for name in ("participants", "assessments"):
        path = data / f"{name}.csv"
        header = path.open(encoding="utf-8").readline().strip().split(",")
        text = pacsv.ConvertOptions(column_types={c: "string" for c in header})
        tables.append(pacsv.read_csv(path, convert_options=text))
    read = time.perf_counter() - started
    report = stegvis.evaluate(PROGRAMME, *tables, as_of=AS_OF)
    total = time.perf_counter() - started
    return {"read_s": read, "total_s": total, "peak_mib": peak_mib(), "report": figures(report)}


def on_dask(data: Path, workers: int) -> dict[str, Any]:
    import dask
    import dask.dataframe as dd
    import distributed

    import stegvis
    import stegvis.dask

    dask.config.set({"dataframe.convert-string": True})
    with distributed.LocalCluster(
        n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        started = time.perf_counter()
        participants = dd.read_csv(data / "participants.csv", dtype=str, blocksize="64MiB")
        assessments = dd.read_csv(data / "assessments.csv", dtype=str, blocksize="64MiB")
        # One task thread per worker: stegvis reads and counts on one thread.
        report = stegvis.dask.evaluate(PROGRAMME, participants, assessments, as_of=AS_OF, threads=1)
        total = time.perf_counter() - started
        worker_peaks = client.run(peak_mib)
    return {
        "read_s": None,
        "total_s": total,
        "npartitions": assessments.npartitions,
        "peak_mib": peak_mib() + sum(worker_peaks.values()),
        "worker_peak_mib": sorted(worker_peaks.values()),
        "report": figures(report),
    }


def run_child(mode: str, data: Path, workers: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, __file__, str(data), "--workers", str(workers), "--child", mode, "--out", out.name],
            check=True,
        )
        return json.loads(Path(out.name).read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", choices=("one", "dask"))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.child:
        result = one_process(args.data) if args.child == "one" else on_dask(args.data, args.workers)
        args.out.write_text(json.dumps(result), encoding="utf-8")
        return
    one = run_child("one", args.data, args.workers)
    cluster = run_child("dask", args.data, args.workers)
    enrolled = one["report"]["enrolment"]["enrolled"]
    same = one.pop("report") == cluster.pop("report")
    print(f"data: {args.data}  ({enrolled} participants enrolled at as-of)")
    print(
        f"one process:  {one['total_s']:7.1f} s (reading {one['read_s']:.1f} s)"
        f"  peak {one['peak_mib'] / 1024:5.2f} GiB"
    )
    print(
        f"dask, {args.workers} workers: {cluster['total_s']:7.1f} s ({cluster['npartitions']} partitions)"
        f"  peak {cluster['peak_mib'] / 1024:5.2f} GiB"
        f" (workers {', '.join(f'{w / 1024:.2f}' for w in cluster['worker_peak_mib'])} GiB)"
    )
    print("figures equal" if same else "FIGURES DIFFER")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
