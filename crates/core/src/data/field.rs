//! One cell of an input table and the rules that turn it into a domain value
//! (`docs/data.md#input-data`, `docs/data.md#cell-values`). Every binding hands
//! its cells over as [`Field`]s, so CSV text, Arrow arrays and JS values are
//! all parsed by this one module.

use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::DataErrorKind;
use crate::model::{ParticipantId, TimePart, date_in_range, iso_date};
use crate::programme::Scale;
use crate::vocab::{Education, ExitOutcome, Gender, LabourStatus, trim};

/// The longest alias, in bytes ("annan arbetsmarknadsinsats" is 26).
const LONGEST_ALIAS: usize = 32;

/// `text` in lowercase, written into `buf` once so it can be compared with
/// every alias (written in lowercase) by plain equality; `None` when it is
/// too long to be any alias. ASCII text is folded byte by byte, other text
/// by Unicode's lowercase mapping, as `char::to_lowercase` gives it.
fn folded<'b>(text: &str, buf: &'b mut [u8; LONGEST_ALIAS]) -> Option<&'b str> {
    if text.is_ascii() {
        let folded = buf.get_mut(..text.len())?;
        folded.copy_from_slice(text.as_bytes());
        folded.make_ascii_lowercase();
        return std::str::from_utf8(folded).ok();
    }
    // ASCII letters of mixed text ("Vård") are folded as bytes; only the
    // others ask Unicode's lowercase mapping.
    let mut len = 0;
    for c in text.chars() {
        if c.is_ascii() {
            *buf.get_mut(len)? = (c as u8).to_ascii_lowercase();
            len += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            let end = len + lower.len_utf8();
            lower.encode_utf8(buf.get_mut(len..end)?);
            len = end;
        }
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// Parses the spellings of docs/data.md (Gender), ignoring case and
/// surrounding space. The empty string is [`Gender::Unknown`].
impl FromStr for Gender {
    type Err = DataErrorKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut buf = [0; LONGEST_ALIAS];
        match folded(trim(s), &mut buf) {
            Some("woman" | "women" | "female" | "f" | "w" | "kvinna" | "k") => Ok(Gender::Woman),
            Some("man" | "men" | "male" | "m") => Ok(Gender::Man),
            Some(
                "non_binary" | "non-binary" | "nonbinary" | "x" | "icke-binär" | "ickebinär"
                | "annat" | "other",
            ) => Ok(Gender::NonBinary),
            Some("" | "unknown" | "okänt" | "okänd" | "-") => Ok(Gender::Unknown),
            _ => Err(DataErrorKind::InvalidGender),
        }
    }
}

/// Swedish words accepted as aliases of an exit outcome.
fn swedish_aliases(outcome: ExitOutcome) -> &'static [&'static str] {
    match outcome {
        ExitOutcome::Employment => &["arbete"],
        ExitOutcome::SubsidisedEmployment => &["anställning med stöd"],
        ExitOutcome::Education => &["studier", "utbildning"],
        ExitOutcome::JobSeeking => &["arbetssökande"],
        ExitOutcome::LabourMarketProgramme => &["annan arbetsmarknadsinsats"],
        ExitOutcome::HealthCare => &["vård", "rehabilitering"],
        ExitOutcome::ParentalLeave => &["föräldraledighet", "föräldraledig"],
        ExitOutcome::Moved => &["flyttat", "flytt"],
        ExitOutcome::Other => &["annat", "övrigt"],
        ExitOutcome::Unknown => &["okänt", "okänd"],
    }
}

/// Parses the English names and their Swedish aliases, ignoring case and
/// surrounding space.
impl FromStr for ExitOutcome {
    type Err = DataErrorKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut buf = [0; LONGEST_ALIAS];
        folded(trim(s), &mut buf)
            .and_then(|s| EXIT_OUTCOMES.get(s).copied())
            .ok_or(DataErrorKind::InvalidExitOutcome)
    }
}

/// Every name and alias of an exit outcome, to look one up at once:
/// comparing a cell with each in turn cost about 550 instructions per exit
/// (issue 13), a seventh of reading the participants of `benches/peers`.
static EXIT_OUTCOMES: std::sync::LazyLock<foldhash::HashMap<&'static str, ExitOutcome>> =
    std::sync::LazyLock::new(|| {
        ExitOutcome::ALL
            .into_iter()
            .flat_map(|o| {
                std::iter::once(o.as_str())
                    .chain(swedish_aliases(o).iter().copied())
                    .map(move |name| (name, o))
            })
            .collect()
    });

