//! Input tables and the [`Dataset`] they are read into.
//!
//! A [`DatasetBuilder`] takes rows one at a time — from CSV, from Rust values,
//! or from a binding's Arrow arrays or JS objects as [`Field`]s — checks each,
//! and stores them compactly: participants are interned to dense indices and
//! assessments and follow-ups are grouped per participant, so that the engine
//! can walk everything in one linear pass.

mod chunks;
mod csv;
mod decode;
mod episodes;
mod feed;
mod field;
pub(crate) mod groups;
mod ids;
mod interrupt;
pub(crate) mod issues;
mod pages;
mod records;
mod threads;
#[cfg(feature = "xlsx-read")]
mod xlsx;

// Ids and names are hashed once per row: foldhash is several times faster
// than SipHash, and these tables come from the user's own files.
use foldhash::HashMap;
use std::num::NonZeroUsize;

use chrono::NaiveDate;

pub use self::csv::{CsvFiles, table_of_csv};
pub use decode::{Encoding, MAX_ROW_BYTES, UnknownEncoding};
pub use feed::CsvFeed;
use field::IdBuffer;
pub use field::{Field, date, participant_id, whole_number};
pub(crate) use interrupt::Countdown;
pub use interrupt::{INTERRUPT_EVERY, Interrupt};
pub use records::{Cell, Records, record_row};
pub use threads::RowSink;
#[cfg(feature = "xlsx-read")]
pub use xlsx::{
    MAX_XLSX_BYTES, MAX_XLSX_PARTS, MAX_XLSX_UNPACKED, Workbook, guard as xlsx_guard, is_xlsx,
    is_xlsx_path,
};

use crate::error::{DataError, DataErrorKind};
use crate::model::{ExitOutcome, Gender, Level, Participant};
use crate::programme::Programme;
use crate::vocab::IssueKind;
use crate::vocab::Table;
use crate::vocab::{Education, LabourStatus};
use issues::IssueLog;

/// Column names of each table: required, then optional.
pub mod columns {
    /// Participants: required columns.
    pub const PARTICIPANTS: [&str; 3] = ["id", "gender", "entry_date"];
    /// Participants: optional columns.
    pub const PARTICIPANTS_OPTIONAL: [&str; 9] = [
        "birth_date",
        "exit_date",
        "exit_outcome",
        "tags",
        "labour_status",
        "education",
        "assistance_at_entry",
        "assistance_at_exit",
        "qualification",
    ];
    /// Assessments: required columns.
    pub const ASSESSMENTS: [&str; 4] = ["participant_id", "date", "parameter", "level"];
    /// Follow-ups: required columns.
    pub const FOLLOW_UPS: [&str; 3] = ["participant_id", "date", "status"];
    /// Follow-ups: optional columns.
    pub const FOLLOW_UPS_OPTIONAL: [&str; 1] = ["receives_assistance"];

    use crate::vocab::Table;

    /// Required, then optional columns of a table: the order of the cells
    /// [`DatasetBuilder::add_cells`](super::DatasetBuilder::add_cells) takes.
    pub fn of(table: Table) -> (&'static [&'static str], &'static [&'static str]) {
        match table {
            Table::Participants => (&PARTICIPANTS, &PARTICIPANTS_OPTIONAL),
            Table::Assessments => (&ASSESSMENTS, &[]),
            Table::FollowUps => (&FOLLOW_UPS, &FOLLOW_UPS_OPTIONAL),
        }
    }

    pub use crate::vocab::column_aliases as aliases;

    /// Whether a header (of a CSV file, a DataFrame, an Arrow schema) names
    /// column `name`: equal to the name or one of its [`aliases`] after
    /// trimming space and a byte-order mark, ignoring case.
    pub fn names(header: &str, name: &str) -> bool {
        let header = header.trim().trim_start_matches('\u{feff}');
        let same = |candidate: &str| {
            header.eq_ignore_ascii_case(candidate)
                || (!header.is_ascii() && header.to_lowercase() == candidate)
        };
        same(name) || aliases(name).iter().any(|alias| same(alias))
    }

    /// The most cells a row of any table has: participants' 3 + 9, then
    /// one per column breakdown, of which a programme has at most
    /// [`MAX_BREAKDOWNS`](crate::programme::MAX_BREAKDOWNS)
    /// (`docs/data.md#breakdown-columns`).
    pub const MAX_CELLS: usize =
        PARTICIPANTS.len() + PARTICIPANTS_OPTIONAL.len() + crate::programme::MAX_BREAKDOWNS;

    /// The table a header names: the one whose required columns all appear
    /// among `headers` (by [`names`]). `None` when no table, or more than
    /// one, fits. How the page sorts dropped files into tables, with the
    /// readers' own header rule.
    pub fn table_of(headers: &[impl AsRef<str>]) -> Option<Table> {
        let fits = |table: &&Table| {
            of(**table)
                .0
                .iter()
                .all(|name| headers.iter().any(|h| names(h.as_ref(), name)))
        };
        let mut fitting = <Table as strum::VariantArray>::VARIANTS.iter().filter(fits);
        match (fitting.next(), fitting.next()) {
            (Some(&table), None) => Some(table),
            _ => None,
        }
    }
}

/// One participants row, as cells.
#[derive(Debug, Clone, Copy)]
pub struct ParticipantRow<'a> {
    /// `id`
    pub id: Field<'a>,
    /// `gender`
    pub gender: Field<'a>,
    /// `birth_date`
    pub birth_date: Field<'a>,
    /// `entry_date`
    pub entry_date: Field<'a>,
    /// `exit_date`
    pub exit_date: Field<'a>,
    /// `exit_outcome`
    pub exit_outcome: Field<'a>,
    /// `tags`: `;`-separated text, or a [`Field::List`] of such texts
    pub tags: Field<'a>,
    /// The ESF+ status columns (`docs/data.md#status-columns`).
    pub status: StatusCells<'a>,
}

/// The optional status columns of a participants row
/// (`docs/data.md#status-columns`); [`StatusCells::NONE`] when absent.
#[derive(Debug, Clone, Copy)]
pub struct StatusCells<'a> {
    /// `labour_status`
    pub labour_status: Field<'a>,
    /// `education`
    pub education: Field<'a>,
    /// `assistance_at_entry`
    pub assistance_at_entry: Field<'a>,
    /// `assistance_at_exit`
    pub assistance_at_exit: Field<'a>,
    /// `qualification`
    pub qualification: Field<'a>,
}

impl StatusCells<'_> {
    /// Every status cell empty.
    pub const NONE: StatusCells<'static> = StatusCells {
        labour_status: Field::Null,
        education: Field::Null,
        assistance_at_entry: Field::Null,
        assistance_at_exit: Field::Null,
        qualification: Field::Null,
    };
}

/// One assessments row, as cells.
#[derive(Debug, Clone, Copy)]
pub struct AssessmentRow<'a> {
    /// `participant_id`
    pub participant_id: Field<'a>,
    /// `date`
    pub date: Field<'a>,
    /// `parameter`
    pub parameter: Field<'a>,
    /// `level`
    pub level: Field<'a>,
}

