//! Property tests: random small programmes and datasets (`generated`).
//! Whatever the data, the report's counts must be consistent, its shares and
//! intervals well-formed, and it must not depend on the order of input rows
//! (`docs/method.md#properties`). Invariance under partitions and renaming,
//! and monotonicity, are in `invariance.rs`.

use proptest::prelude::*;
use stegvis::report::{Count, Interval, Share};
use stegvis::stats::{newcombe_difference, wilson_interval};
use stegvis::{Gender, Report};

/// Slack for float comparisons of values computed in different orders.
const SLACK: f64 = 1e-9;

mod generated;

use generated::{Case, case, shuffle, without_rows};

fn evaluate(case: &Case, order: Option<u64>) -> Report {
    let mut tables = case.tables(&generated::id);
    if let Some(seed) = order {
        shuffle(&mut tables.participants, seed);
        shuffle(&mut tables.assessments, seed.rotate_left(21));
        shuffle(&mut tables.follow_ups, seed.rotate_left(42));
    }
    case.evaluate(&tables)
}

fn count(c: &Count) -> u64 {
    *c.value().expect("a report is not suppressed")
}

fn share(s: &Share) -> Option<f64> {
    *s.value().expect("a report is not suppressed")
}

fn unit(x: f64) -> bool {
    (-SLACK..=1.0 + SLACK).contains(&x)
}

/// A share of `k` of `n`, with its Wilson interval: null when n = 0,
/// otherwise k / n in [0, 1] inside [lower, upper] within [0, 1].
fn check_share(what: &str, k: u64, n: u64, s: &Share, ci: &Interval) -> Result<(), TestCaseError> {
    prop_assert!(k <= n, "{what}: {k} > {n}");
    let (lower, upper) = (share(&ci.lower), share(&ci.upper));
    match share(s) {
        None => {
            prop_assert_eq!(n, 0, "{}: null share of a non-empty group", what);
            prop_assert!(
                lower.is_none() && upper.is_none(),
                "{what}: interval without a share"
            );
        }
        Some(value) => {
            prop_assert!(n > 0, "{what}: share of an empty group");
            prop_assert!(
                (value - k as f64 / n as f64).abs() <= SLACK,
                "{what}: share {value} is not {k}/{n}"
            );
            prop_assert!(unit(value), "{what}: share {value}");
            let (lower, upper) = (
                lower.expect("a lower bound"),
                upper.expect("an upper bound"),
            );
            prop_assert!(
                unit(lower) && unit(upper),
                "{what}: [{lower}, {upper}] outside [0, 1]"
            );
            prop_assert!(
                lower <= value + SLACK && value <= upper + SLACK,
                "{what}: {value} outside [{lower}, {upper}]"
            );
        }
    }
    Ok(())
}

