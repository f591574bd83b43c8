//! Whole-definition validation. Every error names the path of the offending
//! value with 0-based indices, e.g. `goals[1].criterion.any[0].improved.parameters[0]`.

use std::collections::HashSet;

use super::definition::{
    Criterion, DATE_EXPECTED, GoalPopulation, ParameterDefinition, ProgrammeDefinition,
};
use super::{MAX_CRITERION_DEPTH, MAX_CRITERION_NODES, MAX_LADDER_LEVELS, MAX_SCALE_LEVEL, Scale};
use crate::error::{ProgrammeError, ProgrammeErrorKind as Kind};
use crate::model::{ExitOutcome, Level, date_in_range};
use crate::vocab::Population;

const EPSILON: f64 = 1e-9;

/// Where scale bounds may lie.
const LEVELS: std::ops::RangeInclusive<i64> = -MAX_SCALE_LEVEL..=MAX_SCALE_LEVEL;

pub(super) fn programme(def: &ProgrammeDefinition) -> Result<(), ProgrammeError> {
    // A definition read from text met this as it was read; one built in
    // code meets it here (`docs/programme.md#top-level-keys`).
    for (key, date) in [("start", def.start), ("end", def.end)] {
        if date_in_range(date).is_none() {
            return Err(ProgrammeError::new(Kind::InvalidValue, key, DATE_EXPECTED));
        }
    }
    if def.start >= def.end {
        return Err(ProgrammeError::new(
            Kind::InvalidPeriod,
            "end",
            "the programme must end after it starts",
        ));
    }
    if let Some(date) = def.recruitment_end {
        if date_in_range(date).is_none() {
            return Err(ProgrammeError::new(
                Kind::InvalidValue,
                "recruitment_end",
                DATE_EXPECTED,
            ));
        }
        // `docs/programme.md#top-level-keys`: start < recruitment_end ≤ end.
        if date <= def.start || date > def.end {
            return Err(ProgrammeError::new(
                Kind::InvalidPeriod,
                "recruitment_end",
                "recruitment must end after the start and no later than the end",
            ));
        }
    }
    if let Some(s) = def.status_on {
        // `docs/programme.md#status-on`: a programme date, not before start.
        if date_in_range(s.date).is_none() {
            return Err(ProgrammeError::new(
                Kind::InvalidValue,
                "status_on.date",
                DATE_EXPECTED,
            ));
        }
        if s.date < def.start {
            return Err(ProgrammeError::new(
                Kind::StatusOnBeforeStart,
                "status_on.date",
                "the status date must not be before the programme's start",
            ));
        }
    }
    if def.planned_participants < 1 {
        return Err(ProgrammeError::new(
            Kind::InvalidPeriod,
            "planned_participants",
            "at least 1 participant",
        ));
    }
    if let Some([low, high]) = def.eligible_age
        && low > high
    {
        return Err(ProgrammeError::new(
            Kind::InvalidValue,
            "eligible_age",
            "lower age above upper age",
        ));
    }
    if let Some(t) = &def.gender_target {
        let shares = [
            ("woman", Some(t.woman)),
            ("man", Some(t.man)),
            ("non_binary", t.non_binary),
            ("tolerance", Some(t.tolerance)),
        ];
        for (key, share) in shares {
            if let Some(share) = share {
                share_in_unit(share, &format!("gender_target.{key}"))?;
            }
        }
        if t.woman + t.man + t.non_binary.unwrap_or(0.0) > 1.0 + EPSILON {
            return Err(ProgrammeError::new(
                Kind::TargetOutOfRange,
                "gender_target",
                "target shares sum above 1",
            ));
        }
    }
    let mut ids = HashSet::new();
    for (i, p) in def.parameters.iter().enumerate() {
        non_empty(&p.id, &format!("parameters[{i}].id"))?;
        if !ids.insert(p.id.as_str()) {
            return Err(ProgrammeError::new(
                Kind::DuplicateId,
                format!("parameters[{i}].id"),
                "parameter id used twice",
            ));
        }
        check_scale(p, &format!("parameters[{i}]"))?;
    }
    let mut goal_ids = HashSet::new();
    let mut nodes = 0;
    for (i, goal) in def.goals.iter().enumerate() {
        non_empty(&goal.id, &format!("goals[{i}].id"))?;
        if !goal_ids.insert(goal.id.as_str()) {
            return Err(ProgrammeError::new(
                Kind::DuplicateId,
                format!("goals[{i}].id"),
                "goal id used twice",
            ));
        }
        share_in_unit(goal.target, &format!("goals[{i}].target"))?;
        let path = format!("goals[{i}].criterion");
        criterion(def, &goal.criterion, &path, 1, &mut nodes)?;
        population(
            def,
            &goal.population,
            &format!("goals[{i}].population"),
            &mut nodes,
        )?;
    }
    Ok(())
}

