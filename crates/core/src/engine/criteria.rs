//! Criteria compiled once per evaluation (parameter ids resolved to indices,
//! outcomes to bit sets, tags to interned ids) and evaluated per participant
//! in Kleene three-valued logic (SPEC §5). The same walk writes the reason in
//! words when asked, so the explanation can never disagree with the count.

use std::fmt::Write;

use super::state::{Observation, ParameterState, Standing, nearest_observation};
use crate::programme::{Criterion, Programme};
use crate::vocab::{ExitOutcome, Truth};

const EPSILON: f64 = crate::EPSILON;

/// A criterion with every name resolved.
#[derive(Debug, Clone)]
pub(crate) enum Compiled {
    Improved {
        parameters: Vec<usize>,
        min_gain: i64,
        at_least: usize,
    },
    Reached {
        parameter: usize,
        level: i64,
    },
    MeanGain {
        parameters: Vec<usize>,
        at_least: f64,
    },
    ExitOutcome {
        outcomes: u16,
    },
    FollowUp {
        months: u32,
        tolerance: u32,
        statuses: Option<u16>,
        receives_assistance: Option<bool>,
    },
    Tag {
        id: Option<u32>,
        name: String,
    },
    All(Vec<Compiled>),
    Any(Vec<Compiled>),
    Not(Box<Compiled>),
}

fn outcome_set(outcomes: &[ExitOutcome]) -> u16 {
    outcomes.iter().fold(0, |set, o| set | 1 << o.index())
}

/// What a criterion looks at for one participant.
pub(crate) struct Subject<'a> {
    pub(crate) programme: &'a Programme,
    pub(crate) standing: Standing,
    pub(crate) outcome: Option<ExitOutcome>,
    pub(crate) states: &'a [ParameterState],
    pub(crate) observations: &'a [Observation],
    pub(crate) tags: &'a [u32],
}

impl Compiled {
    /// Resolves names; `tag_id` looks a tag up in the dataset.
    pub(crate) fn new(
        programme: &Programme,
        c: &Criterion,
        tag_id: &dyn Fn(&str) -> Option<u32>,
    ) -> Self {
        let all_or = |listed: &Option<Vec<String>>| match listed {
            Some(ids) => ids
                .iter()
                .filter_map(|id| programme.parameter_index(id))
                .collect(),
            None => (0..programme.parameters().len()).collect(),
        };
        match c {
            Criterion::Improved(i) => Compiled::Improved {
                parameters: all_or(&i.parameters),
                min_gain: i.min_gain,
                at_least: i.at_least,
            },
            Criterion::Reached(r) => {
                let parameter = programme
                    .parameter_index(&r.parameter)
                    .expect("validated parameter");
                let level = match &r.level {
                    crate::model::Level::Number(n) => *n,
                    crate::model::Level::Label(l) => programme
                        .scale(parameter)
                        .level_of(l)
                        .expect("validated label"),
                };
                Compiled::Reached { parameter, level }
            }
            Criterion::MeanGain(m) => Compiled::MeanGain {
                parameters: all_or(&m.parameters),
                at_least: m.at_least,
            },
            Criterion::ExitOutcome(list) => Compiled::ExitOutcome {
                outcomes: outcome_set(list),
            },
            Criterion::FollowUp(f) => Compiled::FollowUp {
                months: f.after_months,
                tolerance: f.tolerance_days,
                statuses: f.status.as_deref().map(outcome_set),
                receives_assistance: f.receives_assistance,
            },
            Criterion::Tag(name) => Compiled::Tag {
                id: tag_id(name.trim()),
                name: name.trim().to_owned(),
            },
            Criterion::All(items) => Compiled::All(
                items
                    .iter()
                    .map(|c| Compiled::new(programme, c, tag_id))
                    .collect(),
            ),
            Criterion::Any(items) => Compiled::Any(
                items
                    .iter()
                    .map(|c| Compiled::new(programme, c, tag_id))
                    .collect(),
            ),
            Criterion::Not(inner) => {
                Compiled::Not(Box::new(Compiled::new(programme, inner, tag_id)))
            }
        }
    }