fn check_goals(report: &Report) -> Result<(), TestCaseError> {
    let enrolled = count(&report.enrolment.enrolled);
    for g in &report.goals {
        let (size, k, u, x, n) = (
            count(&g.population_size),
            count(&g.achieved),
            count(&g.unknown),
            count(&g.excluded),
            count(&g.denominator),
        );
        prop_assert!(
            size <= enrolled,
            "{}: population {} > enrolled {}",
            g.id,
            size,
            enrolled
        );
        prop_assert!(
            k <= n && n <= size,
            "{}: achieved {} denominator {} population {}",
            g.id,
            k,
            n,
            size
        );
        prop_assert!(
            k + u <= size && x <= u && n == size - x,
            "{}: unknown {} excluded {}",
            g.id,
            u,
            x
        );
        check_share(&g.id, k, n, &g.share, &g.ci)?;
        let mut sums = [0u64; 4];
        for (gender, r) in g.by_gender.iter() {
            let (gk, gu, gx, gn) = (
                count(&r.achieved),
                count(&r.unknown),
                count(&r.excluded),
                count(&r.denominator),
            );
            prop_assert!(
                gk + gu <= gn + gx && gx <= gu,
                "{} {}: inconsistent counts",
                g.id,
                gender
            );
            check_share(&format!("{} {gender}", g.id), gk, gn, &r.share, &r.ci)?;
            for (sum, c) in sums.iter_mut().zip([gk, gu, gx, gn]) {
                *sum += c;
            }
        }
        prop_assert_eq!(
            sums,
            [k, u, x, n],
            "{}: per-gender counts do not add up",
            &g.id
        );
        let women = g.by_gender.get(Gender::Woman);
        let men = g.by_gender.get(Gender::Man);
        let defined = count(&women.denominator) > 0 && count(&men.denominator) > 0;
        prop_assert_eq!(
            g.gender_gap.is_some(),
            defined,
            "{}: gap defined iff both groups",
            &g.id
        );
        if let Some(gap) = &g.gender_gap {
            let d = share(&gap.difference).expect("a difference");
            let (lower, upper) = (
                share(&gap.lower).expect("lower"),
                share(&gap.upper).expect("upper"),
            );
            let expected = share(&women.share).expect("women's share")
                - share(&men.share).expect("men's share");
            prop_assert!(
                (d - expected).abs() <= SLACK,
                "{}: gap {d} is not {expected}",
                g.id
            );
            prop_assert!(
                lower <= d + SLACK && d <= upper + SLACK,
                "{}: gap {d} outside [{lower}, {upper}]",
                g.id
            );
            prop_assert!(
                lower >= -1.0 - SLACK && upper <= 1.0 + SLACK,
                "{}: gap bounds",
                g.id
            );
        }
    }
    Ok(())
}

fn check_enrolment(report: &Report) -> Result<(), TestCaseError> {
    let e = &report.enrolment;
    let enrolled = count(&e.enrolled);
    let total: u64 = e.by_gender.iter().map(|(_, g)| count(&g.count)).sum();
    prop_assert_eq!(total, enrolled, "gender counts do not add up to enrolled");
    let unknown = count(&e.by_gender.get(Gender::Unknown).count);
    let known = enrolled - unknown;
    let mut share_sum = 0.0;
    for (gender, g) in e
        .by_gender
        .iter()
        .filter(|(gender, _)| *gender != Gender::Unknown)
    {
        check_share(gender.as_str(), count(&g.count), known, &g.share, &g.ci)?;
        share_sum += share(&g.share).unwrap_or(0.0);
    }
    if known > 0 {
        prop_assert!(
            (share_sum - 1.0).abs() <= SLACK,
            "known-gender shares sum to {share_sum}"
        );
    }
    let planned = e.planned as f64;
    prop_assert!(
        (0.0..=planned).contains(&e.expected_by_now),
        "expected_by_now {}",
        e.expected_by_now
    );
    Ok(())
}

fn check_parameters(report: &Report) -> Result<(), TestCaseError> {
    for p in &report.parameters {
        let (ev, im, un, wo) = (
            count(&p.evaluable),
            count(&p.improved),
            count(&p.unchanged),
            count(&p.worsened),
        );
        prop_assert_eq!(ev, im + un + wo, "{}: evaluable is not the sum", &p.id);
        prop_assert!(ev <= count(&report.enrolment.enrolled));
        for s in [&p.improved_share, &p.unchanged_share, &p.worsened_share] {
            prop_assert!(share(s).is_none_or(unit), "{}: share out of range", p.id);
        }
        let total: u64 = p.by_gender.iter().map(|(_, g)| count(&g.evaluable)).sum();
        prop_assert_eq!(total, ev, "{}: per-gender evaluable", &p.id);
        if let Some(matrix) = &p.transitions {
            let cells: u64 = matrix.iter().flatten().map(count).sum();
            prop_assert_eq!(
                cells,
                ev,
                "{}: transitions do not add up to evaluable",
                &p.id
            );
        }
    }
    Ok(())
}

