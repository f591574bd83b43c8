//! English. Explanation reasons keep the programme file's names of outcomes
//! and statuses (`exited to job_seeking`), as they quote the definition,
//! and are byte for byte what earlier versions wrote.

use std::fmt::Write;

use super::Doc;
use super::{
    Catalogue, Column, Combinator, Explain, Guide, Label, Language, Legend, Marker, Phrase, Reason,
    Section, Style, Ui, Word,
};
use crate::vocab::{
    Counted, DataErrorKind as D, EsfIndicator, ExitOutcome, Gender, GoalStatus, IssueKind as I,
    PartialErrorKind as X, Population, ProgrammeErrorKind as P, Table, Truth,
};
use crate::words::ErrorCode;

pub(super) const CATALOGUE: Catalogue = Catalogue {
    code: "en",
    name: "English",
    word,
    phrase,
    reason,
    style: Style {
        decimal: '.',
        group: ',',
        minus: '−',
        unit_space: super::NBSP,
    },
};

fn word(w: Word) -> &'static str {
    match w {
        Word::Section(s) => match s {
            Section::Enrolment => "Enrolment and gender split",
            Section::Goals => "Goals",
            Section::Parameters => "Parameter change",
            Section::Exits => "Exits",
            Section::FollowUps => "Follow-ups",
            Section::ExitsAndFollowUps => "Exits and follow-ups",
            Section::DataQuality => "Data quality",
            Section::ProgrammeAndData => "Programme and data",
            Section::Breakdowns => "Results by group",
            Section::Esf => "ESF+ indicators",
            Section::Assistance => "Assistance before and after",
            Section::Comparison => "Comparison with a comparison group",
            Section::Trend => "Trend over time",
            Section::StatusOn => "Status on a date",
        },
        Word::Column(c) => match c {
            Column::Goal => "Goal",
            Column::Population => "Population",
            Column::PopulationSize => "N",
            Column::Achieved => "Achieved",
            Column::Unknown => "Unknown",
            Column::Excluded => "Excluded",
            Column::Denominator => "Counted",
            Column::Share => "Share",
            Column::Interval => "95\u{a0}% CI",
            Column::Target => "Target",
            Column::Status => "Status",
            Column::Confident => "Confident",
            Column::Gender => "Gender",
            Column::Count => "Count",
            Column::Deviation => "Deviation",
            Column::WithinTolerance => "Within tolerance",
            Column::StillToRecruit => "Still to recruit",
            Column::Missed => "Missed",
            Column::Projected => "Projected at plan",
            Column::Parameter => "Parameter",
            Column::Evaluable => "Evaluable",
            Column::Improved => "Improved",
            Column::Unchanged => "Unchanged",
            Column::Worsened => "Worsened",
            Column::MeanGain => "Mean gain",
            Column::Name => "Name",
            Column::ExitOutcome => "Exit outcome",
            Column::FollowUp => "Follow-up",
            Column::Due => "Due",
            Column::Reached => "Reached",
            Column::NotReached => "Not reached",
            Column::ResponseRate => "Response rate",
            Column::Early => "Early",
            Column::ShareOfReached => "Share of reached",
            Column::ShareOfDue => "Share of due",
            Column::ShareOfFollowedUp => "Share of followed up",
            Column::ShareOfExited => "Share of exited",
            Column::OffAssistanceOfDue => "Off assistance of due",
            Column::Exited => "Exited",
            Column::OffAssistance => "No longer on assistance",
            Column::Issue => "Issue",
            Column::Table => "Table",
            Column::FirstRows => "First rows",
            Column::TransitionCorner => "baseline \\ latest",
            Column::Group => "Group",
            Column::Enrolled => "Enrolled",
            Column::Date => "Date",
        },
        Word::Label(l) => match l {
            Label::Enrolled => "Enrolled",
            Label::Planned => "Planned",
            Label::ShareOfPlan => "Share of plan",
            Label::ExpectedByNow => "Expected by now",
            Label::RecruitmentEnd => "Recruitment ends",
            Label::RecruitmentOpen => "open",
            Label::RecruitmentClosed => "closed",
            Label::Where => "where",
            Label::GapWomenMen => "Gap women − men",
            Label::NoGoals => "No goals defined.",
            Label::NoParameters => "No parameters defined.",
            Label::NoFollowUps => "No follow-up horizons defined.",
            Label::NoIssues => "No data-quality issues.",
            Label::AllGenders => "all",
            Label::NotReached => "not reached",
            Label::AssistanceBothWays => {
                "No longer on assistance, among the reached (with a recorded status) and among all due"
            }
            Label::Yes => "yes",
            Label::No => "no",
            Label::Confident => "confident",
            Label::NotConfident => "not confident",
            Label::ByAge => "By age at entry",
            Label::ByTag => "By tag",
            Label::ByColumn => "By column",
            Label::ByCohort => "By entry cohort",
            Label::UnknownGroup => "unknown",
            Label::Reentry => "Re-entry",
            Label::ReentryOnce => "each person counted once, first entry to final exit",
            Label::ReentryPerEpisode => "each episode counted",
            Label::ReentryError => "not allowed",
            Label::Persons => "Persons",
            Label::Episodes => "Episodes",
            Label::Reentrants => "Re-entrants",
            Label::Reentries => "Re-entries",
            Label::EsfOutputs => "Output indicators (at entry)",
            Label::EsfImmediate => "Immediate results (within 28 days of leaving, last event)",
            Label::EsfLongerTerm => "Longer-term results (six months after leaving)",
            Label::EsfQuality => "Data quality (what makes a figure unreportable)",
            Label::EsfRegisters => {
                "Needs registers: improved labour market situation, disadvantaged participants' results, and the other Annex I indicators not in the data."
            }
            Label::AssistanceStep => "When",
            Label::AtExit => "at exit",
            Label::OnAssistanceAtEntry => "On assistance at entry",
            Label::OnAtEntryAndDue => "On at entry",
            Label::AssistanceRecorded => "Recorded",
            Label::NotOnAssistance => "Not on assistance",
            Label::ShareNotOnAssistance => "Share",
            Label::StatusDate => "Status on",
            Label::StatusTolerance => "latest follow-up within, days before",
            Label::ExitedByDate => "Exited by the date",
            Label::WithFollowUp => "With a follow-up",
            Label::NoFollowUp => "No follow-up within the tolerance",
            Label::OnAssistance => "On assistance",
            Label::AssistanceNotRecorded => "Assistance not recorded",
            Label::NoAssistanceAtEntry => "No participant has assistance at entry recorded.",
            Label::ComparisonParticipants => "Participants",
            Label::ComparisonGroup => "Comparison group",
            Label::ComparisonDifference => "Difference (interval)",
            Label::Balance => "Balance at entry",
            Label::Characteristic => "Characteristic",
            Label::Difference => "Difference",
            Label::CharacteristicGender => "Gender",
            Label::CharacteristicAge => "Age at entry",
            Label::CharacteristicTag => "Tag",
            Label::ComparisonDataQuality => "Data quality of the comparison group",
            Label::CaveatSelection => {
                "Caution: the comparison group was not formed by chance. Who took part was selected, so a difference may come from that selection, not from the programme."
            }
        },
        Word::Marker(m) => match m {
            Marker::Suppressed => "supp.",
            Marker::Undefined => "–",
            Marker::More => "…",
            Marker::Percent => "%",
            Marker::PointsShort => "pp",
            Marker::PointsLong => "percentage points",
            Marker::To => "to",
        },
        Word::Legend(l) => match l {
            Legend::Undefined => "not defined (nobody to count)",
            Legend::Suppressed => {
                "suppressed: a count below the minimum cell size, or a value that would reveal one"
            }
        },
        Word::Explain(e) => match e {
            Explain::InPopulation => "in population",
            Explain::Value => "value",
            Explain::Counted => "counted",
            Explain::Reason => "reason",
            Explain::Episodes => "episodes",
            Explain::Episode => "episode",
        },
        Word::Ui(u) => match u {
            Ui::Skip => "Skip to results",
            Ui::Tagline => {
                "Goal attainment for labour-market programmes, computed on this computer. Nothing is uploaded."
            }
            Ui::Language => "Language",
            Ui::LanguageHint => "Changes the language of the page.",
            Ui::DropHint => {
                "Drop the programme file (TOML or JSON) and the CSV files or an Excel workbook here, or choose them below."
            }
            Ui::FileProgramme => "Programme (TOML or JSON)",
            Ui::FileParticipants => "Participants (CSV or Excel)",
            Ui::FileAssessments => "Assessments (CSV or Excel)",
            Ui::FileFollowUps => "Follow-ups (CSV or Excel, optional)",
            Ui::LoadExample => "Load the Nordost example",
            Ui::AsOf => "As of",
            Ui::StatusOnDate => "Status on",
            Ui::Clear => "Clear",
            Ui::DownloadJson => "Download JSON",
            Ui::DownloadCsv => "Download CSV",
            Ui::DownloadXlsx => "Download Excel workbook",
            Ui::Footer => {
                "stegvis computes in WebAssembly in this browser tab. The page makes no network requests except for its own files."
            }
            Ui::Loading => "Loading the WebAssembly module…",
            Ui::Ready => "Ready. Choose files or load the example.",
            Ui::NeedProgramme => "Choose a programme file.",
            Ui::NeedParticipants => "Choose a participants file.",
            Ui::Computing => "Computing…",
            Ui::ReadingParticipants => "Reading participants…",
            Ui::ReadingAssessments => "Reading assessments…",
            Ui::ReadingFollowUps => "Reading follow-ups…",
            Ui::ReadingWorkbook => "Reading the workbook…",
            Ui::ExampleFailed => "Could not load the example files from this page's directory.",
            Ui::MissingAssessments => {
                "The assessments file is missing. Goals and tables that need it are not judged until it is loaded."
            }
            Ui::MissingFollowUps => {
                "The follow-ups file is missing. Goals and tables that need it are not judged until it is loaded."
            }
            Ui::WaitingAssessments => "waiting for the assessments file",
            Ui::WaitingFollowUps => "waiting for the follow-ups file",
            Ui::IntervalAbove => "the whole interval is at or above the target",
            Ui::IntervalBelow => "the whole interval is below the target",
            Ui::IntervalSpans => "the interval includes the target",
            Ui::PublishableHeading => "What the publishable copy hides, and why",
            Ui::PublishableWhy => {
                "A count below the minimum cell size could point to a few people, so it is hidden. Another value is hidden wherever a hidden count could be worked out by subtraction from totals, and shares, intervals and statuses computed from a hidden count are hidden with it."
            }
            Ui::PublishableGenderSplit => {
                "The gender split is hidden as a whole: at least one gender count is below the minimum cell size (often the few with no recorded gender), and since the shares are of the known-gender total, any share shown would give that count away."
            }
            Ui::PublishableNothing => {
                "Nothing needed hiding: every count is zero or at least the minimum cell size."
            }
            Ui::PublishableLimits => {
                "Limits: this protects one report on its own. It does not protect against comparing it with another report (another date, an earlier version, a breakdown published elsewhere), against what readers already know about someone, or the data files themselves. Publish one version per period, and keep the files to those allowed to see them."
            }
            Ui::ReportPart => "Part of the report",
            Ui::HiddenValues => "Hidden values",
            Ui::ScrollHint => "Scroll sideways to see every column.",
            Ui::Templates => "Start from your own data",
            Ui::TemplatesHint => {
                "Templates to fill in: a programme file with a comment on each key, and the three tables with their columns and one synthetic example row. Keep the column names; the guide below says what each column holds."
            }
            Ui::TemplateProgramme => "Programme template (TOML)",
            Ui::TemplateParticipants => "Participants template (CSV)",
            Ui::TemplateAssessments => "Assessments template (CSV)",
            Ui::TemplateFollowUps => "Follow-ups template (CSV)",
            Ui::ColumnGuide => "What each column holds",
            Ui::ColumnName => "Column",
            Ui::Required => "Required",
            Ui::Meaning => "What it holds",
            Ui::ProgrammeFile => "programme",
            Ui::GoalsChartTitle => {
                "Goal attainment with 95\u{a0}% confidence intervals; the vertical line is the target."
            }
            Ui::GenderChartTitle => {
                "Gender split of enrolled participants with 95\u{a0}% confidence intervals; the line marks the target, the band its tolerance."
            }
            Ui::GoalsByGenderSheet => "Goals by gender",
            Ui::FiguresSheet => "All figures",
            Ui::GoalsByGenderChartTitle => {
                "Goal attainment, overall and for women, men and non-binary participants, with 95\u{a0}% confidence intervals; the vertical line is the target."
            }
        },
        Word::Guide(g) => match g {
            Guide::Id => "A pseudonymous id of the participant, never a personal identity number.",
            Guide::Gender => {
                "woman, man or non-binary (K, M, kvinna, man and other spellings too); an empty cell means not recorded."
            }
            Guide::EntryDate => "The first day in the programme, as YYYY-MM-DD.",
            Guide::BirthDate => "The date of birth, for the age checks and the age breakdown.",
            Guide::ExitDate => "The last day in the programme; empty while still taking part.",
            Guide::ExitOutcome => {
                "Where the participant went: employment, subsidised_employment, education, job_seeking, labour_market_programme, health_care, parental_leave, moved, other or unknown."
            }
            Guide::Tags => "Labels separated by ;, such as long_term_assistance;newly_arrived.",
            Guide::LabourStatus => {
                "At entry: unemployed, long_term_unemployed, inactive or employed (for the ESF+ indicators)."
            }
            Guide::Education => {
                "The highest education at entry: isced_0_2, isced_3_4 or isced_5_8."
            }
            Guide::AssistanceAtEntry => "On financial assistance at entry: yes or no.",
            Guide::AssistanceAtExit => "On financial assistance at exit: yes or no.",
            Guide::Qualification => "Gained a qualification during the programme: yes or no.",
            Guide::BreakdownColumn => {
                "Any other column, such as district, can be named in the programme's breakdowns."
            }
            Guide::ParticipantId => "The id of a participant in the participants file.",
            Guide::AssessmentDate => "The day of the assessment, as YYYY-MM-DD.",
            Guide::Parameter => "The id of a parameter of the programme file, such as step.",
            Guide::Level => "A whole number on the parameter's scale, or a label of its ladder.",
            Guide::FollowUpDate => "The day of the follow-up, as YYYY-MM-DD.",
            Guide::Status => {
                "The status then, with the same words as exit_outcome; empty if not recorded."
            }
            Guide::ReceivesAssistance => "Still on financial assistance then: yes or no.",
        },
        Word::Doc(d) => doc(d),
        Word::Status(s) => match s {
            GoalStatus::Met => "met",
            GoalStatus::NotMet => "not met",
            GoalStatus::NoData => "no data",
        },
        Word::Gender(g) => match g {
            Gender::Woman => "women",
            Gender::Man => "men",
            Gender::NonBinary => "non-binary",
            Gender::Unknown => "not recorded",
        },
        Word::GenderOne(g) => match g {
            Gender::Woman => "woman",
            Gender::Man => "man",
            Gender::NonBinary => "non-binary",
            Gender::Unknown => "gender not recorded",
        },
        Word::Outcome(o) => match o {
            Some(ExitOutcome::Employment) => "employment",
            Some(ExitOutcome::SubsidisedEmployment) => "subsidised employment",
            Some(ExitOutcome::Education) => "education",
            Some(ExitOutcome::JobSeeking) => "job seeking",
            Some(ExitOutcome::LabourMarketProgramme) => "other labour-market programme",
            Some(ExitOutcome::HealthCare) => "health care, rehabilitation",
            Some(ExitOutcome::ParentalLeave) => "parental leave",
            Some(ExitOutcome::Moved) => "moved",
            Some(ExitOutcome::Other) => "other",
            Some(ExitOutcome::Unknown) => "unknown",
            None => "not recorded",
        },
        Word::Population(p) => match p {
            Population::Enrolled => "enrolled",
            Population::Exited => "exited",
            Population::Active => "active",
            Population::Due => "due for follow-up",
        },
        Word::Issue(i) => match i {
            I::UnknownParticipant => "participant not in the participants table",
            I::UnknownParameter => "parameter not defined by the programme",
            I::OutsideWindow => "dated outside the participant's window",
            I::ConflictingDuplicate => "same participant, parameter and date with different levels",
            I::LevelOutsideScale => "level outside the parameter's scale",
            I::AgeOutsideEligible => "age at entry outside the eligible ages",
            I::UnknownGender => "gender not recorded",
            I::MissingExitOutcome => "exited without an exit outcome",
            I::ConflictingFollowUp => "two follow-ups on one date with different values",
            I::ConflictingEpisode => "a later episode with another gender or birth date",
        },
        Word::Table(t) => match t {
            Table::Participants => "participants",
            Table::Assessments => "assessments",
            Table::FollowUps => "follow-ups",
        },
        Word::Truth(t) => match t {
            Truth::True => "true",
            Truth::False => "false",
            Truth::Unknown => "unknown",
        },
        Word::Counted(c) => match c {
            Counted::Achieved => "achieved (numerator and denominator)",
            Counted::NotAchieved => "not achieved (denominator only)",
            Counted::Excluded => "excluded (unknown, left out of the denominator)",
            Counted::OutsidePopulation => "not counted (outside the population)",
        },
        Word::Esf(e) => match e {
            EsfIndicator::Participants => "participants",
            EsfIndicator::Unemployed => "unemployed, incl. long-term unemployed",
            EsfIndicator::LongTermUnemployed => "long-term unemployed",
            EsfIndicator::Inactive => "inactive",
            EsfIndicator::Employed => "employed, incl. self-employed",
            EsfIndicator::AgeUnder18 => "under 18",
            EsfIndicator::Age18To29 => "18-29",
            EsfIndicator::Age55Plus => "55 and over",
            EsfIndicator::Isced02 => "ISCED 0-2",
            EsfIndicator::Isced34 => "ISCED 3-4",
            EsfIndicator::Isced58 => "ISCED 5-8",
            EsfIndicator::Left => "left (28-day window closed)",
            EsfIndicator::JobSearching => "engaged in job searching",
            EsfIndicator::InEducation => "in education or training",
            EsfIndicator::GainingQualification => "gaining a qualification",
            EsfIndicator::InEmployment => "in employment, incl. self-employment",
            EsfIndicator::Due6Months => "due for the six-month follow-up",
            EsfIndicator::Reached6Months => "reached at six months",
            EsfIndicator::Employed6Months => "in employment, incl. self-employment, at six months",
            EsfIndicator::MissingLabourStatus => "labour-market status not recorded",
            EsfIndicator::MissingEducation => "education not recorded",
            EsfIndicator::MissingBirthDate => "birth date not recorded (no age)",
            EsfIndicator::MissingGender => "gender not recorded",
            EsfIndicator::NoEventInWindow => "left without an event within 28 days",
            EsfIndicator::WindowOpen => "left, 28-day window still open",
        },
        Word::Error(ErrorCode::Data(d)) => match d {
            D::Io => "cannot read the file",
            D::NotAFile => "the path is a directory, not a file",
            D::InvalidCsv => "malformed CSV",
            D::InvalidEncoding => "not valid text in the file's character encoding",
            D::RowTooLarge => "row longer than 1 MiB",
            D::TooManyRows => "more than 4 294 967 295 rows in one table",
            D::InvalidXlsx => "not a readable .xlsx workbook",
            D::XlsxTooLarge => {
                "workbook over the size limits (64 MiB, 512 MiB unpacked, 10 000 parts)"
            }
            D::MissingSheet => "the workbook has no sheet for this table",
            D::MissingColumn => "required column is missing",
            D::MissingValue => "required value is empty",
            D::InvalidDate => "not a date from 1900-01-01 to 2199-12-31 written YYYY-MM-DD",
            D::InvalidGender => "not a known gender (woman, man, non_binary, unknown or an alias)",
            D::InvalidExitOutcome => "not a known exit outcome",
            D::InvalidLevel => "not an integer level or a label of the parameter",
            D::InvalidBool => "not a yes/no value",
            D::InvalidId => "id is empty or longer than 128 bytes",
            D::InvalidTags => "tags must be text, separated by `;`",
            D::InvalidRecord => "a record must be an object of column names and cells",
            D::ExitBeforeEntry => "exit date is before entry date",
            D::OutcomeWithoutExit => "exit outcome given without an exit date",
            D::DuplicateParticipant => "participant id appears more than once",
            D::OverlappingEpisodes => "two episodes of one participant overlap",
            D::InvalidGroup => {
                "a breakdown column's value must be text, a number, a date or a boolean"
            }
            D::TooManyGroups => "a breakdown column has more than 1 000 distinct values",
            D::InvalidLabourStatus => "not a labour-market status",
            D::InvalidEducation => "not an education band",
            D::Interrupted => "interrupted before it finished",
            D::Quality(kind) => word(Word::Issue(kind)),
        },
        Word::Error(ErrorCode::Programme(p)) => match p {
            P::InvalidToml => "not valid TOML",
            P::InvalidJson => "not valid JSON",
            P::UnknownKey => "unknown key",
            P::MissingKey => "required key is missing",
            P::InvalidValue => "invalid value",
            P::UndefinedParameter => "the parameter is not defined",
            P::DuplicateId => "the same id appears twice",
            P::TargetOutOfRange => "target outside 0–1",
            P::InvalidScale => "invalid scale",
            P::InvalidCriterion => "invalid criterion",
            P::CriterionTooDeep => "criteria nested too deeply",
            P::CriterionTooLarge => "too many criteria",
            P::ProgrammeTooLarge => "the programme definition is too long",
            P::InvalidPeriod => "invalid period or planned number of participants",
            P::StatusOnBeforeStart => "the status date is before the programme's start",
            P::StatusOnAfterAsOf => "the status date is after the report's as-of date",
        },
        Word::Error(ErrorCode::Partial(x)) => match x {
            X::InvalidPartial => "not a stegvis partial report",
            X::UnsupportedPartialVersion => {
                "a partial of a format version this stegvis does not read"
            }
            X::PartialProgrammeDiffers => "the partials are of different programme definitions",
            X::PartialAsOfDiffers => "the partials are of different as-of dates",
            X::PartialSettingsDiffer => {
                "the partials have different trend dates, status dates or profiles"
            }
            X::NoPartials => "there are no partials to combine",
            X::PartialTooLarge => "the combined counts are beyond the limits",
        },
    }
}

