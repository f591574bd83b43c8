//! The guard (guard.rs): error kinds chosen structurally, the depth limits,
//! and inputs nested 10 000 deep of every shape refused without a stack
//! overflow. Each case runs through every source the core reads: TOML text,
//! JSON text, a `serde_json::Value` and a generic serde source.

use std::rc::Rc;

use serde::de::Error as _;
use serde::de::value::{Error as PlainError, StrDeserializer};
use serde::de::{DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Value, json};

use super::guard::{self, Error, Kind, MAX_DEPTH};
use super::{MAX_CRITERION_DEPTH, Programme};
use crate::error::{ProgrammeError, ProgrammeErrorKind};

/// A valid definition with two parameters and one goal.
fn base() -> Value {
    json!({
        "id": "x", "name": "X", "start": "2021-02-01", "end": "2023-01-31",
        "planned_participants": 10,
        "parameters": [
            { "id": "step", "levels": ["a", "b", "c"] },
            { "id": "swedish", "scale": [1, 5] }
        ],
        "goals": [{ "id": "g", "target": 0.5, "criterion": { "tag": "x" } }]
    })
}

/// The base with its goal's criterion replaced.
fn with_criterion(criterion: Value) -> Value {
    let mut v = base();
    v["goals"][0]["criterion"] = criterion;
    v
}

/// (code, path) from each source, for a definition given as a JSON value.
fn outcomes(definition: &Value) -> Vec<(&'static str, (String, String))> {
    let text = definition.to_string();
    let toml = toml::to_string(definition).expect("the test value is TOML");
    let pair = |r: Result<Programme, ProgrammeError>| match r {
        Ok(_) => ("ok".to_owned(), String::new()),
        Err(e) => (e.code().to_owned(), e.path().to_owned()),
    };
    vec![
        ("json", pair(Programme::from_json(&text))),
        (
            "value",
            pair(Programme::from_json_value(definition.clone())),
        ),
        ("deserializer", pair(generic(&text))),
        ("toml", pair(Programme::from_toml(&toml))),
    ]
}

/// A generic serde source (serde_json's reader without its own depth
/// limit, which would stop 64 levels of `any`), read as a binding's is.
fn generic(text: &str) -> Result<Programme, ProgrammeError> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    Programme::from_deserializer(&mut de)
}

/// Asserts that every source gives `code` at `path`.
#[track_caller]
fn all_give(definition: &Value, code: &str, path: &str) {
    for (source, got) in outcomes(definition) {
        assert_eq!(got, (code.to_owned(), path.to_owned()), "from {source}");
    }
}

#[test]
fn the_base_is_valid_everywhere() {
    all_give(&base(), "ok", "");
}

#[test]
fn each_serde_hook_gives_its_kind() {
    // unknown_field
    let mut v = base();
    v["colour"] = json!("red");
    all_give(&v, "unknown_key", "colour");
    // missing_field, named at the enclosing struct plus the key
    let mut v = base();
    v["goals"][0].as_object_mut().unwrap().remove("target");
    all_give(&v, "missing_key", "goals[0].target");
    // unknown_variant of Criterion
    all_give(
        &with_criterion(json!({ "improvd": {} })),
        "invalid_criterion",
        "goals[0].criterion",
    );
    // unknown_variant of another enum
    let mut v = base();
    v["goals"][0]["population"] = json!("all");
    all_give(&v, "invalid_value", "goals[0].population");
    // invalid_type
    let mut v = base();
    v["id"] = json!(5);
    all_give(&v, "invalid_value", "id");
    // invalid_length
    let mut v = base();
    v["eligible_age"] = json!([16, 64, 99]);
    all_give(&v, "invalid_value", "eligible_age");
    // custom (an untagged enum matched no variant)
    all_give(
        &with_criterion(json!({ "reached": { "parameter": "step", "level": true } })),
        "invalid_value",
        "goals[0].criterion.reached.level",
    );
    // invalid_value from the guard: a criterion table with two kinds
    all_give(
        &with_criterion(json!({ "improved": {}, "tag": "x" })),
        "invalid_value",
        "goals[0].criterion",
    );
    // a string where a criterion with content belongs (the path names the
    // variant, as it did when read through serde_json::Value)
    all_give(
        &with_criterion(json!("tag")),
        "invalid_value",
        "goals[0].criterion.tag",
    );
}

#[test]
fn duplicate_keys_in_json_text_are_invalid_values() {
    // Only JSON text can repeat a key (TOML calls it invalid TOML). Read
    // through serde_json::Value the last one silently won.
    let text = base()
        .to_string()
        .replacen("\"id\":\"x\"", "\"id\":\"x\",\"id\":\"y\"", 1);
    let e = Programme::from_json(&text).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "id"));
}

