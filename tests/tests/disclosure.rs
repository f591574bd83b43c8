//! Disclosure control against an attacker who solves for hidden counts
//! (`docs/report.md#disclosure-control`, `docs/decisions.md#decision-63`).
//!
//! The attacker reads a publishable copy (its JSON, as the public would)
//! and the programme definition (public too), writes down every linear
//! relation the report's tables imply between counts, puts in the shown
//! counts as constants, and solves exactly over the integers. A hidden count
//! — or a count the report never prints but implies, such as observed −
//! assistance_known — that lies in 1..min_cell−1 or was hidden must not be
//! determined. This is written independently of the core's suppression code
//! (it works on JSON paths, not on the core's relation list), so that a
//! relation the core forgets is a failing case here rather than a shared
//! blind spot.
//!
//! Shares, intervals, the gender gap, `status` and `confident` are checked by
//! rule: a published one must be computable from published counts alone.

// Genders and breakdown columns are indexed in parallel across several
// vectors; index loops say that more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};
use stegvis::{Dataset, ExitOutcome, Options, Programme, Report};

const GENDERS: [&str; 4] = ["woman", "man", "non_binary", "unknown"];
const PARAMETER_IDS: [&str; 2] = ["step", "health"];

/// Keys of `exits.by_outcome` and `follow_ups[].by_status`, in order.
fn outcome_keys() -> Vec<&'static str> {
    ExitOutcome::ALL
        .iter()
        .map(|o| o.as_str())
        .chain(["missing"])
        .collect()
}

/// The per-gender exit counts goals relate to.
struct ByGender {
    exited: Vec<usize>,
    active: Vec<usize>,
    /// Per gender, per outcome key.
    outcomes: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A count the report prints (maybe as "suppressed").
    Cell,
    /// A count of people the report implies but does not print.
    Implied,
    /// A number that is not a count (a ladder's sum of gains).
    Latent,
}

struct Var {
    name: String,
    kind: Kind,
    /// The true value (from the unsuppressed report).
    truth: Option<i64>,
    /// Whether the attacker knows it.
    known: bool,
}

/// The attacker's model of one report.
struct Attack<'a> {
    truth: &'a Value,
    public: &'a Value,
    programme: &'a Value,
    min_cell: i64,
    vars: Vec<Var>,
    by_name: BTreeMap<String, usize>,
    /// Σ coefficient × var = 0.
    equations: Vec<Vec<(usize, i64)>>,
}

fn at<'v>(v: &'v Value, pointer: &str) -> &'v Value {
    v.pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the report"))
}

impl<'a> Attack<'a> {
    fn new(truth: &'a Value, public: &'a Value, programme: &'a Value, min_cell: u64) -> Self {
        Attack {
            truth,
            public,
            programme,
            min_cell: min_cell as i64,
            vars: Vec::new(),
            by_name: BTreeMap::new(),
            equations: Vec::new(),
        }
    }

    /// The printed count at a JSON pointer.
    fn cell(&mut self, pointer: &str) -> usize {
        if let Some(&v) = self.by_name.get(pointer) {
            return v;
        }
        let truth = at(self.truth, pointer).as_i64();
        assert!(truth.is_some(), "{pointer}: not a count in the full report");
        let shown = at(self.public, pointer);
        let known = shown.is_i64();
        if known {
            assert_eq!(shown.as_i64(), truth, "{pointer}: shown value differs");
        } else {
            assert_eq!(shown, "suppressed", "{pointer}");
        }
        self.push(pointer.to_owned(), Kind::Cell, truth, known)
    }

    fn push(&mut self, name: String, kind: Kind, truth: Option<i64>, known: bool) -> usize {
        self.vars.push(Var {
            name: name.clone(),
            kind,
            truth,
            known,
        });
        self.by_name.insert(name, self.vars.len() - 1);
        self.vars.len() - 1
    }

    /// An implied count: `total` − Σ `parts`, known to the attacker only if
    /// it is 0 (pessimistically: the programme may tell them so).
    fn implied(&mut self, name: String, total: usize, parts: &[usize]) -> usize {
        let truth = self.vars[total].truth.and_then(|t| {
            parts
                .iter()
                .try_fold(t, |acc, &p| Some(acc - self.vars[p].truth?))
        });
        let v = self.push(name, Kind::Implied, truth, truth == Some(0));
        let mut eq = vec![(total, 1)];
        eq.extend(parts.iter().map(|&p| (p, -1)));
        eq.push((v, -1));
        self.equation(eq);
        v
    }

    /// total = Σ parts.
    fn sum(&mut self, total: usize, parts: &[usize]) {
        let mut eq = vec![(total, 1)];
        eq.extend(parts.iter().map(|&p| (p, -1)));
        self.equation(eq);
    }

    fn equation(&mut self, eq: Vec<(usize, i64)>) {
        // A relation the attacker believes must hold in the real data, or
        // the model (not the suppression) is wrong.
        let total = eq
            .iter()
            .try_fold(0i64, |acc, &(v, c)| Some(acc + c * self.vars[v].truth?));
        assert!(
            total.is_none_or(|t| t == 0),
            "relation does not hold: {}",
            eq.iter()
                .map(|&(v, c)| format!("{c}·{}={:?}", self.vars[v].name, self.vars[v].truth))
                .collect::<Vec<_>>()
                .join(" + ")
        );
        self.equations.push(eq);
    }

    fn genders(&mut self, prefix: &str, key: &str) -> Vec<usize> {
        GENDERS
            .iter()
            .map(|g| self.cell(&format!("{prefix}/by_gender/{g}/{key}")))
            .collect()
    }

    /// Every relation of the report's tables.
    fn relations(&mut self) {
        let programme = self.programme;
        let enrolled = self.cell("/enrolment/enrolled");
        let gender = self.genders("/enrolment", "count");
        self.sum(enrolled, &gender);
        // Re-entry (docs/report.md#disclosure-relations): episodes =
        // participants + re-entries; the enrolled are the participants (or
        // per episode the episodes); re-entrants are part of both.
        let participants = self.cell("/enrolment/reentry/participants");
        let episodes = self.cell("/enrolment/reentry/episodes");
        let reentrants = self.cell("/enrolment/reentry/reentrants");
        let reentries = self.cell("/enrolment/reentry/reentries");
        self.sum(episodes, &[participants, reentries]);
        let counted = match programme["reentry"].as_str() {
            Some("per_episode") => episodes,
            _ => participants,
        };
        self.sum(enrolled, &[counted]);
        self.implied(
            "persons with one episode".into(),
            participants,
            &[reentrants],
        );
        self.implied(
            "returns after a second episode".into(),
            reentries,
            &[reentrants],
        );
        // A positive `needed` or `missed` is round(target × planned) − count
        // (docs/report.md#disclosure-relations): a shown one pins the count.
        let planned = at(self.truth, "/enrolment/planned").as_f64();
        for (g, key) in GENDERS.iter().enumerate() {
            let target = programme["gender_target"][key].as_f64();
            for field in ["needed", "missed"] {
                let pointer = format!("/enrolment/by_gender/{key}/{field}");
                let (Some(t), Some(p), Some(short)) =
                    (target, planned, at(self.public, &pointer).as_i64())
                else {
                    continue;
                };
                if short > 0 {
                    let plan = (t * p + 0.5 + 1e-9).floor() as i64;
                    let plan = self.push(format!("{key} plan"), Kind::Implied, Some(plan), true);
                    let short = self.push(pointer, Kind::Implied, Some(short), true);
                    self.sum(plan, &[gender[g], short]);
                }
            }
        }

        let exited = self.cell("/exits/exited");
        let outcomes: Vec<usize> = outcome_keys()
            .iter()
            .map(|o| self.cell(&format!("/exits/by_outcome/{o}/count")))
            .collect();
        self.sum(exited, &outcomes);
        let active = self.implied("active".into(), enrolled, &[exited]);
        // Exits by gender: the outcome × gender table, both margins, and a
        // gender's enrolment = its exited + its active.
        let keys = outcome_keys();
        let mut exited_g = Vec::new();
        let mut outcomes_g = Vec::new();
        let mut active_g = Vec::new();
        for g in 0..4 {
            let prefix = format!("/exits/by_gender/{}", GENDERS[g]);
            let e = self.cell(&format!("{prefix}/exited"));
            let cells: Vec<usize> = keys
                .iter()
                .map(|o| self.cell(&format!("{prefix}/by_outcome/{o}/count")))
                .collect();
            self.sum(e, &cells);
            active_g.push(self.implied(format!("active {g}"), gender[g], &[e]));
            exited_g.push(e);
            outcomes_g.push(cells);
        }
        self.sum(exited, &exited_g);
        self.sum(active, &active_g);
        for o in 0..keys.len() {
            let cells: Vec<usize> = (0..4).map(|g| outcomes_g[g][o]).collect();
            self.sum(outcomes[o], &cells);
        }
        let by_gender = ByGender {
            exited: exited_g.clone(),
            active: active_g,
            outcomes: outcomes_g,
        };

        let parameters = at(self.truth, "/parameters")
            .as_array()
            .expect("well-formed")
            .len();
        for q in 0..parameters {
            self.parameter("", q, enrolled, &gender);
        }
        let goals = at(self.truth, "/goals")
            .as_array()
            .expect("well-formed")
            .len();
        for j in 0..goals {
            let def = &programme["goals"][j];
            self.goal(
                "",
                j,
                def,
                programme,
                [enrolled, exited, active],
                &gender,
                Some(&outcomes),
                Some(&by_gender),
            );
        }
        let horizons = at(self.truth, "/follow_ups")
            .as_array()
            .expect("well-formed")
            .len();
        for h in 0..horizons {
            let p = format!("/follow_ups/{h}");
            let (all, implied_all) = self.horizon_part(&p, exited);
            let mut per = Vec::new();
            let mut implied_per = Vec::new();
            for g in 0..4 {
                let prefix = format!("{p}/by_gender/{}", GENDERS[g]);
                let (cells, implied) = self.horizon_part(&prefix, exited_g[g]);
                per.push(cells);
                implied_per.push(implied);
            }
            for k in 0..all.len() {
                let cells: Vec<usize> = per.iter().map(|c| c[k]).collect();
                self.sum(all[k], &cells);
            }
            for k in 0..implied_all.len() {
                let cells: Vec<usize> = implied_per.iter().map(|c| c[k]).collect();
                self.sum(implied_all[k], &cells);
            }
        }
        let issues = at(self.truth, "/data_quality")
            .as_array()
            .expect("well-formed")
            .clone();
        for (k, issue) in issues.iter().enumerate() {
            let same = match issue["kind"].as_str() {
                Some("unknown_gender") => gender[3],
                Some("missing_exit_outcome") => outcomes[outcomes.len() - 1],
                _ => continue,
            };
            let count = self.cell(&format!("/data_quality/{k}/count"));
            self.sum(count, &[same]);
        }
        self.breakdowns(parameters, goals);
        let mut enrolled_all = vec![enrolled];
        enrolled_all.extend(&gender);
        let mut exited_all = vec![exited];
        exited_all.extend(&exited_g);
        self.esf(&enrolled_all, &exited_all);
        self.comparison(goals);
        self.trend(goals);
        self.status_on(&exited_all);
    }

