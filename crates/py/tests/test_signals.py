"""Ctrl-C during `stegvis.evaluate` (`docs/python.md#interrupts`, decision 73):
for every input form, a SIGINT sent from another thread while a large
evaluation runs raises `KeyboardInterrupt` promptly, every time, and is
never swallowed. The latencies (signal to exception) are printed; run with
``-s`` to see them.

These tests take a few seconds in all (the tables are built with numpy and
pyarrow once per module) and are part of the default run; the marker
``signals`` selects or deselects them (``-m "not signals"``)."""

from __future__ import annotations

import datetime
import os
import signal
import statistics
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest

import stegvis
from conftest import NORDOST

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")

pytestmark = pytest.mark.signals

# Participants in the Arrow, pandas, polars and CSV tables (2 assessments
# each), and in the list of dicts, which is read far more slowly.
N = 1_000_000
N_RECORDS = 150_000
# When the signal is sent, as a fraction of how long the call takes on this
# machine: early (while the first table is read or converted), in the
# middle, late.
FRACTIONS = (0.1, 0.45, 0.8)
# Generous for a loaded 2-core machine: the hook checks every 50 ms.
BOUND = 1.0
AS_OF = "2022-06-30"
START = np.datetime64("2021-02-01", "D")

LATENCIES: Dict[str, List[float]] = {}


def arrow_tables(n: int) -> Tuple[Any, Any]:
    rng = np.random.default_rng(73)
    ids = pc.binary_join_element_wise("P", pa.array(np.char.zfill(np.arange(n).astype(str), 7)), "")
    entry = rng.integers(0, 480, n)
    participants = pa.table({
        "id": ids,
        "gender": pa.array(np.array(["K", "M"], dtype=object)[rng.integers(0, 2, n)]),
        "entry_date": pa.array((START + entry.astype("timedelta64[D]")).astype("datetime64[D]"), pa.date32()),
    })
    person = np.repeat(np.arange(n), 2)
    day = entry[person] + np.tile([0, 90], n)
    assessments = pa.table({
        "participant_id": pc.take(ids, pa.array(person)),
        "date": pa.array((START + day.astype("timedelta64[D]")).astype("datetime64[D]"), pa.date32()),
        "parameter": pa.array(np.full(2 * n, "step", dtype=object)),
        "level": pa.array(rng.integers(1, 7, 2 * n)),
    })
    return participants, assessments


class CStream:
    """Only the Arrow PyCapsule stream interface, as any Arrow library
    offers it."""

    def __init__(self, table: Any) -> None:
        self._table = table

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._table.__arrow_c_stream__(requested_schema)


@pytest.fixture(scope="module")
def programme() -> stegvis.Programme:
    return stegvis.Programme.from_toml(NORDOST / "programme.toml")


@pytest.fixture(scope="module")
def tables() -> Tuple[Any, Any]:
    return arrow_tables(N)


@pytest.fixture(scope="module")
def csv_paths(tables: Tuple[Any, Any], tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, Path]:
    csv = pytest.importorskip("pyarrow.csv")
    directory = tmp_path_factory.mktemp("signals")
    paths = (directory / "participants.csv", directory / "assessments.csv")
    for table, path in zip(tables, paths):
        csv.write_csv(table, path)
    return paths


def forms(tables: Tuple[Any, Any], csv_paths: Tuple[Path, Path]) -> Dict[str, Callable[[], Tuple[Any, Any]]]:
    """Each input form, made fresh for every run (a reader is read once)."""
    participants, assessments = tables

    def records() -> Tuple[Any, Any]:
        return (participants.slice(0, N_RECORDS).to_pylist(), assessments.slice(0, 2 * N_RECORDS).to_pylist())

    def pandas() -> Tuple[Any, Any]:
        pytest.importorskip("pandas")
        return participants.to_pandas(), assessments.to_pandas()

    def polars() -> Tuple[Any, Any]:
        pl = pytest.importorskip("polars")
        return pl.from_arrow(participants), pl.from_arrow(assessments)

    def reader(table: Any) -> Any:
        return pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=65_536))

    return {
        "records": records,
        "pandas": pandas,
        "polars": polars,
        "pyarrow_table": lambda: (participants, assessments),
        "pyarrow_reader": lambda: (reader(participants), reader(assessments)),
        "arrow_c_stream": lambda: (CStream(participants), CStream(assessments)),
        "csv_path": lambda: (str(csv_paths[0]), csv_paths[1]),
    }