fn check_exits_and_follow_ups(report: &Report) -> Result<(), TestCaseError> {
    let exited = count(&report.exits.exited);
    let total: u64 = report
        .exits
        .by_outcome
        .iter()
        .map(|(_, o)| count(&o.count))
        .sum();
    prop_assert_eq!(total, exited, "exit outcomes do not add up");
    for (_, o) in report.exits.by_outcome.iter() {
        prop_assert!(share(&o.share).is_none_or(unit));
    }
    let exited_by_gender: u64 = report
        .exits
        .by_gender
        .iter()
        .map(|(_, g)| count(&g.exited))
        .sum();
    prop_assert_eq!(exited_by_gender, exited, "exits by gender do not add up");
    for (_, g) in report.exits.by_gender.iter() {
        let outcomes: u64 = g.by_outcome.iter().map(|(_, o)| count(&o.count)).sum();
        prop_assert_eq!(outcomes, count(&g.exited), "a gender's exits do not add up");
    }
    // docs/method.md#follow-up-accounting: due = reached + not reached,
    // due and early are disjoint groups of the exited, the statuses and
    // assistance count the reached; every count over the genders.
    for f in &report.follow_ups {
        let parts = std::iter::once(f.overall()).chain(f.by_gender.iter().map(|(_, c)| c.clone()));
        for c in parts {
            let (due, reached) = (count(&c.due), count(&c.reached));
            prop_assert_eq!(due, reached + count(&c.not_reached));
            prop_assert!(due + count(&c.early) <= exited);
            let statuses: u64 = c.by_status.iter().map(|(_, n)| count(n)).sum();
            prop_assert_eq!(statuses, reached, "follow-up statuses do not add up");
            let known = count(&c.assistance_known);
            prop_assert!(known <= reached);
            check_share(
                "response rate",
                reached,
                due,
                &c.response_rate,
                &c.response_ci,
            )?;
            let not = count(&c.not_receiving_assistance);
            check_share(
                "assistance",
                not,
                known,
                &c.share_not_receiving_assistance,
                &c.ci,
            )?;
            let of_due = &c.share_not_receiving_assistance_of_due;
            check_share("assistance of due", not, due, of_due, &c.ci_of_due)?;
        }
        let sum = |get: fn(&stegvis::report::FollowUpCounts) -> &Count| -> u64 {
            f.by_gender.iter().map(|(_, c)| count(get(c))).sum()
        };
        prop_assert_eq!(sum(|c| &c.due), count(&f.due));
        prop_assert_eq!(sum(|c| &c.reached), count(&f.reached));
        prop_assert_eq!(sum(|c| &c.early), count(&f.early));
        prop_assert_eq!(sum(|c| &c.assistance_known), count(&f.assistance_known));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn counts_shares_and_intervals_are_consistent(case in case()) {
        let report = evaluate(&case, None);
        check_goals(&report)?;
        check_enrolment(&report)?;
        check_parameters(&report)?;
        check_exits_and_follow_ups(&report)?;
    }

    #[test]
    fn row_order_does_not_matter(case in case(), seed in any::<u64>()) {
        let ordered = evaluate(&case, None);
        let shuffled = evaluate(&case, Some(seed));
        prop_assert_eq!(without_rows(&ordered), without_rows(&shuffled));
    }
}

proptest! {
    #[test]
    fn wilson_contains_the_share(n in 1..5000u64, k_permille in 0..=1000u64) {
        let k = n * k_permille / 1000;
        let b = wilson_interval(k, n, 0.95).expect("valid arguments").expect("n > 0");
        let p = k as f64 / n as f64;
        prop_assert!(0.0 <= b.lower && b.lower <= p + SLACK && p <= b.upper + SLACK && b.upper <= 1.0);
    }

    #[test]
    fn newcombe_contains_the_difference(
        n1 in 1..2000u64, a in 0..=1000u64, n2 in 1..2000u64, b in 0..=1000u64,
    ) {
        let (k1, k2) = (n1 * a / 1000, n2 * b / 1000);
        let d = newcombe_difference(k1, n1, k2, n2, 0.95).expect("valid arguments").expect("n > 0");
        let expected = k1 as f64 / n1 as f64 - k2 as f64 / n2 as f64;
        prop_assert!((d.difference - expected).abs() <= SLACK);
        prop_assert!(-1.0 - SLACK <= d.lower && d.lower <= d.difference + SLACK);
        prop_assert!(d.difference <= d.upper + SLACK && d.upper <= 1.0 + SLACK);
    }
}