    /// The status on a date (docs/report.md#disclosure-relations, from
    /// docs/method.md#status-on-a-date): overall and per gender, exited =
    /// with + no follow-up, with = the statuses = on + not on + not
    /// recorded, each count = its genders; its exited is the report's when
    /// the date is the as-of date, and part of it unless re-entrants are
    /// counted once.
    fn status_on(&mut self, exited: &[usize]) {
        if at(self.truth, "/status_on").is_null() {
            return;
        }
        let keys = outcome_keys();
        let mut parts: Vec<Vec<usize>> = Vec::new();
        for prefix in std::iter::once("/status_on".to_owned())
            .chain(GENDERS.iter().map(|g| format!("/status_on/by_gender/{g}")))
        {
            let c = |a: &mut Self, k: &str| a.cell(&format!("{prefix}/{k}"));
            let mut v = vec![
                c(self, "exited"),
                c(self, "with_follow_up"),
                c(self, "no_follow_up"),
            ];
            for k in &keys {
                v.push(c(self, &format!("by_status/{k}")));
            }
            for k in [
                "on_assistance",
                "not_on_assistance",
                "assistance_not_recorded",
            ] {
                v.push(c(self, k));
            }
            self.sum(v[0], &[v[1], v[2]]);
            self.sum(v[1], &v[3..3 + keys.len()]);
            self.sum(v[1], &v[3 + keys.len()..]);
            parts.push(v);
        }
        for k in 0..parts[0].len() {
            let cells: Vec<usize> = parts[1..].iter().map(|p| p[k]).collect();
            self.sum(parts[0][k], &cells);
        }
        let own: Vec<usize> = parts.iter().map(|p| p[0]).collect();
        if at(self.truth, "/status_on/date") == at(self.truth, "/as_of") {
            for (&report, &mine) in exited.iter().zip(&own) {
                self.sum(report, &[mine]);
            }
        } else if self.programme["reentry"].as_str() != Some("once") {
            self.nest("status on: exited after the date", exited, &[&own]);
        }
    }

    /// `[total, woman, man, non_binary, unknown]` of a `{total, by_gender}`
    /// count at `p`, with total = Σ genders.
    fn gender_count(&mut self, p: &str) -> Vec<usize> {
        let mut v = vec![self.cell(&format!("{p}/total"))];
        for g in GENDERS {
            v.push(self.cell(&format!("{p}/by_gender/{g}")));
        }
        self.sum(v[0], &v[1..]);
        v
    }

    /// The same counts of a part of an assistance step (`[all, genders]`).
    fn step_count(&mut self, p: &str, key: &str) -> Vec<usize> {
        let mut v = vec![self.cell(&format!("{p}/{key}"))];
        for g in GENDERS {
            v.push(self.cell(&format!("{p}/by_gender/{g}/{key}")));
        }
        self.sum(v[0], &v[1..]);
        v
    }

    /// parent ⊇ Σ children, overall and per gender; the rests add up.
    fn nest(&mut self, name: &str, parent: &[usize], children: &[&[usize]]) {
        let rest: Vec<usize> = (0..parent.len())
            .map(|k| {
                let parts: Vec<usize> = children.iter().map(|c| c[k]).collect();
                self.implied(format!("{name} rest {k}"), parent[k], &parts)
            })
            .collect();
        self.sum(rest[0], &rest[1..]);
    }

    /// parent = Σ children, overall and per gender.
    fn split(&mut self, parent: &[usize], children: &[&[usize]]) {
        for k in 0..parent.len() {
            let parts: Vec<usize> = children.iter().map(|c| c[k]).collect();
            self.sum(parent[k], &parts);
        }
    }

    /// The before/after assistance table and the ESF+ section
    /// (docs/report.md#disclosure-relations), read from docs/esf.md and
    /// docs/method.md#assistance-before-after, not from the core's code.
    fn esf(&mut self, enrolled: &[usize], exited: &[usize]) {
        let recorded = self.gender_count("/assistance/recorded_at_entry");
        let on = self.gender_count("/assistance/on_assistance_at_entry");
        self.nest("recorded at entry", enrolled, &[&recorded]);
        self.nest("on at entry", &recorded, &[&on]);
        let steps = at(self.truth, "/assistance/steps")
            .as_array()
            .expect("well-formed")
            .len();
        for k in 0..steps {
            let p = format!("/assistance/steps/{k}");
            let population = self.step_count(&p, "population");
            let rec = self.step_count(&p, "recorded");
            let off = self.step_count(&p, "not_on_assistance");
            self.nest(&format!("{p} population"), &on, &[&population]);
            self.nest(&format!("{p} recorded"), &population, &[&rec]);
            self.nest(&format!("{p} off"), &rec, &[&off]);
            if k == 0 {
                self.nest(&format!("{p} exited"), exited, &[&population]);
            } else {
                let h = format!("/follow_ups/{}", k - 1);
                let due = self.step_count(&h, "due");
                let known = self.step_count(&h, "assistance_known");
                let not_receiving = self.step_count(&h, "not_receiving_assistance");
                self.nest(&format!("{p} due"), &due, &[&population]);
                self.nest(&format!("{p} known"), &known, &[&rec]);
                self.nest(&format!("{p} not receiving"), &not_receiving, &[&off]);
            }
        }
        if at(self.truth, "/esf").is_null() {
            return;
        }
        let mut c = |k: &str| self.gender_count(&format!("/esf/indicators/{k}"));
        let p = c("participants");
        let [u, ltu, inactive, employed, missing_labour] = [
            "unemployed",
            "long_term_unemployed",
            "inactive",
            "employed",
            "missing_labour_status",
        ]
        .map(&mut c);
        let [i02, i34, i58, missing_education] =
            ["isced_0_2", "isced_3_4", "isced_5_8", "missing_education"].map(&mut c);
        let [u18, a18, a55, missing_birth] = [
            "age_under_18",
            "age_18_29",
            "age_55_plus",
            "missing_birth_date",
        ]
        .map(&mut c);
        let [left, open, js, edu, qual, emp, none] = [
            "left",
            "window_open",
            "job_searching",
            "in_education",
            "gaining_qualification",
            "in_employment",
            "no_event_in_window",
        ]
        .map(&mut c);
        let [due, reached, emp6] =
            ["due_6_months", "reached_6_months", "employed_6_months"].map(&mut c);
        let missing_gender = c("missing_gender");
        self.split(enrolled, &[&p]);
        self.split(&p, &[&u, &inactive, &employed, &missing_labour]);
        self.nest("unemployed", &u, &[&ltu]);
        self.split(&p, &[&i02, &i34, &i58, &missing_education]);
        self.nest("age", &p, &[&u18, &a18, &a55, &missing_birth]);
        self.sum(enrolled[4], &[missing_gender[0]]);
        self.split(exited, &[&left, &open]);
        self.nest("last event", &left, &[&js, &edu, &emp, &none]);
        self.nest("qualification", &left, &[&qual]);
        self.nest("due 6", exited, &[&due]);
        self.nest("reached 6", &due, &[&reached]);
        self.nest("employed 6", &reached, &[&emp6]);
        // The six-month horizon of the follow-up table, when it has one.
        let horizons = at(self.truth, "/follow_ups")
            .as_array()
            .expect("well-formed")
            .clone();
        if let Some(h) = horizons
            .iter()
            .position(|h| h["after_months"] == 6 && h["tolerance_days"] == 45)
        {
            let hp = format!("/follow_ups/{h}");
            let h_due = self.step_count(&hp, "due");
            let h_reached = self.step_count(&hp, "reached");
            let work = self.step_count(&hp, "by_status/employment");
            let subsidised = self.step_count(&hp, "by_status/subsidised_employment");
            self.split(&h_due, &[&due]);
            self.split(&h_reached, &[&reached]);
            self.split(&emp6, &[&work, &subsidised]);
        }
    }

