"""stegvis on Dask data frames (`docs/partials.md#dask`).

The three tables are co-partitioned by participant id — every row of one
participant lands in the same partition of every table — a
:class:`stegvis.Partial` is counted per partition on the workers, and the
partials are combined into one, whose report equals what
:func:`stegvis.evaluate` gives on the whole tables in one process (except
that data-quality issues list no rows: `docs/partials.md#report`).

For example (as code, not run here)::

    import dask.dataframe as dd
    import stegvis.dask

    report = stegvis.dask.evaluate(
        "programme.toml",
        dd.read_csv("participants-*.csv", dtype=str),
        dd.read_csv("assessments-*.csv", dtype=str),
        as_of="2023-01-31",
    )

Dask is imported only when these functions run, so stegvis works without it.

**Id columns.** Each table's participant id is found under its canonical
name: ``id`` in participants, ``participant_id`` in assessments and
follow-ups. A table that names it otherwise (a Swedish name such as
``deltagar_id``, `docs/data.md#column-names`, which :func:`stegvis.evaluate`
also accepts) needs ``id_columns``: the names in participants, assessments,
follow-ups order.

**Errors.** The tables are read on the workers, a partition at a time, so
the row of a :class:`stegvis.DataError` counts within its partition, not
within the whole table; the code, table and column are those one process
gives.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Optional

import stegvis

# Dask and pandas are imported when the functions run (and typed as Any,
# so that type-checking stegvis needs neither).
DataFrame = Any

__all__ = ["ID_COLUMNS", "PARTITION_COLUMN", "co_partition", "evaluate", "partial"]

ID_COLUMNS: tuple[str, str, str] = ("id", "participant_id", "participant_id")
"""The id column of participants, assessments and follow-ups, by default."""

PARTITION_COLUMN = "__stegvis_partition__"
"""The column a table's partition by participant id is kept in while the
tables are co-partitioned (`docs/partials.md#partitioning`)."""

TABLES = ("participants", "assessments", "follow_ups")

# Options that make no sense here: a partial has no comparison section,
# and the tables are the data frames given.
NOT_TAKEN = ("comparison", "workbook")


def evaluate(
    programme: Any,
    participants: DataFrame,
    assessments: DataFrame,
    follow_ups: Optional[DataFrame] = None,
    *,
    npartitions: Optional[int] = None,
    id_columns: Sequence[str] = ID_COLUMNS,
    **options: Any,
) -> stegvis.Report:
    """The report of a programme on Dask data frames, equal to
    :func:`stegvis.evaluate` on the same tables in one process except that
    data-quality issues list no rows (`docs/partials.md#dask`).

    ``programme`` is what :func:`stegvis.evaluate` takes; ``options`` are
    its keywords (``as_of``, ``strict``, ``profile``, ``every``,
    ``status_on``, ``status_tolerance_days``, ``threads`` per worker task),
    without ``comparison`` or ``workbook``. ``npartitions`` (default: the
    most partitions any table has) is how many partitions the tables are
    co-partitioned into; ``id_columns`` names each table's id column
    (see the module's documentation). Runs on the current Dask scheduler
    (a ``distributed.Client`` when one is active).
    """
    return partial(
        programme,
        participants,
        assessments,
        follow_ups,
        npartitions=npartitions,
        id_columns=id_columns,
        **options,
    ).report()


def partial(
    programme: Any,
    participants: DataFrame,
    assessments: DataFrame,
    follow_ups: Optional[DataFrame] = None,
    *,
    npartitions: Optional[int] = None,
    id_columns: Sequence[str] = ID_COLUMNS,
    **options: Any,
) -> stegvis.Partial:
    """The combined :class:`stegvis.Partial` of the participants in the
    Dask data frames (`docs/partials.md#dask`). Arguments as :func:`evaluate`.

    Every input partition of every table is split on a worker into
    ``npartitions`` Arrow pieces by :func:`stegvis.partitions` of its ids;
    piece ``k`` of all of them holds every row of the same participants, so
    a partial is counted from the pieces ``k`` of the three tables, and the
    ``npartitions`` partials are combined. Only the pieces and the partials
    (a few kilobytes each) travel between workers.
    """
    dask = importlib.import_module("dask")
    for name in NOT_TAKEN:
        if name in options:
            raise _argument_error(f"stegvis.dask takes no {name}=")
    definition, options = _settled(programme, options)
    frames = [participants, assessments] + ([] if follow_ups is None else [follow_ups])
    if len(id_columns) < len(frames):
        raise _argument_error("id_columns names the id column of every table given")
    n = npartitions if npartitions is not None else max(f.npartitions for f in frames)
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise _argument_error("npartitions must be a whole number of at least 1")
    for frame, column, table in zip(frames, id_columns, TABLES):
        if column not in frame.columns:
            raise _missing_column(table, column)
    # Each input partition split into its n pieces by participant, piece k
    # of every table counted together: an Arrow shuffle in tasks, lighter
    # than a DataFrame shuffle (no index, no sort, no pandas round trip).
    pieces = [
        [dask.delayed(_split, nout=n)(part, column, n) for part in frame.to_delayed()]
        for frame, column in zip(frames, id_columns)
    ]
    counted = [
        dask.delayed(_count)(definition, options, *([split[k] for split in table] for table in pieces))
        for k in range(n)
    ]
    result: stegvis.Partial = dask.delayed(stegvis.combine)(counted).compute()
    return result


def co_partition(frame: DataFrame, id_column: str, npartitions: int, table: str) -> DataFrame:
    """``frame`` in ``npartitions`` partitions, partition ``k`` holding
    exactly the rows whose id :func:`stegvis.partition_of` puts in ``k``:
    so partition ``k`` of every table holds the same participants
    (`docs/partials.md#partitioning`), for work of one's own per
    participant, such as writing each partition's tables for
    :func:`stegvis.partial` elsewhere. The partition is the index. A
    DataFrame shuffle: :func:`partial` splits partitions itself, which is
    lighter. ``table`` names the table in the error for a missing id column.
    """
    if id_column not in frame.columns:
        raise _missing_column(table, id_column)
    partition = frame[id_column].map_partitions(
        _partition_column, npartitions, meta=(PARTITION_COLUMN, "int64")
    )
    keyed = frame.assign(**{PARTITION_COLUMN: partition})
    # Divisions 0, 1, …, n: partition k holds the key k and nothing else,
    # the same k in every table; a hash shuffle would not promise that.
    divisions = list(range(npartitions + 1))
    return keyed.set_index(PARTITION_COLUMN, divisions=divisions)


def _partition_column(ids: Any, npartitions: int) -> Any:
    """The partition of each id of one Dask partition (a pandas Series),
    as a Series."""
    pd = importlib.import_module("pandas")
    return pd.Series(stegvis.partitions(ids, npartitions), index=ids.index, name=PARTITION_COLUMN)


def _split(frame: Any, id_column: str, npartitions: int) -> tuple[Any, ...]:
    """One partition of a table (a pandas DataFrame) as ``npartitions``
    Arrow tables, piece ``k`` holding exactly the rows whose id
    :func:`stegvis.partition_of` puts in ``k`` (`docs/partials.md#partitioning`)."""
    pa = importlib.import_module("pyarrow")
    np = importlib.import_module("numpy")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    keys = stegvis.partitions(table.column(id_column), npartitions)
    # A stable sort keeps each piece's rows in their order in the table.
    order = np.argsort(keys, kind="stable")
    table = table.take(order)
    bounds = np.searchsorted(keys[order], np.arange(npartitions + 1))
    return tuple(table.slice(bounds[k], bounds[k + 1] - bounds[k]) for k in range(npartitions))


def _count(
    definition: str,
    options: dict[str, Any],
    participants: list[Any],
    assessments: list[Any],
    follow_ups: Optional[list[Any]] = None,
) -> stegvis.Partial:
    """The partial of one co-partition, on a worker, from its pieces
    (Arrow tables) of every input partition of each table."""
    pa = importlib.import_module("pyarrow")

    def whole(pieces: Optional[list[Any]]) -> Any:
        # Permissive: a piece whose column pandas left all-null may be typed null.
        return None if pieces is None else pa.concat_tables(pieces, promote_options="permissive")

    programme = stegvis.Programme.from_json(definition)
    return stegvis.partial(programme, whole(participants), whole(assessments), whole(follow_ups), **options)


def _settled(programme: Any, options: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The programme as JSON, for the workers, and the options with the
    as-of date fixed here: the default (today) could differ between
    workers, and partials of different dates do not combine. Counting no
    participant checks the programme and options before any work is sent.
    """
    empty = stegvis.partial(programme, [], [], **options)
    if options.get("as_of") is None:
        options = {**options, "as_of": empty.as_of}
    return empty.programme.to_json(), options


def _argument_error(message: str) -> stegvis.StegvisError:
    error = stegvis.StegvisError(f"{message} [invalid_argument]")
    error.code = "invalid_argument"
    return error


def _missing_column(table: str, column: str) -> stegvis.DataError:
    error = stegvis.DataError(
        f"{table} table, row 1, column {column}: the id column is missing; "
        f"name it in id_columns= [missing_column]"
    )
    error.code = "missing_column"
    error.table = table
    error.row = 1
    error.column = column
    return error