/// A float that is a whole number small enough to be exact (|f| < 9·10¹⁵,
/// below 2⁵³), as an integer: data frames turn integer columns with gaps
/// into floats, and JavaScript has no other numbers.
pub fn whole_number(f: f64) -> Option<i64> {
    (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

/// One cell, borrowed from wherever the table lives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Field<'a> {
    /// Null, missing or NaN: all mean "no value".
    Null,
    /// Text (surrounding space is ignored; empty text is [`Field::Null`]).
    Text(&'a str),
    /// An integer.
    Integer(i64),
    /// A floating-point number (whole numbers count as integers).
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A calendar date.
    Date(NaiveDate),
    /// A list of cells, one level deep: only `tags` accepts one (a list of
    /// texts); every other column rejects it with its error. A binding hands
    /// a list over as it is, rather than joining it into text for the core
    /// to split again, and turns an item that is itself a list into
    /// [`Field::Unsupported`], so no input nests deeper than this.
    List(&'a [Field<'a>]),
    /// A value of a kind no column accepts (an object, …); every parser
    /// rejects it with the column's error.
    Unsupported,
}

impl<'a> Field<'a> {
    /// Text is trimmed; text with nothing but space, and NaN, become
    /// [`Field::Null`].
    pub fn normalised(self) -> Field<'a> {
        match self {
            Field::Text(s) => match trim(s) {
                "" => Field::Null,
                trimmed => Field::Text(trimmed),
            },
            Field::Float(f) if f.is_nan() => Field::Null,
            other => other,
        }
    }

    pub(crate) fn is_null(self) -> bool {
        matches!(self.normalised(), Field::Null)
    }
}

/// Formats an integer id into a stack buffer, so ids need no allocation.
pub(crate) struct IdBuffer(itoa::Buffer);

impl IdBuffer {
    pub(crate) fn new() -> Self {
        IdBuffer(itoa::Buffer::new())
    }

    /// The id as text: integer ids become their decimal strings.
    pub(crate) fn id<'b>(&'b mut self, field: Field<'b>) -> Result<&'b str, DataErrorKind> {
        match field.normalised() {
            Field::Text(s) => ParticipantId::check(s),
            Field::Integer(i) => Ok(self.0.format(i)),
            Field::Float(f) => match whole_number(f) {
                Some(i) => Ok(self.0.format(i)),
                None => Err(DataErrorKind::InvalidId),
            },
            _ => Err(DataErrorKind::InvalidId),
        }
    }
}

/// A date cell (`docs/data.md#dates`): `None` for an empty cell. Text
/// follows the model's one date rule (`model::iso_date`), a native date
/// (Python, Arrow, JS) the same range. Public so that a binding's date
/// arguments (the as-of date) follow the rule of the date columns instead
/// of a copy of it.
pub fn date(field: Field<'_>) -> Result<Option<NaiveDate>, DataErrorKind> {
    match field.normalised() {
        Field::Null => Ok(None),
        Field::Date(d) => date_in_range(d).map(Some).ok_or(DataErrorKind::InvalidDate),
        Field::Text(s) => iso_date(s, TimePart::Dropped)
            .map(Some)
            .ok_or(DataErrorKind::InvalidDate),
        _ => Err(DataErrorKind::InvalidDate),
    }
}

/// A participant id given as an argument (which participant to explain),
/// read by the rule of the id columns (docs/data.md, ids): text is trimmed,
/// a whole number becomes its decimal text.
pub fn participant_id(field: Field<'_>) -> Result<String, DataErrorKind> {
    IdBuffer::new().id(field).map(str::to_owned)
}

/// The tags of a `tags` cell (docs/data.md, tags): text separated by `;`,
/// or a list of such texts, each item read as a cell of its own would be
/// (so a null item, like an empty one, is no tag). Empty entries are
/// dropped here; repeats when interned.
pub(crate) fn tags<'a>(field: Field<'a>) -> Result<Tags<'a>, DataErrorKind> {
    match field.normalised() {
        Field::Null => Ok(Tags::Text("")),
        Field::Text(s) => Ok(Tags::Text(s)),
        Field::List(items) => {
            if items
                .iter()
                .all(|i| matches!(i.normalised(), Field::Text(_) | Field::Null))
            {
                Ok(Tags::List(items))
            } else {
                Err(DataErrorKind::InvalidTags)
            }
        }
        _ => Err(DataErrorKind::InvalidTags),
    }
}

