"""Type stubs of the extension module ``stegvis._core`` (re-exported by ``stegvis``)."""

import datetime
import os
from collections.abc import Iterable
from typing import Any, ClassVar, Literal, Optional, Union, final

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
    "evaluate",
    "newcombe_difference",
    "partial",
    "partition_of",
    "partitions",
    "wilson_interval",
]

__version__: str

_Backend = Literal["pandas", "polars"]
"""Where data frames are built."""

_DateLike = Union[datetime.date, str]
"""A ``datetime.date`` (a datetime's date part) or an ISO 8601 date string."""

_Every = Literal["quarter", "half-year", "year", "none"]
"""A trend at each calendar period end from the programme's start, or none
(docs/method.md#trend)."""

_Encoding = Literal["auto", "utf-8", "windows-1252", "utf-16le", "utf-16be"]
"""The character encoding of tables given as CSV paths (any case; see
docs/data.md#encodings)."""

_Table = Any
"""A pandas or polars DataFrame, a pyarrow Table or RecordBatchReader, any
object with ``__arrow_c_stream__`` / ``__arrow_c_array__``, a list of dicts,
or a path (``str`` / ``os.PathLike``) to a CSV file."""

class StegvisError(ValueError):
    """Base of every error stegvis raises."""

    code: str
    """A stable snake_case code, e.g. ``invalid_date``."""

class ProgrammeError(StegvisError):
    """An invalid programme definition."""

    path: str
    """Where, e.g. ``goals[1].criterion.any[0]``; empty for the whole text."""

class DataError(StegvisError):
    """An invalid input table, or in strict mode a data-quality issue."""

    table: Optional[str]
    """``participants``, ``assessments`` or ``follow_ups``."""
    row: Optional[int]
    """1-based with the header as row 1; record i (from 0) is row i + 2."""
    column: Optional[str]
    """The column to blame, if one is."""
    file: Optional[str]
    """The CSV or .xlsx file, when the table was read from one."""
    sheet: Optional[str]
    """The worksheet, when the table was read from an .xlsx workbook."""

class PartialError(StegvisError):
    """A partial report that cannot be read or combined (`docs/partials.md#errors`): ``code`` is
    ``invalid_partial``, ``unsupported_partial_version``, ``partial_programme_differs``,
    ``partial_as_of_differs``, ``partial_settings_differ``, ``no_partials`` or ``partial_too_large``."""