@pytest.fixture(autouse=True)
def default_sigint() -> Iterator[None]:
    """Python's own SIGINT handler, which raises KeyboardInterrupt."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def interrupt_after(delay: float, run: Callable[[], Any]) -> Optional[float]:
    """Runs `run`, sending SIGINT to this process `delay` seconds after it
    starts; returns the seconds from the signal to the KeyboardInterrupt,
    or None when `run` finished before the signal was sent."""
    sent: List[float] = []

    def send() -> None:
        sent.append(time.perf_counter())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(delay, send)
    timer.start()
    try:
        run()
    except KeyboardInterrupt:
        caught = time.perf_counter()
    else:
        finished = time.perf_counter()
        # Returned normally: either the signal had not come yet (the data is
        # too small for the delay) or it was swallowed. Let it arrive here.
        try:
            timer.join()
            time.sleep(0.2)
        except KeyboardInterrupt:
            if sent and sent[0] >= finished:
                return None
            pytest.fail("evaluate returned normally after the signal: the interrupt was swallowed")
        pytest.fail("evaluate returned normally: the interrupt was swallowed")
    finally:
        timer.join()
    assert sent, "KeyboardInterrupt before the signal was sent"
    return caught - sent[0]


FORMS = ["records", "pandas", "polars", "pyarrow_table", "pyarrow_reader", "arrow_c_stream", "csv_path"]


@pytest.mark.parametrize("form", FORMS)
def test_ctrl_c_raises_keyboard_interrupt_promptly(
    form: str, programme: stegvis.Programme, tables: Tuple[Any, Any], csv_paths: Tuple[Path, Path]
) -> None:
    make = forms(tables, csv_paths)[form]
    # The signal lands early, midway and late in the call, as measured on
    # this machine (a faster one must not make the call end first).
    participants, assessments = make()
    started = time.perf_counter()
    stegvis.evaluate(programme, participants, assessments, as_of=AS_OF)
    took = time.perf_counter() - started
    latencies = []
    for fraction in FRACTIONS:
        for attempt in range(3):
            participants, assessments = make()
            # A retry sends the signal sooner, should the call end first.
            delay = took * fraction / (attempt + 1)
            latency = interrupt_after(
                delay, lambda: stegvis.evaluate(programme, participants, assessments, as_of=AS_OF)
            )
            if latency is not None:
                break
        assert latency is not None, f"{form}: the call always ended before the signal ({took:.2f} s)"
        latencies.append(latency)
    LATENCIES[form] = latencies
    print(f"\n{form}: SIGINT to KeyboardInterrupt " + ", ".join(f"{1000 * s:.0f} ms" for s in latencies))
    assert max(latencies) < BOUND, f"{form}: {latencies}"
    # The binding is usable afterwards.
    report = stegvis.evaluate(programme, tables[0].slice(0, 10), tables[1].slice(0, 20), as_of=AS_OF)
    assert report.enrolment["enrolled"] == 10


def test_a_sigint_handler_of_ones_own_is_raised_as_it_is(programme: stegvis.Programme, tables: Tuple[Any, Any]) -> None:
    class Stop(Exception):
        pass

    def handler(signum: int, frame: Any) -> None:
        raise Stop("stop")

    signal.signal(signal.SIGINT, handler)
    participants, assessments = tables
    timer = threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(Stop):
            stegvis.evaluate(programme, participants, assessments, as_of=AS_OF)
    finally:
        timer.join()


def test_without_a_signal_the_hook_changes_nothing(programme: stegvis.Programme, tables: Tuple[Any, Any]) -> None:
    participants, assessments = tables
    n = 50_000
    report = stegvis.evaluate(programme, participants.slice(0, n), assessments.slice(0, 2 * n), as_of=AS_OF)
    records = stegvis.evaluate(
        programme, participants.slice(0, n).to_pylist(), assessments.slice(0, 2 * n).to_pylist(), as_of=AS_OF
    )
    assert report.enrolment["enrolled"] == n
    assert report.to_dict() == records.to_dict()


def test_zz_latency_summary() -> None:
    """Prints every form's latencies together (for the record)."""
    if LATENCIES:
        every = [s for values in LATENCIES.values() for s in values]
        print(f"\nlatency over {len(every)} interrupts: median {1000 * statistics.median(every):.0f} ms, "
              f"max {1000 * max(every):.0f} ms")


