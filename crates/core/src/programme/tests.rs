//! Validation errors name the offending path and carry a stable code.

use super::{Programme, SCANNED_PARAMETERS};

const BASE: &str = r#"
id = "x"
name = "X"
start = 2021-02-01
end = 2023-01-31
planned_participants = 10

[[parameters]]
id = "step"
levels = ["a", "b", "c"]

[[parameters]]
id = "swedish"
scale = [1, 5]
"#;

fn error(extra: &str) -> (String, String) {
    let e = Programme::from_toml(&format!("{BASE}\n{extra}")).unwrap_err();
    (e.code().to_owned(), e.path().to_owned())
}

fn goal(criterion: &str) -> String {
    format!(
        "[[goals]]\nid = \"ok\"\ntarget = 0.5\ncriterion = {{ tag = \"x\" }}\n\n[[goals]]\nid = \"g\"\ntarget = 0.5\ncriterion = {criterion}\n"
    )
}

#[test]
fn valid_base_parses_from_toml_and_json_alike() {
    let toml = Programme::from_toml(&format!("{BASE}\n{}", goal("{ improved = {} }"))).unwrap();
    let json = Programme::from_json(&toml.to_json_value().to_string()).unwrap();
    assert_eq!(toml, json);
    assert_eq!(toml.scale(0).max, 3);
}

#[test]
fn undefined_parameter_is_named_by_path() {
    let c = "{ any = [ { improved = { parameters = [\"step\", \"maths\"] } } ] }";
    assert_eq!(
        error(&goal(c)),
        (
            "undefined_parameter".into(),
            "goals[1].criterion.any[0].improved.parameters[1]".into()
        )
    );
    let c = "{ reached = { parameter = \"maths\", level = 2 } }";
    assert_eq!(
        error(&goal(c)),
        (
            "undefined_parameter".into(),
            "goals[1].criterion.reached.parameter".into()
        )
    );
}

#[test]
fn unknown_keys_are_named_by_path() {
    let e = Programme::from_toml(&format!("colour = \"red\"\n{BASE}")).unwrap_err();
    assert_eq!((e.code(), e.path()), ("unknown_key", "colour"));
    assert_eq!(
        error("colour = \"red\""),
        ("unknown_key".into(), "parameters[1].colour".into())
    );
    let (code, path) =
        error("[[goals]]\nid = \"g\"\ntarget = 0.5\ntargett = 1\ncriterion = { tag = \"x\" }\n");
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("unknown_key", "goals[0].targett")
    );
    let c = "{ improved = { parameters = [\"step\"], min_gian = 1 } }";
    assert_eq!(
        error(&goal(c)),
        (
            "unknown_key".into(),
            "goals[1].criterion.improved.min_gian".into()
        )
    );
}

#[test]
fn unknown_criterion_kind_is_invalid_criterion() {
    let (code, path) = error(&goal("{ improvd = {} }"));
    assert_eq!(code, "invalid_criterion");
    assert!(path.starts_with("goals[1].criterion"), "{path}");
}

#[test]
fn missing_key_is_named() {
    assert_eq!(
        error("[[goals]]\nid = \"g\"\ncriterion = { tag = \"x\" }\n"),
        ("missing_key".into(), "goals[0].target".into())
    );
}

#[test]
fn targets_and_shares_must_be_in_unit_interval() {
    assert_eq!(
        error("[[goals]]\nid = \"g\"\ntarget = 1.5\ncriterion = { tag = \"x\" }\n"),
        ("target_out_of_range".into(), "goals[0].target".into())
    );
    assert_eq!(
        error("[gender_target]\nwoman = -0.1\nman = 0.44\n"),
        ("target_out_of_range".into(), "gender_target.woman".into())
    );
}

#[test]
fn duplicate_ids() {
    assert_eq!(
        error("[[parameters]]\nid = \"step\"\nscale = [1, 2]\n"),
        ("duplicate_id".into(), "parameters[2].id".into())
    );
    let twice = "[[goals]]\nid = \"g\"\ntarget = 0.5\ncriterion = { tag = \"x\" }\n";
    assert_eq!(
        error(&format!("{twice}{twice}")),
        ("duplicate_id".into(), "goals[1].id".into())
    );
}

