//! Adding rows on several threads (`docs/data.md#threads`). The
//! assessments and follow-ups tables only look participants up, so each
//! thread adds its rows into an [`Added`] of its own, and the threads'
//! rows are joined at the end. Nothing depends on which thread added which
//! row, and of the errors the threads meet the one at the smallest row
//! wins, as on one thread (`docs/decisions.md#decision-11`). Participants
//! make the index the other tables look up, so they are added on the
//! calling thread in row order; the checks of a row that need no other
//! row are made on any thread first.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::thread;

use super::interrupt::Hook;
use super::{
    Added, Checked, DatasetBuilder, Field, Lookup, check_participant, participant_row,
    read_when_checked,
};
use crate::error::{DataError, DataErrorKind};
use crate::vocab::Table;

/// How rows of a table are added from their cells.
pub(super) type AddCells = fn(&Lookup<'_>, &mut Added, u64, &[Field<'_>]) -> Result<(), DataError>;

/// How rows of `table` are added by a thread of their own, or `None` for
/// the participants, who make the index the other tables look up and so
/// are added on the builder's thread, in order.
pub(super) fn add_cells_of(table: Table) -> Option<AddCells> {
    match table {
        Table::Assessments => Some(|l, added, row, cells| l.assessment_cells(added, row, cells)),
        Table::FollowUps => Some(|l, added, row, cells| l.follow_up_cells(added, row, cells)),
        Table::Participants => None,
    }
}

/// Where a reader adds rows in [`DatasetBuilder::add_on_threads`]: to the
/// builder itself (the participants table, or one thread), or to one
/// thread's own rows.
pub struct RowSink<'b> {
    to: To<'b>,
    table: Table,
}