/// A goal's population (`docs/programme.md#population`): `after_months`
/// and `tolerance_days` with `of = "due"` only, `after_months` required
/// there; `where` is a criterion like any other, counted towards the limits.
fn population(
    def: &ProgrammeDefinition,
    p: &GoalPopulation,
    path: &str,
    nodes: &mut usize,
) -> Result<(), ProgrammeError> {
    let due = p.of == Population::Due;
    if due && p.after_months.is_none() {
        return Err(ProgrammeError::new(
            Kind::MissingKey,
            format!("{path}.after_months"),
            "a population `of = \"due\"` needs `after_months`",
        ));
    }
    for (key, given) in [
        ("after_months", p.after_months.is_some()),
        ("tolerance_days", p.tolerance_days.is_some()),
    ] {
        if given && !due {
            return Err(ProgrammeError::new(
                Kind::InvalidValue,
                format!("{path}.{key}"),
                "only a population `of = \"due\"` has a follow-up horizon",
            ));
        }
    }
    if let Some(c) = &p.r#where {
        criterion(def, c, &format!("{path}.where"), 1, nodes)?;
    }
    Ok(())
}

fn non_empty(id: &str, path: &str) -> Result<(), ProgrammeError> {
    if id.trim().is_empty() {
        return Err(ProgrammeError::new(
            Kind::InvalidValue,
            path,
            "an id cannot be empty",
        ));
    }
    Ok(())
}

fn share_in_unit(share: f64, path: &str) -> Result<(), ProgrammeError> {
    if (0.0..=1.0).contains(&share) {
        Ok(())
    } else {
        Err(ProgrammeError::new(
            Kind::TargetOutOfRange,
            path,
            "must be a share between 0 and 1",
        ))
    }
}

fn check_scale(p: &ParameterDefinition, path: &str) -> Result<(), ProgrammeError> {
    match (&p.scale, &p.levels) {
        // Gains and their sums then stay far inside i64 (`docs/programme.md#limits`).
        (Some(bounds), None) if bounds.iter().any(|b| !LEVELS.contains(b)) => {
            Err(ProgrammeError::new(
                Kind::InvalidScale,
                format!("{path}.scale"),
                format!("scale bounds must lie within -{MAX_SCALE_LEVEL} and {MAX_SCALE_LEVEL}"),
            ))
        }
        (Some([low, high]), None) if low <= high => Ok(()),
        (Some(_), None) => Err(ProgrammeError::new(
            Kind::InvalidScale,
            format!("{path}.scale"),
            "empty scale: min above max",
        )),
        (None, Some(levels)) if levels.is_empty() => Err(ProgrammeError::new(
            Kind::InvalidScale,
            format!("{path}.levels"),
            "a ladder needs at least one level",
        )),
        (None, Some(levels)) if levels.len() > MAX_LADDER_LEVELS => Err(ProgrammeError::new(
            Kind::InvalidScale,
            format!("{path}.levels"),
            format!("a ladder may have at most {MAX_LADDER_LEVELS} levels"),
        )),
        (None, Some(levels)) => {
            let mut seen = HashSet::new();
            match levels
                .iter()
                .position(|l| l.trim().is_empty() || !seen.insert(l.trim().to_lowercase()))
            {
                Some(j) => Err(ProgrammeError::new(
                    Kind::InvalidScale,
                    format!("{path}.levels[{j}]"),
                    "level labels must be non-empty and distinct",
                )),
                None => Ok(()),
            }
        }
        (None, None) => Err(ProgrammeError::new(
            Kind::InvalidScale,
            path,
            "give either `scale` or `levels`",
        )),
        (Some(_), Some(_)) => Err(ProgrammeError::new(
            Kind::InvalidScale,
            path,
            "give either `scale` or `levels`, not both",
        )),
    }
}

pub(super) fn scale_of(p: &ParameterDefinition) -> Scale {
    let (min, max) = match (&p.scale, &p.levels) {
        (Some([low, high]), _) => (*low, *high),
        (None, Some(levels)) => (1, levels.len() as i64),
        (None, None) => unreachable!("validated: a parameter has a scale or levels"),
    };
    Scale {
        min,
        max,
        labels: p.levels.clone(),
        higher_is_better: p.higher_is_better,
    }
}