    /// The comparison (docs/comparison.md#disclosure-control): the
    /// participants' side is the report's own counts; each group's goal
    /// counts relate as a goal's do within that group's enrolled; every
    /// balance characteristic adds up to the group's enrolled; a
    /// participants' age or tag row is the breakdown group's enrolled; a
    /// tag goal over everyone counts the tag's row; the comparison group's
    /// unknown_gender issue is its unknown gender row.
    fn comparison(&mut self, goals: usize) {
        let programme = self.programme;
        let c = at(self.truth, "/comparison");
        if c.is_null() {
            return;
        }
        let own = self.cell("/enrolment/enrolled");
        let enrolled = [
            self.cell("/comparison/participants_enrolled"),
            self.cell("/comparison/comparison_enrolled"),
        ];
        self.sum(enrolled[0], &[own]);
        let keys = [
            "population_size",
            "achieved",
            "unknown",
            "excluded",
            "denominator",
        ];
        for j in 0..goals {
            for k in keys {
                let copy = self.cell(&format!("/comparison/goals/{j}/participants/{k}"));
                let original = self.cell(&format!("/goals/{j}/{k}"));
                self.sum(copy, &[original]);
            }
            let root = format!("/comparison/goals/{j}/comparison");
            let [size, achieved, unknown, excluded, denominator] =
                keys.map(|k| self.cell(&format!("{root}/{k}")));
            self.sum(size, &[denominator, excluded]);
            if programme["goals"][j]["unknown"] == "exclude" {
                self.sum(excluded, &[unknown]);
            }
            self.implied(format!("{root} false"), size, &[achieved, unknown]);
            self.implied(format!("{root} outside"), enrolled[1], &[size]);
        }
        let rows = c["balance"].as_array().expect("well-formed").clone();
        for (side, name) in ["participants", "comparison"].into_iter().enumerate() {
            let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
            for (r, row) in rows.iter().enumerate() {
                let cell = self.cell(&format!("/comparison/balance/{r}/{name}/count"));
                let kind = row["characteristic"].as_str().expect("a word").to_owned();
                let group = row["group"].as_str().expect("a word");
                by.entry(kind.clone()).or_default().push(cell);
                match (side, kind.as_str()) {
                    (0, "gender") => {
                        let same = self.cell(&format!("/enrolment/by_gender/{group}/count"));
                        self.sum(cell, &[same]);
                    }
                    (0, "age" | "tag") => {
                        let (id, key) = if kind == "age" {
                            ("age".to_owned(), group)
                        } else {
                            (format!("tag:{group}"), "yes")
                        };
                        let breakdowns = at(self.truth, "/breakdowns").as_array().expect("a list");
                        let found = breakdowns.iter().enumerate().find_map(|(b, x)| {
                            (x["id"] == id.as_str()).then_some(b).and_then(|b| {
                                x["groups"]
                                    .as_array()?
                                    .iter()
                                    .position(|g| g["group"] == key)
                                    .map(|k| {
                                        format!("/breakdowns/{b}/groups/{k}/enrolment/enrolled")
                                    })
                            })
                        });
                        if let Some(path) = found {
                            let same = self.cell(&path);
                            self.sum(cell, &[same]);
                        }
                    }
                    (1, "gender") if group == "unknown" => {
                        let issues = c["data_quality"].as_array().expect("a list");
                        for (k, issue) in issues.iter().enumerate() {
                            if issue["kind"] == "unknown_gender" {
                                let count =
                                    self.cell(&format!("/comparison/data_quality/{k}/count"));
                                self.sum(count, &[cell]);
                            }
                        }
                    }
                    _ => {}
                }
                if kind == "tag" {
                    self.implied(format!("{name} without {group}"), enrolled[side], &[cell]);
                    for j in 0..goals {
                        let def = &programme["goals"][j];
                        let everyone = def["criterion"]["tag"] == group
                            && at(
                                self.truth,
                                &format!("/comparison/goals/{j}/{name}/population_size"),
                            ) == at(self.truth, &format!("/comparison/{name}_enrolled"));
                        if everyone {
                            let achieved =
                                self.cell(&format!("/comparison/goals/{j}/{name}/achieved"));
                            self.sum(achieved, &[cell]);
                        }
                    }
                }
            }
            for kind in ["gender", "age"] {
                if let Some(cells) = by.get(kind) {
                    self.sum(enrolled[side], cells);
                }
            }
        }
    }

    /// Each trend date is a report of its own (docs/decisions.md#decision-119):
    /// enrolled = its gender counts, a goal's denominator within enrolled and
    /// achieved within the denominator; at the report's date every count is
    /// the report's. Differences between dates are not modelled: each date
    /// is published as a separate report would be.
    fn trend(&mut self, goals: usize) {
        let points = at(self.truth, "/trend")
            .as_array()
            .expect("well-formed")
            .len();
        let as_of = at(self.truth, "/as_of").clone();
        for k in 0..points {
            let root = format!("/trend/{k}");
            let enrolled = self.cell(&format!("{root}/enrolled"));
            let gender = self.genders(&root, "count");
            self.sum(enrolled, &gender);
            let same = at(self.truth, &format!("{root}/as_of")) == &as_of;
            if same {
                let total = self.cell("/enrolment/enrolled");
                self.sum(total, &[enrolled]);
                let report = self.genders("/enrolment", "count");
                for (&r, &own) in report.iter().zip(&gender) {
                    self.sum(r, &[own]);
                }
            }
            for j in 0..goals {
                let achieved = self.cell(&format!("{root}/goals/{j}/achieved"));
                let denominator = self.cell(&format!("{root}/goals/{j}/denominator"));
                self.implied(format!("{root} goal {j} outside"), enrolled, &[denominator]);
                self.implied(
                    format!("{root} goal {j} not achieved"),
                    denominator,
                    &[achieved],
                );
                if same {
                    let a = self.cell(&format!("/goals/{j}/achieved"));
                    let d = self.cell(&format!("/goals/{j}/denominator"));
                    self.sum(a, &[achieved]);
                    self.sum(d, &[denominator]);
                }
            }
        }
    }