    /// The criterion's value; with `why`, also the reason in words.
    pub(crate) fn eval(&self, s: &Subject<'_>, mut why: Option<&mut String>) -> Truth {
        match self {
            Compiled::Improved {
                parameters,
                min_gain,
                at_least,
            } => improved(s, parameters, *min_gain, *at_least, why),
            Compiled::MeanGain {
                parameters,
                at_least,
            } => mean_gain(s, parameters, *at_least, why),
            Compiled::Reached { parameter, level } => reached(s, *parameter, *level, why),
            Compiled::ExitOutcome { outcomes } => exit_outcome(s, *outcomes, why),
            Compiled::FollowUp {
                months,
                tolerance,
                statuses,
                receives_assistance,
            } => follow_up(s, *months, *tolerance, *statuses, *receives_assistance, why),
            Compiled::Tag { id, name } => {
                let has = id.is_some_and(|id| s.tags.contains(&id));
                note(
                    &mut why,
                    format_args!("{} tag {name}", if has { "has" } else { "no" }),
                );
                Truth::from_bool(has)
            }
            Compiled::All(items) | Compiled::Any(items) => {
                let is_all = matches!(self, Compiled::All(_));
                let (decisive, otherwise) = if is_all {
                    (Truth::False, Truth::True)
                } else {
                    (Truth::True, Truth::False)
                };
                note(
                    &mut why,
                    format_args!("{}(", if is_all { "all" } else { "any" }),
                );
                let mut value = otherwise;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        note(&mut why, format_args!("; "));
                    }
                    match item.eval(s, why.as_deref_mut()) {
                        v if v == decisive => value = decisive,
                        Truth::Unknown if value != decisive => value = Truth::Unknown,
                        _ => {}
                    }
                    // Without a reason to write, the first decisive value settles it.
                    if value == decisive && why.is_none() {
                        break;
                    }
                }
                note(&mut why, format_args!(")"));
                value
            }
            Compiled::Not(inner) => {
                note(&mut why, format_args!("not("));
                let value = !inner.eval(s, why.as_deref_mut());
                note(&mut why, format_args!(")"));
                value
            }
        }
    }
}

fn note(why: &mut Option<&mut String>, args: std::fmt::Arguments<'_>) {
    if let Some(w) = why {
        let _ = w.write_fmt(args);
    }
}

fn improved(
    s: &Subject<'_>,
    parameters: &[usize],
    min_gain: i64,
    at_least: usize,
    mut why: Option<&mut String>,
) -> Truth {
    let (mut hits, mut unevaluable) = (0, 0);
    for (i, &q) in parameters.iter().enumerate() {
        let state = &s.states[q];
        let gain = state.gain(s.programme.scale(q));
        match gain {
            Some(g) if g >= min_gain => hits += 1,
            Some(_) => {}
            None => unevaluable += 1,
        }
        if why.is_some() {
            if i > 0 {
                note(&mut why, format_args!("; "));
            }
            describe_gain(&mut why, s, q, state, gain, min_gain);
        }
    }
    let value = if hits >= at_least {
        Truth::True
    } else if hits + unevaluable >= at_least {
        Truth::Unknown
    } else {
        Truth::False
    };
    if parameters.len() > 1 || at_least > 1 {
        note(
            &mut why,
            format_args!(
                " [{hits} of {} improved, {at_least} needed]",
                parameters.len()
            ),
        );
    }
    value
}

fn describe_gain(
    why: &mut Option<&mut String>,
    s: &Subject<'_>,
    q: usize,
    state: &ParameterState,
    gain: Option<i64>,
    min_gain: i64,
) {
    let id = &s.programme.parameters()[q].id;
    match (state.baseline, state.latest, gain) {
        (Some(b), Some(l), Some(g)) => {
            let cmp = if g >= min_gain { "≥" } else { "<" };
            note(
                why,
                format_args!("{id} {} → {}, gain {g} {cmp} {min_gain}", b.level, l.level),
            );
        }
        (Some(b), Some(_), None) => note(why, format_args!("{id} {} only, not evaluable", b.level)),
        _ => note(why, format_args!("{id} not assessed, not evaluable")),
    }
}