/// Checked tags, still borrowed from the cell: iterate with [`Tags::each`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tags<'a> {
    /// `;`-separated text.
    Text(&'a str),
    /// Texts (checked by [`tags`]), each `;`-separated.
    List(&'a [Field<'a>]),
    /// Tags built in Rust ([`Participant`](crate::model::Participant)):
    /// already one tag per item.
    Values(&'a [String]),
}

impl<'a> Tags<'a> {
    /// Every non-empty, trimmed tag, repeats included.
    pub(crate) fn each(self) -> impl Iterator<Item = &'a str> {
        let split = |s: &'a str| s.split(';');
        let (text, list, values) = match self {
            Tags::Text(s) => (Some(s), None, None),
            Tags::List(items) => (None, Some(items), None),
            Tags::Values(v) => (None, None, Some(v)),
        };
        let from_list = list.into_iter().flatten().flat_map(move |item| match item {
            Field::Text(s) => split(s),
            // `tags` admitted only texts and nulls.
            _ => split(""),
        });
        let from_values = values.into_iter().flatten().map(String::as_str);
        text.into_iter()
            .flat_map(split)
            .chain(from_list)
            .chain(from_values)
            .map(trim)
            .filter(|t| !t.is_empty())
    }
}

pub(crate) fn gender(field: Field<'_>) -> Result<Gender, DataErrorKind> {
    match field.normalised() {
        Field::Null => Ok(Gender::Unknown),
        Field::Text(s) => s.parse(),
        _ => Err(DataErrorKind::InvalidGender),
    }
}

pub(crate) fn outcome(field: Field<'_>) -> Result<Option<ExitOutcome>, DataErrorKind> {
    match field.normalised() {
        Field::Null => Ok(None),
        Field::Text(s) => s.parse().map(Some),
        _ => Err(DataErrorKind::InvalidExitOutcome),
    }
}

/// Whether `text` is `name` (lowercase, words joined by `_`) ignoring case,
/// with a space or a hyphen read as `_` (`Long-term unemployed` is
/// `long_term_unemployed`); compared without a copy.
fn is_word(text: &str, name: &str) -> bool {
    let fold = |c: char| if c == ' ' || c == '-' { '_' } else { c };
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .eq(name.chars())
}

/// The English names and Swedish words of `docs/data.md#labour-status`.
fn labour_status_words(status: LabourStatus) -> &'static [&'static str] {
    match status {
        LabourStatus::Unemployed => &["unemployed", "arbetslös"],
        LabourStatus::LongTermUnemployed => &["long_term_unemployed", "långtidsarbetslös"],
        LabourStatus::Inactive => &["inactive", "inaktiv", "utanför_arbetskraften"],
        LabourStatus::Employed => &[
            "employed",
            "self_employed",
            "sysselsatt",
            "anställd",
            "egenföretagare",
        ],
    }
}

/// The names and Swedish words of `docs/data.md#education`.
fn education_words(band: Education) -> &'static [&'static str] {
    match band {
        Education::Isced02 => &["isced_0_2", "förgymnasial", "grundskola"],
        Education::Isced34 => &["isced_3_4", "gymnasial", "gymnasium"],
        Education::Isced58 => &["isced_5_8", "eftergymnasial"],
    }
}

/// A `labour_status` cell (`docs/data.md#labour-status`): `None` when empty.
pub(crate) fn labour_status(field: Field<'_>) -> Result<Option<LabourStatus>, DataErrorKind> {
    match field.normalised() {
        Field::Null => Ok(None),
        Field::Text(s) => <LabourStatus as strum::VariantArray>::VARIANTS
            .iter()
            .copied()
            .find(|&v| labour_status_words(v).iter().any(|w| is_word(s, w)))
            .map(Some)
            .ok_or(DataErrorKind::InvalidLabourStatus),
        _ => Err(DataErrorKind::InvalidLabourStatus),
    }
}

