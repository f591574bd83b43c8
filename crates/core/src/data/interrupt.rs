//! Stopping a long read or evaluation from outside
//! (`docs/python.md#interrupts`, `docs/decisions.md#decision-73`).
//!
//! A binding hands the [`DatasetBuilder`](super::DatasetBuilder) and
//! [`Dataset::evaluate_with`](super::Dataset::evaluate_with) an [`Interrupt`]
//! hook. The core asks it every [`INTERRUPT_EVERY`] rows (every reader goes
//! through `add_cells` or [`Records`](super::Records)) and every
//! [`INTERRUPT_EVERY`] participants of an evaluation, and stops with the
//! error `interrupted` when it says so. Without a hook the cost is one
//! counter decrement per row; with one, one call per [`INTERRUPT_EVERY`]
//! rows, and the hook decides how much more to do (Python's reads a clock
//! and checks for signals only when about 50 ms have passed).

use std::fmt;

/// How many rows (while reading) or participants (while evaluating) pass
/// between two calls of the hook.
pub const INTERRUPT_EVERY: u32 = 1024;

/// Asked now and then whether to stop a read or an evaluation: by every
/// reader of a [`DatasetBuilder`](super::DatasetBuilder) given it with
/// `interrupt_with`, and by [`Dataset::evaluate_with`](super::Dataset::evaluate_with)
/// (`docs/python.md#interrupts`).
pub trait Interrupt {
    /// True to stop: the read or the evaluation then returns the error
    /// `interrupted`. Called every [`INTERRUPT_EVERY`] rows or participants,
    /// on the thread that reads or evaluates.
    fn interrupted(&mut self) -> bool;
}

impl<F: FnMut() -> bool> Interrupt for F {
    fn interrupted(&mut self) -> bool {
        self()
    }
}

/// Counts down the rows between two calls of a hook.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Countdown(u32);

impl Default for Countdown {
    fn default() -> Self {
        Countdown(INTERRUPT_EVERY)
    }
}

impl Countdown {
    /// One more row: true every [`INTERRUPT_EVERY`]th time.
    #[inline]
    pub(crate) fn due(&mut self) -> bool {
        self.0 -= 1;
        if self.0 == 0 {
            self.0 = INTERRUPT_EVERY;
            true
        } else {
            false
        }
    }

    /// One more row: whether `hook` says to stop, asked every
    /// [`INTERRUPT_EVERY`]th time.
    #[inline]
    pub(crate) fn stop(&mut self, hook: &mut dyn Interrupt) -> bool {
        self.due() && hook.interrupted()
    }
}

/// The builder's hook, if any, and its countdown.
#[derive(Default)]
pub(crate) struct Hook {
    hook: Option<Box<dyn Interrupt + Send>>,
    countdown: Countdown,
}

impl fmt::Debug for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hook")
            .field("set", &self.hook.is_some())
            .field("countdown", &self.countdown)
            .finish()
    }
}

/// A builder's clone asks no hook: the hook is the caller's, for one read.
impl Clone for Hook {
    fn clone(&self) -> Self {
        Hook::default()
    }
}

impl Hook {
    pub(crate) fn set(&mut self, hook: Box<dyn Interrupt + Send>) {
        self.hook = Some(hook);
        self.countdown = Countdown::default();
    }

    /// One more row: whether to stop.
    #[inline]
    pub(crate) fn stop(&mut self) -> bool {
        self.countdown.due() && self.hook.as_mut().is_some_and(|h| h.interrupted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_is_asked_every_interrupt_every_rows() {
        let asked = std::cell::Cell::new(0u32);
        let mut countdown = Countdown::default();
        let mut hook = || {
            asked.set(asked.get() + 1);
            false
        };
        for _ in 0..3 * INTERRUPT_EVERY - 1 {
            assert!(!countdown.stop(&mut hook));
        }
        assert_eq!(asked.get(), 2);
        assert!(!countdown.stop(&mut hook));
        assert_eq!(asked.get(), 3);
    }
}
