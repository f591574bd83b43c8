//! Criteria compiled once per evaluation (parameter ids resolved to indices,
//! outcomes to bit sets, tags to interned ids) and evaluated per participant
//! in Kleene three-valued logic (`docs/method.md#criteria`). The same walk writes the reason in
//! words when asked, so the explanation can never disagree with the count.

use super::state::{Observation, ParameterState, Standing, nearest_observation};
use crate::programme::{Criterion, Programme};
use crate::vocab::{ExitOutcome, Truth};
use crate::words::{Combinator, Language, Reason};

/// A reason being written, and its language.
pub(crate) struct Why {
    pub(crate) lang: Language,
    pub(crate) text: String,
}

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
    /// `None`: at exit; else at this horizon.
    LeftAssistance(Option<(u32, u32)>),
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
    pub(crate) status: crate::data::Status,
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
            Criterion::LeftAssistance(at) => Compiled::LeftAssistance(match at {
                crate::programme::LeftAssistance::Exit(_) => None,
                crate::programme::LeftAssistance::FollowUp(f) => {
                    Some((f.after_months, f.tolerance_days))
                }
            }),
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
    pub(crate) fn eval(&self, s: &Subject<'_>, mut why: Option<&mut Why>) -> Truth {
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
            Compiled::LeftAssistance(at) => left_assistance(s, *at, why),
            Compiled::Tag { id, name } => {
                let has = id.is_some_and(|id| s.tags.contains(&id));
                note(&mut why, Reason::Tag { name, has });
                Truth::from_bool(has)
            }
            Compiled::All(items) | Compiled::Any(items) => {
                let is_all = matches!(self, Compiled::All(_));
                let (decisive, otherwise) = if is_all {
                    (Truth::False, Truth::True)
                } else {
                    (Truth::True, Truth::False)
                };
                let open = if is_all {
                    Combinator::All
                } else {
                    Combinator::Any
                };
                note(&mut why, Reason::Open(open));
                let mut value = otherwise;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        note(&mut why, Reason::Separator);
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
                note(&mut why, Reason::Close);
                value
            }
            Compiled::Not(inner) => {
                note(&mut why, Reason::Open(Combinator::Not));
                let value = !inner.eval(s, why.as_deref_mut());
                note(&mut why, Reason::Close);
                value
            }
        }
    }
}

/// Writes a piece of the reason, when one is asked for. The piece is a
/// few words on the stack; nothing is rendered or allocated otherwise.
fn note(why: &mut Option<&mut Why>, reason: Reason<'_>) {
    if let Some(w) = why {
        w.lang.write_reason(&reason, &mut w.text);
    }
}

fn improved(
    s: &Subject<'_>,
    parameters: &[usize],
    min_gain: i64,
    at_least: usize,
    mut why: Option<&mut Why>,
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
                note(&mut why, Reason::Separator);
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
            Reason::ImprovedCount {
                hits,
                of: parameters.len(),
                needed: at_least,
            },
        );
    }
    value
}

fn describe_gain(
    why: &mut Option<&mut Why>,
    s: &Subject<'_>,
    q: usize,
    state: &ParameterState,
    gain: Option<i64>,
    min_gain: i64,
) {
    let parameter = s.programme.parameters()[q].id.as_str();
    let reason = match (state.baseline, state.latest, gain) {
        (Some(b), Some(l), Some(gain)) => Reason::Gain {
            parameter,
            baseline: b.level,
            latest: l.level,
            gain,
            min_gain,
        },
        (Some(b), Some(_), None) => Reason::BaselineOnly {
            parameter,
            baseline: b.level,
        },
        _ => Reason::NotEvaluable { parameter },
    };
    note(why, reason);
}

