#!/usr/bin/env python3
"""The regional example two ways (docs/partials.md#dask): each project
counts its own participants as a partial and the region combines them; and
the same rows, read as Dask data frames, reported on a local cluster. Both
give the one report of the region, which is printed suppressed.

    pip install "dask[dataframe]" distributed
    python examples/region/dask_recipe.py
"""

from __future__ import annotations

from pathlib import Path

import dask.dataframe as dd
import distributed

import stegvis
import stegvis.dask

HERE = Path(__file__).resolve().parent
PROGRAMME = HERE.parent / "nordost" / "programme.toml"
PROJECTS = ("centrum", "norr", "vaster-oster")
TABLES = ("participants", "assessments", "follow_ups")
AS_OF = "2023-01-31"


def by_project() -> stegvis.Report:
    """Each project's partial — counts only, no id, date of a person or row
    number — is all that leaves it; the region adds them up."""
    partials = [
        stegvis.partial(PROGRAMME, *(HERE / project / f"{t}.csv" for t in TABLES), as_of=AS_OF)
        for project in PROJECTS
    ]
    return stegvis.combine(partials).report()


def on_dask() -> stegvis.Report:
    """Every project's rows as one Dask frame per table, in partitions that
    do not follow participants: stegvis.dask splits them by participant."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster, distributed.Client(cluster):
        frames = [dd.read_csv(str(HERE / "*" / f"{t}.csv"), dtype=str, blocksize="4KiB") for t in TABLES]
        return stegvis.dask.evaluate(PROGRAMME, *frames, as_of=AS_OF, npartitions=4)


def main() -> None:
    region, cluster = by_project(), on_dask()
    assert region.to_json() == cluster.to_json(), "the two ways must give one report"
    print(cluster.suppress(5).to_text())


if __name__ == "__main__":
    main()