/// One follow-ups row, as cells.
#[derive(Debug, Clone, Copy)]
pub struct FollowUpRow<'a> {
    /// `participant_id`
    pub participant_id: Field<'a>,
    /// `date`
    pub date: Field<'a>,
    /// `status`
    pub status: Field<'a>,
    /// `receives_assistance`
    pub receives_assistance: Field<'a>,
}

/// A participant as the engine sees it: a person, or under
/// `reentry = "per_episode"` one episode of a person (`docs/method.md#episodes`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParticipantData {
    pub(crate) gender: Gender,
    pub(crate) birth_date: Option<NaiveDate>,
    pub(crate) entry: NaiveDate,
    pub(crate) exit: Option<NaiveDate>,
    pub(crate) outcome: Option<ExitOutcome>,
    /// Range into [`Dataset::tags`].
    pub(crate) tags: (u32, u32),
    /// The first episode's row (where the person's values come from).
    pub(crate) row: u64,
    /// The row of the episode the exit comes from.
    pub(crate) exit_row: u64,
    /// Range into [`Dataset::episodes`]: the person's episodes in entry
    /// order when there are two or more, else empty.
    pub(crate) episodes: (u32, u32),
    /// Under `per_episode`, which of the person's episodes this is (from 0).
    pub(crate) episode: u32,
    /// The status columns (`docs/data.md#status-columns`).
    pub(crate) status: Status,
}

/// One episode of a person with several (`docs/data.md#episodes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EpisodeData {
    pub(crate) entry: NaiveDate,
    pub(crate) exit: Option<NaiveDate>,
    pub(crate) outcome: Option<ExitOutcome>,
    pub(crate) row: u64,
    /// The status columns (`docs/data.md#status-columns`).
    pub(crate) status: Status,
}

/// A participant's status columns, a few bytes (`docs/data.md#status-columns`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Status {
    pub(crate) labour: Option<LabourStatus>,
    pub(crate) education: Option<Education>,
    pub(crate) assistance_at_entry: Option<bool>,
    pub(crate) assistance_at_exit: Option<bool>,
    pub(crate) qualification: Option<bool>,
}

/// An assessment, grouped under its participant.
///
/// 16 bytes, since every row is held twice while being grouped: the level
/// as an `i32` (scales lie within ±1 000 000, `docs/programme.md#limits`,
/// so a level beyond an `i32` is outside the scale and is kept as the
/// nearest `i32`, outside it still) and the row as a `u32`
/// (`docs/data.md#size-limits`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct AssessmentData {
    // Field order is the sort order within a participant: parameter, date, level.
    pub(crate) parameter: u32,
    pub(crate) date: NaiveDate,
    pub(crate) level: i32,
    pub(crate) row: u32,
}

// Every row is held twice while grouped (`docs/decisions.md#decision-143`).
const _: () = assert!(std::mem::size_of::<(u32, AssessmentData)>() == 20);
const _: () = assert!(std::mem::size_of::<(u32, FollowUpData)>() == 16);

/// A follow-up, grouped under its participant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct FollowUpData {
    pub(crate) date: NaiveDate,
    pub(crate) status: Option<ExitOutcome>,
    pub(crate) receives_assistance: Option<bool>,
    /// As an assessment's row, a `u32`.
    pub(crate) row: u32,
}

/// What reading the assessments and follow-ups tables adds: their rows and
/// the issues found in them. Those tables only look participants up, so a
/// reader may read pieces of them side by side, each into an `Added` of its
/// own, and [join](Added::join) them (`docs/data.md#threads`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Added {
    assessments: Pieces<(u32, AssessmentData)>,
    follow_ups: Pieces<(u32, FollowUpData)>,
    issues: IssueLog,
}

impl Added {
    /// Takes in `other`'s rows and issues. The order rows are joined in
    /// changes nothing: every row keeps its row number, [`group`] sorts a
    /// participant's rows by an order that includes it, and the issue log
    /// keeps counts and the smallest rows.
    pub(crate) fn join(&mut self, other: Added) {
        self.assessments.join(other.assessments);
        self.follow_ups.join(other.follow_ups);
        self.issues.absorb(other.issues);
    }
}

/// Rows kept in the pieces that threads added them in. Grouping reads
/// every piece, so joining what threads added moves no row; copying one
/// thread's rows after another's cost the copy and the fresh memory it
/// wrote (`docs/data.md#threads`).
#[derive(Debug, Clone)]
pub(crate) struct Pieces<T> {
    /// Where rows are pushed.
    last: Vec<T>,
    /// Pieces joined before, none empty.
    earlier: Vec<Vec<T>>,
}

impl<T> Default for Pieces<T> {
    fn default() -> Self {
        Pieces {
            last: Vec::new(),
            earlier: Vec::new(),
        }
    }
}

impl<T> Pieces<T> {
    #[inline]
    fn push(&mut self, row: T) {
        self.last.push(row);
    }

    fn join(&mut self, other: Pieces<T>) {
        let joined = std::iter::once(other.last).chain(other.earlier);
        self.earlier
            .extend(joined.filter(|piece| !piece.is_empty()));
    }

    fn len(&self) -> usize {
        self.pieces().map(<[T]>::len).sum()
    }

    /// Every piece.
    fn pieces(&self) -> impl Iterator<Item = &[T]> {
        std::iter::once(&self.last[..]).chain(self.earlier.iter().map(Vec::as_slice))
    }

    /// The rows in `n` shares of about the same size, in order, each as
    /// the slices of pieces it spans.
    fn shares(&self, n: usize) -> Vec<Vec<&[T]>> {
        let total = self.len();
        let mut shares = vec![Vec::new(); n];
        let mut at = 0;
        for piece in self.pieces() {
            let mut rest = piece;
            while !rest.is_empty() {
                let k = (at * n / total.max(1)).min(n - 1);
                let end = (total * (k + 1)).div_ceil(n);
                let (head, tail) = rest.split_at((end - at).min(rest.len()));
                shares[k].push(head);
                at += head.len();
                rest = tail;
            }
        }
        shares
    }

    /// Every row, to change it in place.
    fn rows_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.earlier.iter_mut().flatten().chain(&mut self.last)
    }
}

/// The threads to read on when not told: the available cores (one where
/// that cannot be known, as in WebAssembly).
fn available_threads() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// What adding an assessments or follow-ups row reads: the programme and
/// the participants added so far. Nothing here changes while those tables
/// are read, so threads share it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lookup<'b> {
    programme: &'b Programme,
    index: &'b ids::IdIndex,
}