    /// One part (overall or one gender) of a follow-up horizon at JSON
    /// pointer `p`: its printed counts and its implied ones (not yet due,
    /// neither due nor early, reached without recorded assistance,
    /// receiving assistance).
    fn horizon_part(&mut self, p: &str, exited: usize) -> (Vec<usize>, Vec<usize>) {
        let keys = [
            "due",
            "reached",
            "not_reached",
            "early",
            "assistance_known",
            "not_receiving_assistance",
        ];
        let mut cells: Vec<usize> = keys
            .iter()
            .map(|k| self.cell(&format!("{p}/{k}")))
            .collect();
        let status: Vec<usize> = outcome_keys()
            .iter()
            .map(|o| self.cell(&format!("{p}/by_status/{o}")))
            .collect();
        let [due, reached, not_reached, early, known, not_receiving] =
            [cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]];
        self.sum(due, &[reached, not_reached]);
        self.sum(reached, &status);
        let not_due = self.implied(format!("{p} not due"), exited, &[due]);
        let neither = self.implied(format!("{p} neither due nor early"), not_due, &[early]);
        let not_recorded = self.implied(format!("{p} assistance not recorded"), reached, &[known]);
        let receiving = self.implied(format!("{p} receiving"), known, &[not_receiving]);
        cells.extend(status);
        (cells, vec![not_due, neither, not_recorded, receiving])
    }

    /// Each group's tables relate as the report's do, and each breakdown's
    /// groups add up to the report (docs/report.md#disclosure-relations):
    /// enrolled, exited, per gender, every goal count and every parameter
    /// count, overall and per gender.
    fn breakdowns(&mut self, parameters: usize, goals: usize) {
        let programme = self.programme;
        // (a group's count, the report's count its groups add up to)
        let mut counts = vec![
            (
                "/enrolment/enrolled".to_owned(),
                "/enrolment/enrolled".to_owned(),
            ),
            ("/enrolment/exited".to_owned(), "/exits/exited".to_owned()),
        ];
        for g in GENDERS {
            let path = format!("/enrolment/by_gender/{g}/count");
            counts.push((path.clone(), path));
        }
        let mut tables = Vec::new();
        for j in 0..goals {
            for k in [
                "population_size",
                "achieved",
                "unknown",
                "excluded",
                "denominator",
            ] {
                tables.push(format!("/goals/{j}/{k}"));
            }
            for g in GENDERS {
                for k in ["achieved", "unknown", "excluded", "denominator"] {
                    tables.push(format!("/goals/{j}/by_gender/{g}/{k}"));
                }
            }
        }
        for q in 0..parameters {
            let keys = ["evaluable", "improved", "unchanged", "worsened"];
            for k in keys {
                tables.push(format!("/parameters/{q}/{k}"));
            }
            for g in GENDERS {
                for k in keys {
                    tables.push(format!("/parameters/{q}/by_gender/{g}/{k}"));
                }
            }
        }
        counts.extend(tables.into_iter().map(|p| (p.clone(), p)));
        let breakdowns = at(self.truth, "/breakdowns")
            .as_array()
            .expect("well-formed")
            .len();
        for b in 0..breakdowns {
            let groups = at(self.truth, &format!("/breakdowns/{b}/groups"))
                .as_array()
                .expect("well-formed")
                .len();
            let mut parts: Vec<Vec<usize>> = vec![Vec::new(); counts.len()];
            for k in 0..groups {
                let root = format!("/breakdowns/{b}/groups/{k}");
                let enrolled = self.cell(&format!("{root}/enrolment/enrolled"));
                let exited = self.cell(&format!("{root}/enrolment/exited"));
                let gender = self.genders(&format!("{root}/enrolment"), "count");
                self.sum(enrolled, &gender);
                let active = self.implied(format!("{root} active"), enrolled, &[exited]);
                for q in 0..parameters {
                    self.parameter(&root, q, enrolled, &gender);
                }
                for j in 0..goals {
                    let def = &programme["goals"][j];
                    let bases = [enrolled, exited, active];
                    self.goal(&root, j, def, programme, bases, &gender, None, None);
                }
                for ((group_path, _), cells) in counts.iter().zip(&mut parts) {
                    cells.push(self.cell(&format!("{root}{group_path}")));
                }
            }
            for ((_, total), cells) in counts.iter().zip(&parts) {
                let total = self.cell(total);
                self.sum(total, cells);
            }
        }
    }

    fn parameter(&mut self, root: &str, q: usize, enrolled: usize, gender: &[usize]) {
        let p = format!("{root}/parameters/{q}");
        let keys = ["evaluable", "improved", "unchanged", "worsened"];
        let all: Vec<usize> = keys
            .iter()
            .map(|k| self.cell(&format!("{p}/{k}")))
            .collect();
        let per: Vec<Vec<usize>> = keys.iter().map(|k| self.genders(&p, k)).collect();
        self.sum(all[0], &all[1..]);
        for g in 0..4 {
            self.sum(per[0][g], &[per[1][g], per[2][g], per[3][g]]);
        }
        for k in 0..4 {
            self.sum(all[k], &per[k].clone());
        }
        let rest = self.implied(format!("{p} not evaluable"), enrolled, &[all[0]]);
        let rest_g: Vec<usize> = (0..4)
            .map(|g| self.implied(format!("{p} not evaluable {g}"), gender[g], &[per[0][g]]))
            .collect();
        self.sum(rest, &rest_g);
        let Some(matrix) = at(self.truth, &format!("{p}/transitions"))
            .as_array()
            .cloned()
        else {
            return;
        };
        let mut cells = Vec::new();
        for (b, row) in matrix.iter().enumerate() {
            for l in 0..row.as_array().expect("well-formed").len() {
                cells.push((b, l, self.cell(&format!("{p}/transitions/{b}/{l}"))));
            }
        }
        let every: Vec<usize> = cells.iter().map(|c| c.2).collect();
        self.sum(all[0], &every);
        let higher_is_better = self.higher_is_better(root, q);
        let (up, down) = if higher_is_better {
            (all[1], all[3])
        } else {
            (all[3], all[1])
        };
        let side = |f: fn(usize, usize) -> bool| -> Vec<usize> {
            cells.iter().filter(|c| f(c.0, c.1)).map(|c| c.2).collect()
        };
        let (above, on, below) = (side(|b, l| l > b), side(|b, l| l == b), side(|b, l| l < b));
        self.sum(up, &above);
        self.sum(all[2], &on);
        self.sum(down, &below);
        // Σ cells × (distance from the diagonal) = mean_gain × evaluable.
        let mean = |v: &Value| at(v, &format!("{p}/mean_gain")).as_f64();
        let evaluable = |v: &Value| at(v, &format!("{p}/evaluable")).as_f64();
        let gains = mean(self.truth)
            .zip(evaluable(self.truth))
            .map(|(m, n)| (m * n).round() as i64)
            .or(Some(0));
        let known = mean(self.public).is_some() && evaluable(self.public).is_some();
        let sum = self.push(format!("{p} sum of gains"), Kind::Latent, gains, known);
        let sign = if higher_is_better { 1 } else { -1 };
        let mut eq: Vec<(usize, i64)> = cells
            .iter()
            .map(|&(b, l, c)| (c, sign * (l as i64 - b as i64)))
            .filter(|&(_, k)| k != 0)
            .collect();
        eq.push((sum, -1));
        self.equation(eq);
    }

    fn higher_is_better(&self, root: &str, q: usize) -> bool {
        // Not in the report's JSON; the programme says it.
        let id = at(self.truth, &format!("{root}/parameters/{q}/id"));
        self.programme["parameters"]
            .as_array()
            .expect("a list of parameters")
            .iter()
            .find(|p| &p["id"] == id)
            .and_then(|p| p["higher_is_better"].as_bool())
            .unwrap_or(true)
    }

    #[allow(clippy::too_many_arguments)]
    fn goal(
        &mut self,
        root: &str,
        j: usize,
        def: &Value,
        programme: &Value,
        [enrolled, exited, active]: [usize; 3],
        gender: &[usize],
        outcomes: Option<&[usize]>,
        // The report's exits by gender; `None` in a group.
        by_gender: Option<&ByGender>,
    ) {
        let p = format!("{root}/goals/{j}");
        let size = self.cell(&format!("{p}/population_size"));
        let keys = ["achieved", "unknown", "excluded", "denominator"];
        let all: Vec<usize> = keys
            .iter()
            .map(|k| self.cell(&format!("{p}/{k}")))
            .collect();
        let per: Vec<Vec<usize>> = keys.iter().map(|k| self.genders(&p, k)).collect();
        let [a, u, x, d] = [0, 1, 2, 3];
        self.sum(size, &[all[d], all[x]]);
        for k in 0..4 {
            self.sum(all[k], &per[k].clone());
        }
        let exclude = def["unknown"] == "exclude";
        if exclude {
            self.sum(all[x], &[all[u]]);
            for g in 0..4 {
                self.sum(per[x][g], &[per[u][g]]);
            }
        }
        let mut population = Vec::new();
        let mut falses = Vec::new();
        for g in 0..4 {
            let truth = self.vars[per[d][g]]
                .truth
                .zip(self.vars[per[x][g]].truth)
                .map(|(dg, xg)| dg + xg);
            let n = self.push(
                format!("{p} population {g}"),
                Kind::Implied,
                truth,
                truth == Some(0),
            );
            self.sum(n, &[per[d][g], per[x][g]]);
            falses.push(self.implied(format!("{p} false {g}"), n, &[per[a][g], per[u][g]]));
            population.push(n);
        }
        self.sum(size, &population);
        let all_false = self.implied(format!("{p} false"), size, &[all[a], all[u]]);
        self.sum(all_false, &falses);
        // A population is a word or `{of, after_months, tolerance_days,
        // where}` (docs/programme.md#population); `due` is part of the exited.
        let population_def = &def["population"];
        let kind = population_def
            .as_str()
            .or_else(|| population_def["of"].as_str())
            .unwrap_or("enrolled");
        let filtered = !population_def["where"].is_null();
        let min_days = def["min_days"].as_u64().unwrap_or(0);
        let base = match kind {
            "exited" | "due" => exited,
            "active" => active,
            _ => enrolled,
        };
        if kind == "due" && !filtered && min_days == 0 && by_gender.is_some() {
            // Everyone due for a horizon the follow-up table has too (the
            // report's own goals only: a group's due are fewer).
            let months = population_def["after_months"].as_u64();
            let tolerance = population_def["tolerance_days"].as_u64().unwrap_or(45);
            let horizons = at(self.truth, "/follow_ups")
                .as_array()
                .expect("well-formed")
                .clone();
            for (h, horizon) in horizons.iter().enumerate() {
                if horizon["after_months"].as_u64() == months
                    && horizon["tolerance_days"].as_u64() == Some(tolerance)
                {
                    let due = self.cell(&format!("/follow_ups/{h}/due"));
                    self.sum(due, &[size]);
                }
            }
        }
        self.implied(format!("{p} left out by min_days"), base, &[size]);
        let base_g = match (kind, by_gender) {
            ("exited" | "due", Some(b)) => Some(&b.exited[..]),
            ("active", Some(b)) => Some(&b.active[..]),
            // A group prints its exited in all only.
            ("exited" | "due" | "active", None) => None,
            _ => Some(gender),
        };
        if let Some(base_g) = base_g {
            for g in 0..4 {
                self.implied(format!("{p} left out {g}"), base_g[g], &[population[g]]);
            }
        }
        // Every population is part of the enrolled, in all and per gender.
        if kind != "enrolled" {
            self.implied(format!("{p} not in the population"), enrolled, &[size]);
            for g in 0..4 {
                let rest = format!("{p} not in the population {g}");
                self.implied(rest, gender[g], &[population[g]]);
            }
        }
        // Whether the goal counts every present participant: the programme
        // says so, or the shown population equals the shown enrolment.
        let shown = |v: usize, s: &Self| s.vars[v].known.then_some(s.vars[v].truth).flatten();
        let everyone = (kind == "enrolled" && min_days == 0 && !filtered)
            || (shown(size, self).is_some() && shown(size, self) == shown(enrolled, self));
        let every_exited = (kind == "exited" && min_days == 0 && !filtered)
            || ((kind == "exited" || kind == "due")
                && shown(size, self).is_some()
                && shown(size, self) == shown(exited, self));
        let criterion = &def["criterion"];
        if let Some(c) = criterion.get("improved")
            && everyone
        {
            let ids: Vec<&str> = match c.get("parameters") {
                Some(list) => list
                    .as_array()
                    .expect("well-formed")
                    .iter()
                    .filter_map(Value::as_str)
                    .collect(),
                None => programme["parameters"]
                    .as_array()
                    .expect("well-formed")
                    .iter()
                    .filter_map(|p| p["id"].as_str())
                    .collect(),
            };
            let min_gain = c.get("min_gain").and_then(Value::as_i64).unwrap_or(1);
            let at_least = c.get("at_least").and_then(Value::as_u64).unwrap_or(1);
            let q = at(self.truth, &format!("{root}/parameters"))
                .as_array()
                .expect("well-formed")
                .iter()
                .position(|x| ids.len() == 1 && x["id"] == ids[0]);
            if let Some(q) = q
                && at_least == 1
                && (min_gain == 0 || min_gain == 1)
            {
                let pp = format!("{root}/parameters/{q}");
                let mut rows = vec![(pp.clone(), all[a], all[u], size)];
                for g in 0..4 {
                    rows.push((
                        format!("{pp}/by_gender/{}", GENDERS[g]),
                        per[a][g],
                        per[u][g],
                        population[g],
                    ));
                }
                for (prefix, ak, uk, nk) in rows {
                    let e = self.cell(&format!("{prefix}/evaluable"));
                    let mut yes = vec![self.cell(&format!("{prefix}/improved"))];
                    if min_gain == 0 {
                        yes.push(self.cell(&format!("{prefix}/unchanged")));
                    }
                    self.sum(ak, &yes);
                    self.sum(nk, &[e, uk]);
                }
            }
        }
        if let Some(list) = criterion.get("exit_outcome").and_then(Value::as_array)
            && let (Some(outcomes), Some(by_gender)) = (outcomes, by_gender)
            && (everyone || every_exited)
        {
            let keys = outcome_keys();
            let yes: Vec<usize> = list
                .iter()
                .map(|o| outcomes[keys.iter().position(|k| o == k).expect("well-formed")])
                .collect();
            self.sum(all[a], &yes);
            let unknown = [outcomes[keys.len() - 2], outcomes[keys.len() - 1]];
            self.sum(all[u], &unknown);
            for g in 0..4 {
                let out = &by_gender.outcomes[g];
                let yes: Vec<usize> = list
                    .iter()
                    .map(|o| out[keys.iter().position(|k| o == k).expect("well-formed")])
                    .collect();
                self.sum(per[a][g], &yes);
                let unknown = [out[keys.len() - 2], out[keys.len() - 1]];
                self.sum(per[u][g], &unknown);
            }
        }
    }

    fn protected(&self, v: usize) -> bool {
        let var = &self.vars[v];
        match var.kind {
            Kind::Cell => !var.known,
            Kind::Implied => var.truth.is_none_or(|t| t >= 1 && t < self.min_cell),
            Kind::Latent => false,
        }
    }

    /// The protected values the published report determines exactly.
    fn disclosed(&self) -> Vec<String> {
        // Columns: the unknowns. Reduced row echelon form over the integers
        // (each row scaled by its gcd); an unknown is determined exactly
        // when some row holds it alone.
        let unknown: Vec<usize> = (0..self.vars.len())
            .filter(|&v| !self.vars[v].known)
            .collect();
        let column: BTreeMap<usize, usize> =
            unknown.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let mut rows: Vec<Vec<i128>> = self
            .equations
            .iter()
            .map(|eq| {
                let mut row = vec![0i128; unknown.len()];
                for &(v, c) in eq {
                    if let Some(&i) = column.get(&v) {
                        row[i] += i128::from(c);
                    }
                }
                row
            })
            .filter(|row| row.iter().any(|&c| c != 0))
            .collect();
        let mut rank = 0;
        for col in 0..unknown.len() {
            let Some(p) = (rank..rows.len()).find(|&r| rows[r][col] != 0) else {
                continue;
            };
            rows.swap(rank, p);
            for r in 0..rows.len() {
                if r != rank && rows[r][col] != 0 {
                    let (a, b) = (rows[rank][col], rows[r][col]);
                    let pivot = rows[rank].clone();
                    let row = &mut rows[r];
                    for (x, y) in row.iter_mut().zip(&pivot) {
                        *x = *x * a - y * b;
                    }
                    let g = row.iter().fold(0i128, |g, &c| gcd(g, c.abs()));
                    if g > 1 {
                        row.iter_mut().for_each(|c| *c /= g);
                    }
                }
            }
            rank += 1;
        }
        rows.iter()
            .filter_map(|row| {
                let mut nz = row.iter().enumerate().filter(|(_, c)| **c != 0);
                match (nz.next(), nz.next()) {
                    (Some((i, _)), None) => Some(unknown[i]),
                    _ => None,
                }
            })
            .filter(|&v| self.protected(v))
            .map(|v| format!("{} = {:?}", self.vars[v].name, self.vars[v].truth))
            .collect()
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Shares, intervals, gaps, status and confidence: each shown one must be
/// computable from shown counts.
fn derived_rule_failures(public: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let shown = |v: &Value| !v.is_string();
    let defined = |v: &Value| v.is_number() || v.is_boolean();
    let mut need = |what: &str, value: &Value, from: &[&Value]| {
        if defined(value) && !from.iter().all(|c| shown(c)) {
            out.push(format!(
                "{what} shown while a count it is computed from is hidden"
            ));
        }
    };
    let e = &public["enrolment"];
    need("share_of_plan", &e["share_of_plan"], &[&e["enrolled"]]);
    let counts: Vec<&Value> = GENDERS
        .iter()
        .map(|g| &e["by_gender"][g]["count"])
        .chain([&e["enrolled"]])
        .collect();
    for g in GENDERS {
        let x = &e["by_gender"][g];
        for key in ["share", "deviation", "within_tolerance"] {
            need(&format!("enrolment {g} {key}"), &x[key], &counts);
        }
        need(&format!("enrolment {g} ci"), &x["ci"]["lower"], &counts);
        need(
            &format!("enrolment {g} needed"),
            &x["needed"],
            &[&x["count"]],
        );
        need(
            &format!("enrolment {g} missed"),
            &x["missed"],
            &[&x["count"]],
        );
        need(
            &format!("enrolment {g} projected_share"),
            &x["projected_share"],
            &counts,
        );
        need(
            &format!("enrolment {g} projected_ci"),
            &x["projected_ci"]["upper"],
            &counts,
        );
    }
    for (j, g) in public["goals"]
        .as_array()
        .expect("well-formed")
        .iter()
        .enumerate()
    {
        let from = [&g["achieved"], &g["denominator"]];
        for key in ["share", "confident"] {
            need(&format!("goal {j} {key}"), &g[key], &from);
        }
        need(&format!("goal {j} ci"), &g["ci"]["lower"], &from);
        if g["status"] != "no_data" && g["status"] != "suppressed" {
            need(&format!("goal {j} status"), &json!(true), &from);
        }
        if g["status"] == "no_data" && !g["confident"].is_boolean() {
            need(
                &format!("goal {j}: no_data hides confident"),
                &json!(true),
                &[&json!("x")],
            );
        }
        for s in GENDERS {
            let x = &g["by_gender"][s];
            let from = [&x["achieved"], &x["denominator"]];
            need(&format!("goal {j} {s} share"), &x["share"], &from);
            need(&format!("goal {j} {s} ci"), &x["ci"]["upper"], &from);
        }
        if let Some(gap) = g["gender_gap"].as_object() {
            let from = [
                &g["by_gender"]["woman"]["achieved"],
                &g["by_gender"]["woman"]["denominator"],
                &g["by_gender"]["man"]["achieved"],
                &g["by_gender"]["man"]["denominator"],
            ];
            for key in ["difference", "lower", "upper"] {
                need(&format!("goal {j} gap {key}"), &gap[key], &from);
            }
        }
    }
    for (q, p) in public["parameters"]
        .as_array()
        .expect("well-formed")
        .iter()
        .enumerate()
    {
        for x in std::iter::once(p).chain(GENDERS.iter().map(|g| &p["by_gender"][g])) {
            for key in ["improved", "unchanged", "worsened"] {
                need(
                    &format!("parameter {q} {key}_share"),
                    &x[&format!("{key}_share")],
                    &[&x[key], &x["evaluable"]],
                );
            }
            need(
                &format!("parameter {q} mean_gain"),
                &x["mean_gain"],
                &[&x["evaluable"]],
            );
        }
    }
    let x = &public["exits"];
    for o in outcome_keys() {
        let c = &x["by_outcome"][o];
        need(
            &format!("exits {o} share"),
            &c["share"],
            &[&c["count"], &x["exited"]],
        );
    }
    for (g, x) in public["exits"]["by_gender"]
        .as_object()
        .expect("well-formed")
    {
        for o in outcome_keys() {
            let c = &x["by_outcome"][o];
            need(
                &format!("exits {g} {o} share"),
                &c["share"],
                &[&c["count"], &x["exited"]],
            );
        }
    }
    for (h, f) in public["follow_ups"]
        .as_array()
        .expect("well-formed")
        .iter()
        .enumerate()
    {
        let parts =
            std::iter::once(("all", f)).chain(GENDERS.iter().map(|&g| (g, &f["by_gender"][g])));
        for (g, x) in parts {
            let w = |what: &str| format!("follow-up {h} {g} {what}");
            let from = [&x["reached"], &x["due"]];
            need(&w("response rate"), &x["response_rate"], &from);
            need(&w("response ci"), &x["response_ci"]["lower"], &from);
            for o in outcome_keys() {
                let c = &x["by_status"][o];
                need(&w(o), &x["status_share"][o], &[c, &x["reached"]]);
                need(&w(o), &x["status_share_of_due"][o], &[c, &x["due"]]);
            }
            need(
                &w("not reached share"),
                &x["not_reached_share_of_due"],
                &[&x["not_reached"], &x["due"]],
            );
            let from = [&x["not_receiving_assistance"], &x["assistance_known"]];
            need(&w("share"), &x["share_not_receiving_assistance"], &from);
            need(&w("ci"), &x["ci"]["lower"], &from);
            let from = [&x["not_receiving_assistance"], &x["due"]];
            need(
                &w("share of due"),
                &x["share_not_receiving_assistance_of_due"],
                &from,
            );
            need(&w("ci of due"), &x["ci_of_due"]["upper"], &from);
        }
    }
    for (k, step) in public["assistance"]["steps"]
        .as_array()
        .expect("well-formed")
        .iter()
        .enumerate()
    {
        let parts = std::iter::once(("all", step))
            .chain(GENDERS.iter().map(|&g| (g, &step["by_gender"][g])));
        for (g, x) in parts {
            let from = [&x["not_on_assistance"], &x["recorded"]];
            need(&format!("assistance {k} {g} share"), &x["share"], &from);
            need(&format!("assistance {k} {g} ci"), &x["ci"]["lower"], &from);
        }
    }
    // The comparison (docs/comparison.md#disclosure-control).
    let c = &public["comparison"];
    if !c.is_null() {
        for g in c["goals"].as_array().into_iter().flatten() {
            for side in ["participants", "comparison"] {
                let x = &g[side];
                let from = [&x["achieved"], &x["denominator"]];
                need(&format!("comparison {side} share"), &x["share"], &from);
                need(&format!("comparison {side} ci"), &x["ci"]["lower"], &from);
                need(&format!("comparison {side} ci"), &x["ci"]["upper"], &from);
                for key in ["difference", "lower", "upper"] {
                    need(
                        &format!("comparison difference {key}"),
                        &g["difference"][key],
                        &[&x["achieved"], &x["denominator"]],
                    );
                }
            }
        }
        for row in c["balance"].as_array().into_iter().flatten() {
            for (side, enrolled) in [
                ("participants", &c["participants_enrolled"]),
                ("comparison", &c["comparison_enrolled"]),
            ] {
                let from = [&row[side]["count"], enrolled];
                need(&format!("balance {side} share"), &row[side]["share"], &from);
                need("balance difference", &row["difference"], &from);
            }
        }
    }
    // The status on a date (docs/report.md#disclosure-control).
    let s = &public["status_on"];
    if !s.is_null() {
        let parts =
            std::iter::once(("all", s)).chain(GENDERS.iter().map(|&g| (g, &s["by_gender"][g])));
        for (g, x) in parts {
            let w = |what: &str| format!("status_on {g} {what}");
            need(
                &w("no follow-up share"),
                &x["no_follow_up_share"],
                &[&x["no_follow_up"], &x["exited"]],
            );
            for o in outcome_keys() {
                let c = &x["by_status"][o];
                need(&w(o), &x["status_share"][o], &[c, &x["with_follow_up"]]);
                need(&w(o), &x["status_share_of_exited"][o], &[c, &x["exited"]]);
            }
            let from = [&x["not_on_assistance"], &x["on_assistance"]];
            need(&w("share"), &x["share_not_on_assistance"], &from);
            need(&w("ci"), &x["ci"]["lower"], &from);
            let from = [&x["not_on_assistance"], &x["exited"]];
            need(
                &w("share of exited"),
                &x["share_not_on_assistance_of_exited"],
                &from,
            );
            need(&w("ci of exited"), &x["ci_of_exited"]["upper"], &from);
        }
    }
    for (k, p) in public["trend"].as_array().into_iter().flatten().enumerate() {
        let counts: Vec<&Value> = GENDERS
            .iter()
            .map(|g| &p["by_gender"][g]["count"])
            .chain([&p["enrolled"]])
            .collect();
        for g in GENDERS {
            let share = &p["by_gender"][g]["share"];
            need(&format!("trend {k} {g} share"), share, &counts);
        }
        for (j, g) in p["goals"].as_array().into_iter().flatten().enumerate() {
            let from = [&g["achieved"], &g["denominator"]];
            need(&format!("trend {k} goal {j} share"), &g["share"], &from);
            need(&format!("trend {k} goal {j} ci"), &g["ci"]["lower"], &from);
            let status = &g["status"];
            let told = if status != "suppressed" && status != "no_data" {
                json!(true)
            } else {
                Value::Null
            };
            need(&format!("trend {k} goal {j} status"), &told, &from);
        }
    }
    out
}

/// Everything the attacker finds in `suppress(min_cell)` of `report`.
fn attack(report: &Report, programme: &Value, min_cell: u64) -> Vec<String> {
    let truth = report.to_json_value();
    let public = report.suppress(min_cell).to_json_value();
    let mut a = Attack::new(&truth, &public, programme, min_cell);
    a.relations();
    let mut found = a.disclosed();
    found.extend(derived_rule_failures(&public));
    found
}

// ---------------------------------------------------------------------------
// The Nordost example.

fn nordost() -> (Report, Value) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/nordost");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect("the example is readable");
    let programme = Programme::from_toml(&read("programme.toml")).expect("a valid programme");
    let definition = programme.to_json_value();
    let mut builder = Dataset::builder(&programme);
    builder
        .read_participants_csv(read("participants.csv").as_bytes())
        .expect("participants");
    builder
        .read_assessments_csv(read("assessments.csv").as_bytes())
        .expect("assessments");
    builder
        .read_follow_ups_csv(read("follow_ups.csv").as_bytes())
        .expect("follow-ups");
    let data = builder.build();
    // With the example's comparison group (docs/comparison.md#example).
    let mut builder = Dataset::builder(&programme);
    builder
        .read_participants_csv(read("comparison_participants.csv").as_bytes())
        .expect("comparison participants");
    builder
        .read_assessments_csv(read("comparison_assessments.csv").as_bytes())
        .expect("comparison assessments");
    builder
        .read_follow_ups_csv(read("comparison_follow_ups.csv").as_bytes())
        .expect("comparison follow-ups");
    let as_of = NaiveDate::from_ymd_opt(2023, 1, 31).expect("well-formed");
    let report = data
        .evaluate_compared(
            &builder.build(),
            &Options::new()
                .as_of(as_of)
                .profile(Some(stegvis::vocab::Profile::Esf))
                .status_on(Some(as_of)),
        )
        .expect("evaluates");
    (report, definition)
}