fn phrase(p: &Phrase<'_>, lang: Language, out: &mut String) {
    let _ = match p {
        Phrase::AsOf { date } => write!(out, "As of {date}"),
        Phrase::Programme { id } => write!(out, "programme {id}"),
        Phrase::Horizon {
            months,
            tolerance_days,
        } => write!(out, "{months} months ±{tolerance_days} days"),
        Phrase::Transitions { parameter } => write!(
            out,
            "Transitions: {parameter} (rows: baseline level, columns: latest level)"
        ),
        Phrase::Exited { count } => write!(out, "Exited by as-of: {count}"),
        Phrase::Publishable { min_cell } => {
            write!(out, "Publishable (hide counts below {min_cell})")
        }
        Phrase::PublishableCopy { min_cell } => write!(
            out,
            "Publishable copy: counts below {min_cell}, and what would reveal them, are hidden."
        ),
        Phrase::EnrolmentSummary {
            enrolled,
            planned,
            share,
            expected,
        } => write!(
            out,
            "{enrolled} of {planned} planned participants enrolled ({share}); \
             {expected} expected by now if enrolment were even over the period."
        ),
        Phrase::Computed { participants, ms } => write!(
            out,
            "Computed {} participants in {} ms, in this browser.",
            lang.count(*participants),
            lang.count(*ms)
        ),
        Phrase::UnknownFile { name } => write!(
            out,
            "Cannot tell which table {name} is: a participants CSV has id, gender and \
             entry_date; assessments have parameter and level; follow-ups have status."
        ),
        Phrase::Row { row } => write!(out, "row {row}"),
        Phrase::Column { column } => write!(out, "column {column}"),
        Phrase::At { path } => write!(out, "at {path}"),
        Phrase::Participant { id, gender } => {
            write!(out, "participant {id} ({})", word(Word::GenderOne(*gender)))
        }
        Phrase::ProgrammeChecked {
            name,
            id,
            parameters,
            goals,
        } => write!(
            out,
            "programme: ok, {name} ({id}), {parameters} parameter(s), {goals} goal(s)"
        ),
        Phrase::DataChecked { date, issues } => {
            write!(out, "data as of {date}: {issues} issue(s)")
        }
        Phrase::IssuesFound { issues } => write!(out, "{issues} issue(s)"),
        Phrase::AllWell => write!(out, "ok"),
        Phrase::ReportDescribes { date } => {
            write!(out, "This report describes the programme as of {date}.")
        }
        Phrase::AsOfOutsidePeriod { date, start, end } => write!(
            out,
            "{date} lies outside the programme period ({start} to {end}). \
             The report describes that date all the same."
        ),
    };
}