impl Lookup<'_> {
    /// Adds an assessments row given as cells (as [`DatasetBuilder::add_cells`]).
    pub(crate) fn assessment_cells(
        &self,
        added: &mut Added,
        row: u64,
        cells: &[Field<'_>],
    ) -> Result<(), DataError> {
        let c = |i: usize| cells.get(i).copied().unwrap_or(Field::Null);
        let r = AssessmentRow {
            participant_id: c(0),
            date: c(1),
            parameter: c(2),
            level: c(3),
        };
        self.assessment(added, row, &r)
    }

    /// Adds a follow-ups row given as cells (as [`DatasetBuilder::add_cells`]).
    pub(crate) fn follow_up_cells(
        &self,
        added: &mut Added,
        row: u64,
        cells: &[Field<'_>],
    ) -> Result<(), DataError> {
        let c = |i: usize| cells.get(i).copied().unwrap_or(Field::Null);
        let r = FollowUpRow {
            participant_id: c(0),
            date: c(1),
            status: c(2),
            receives_assistance: c(3),
        };
        self.follow_up(added, row, &r)
    }

    /// Looks up a participant; an unknown id is a data-quality issue, not an error.
    fn participant(
        &self,
        added: &mut Added,
        table: Table,
        row: u64,
        id: Field<'_>,
    ) -> Result<Option<u32>, DataError> {
        let mut buf = IdBuffer::new();
        let id = buf
            .id(id)
            .map_err(|k| err(k, table, row, "participant_id"))?;
        let found = self.index.get(id);
        if found.is_none() {
            added
                .issues
                .record(IssueKind::UnknownParticipant, table, row);
        }
        Ok(found)
    }

    /// Adds an assessments row.
    fn assessment(
        &self,
        added: &mut Added,
        row: u64,
        r: &AssessmentRow<'_>,
    ) -> Result<(), DataError> {
        let t = Table::Assessments;
        let participant = self.participant(added, t, row, r.participant_id)?;
        let date = field::date(r.date).map_err(|k| err(k, t, row, "date"))?;
        let date = date.ok_or_else(|| err(DataErrorKind::MissingValue, t, row, "date"))?;
        let parameter = match r.parameter.normalised() {
            Field::Text(s) => self.programme.parameter_index(s),
            Field::Null => return Err(err(DataErrorKind::MissingValue, t, row, "parameter")),
            _ => None,
        };
        if r.level.is_null() {
            return Err(err(DataErrorKind::MissingValue, t, row, "level"));
        }
        let Some(parameter) = parameter else {
            added.issues.record(IssueKind::UnknownParameter, t, row);
            return Ok(());
        };
        let level = field::level(r.level, self.programme.scale(parameter))
            .map_err(|k| err(k, t, row, "level"))?;
        if let Some(p) = participant {
            added.assessments.push((
                p,
                AssessmentData {
                    parameter: parameter as u32,
                    date,
                    level: level.clamp(i32::MIN.into(), i32::MAX.into()) as i32,
                    row: kept_row(t, row)?,
                },
            ));
        }
        Ok(())
    }

    /// Adds a follow-ups row.
    fn follow_up(&self, added: &mut Added, row: u64, r: &FollowUpRow<'_>) -> Result<(), DataError> {
        let t = Table::FollowUps;
        let participant = self.participant(added, t, row, r.participant_id)?;
        let date = field::date(r.date).map_err(|k| err(k, t, row, "date"))?;
        let date = date.ok_or_else(|| err(DataErrorKind::MissingValue, t, row, "date"))?;
        let status = field::outcome(r.status).map_err(|k| err(k, t, row, "status"))?;
        let receives_assistance = field::boolean(r.receives_assistance)
            .map_err(|k| err(k, t, row, "receives_assistance"))?;
        if let Some(p) = participant {
            added.follow_ups.push((
                p,
                FollowUpData {
                    date,
                    status,
                    receives_assistance,
                    row: kept_row(t, row)?,
                },
            ));
        }
        Ok(())
    }
}

/// How many rows a reader reads ahead and hands to
/// [`DatasetBuilder::prefetch_participants`] before adding them: enough
/// independent id lookups to overlap their cache misses, few enough to
/// stay in the L1 cache.
pub const PREFETCH_BATCH: usize = 16;

/// The most participants [`DatasetBuilder::reserve_participants`] makes
/// room for at once (4 Mi, an id index of 256 MiB), so that a wrong hint
/// costs little; more participants than that grow the index as they come.
pub const MAX_RESERVED: usize = 1 << 22;

/// The checked input of one programme, ready to evaluate at any as-of date.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub(crate) programme: Programme,
    pub(crate) index: ids::IdIndex,
    pub(crate) participants: Vec<ParticipantData>,
    pub(crate) tags: Vec<u32>,
    pub(crate) tag_names: HashMap<Box<str>, u32>,
    /// Per participant p, its assessments are `assessments.of(p)`.
    pub(crate) assessments: Grouped<AssessmentData>,
    pub(crate) follow_ups: Grouped<FollowUpData>,
    /// Issues found while reading (unknown participant or parameter).
    pub(crate) read_issues: IssueLog,
    /// Per column breakdown (programme order): values and each participant's group.
    pub(crate) groups: Vec<groups::ColumnGroups>,
    /// The episodes of persons with two or more, each person's in entry
    /// order (`docs/method.md#episodes`).
    pub(crate) episodes: Vec<EpisodeData>,
    /// The earliest entry date of any participant or episode row, where the
    /// entry cohorts begin (`docs/method.md#cohorts`); `None` without rows.
    pub(crate) earliest_entry: Option<NaiveDate>,
    /// Threads an evaluation runs on (`docs/method.md#threads`).
    pub(crate) threads: NonZeroUsize,
}

/// Builds a [`Dataset`] row by row. Add every participant before the
/// assessments and follow-ups that refer to them.
///
/// A clone holds the rows added so far, so participants read once can be
/// evaluated with one set of assessments after another: clone the builder
/// after the participants and read each set into a clone
/// (`docs/data.md#participants-once`). A clone has no interrupt
/// hook; give it one with [`interrupt_with`](Self::interrupt_with).
#[derive(Debug, Clone)]
pub struct DatasetBuilder {
    programme: Programme,
    index: ids::IdIndex,
    participants: Vec<ParticipantData>,
    tags: Vec<u32>,
    tag_names: HashMap<Box<str>, u32>,
    added: Added,
    interrupt: interrupt::Hook,
    /// Threads a CSV file of assessments or follow-ups is read on.
    threads: NonZeroUsize,
    /// About how many bytes of such a file each thread reads at a time.
    chunk_bytes: usize,
    groups: Vec<groups::ColumnGroups>,
    /// Reused to write a number or date cell of a breakdown column as text.
    group_text: String,
    /// Rows after a person's first, and what they say (`docs/data.md#episodes`).
    episodes: episodes::Episodes,
    /// Kept as the rows come, so that no evaluation looks at every
    /// participant for it (see [`Dataset`]).
    earliest_entry: Option<NaiveDate>,
}

impl Dataset {
    /// Starts a dataset for `programme` (which it keeps a copy of).
    pub fn builder(programme: &Programme) -> DatasetBuilder {
        DatasetBuilder {
            programme: programme.clone(),
            index: ids::IdIndex::default(),
            participants: Vec::new(),
            tags: Vec::new(),
            tag_names: HashMap::default(),
            added: Added::default(),
            interrupt: interrupt::Hook::default(),
            threads: available_threads(),
            chunk_bytes: chunks::CHUNK_BYTES,
            groups: vec![groups::ColumnGroups::default(); programme.breakdown_columns().count()],
            group_text: String::new(),
            episodes: episodes::Episodes::default(),
            earliest_entry: None,
        }
    }

    /// The programme the data was checked against.
    pub fn programme(&self) -> &Programme {
        &self.programme
    }

    /// How many participants were read: persons, or under
    /// `reentry = "per_episode"` participant-episodes.
    pub fn participant_count(&self) -> usize {
        self.participants.len()
    }