enum To<'b> {
    Builder(&'b mut DatasetBuilder),
    /// Participants rows checked, each check kept for [`To::Checked`].
    Check(&'b mut Vec<Checked>),
    /// Participants rows added to the builder with their checks, in the
    /// order they were made; a row past them is checked when added.
    Checked {
        builder: &'b mut DatasetBuilder,
        checked: std::vec::IntoIter<Checked>,
    },
    Thread {
        lookup: Lookup<'b>,
        added: &'b mut Added,
        add: AddCells,
        /// The builder's interrupt hook, asked by the calling thread only.
        hook: Option<&'b mut Hook>,
    },
}

impl<'b> RowSink<'b> {
    /// Rows of `table` added to the builder, as [`DatasetBuilder::add_cells`] does.
    pub(super) fn builder(builder: &'b mut DatasetBuilder, table: Table) -> Self {
        RowSink {
            to: To::Builder(builder),
            table,
        }
    }

    /// Participants rows checked into `checked`, and not added.
    pub(super) fn check(checked: &'b mut Vec<Checked>, table: Table) -> Self {
        RowSink {
            to: To::Check(checked),
            table,
        }
    }

    /// Participants rows added to `builder` with their `checked` checks,
    /// in order; rows past them are checked as they are added.
    pub(super) fn checked(
        builder: &'b mut DatasetBuilder,
        checked: Vec<Checked>,
        table: Table,
    ) -> Self {
        RowSink {
            to: To::Checked {
                builder,
                checked: checked.into_iter(),
            },
            table,
        }
    }

    /// Rows added by `add` to `added`, one thread's own; `hook` is asked
    /// every [`INTERRUPT_EVERY`](super::INTERRUPT_EVERY) rows when given.
    pub(super) fn thread(
        lookup: Lookup<'b>,
        added: &'b mut Added,
        add: AddCells,
        hook: Option<&'b mut Hook>,
        table: Table,
    ) -> Self {
        RowSink {
            to: To::Thread {
                lookup,
                added,
                add,
                hook,
            },
            table,
        }
    }

    /// As [`DatasetBuilder::prefetch_participants`].
    pub fn prefetch_participants<'a>(&self, ids: impl IntoIterator<Item = Field<'a>>) {
        match &self.to {
            To::Builder(builder) | To::Checked { builder, .. } => {
                builder.prefetch_participants(ids)
            }
            To::Check(_) => {}
            To::Thread { lookup, .. } => lookup.index.touch(ids),
        }
    }

    /// Whether a reader must view cell `k` of the next `rows` rows, or may
    /// leave it null: a sink adding participants whose checks are made
    /// reads only the rows' id, tags and breakdown cells (the checks read
    /// the others, `docs/data.md#threads`). Every other sink reads every
    /// cell, and so do rows without a check (were a checking thread gone,
    /// rows are checked as they are added). For readers whose cells cost
    /// something to view (Arrow's dates); handing every cell is always
    /// right.
    pub fn reads_cell(&self, k: usize, rows: usize) -> bool {
        match &self.to {
            To::Checked { checked, .. } => checked.len() < rows || read_when_checked(k),
            _ => true,
        }
    }

    /// As [`DatasetBuilder::reserve_participants`], for a sink that adds
    /// participants to the builder; others have no index to size.
    pub(super) fn reserve_participants(&mut self, participants: usize) {
        if let To::Builder(builder) | To::Checked { builder, .. } = &mut self.to {
            builder.reserve_participants(participants);
        }
    }

    /// As [`DatasetBuilder::add_cells`], for row `row` of the table.
    pub fn add_cells(&mut self, row: u64, cells: &[Field<'_>]) -> Result<(), DataError> {
        match &mut self.to {
            To::Builder(builder) => builder.add_cells(self.table, row, cells),
            To::Check(checked) => {
                checked.push(check_participant(row, &participant_row(cells)).map_err(Box::new));
                Ok(())
            }
            To::Checked { builder, checked } => {
                let checked = checked.next().unwrap_or_else(|| {
                    check_participant(row, &participant_row(cells)).map_err(Box::new)
                });
                builder.add_checked_cells(row, cells, checked)
            }
            To::Thread {
                lookup,
                added,
                add,
                hook,
            } => {
                if hook.as_mut().is_some_and(|h| h.stop()) {
                    let kind = DataErrorKind::Interrupted;
                    return Err(DataError::new(kind, self.table, Some(row), None));
                }
                add(lookup, added, row, cells)
            }
        }
    }
}

impl DatasetBuilder {
    /// Adds rows of `table` from `work` (batches of rows, say) on the
    /// builder's [threads](Self::read_threads): `add` is called for every
    /// item, on some thread, with a [`RowSink`] to add the item's rows to.
    /// Items of the assessments and follow-ups tables are added side by
    /// side in no set order, once each. Participants are added on this
    /// thread in order; on several threads `add` is called twice for each
    /// item: first, on any thread, to check the rows, then to add them with
    /// their checks. The dataset and the error returned are the same as
    /// adding every item in order on one thread: of the errors met, the
    /// one at the smallest row (`docs/data.md#threads`).
    pub fn add_on_threads<W: Sync>(
        &mut self,
        table: Table,
        work: Vec<W>,
        add: impl Fn(&W, &mut RowSink<'_>) -> Result<(), DataError> + Sync,
    ) -> Result<(), DataError> {
        let threads = self.threads.get().min(work.len());
        if threads <= 1 {
            let mut sink = RowSink::builder(self, table);
            return work.iter().try_for_each(|item| add(item, &mut sink));
        }
        let Some(add_cells) = add_cells_of(table) else {
            return self.add_participants_on_threads(threads, &work, add);
        };
        let lookup = Lookup {
            programme: &self.programme,
            index: &self.index,
        };
        let hook = &mut self.interrupt;
        let work = Mutex::new(work.iter());
        let failed = AtomicBool::new(false);
        // Each thread takes items in order until none are left or some
        // thread met an error. Every item before the failing one was
        // taken already and is added whole, so its errors are met too.
        let run = |hook: Option<&mut Hook>| {
            let mut added = Added::default();
            let mut sink = RowSink::thread(lookup, &mut added, add_cells, hook, table);
            let mut failure = None;
            while !failed.load(Ordering::Relaxed) {
                let item = work.lock().map(|mut w| w.next()).unwrap_or(None);
                let Some(item) = item else { break };
                if let Err(e) = add(item, &mut sink) {
                    failed.store(true, Ordering::Relaxed);
                    failure = Some(e);
                }
            }
            (added, failure)
        };
        let results = thread::scope(|scope| {
            let others: Vec<_> = (1..threads).map(|_| scope.spawn(|| run(None))).collect();
            let mut results = vec![run(Some(hook))];
            for other in others {
                results.push(
                    other
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                );
            }
            results
        });
        self.join_threads(results, None)
    }

    /// Adds the participants of `work` on this thread in order, each item's
    /// rows checked first ([`check_participant`]) by whichever of `threads`
    /// threads takes it: the others check items ahead, and this one checks
    /// the next item to add itself when no thread has yet. Checking is
    /// about half the work of a participants row, and needs no builder.
    fn add_participants_on_threads<W: Sync>(
        &mut self,
        threads: usize,
        work: &[W],
        add: impl Fn(&W, &mut RowSink<'_>) -> Result<(), DataError> + Sync,
    ) -> Result<(), DataError> {
        let table = Table::Participants;
        let next = AtomicUsize::new(0);
        // Checks the next item no thread has taken: its index and checks.
        let check = || {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let item = work.get(i)?;
            let mut checked = Vec::new();
            let _ = add(item, &mut RowSink::check(&mut checked, table));
            Some((i, checked))
        };
        thread::scope(|scope| {
            let (done, checks) = mpsc::channel();
            // A thread stops when no item is left, or when this one has
            // stopped taking checks (it added every item, or met an error).
            for _ in 1..threads {
                let done = done.clone();
                let check = &check;
                scope.spawn(move || {
                    while let Some(checked) = check() {
                        if done.send(checked).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done);
            let mut ready: Vec<Option<Vec<Checked>>> = work.iter().map(|_| None).collect();
            (0..work.len()).try_for_each(|k| {
                while ready[k].is_none() {
                    // A check made by another thread, else one made here,
                    // else wait for the one another thread is making. Were
                    // that thread gone, the item is checked as it is added.
                    let (i, checked) = match checks.try_recv() {
                        Ok(made) => made,
                        Err(_) => check()
                            .or_else(|| checks.recv().ok())
                            .unwrap_or((k, Vec::new())),
                    };
                    ready[i] = Some(checked);
                }
                let checked = ready[k].take().unwrap_or_default();
                add(&work[k], &mut RowSink::checked(self, checked, table))
            })
        })
    }

    /// Joins what each thread added, and returns the first error in row
    /// order: the smallest row of any thread's first error, else
    /// `stopped`, the reading error or interrupt that ended the reading
    /// (which comes after every row handed to a thread).
    pub(super) fn join_threads(
        &mut self,
        results: Vec<(Added, Option<DataError>)>,
        stopped: Option<DataError>,
    ) -> Result<(), DataError> {
        let mut first: Option<DataError> = None;
        for (rows, failure) in results {
            self.added.join(rows);
            if let Some(e) = failure
                && first.as_ref().is_none_or(|f| e.row() < f.row())
            {
                first = Some(e);
            }
        }
        match first.or(stopped) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}