@final
class Programme:
    """A validated programme definition."""

    __hash__: ClassVar[None]  # type: ignore[assignment]
    @staticmethod
    def from_toml(text_or_path: Union[str, os.PathLike[str]]) -> Programme: ...
    @staticmethod
    def from_json(text_or_path: Union[str, os.PathLike[str]]) -> Programme: ...
    @staticmethod
    def from_dict(definition: dict[str, Any]) -> Programme: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def parameter_ids(self) -> list[str]: ...
    @property
    def goal_ids(self) -> list[str]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Report:
    """What a programme has achieved as of a date (`docs/report.md#keys`)."""

    @property
    def programme(self) -> dict[str, str]: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def enrolment(self) -> dict[str, Any]:
        """``enrolled`` against ``planned``, the gender split under ``by_gender``, and under ``reentry``
        the programme's re-entry rule (``policy``: ``once``, ``per_episode`` or ``error``) with the
        ``participants`` (persons), ``episodes``, ``reentrants`` and ``reentries`` begun by as-of
        (`docs/report.md#reentry`)."""
    @property
    def goals(self) -> list[dict[str, Any]]: ...
    @property
    def parameters(self) -> list[dict[str, Any]]: ...
    @property
    def exits(self) -> dict[str, Any]:
        """``exited`` and ``by_outcome``, and the same per gender under ``by_gender`` (`docs/method.md#exits-by-gender`)."""
    @property
    def follow_ups(self) -> list[dict[str, Any]]:
        """Per horizon: ``due``, ``reached``, ``not_reached``, ``response_rate``, ``early``, statuses and
        assistance among the reached and among the due, and the same per gender under ``by_gender``
        (`docs/method.md#follow-up-accounting`)."""
    @property
    def data_quality(self) -> list[dict[str, Any]]: ...
    @property
    def breakdowns(self) -> list[dict[str, Any]]: ...
    @property
    def assistance(self) -> dict[str, Any]:
        """Assistance before and after: ``recorded_at_entry``, ``on_assistance_at_entry`` and ``steps``
        (at exit, then each follow-up horizon) with ``population``, ``recorded``, ``not_on_assistance``,
        ``share``, ``ci`` and ``by_gender`` (`docs/method.md#assistance-before-after`)."""
    @property
    def esf(self) -> Optional[dict[str, Any]]:
        """The ESF+ indicators with ``profile="esf"``, else None (`docs/esf.md#indicators`)."""
    @property
    def comparison(self) -> Optional[dict[str, Any]]: ...
    @property
    def trend(self) -> list[dict[str, Any]]:
        """Per trend date, ascending: ``as_of``, ``enrolled``, ``by_gender`` and ``goals``
        (`docs/report.md#trend`); ``[]`` without a trend."""
    @property
    def status_on(self) -> Optional[dict[str, Any]]:
        """The status on a calendar date with ``status_on=`` or the programme's ``status_on``, else
        None: ``date``, ``tolerance_days``, ``exited``, ``with_follow_up``, ``no_follow_up``,
        ``by_status`` and its shares, ``on_assistance``, ``not_on_assistance``,
        ``assistance_not_recorded``, the shares not on assistance with ``ci`` and ``ci_of_exited``,
        and ``by_gender`` (`docs/report.md#status-on`)."""
    @property
    def min_cell(self) -> Optional[int]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def to_text(self, *, language: Literal["en", "sv"] = "en") -> str: ...
    def to_csv(self, *, language: Literal["en", "sv"] = "en") -> str: ...
    def suppress(self, min_cell: int = 5) -> Report: ...
    def explain(self, participant_id: Union[str, int]) -> Optional[dict[str, Any]]:
        """Why one participant counts as they do for every goal: ``participant_id``, ``gender``,
        ``reentry`` (the rule), ``episodes`` (each ``{entry_date, exit_date, exit_outcome}`` begun by
        as-of, in entry order), ``episode`` (under ``per_episode`` which one is explained, from 1: the
        last begun; else ``None``) and ``goals`` (`docs/method.md#explanations`). ``None`` for an
        unknown id or one who entered after as-of."""
    def goals_frame(self, *, backend: _Backend = "pandas", by_gender: bool = False) -> Any: ...
    def gender_frame(self, *, backend: _Backend = "pandas") -> Any: ...
    def parameters_frame(self, *, backend: _Backend = "pandas") -> Any: ...
    def participants_frame(self, *, backend: _Backend = "pandas") -> Any: ...
    def breakdown_frame(self, name: str, *, backend: _Backend = "pandas") -> Any: ...
    def trend_frame(self, *, backend: _Backend = "pandas") -> Any: ...
    def tidy_frame(self, *, backend: _Backend = "pandas") -> Any: ...
    def to_html(self, *, language: Literal["en", "sv"] = "en") -> str:
        """The report as one self-contained, printable HTML document (`docs/report.md#printable-report`):
        every section of :meth:`to_text`, the charts as inline SVG, the method, a glossary and what a
        publishable copy hid; inline CSS with A4 print rules, no script and nothing loaded."""
    def to_xlsx(self, *, language: Literal["en", "sv"] = "en") -> bytes: ...
    def to_excel(self, path: Union[str, os.PathLike[str]], *, language: Literal["en", "sv"] = "en") -> None: ...
    def chart(
        self, kind: Literal["goals", "goals_by_gender", "gender"] = "goals", *, language: Literal["en", "sv"] = "en"
    ) -> dict[str, Any]: ...
    def plot(
        self,
        kind: Literal["goals", "goals_by_gender", "gender"] = "goals",
        *,
        language: Literal["en", "sv"] = "en",
        ax: Any = None,
    ) -> Any: ...
    def _repr_html_(self) -> str:
        """The document's body with its CSS scoped to it (English), as Jupyter shows it."""
    def __str__(self) -> str: ...