fn reason(r: &Reason<'_>, out: &mut String) {
    let cmp = |met: bool| if met { "≥" } else { "<" };
    let _ = match *r {
        Reason::Tag { name, has } => {
            write!(out, "{} tag {name}", if has { "has" } else { "no" })
        }
        Reason::Open(c) => out.write_str(match c {
            Combinator::All => "all(",
            Combinator::Any => "any(",
            Combinator::Not => "not(",
        }),
        Reason::Separator => out.write_str("; "),
        Reason::Close => out.write_str(")"),
        Reason::Gain {
            parameter,
            baseline,
            latest,
            gain,
            min_gain,
        } => write!(
            out,
            "{parameter} {baseline} → {latest}, gain {gain} {} {min_gain}",
            cmp(gain >= min_gain)
        ),
        Reason::BaselineOnly {
            parameter,
            baseline,
        } => write!(out, "{parameter} {baseline} only, not evaluable"),
        Reason::NotEvaluable { parameter } => {
            write!(out, "{parameter} not assessed, not evaluable")
        }
        Reason::ImprovedCount { hits, of, needed } => {
            write!(out, " [{hits} of {of} improved, {needed} needed]")
        }
        Reason::NoMeanGain => out.write_str("no parameter evaluable for a mean gain"),
        Reason::MeanGain {
            mean,
            over,
            at_least,
            met,
        } => write!(
            out,
            "mean gain {mean:.2} over {over} {} {at_least}",
            cmp(met)
        ),
        Reason::NotAssessed { parameter } => write!(out, "{parameter} not assessed"),
        Reason::Reached {
            parameter,
            latest,
            level,
            reached,
        } => write!(
            out,
            "{parameter} latest {latest} {} {level}",
            if reached { "reaches" } else { "below" }
        ),
        Reason::NotExited => out.write_str("not exited"),
        Reason::OutcomeUnknown => out.write_str("exited, outcome unknown"),
        Reason::ExitedTo { outcome, listed } => write!(
            out,
            "exited to {outcome}{}",
            if listed { "" } else { " (not listed)" }
        ),
        Reason::NoFollowUpYet { months } => {
            write!(out, "not exited, no {months}-month follow-up")
        }
        Reason::AssistanceAtEntry { on } => out.write_str(match on {
            Some(true) => "on assistance at entry",
            Some(false) => "not on assistance at entry",
            None => "assistance at entry not recorded",
        }),
        Reason::AssistanceAfter { months, on } => {
            let _ = match months {
                None => out.write_str("at exit: "),
                Some(m) => write!(out, "at {m} months: "),
            };
            out.write_str(match on {
                Some(true) => "still on assistance",
                Some(false) => "no longer on assistance",
                None => "assistance not recorded",
            })
        }
        Reason::NoFollowUp { months, tolerance } => write!(
            out,
            "no follow-up within {tolerance} days of {months} months after exit"
        ),
        Reason::ConflictingFollowUps { date } => write!(out, "conflicting follow-ups on {date}"),
        Reason::FollowUp {
            months,
            date,
            status,
            assistance,
        } => {
            let status = status.map_or("status not recorded", ExitOutcome::as_str);
            let assistance = match assistance {
                Some(true) => "receives assistance",
                Some(false) => "no assistance",
                None => "assistance not recorded",
            };
            write!(
                out,
                "{months}-month follow-up {date}: {status}, {assistance}"
            )
        }
        Reason::InPopulation { population, days } => write!(
            out,
            "{} ({days} days in programme)",
            word(Word::Population(population))
        ),
        Reason::NotDue { months, closes } => match closes {
            Some(date) => write!(
                out,
                "not due for the {months}-month follow-up (window closes {date})"
            ),
            None => write!(out, "not due for the {months}-month follow-up"),
        },
        Reason::WhereNot { value } => out.write_str(match value {
            Truth::Unknown => "not in the population (unknown): ",
            _ => "not in the population: ",
        }),
        Reason::WhereHolds => out.write_str("; where "),
        Reason::NotExitedByAsOf => out.write_str("not exited by as-of"),
        Reason::ExitedByAsOf => out.write_str("exited by as-of"),
        Reason::TooFewDays { days, min_days } => {
            write!(out, "{days} days in programme < min_days {min_days}")
        }
    };
}