/// An `education` cell (`docs/data.md#education`): `None` when empty.
pub(crate) fn education(field: Field<'_>) -> Result<Option<Education>, DataErrorKind> {
    match field.normalised() {
        Field::Null => Ok(None),
        Field::Text(s) => <Education as strum::VariantArray>::VARIANTS
            .iter()
            .copied()
            .find(|&v| education_words(v).iter().any(|w| is_word(s, w)))
            .map(Some)
            .ok_or(DataErrorKind::InvalidEducation),
        _ => Err(DataErrorKind::InvalidEducation),
    }
}

/// yes/no in the spellings spreadsheets use, English and Swedish.
pub(crate) fn boolean(field: Field<'_>) -> Result<Option<bool>, DataErrorKind> {
    match field.normalised() {
        Field::Null => Ok(None),
        Field::Bool(b) => Ok(Some(b)),
        Field::Integer(0) => Ok(Some(false)),
        Field::Integer(1) => Ok(Some(true)),
        Field::Float(f) if f == 0.0 || f == 1.0 => Ok(Some(f == 1.0)),
        Field::Text(s) => {
            let is = |words: &[&str]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
            if is(&["true", "yes", "ja", "1", "t", "y", "j"]) {
                Ok(Some(true))
            } else if is(&["false", "no", "nej", "0", "f", "n"]) {
                Ok(Some(false))
            } else {
                Err(DataErrorKind::InvalidBool)
            }
        }
        _ => Err(DataErrorKind::InvalidBool),
    }
}

