use super::*;

const EN: Language = Language::English;
const SV: Language = Language::Swedish;

#[test]
fn every_phrase_and_reason_has_a_sample() {
    let mut seen = [false; PHRASES];
    for p in phrase_samples() {
        seen[phrase_variant(&p)] = true;
    }
    assert!(
        seen.iter().all(|&s| s),
        "a phrase without a sample: {seen:?}"
    );
    let mut seen = [false; REASONS];
    for r in reason_samples() {
        seen[reason_variant(&r)] = true;
    }
    assert!(
        seen.iter().all(|&s| s),
        "a reason without a sample: {seen:?}"
    );
}

#[test]
fn keys_are_unique_within_groups_and_no_word_is_empty() {
    for &lang in Language::ALL {
        let mut seen = std::collections::HashSet::new();
        for (group, key, text) in lang.entries() {
            assert!(seen.insert((group, key)), "{group}.{key} twice");
            assert!(
                !text.trim().is_empty(),
                "{group}.{key} is empty in {lang:?}"
            );
            assert_eq!(
                text,
                text.trim(),
                "{group}.{key} has outer space in {lang:?}"
            );
        }
    }
}

#[test]
fn the_conflicts_are_decided_once() {
    assert_eq!(SV.word(GoalStatus::Met), "uppfyllt");
    assert_eq!(SV.word(GoalStatus::NotMet), "ej uppfyllt");
    assert_eq!(SV.word(Marker::PointsLong), "procentenheter");
    assert_eq!(SV.word(Marker::PointsShort), "p.e.");
    assert_eq!(SV.word(Column::Target), "Målnivå");
    // No table has two columns called "Mål".
    assert_ne!(SV.word(Column::Goal), SV.word(Column::Target));
    assert_eq!(SV.suppressed(), "dolt");
    assert_eq!(EN.suppressed(), "supp.");
    assert_eq!(EN.undefined(), "–");
}

#[test]
fn shares_and_points() {
    assert_eq!(EN.share(2.0 / 3.0), "66.7\u{a0}%");
    assert_eq!(SV.share(2.0 / 3.0), "66,7\u{a0}%");
    assert_eq!(SV.share(0.0), "0,0\u{a0}%");
    assert_eq!(EN.points(0.107, Points::Short), "+10.7\u{a0}pp");
    assert_eq!(SV.points(-0.107, Points::Short), "−10,7\u{a0}p.e.");
    assert_eq!(SV.points(-0.107, Points::Long), "−10,7\u{a0}procentenheter");
    // A rounded zero has no sign.
    assert_eq!(EN.points(-0.00001, Points::Short), "0.0\u{a0}pp");
    assert_eq!(EN.mean_gain(2.0), "+2.00");
    assert_eq!(SV.mean_gain(-0.5), "−0,50");
}

#[test]
fn intervals_have_one_style() {
    assert_eq!(EN.share_interval(0.208, 0.939), "20.8–93.9\u{a0}%");
    assert_eq!(SV.share_interval(0.208, 0.939), "20,8–93,9\u{a0}%");
    assert_eq!(
        EN.points_interval(-0.905, 0.391, Points::Short),
        "−90.5 to +39.1\u{a0}pp"
    );
    assert_eq!(
        SV.points_interval(-0.905, 0.391, Points::Short),
        "−90,5 till +39,1\u{a0}p.e."
    );
}

#[test]
fn counts_are_grouped_from_five_digits() {
    assert_eq!(EN.count(0), "0");
    assert_eq!(EN.count(9999), "9999");
    assert_eq!(EN.count(12_345), "12,345");
    assert_eq!(SV.count(1_234_567), "1\u{a0}234\u{a0}567");
    assert_eq!(SV.number(141.015, 1), "141,0");
    assert_eq!(EN.number(-12_345.67, 1), "−12,345.7");
}

#[test]
fn phrases_render_their_values() {
    let computed = Phrase::Computed {
        participants: 12_000,
        ms: 35,
    };
    assert_eq!(
        EN.phrase(&computed),
        "Computed 12,000 participants in 35 ms, in this browser."
    );
    assert_eq!(
        SV.phrase(&computed),
        "Beräknade 12\u{a0}000 deltagare på 35 ms, i den här webbläsaren."
    );
    let horizon = Phrase::Horizon {
        months: 6,
        tolerance_days: 45,
    };
    assert_eq!(EN.phrase(&horizon), "6 months ±45 days");
    assert_eq!(SV.phrase(&horizon), "6 månader ±45 dagar");
}

#[test]
fn phrases_deserialise_from_the_bindings_shape() {
    let p: Phrase<'_> =
        serde_json::from_str(r#"{"phrase": "horizon", "months": 12, "toleranceDays": 30}"#)
            .unwrap();
    assert_eq!(
        p,
        Phrase::Horizon {
            months: 12,
            tolerance_days: 30
        }
    );
    let p: Phrase<'_> =
        serde_json::from_str(r#"{"phrase": "participant", "id": "a", "gender": "non_binary"}"#)
            .unwrap();
    assert_eq!(SV.phrase(&p), "deltagare a (icke-binär)");
    assert!(serde_json::from_str::<Phrase<'_>>(r#"{"phrase": "nonsense"}"#).is_err());
}

#[test]
fn english_reasons_are_what_earlier_versions_wrote() {
    let mut out = String::new();
    for r in [
        Reason::Gain {
            parameter: "step",
            baseline: 1,
            latest: 3,
            gain: 2,
            min_gain: 1,
        },
        Reason::Separator,
        Reason::MeanGain {
            mean: -0.5,
            over: 2,
            at_least: 0.5,
            met: false,
        },
        Reason::Separator,
        Reason::ExitedTo {
            outcome: ExitOutcome::JobSeeking,
            listed: false,
        },
    ] {
        EN.write_reason(&r, &mut out);
    }
    assert_eq!(
        out,
        "step 1 → 3, gain 2 ≥ 1; mean gain -0.50 over 2 < 0.5; exited to job_seeking (not listed)"
    );
}

#[test]
fn language_names() {
    for (name, lang) in [
        ("sv", Language::Swedish),
        (" Svenska ", Language::Swedish),
        ("swedish", Language::Swedish),
        ("en", Language::English),
        ("English", Language::English),
    ] {
        assert_eq!(name.parse::<Language>(), Ok(lang), "{name}");
    }
    assert_eq!("fi".parse::<Language>(), Err(UnknownLanguage));
    assert_eq!(SV.code(), "sv");
    assert_eq!(SV.name(), "Svenska");
}

#[test]
fn every_programme_error_kind_has_an_exported_code() {
    use strum::VariantArray;
    for &kind in crate::vocab::ProgrammeErrorKind::VARIANTS {
        assert!(
            ErrorCode::ALL.contains(&ErrorCode::Programme(kind)),
            "{kind:?} is missing from ErrorCode::ALL"
        );
    }
    for &kind in crate::vocab::PartialErrorKind::VARIANTS {
        assert!(
            ErrorCode::ALL.contains(&ErrorCode::Partial(kind)),
            "{kind:?} is missing from ErrorCode::ALL"
        );
    }
}
