"""Goal attainment for labour-market programmes, computed by the stegvis core.

Load a programme definition, hand over the three tables (participants,
assessments, follow-ups) in whatever form you hold them, and read the report:

>>> import stegvis
>>> programme = stegvis.Programme.from_toml("examples/nordost/programme.toml")
>>> report = stegvis.evaluate(
...     programme,
...     [{"id": "a", "gender": "kvinna", "entry_date": "2021-03-01",
...       "exit_date": "2022-02-01", "exit_outcome": "employment"}],
...     [],
...     as_of="2022-06-30",
... )
>>> [(g["id"], g["achieved"], g["status"]) for g in report.goals]
[('closer', 1, 'met'), ('progression', 0, 'not_met'), ('retention', 0, 'no_data'), ('newly_arrived', 0, 'no_data')]

Every number comes from the Rust core; this package only converts inputs and
outputs. Errors are :class:`StegvisError` (a ``ValueError``) with a stable
``code``: :class:`ProgrammeError` for definitions (with ``path``) and
:class:`DataError` for tables (with ``table``, ``row``, ``column``, ``file``),
:class:`PartialError` for partial reports.

Partial reports (`docs/partials.md`): :func:`partial` counts one set of
participants, :func:`combine` (or ``+``) adds the counts of disjoint sets,
and :meth:`Partial.report` reports them together; :func:`partition_of` and
:func:`partitions` split participants by id, and :mod:`stegvis.dask` runs
all of it on Dask data frames.
"""

from __future__ import annotations

from stegvis import stats
from stegvis._core import (
    DataError,
    Partial,
    PartialError,
    Programme,
    ProgrammeError,
    Report,
    StegvisError,
    __version__,
    combine,
    evaluate,
    partial,
    partition_of,
    partitions,
)

# After the names it uses: stegvis.dask imports Dask only when it runs.
from stegvis import dask  # noqa: E402

__all__ = [
    "DataError",
    "Partial",
    "PartialError",
    "Programme",
    "ProgrammeError",
    "Report",
    "StegvisError",
    "__version__",
    "combine",
    "dask",
    "evaluate",
    "partial",
    "partition_of",
    "partitions",
    "stats",
]
