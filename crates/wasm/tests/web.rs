//! wasm-bindgen tests of the binding's glue, run in Node by
//! `cargo test -p stegvis-wasm --target wasm32-unknown-unknown`: the report's
//! JavaScript shape, the hidden methods, table input forms and the error
//! objects. Expected numbers are those worked by hand in `docs/method.md#worked-example`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, JSON, Object, Reflect};
use stegvis_wasm::{JsProgramme, evaluate, explain, newcombe_difference, wilson_interval};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const PROGRAMME: &str = include_str!("../../../examples/nordost/programme.toml");
const PARTICIPANTS: &str = include_str!("../../../tests/fixtures/spec12/participants.csv");
const ASSESSMENTS: &str = include_str!("../../../tests/fixtures/spec12/assessments.csv");

fn programme() -> JsProgramme {
    JsProgramme::from_toml(PROGRAMME.into()).expect("the example programme is valid")
}

/// `{ key: value, ... }` as a JS object.
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (key, value) in entries {
        Reflect::set(&o, &JsValue::from_str(key), value).expect("set on a plain object");
    }
    o.into()
}

/// `value.a.b.c`.
fn at(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        let key = match key.parse::<u32>() {
            Ok(i) => JsValue::from(i),
            Err(_) => JsValue::from_str(key),
        };
        Reflect::get(&v, &key).expect("get on an object")
    })
}