#[test]
fn nordost_reveals_nothing() {
    let (report, programme) = nordost();
    for min_cell in [3, 5, 10] {
        let found = attack(&report, &programme, min_cell);
        assert!(found.is_empty(), "min_cell {min_cell}: {found:#?}");
    }
}

#[test]
fn the_attacker_finds_what_primary_suppression_leaves() {
    // The attacker must be able to fail: against a copy that hides only
    // the primary cells, it finds the leaks of the issue and of the new
    // tables: the women's reached − assistance_known = 58 − 55 = 3 at 6
    // months, due − reached = 30 − 28 = 2 not reached at 12 months,
    // enrolled − evaluable = 3 and the women's 2, a transition cell
    // pinned by the sides, and the retention goal's (a due population's)
    // criterion-false count, population − achieved − unknown = 2.
    let (report, programme) = nordost();
    let truth = report.to_json_value();
    let mut public = truth.clone();
    fn primary(v: &mut Value, min_cell: i64) {
        match v {
            Value::Object(m) => m.iter_mut().for_each(|(_, x)| primary(x, min_cell)),
            Value::Array(a) => a.iter_mut().for_each(|x| primary(x, min_cell)),
            Value::Number(n) if n.as_i64().is_some_and(|x| x >= 1 && x < min_cell) => {
                *v = json!("suppressed");
            }
            _ => {}
        }
    }
    primary(&mut public, 5);
    let mut a = Attack::new(&truth, &public, &programme, 5);
    a.relations();
    let found = a.disclosed();
    for leak in [
        "/follow_ups/0/by_gender/woman assistance not recorded = Some(3)",
        "/follow_ups/1/not_reached = Some(2)",
        "/parameters/0 not evaluable = Some(3)",
        "/parameters/0 not evaluable 0 = Some(2)",
        "/parameters/0/transitions/0/3 = Some(1)",
        "/goals/2 false = Some(2)",
    ] {
        assert!(
            found.iter().any(|f| f == leak),
            "{leak} not found in {found:#?}"
        );
    }
}

