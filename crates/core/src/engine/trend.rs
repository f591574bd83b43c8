//! The trend (`docs/method.md#trend`): in the single pass, each participant
//! present at an earlier trend date has their grouped rows folded again as
//! of that date (into the pass's reused buffers) and is added to that date's
//! tally; the report's own date is the report's tally. Cost: rows × dates.

use chrono::NaiveDate;

use super::report::{goal, share};
use super::tally::{GenderCounts, Tally, total};
use crate::programme::Programme;
use crate::report::{PerGender, TrendGender, TrendGoal, TrendPoint};
use crate::stats::{REPORT_CONFIDENCE, z_for};
use crate::vocab::Gender;

/// An empty tally per earlier date: enrolment and goals only.
pub(super) fn tallies(programme: &Programme, earlier: usize) -> Vec<Tally> {
    let empty = Tally::new(programme.goals().len(), &[], 0);
    vec![empty; earlier]
}

/// The report's `trend`: the earlier dates from their tallies, then the
/// report's date from the report's tally; `[]` without a trend.
pub(super) fn build(
    programme: &Programme,
    dates: &[NaiveDate],
    earlier: &[Tally],
    main: &Tally,
) -> Vec<TrendPoint> {
    let z = z_for(REPORT_CONFIDENCE).expect("0.95 is a valid confidence");
    dates
        .iter()
        .zip(earlier.iter().chain(std::iter::once(main)))
        .map(|(&date, t)| point(programme, date, t, z))
        .collect()
}

fn point(programme: &Programme, as_of: NaiveDate, t: &Tally, z: f64) -> TrendPoint {
    let counts: &GenderCounts = &t.enrolled;
    let known = total(counts) - counts[Gender::Unknown.index()];
    TrendPoint {
        as_of,
        enrolled: crate::Figure::Value(total(counts)),
        by_gender: PerGender::from_fn(|gender: Gender| {
            let count = counts[gender.index()];
            TrendGender {
                count: crate::Figure::Value(count),
                share: if gender == Gender::Unknown {
                    crate::Figure::Value(None)
                } else {
                    share(count, known)
                },
            }
        }),
        goals: programme
            .goals()
            .iter()
            .zip(&t.goals)
            .map(|(def, t)| {
                let r = goal(def, t, z);
                TrendGoal {
                    id: r.id,
                    achieved: r.achieved,
                    denominator: r.denominator,
                    share: r.share,
                    ci: r.ci,
                    status: r.status,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Dataset, Options, Programme, Trend};

    /// `docs/method.md#trend`: each date of a trend, evaluated in the one
    /// pass, equals the report at that date evaluated on its own.
    #[test]
    fn every_point_is_the_report_at_its_date() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/nordost/");
        let read = |f: &str| std::fs::read_to_string(format!("{dir}{f}")).unwrap();
        let programme = Programme::from_toml(&read("programme.toml")).unwrap();
        let mut b = Dataset::builder(&programme);
        b.read_participants_csv(read("participants.csv").as_bytes())
            .unwrap();
        b.read_assessments_csv(read("assessments.csv").as_bytes())
            .unwrap();
        b.read_follow_ups_csv(read("follow_ups.csv").as_bytes())
            .unwrap();
        let data = b.build();
        let dates: Vec<chrono::NaiveDate> =
            ["2020-12-31", "2021-09-30", "2022-06-30", "2023-06-30"]
                .iter()
                .map(|d| d.parse().unwrap())
                .collect();
        let report = data
            .evaluate(&Options::new().trend(Trend::dates(dates.clone()).unwrap()))
            .unwrap();
        assert_eq!(report.trend.len(), 4);
        for (point, date) in report.trend.iter().zip(&dates) {
            let alone = data
                .evaluate(&Options::new().as_of(*date).trend(Trend::Off))
                .unwrap();
            assert_eq!(point.as_of, *date);
            assert_eq!(point.enrolled, alone.enrolment.enrolled);
            for (g, a) in point.goals.iter().zip(&alone.goals) {
                assert_eq!(
                    (g.achieved, g.denominator, g.share, g.status),
                    (a.achieved, a.denominator, a.share, a.status),
                    "{date} {}",
                    g.id
                );
            }
            for (gender, x) in point.by_gender.iter() {
                let y = alone.enrolment.by_gender.get(gender);
                assert_eq!((x.count, x.share), (y.count, y.share));
            }
        }
        // The report's data quality is that of its own date only.
        let last = data
            .evaluate(&Options::new().as_of(dates[3]).trend(Trend::Off))
            .unwrap();
        assert_eq!(report.data_quality, last.data_quality);
    }
}