def evaluate(
    programme: Union[Programme, dict[str, Any], str, os.PathLike[str]],
    participants: Optional[_Table] = None,
    assessments: Optional[_Table] = None,
    /,
    follow_ups: Optional[_Table] = None,
    *,
    as_of: Union[_DateLike, list[_DateLike], tuple[_DateLike, ...], None] = None,
    strict: bool = False,
    encoding: _Encoding = "auto",
    profile: Optional[Literal["esf"]] = None,
    comparison: Optional[dict[str, _Table]] = None,
    every: Optional[_Every] = None,
    status_on: Optional[_DateLike] = None,
    status_tolerance_days: Optional[int] = None,
    workbook: Union[str, os.PathLike[str], None] = None,
    threads: Optional[int] = None,
) -> Report: ...
@final
class Partial:
    """The counts of one set of participants, to be combined with those of other, disjoint sets and
    reported together (`docs/partials.md#contents`). Holds no id, no date of a person and no row
    number; pickles as its JSON."""

    __hash__: ClassVar[None]  # type: ignore[assignment]
    def report(self) -> Report:
        """The report of the counted participants, as :func:`evaluate` gives it, except that
        data-quality issues list no rows and it explains no participant (`docs/partials.md#report`)."""
    def to_json(self) -> str:
        """The partial as JSON text (`docs/partials.md#format`)."""
    @classmethod
    def from_json(cls, text: str) -> Partial:
        """Reads a partial written by :meth:`to_json`, checked (`docs/partials.md#checks`)."""
    @property
    def participants(self) -> int:
        """How many participants (episodes under ``per_episode``) present at as-of are counted."""
    @property
    def as_of(self) -> datetime.date:
        """The report's date."""
    @property
    def programme(self) -> Programme:
        """The programme the counts are of."""
    def __add__(self, other: Partial, /) -> Partial:
        """The counts of both partials' participants, which must be disjoint sets
        (`docs/partials.md#combining`)."""
    def __radd__(self, other: Partial, /) -> Partial: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

def partial(
    programme: Union[Programme, dict[str, Any], str, os.PathLike[str]],
    participants: Optional[_Table] = None,
    assessments: Optional[_Table] = None,
    /,
    follow_ups: Optional[_Table] = None,
    *,
    as_of: Union[_DateLike, list[_DateLike], tuple[_DateLike, ...], None] = None,
    strict: bool = False,
    encoding: _Encoding = "auto",
    profile: Optional[Literal["esf"]] = None,
    every: Optional[_Every] = None,
    status_on: Optional[_DateLike] = None,
    status_tolerance_days: Optional[int] = None,
    workbook: Union[str, os.PathLike[str], None] = None,
    threads: Optional[int] = None,
) -> Partial:
    """The counts of a programme's participants as a :class:`Partial`, taking the tables and options
    of :func:`evaluate` except ``comparison`` (`docs/partials.md`)."""

def combine(partials: Iterable[Partial], /) -> Partial:
    """The sum of partials of disjoint sets of participants (`docs/partials.md#combining`); none is a
    :class:`PartialError` with code ``no_partials``."""

def partition_of(id: Union[str, int], partitions: int, /) -> int:
    """The partition (0 to ``partitions - 1``) of a participant id by 64-bit FNV-1a of the id as
    stegvis reads it (`docs/partials.md#partitioning`)."""

def partitions(ids: Any, partitions: int, /) -> Any:
    """The partition of every id of a pandas or polars Series, pyarrow Array or ChunkedArray, Arrow
    object or list, as a NumPy ``int64`` array (`docs/partials.md#partitioning`)."""

def wilson_interval(k: int, n: int, /, confidence: float) -> Optional[tuple[float, float]]: ...
def newcombe_difference(
    k1: int, n1: int, k2: int, n2: int, /, confidence: float
) -> Optional[tuple[float, float, float]]: ...