    /// How many assessments were kept (rows naming an unknown participant or
    /// parameter are not).
    pub fn assessment_count(&self) -> usize {
        self.assessments.len()
    }

    /// Participant ids by index, inverted from the id map (only explanations
    /// need them, so the dataset does not keep a second copy).
    pub(crate) fn ids_by_index(&self) -> Vec<&str> {
        let mut ids = vec![""; self.participants.len()];
        for (id, i) in self.index.iter() {
            let i = i as usize;
            // Under per_episode a person's episodes follow its first.
            let n = match self.programme.reentry() {
                crate::programme::ReentryRule::PerEpisode => {
                    let (a, b) = self.participants[i].episodes;
                    (b - a).max(1) as usize
                }
                _ => 1,
            };
            ids[i..i + n].fill(id);
        }
        ids
    }

    pub(crate) fn participant_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|i| i as usize)
    }
}

/// The status cells of a participants row, each by its column's rule
/// (`docs/data.md#status-columns`); the error names the column.
fn status(c: &StatusCells<'_>) -> Result<Status, (DataErrorKind, &'static str)> {
    let boolean = |f: Field<'_>, column: &'static str| field::boolean(f).map_err(|k| (k, column));
    Ok(Status {
        labour: field::labour_status(c.labour_status).map_err(|k| (k, "labour_status"))?,
        education: field::education(c.education).map_err(|k| (k, "education"))?,
        assistance_at_entry: boolean(c.assistance_at_entry, "assistance_at_entry")?,
        assistance_at_exit: boolean(c.assistance_at_exit, "assistance_at_exit")?,
        qualification: boolean(c.qualification, "qualification")?,
    })
}

fn err(kind: DataErrorKind, table: Table, row: u64, column: &str) -> DataError {
    DataError::new(kind, table, Some(row), Some(column))
}

/// A row number as an assessment or follow-up keeps it, in 32 bits
/// (`docs/data.md#size-limits`).
fn kept_row(table: Table, row: u64) -> Result<u32, DataError> {
    u32::try_from(row)
        .map_err(|_| DataError::new(DataErrorKind::TooManyRows, table, Some(row), None))
}

/// What [`check_participant`] gives, the error boxed: a reader keeps one
/// for every row it checks ahead.
pub(super) type Checked = Result<ParticipantData, Box<DataError>>;

/// Where a participants row's breakdown cells start, after its required
/// and optional cells (`docs/data.md#breakdown-columns`).
const GROUP_CELLS: usize = columns::PARTICIPANTS.len() + columns::PARTICIPANTS_OPTIONAL.len();

/// Where a participants row's id and tags cells are.
const ID_CELL: usize = 0;
const TAGS_CELL: usize = 6;

/// Whether adding a participants row whose checks were made
/// ([`DatasetBuilder::add_checked_row`]) reads its cell `k`: only the id,
/// the tags and the breakdown cells; the checks read the others.
pub(super) fn read_when_checked(k: usize) -> bool {
    k == ID_CELL || k == TAGS_CELL || k >= GROUP_CELLS
}

/// A participants row from its cells, in the order of [`columns::of`];
/// cells past the end of `cells` are null.
pub(super) fn participant_row<'a>(cells: &[Field<'a>]) -> ParticipantRow<'a> {
    let c = |i: usize| cells.get(i).copied().unwrap_or(Field::Null);
    ParticipantRow {
        id: c(ID_CELL),
        gender: c(1),
        entry_date: c(2),
        birth_date: c(3),
        exit_date: c(4),
        exit_outcome: c(5),
        tags: c(TAGS_CELL),
        status: StatusCells {
            labour_status: c(7),
            education: c(8),
            assistance_at_entry: c(9),
            assistance_at_exit: c(10),
            qualification: c(11),
        },
    }
}

/// Every check of a participants row that needs nothing but the row, in
/// the order the cells are checked (`docs/data.md#participants`): what
/// the participant is, if the row is valid. It needs no builder, so
/// readers run it for rows ahead on other threads
/// (`docs/data.md#threads`), and [`DatasetBuilder::add_participant`]
/// for a row on its own.
pub(super) fn check_participant(
    row: u64,
    r: &ParticipantRow<'_>,
) -> Result<ParticipantData, DataError> {
    let t = Table::Participants;
    IdBuffer::new().id(r.id).map_err(|k| err(k, t, row, "id"))?;
    let gender = field::gender(r.gender).map_err(|k| err(k, t, row, "gender"))?;
    let birth_date = field::date(r.birth_date).map_err(|k| err(k, t, row, "birth_date"))?;
    let entry = field::date(r.entry_date).map_err(|k| err(k, t, row, "entry_date"))?;
    let entry = entry.ok_or_else(|| err(DataErrorKind::MissingValue, t, row, "entry_date"))?;
    let exit = field::date(r.exit_date).map_err(|k| err(k, t, row, "exit_date"))?;
    let outcome = field::outcome(r.exit_outcome).map_err(|k| err(k, t, row, "exit_outcome"))?;
    if exit.is_some_and(|exit| exit < entry) {
        return Err(err(DataErrorKind::ExitBeforeEntry, t, row, "exit_date"));
    }
    if exit.is_none() && outcome.is_some() {
        return Err(err(
            DataErrorKind::OutcomeWithoutExit,
            t,
            row,
            "exit_outcome",
        ));
    }
    field::tags(r.tags).map_err(|k| err(k, t, row, "tags"))?;
    let status = status(&r.status).map_err(|(k, column)| err(k, t, row, column))?;
    Ok(ParticipantData {
        gender,
        birth_date,
        entry,
        exit,
        outcome,
        tags: (0, 0),
        row,
        exit_row: row,
        episodes: (0, 0),
        episode: 0,
        status,
    })
}

impl DatasetBuilder {
    /// The programme the rows are checked against.
    pub fn programme(&self) -> &Programme {
        &self.programme
    }

    /// Asks `hook` every [`INTERRUPT_EVERY`] rows from now on whether to
    /// stop reading: every reader (CSV, records, a binding's cells through
    /// [`add_cells`](Self::add_cells)) then fails with `interrupted` at the
    /// row it had reached (`docs/python.md#interrupts`).
    pub fn interrupt_with(&mut self, hook: Box<dyn Interrupt + Send>) {
        self.interrupt.set(hook);
    }

    /// Reads the assessments and follow-ups on up to `threads` threads (by
    /// default the available cores; `docs/data.md#threads`), and evaluates
    /// the dataset built on as many (`docs/method.md#threads`). The report
    /// and every error are those of one thread.
    pub fn read_threads(&mut self, threads: NonZeroUsize) {
        self.threads = threads;
    }

    /// Makes room for about `participants` more participants, when a
    /// reader knows or can estimate how many rows follow (an Arrow table,
    /// a CSV file's size): the id index is then sized once instead of
    /// doubling, and placing every id again, as it fills
    /// (`docs/decisions.md#decision-146`). It changes no result; a hint past
    /// [`MAX_RESERVED`] reserves that many.
    pub fn reserve_participants(&mut self, participants: usize) {
        self.index.reserve(participants.min(MAX_RESERVED));
    }