#[test]
fn kinds_never_come_from_message_text() {
    // A message that reads like another kind does not make it that kind.
    type E = Error<serde_json::Error>;
    let custom = E::custom("unknown field `colour`, expected one of `id`");
    assert_eq!(custom.kind(), Some(Kind::InvalidValue));
    let custom = E::custom("missing field `target`");
    assert_eq!(custom.kind(), Some(Kind::InvalidValue));
    let field = E::unknown_field("colour", &["id"]);
    assert_eq!(field.kind(), Some(Kind::UnknownKey));
    assert_eq!(E::missing_field("t").kind(), Some(Kind::MissingKey("t")));
    let variant = E::unknown_variant("x", &["y"]);
    assert_eq!(variant.kind(), Some(Kind::UnknownVariant(None)));
    let length = E::invalid_length(3, &"2");
    assert_eq!(length.kind(), Some(Kind::InvalidValue));
    let duplicate = E::duplicate_field("id");
    assert_eq!(duplicate.kind(), Some(Kind::DuplicateKey("id")));
}

#[test]
fn source_errors_keep_the_source_kind() {
    assert_eq!(
        Programme::from_json("{").unwrap_err().code(),
        "invalid_json"
    );
    assert_eq!(
        Programme::from_json(&format!("{} x", base()))
            .unwrap_err()
            .code(),
        "invalid_json"
    );
    assert_eq!(
        Programme::from_toml("id = ").unwrap_err().code(),
        "invalid_toml"
    );
    // JSON text is refused where a list stands for the programme's table.
    let e = Programme::from_json("[\"x\", \"X\"]").unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", ""));
}

#[test]
fn toml_dates_are_text_and_numbers_must_fit() {
    let toml = |v: &Value| toml::to_string(v).unwrap();
    let text = toml(&base())
        .replace("start = \"2021-02-01\"", "start = 2021-02-01")
        .replace("id = \"x\"", "id = 2020-01-01");
    let p = Programme::from_toml(&text).unwrap();
    assert_eq!(p.id(), "2020-01-01");
    let with_time = text.replace("start = 2021-02-01", "start = 2021-02-01T00:00:00");
    let e = Programme::from_toml(&with_time).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "start"));
    let nan = text.replace("target = 0.5", "target = nan");
    let e = Programme::from_toml(&nan).unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", "goals[0].target"));
    let huge = text.replace(
        "planned_participants = 10",
        "planned_participants = 99999999999999999999",
    );
    assert_eq!(
        Programme::from_toml(&huge).unwrap_err().code(),
        "invalid_toml"
    );
    let huge = text.replace("target = 0.5", "target = 1e999");
    assert_eq!(
        Programme::from_toml(&huge).unwrap_err().code(),
        "invalid_toml"
    );
}

/// `depth` criteria: `not` around `not` … around a tag.
fn nots(depth: usize) -> Value {
    (1..depth).fold(json!({ "tag": "x" }), |c, _| json!({ "not": c }))
}

/// `depth` criteria: `any` of `any` … of an `improved` with a parameter list.
fn anys(depth: usize) -> Value {
    let leaf = json!({ "improved": { "parameters": ["step"] } });
    (1..depth).fold(leaf, |c, _| json!({ "any": [c] }))
}

#[test]
fn sixty_four_criteria_are_read_and_the_sixty_fifth_is_too_deep() {
    all_give(&with_criterion(nots(MAX_CRITERION_DEPTH)), "ok", "");
    all_give(&with_criterion(anys(MAX_CRITERION_DEPTH)), "ok", "");
    let path = format!("goals[0].criterion{}", ".not".repeat(MAX_CRITERION_DEPTH));
    all_give(&with_criterion(nots(65)), "criterion_too_deep", &path);
    let path = format!(
        "goals[0].criterion{}",
        ".any[0]".repeat(MAX_CRITERION_DEPTH)
    );
    all_give(&with_criterion(anys(65)), "criterion_too_deep", &path);
}

#[test]
fn any_value_is_read_at_most_max_depth_levels_deep() {
    let nested = |depth: usize| "[".repeat(depth) + &"]".repeat(depth);
    let read = |text: &str| {
        let mut de = serde_json::Deserializer::from_str(text);
        de.disable_recursion_limit();
        guard::read::<Value, _>(&mut de, |_| ProgrammeErrorKind::InvalidJson)
    };
    assert!(read(&nested(MAX_DEPTH)).is_ok());
    let e = read(&nested(MAX_DEPTH + 1)).unwrap_err();
    assert_eq!((e.code(), e.path()), ("criterion_too_deep", ""));
    // Inside a definition: a level given as lists nested far too deep.
    let mut level = json!(1);
    for _ in 0..MAX_DEPTH {
        level = json!([level]);
    }
    let definition = with_criterion(json!({ "reached": { "parameter": "step", "level": level } }));
    all_give(&definition, "criterion_too_deep", "");
}

