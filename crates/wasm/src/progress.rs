//! `options.progress` of `evaluate` (`docs/page.md#progress`): a function
//! told now and then how far reading and evaluating have come, so that a
//! page evaluating in a Web Worker can show a progress bar.
//!
//! It rides on the core's interrupt hook (`stegvis::data::Interrupt`),
//! which the core asks every [`INTERRUPT_EVERY`] rows while reading and
//! every [`INTERRUPT_EVERY`] participants while evaluating; so counts move
//! in steps of that size, and without `progress` nothing is asked at all.

use std::cell::RefCell;

use js_sys::{Function, Object, Reflect};
use stegvis::data::{INTERRUPT_EVERY, Interrupt};
use wasm_bindgen::JsValue;

thread_local! {
    /// The callback of the `evaluate` running now, and where it has come.
    /// The builder's hook must be `Send`, which a JS function is not, so the
    /// hook reaches the function through here (wasm32 has one thread).
    static CURRENT: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Where an evaluation has come.
#[derive(Clone)]
struct State {
    callback: Function,
    /// The tables object key being read (`None` for a workbook, whose
    /// sheets are read in one go), or `None` while evaluating.
    table: Option<&'static str>,
    reading: bool,
    /// Whether the comparison group's tables are being read.
    comparison: bool,
    /// Hook calls since this table (or the evaluation) started.
    calls: u32,
}

/// Reports progress to `callback` until dropped; restores what was before
/// (a callback may itself call `evaluate`).
pub(crate) struct Reporting {
    previous: Option<State>,
}

impl Reporting {
    /// Starts reporting to `callback` when it is a function; `None` (no
    /// reporting) for `undefined` or `null`.
    pub(crate) fn start(callback: Option<Function>) -> Option<Reporting> {
        let callback = callback?;
        let state = State {
            callback,
            table: None,
            reading: true,
            comparison: false,
            calls: 0,
        };
        let previous = CURRENT.with(|c| c.replace(Some(state)));
        Some(Reporting { previous })
    }
}

impl Drop for Reporting {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// Whether an `evaluate` with a progress callback is running.
pub(crate) fn active() -> bool {
    CURRENT.with(|c| c.borrow().is_some())
}

/// From now on the rows read are those of `table` (a tables object key;
/// `None` for a workbook), of the comparison group when `comparison`.
pub(crate) fn reading(table: Option<&'static str>, comparison: bool) {
    update(|s| {
        s.reading = true;
        s.table = table;
        s.comparison = comparison;
        s.calls = 0;
    });
}

/// From now on the count is of participants evaluated.
pub(crate) fn evaluating() {
    update(|s| {
        s.reading = false;
        s.table = None;
        s.comparison = false;
        s.calls = 0;
    });
    // Tell at once, so a progress bar can leave the reading stage even
    // when fewer than INTERRUPT_EVERY participants follow.
    tell();
}

fn update(change: impl FnOnce(&mut State)) {
    CURRENT.with(|c| {
        if let Some(state) = c.borrow_mut().as_mut() {
            change(state);
        }
    });
}

/// The hook for the builder and the evaluation: counts one step of
/// [`INTERRUPT_EVERY`] and tells the callback. True (stop, with the error
/// `interrupted`) when the callback throws.
pub(crate) fn hook() -> Box<dyn Interrupt + Send> {
    Box::new(step)
}

/// One step of the hook, usable where the core takes `&mut dyn Interrupt`.
pub(crate) fn step() -> bool {
    update(|s| s.calls = s.calls.saturating_add(1));
    !tell()
}

/// Calls the callback with where the evaluation has come; false when it
/// threw. The state is cloned first so that no borrow is held while the
/// caller's code runs.
fn tell() -> bool {
    let Some(state) = CURRENT.with(|c| c.borrow().clone()) else {
        return true;
    };
    let done = f64::from(state.calls) * f64::from(INTERRUPT_EVERY);
    let event = Object::new();
    // Setting plain properties on a fresh object cannot fail.
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&event, &key.into(), &value);
    };
    if state.reading {
        set("stage", "reading".into());
        set(
            "table",
            state.table.map_or(JsValue::NULL, JsValue::from_str),
        );
        set("comparison", state.comparison.into());
        set("rows", done.into());
    } else {
        set("stage", "evaluating".into());
        set("participants", done.into());
    }
    // `call1` catches what the callback throws, so nothing unwinds
    // through the module (docs/data.md#js-values).
    state.callback.call1(&JsValue::UNDEFINED, &event).is_ok()
}