fn mean_gain(
    s: &Subject<'_>,
    parameters: &[usize],
    at_least: f64,
    mut why: Option<&mut Why>,
) -> Truth {
    let (mut sum, mut count) = (0i64, 0u32);
    for &q in parameters {
        if let Some(g) = s.states[q].gain(s.programme.scale(q)) {
            sum += g;
            count += 1;
        }
    }
    if count == 0 {
        note(&mut why, Reason::NoMeanGain);
        return Truth::Unknown;
    }
    let mean = sum as f64 / f64::from(count);
    let met = mean >= at_least - EPSILON;
    note(
        &mut why,
        Reason::MeanGain {
            mean,
            over: count,
            at_least,
            met,
        },
    );
    Truth::from_bool(met)
}

fn reached(s: &Subject<'_>, q: usize, level: i64, mut why: Option<&mut Why>) -> Truth {
    let parameter = s.programme.parameters()[q].id.as_str();
    let Some(latest) = s.states[q].latest else {
        note(&mut why, Reason::NotAssessed { parameter });
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
        Reason::Reached {
            parameter,
            latest: latest.level,
            level,
            reached: met,
        },
    );
    Truth::from_bool(met)
}

fn exit_outcome(s: &Subject<'_>, outcomes: u16, mut why: Option<&mut Why>) -> Truth {
    if s.standing.exit.is_none() {
        note(&mut why, Reason::NotExited);
        return Truth::False;
    }
    match s.outcome {
        None | Some(ExitOutcome::Unknown) => {
            note(&mut why, Reason::OutcomeUnknown);
            Truth::Unknown
        }
        Some(o) => {
            let met = outcomes & (1 << o.index()) != 0;
            note(
                &mut why,
                Reason::ExitedTo {
                    outcome: o,
                    listed: met,
                },
            );
            Truth::from_bool(met)
        }
    }
}

/// `left_assistance` (`docs/programme.md#left-assistance`): on assistance
/// at entry, and not at exit (or at the follow-up of the horizon).
fn left_assistance(s: &Subject<'_>, at: Option<(u32, u32)>, mut why: Option<&mut Why>) -> Truth {
    let at_entry = s.status.assistance_at_entry;
    note(&mut why, Reason::AssistanceAtEntry { on: at_entry });
    match at_entry {
        None => return Truth::Unknown,
        Some(false) => return Truth::False,
        Some(true) => {}
    }
    note(&mut why, Reason::Separator);
    let Some(exit) = s.standing.exit else {
        return match at {
            None => {
                note(&mut why, Reason::NotExited);
                Truth::False
            }
            Some((months, _)) => {
                note(&mut why, Reason::NoFollowUpYet { months });
                Truth::Unknown
            }
        };
    };
    let on = match at {
        None => s.status.assistance_at_exit,
        Some((months, tolerance)) => {
            let Some(o) = nearest_observation(s.observations, exit, months, tolerance) else {
                note(&mut why, Reason::NoFollowUp { months, tolerance });
                return Truth::Unknown;
            };
            if o.conflicting {
                note(&mut why, Reason::ConflictingFollowUps { date: o.date });
                return Truth::Unknown;
            }
            o.receives_assistance
        }
    };
    note(
        &mut why,
        Reason::AssistanceAfter {
            months: at.map(|(m, _)| m),
            on,
        },
    );
    on.map_or(Truth::Unknown, |on| Truth::from_bool(!on))
}

fn follow_up(
    s: &Subject<'_>,
    months: u32,
    tolerance: u32,
    statuses: Option<u16>,
    receives_assistance: Option<bool>,
    mut why: Option<&mut Why>,
) -> Truth {
    let Some(exit) = s.standing.exit else {
        note(&mut why, Reason::NoFollowUpYet { months });
        return Truth::Unknown;
    };
    let Some(o) = nearest_observation(s.observations, exit, months, tolerance) else {
        note(&mut why, Reason::NoFollowUp { months, tolerance });
        return Truth::Unknown;
    };
    if o.conflicting {
        note(&mut why, Reason::ConflictingFollowUps { date: o.date });
        return Truth::Unknown;
    }
    // A status recorded as `unknown` is as unknown as a missing one, like
    // an exit outcome (`docs/method.md#criteria`).
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
    note(
        &mut why,
        Reason::FollowUp {
            months,
            date: o.date,
            status: o.status,
            assistance: o.receives_assistance,
        },
    );
    value
}