fn criterion(
    def: &ProgrammeDefinition,
    c: &Criterion,
    path: &str,
    depth: usize,
    nodes: &mut usize,
) -> Result<(), ProgrammeError> {
    // Text and dicts never get here that deep or that large (the guard
    // stops them while reading); a definition built in code can.
    if depth > MAX_CRITERION_DEPTH {
        return Err(ProgrammeError::new(
            Kind::CriterionTooDeep,
            path,
            "criteria nested too deep",
        ));
    }
    *nodes += 1;
    if *nodes > MAX_CRITERION_NODES {
        return Err(ProgrammeError::new(
            Kind::CriterionTooLarge,
            path,
            format!("more than {MAX_CRITERION_NODES} criteria in all goals together"),
        ));
    }
    let invalid =
        |at: String, message: &str| Err(ProgrammeError::new(Kind::InvalidCriterion, at, message));
    match c {
        Criterion::Improved(imp) => {
            let path = format!("{path}.improved");
            let listed = parameter_list(def, imp.parameters.as_deref(), &path)?;
            if imp.at_least < 1 || imp.at_least > listed {
                return invalid(
                    format!("{path}.at_least"),
                    "at_least must be between 1 and the number of parameters",
                );
            }
        }
        Criterion::MeanGain(mg) => {
            let path = format!("{path}.mean_gain");
            parameter_list(def, mg.parameters.as_deref(), &path)?;
            if !mg.at_least.is_finite() {
                return invalid(format!("{path}.at_least"), "at_least must be a number");
            }
        }
        Criterion::Reached(r) => {
            let path = format!("{path}.reached");
            let Some(p) = def.parameters.iter().find(|p| p.id == r.parameter) else {
                return undefined(format!("{path}.parameter"));
            };
            let scale = scale_of(p);
            let ok = match &r.level {
                Level::Number(n) => scale.contains(*n),
                Level::Label(l) => scale.level_of(l).is_some(),
            };
            if !ok {
                return invalid(
                    format!("{path}.level"),
                    "level is not on the parameter's scale",
                );
            }
        }
        Criterion::ExitOutcome(outcomes) => {
            if outcomes.is_empty() {
                return invalid(format!("{path}.exit_outcome"), "list at least one outcome");
            }
            if let Some(j) = outcomes.iter().position(|o| *o == ExitOutcome::Unknown) {
                return invalid(
                    format!("{path}.exit_outcome[{j}]"),
                    "`unknown` cannot be a target outcome",
                );
            }
        }
        Criterion::FollowUp(f) => {
            if f.status.as_ref().is_some_and(Vec::is_empty) {
                return invalid(
                    format!("{path}.follow_up.status"),
                    "list at least one status",
                );
            }
        }
        Criterion::LeftAssistance(_) => {}
        Criterion::Tag(tag) => {
            if tag.trim().is_empty() {
                return invalid(format!("{path}.tag"), "a tag cannot be empty");
            }
        }
        Criterion::All(items) | Criterion::Any(items) => {
            let key = if matches!(c, Criterion::All(_)) {
                "all"
            } else {
                "any"
            };
            if items.is_empty() {
                return invalid(format!("{path}.{key}"), "list at least one criterion");
            }
            for (j, item) in items.iter().enumerate() {
                criterion(def, item, &format!("{path}.{key}[{j}]"), depth + 1, nodes)?;
            }
        }
        Criterion::Not(inner) => {
            criterion(def, inner, &format!("{path}.not"), depth + 1, nodes)?;
        }
    }
    Ok(())
}

/// Checks a `parameters` list; returns how many parameters it names
/// (all of the programme's when absent).
fn parameter_list(
    def: &ProgrammeDefinition,
    listed: Option<&[String]>,
    path: &str,
) -> Result<usize, ProgrammeError> {
    let Some(listed) = listed else {
        if def.parameters.is_empty() {
            return Err(ProgrammeError::new(
                Kind::InvalidCriterion,
                path,
                "the programme defines no parameters",
            ));
        }
        return Ok(def.parameters.len());
    };
    if listed.is_empty() {
        return Err(ProgrammeError::new(
            Kind::InvalidCriterion,
            format!("{path}.parameters"),
            "list at least one parameter",
        ));
    }
    for (j, id) in listed.iter().enumerate() {
        if !def.parameters.iter().any(|p| &p.id == id) {
            return undefined(format!("{path}.parameters[{j}]"));
        }
        if listed[..j].contains(id) {
            return Err(ProgrammeError::new(
                Kind::DuplicateId,
                format!("{path}.parameters[{j}]"),
                "parameter listed twice",
            ));
        }
    }
    Ok(listed.len())
}

fn undefined<T>(path: String) -> Result<T, ProgrammeError> {
    Err(ProgrammeError::new(
        Kind::UndefinedParameter,
        path,
        "names a parameter the programme does not define",
    ))
}
