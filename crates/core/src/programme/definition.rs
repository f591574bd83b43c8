//! The programme definition as written in TOML or JSON
//! (`docs/programme.md#programme-definitions`): plain serde types with public
//! fields. [`Programme::new`](crate::Programme::new) validates one as a whole.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Level, TimePart, iso_date};
use crate::vocab::{ExitOutcome, Population};

/// A programme as written in its definition file, before validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeDefinition {
    /// The programme's id, e.g. a diary number (`2020/00551`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// First day of the programme period (`YYYY-MM-DD`, 1900–2199:
    /// `docs/programme.md#top-level-keys`).
    #[serde(deserialize_with = "programme_date")]
    pub start: NaiveDate,
    /// Last day of the programme period.
    #[serde(deserialize_with = "programme_date")]
    pub end: NaiveDate,
    /// How many participants the programme plans to enrol (at least 1).
    pub planned_participants: u32,
    /// The last day of recruitment, `start` < it ≤ `end`; the end when
    /// absent (`docs/method.md#recruitment`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_programme_date"
    )]
    pub recruitment_end: Option<NaiveDate>,
    /// Eligible age at entry, both bounds inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible_age: Option<[u32; 2]>,
    /// How baselines are chosen.
    #[serde(default)]
    pub baseline: BaselineRule,
    /// How several rows of one participant id are counted
    /// (`docs/method.md#episodes`); `once` when absent.
    #[serde(default)]
    pub reentry: ReentryRule,
    /// Follow-up horizons in months for the follow-up table (`docs/method.md#follow-ups`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_months: Option<Vec<u32>>,
    /// The planned gender split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender_target: Option<GenderTarget>,
    /// The progression parameters assessed repeatedly.
    #[serde(default)]
    pub parameters: Vec<ParameterDefinition>,
    /// The goals the programme promises.
    #[serde(default)]
    pub goals: Vec<GoalDefinition>,
    /// Breakdowns of the results: `age`, `tag:<name>`, `column:<name>`
    /// (`docs/programme.md#breakdowns`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakdowns: Vec<String>,
    /// Lower bounds of the age bands of the `age` breakdown (default
    /// `[18, 30, 55]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_bands: Option<Vec<u32>>,
    /// The default trend: every `quarter`, `half-year` or `year`
    /// (`docs/programme.md#trend`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<crate::trend::Period>,
    /// The report's status on a calendar date
    /// (`docs/programme.md#status-on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_on: Option<StatusOnDefinition>,
}

/// `status_on = { date, tolerance_days = 45 }` (`docs/programme.md#status-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusOnDefinition {
    /// The status date *D*: on or after `start`, on or before the report's
    /// as-of date.
    #[serde(deserialize_with = "programme_date")]
    pub date: NaiveDate,
    /// Follow-ups dated from *D* − this to *D* count
    /// ([`DEFAULT_TOLERANCE_DAYS`] when absent).
    #[serde(default = "default_tolerance_days")]
    pub tolerance_days: u32,
}

/// A programme date by the one date rule of `docs/data.md#dates`, without
/// a time part (`docs/programme.md#top-level-keys`); the message names the
/// rule, not the value.
fn programme_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(DATE_EXPECTED)
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<NaiveDate, E> {
            iso_date(s, TimePart::Refused).ok_or_else(|| E::custom(DATE_EXPECTED))
        }
    }
    d.deserialize_str(Visitor)
}

/// An optional programme date (`recruitment_end`), by the same rule.
fn optional_programme_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    programme_date(d).map(Some)
}

/// What a programme date must be.
pub(super) const DATE_EXPECTED: &str = "a date from 1900-01-01 to 2199-12-31 written YYYY-MM-DD";

/// Which assessment is a participant's baseline (`docs/method.md#baseline-latest-gain`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineRule {
    /// The earliest assessment in the window.
    #[default]
    First,
    /// The worse of the first two assessed dates (tie: the earlier).
    LowerOfFirstTwo,
}

/// How a participant id with several rows (episodes) is counted
/// (`docs/method.md#episodes`, `docs/decisions.md#decision-95`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReentryRule {
    /// One participant from the first entry to the final exit (ESF+).
    #[default]
    Once,
    /// Each episode a participant-episode of its own.
    PerEpisode,
    /// A second row of one id is `duplicate_participant`.
    Error,
}