/// An integer level (whole floats count) or a ladder label. Range is checked
/// later: a level outside the scale is a data-quality issue, not an error.
pub(crate) fn level(field: Field<'_>, scale: &Scale) -> Result<i64, DataErrorKind> {
    match field.normalised() {
        Field::Integer(i) => Ok(i),
        Field::Float(f) => whole_number(f).ok_or(DataErrorKind::InvalidLevel),
        Field::Text(s) => {
            // Nearly every cell is one to four digits or a label, and both
            // are told apart without Rust's general number parsers: a number
            // never starts with a letter, save "inf" and "NaN", which are
            // not whole (`docs/decisions.md#decision-149`).
            if (1..=4).contains(&s.len())
                && let Some(i) = crate::model::digits(s.as_bytes())
            {
                return Ok(i.into());
            }
            if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
                if let Ok(i) = s.parse::<i64>() {
                    return Ok(i);
                }
                if let Some(i) = s.parse::<f64>().ok().and_then(whole_number) {
                    return Ok(i);
                }
            }
            scale.level_of(s).ok_or(DataErrorKind::InvalidLevel)
        }
        _ => Err(DataErrorKind::InvalidLevel),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_matched_in_any_case_once_folded() {
        for outcome in ExitOutcome::ALL {
            for alias in swedish_aliases(outcome).iter().chain([&outcome.as_str()]) {
                assert!(alias.len() <= LONGEST_ALIAS, "{alias}");
                assert_eq!(alias.to_uppercase().parse(), Ok(outcome), "{alias}");
            }
        }
        let gender = |s: &str| s.parse::<Gender>();
        assert_eq!(gender(" KVINNA "), Ok(Gender::Woman));
        // The Kelvin sign folds to an ASCII k.
        assert_eq!(gender("\u{212A}"), Ok(Gender::Woman));
        assert_eq!(gender("Icke-Binär"), Ok(Gender::NonBinary));
        assert_eq!(gender("OKÄND"), Ok(Gender::Unknown));
        assert_eq!(
            gender(&"k".repeat(LONGEST_ALIAS + 1)),
            Err(DataErrorKind::InvalidGender)
        );
        assert_eq!(gender("kvinnor"), Err(DataErrorKind::InvalidGender));
        // Text with letters outside ASCII, too long once folded, at the
        // last byte of the buffer and past it.
        let long = format!("{}Ä", "k".repeat(LONGEST_ALIAS - 2));
        assert_eq!(gender(&long), Err(DataErrorKind::InvalidGender));
        let longer = format!("{}Ä", "k".repeat(LONGEST_ALIAS - 1));
        assert_eq!(gender(&longer), Err(DataErrorKind::InvalidGender));
        assert_eq!(
            "Å".repeat(LONGEST_ALIAS).parse::<ExitOutcome>(),
            Err(DataErrorKind::InvalidExitOutcome)
        );
    }

    #[test]
    fn dates_in_the_plain_shape_and_the_documented_date_times() {
        let d = |s| date(Field::Text(s));
        let day = NaiveDate::from_ymd_opt(2021, 3, 1);
        for s in [
            "2021-03-01",
            " 2021-03-01 ",
            "2021-03-01T00:00",
            "2021-03-01 12:00",
            "2021-03-01T23:59:59",
            "2021-03-01 00:00:00",
            "2021-03-01T10:00:00.5",
            "2021-03-01 10:00:00.123456789",
            "2021-03-01T10:00Z",
            "2021-03-01T10:00:00Z",
            "2021-03-01T10:00:00.000+01:00",
            "2021-03-01 23:00:00-05:30",
            "2021-03-01T10:00+23:59",
        ] {
            assert_eq!(d(s), Ok(day), "{s:?}");
        }
        assert_eq!(d(""), Ok(None));
        assert_eq!(d("2024-02-29"), Ok(NaiveDate::from_ymd_opt(2024, 2, 29)));
    }

    #[test]
    fn dates_in_any_other_form_are_invalid() {
        for s in [
            // Signs, short or long parts, other separators.
            "+2021-03-01",
            "-0001-01-01",
            "+02021-03-01",
            "2021-3-1",
            "2021-03-1",
            "21-03-01",
            "2021/03/01",
            "01/03/2021",
            "20210301",
            "2021-0a-01",
            // Not a calendar day.
            "2021-02-30",
            "2021-13-01",
            "2021-00-10",
            "2023-02-29",
            // Junk after the date.
            "2021-03-01 xyz",
            "2021-03-01x",
            "2021-03-01T",
            "2021-03-01  10:00",
            "2021-03-01t10:00",
            "2021-03-01T10",
            "2021-03-01T1:00",
            "2021-03-01T10:0",
            "2021-03-01T10:00:0",
            "2021-03-01T10:00:00.",
            "2021-03-01T10:00:00.1234567890",
            "2021-03-01T10:00:00,5",
            "2021-03-01T10:00.5",
            "2021-03-01T10:00:00z",
            "2021-03-01T10:00:00+01",
            "2021-03-01T10:00:00+0100",
            "2021-03-01T10:00:00+24:00",
            "2021-03-01T10:00:00+01:60",
            "2021-03-01T10:00:00ZZ",
            "2021-03-01T10:00:00 UTC",
            // Times that are no time of day.
            "2021-03-01T25:00",
            "2021-03-01T24:00",
            "2021-03-01T24:00:00",
            "2021-03-01T10:60",
            "2021-03-01T10:00:60",
            "2021-03-01 99:99:99",
            // Outside 1900-01-01 to 2199-12-31.
            "0000-01-01",
            "0001-01-01",
            "1899-12-31",
            "2200-01-01",
            "9999-12-31",
            "1899-12-31T23:59:59",
        ] {
            assert_eq!(
                date(Field::Text(s)),
                Err(DataErrorKind::InvalidDate),
                "{s:?}"
            );
        }
    }

    #[test]
    fn dates_from_1900_to_2199_native_values_included() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date(Field::Text("1900-01-01")), Ok(Some(ymd(1900, 1, 1))));
        assert_eq!(date(Field::Text("2199-12-31")), Ok(Some(ymd(2199, 12, 31))));
        assert_eq!(
            date(Field::Text("2199-12-31T23:59:59.999+14:00")),
            Ok(Some(ymd(2199, 12, 31)))
        );
        assert_eq!(
            date(Field::Date(ymd(1900, 1, 1))),
            Ok(Some(ymd(1900, 1, 1)))
        );
        assert_eq!(
            date(Field::Date(ymd(2199, 12, 31))),
            Ok(Some(ymd(2199, 12, 31)))
        );
        for outside in [
            ymd(1899, 12, 31),
            ymd(2200, 1, 1),
            ymd(0, 1, 1),
            ymd(-1, 1, 1),
            NaiveDate::MIN,
            NaiveDate::MAX,
        ] {
            assert_eq!(
                date(Field::Date(outside)),
                Err(DataErrorKind::InvalidDate),
                "{outside}"
            );
        }
        // Other kinds of cell are no date either.
        for cell in [
            Field::Integer(20210301),
            Field::Float(44256.0),
            Field::Bool(true),
        ] {
            assert_eq!(date(cell), Err(DataErrorKind::InvalidDate));
        }
    }

    #[test]
    fn gender_aliases() {
        for (s, g) in [
            ("K", Gender::Woman),
            (" kvinna ", Gender::Woman),
            ("Female", Gender::Woman),
            ("m", Gender::Man),
            ("Icke-binär", Gender::NonBinary),
            ("X", Gender::NonBinary),
            ("", Gender::Unknown),
            ("Okänt", Gender::Unknown),
            ("-", Gender::Unknown),
        ] {
            assert_eq!(s.parse::<Gender>(), Ok(g), "{s:?}");
        }
        assert_eq!("q".parse::<Gender>(), Err(DataErrorKind::InvalidGender));
    }

    /// `docs/data.md#labour-status`, `docs/data.md#education`.
    #[test]
    fn status_and_education_words() {
        let l = |s| labour_status(Field::Text(s));
        assert_eq!(l(" Unemployed "), Ok(Some(LabourStatus::Unemployed)));
        assert_eq!(
            l("Long-term unemployed"),
            Ok(Some(LabourStatus::LongTermUnemployed))
        );
        assert_eq!(
            l("LÅNGTIDSARBETSLÖS"),
            Ok(Some(LabourStatus::LongTermUnemployed))
        );
        assert_eq!(l("self-employed"), Ok(Some(LabourStatus::Employed)));
        assert_eq!(l("Utanför arbetskraften"), Ok(Some(LabourStatus::Inactive)));
        assert_eq!(l(""), Ok(None));
        assert_eq!(l("student"), Err(DataErrorKind::InvalidLabourStatus));
        assert_eq!(
            labour_status(Field::Integer(1)),
            Err(DataErrorKind::InvalidLabourStatus)
        );
        let e = |s| education(Field::Text(s));
        assert_eq!(e("ISCED 0-2"), Ok(Some(Education::Isced02)));
        assert_eq!(e("gymnasium"), Ok(Some(Education::Isced34)));
        assert_eq!(e("isced_5_8"), Ok(Some(Education::Isced58)));
        assert_eq!(e("isced_9"), Err(DataErrorKind::InvalidEducation));
        assert_eq!(
            education(Field::Integer(2)),
            Err(DataErrorKind::InvalidEducation)
        );
    }

    #[test]
    fn outcome_aliases() {
        assert_eq!("Arbete".parse(), Ok(ExitOutcome::Employment));
        assert_eq!(
            "anställning med stöd".parse(),
            Ok(ExitOutcome::SubsidisedEmployment)
        );
        assert_eq!(" utbildning".parse(), Ok(ExitOutcome::Education));
        assert_eq!(
            "labour_market_programme".parse(),
            Ok(ExitOutcome::LabourMarketProgramme)
        );
        assert_eq!(
            "jobb".parse::<ExitOutcome>(),
            Err(DataErrorKind::InvalidExitOutcome)
        );
    }

    proptest::proptest! {
        /// Skipping the number parsers for short digits and for text that
        /// starts with a letter reads every cell as they would.
        #[test]
        fn levels_read_as_the_number_parsers_and_labels_read_them(
            s in "[/0-9:]{1,6}|[-+ ]?[0-9.eE]{0,5}|[iInNfFaAtTyY]{1,8}|[0-9]{0,2}[a-zA-Z ]{0,4}"
        ) {
            let scale = Scale {
                min: 1,
                max: 6,
                labels: Some(vec!["Inf".into(), "NaN".into(), "Nej".into()]),
                higher_is_better: true,
            };
            let by_parsers = |s: &str| match Field::Text(s).normalised() {
                Field::Null => Err(DataErrorKind::InvalidLevel),
                Field::Text(s) => s
                    .parse::<i64>()
                    .ok()
                    .or_else(|| s.parse::<f64>().ok().and_then(whole_number))
                    .or_else(|| scale.level_of(s))
                    .ok_or(DataErrorKind::InvalidLevel),
                _ => unreachable!("text stays text"),
            };
            proptest::prop_assert_eq!(level(Field::Text(&s), &scale), by_parsers(&s));
        }
    }
}