#[test]
fn the_mean_gain_of_a_ladder_pins_no_transition_cell() {
    // Three evaluable on a ladder, each moving up: 1→2, 1→3 and 2→3, every
    // transition cell 1. improved = 3 = t[0][1] + t[0][2] + t[1][2] and the
    // sum of gains 4 = t[0][1] + 2·t[0][2] + t[1][2] (mean 4/3 × 3) give
    // t[0][2] = 4 − 3 = 1, though no single relation has one hidden member:
    // the exact stage must hide what the derivation used.
    let programme = json!({
        "id": "M", "name": "Mean", "start": "2021-01-01", "end": "2022-12-31",
        "planned_participants": 10,
        "parameters": [{"id": "step", "levels": ["a", "b", "c", "d"]}],
        "goals": [{"id": "g", "target": 0.5, "criterion": {"tag": "t"}}]
    });
    let person = |gender, from, to| Person {
        gender,
        entry: 0,
        stay: None,
        outcome: None,
        tag: false,
        age: None,
        district: None,
        readings: vec![(0, 0, from), (0, 30, to)],
        follow_ups: Vec::new(),
        status: (None, None, None, None, None),
    };
    let people = [person(0, 1, 2), person(0, 1, 3), person(1, 2, 3)];
    let report = evaluate(&programme, &people, 300);
    assert_eq!(
        report.parameters[0].mean_gain.value().copied().flatten(),
        Some(4.0 / 3.0)
    );
    for min_cell in [2, 3] {
        let found = attack(&report, &programme, min_cell);
        assert!(found.is_empty(), "min_cell {min_cell}: {found:#?}");
    }
}