#[test]
fn empty_scales() {
    assert_eq!(
        error("[[parameters]]\nid = \"h\"\nscale = [5, 1]\n"),
        ("invalid_scale".into(), "parameters[2].scale".into())
    );
    assert_eq!(
        error("[[parameters]]\nid = \"h\"\nlevels = []\n"),
        ("invalid_scale".into(), "parameters[2].levels".into())
    );
    assert_eq!(
        error("[[parameters]]\nid = \"h\"\n"),
        ("invalid_scale".into(), "parameters[2]".into())
    );
}

#[test]
fn criterion_rules() {
    let cases = [
        (
            "{ improved = { parameters = [\"step\"], at_least = 2 } }",
            "goals[1].criterion.improved.at_least",
        ),
        ("{ any = [] }", "goals[1].criterion.any"),
        (
            "{ exit_outcome = [\"employment\", \"unknown\"] }",
            "goals[1].criterion.exit_outcome[1]",
        ),
        (
            "{ reached = { parameter = \"step\", level = \"z\" } }",
            "goals[1].criterion.reached.level",
        ),
        (
            "{ reached = { parameter = \"swedish\", level = 9 } }",
            "goals[1].criterion.reached.level",
        ),
    ];
    for (c, path) in cases {
        assert_eq!(
            error(&goal(c)),
            ("invalid_criterion".into(), path.into()),
            "{c}"
        );
    }
}

#[test]
fn nesting_deeper_than_64_is_rejected() {
    let nested =
        |depth: usize| "{ not = ".repeat(depth - 1) + "{ tag = \"x\" }" + &" }".repeat(depth - 1);
    assert!(Programme::from_toml(&format!("{BASE}\n{}", goal(&nested(64)))).is_ok());
    let (code, path) = error(&goal(&nested(65)));
    assert_eq!(code, "criterion_too_deep");
    assert!(path.starts_with("goals[1].criterion.not.not"), "{path}");
}

#[test]
fn syntax_errors() {
    assert_eq!(
        Programme::from_toml("id = ").unwrap_err().code(),
        "invalid_toml"
    );
    assert_eq!(
        Programme::from_json("{").unwrap_err().code(),
        "invalid_json"
    );
    let twice = Programme::from_toml(&format!("start = 2021-01-01\n{BASE}")).unwrap_err();
    assert_eq!(twice.code(), "invalid_toml"); // duplicate key
    let bad_date = BASE.replace("start = 2021-02-01", "start = \"2021-02-30\"");
    let e = Programme::from_toml(&bad_date).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "start"));
}

#[test]
fn programme_dates_are_plain_iso_dates_from_1900_to_2199() {
    let with = |start: &str, end: &str| {
        BASE.replace("start = 2021-02-01", &format!("start = {start}"))
            .replace("end = 2023-01-31", &format!("end = {end}"))
    };
    // Bare TOML dates and strings, at the bounds of the range.
    for (start, end) in [
        ("1900-01-01", "2199-12-31"),
        ("\"1900-01-01\"", "\"2199-12-31\""),
    ] {
        let p = Programme::from_toml(&with(start, end)).unwrap();
        assert_eq!(p.definition().start.to_string(), "1900-01-01");
        assert_eq!(p.definition().end.to_string(), "2199-12-31");
    }
    for (start, end, path) in [
        ("\"+2021-02-01\"", "2023-01-31", "start"),
        ("\"2021-2-1\"", "2023-01-31", "start"),
        ("\"-0001-01-01\"", "2023-01-31", "start"),
        ("0000-01-01", "2023-01-31", "start"),
        ("\"0000-01-01\"", "2023-01-31", "start"),
        ("1899-12-31", "2023-01-31", "start"),
        ("2021-02-01", "2200-01-01", "end"),
        ("2021-02-01", "9999-12-31", "end"),
        // A time, even a valid one, is not a programme date.
        ("2021-02-01T00:00:00", "2023-01-31", "start"),
        ("\"2021-02-01 00:00\"", "2023-01-31", "start"),
        ("\"2021-02-01 xyz\"", "2023-01-31", "start"),
        ("2021-02-01", "\"2023-01-31T25:00\"", "end"),
    ] {
        let e = Programme::from_toml(&with(start, end)).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_value", path),
            "{start} {end}"
        );
        assert!(!e.to_string().contains("0000"), "{e}");
    }
    // JSON reads the same rule.
    let json = Programme::from_toml(BASE).unwrap().to_json_value();
    let mut bad = json.clone();
    bad["start"] = "+2021-02-01".into();
    let e = Programme::from_json_value(bad).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "start"));
    // A definition built in code meets the range at validation.
    let mut def = Programme::from_toml(BASE).unwrap().definition().clone();
    def.start = chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
    let e = Programme::new(def).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "start"));
    let mut def = Programme::from_toml(BASE).unwrap().definition().clone();
    def.end = chrono::NaiveDate::from_ymd_opt(2200, 1, 1).unwrap();
    let e = Programme::new(def).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "end"));
}