    /// Cuts a CSV file read on several threads into chunks of about
    /// `bytes` bytes instead of 128 KiB. It changes no result; tests use
    /// it to put many chunk boundaries in a small file.
    #[doc(hidden)]
    pub fn read_chunk_bytes(&mut self, bytes: NonZeroUsize) {
        self.chunk_bytes = bytes.get();
    }

    /// One more row read: `interrupted` at `row` when the hook says to stop.
    #[inline]
    fn poll(&mut self, table: Table, row: u64) -> Result<(), DataError> {
        if self.interrupt.stop() {
            Err(DataError::new(
                DataErrorKind::Interrupted,
                table,
                Some(row),
                None,
            ))
        } else {
            Ok(())
        }
    }

    /// A hint that rows naming participants `ids` (each row's first cell)
    /// will be added soon: loads the places their lookups start into the
    /// cache. It changes no result. Readers of shuffled rows call it with
    /// the ids of a batch of [`PREFETCH_BATCH`] rows (only as many are
    /// taken) before adding them, so the batch's cache misses overlap
    /// instead of following one another (`data/ids.rs`).
    pub fn prefetch_participants<'a>(&self, ids: impl IntoIterator<Item = Field<'a>>) {
        self.index.touch(ids);
    }

    /// Adds a row of `table` given as cells in the order of
    /// [`columns::of`] (required, then optional); cells past the end of
    /// `cells` are null. Every reader (CSV, records, Arrow) goes through here.
    pub fn add_cells(
        &mut self,
        table: Table,
        row: u64,
        cells: &[Field<'_>],
    ) -> Result<(), DataError> {
        self.poll(table, row)?;
        self.add_row(table, row, cells)
    }

    /// [`add_cells`](Self::add_cells) without asking the hook.
    fn add_row(&mut self, table: Table, row: u64, cells: &[Field<'_>]) -> Result<(), DataError> {
        match table {
            Table::Participants => {
                let checked = check_participant(row, &participant_row(cells));
                self.add_checked_row(row, cells, checked.map_err(Box::new))
            }
            Table::Assessments => {
                let (lookup, added) = self.split();
                lookup.assessment_cells(added, row, cells)
            }
            Table::FollowUps => {
                let (lookup, added) = self.split();
                lookup.follow_up_cells(added, row, cells)
            }
        }
    }

    /// Adds a participants row; `row` is its 1-based row number (header = 1).
    pub fn add_participant(&mut self, row: u64, r: &ParticipantRow<'_>) -> Result<(), DataError> {
        let data = check_participant(row, r)?;
        self.insert_checked(row, r.id, r.tags, data)
    }

    /// Adds a participants row given as cells (as [`add_cells`](Self::add_cells)
    /// takes them) whose [`check_participant`] was run before, on another
    /// thread: `checked` is what it gave. Only what needs the other
    /// participants is left (the id's uniqueness, episodes, tag and group
    /// names), in the order [`add_cells`](Self::add_cells) meets them, so
    /// the dataset and the error are those of `add_cells`.
    pub(super) fn add_checked_cells(
        &mut self,
        row: u64,
        cells: &[Field<'_>],
        checked: Checked,
    ) -> Result<(), DataError> {
        self.poll(Table::Participants, row)?;
        self.add_checked_row(row, cells, checked)
    }

    /// [`add_checked_cells`](Self::add_checked_cells) without asking the hook.
    fn add_checked_row(
        &mut self,
        row: u64,
        cells: &[Field<'_>],
        checked: Checked,
    ) -> Result<(), DataError> {
        let r = participant_row(cells);
        self.insert_checked(row, r.id, r.tags, checked.map_err(|e| *e)?)?;
        self.add_groups(row, cells.get(GROUP_CELLS..).unwrap_or(&[]))
    }

    /// Inserts a participant whose row passed [`check_participant`]; its
    /// id and tags cells are read again (cheaply: they passed).
    fn insert_checked(
        &mut self,
        row: u64,
        id: Field<'_>,
        tags: Field<'_>,
        data: ParticipantData,
    ) -> Result<(), DataError> {
        let t = Table::Participants;
        let mut buf = IdBuffer::new();
        let id = buf.id(id).map_err(|k| err(k, t, row, "id"))?;
        let tags = field::tags(tags).map_err(|k| err(k, t, row, "tags"))?;
        self.insert_participant(row, id, data, tags)
    }

    /// Stores a checked participant: the one step shared by cells and
    /// Rust values, so a validated value is never written out as text to be
    /// parsed again.
    fn insert_participant(
        &mut self,
        row: u64,
        id: &str,
        mut data: ParticipantData,
        tags: field::Tags<'_>,
    ) -> Result<(), DataError> {
        let index = u32::try_from(self.participants.len()).expect("fewer than 2^32 participants");
        data.exit_row = row;
        // A new id is indexed here, so nothing after it for a new
        // participant may fail.
        if let Err(person) = self.index.try_insert(id, index) {
            if self.programme.reentry() == crate::programme::ReentryRule::Error {
                return Err(err(
                    DataErrorKind::DuplicateParticipant,
                    Table::Participants,
                    row,
                    "id",
                ));
            }
            let first = &self.participants[person as usize];
            self.episodes
                .check(person, first, &data)
                .map_err(|column| {
                    err(
                        DataErrorKind::OverlappingEpisodes,
                        Table::Participants,
                        row,
                        column,
                    )
                })?;
            data.tags = self.intern_tags(tags);
            self.episodes.push(person, data, self.groups.len());
            self.entered(data.entry);
            return Ok(());
        }
        self.episodes.last_was_extra = false;
        data.tags = self.intern_tags(tags);
        for g in &mut self.groups {
            g.of.push(groups::UNKNOWN);
        }
        self.participants.push(data);
        self.entered(data.entry);
        Ok(())
    }

    fn entered(&mut self, entry: NaiveDate) {
        self.earliest_entry = Some(self.earliest_entry.map_or(entry, |e| e.min(entry)));
    }

    /// Adds a participant built in Rust; `row` numbers it for data-quality
    /// issues. Its values were checked when it was built (an exit never
    /// precedes entry), so only its dates' range (`docs/data.md#dates`) and
    /// the id's uniqueness are left to check.
    pub fn add_participant_value(&mut self, row: u64, p: &Participant) -> Result<(), DataError> {
        let t = Table::Participants;
        let exit = p.exit();
        let dates = [
            ("birth_date", p.birth_date()),
            ("entry_date", Some(p.entry_date())),
            ("exit_date", exit.map(|e| e.date)),
        ];
        for (column, date) in dates {
            field::date(date.map_or(Field::Null, Field::Date))
                .map_err(|k| err(k, t, row, column))?;
        }
        self.insert_participant(
            row,
            p.id().as_str(),
            ParticipantData {
                gender: p.gender(),
                birth_date: p.birth_date(),
                entry: p.entry_date(),
                exit: exit.map(|e| e.date),
                outcome: exit.and_then(|e| e.outcome),
                tags: (0, 0),
                row,
                exit_row: row,
                episodes: (0, 0),
                episode: 0,
                status: Status::default(),
            },
            field::Tags::Values(p.tags()),
        )
    }

    /// Appends the ids of a participant's tags, each once, to the dataset's
    /// tag list and gives their range in it.
    fn intern_tags(&mut self, tags: field::Tags<'_>) -> (u32, u32) {
        let start = self.tags.len() as u32;
        for tag in tags.each() {
            // A tag seen before is looked up without making its key: a
            // new key is an allocation, which a row does not make.
            let id = match self.tag_names.get(tag) {
                Some(&id) => id,
                None => {
                    let next = self.tag_names.len() as u32;
                    self.tag_names.insert(tag.into(), next);
                    next
                }
            };
            if !self.tags[start as usize..].contains(&id) {
                self.tags.push(id);
            }
        }
        (start, self.tags.len() as u32)
    }

    /// The names of the cells [`add_cells`](Self::add_cells) takes for
    /// `table`: required, then optional columns, then for participants the
    /// programme's breakdown columns (`docs/data.md#breakdown-columns`).
    pub fn column_names(&self, table: Table) -> Vec<String> {
        let (required, optional) = columns::of(table);
        let mut names: Vec<String> = required
            .iter()
            .chain(optional)
            .map(|&s| s.to_owned())
            .collect();
        if table == Table::Participants {
            names.extend(self.programme.breakdown_columns().map(str::to_owned));
        }
        names
    }

    /// The groups of the participant just added, from its breakdown cells
    /// (programme order; absent cells are unknown).
    fn add_groups(&mut self, row: u64, cells: &[Field<'_>]) -> Result<(), DataError> {
        for (k, cell) in cells.iter().enumerate().take(self.groups.len()) {
            let group = self.groups[k]
                .intern(*cell, &mut self.group_text)
                .map_err(|kind| {
                    let name = self
                        .programme
                        .breakdown_columns()
                        .nth(k)
                        .unwrap_or_default();
                    err(kind, Table::Participants, row, name)
                })?;
            if let Some(extra) = self.episodes.last_groups() {
                extra[k] = group;
            } else if let Some(last) = self.groups[k].of.last_mut() {
                *last = group;
            }
        }
        Ok(())
    }

    /// The programme and participant index, for looking rows up, and
    /// where the rows go.
    fn split(&mut self) -> (Lookup<'_>, &mut Added) {
        let lookup = Lookup {
            programme: &self.programme,
            index: &self.index,
        };
        (lookup, &mut self.added)
    }

    /// Adds an assessments row.
    pub fn add_assessment(&mut self, row: u64, r: &AssessmentRow<'_>) -> Result<(), DataError> {
        let (lookup, added) = self.split();
        lookup.assessment(added, row, r)
    }

    /// Adds a follow-ups row.
    pub fn add_follow_up(&mut self, row: u64, r: &FollowUpRow<'_>) -> Result<(), DataError> {
        let (lookup, added) = self.split();
        lookup.follow_up(added, row, r)
    }

    /// Adds an assessment built in Rust.
    pub fn add_assessment_value(
        &mut self,
        row: u64,
        a: &crate::model::Assessment,
    ) -> Result<(), DataError> {
        let level = match &a.level {
            Level::Number(n) => Field::Integer(*n),
            Level::Label(l) => Field::Text(l),
        };
        self.add_assessment(
            row,
            &AssessmentRow {
                participant_id: Field::Text(&a.participant_id),
                date: Field::Date(a.date),
                parameter: Field::Text(&a.parameter),
                level,
            },
        )
    }

    /// Adds a follow-up built in Rust: its status is already an
    /// [`ExitOutcome`], so only the participant is looked up.
    pub fn add_follow_up_value(
        &mut self,
        row: u64,
        f: &crate::model::FollowUp,
    ) -> Result<(), DataError> {
        let t = Table::FollowUps;
        field::date(Field::Date(f.date)).map_err(|k| err(k, t, row, "date"))?;
        let (lookup, added) = self.split();
        if let Some(p) = lookup.participant(added, t, row, Field::Text(&f.participant_id))? {
            added.follow_ups.push((
                p,
                FollowUpData {
                    date: f.date,
                    status: f.status,
                    receives_assistance: f.receives_assistance,
                    row: kept_row(t, row)?,
                },
            ));
        }
        Ok(())
    }

    /// Groups the rows per participant (a counting sort, linear in the input)
    /// and sorts each small group, so results never depend on row order.
    pub fn build(mut self) -> Dataset {
        // Episodes (`docs/method.md#episodes`): a person's values from its
        // first episode; under per_episode, one participant per episode
        // and every row moved to its episode.
        let merged = episodes::merge(
            self.programme.reentry(),
            std::mem::take(&mut self.episodes),
            &mut self.participants,
            &mut self.groups,
            &mut self.added.issues,
        );
        if let Some(units) = &merged.units {
            for i in self.index.indices_mut() {
                *i = units.start[*i as usize];
            }
            for (p, a) in self.added.assessments.rows_mut() {
                *p = units.of(*p, a.date, &merged.episodes);
            }
            for (p, f) in self.added.follow_ups.rows_mut() {
                *p = units.of(*p, f.date, &merged.episodes);
            }
        }
        let n = self.participants.len();
        let on = grouping_threads(self.added.assessments.len(), self.threads);
        let assessments = group(n, self.added.assessments, on);
        let on = grouping_threads(self.added.follow_ups.len(), self.threads);
        let follow_ups = group(n, self.added.follow_ups, on);
        Dataset {
            programme: self.programme,
            index: self.index,
            participants: self.participants,
            tags: self.tags,
            tag_names: self.tag_names,
            assessments,
            follow_ups,
            read_issues: self.added.issues,
            groups: self.groups,
            episodes: merged.episodes,
            earliest_entry: self.earliest_entry,
            threads: self.threads,
        }
    }
}

/// How many threads group `rows` rows: one per 500 000 rows, up to
/// `threads`, since below that a thread costs more than it saves.
fn grouping_threads(rows: usize, threads: NonZeroUsize) -> usize {
    threads.get().min(rows / 500_000).max(1)
}

/// Counting sort by participant, then a sort inside each group; on up to
/// `threads` threads, each placing and sorting the rows of a range of
/// participants (`docs/data.md#threads`). Every row has a place of its own
/// and each group ends sorted, so the result is the same on any number.
fn group<T: Ord + Copy + Default + Send + Sync>(
    participants: usize,
    rows: Pieces<(u32, T)>,
    threads: usize,
) -> Grouped<T> {
    group_in_buckets(participants, rows, threads, BUCKET_ROWS)
}

/// [`group`] with buckets of about `bucket_rows` rows ([`place`]); tests
/// vary it.
fn group_in_buckets<T: Ord + Copy + Default + Send + Sync>(
    participants: usize,
    rows: Pieces<(u32, T)>,
    threads: usize,
    bucket_rows: usize,
) -> Grouped<T> {
    let threads = threads.max(1);
    let ranges = (0..threads).map(|k| participants * k / threads..participants * (k + 1) / threads);
    let mut offsets = vec![0usize; participants + 1];
    count_rows(&rows, &mut offsets[1..], threads);
    for i in 0..participants {
        offsets[i + 1] += offsets[i];
    }
    let (rows, offsets_ref) = (&rows, &offsets);
    // Each range's piece is made where it is filled: allocating and
    // initialising every row's place is a pass over hundreds of megabytes.
    let place_range = move |range: std::ops::Range<usize>| {
        let (first, rows_in_range) = (
            range.start,
            offsets_ref[range.end] - offsets_ref[range.start],
        );
        let mut piece = vec![T::default(); rows_in_range];
        place(range, &mut piece, rows, offsets_ref, bucket_rows);
        (first, piece)
    };
    let pieces = on_threads(ranges.collect(), place_range);
    Grouped { offsets, pieces }
}

/// `work` done for each of `items`, each on a scoped thread of its own,
/// the results in the items' order; a thread's panic goes on in the
/// caller. A single item is done on the calling thread (WebAssembly has
/// no other).
fn on_threads<I: Send, R: Send>(items: Vec<I>, work: impl Fn(I) -> R + Sync) -> Vec<R> {
    if items.len() <= 1 {
        return items.into_iter().map(work).collect();
    }
    let work = &work;
    std::thread::scope(|scope| {
        let running: Vec<_> = items
            .into_iter()
            .map(|item| scope.spawn(move || work(item)))
            .collect();
        running
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Counts each participant's rows into `counts` (participant p's at
/// `counts[p]`), on up to `threads` threads. Counting is a pass over
/// every row, bound by the memory's bandwidth, so each thread counts its
/// share of the rows into counts of its own, which are then added up
/// (`docs/decisions.md#decision-162`): on one thread, the other core
/// waited for it (60 ms of the CLI's 1.3 s on a million participants).
fn count_rows<T: Sync>(rows: &Pieces<(u32, T)>, counts: &mut [usize], threads: usize) {
    // Each thread's counts take 4 bytes a participant: at most as many
    // threads as rows per participant keeps them within 4 bytes a row,
    // a quarter of what grouping then allocates.
    let threads = threads.min(rows.len() / counts.len().max(1));
    if threads <= 1 {
        for (p, _) in rows.pieces().flatten() {
            counts[*p as usize] += 1;
        }
        return;
    }
    let participants = counts.len();
    let counted = on_threads(rows.shares(threads), |share| {
        let mut mine = vec![0u32; participants];
        for (p, _) in share.into_iter().flatten() {
            mine[*p as usize] += 1;
        }
        mine
    });
    for mine in &counted {
        for (n, m) in counts.iter_mut().zip(mine) {
            *n += *m as usize;
        }
    }
}

/// Rows grouped per participant by [`group`]: participant p's rows,
/// sorted, are [`Grouped::of`]`(p)`. They stay in the pieces the grouping
/// threads made, one per range of participants, so that each thread
/// allocates and fills its own (`docs/decisions.md#decision-153`).
#[derive(Debug, Clone)]
pub(crate) struct Grouped<T> {
    /// Where each participant's rows begin among all rows in order, and
    /// after the last, how many rows there are.
    offsets: Vec<usize>,
    /// Each piece with the first participant of its range, in order.
    pieces: Vec<(usize, Vec<T>)>,
}

impl<T> Grouped<T> {
    /// Participant `p`'s rows.
    #[inline]
    pub(crate) fn of(&self, p: usize) -> &[T] {
        // The last piece starting at or before p holds p: a piece before
        // it that starts there too has an empty range.
        let k = self.pieces.partition_point(|(first, _)| *first <= p);
        let (first, rows) = &self.pieces[k.saturating_sub(1)];
        let base = self.offsets[*first];
        &rows[self.offsets[p] - base..self.offsets[p + 1] - base]
    }

    /// How many rows there are.
    pub(crate) fn len(&self) -> usize {
        self.offsets.last().copied().unwrap_or(0)
    }
}

/// The rows a bucket of [`place`] aims at: its rows (16 bytes each for
/// assessments) and their participants' places stay in the L2 cache.
const BUCKET_ROWS: usize = 1 << 14;

/// Places the rows of participants in `range` into `piece`, their part of
/// the grouped rows, and sorts each group.
///
/// Written straight to their places, shuffled rows would each miss the
/// cache (and the TLB) of a piece of hundreds of megabytes. So the
/// participants are taken in buckets of a few hundred, whose rows fit the
/// L2 cache: the rows are first written bucket after bucket into the
/// piece (each bucket's part of it written in order, so a few hundred
/// cache lines are being written at a time), each with its participant's
/// place in the bucket beside it, then each bucket's rows are copied out
/// and placed within the bucket's part, in the cache.
fn place<T: Ord + Copy + Default>(
    range: std::ops::Range<usize>,
    piece: &mut [T],
    rows: &Pieces<(u32, T)>,
    offsets: &[usize],
    bucket_rows: usize,
) {
    let base = offsets[range.start];
    // Participants per bucket: a power of two, about `bucket_rows` rows
    // between them, so at most 2^16 (their place in the bucket is a u16).
    let per_participant = piece.len() / range.len().max(1);
    let shift = (bucket_rows.min(1 << 16) / per_participant.max(1))
        .max(1)
        .ilog2();
    let buckets = (range.len() >> shift) + 1;
    let bucket_start = |b: usize| offsets[(range.start + (b << shift)).min(range.end)] - base;
    let mut next: Vec<usize> = (0..buckets).map(bucket_start).collect();
    let mut member = vec![0u16; piece.len()];
    for &(p, row) in rows.pieces().flatten() {
        let p = p as usize;
        if range.contains(&p) {
            let local = p - range.start;
            let at = &mut next[local >> shift];
            piece[*at] = row;
            member[*at] = (local & ((1 << shift) - 1)) as u16;
            *at += 1;
        }
    }
    let mut bucket = Vec::new();
    let mut places = Vec::new();
    for b in 0..buckets {
        let (start, end) = (bucket_start(b), bucket_start(b + 1));
        let first = range.start + (b << shift);
        let last = (first + (1 << shift)).min(range.end);
        bucket.clear();
        bucket.extend_from_slice(&piece[start..end]);
        places.clear();
        places.extend(offsets[first..last].iter().map(|o| o - base));
        for (&row, &m) in bucket.iter().zip(&member[start..end]) {
            let at = &mut places[usize::from(m)];
            piece[*at] = row;
            *at += 1;
        }
        for w in offsets[first..=last].windows(2) {
            piece[w[0] - base..w[1] - base].sort_unstable();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_on_threads_groups_as_on_one() {
        // Rows of 7 participants in a scrambled order, some with none.
        let rows: Vec<(u32, (u32, u32))> = (0..1_000u32)
            .map(|i| ((i * 7_919) % 11 % 7, (i * 31 % 17, i)))
            .filter(|(p, _)| *p != 3)
            .collect();
        // As one piece, and in pieces of 1, 10, 100 and 400 rows joined
        // as threads' would be.
        let pieces = |size: usize| {
            let mut joined = Pieces::default();
            for chunk in rows.chunks(size) {
                let mut piece = Pieces::default();
                chunk.iter().for_each(|&row| piece.push(row));
                joined.join(piece);
            }
            joined
        };
        let each = |grouped: &Grouped<(u32, u32)>| -> Vec<Vec<(u32, u32)>> {
            (0..9).map(|p| grouped.of(p).to_vec()).collect()
        };
        let one = group(9, pieces(rows.len()), 1);
        for threads in 1..=12 {
            for size in [1, 10, 100, 400] {
                let grouped = group(9, pieces(size), threads);
                assert_eq!(grouped.len(), one.len());
                assert_eq!(
                    each(&grouped),
                    each(&one),
                    "{threads} threads, pieces of {size}"
                );
            }
        }
        let all = each(&one).concat();
        assert_eq!((one.len(), all.len()), (rows.len(), rows.len()));
        assert!(one.of(3).is_empty());
        assert!(all.windows(2).all(|w| w[0] != w[1]));
        for p in 0..9 {
            assert!(one.of(p).is_sorted());
        }
    }

    #[test]
    fn shares_take_every_row_once_in_order_and_evenly() {
        for (sizes, n) in [
            (vec![5], 2),
            (vec![3, 0, 7, 1], 3),
            (vec![1, 1, 1], 5),
            (vec![10], 1),
            (vec![], 2),
        ] {
            let mut rows = Pieces::default();
            let mut next = 0u32;
            for size in &sizes {
                let mut piece = Pieces::default();
                (0..*size).for_each(|_| {
                    piece.push((next, ()));
                    next += 1;
                });
                rows.join(piece);
            }
            let shares = rows.shares(n);
            assert_eq!(shares.len(), n);
            let mut flat: Vec<u32> = shares
                .iter()
                .flatten()
                .flat_map(|s| s.iter().map(|r| r.0))
                .collect();
            let lens: Vec<usize> = shares
                .iter()
                .map(|s| s.iter().map(|p| p.len()).sum())
                .collect();
            // Pieces are read in `pieces()` order, not in the order pushed.
            let order: Vec<u32> = rows.pieces().flatten().map(|r| r.0).collect();
            assert_eq!(flat, order, "{sizes:?} in {n}");
            flat.sort_unstable();
            assert_eq!(flat, (0..next).collect::<Vec<_>>());
            let (least, most) = (lens.iter().min().unwrap(), lens.iter().max().unwrap());
            assert!(most - least <= 1, "{sizes:?} in {n}: {lens:?}");
        }
    }

    proptest::proptest! {
        /// Grouped in buckets of any size on any number of threads, each
        /// participant's rows are exactly its own, sorted.
        #[test]
        fn grouping_in_buckets_gives_each_participant_its_rows_sorted(
            participants in 1..3_000usize,
            rows in proptest::collection::vec((0..u32::MAX, 0..50u32), 0..6_000),
            bucket_rows in 1..200usize,
            threads in 1..4usize,
            piece in 1..2_000usize,
        ) {
            let rows: Vec<(u32, u32)> = rows
                .into_iter()
                .map(|(p, v)| (p % participants as u32, v))
                .collect();
            let mut pieces = Pieces::default();
            for chunk in rows.chunks(piece) {
                let mut one = Pieces::default();
                chunk.iter().for_each(|&row| one.push(row));
                pieces.join(one);
            }
            let grouped = group_in_buckets(participants, pieces, threads, bucket_rows);
            let mut expected = rows.clone();
            expected.sort_unstable();
            proptest::prop_assert_eq!(grouped.len(), rows.len());
            for p in 0..participants as u32 {
                let from = expected.partition_point(|&(q, _)| q < p);
                let to = expected.partition_point(|&(q, _)| q <= p);
                let theirs: Vec<u32> = expected[from..to].iter().map(|&(_, v)| v).collect();
                proptest::prop_assert_eq!(grouped.of(p as usize), &theirs[..], "participant {}", p);
            }
        }
    }

    /// `docs/data.md#size-limits`: the row number past 32 bits is an error,
    /// the last one that fits is not.
    #[test]
    fn rows_are_kept_in_32_bits() {
        assert_eq!(
            kept_row(Table::Assessments, u64::from(u32::MAX)),
            Ok(u32::MAX)
        );
        let e = kept_row(Table::FollowUps, 1 << 32).expect_err("too many rows");
        assert_eq!((e.code(), e.row()), ("too_many_rows", Some(1 << 32)));
    }

    /// A level beyond 32 bits is outside every scale, and stays outside
    /// once kept as the nearest 32-bit level.
    #[test]
    fn levels_beyond_32_bits_are_outside_the_scale() {
        let programme =
            Programme::from_toml(include_str!("../../../../examples/nordost/programme.toml"))
                .expect("the example programme");
        let mut b = Dataset::builder(&programme);
        b.read_participants_csv("id,gender,entry_date\nA,K,2021-03-01\n".as_bytes())
            .expect("participants");
        let rows = "participant_id,date,parameter,level\nA,2021-03-01,swedish,5000000000\nA,2021-03-01,swedish,-5000000000\nA,2021-09-01,swedish,3\n";
        b.read_assessments_csv(rows.as_bytes())
            .expect("assessments");
        let report = b
            .build()
            .evaluate(&crate::Options::new().as_of("2022-01-31".parse().unwrap()))
            .unwrap();
        let outside = report
            .data_quality
            .iter()
            .find(|i| i.kind == IssueKind::LevelOutsideScale);
        assert_eq!(
            outside.map(|i| (i.count, i.rows.clone())),
            Some((crate::Figure::Value(2), vec![2, 3]))
        );
    }
    use crate::model::{FollowUp, ParticipantId};

    const PROGRAMME: &str = "id = \"x\"\nname = \"X\"\nstart = 2021-01-01\nend = 2022-12-31\nplanned_participants = 1\n";

    #[test]
    fn dates_built_in_rust_meet_the_date_range() {
        let programme = Programme::from_toml(PROGRAMME).unwrap();
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let id = || ParticipantId::new("a").unwrap();
        let at = |e: DataError| (e.kind(), e.row(), e.column().map(str::to_owned));
        let mut b = Dataset::builder(&programme);
        let p = Participant::new(id(), Gender::Woman, ymd(0, 1, 1));
        let e = b.add_participant_value(2, &p).unwrap_err();
        assert_eq!(
            at(e),
            (
                DataErrorKind::InvalidDate,
                Some(2),
                Some("entry_date".into())
            )
        );
        let p = Participant::new(id(), Gender::Woman, ymd(2021, 3, 1))
            .with_birth_date(ymd(1899, 12, 31));
        let e = b.add_participant_value(3, &p).unwrap_err();
        assert_eq!(
            at(e),
            (
                DataErrorKind::InvalidDate,
                Some(3),
                Some("birth_date".into())
            )
        );
        let p = Participant::new(id(), Gender::Woman, ymd(2021, 3, 1))
            .with_exit(ymd(2200, 1, 1), None)
            .unwrap();
        let e = b.add_participant_value(4, &p).unwrap_err();
        assert_eq!(
            at(e),
            (
                DataErrorKind::InvalidDate,
                Some(4),
                Some("exit_date".into())
            )
        );
        let p = Participant::new(id(), Gender::Woman, ymd(1900, 1, 1));
        b.add_participant_value(5, &p).unwrap();
        let f = FollowUp {
            participant_id: "a".into(),
            date: ymd(2200, 1, 1),
            status: None,
            receives_assistance: None,
        };
        let e = b.add_follow_up_value(2, &f).unwrap_err();
        assert_eq!(
            at(e),
            (DataErrorKind::InvalidDate, Some(2), Some("date".into()))
        );
    }
}