/// The printable report's words (docs/report.md#printable-report); the
/// method paragraphs summarise docs/method.md.
fn doc(d: Doc) -> &'static str {
    match d {
        Doc::Method => "Method",
        Doc::MethodGoals => {
            "A goal counts the participants of its population (all enrolled unless the programme says otherwise) and the share of them for whom its criterion holds on the as-of date. A participant whose result cannot be known is either counted as not achieved or left out of the denominator, as the programme defines for each goal. A goal is met when its share reaches the target; it is confident when the whole 95\u{a0}% interval lies on the same side of the target."
        }
        Doc::MethodIntervals => {
            "Shares have 95\u{a0}% Wilson score intervals; the gap between women and men has Newcombe's hybrid score interval. With few participants the intervals are wide: a goal can be met without being confident."
        }
        Doc::MethodGender => {
            "The gender split counts the enrolled of known gender (women, men and non-binary) against the programme's target and tolerance; participants without a recorded gender are counted but are in no share."
        }
        Doc::MethodChange => {
            "Parameter change compares each participant's first assessment in the window with the latest on or before the as-of date. Follow-ups count those whose window after exit has closed: reached when a follow-up falls in the window."
        }
        Doc::MethodData => {
            "Everything is computed from the programme definition and the data files by stegvis, on the as-of date given at the top. Rows that could not be used are listed under data quality, by table and row, without any value from them."
        }
        Doc::Glossary => "Glossary",
        Doc::GlossPopulation => {
            "The participants a goal counts: all enrolled, the exited, the active, or those due for a follow-up, optionally narrowed by a condition."
        }
        Doc::GlossAchieved => {
            "Participants of the population for whom the goal's criterion holds, out of those counted."
        }
        Doc::GlossUnknown => {
            "Participants whose result cannot be known from the data, for example a missing assessment or follow-up."
        }
        Doc::GlossExcluded => {
            "Unknown results left out of the denominator, when the goal says so; otherwise they count as not achieved."
        }
        Doc::GlossShare => "Achieved divided by the participants counted.",
        Doc::GlossInterval => {
            "The 95\u{a0}% confidence interval of a share: the range the true share lies in, given chance variation among few participants."
        }
        Doc::GlossTarget => "The share the programme set as its goal.",
        Doc::GlossStatus => {
            "Met when the share reaches the target, not met when it falls short, no data when nobody is counted."
        }
        Doc::GlossConfident => {
            "Yes when the whole interval lies on the same side of the target as the status."
        }
        Doc::GlossGap => {
            "The share among women minus the share among men, in percentage points, with its interval."
        }
        Doc::GlossDeviation => {
            "A gender's share of the enrolled minus its target share, in percentage points."
        }
        Doc::GlossTolerance => {
            "Whether the deviation is no larger than the tolerance the programme allows."
        }
        Doc::GlossEvaluable => {
            "Participants with a first and a latest assessment of the parameter, so that a change can be measured."
        }
        Doc::GlossMeanGain => {
            "The average change in level between the first and the latest assessment, in steps of the scale."
        }
        Doc::GlossDue => "Exited participants whose follow-up window has closed by the as-of date.",
        Doc::GlossResponseRate => {
            "Reached participants (with a follow-up in the window) divided by those due."
        }
        Doc::Disclosure => "Disclosure control",
        Doc::DisclosureRule => {
            "Primary suppression hides every count below the minimum cell size. Secondary suppression then hides further values (totals, shares, intervals, other groups) from which a hidden count could be worked out. Hidden values read as the suppression marker in every table and chart."
        }
        Doc::NotSuppressed => {
            "This copy is not suppressed: it shows every count, however small, so it can identify people. Hand it only to those entitled to the data; publish a publishable copy instead."
        }
        Doc::NothingHidden => {
            "Nothing needed to be hidden: every count reaches the minimum cell size."
        }
        Doc::Part => "Section",
        Doc::HiddenValues => "Hidden values",
        Doc::Total => "Total",
        Doc::PrintButton => "Print / Save as PDF",
    }
}