#[test]
fn period_and_plan() {
    let reversed = BASE.replace("end = 2023-01-31", "end = 2020-01-31");
    assert_eq!(
        Programme::from_toml(&reversed).unwrap_err().code(),
        "invalid_period"
    );
    let none = BASE.replace("planned_participants = 10", "planned_participants = 0");
    assert_eq!(
        Programme::from_toml(&none).unwrap_err().path(),
        "planned_participants"
    );
}

#[test]
fn sixty_four_levels_of_any_pass_in_toml_and_json() {
    let nested = |depth: usize| {
        "{ any = [ ".repeat(depth - 1) + "{ tag = \"x\" }" + &" ] }".repeat(depth - 1)
    };
    let toml = |depth| format!("{BASE}\n{}", goal(&nested(depth)));
    let json =
        |depth: usize| Programme::from_toml(&toml(depth)).map(|p| p.to_json_value().to_string());
    assert!(Programme::from_toml(&toml(64)).is_ok());
    assert!(Programme::from_json(&json(64).unwrap()).is_ok());
    assert_eq!(
        Programme::from_toml(&toml(65)).unwrap_err().code(),
        "criterion_too_deep"
    );
    // Far deeper text is refused before any parser recurses into it. JSON
    // is read as it streams: a list where the programme's table belongs is
    // refused for its type before its nesting is read (this was
    // `criterion_too_deep` while a bracket scan ran before parsing); nesting
    // that is read is `criterion_too_deep` (see guard_tests.rs).
    let deep_json = "[".repeat(100_000) + &"]".repeat(100_000);
    let e = Programme::from_json(&deep_json).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", ""));
    let deep_toml = format!("a = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        Programme::from_toml(&deep_toml).unwrap_err().code(),
        "criterion_too_deep"
    );
}

#[test]
fn scale_bounds_lie_within_a_million() {
    let scale = |low: i64, high: i64| {
        let text = BASE.replace("scale = [1, 5]", &format!("scale = [{low}, {high}]"));
        Programme::from_toml(&text).map_err(|e| (e.code().to_owned(), e.path().to_owned()))
    };
    assert!(scale(-1_000_000, 1_000_000).is_ok());
    let refused = Err(("invalid_scale".to_owned(), "parameters[1].scale".to_owned()));
    for (low, high) in [
        (0, 1_000_001),
        (-1_000_001, 0),
        (i64::MIN, i64::MAX),
        (0, 1 << 62),
        (i64::MIN, i64::MIN),
    ] {
        assert_eq!(scale(low, high), refused, "[{low}, {high}]");
    }
    // JSON alike, and a definition built in code.
    let json = Programme::from_toml(BASE)
        .unwrap()
        .to_json_value()
        .to_string();
    let wide = json.replace("[1,5]", &format!("[{},{}]", i64::MIN, i64::MAX));
    assert_eq!(
        Programme::from_json(&wide).unwrap_err().code(),
        "invalid_scale"
    );
    let mut definition = Programme::from_toml(BASE).unwrap().definition().clone();
    definition.parameters[1].scale = Some([0, i64::MAX]);
    let e = Programme::new(definition).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_scale", "parameters[1].scale")
    );
}