fn mean_gain(
    s: &Subject<'_>,
    parameters: &[usize],
    at_least: f64,
    mut why: Option<&mut String>,
) -> Truth {
    let (mut sum, mut count) = (0i64, 0u32);
    for &q in parameters {
        if let Some(g) = s.states[q].gain(s.programme.scale(q)) {
            sum += g;
            count += 1;
        }
    }
    if count == 0 {
        note(
            &mut why,
            format_args!("no parameter evaluable for a mean gain"),
        );
        return Truth::Unknown;
    }
    let mean = sum as f64 / f64::from(count);
    let met = mean >= at_least - EPSILON;
    note(
        &mut why,
        format_args!(
            "mean gain {mean:.2} over {count} {} {at_least}",
            if met { "≥" } else { "<" }
        ),
    );
    Truth::from_bool(met)
}

fn reached(s: &Subject<'_>, q: usize, level: i64, mut why: Option<&mut String>) -> Truth {
    let id = &s.programme.parameters()[q].id;
    let Some(latest) = s.states[q].latest else {
        note(&mut why, format_args!("{id} not assessed"));
        return Truth::Unknown;
    };
    let scale = s.programme.scale(q);
    let met = if scale.higher_is_better {
        latest.level >= level
    } else {
        latest.level <= level
    };
    note(
        &mut why,
        format_args!(
            "{id} latest {} {} {level}",
            latest.level,
            if met { "reaches" } else { "below" }
        ),
    );
    Truth::from_bool(met)
}

fn exit_outcome(s: &Subject<'_>, outcomes: u16, mut why: Option<&mut String>) -> Truth {
    if s.standing.exit.is_none() {
        note(&mut why, format_args!("not exited"));
        return Truth::False;
    }
    match s.outcome {
        None | Some(ExitOutcome::Unknown) => {
            note(&mut why, format_args!("exited, outcome unknown"));
            Truth::Unknown
        }
        Some(o) => {
            let met = outcomes & (1 << o.index()) != 0;
            note(
                &mut why,
                format_args!("exited to {o}{}", if met { "" } else { " (not listed)" }),
            );
            Truth::from_bool(met)
        }
    }
}

fn follow_up(
    s: &Subject<'_>,
    months: u32,
    tolerance: u32,
    statuses: Option<u16>,
    receives_assistance: Option<bool>,
    mut why: Option<&mut String>,
) -> Truth {
    let Some(exit) = s.standing.exit else {
        note(
            &mut why,
            format_args!("not exited, no {months}-month follow-up"),
        );
        return Truth::Unknown;
    };
    let Some(o) = nearest_observation(s.observations, exit, months, tolerance) else {
        note(
            &mut why,
            format_args!("no follow-up within {tolerance} days of {months} months after exit"),
        );
        return Truth::Unknown;
    };
    if o.conflicting {
        note(
            &mut why,
            format_args!("conflicting follow-ups on {}", o.date),
        );
        return Truth::Unknown;
    }
    // A status recorded as `unknown` is as unknown as a missing one, like
    // an exit outcome (SPEC §5).
    let status = statuses.map(|set| match o.status {
        Some(ExitOutcome::Unknown) | None => Truth::Unknown,
        Some(st) => Truth::from_bool(set & (1 << st.index()) != 0),
    });
    let assistance = receives_assistance.map(|wanted| match o.receives_assistance {
        Some(r) => Truth::from_bool(r == wanted),
        None => Truth::Unknown,
    });
    let parts = [status, assistance];
    let value = if parts.contains(&Some(Truth::False)) {
        Truth::False
    } else if parts.contains(&Some(Truth::Unknown)) {
        Truth::Unknown
    } else {
        Truth::True
    };
    if why.is_some() {
        let status = o.status.map_or("status not recorded", ExitOutcome::as_str);
        let assistance = match o.receives_assistance {
            Some(true) => "receives assistance",
            Some(false) => "no assistance",
            None => "assistance not recorded",
        };
        note(
            &mut why,
            format_args!(
                "{months}-month follow-up {}: {status}, {assistance}",
                o.date
            ),
        );
    }
    value
}