impl ReentryRule {
    /// The snake_case name, as in the definition and the report.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The planned share of women and men (jämställdhetsmål).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenderTarget {
    /// Planned share of women, in [0, 1].
    pub woman: f64,
    /// Planned share of men, in [0, 1].
    pub man: f64,
    /// Planned share of non-binary participants, if the programme sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_binary: Option<f64>,
    /// Accepted deviation, ± share (default 0.05).
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
}

fn default_tolerance() -> f64 {
    0.05
}

/// One progression parameter: either a numeric `scale` or a ladder of `levels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterDefinition {
    /// Id used in assessments and criteria.
    pub id: String,
    /// Readable name (defaults to the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Inclusive integer scale `[min, max]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<[i64; 2]>,
    /// Ladder labels; level i is label i − 1, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<String>>,
    /// Whether a higher level is better (default true).
    #[serde(default = "default_true")]
    pub higher_is_better: bool,
}

fn default_true() -> bool {
    true
}

/// One goal: "at least `target` of `population` meet `criterion`".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalDefinition {
    /// Goal id.
    pub id: String,
    /// Readable name (defaults to the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The share to reach, in [0, 1].
    pub target: f64,
    /// The rule each participant meets or not.
    pub criterion: Criterion,
    /// Who is counted: a word, or an object with `of`, `after_months`,
    /// `tolerance_days` and `where` (`docs/programme.md#population`).
    #[serde(default)]
    pub population: GoalPopulation,
    /// Days in the programme before a participant counts.
    #[serde(default)]
    pub min_days: u32,
    /// What an unknown criterion value does.
    #[serde(default)]
    pub unknown: UnknownPolicy,
}

/// A goal's population (`docs/programme.md#population`): `"enrolled"`,
/// `"exited"`, `"active"`, or `{ of, after_months, tolerance_days, where }`.
/// Written back as the word when it is only a word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoalPopulation {
    /// The participants it starts from.
    pub of: Population,
    /// The follow-up horizon, with `of = "due"` only.
    pub after_months: Option<u32>,
    /// Half-width of that horizon's window, with `of = "due"` only
    /// ([`DEFAULT_TOLERANCE_DAYS`] when absent).
    pub tolerance_days: Option<u32>,
    /// Only those for whom this criterion is true.
    pub r#where: Option<Criterion>,
}

impl GoalPopulation {
    /// A population given as a word.
    pub fn of(of: Population) -> Self {
        GoalPopulation {
            of,
            ..GoalPopulation::default()
        }
    }

    /// Whether it is only a word (no object keys beyond `of`).
    pub fn is_word(&self) -> bool {
        self.of != Population::Due
            && self.after_months.is_none()
            && self.tolerance_days.is_none()
            && self.r#where.is_none()
    }
}

/// The object form, read and written by serde's derive.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PopulationObject {
    of: Population,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tolerance_days: Option<u32>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    r#where: Option<Criterion>,
}

