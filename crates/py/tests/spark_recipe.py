"""stegvis on PySpark (docs/partials.md#spark): the recipe, as code that
test_dask.py runs when PySpark and a JVM are there.

Every table's rows are tagged with their table and with their partition by
:func:`stegvis.partitions` (stegvis's own id rule, so " A1 " and "A1", or
17 and "17", land together), put in one frame, and hash-partitioned on that
partition: every row of a participant, whatever its table, is then in the
same Spark partition. ``mapInArrow`` counts a :class:`stegvis.Partial` per
Spark partition from its Arrow batches; the driver combines the partials'
JSON (a few kilobytes each) into the report.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional

import pyarrow as pa
import pyarrow.compute as pc

import stegvis

ID_COLUMNS = {"participants": "id", "assessments": "participant_id", "follow_ups": "participant_id"}
TABLE, PARTITION = "__stegvis_table__", "__stegvis_partition__"


def partitioned(id_column: str, partitions: int) -> Any:
    """A mapInArrow function adding each row's partition by its id."""

    def add(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            of = stegvis.partitions(batch.column(id_column), partitions)
            yield batch.append_column(PARTITION, pa.array(of))

    return add


def evaluate_on_spark(
    spark: Any,
    programme: Any,
    participants: Any,
    assessments: Any,
    follow_ups: Optional[Any] = None,
    *,
    partitions: int = 64,
    **options: Any,
) -> stegvis.Report:
    """The report of Spark DataFrames, equal to :func:`stegvis.evaluate` on
    the same rows except that data-quality issues list no rows."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    # The programme and date settled on the driver: every partial must
    # share them (docs/partials.md#combining).
    empty = stegvis.partial(programme, [], [], **options)
    options = {**options, "as_of": options.get("as_of") or empty.as_of}
    definition = empty.programme.to_json()

    given = {"participants": participants, "assessments": assessments, "follow_ups": follow_ups}
    columns: Dict[str, list[str]] = {}
    rows = None
    for table, frame in given.items():
        if frame is None:
            continue
        columns[table] = list(frame.columns)
        text = frame.select(*(F.col(c).cast("string") for c in frame.columns), F.lit(table).alias(TABLE))
        # A new schema: DataFrame.schema is cached, and StructType.add changes it in place.
        schema = T.StructType([*text.schema.fields, T.StructField(PARTITION, T.LongType())])
        tagged = text.mapInArrow(partitioned(ID_COLUMNS[table], partitions), schema)
        rows = tagged if rows is None else rows.unionByName(tagged, allowMissingColumns=True)
    assert rows is not None

    def count(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        held = list(batches)
        if not held:
            return
        everything = pa.Table.from_batches(held)
        tables = {
            table: everything.filter(pc.equal(everything[TABLE], table)).select(names)
            for table, names in columns.items()
        }
        partial = stegvis.partial(
            stegvis.Programme.from_json(definition),
            tables["participants"],
            tables["assessments"],
            tables.get("follow_ups"),
            **options,
        )
        yield pa.RecordBatch.from_pydict({"partial": [partial.to_json()]})

    counted = rows.repartition(partitions, PARTITION).mapInArrow(count, "partial string").collect()
    return stegvis.combine(stegvis.Partial.from_json(r["partial"]) for r in counted).report()