// ---------------------------------------------------------------------------
// Random programmes and data.

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 1).expect("well-formed")
}

fn day(offset: i64) -> String {
    let d = if offset >= 0 {
        start() + Days::new(offset as u64)
    } else {
        start() - Days::new(offset.unsigned_abs())
    };
    d.to_string()
}

/// A criterion drawn from a pool that covers every kind the attacker has a
/// relation for (and some it has none for).
fn criterion() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0..3i64, prop::sample::select(vec!["step", "health"]))
            .prop_map(|(g, p)| json!({"improved": {"parameters": [p], "min_gain": g}})),
        Just(json!({"improved": {}})),
        Just(json!({"improved": {"at_least": 2}})),
        Just(json!({"reached": {"parameter": "step", "level": 3}})),
        Just(json!({"mean_gain": {"at_least": 0.5}})),
        prop::sample::subsequence(
            vec!["employment", "education", "job_seeking", "moved"],
            1..3
        )
        .prop_map(|l| json!({"exit_outcome": l})),
        Just(json!({"follow_up": {"after_months": 6, "receives_assistance": false}})),
        Just(json!({"tag": "t"})),
        Just(
            json!({"any": [{"improved": {"parameters": ["step"]}}, {"exit_outcome": ["employment"]}]})
        ),
        Just(json!({"not": {"improved": {"parameters": ["health"]}}})),
    ]
}

fn goal() -> impl Strategy<Value = Value> {
    (
        criterion(),
        prop::sample::select(vec![
            json!("enrolled"),
            json!("enrolled"),
            json!("exited"),
            json!("active"),
            json!({"of": "exited", "where": {"exit_outcome": ["employment", "education"]}}),
            json!({"of": "enrolled", "where": {"tag": "t"}}),
            json!({"of": "due", "after_months": 6}),
            json!({"of": "due", "after_months": 12, "where": {"exit_outcome": ["employment"]}}),
        ]),
        prop::sample::select(vec![0u64, 0, 30]),
        any::<bool>(),
        1..10u32,
    )
        .prop_map(|(criterion, population, min_days, exclude, target)| {
            json!({
                "target": f64::from(target) / 10.0,
                "population": population,
                "min_days": min_days,
                "unknown": if exclude { "exclude" } else { "fail" },
                "criterion": criterion,
            })
        })
}