impl Serialize for GoalPopulation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_word() {
            return self.of.serialize(s);
        }
        PopulationObject {
            of: self.of,
            after_months: self.after_months,
            tolerance_days: self.tolerance_days,
            r#where: self.r#where.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for GoalPopulation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = GoalPopulation;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("\"enrolled\", \"exited\", \"active\" or a table with `of`")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<GoalPopulation, E> {
                use serde::de::IntoDeserializer;
                let of = Population::deserialize(s.into_deserializer())?;
                if of == Population::Due {
                    // `due` needs its horizon: only in the object form.
                    return Err(E::invalid_value(
                        serde::de::Unexpected::Str(s),
                        &"\"enrolled\", \"exited\" or \"active\"",
                    ));
                }
                Ok(GoalPopulation::of(of))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<GoalPopulation, A::Error> {
                let o = PopulationObject::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                // Defaults filled in, so that the JSON form shows them.
                let tolerance_days = match o.of {
                    Population::Due => Some(o.tolerance_days.unwrap_or(DEFAULT_TOLERANCE_DAYS)),
                    _ => o.tolerance_days,
                };
                Ok(GoalPopulation {
                    of: o.of,
                    after_months: o.after_months,
                    tolerance_days,
                    r#where: o.r#where,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// What an unknown criterion value does to a goal result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnknownPolicy {
    /// Counts as not met: stays in the denominator.
    #[default]
    Fail,
    /// Left out of the denominator and reported as excluded.
    Exclude,
}

/// The name serde gives [`Criterion`] (its Rust name): the guard counts
/// criteria by it (guard.rs) and tells an unknown criterion kind by it.
pub(super) const CRITERION: &str = "Criterion";

/// A rule that says true, false or unknown per participant (`docs/method.md#criteria`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Enough parameters gained at least `min_gain` steps.
    Improved(Improved),
    /// The latest level of a parameter is at or beyond a level.
    Reached(Reached),
    /// The mean gain over the evaluable parameters is at least a threshold.
    MeanGain(MeanGain),
    /// Exited by as-of with one of these outcomes.
    ExitOutcome(Vec<ExitOutcome>),
    /// A follow-up some months after exit matches.
    FollowUp(FollowUpCriterion),
    /// On assistance at entry and no longer at exit or at a follow-up
    /// (`docs/programme.md#left-assistance`).
    LeftAssistance(LeftAssistance),
    /// The participant has this tag.
    Tag(String),
    /// Every sub-criterion holds (Kleene conjunction).
    All(Vec<Criterion>),
    /// Some sub-criterion holds (Kleene disjunction).
    Any(Vec<Criterion>),
    /// The sub-criterion does not hold (Kleene negation).
    Not(Box<Criterion>),
}

/// `improved {parameters?, min_gain = 1, at_least = 1}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Improved {
    /// The parameters considered; all of the programme's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Vec<String>>,
    /// The gain that counts as improvement.
    #[serde(default = "default_one")]
    pub min_gain: i64,
    /// How many parameters must improve.
    #[serde(default = "default_one_usize")]
    pub at_least: usize,
}

fn default_one() -> i64 {
    1
}
fn default_one_usize() -> usize {
    1
}

/// `reached {parameter, level}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reached {
    /// The parameter.
    pub parameter: String,
    /// The level to reach: a number or a ladder label.
    pub level: Level,
}

/// `mean_gain {parameters?, at_least}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeanGain {
    /// The parameters averaged; all of the programme's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Vec<String>>,
    /// The mean gain threshold.
    pub at_least: f64,
}

/// `follow_up {after_months, tolerance_days = 45, status?, receives_assistance?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpCriterion {
    /// Months after the exit date (calendar months, clamped to month end).
    pub after_months: u32,
    /// Half-width of the window around that date.
    #[serde(default = "default_tolerance_days")]
    pub tolerance_days: u32,
    /// Accepted statuses (one or a list).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "one_or_many")]
    pub status: Option<Vec<ExitOutcome>>,
    /// Required assistance state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receives_assistance: Option<bool>,
}

/// `left_assistance = "exit"` or `left_assistance = {after_months, tolerance_days = 45}`
/// (`docs/programme.md#left-assistance`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LeftAssistance {
    /// At exit: `assistance_at_exit`.
    Exit(AtExit),
    /// At a follow-up: its `receives_assistance`.
    FollowUp(LeftAssistanceFollowUp),
}

/// The word `"exit"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AtExit {
    /// At exit.
    Exit,
}

/// `{after_months, tolerance_days = 45}` of `left_assistance`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftAssistanceFollowUp {
    /// Months after the exit date (calendar months, clamped to month end).
    pub after_months: u32,
    /// Half-width of the window around that date.
    #[serde(default = "default_tolerance_days")]
    pub tolerance_days: u32,
}

/// The default follow-up tolerance in days.
pub const DEFAULT_TOLERANCE_DAYS: u32 = 45;

fn default_tolerance_days() -> u32 {
    DEFAULT_TOLERANCE_DAYS
}

/// `status = "employment"` or `status = ["employment", "education"]`.
mod one_or_many {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::model::ExitOutcome;

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(ExitOutcome),
        Many(Vec<ExitOutcome>),
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<ExitOutcome>>, D::Error> {
        Ok(Option::<OneOrMany>::deserialize(d)?.map(|v| match v {
            OneOrMany::One(o) => vec![o],
            OneOrMany::Many(v) => v,
        }))
    }

    pub(super) fn serialize<S: Serializer>(
        v: &Option<Vec<ExitOutcome>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Level::Number(n) => s.serialize_i64(*n),
            Level::Label(l) => s.serialize_str(l),
        }
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Label(String),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Number(n) => Level::Number(n),
            Raw::Label(l) => Level::Label(l),
        })
    }
}