fn number(value: &JsValue, path: &str) -> f64 {
    at(value, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number"))
}

fn worked_example() -> JsValue {
    let tables = object(&[
        ("participants", PARTICIPANTS.into()),
        ("assessments", ASSESSMENTS.into()),
    ]);
    let options = object(&[("asOf", "2022-06-30".into())]);
    evaluate(&programme(), tables, options).expect("the worked example evaluates")
}

fn keys(value: &JsValue) -> Vec<String> {
    Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .filter_map(|k| k.as_string())
        .collect()
}

#[wasm_bindgen_test]
fn worked_example_numbers_reach_javascript() {
    let r = worked_example();
    assert_eq!(at(&r, "asOf").as_string().as_deref(), Some("2022-06-30"));
    assert_eq!(number(&r, "goals.0.achieved"), 2.0);
    assert_eq!(number(&r, "goals.0.denominator"), 3.0);
    assert!((number(&r, "goals.0.share") - 2.0 / 3.0).abs() < 5e-4);
    assert!((number(&r, "goals.0.ci.lower") - 0.208).abs() < 5e-4);
    assert!((number(&r, "goals.0.ci.upper") - 0.939).abs() < 5e-4);
    assert_eq!(
        at(&r, "goals.1.status").as_string().as_deref(),
        Some("not_met")
    );
    assert!((number(&r, "goals.0.genderGap.difference") + 0.5).abs() < 5e-4);
    assert_eq!(number(&r, "enrolment.byGender.woman.needed"), 110.0);
    // Recruitment ends 2022-07-31 (docs/method.md#recruitment): 514 of 545 days.
    assert!((number(&r, "enrolment.expectedByNow") - 200.0 * 514.0 / 545.0).abs() < 5e-4);
    assert_eq!(number(&r, "parameters.0.transitions.0.2"), 1.0);
}

#[wasm_bindgen_test]
fn field_names_are_camel_case_and_data_keys_are_not() {
    let r = worked_example();
    assert_eq!(
        keys(&r),
        [
            "programme",
            "asOf",
            "enrolment",
            "goals",
            "parameters",
            "exits",
            "followUps",
            "dataQuality",
            "breakdowns",
            "assistance",
            "esf",
            "comparison",
            "trend",
            "statusOn"
        ]
    );
    assert_eq!(
        keys(&at(&r, "goals.0.byGender")),
        ["woman", "man", "non_binary", "unknown"]
    );
    // A group's fields are camelCase; its gender keys and its key are data.
    assert_eq!(
        keys(&at(&r, "breakdowns.0.groups.0.enrolment")),
        ["enrolled", "exited", "byGender"]
    );
    assert_eq!(
        keys(&at(&r, "breakdowns.0.groups.0.enrolment.byGender")),
        ["woman", "man", "non_binary", "unknown"]
    );
    assert_eq!(
        at(&r, "breakdowns.0.groups.1.group").as_string().as_deref(),
        Some("18-29")
    );
    assert_eq!(
        keys(&at(&r, "goals.0.byGender.non_binary")),
        [
            "achieved",
            "unknown",
            "excluded",
            "denominator",
            "share",
            "ci"
        ]
    );
    let outcomes = keys(&at(&r, "exits.byOutcome"));
    assert!(outcomes.contains(&"subsidised_employment".to_owned()));
    assert!(outcomes.contains(&"missing".to_owned()));
    assert!(keys(&at(&r, "enrolment")).contains(&"shareOfPlan".to_owned()));
}

#[wasm_bindgen_test]
fn suppress_is_a_hidden_method_returning_a_publishable_report() {
    let r = worked_example();
    assert!(!keys(&r).contains(&"suppress".to_owned()));
    let json = JSON::stringify(&r).expect("stringify").as_string();
    assert!(!json.unwrap_or_default().contains("suppress"));
    let suppress: Function = at(&r, "suppress").dyn_into().expect("a function");
    let publishable = suppress
        .call1(&r, &JsValue::from(5))
        .expect("suppress(5) works");
    // Three participants: every count 1..4 is hidden, zeros stay.
    assert_eq!(
        at(&publishable, "goals.0.achieved").as_string().as_deref(),
        Some("suppressed")
    );
    assert_eq!(number(&publishable, "goals.0.excluded"), 0.0);
    // 0 hides nothing, as in every surface; a negative size is refused.
    let nothing_hidden = suppress
        .call1(&r, &JsValue::from(0))
        .expect("min cell 0 is accepted");
    assert_eq!(number(&nothing_hidden, "goals.0.achieved"), 2.0);
    let error = suppress
        .call1(&r, &JsValue::from(-1))
        .expect_err("min cell -1 is refused");
    assert_eq!(
        at(&error, "code").as_string().as_deref(),
        Some("invalid_argument")
    );
}

#[wasm_bindgen_test]
fn records_are_read_like_csv_rows() {
    let record = |entries: &[(&str, JsValue)]| object(entries);
    let participants: Array = [
        record(&[
            ("id", "a".into()),
            ("gender", "K".into()),
            // A Date is its local calendar day.
            (
                "entry_date",
                js_sys::Date::new_with_year_month_day(2021, 2, 1).into(),
            ),
        ]),
        record(&[
            ("id", "b".into()),
            ("gender", "Q".into()),
            ("entry_date", "2021-03-01".into()),
        ]),
    ]
    .into_iter()
    .collect();
    let tables = object(&[("participants", participants.into())]);
    let failure =
        evaluate(&programme(), tables, JsValue::UNDEFINED).expect_err("gender Q is not a gender");
    // Record 1 (from 0) is row 3.
    assert_eq!(failure.code(), "invalid_gender");
    assert_eq!(failure.table(), Some("participants"));
    assert_eq!(failure.row(), Some(3));
    assert_eq!(failure.column(), Some("gender"));
}

#[wasm_bindgen_test]
fn failures_become_error_objects_with_their_location() {
    let failure = JsProgramme::from_toml(JsValue::from_str(
        &PROGRAMME.replace("parameters = [\"step\"]", "parameters = [\"nope\"]"),
    ))
    .expect_err("an undefined parameter");
    assert_eq!(failure.code(), "undefined_parameter");
    let error = JsValue::from(failure);
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(
        at(&error, "code").as_string().as_deref(),
        Some("undefined_parameter")
    );
    assert_eq!(
        at(&error, "path").as_string().as_deref(),
        Some("goals[0].criterion.any[0].improved.parameters[0]")
    );
    assert!(at(&error, "row").is_undefined());
    let not_text = JsProgramme::from_toml(JsValue::from(42)).expect_err("42 is not TOML");
    assert_eq!(not_text.code(), "invalid_argument");
    assert_eq!(
        at(&error, "name").as_string().as_deref(),
        Some("StegvisError")
    );
}

#[wasm_bindgen_test]
fn explain_names_fields_in_camel_case() {
    let tables = object(&[
        ("participants", PARTICIPANTS.into()),
        ("assessments", ASSESSMENTS.into()),
    ]);
    let options = object(&[("asOf", "2022-06-30".into()), ("participant", "c".into())]);
    let c = explain(&programme(), tables, options).expect("explain works");
    assert_eq!(at(&c, "participantId").as_string().as_deref(), Some("c"));
    assert_eq!(
        at(&c, "goals.0.value").as_string().as_deref(),
        Some("unknown")
    );
    assert_eq!(
        at(&c, "goals.0.counted").as_string().as_deref(),
        Some("not_achieved")
    );
}

#[wasm_bindgen_test]
fn intervals_match_published_values() {
    // Newcombe (1998): Wilson 81/263 → [0.2553, 0.3662]; 56/70 − 48/80 → [0.0524, 0.3339].
    let w = wilson_interval(81.0, 263.0, None).expect("valid");
    assert!((number(&w, "lower") - 0.2553).abs() < 5e-5);
    assert!((number(&w, "upper") - 0.3662).abs() < 5e-5);
    assert!(wilson_interval(0.0, 0.0, None).expect("valid").is_null());
    let d = newcombe_difference(56.0, 70.0, 48.0, 80.0, Some(0.95)).expect("valid");
    assert!((number(&d, "lower") - 0.0524).abs() < 5e-5);
    assert!((number(&d, "upper") - 0.3339).abs() < 5e-5);
    let failure = wilson_interval(5.0, 3.0, None).expect_err("k > n");
    assert_eq!(failure.code(), "invalid_argument");
    assert_eq!(
        wilson_interval(f64::NAN, 3.0, None)
            .expect_err("NaN")
            .code(),
        "invalid_argument"
    );
}