# A Ctrl-C can land in the user's own Python code that the binding calls
# while it reads a table (a custom Mapping, a value's `__index__`, a
# datetime's `date()`) or in a C-API call that runs signal handlers. There
# `KeyboardInterrupt` must be raised as it is: never taken for an
# unreadable cell (a coded error), never dropped (a normal return).

class InterruptedMapping(Mapping):  # type: ignore[type-arg]
    def __init__(self, record: Dict[str, Any], where: str) -> None:
        self._record, self._where = record, where

    def __getitem__(self, key: str) -> Any:
        if self._where == "getitem":
            raise KeyboardInterrupt
        return self._record[key]

    def __contains__(self, key: object) -> bool:
        if self._where == "contains":
            raise KeyboardInterrupt
        return key in self._record

    def __iter__(self) -> Iterator[str]:
        return iter(self._record)

    def __len__(self) -> int:
        return len(self._record)


class InterruptedIndex:
    def __index__(self) -> int:
        raise KeyboardInterrupt


class InterruptedDatetime(datetime.datetime):
    def date(self) -> datetime.date:
        raise KeyboardInterrupt


class InterruptedPath:
    def __fspath__(self) -> str:
        return str(NORDOST / "programme.toml")

    def __str__(self) -> str:
        raise KeyboardInterrupt


PARTICIPANT = {"id": "a", "gender": "K", "entry_date": "2021-03-01"}
ASSESSMENT = {"participant_id": "a", "date": "2021-03-02", "parameter": "step", "level": 2}


@pytest.mark.parametrize("participants, assessments", [
    ([InterruptedMapping(PARTICIPANT, "getitem")], []),
    ([InterruptedMapping(PARTICIPANT, "contains")], []),
    ([PARTICIPANT], [{**ASSESSMENT, "level": InterruptedIndex()}]),
    ([{**PARTICIPANT, "entry_date": InterruptedDatetime(2021, 3, 1)}], []),
], ids=["mapping_getitem", "mapping_contains", "cell_index", "cell_datetime_date"])
def test_an_interrupt_in_user_code_is_raised_as_it_is(
    programme: stegvis.Programme, participants: List[Any], assessments: List[Any]
) -> None:
    with pytest.raises(KeyboardInterrupt):
        stegvis.evaluate(programme, participants, assessments, as_of=AS_OF)
    # Without the interrupt the same records are read.
    report = stegvis.evaluate(programme, [PARTICIPANT], [ASSESSMENT], as_of=AS_OF)
    assert report.enrolment["enrolled"] == 1


def test_an_interrupt_while_the_programme_path_is_read_is_raised_as_it_is() -> None:
    with pytest.raises(KeyboardInterrupt):
        stegvis.evaluate(InterruptedPath(), [PARTICIPANT], [], as_of=AS_OF)