#[test]
fn a_ladder_has_at_most_fifty_levels() {
    let ladder = |n: usize| {
        let levels: Vec<String> = (0..n).map(|i| format!("\"L{i}\"")).collect();
        let text = BASE.replace(
            "levels = [\"a\", \"b\", \"c\"]",
            &format!("levels = [{}]", levels.join(", ")),
        );
        Programme::from_toml(&text).map_err(|e| (e.code().to_owned(), e.path().to_owned()))
    };
    assert_eq!(ladder(50).unwrap().scale(0).max, 50);
    assert_eq!(
        ladder(51),
        Err((
            "invalid_scale".to_owned(),
            "parameters[0].levels".to_owned()
        ))
    );
}

#[test]
fn a_large_criterion_built_in_code_is_refused_too() {
    use super::{Criterion, GoalDefinition, MAX_CRITERION_NODES};
    // 14 levels of `any` over two copies of the one below: 32 767 nodes.
    let mut c = Criterion::Tag("x".to_owned());
    for _ in 0..14 {
        c = Criterion::Any(vec![c.clone(), c]);
    }
    let mut definition = Programme::from_toml(BASE).unwrap().definition().clone();
    definition.goals.push(GoalDefinition {
        id: "g".to_owned(),
        name: None,
        target: 0.5,
        criterion: c,
        population: Default::default(),
        min_days: 0,
        unknown: Default::default(),
    });
    let e = Programme::new(definition.clone()).unwrap_err();
    assert_eq!(e.code(), "criterion_too_large");
    assert!(
        e.path().starts_with("goals[0].criterion.any[0]"),
        "{}",
        e.path()
    );
    // The same size as text stops at the same criterion.
    let json = serde_json::to_string(&definition).unwrap();
    let from_text = Programme::from_json(&json).unwrap_err();
    assert_eq!((from_text.code(), from_text.path()), (e.code(), e.path()));
    // Exactly the bound is accepted: an `any` of MAX − 1 tags.
    definition.goals[0].criterion = Criterion::Any(vec![
        Criterion::Tag("x".to_owned());
        MAX_CRITERION_NODES - 1
    ]);
    assert!(Programme::new(definition).is_ok());
}

#[test]
fn a_definition_text_past_one_mebibyte_is_refused_before_parsing() {
    // docs/decisions.md#decision-69: valid TOML and JSON, only too long.
    let nordost = include_str!("../../../../examples/nordost/programme.toml");
    let padded = |text: &str, fill: &str, len: usize| {
        format!("{text}\n{}", fill.repeat(len - text.len() - 1))
    };
    let bound = super::MAX_PROGRAMME_BYTES;
    assert!(Programme::from_toml(&padded(nordost, "#", bound)).is_ok());
    let e = Programme::from_toml(&padded(nordost, "#", bound + 1)).expect_err("too long");
    assert_eq!((e.code(), e.path()), ("programme_too_large", ""));
    let json = Programme::from_toml(nordost)
        .expect("valid")
        .to_json_value()
        .to_string();
    assert!(Programme::from_json(&padded(&json, " ", bound)).is_ok());
    let e = Programme::from_json(&padded(&json, " ", bound + 1)).expect_err("too long");
    assert_eq!((e.code(), e.path()), ("programme_too_large", ""));
}

#[test]
fn parameters_are_found_by_exact_id_whether_scanned_or_hashed() {
    // Up to SCANNED_PARAMETERS a scan, past it the map: the same answers.
    for count in [1, SCANNED_PARAMETERS, SCANNED_PARAMETERS + 1, 30] {
        let ids: Vec<String> = (0..count).map(|i| format!("p{i}")).collect();
        let parameters: String = ids
            .iter()
            .map(|id| format!("[[parameters]]\nid = \"{id}\"\nscale = [1, 5]\n\n"))
            .collect();
        let toml = format!(
            "id = \"x\"\nname = \"X\"\nstart = 2021-02-01\nend = 2023-01-31\nplanned_participants = 10\n\n{parameters}[[goals]]\nid = \"g\"\ntarget = 0.5\ncriterion = {{ improved = {{}} }}\n"
        );
        let programme = Programme::from_toml(&toml).unwrap();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(programme.parameter_index(id), Some(i), "{count}: {id}");
        }
        for other in ["", "p", "P0", "p0 ", "p00", "q1"] {
            assert_eq!(programme.parameter_index(other), None, "{count}: {other:?}");
        }
    }
}
