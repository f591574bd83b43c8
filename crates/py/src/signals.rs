//! Ctrl-C during an evaluation (`docs/python.md#interrupts`,
//! `docs/decisions.md#decision-73`): the core asks an [`Interrupt`] hook
//! every 1 024 rows or participants; this one reads a monotonic clock and,
//! when [`INTERVAL`] has passed since it last looked, checks for signals
//! (attaching to the interpreter if the GIL was released). The exception
//! `check_signals` returns is kept and raised instead of the core's
//! `interrupted` error, so nothing is swallowed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use pyo3::prelude::*;
use stegvis::data::Interrupt;

use crate::error::{Error, Result};

/// How often signals are checked at most: half the 100 ms promised, so a
/// slow batch of rows still keeps within it.
const INTERVAL: Duration = Duration::from_millis(50);

/// The exception a signal handler raised, shared by the hooks of one call.
#[derive(Clone, Default)]
pub(crate) struct Signals {
    pending: Arc<Mutex<Option<PyErr>>>,
}

impl Signals {
    pub(crate) fn new() -> Self {
        Signals::default()
    }

    /// A hook for the core: reads, then evaluation, each get their own.
    pub(crate) fn hook(&self) -> Box<dyn Interrupt + Send> {
        Box::new(Hook {
            signals: self.clone(),
            last: Instant::now(),
        })
    }

    fn keep(&self, err: PyErr) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.get_or_insert(err);
    }

    /// Frees `value` (the tables read so far: a million ids are a million
    /// allocations) on another thread when a signal stopped the call, so
    /// the exception is raised at once; otherwise here.
    pub(crate) fn discard<T: Send + 'static>(&self, value: T) {
        if self
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
        {
            // If no thread can be started, the closure and `value` are
            // dropped here instead.
            let _ = std::thread::Builder::new().spawn(move || drop(value));
        }
    }

    /// Waits for what another thread sends on `result`, checking for
    /// signals every [`INTERVAL`] as the hook does; when a handler raises,
    /// sets `stop` (which that thread's hook reads) and waits on.
    pub(crate) fn wait<T>(&self, result: Receiver<Result<T>>, stop: &AtomicBool) -> Result<T> {
        let mut hook = self.hook();
        loop {
            match result.recv_timeout(INTERVAL) {
                Ok(value) => return value,
                Err(RecvTimeoutError::Timeout) => {
                    if hook.interrupted() {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(Error::Internal(
                        "a reading thread ended without a result".into(),
                    ));
                }
            }
        }
    }

    /// The exception a signal handler raised while this call ran, if any.
    pub(crate) fn take(&self) -> Option<PyErr> {
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// The error to raise for `e`: the exception a signal handler raised,
    /// if any did while this call ran (whatever `e` is), else `e`.
    pub(crate) fn error(&self, e: Error) -> Error {
        self.take().map_or(e, Error::Python)
    }
}

struct Hook {
    signals: Signals,
    last: Instant,
}

impl Interrupt for Hook {
    fn interrupted(&mut self) -> bool {
        if self.last.elapsed() < INTERVAL {
            return false;
        }
        match Python::attach(|py| py.check_signals()) {
            Ok(()) => {
                self.last = Instant::now();
                false
            }
            Err(err) => {
                self.signals.keep(err);
                true
            }
        }
    }
}