fn programme() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(goal(), 1..4),
        any::<bool>(),
        prop::sample::select(vec![json!([6]), json!([6, 12]), Value::Null]),
        prop::sample::select(vec![Value::Null, json!("2021-09-30"), json!("2022-06-30")]),
        prop::sample::select(vec!["once", "per_episode"]),
        prop::sample::select(vec![Value::Null, json!("quarter"), json!("half-year")]),
        // A status date the as-of date (300..800 days after the start) has
        // always reached (docs/method.md#status-on-a-date).
        prop::sample::select(vec![
            Value::Null,
            json!({"date": day(250), "tolerance_days": 120}),
            json!({"date": day(299)}),
        ]),
    )
        .prop_map(
            |(goals, health_higher, months, recruitment_end, reentry, trend, status_on)| {
                let goals: Vec<Value> = goals
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut g)| {
                        g["id"] = json!(format!("g{i}"));
                        g
                    })
                    .collect();
                let mut p = json!({
                    "id": "R", "name": "Random", "start": "2021-01-01", "end": "2022-12-31",
                    "planned_participants": 40,
                    "gender_target": {"woman": 0.5, "man": 0.5},
                    "parameters": [
                        {"id": "step", "levels": ["a", "b", "c", "d"]},
                        {"id": "health", "scale": [1, 5], "higher_is_better": health_higher}
                    ],
                    "goals": goals,
                    "breakdowns": ["age", "tag:t", "column:district", "cohort:half-year"],
                    "age_bands": [25, 40],
                    "reentry": reentry,
                });
                if !months.is_null() {
                    p["follow_up_months"] = months;
                }
                if !recruitment_end.is_null() {
                    p["recruitment_end"] = recruitment_end;
                }
                if !trend.is_null() {
                    p["trend"] = trend;
                }
                if !status_on.is_null() {
                    p["status_on"] = status_on;
                }
                p
            },
        )
}

#[derive(Debug, Clone)]
struct Person {
    gender: usize,
    entry: i64,
    stay: Option<i64>,
    outcome: Option<usize>,
    tag: bool,
    /// Age at entry in years, when the birth date is known.
    age: Option<i64>,
    /// District 0..3, when given.
    district: Option<usize>,
    /// (parameter, day after entry, level)
    readings: Vec<(usize, i64, i64)>,
    /// (day after exit, status, receives assistance)
    follow_ups: Vec<(i64, Option<usize>, Option<bool>)>,
    /// labour_status, education, assistance at entry and exit, qualification.
    status: Status,
}

/// labour_status, education, assistance at entry and exit, qualification.
type Status = (
    Option<usize>,
    Option<usize>,
    Option<bool>,
    Option<bool>,
    Option<bool>,
);

fn person() -> impl Strategy<Value = Person> {
    (
        // Mostly women and men, so that cells of 1..4 and of 5+ both occur.
        prop::sample::select(vec![0usize, 0, 0, 1, 1, 1, 2, 3]),
        0..500i64,
        prop::option::weighted(0.6, 0..300i64),
        prop::option::weighted(0.9, 0..ExitOutcome::ALL.len()),
        any::<bool>(),
        prop::option::weighted(0.9, 18..50i64),
        prop::option::weighted(0.8, 0..3usize),
        prop::collection::vec((0..2usize, -20..300i64, 1..5i64), 0..4),
        prop::collection::vec(
            (
                150..420i64,
                prop::option::weighted(0.9, 0..ExitOutcome::ALL.len()),
                prop::option::of(any::<bool>()),
            ),
            0..2,
        ),
        (
            prop::option::weighted(0.9, 0..4usize),
            prop::option::weighted(0.9, 0..3usize),
            prop::option::weighted(0.9, any::<bool>()),
            prop::option::weighted(0.8, any::<bool>()),
            prop::option::of(any::<bool>()),
        ),
    )
        .prop_map(
            |(gender, entry, stay, outcome, tag, age, district, readings, follow_ups, status)| {
                Person {
                    gender,
                    entry,
                    stay,
                    outcome,
                    tag,
                    age,
                    district,
                    readings,
                    follow_ups,
                    status,
                }
            },
        )
}

fn evaluate(programme: &Value, people: &[Person], as_of: i64) -> Report {
    evaluate_compared(programme, people, None, as_of, false)
}

/// [`evaluate`] beside a comparison group, when one is given.
fn evaluate_compared(
    programme: &Value,
    people: &[Person],
    comparison: Option<&[Person]>,
    as_of: i64,
    // A status date on the as-of date itself, as the caller's option.
    status_at_as_of: bool,
) -> Report {
    let programme = Programme::from_json_value(programme.clone()).expect("a valid programme");
    let date = start() + Days::new(as_of as u64);
    let options = Options::new()
        .as_of(date)
        .profile(Some(stegvis::vocab::Profile::Esf))
        .status_on(status_at_as_of.then_some(date));
    let data = dataset(&programme, people);
    match comparison {
        Some(c) => data
            .evaluate_compared(&dataset(&programme, c), &options)
            .expect("evaluates"),
        None => data.evaluate(&options).expect("evaluates"),
    }
}

fn dataset(programme: &Programme, people: &[Person]) -> Dataset {
    let genders = ["woman", "man", "non_binary", ""];
    let mut participants = Vec::new();
    let mut assessments = Vec::new();
    let mut follow_ups = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let id = format!("p{i}");
        participants.push(json!({
            "id": id,
            "gender": genders[p.gender],
            "entry_date": day(p.entry),
            "exit_date": p.stay.map(|s| day(p.entry + s)),
            "exit_outcome": p.stay.and(p.outcome).map(|o| ExitOutcome::ALL[o].as_str()),
            "tags": if p.tag { "t" } else { "" },
            // Born on the entry day `age` years earlier (a year ≈ 365.25 days
            // is close enough: the band only has to vary).
            "birth_date": p.age.map(|a| day(p.entry - a * 365 - a / 4)),
            "district": p.district.map(|d| ["Norr", "Syd", "Öster"][d]),
            "labour_status": p.status.0.map(|k| {
                ["unemployed", "long_term_unemployed", "inactive", "employed"][k]
            }),
            "education": p.status.1.map(|k| ["isced_0_2", "isced_3_4", "isced_5_8"][k]),
            "assistance_at_entry": p.status.2,
            "assistance_at_exit": p.status.3,
            "qualification": p.status.4,
        }));
        // Every third exited person comes back after a gap
        // (docs/method.md#episodes): a second episode, open or as long as
        // half the first, with the same values.
        if let (Some(stay), 1) = (p.stay, i % 3) {
            let entry = p.entry + stay + 1 + p.entry % 60;
            let exit = p.outcome.map(|_| entry + stay / 2);
            let mut again = participants[participants.len() - 1].clone();
            again["entry_date"] = json!(day(entry));
            again["exit_date"] = json!(exit.map(day));
            again["exit_outcome"] =
                json!(exit.and(p.outcome).map(|o| ExitOutcome::ALL[o].as_str()));
            participants.push(again);
        }
        for &(q, d, level) in &p.readings {
            assessments.push(json!({
                "participant_id": id,
                "date": day(p.entry + d),
                "parameter": PARAMETER_IDS[q],
                "level": level,
            }));
        }
        if let Some(stay) = p.stay {
            for &(d, status, assistance) in &p.follow_ups {
                follow_ups.push(json!({
                    "participant_id": id,
                    "date": day(p.entry + stay + d),
                    "status": status.map(|s| ExitOutcome::ALL[s].as_str()),
                    "receives_assistance": assistance,
                }));
            }
        }
    }
    let mut builder = Dataset::builder(programme);
    builder
        .read_participant_records(&participants)
        .expect("participants");
    builder
        .read_assessment_records(&assessments)
        .expect("assessments");
    builder
        .read_follow_up_records(&follow_ups)
        .expect("follow-ups");
    builder.build()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200)
    ))]

    #[test]
    fn no_hidden_count_can_be_solved_for(
        programme in programme(),
        people in prop::collection::vec(person(), 0..40),
        comparison in prop::option::weighted(0.7, prop::collection::vec(person(), 0..30)),
        as_of in 300..800i64,
        min_cell in prop::sample::select(vec![2u64, 3, 5, 5, 10]),
        status_at_as_of in prop::bool::weighted(0.2),
    ) {
        let report = evaluate_compared(
            &programme,
            &people,
            comparison.as_deref(),
            as_of,
            status_at_as_of,
        );
        let found = attack(&report, &programme, min_cell);
        prop_assert!(found.is_empty(), "{:#?}", found);
    }
}