#[test]
fn toml_text_is_bounded_counting_brackets_dotted_keys_and_headers() {
    type Shape = fn(usize) -> String;
    let cases: [(&str, Shape); 3] = [
        ("array", |n| {
            format!("a = {}{}", "[".repeat(n), "]".repeat(n))
        }),
        // n levels: the table named by the header's n keys.
        ("header", |n| format!("[{}]\ny = 1", vec!["x"; n].join("."))),
        // n levels: n + 1 keys, the last naming the value.
        ("dotted", |n| format!("{} = 1", vec!["x"; n + 1].join("."))),
    ];
    for (shape, text) in cases {
        let e = Programme::from_toml(&text(MAX_DEPTH)).unwrap_err();
        assert_eq!(e.code(), "unknown_key", "{shape} at {MAX_DEPTH}");
        let e = Programme::from_toml(&text(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!((e.code(), e.path()), ("criterion_too_deep", ""), "{shape}");
    }
}

/// Runs `f` on a thread with the usual 2 MiB stack (not whatever
/// RUST_MIN_STACK makes the test threads), so that an overflow would abort.
fn on_a_normal_thread(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

const DEEP: usize = 10_000;

#[test]
fn toml_nested_ten_thousand_deep_is_refused_in_every_shape() {
    on_a_normal_thread(|| {
        let keys = vec!["x"; DEEP].join(".");
        let shapes = [
            format!("a = {}{}", "[".repeat(DEEP), "]".repeat(DEEP)),
            format!("a = {}1{}", "{ a = ".repeat(DEEP), " }".repeat(DEEP)),
            format!(
                "a = {}1{}",
                "[{ a = ".repeat(DEEP / 2),
                " }]".repeat(DEEP / 2)
            ),
            format!("{keys} = 1"),
            format!("a = {{ {keys} = 1 }}"),
            format!("[{keys}]\ny = 1"),
            format!("[[{keys}]]\ny = 1"),
            // Unclosed: toml would call it invalid, but only after parsing.
            format!("a = {}", "[".repeat(DEEP)),
            format!(
                "[[goals]]\nid = \"g\"\ntarget = 0.5\ncriterion = {}{{ tag = \"x\" }}{}",
                "{ not = ".repeat(DEEP),
                " }".repeat(DEEP)
            ),
            format!(
                "[[goals]]\nid = \"g\"\ntarget = 0.5\n[goals.criterion.{}]\ntag = \"x\"",
                vec!["not"; DEEP].join(".")
            ),
        ];
        for text in shapes {
            let e = Programme::from_toml(&text).unwrap_err();
            assert_eq!((e.code(), e.path()), ("criterion_too_deep", ""));
        }
    });
}

#[test]
fn json_nested_ten_thousand_deep_is_refused_in_every_shape() {
    on_a_normal_thread(|| {
        let base = base().to_string();
        let criterion = "{\"tag\":\"x\"}";
        let in_criterion = |open: &str, close: &str| {
            base.replace(
                criterion,
                &format!("{}{criterion}{}", open.repeat(DEEP), close.repeat(DEEP)),
            )
        };
        let level = format!(
            "{{\"reached\":{{\"parameter\":\"step\",\"level\":{}1{}}}}}",
            "[".repeat(DEEP),
            "]".repeat(DEEP)
        );
        let not_path = format!("goals[0].criterion{}", ".not".repeat(MAX_CRITERION_DEPTH));
        let any_path = format!(
            "goals[0].criterion{}",
            ".any[0]".repeat(MAX_CRITERION_DEPTH)
        );
        let cases = [
            (
                in_criterion("{\"not\":", "}"),
                "criterion_too_deep",
                not_path,
            ),
            (
                in_criterion("{\"any\":[", "]}"),
                "criterion_too_deep",
                any_path,
            ),
            (
                base.replace(criterion, &level),
                "criterion_too_deep",
                String::new(),
            ),
            (
                format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP)),
                "invalid_value",
                String::new(),
            ),
            (
                format!("{}1{}", "{\"a\":".repeat(DEEP), "}".repeat(DEEP)),
                "unknown_key",
                "a".to_owned(),
            ),
            // Unclosed, so the guard must stop it before the end is found.
            (in_criterion("{\"not\":", ""), "criterion_too_deep", {
                format!("goals[0].criterion{}", ".not".repeat(MAX_CRITERION_DEPTH))
            }),
        ];
        for (text, code, path) in cases {
            for e in [
                Programme::from_json(&text).unwrap_err(),
                generic(&text).unwrap_err(),
            ] {
                assert_eq!((e.code(), e.path()), (code, path.as_str()));
            }
        }
    });
}

/// `{"any": [c, c, …]}` with `width` items, around `inner`.
fn any_of(inner: &Value, width: usize) -> Value {
    json!({ "any": vec![inner.clone(); width] })
}

#[test]
fn ten_thousand_criteria_are_read_and_one_more_is_too_large() {
    let tag = json!({ "tag": "x" });
    // The `any` and 9 999 tags: 10 000 criteria.
    all_give(&with_criterion(any_of(&tag, 9_999)), "ok", "");
    // One more, the 10 001st, is refused at its path.
    all_give(
        &with_criterion(any_of(&tag, 10_000)),
        "criterion_too_large",
        "goals[0].criterion.any[9999]",
    );
    // The bound is on all goals together.
    let mut v = with_criterion(any_of(&tag, 4_999));
    let second = json!({ "id": "h", "target": 0.5, "criterion": any_of(&tag, 5_000) });
    v["goals"].as_array_mut().unwrap().push(second);
    all_give(&v, "criterion_too_large", "goals[1].criterion.any[4999]");
    // Every level counts: 20 goals of 10 `not`s around an `any` of 509
    // tags, 520 criteria each. (Ten levels, not twenty: toml writes each
    // tag as a table headed by the whole dotted path, and twenty levels
    // would pass the 1 MiB text bound, decision 69, before the count.)
    let nots = (0..10).fold(any_of(&tag, 509), |c, _| json!({ "not": c }));
    let mut v = base();
    v["goals"] = (0..20)
        .map(|i| json!({ "id": format!("g{i}"), "target": 0.5, "criterion": nots.clone() }))
        .collect();
    // 19 goals hold 9 880; the 20th reaches 10 001 at its 121st criterion:
    // 10 `not`s, the `any` and its 110th item (index 109).
    let path = format!("goals[19].criterion{}.any[109]", ".not".repeat(10));
    all_give(&v, "criterion_too_large", &path);
}

/// A tree whose nodes may be shared, as a Python dict or a JS object can
/// share one sub-criterion: read through the guard it is visited once per
/// use, never copied.
enum Node {
    Str(&'static str),
    Int(i64),
    Float(f64),
    Map(Vec<(&'static str, Rc<Node>)>),
    Seq(Vec<Rc<Node>>),
}

impl<'de> Deserializer<'de> for &Node {
    type Error = PlainError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PlainError> {
        match self {
            Node::Str(s) => visitor.visit_str(s),
            Node::Int(i) => visitor.visit_i64(*i),
            Node::Float(f) => visitor.visit_f64(*f),
            Node::Map(entries) => visitor.visit_map(Entries(entries.iter(), None)),
            Node::Seq(items) => visitor.visit_seq(Items(items.iter())),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct Entries<'a>(
    std::slice::Iter<'a, (&'static str, Rc<Node>)>,
    Option<&'a Node>,
);

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = PlainError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PlainError> {
        let Some((key, value)) = self.0.next() else {
            return Ok(None);
        };
        self.1 = Some(value);
        let key: StrDeserializer<'_, PlainError> = key.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, PlainError> {
        seed.deserialize(self.1.take().expect("a key came first"))
    }
}

struct Items<'a>(std::slice::Iter<'a, Rc<Node>>);

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = PlainError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PlainError> {
        self.0
            .next()
            .map(|item| seed.deserialize(&**item))
            .transpose()
    }
}

#[test]
fn a_shared_sub_criterion_is_refused_before_it_expands() {
    // c = {"tag": "a"}; 22 times c = {"any": [c, c]}: 45 nodes in memory,
    // 8 388 607 criteria when read. Reading stops at the 10 001st.
    let mut c = Rc::new(Node::Map(vec![("tag", Rc::new(Node::Str("a")))]));
    for _ in 0..22 {
        c = Rc::new(Node::Map(vec![(
            "any",
            Rc::new(Node::Seq(vec![c.clone(), c])),
        )]));
    }
    let s = |v| Rc::new(Node::Str(v));
    let goal = Rc::new(Node::Map(vec![
        ("id", s("g")),
        ("target", Rc::new(Node::Float(0.5))),
        ("criterion", c),
    ]));
    let programme = Node::Map(vec![
        ("id", s("x")),
        ("name", s("X")),
        ("start", s("2021-02-01")),
        ("end", s("2023-01-31")),
        ("planned_participants", Rc::new(Node::Int(10))),
        ("goals", Rc::new(Node::Seq(vec![goal]))),
    ]);
    let started = std::time::Instant::now();
    let e = Programme::from_deserializer(&programme).unwrap_err();
    // Depth first, the 10 001st criterion read.
    let path = "goals[0].criterion.any[0].any[0].any[0].any[0].any[0].any[0].any[0].any[0]\
                .any[0].any[1].any[0].any[0].any[1].any[1].any[1].any[0].any[0].any[0].any[0].any[0]";
    assert_eq!((e.code(), e.path()), ("criterion_too_large", path));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
