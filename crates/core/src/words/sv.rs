//! Svenska. Termerna följer projektdokumenten: mål, målnivå, deltagare,
//! skattning, uppföljning, procentenheter (p.e. i tabeller).

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
    code: "sv",
    name: "Svenska",
    word,
    phrase,
    reason,
    style: Style {
        decimal: ',',
        group: super::NBSP,
        minus: '−',
        unit_space: super::NBSP,
    },
};

fn word(w: Word) -> &'static str {
    match w {
        Word::Section(s) => match s {
            Section::Enrolment => "Inskrivning och könsfördelning",
            Section::Goals => "Mål",
            Section::Parameters => "Förändring per parameter",
            Section::Exits => "Avslut",
            Section::FollowUps => "Uppföljningar",
            Section::ExitsAndFollowUps => "Avslut och uppföljningar",
            Section::DataQuality => "Datakvalitet",
            Section::ProgrammeAndData => "Projekt och data",
            Section::Breakdowns => "Resultat per grupp",
            Section::Esf => "ESF+-indikatorer",
            Section::Assistance => "Försörjningsstöd före och efter",
            Section::Comparison => "Jämförelse med en jämförelsegrupp",
            Section::Trend => "Utveckling över tid",
            Section::StatusOn => "Status på ett datum",
        },
        Word::Column(c) => match c {
            Column::Goal => "Mål",
            Column::Population => "Population",
            Column::PopulationSize => "N",
            Column::Achieved => "Uppnått",
            Column::Unknown => "Okänt",
            Column::Excluded => "Exkluderade",
            Column::Denominator => "Räknade",
            Column::Share => "Andel",
            Column::Interval => "95\u{a0}% KI",
            Column::Target => "Målnivå",
            Column::Status => "Status",
            Column::Confident => "Säkerställt",
            Column::Gender => "Kön",
            Column::Count => "Antal",
            Column::Deviation => "Avvikelse",
            Column::WithinTolerance => "Inom tolerans",
            Column::StillToRecruit => "Kvar att rekrytera",
            Column::Missed => "Missade",
            Column::Projected => "Prognos vid plan",
            Column::Parameter => "Parameter",
            Column::Evaluable => "Bedömbara",
            Column::Improved => "Förbättrade",
            Column::Unchanged => "Oförändrade",
            Column::Worsened => "Försämrade",
            Column::MeanGain => "Medelförändring",
            Column::Name => "Namn",
            Column::ExitOutcome => "Avslutsorsak",
            Column::FollowUp => "Uppföljning",
            Column::Due => "Aktuella",
            Column::Reached => "Nådda",
            Column::NotReached => "Ej nådda",
            Column::ResponseRate => "Svarsfrekvens",
            Column::Early => "Tidiga",
            Column::ShareOfReached => "Andel av nådda",
            Column::ShareOfDue => "Andel av aktuella",
            Column::ShareOfFollowedUp => "Andel av uppföljda",
            Column::ShareOfExited => "Andel av avslutade",
            Column::OffAssistanceOfDue => "Utan stöd av aktuella",
            Column::Exited => "Avslutade",
            Column::OffAssistance => "Utan försörjningsstöd",
            Column::Issue => "Problem",
            Column::Table => "Tabell",
            Column::FirstRows => "Första raderna",
            Column::TransitionCorner => "första \\ senaste",
            Column::Group => "Grupp",
            Column::Enrolled => "Inskrivna",
            Column::Date => "Datum",
        },
        Word::Label(l) => match l {
            Label::Enrolled => "Inskrivna",
            Label::Planned => "Planerade",
            Label::ShareOfPlan => "Andel av plan",
            Label::ExpectedByNow => "Förväntat hittills",
            Label::RecruitmentEnd => "Rekrytering till och med",
            Label::RecruitmentOpen => "pågår",
            Label::RecruitmentClosed => "avslutad",
            Label::Where => "där",
            Label::GapWomenMen => "Skillnad kvinnor − män",
            Label::NoGoals => "Inga mål definierade.",
            Label::NoParameters => "Inga parametrar definierade.",
            Label::NoFollowUps => "Inga uppföljningstidpunkter definierade.",
            Label::NoIssues => "Inga datakvalitetsproblem.",
            Label::AllGenders => "alla",
            Label::NotReached => "ej nådda",
            Label::AssistanceBothWays => {
                "Utan försörjningsstöd, bland nådda (med uppgift om stöd) och bland alla aktuella"
            }
            Label::Yes => "ja",
            Label::No => "nej",
            Label::Confident => "säkerställt",
            Label::NotConfident => "ej säkerställt",
            Label::ByAge => "Efter ålder vid start",
            Label::ByTag => "Efter tagg",
            Label::ByColumn => "Efter kolumn",
            Label::EsfOutputs => "Utfallsindikatorer (vid start)",
            Label::EsfImmediate => {
                "Omedelbara resultat (inom 28 dagar efter avslut, sista händelsen)"
            }
            Label::EsfLongerTerm => "Långsiktiga resultat (sex månader efter avslut)",
            Label::EsfQuality => "Datakvalitet (det som gör en siffra omöjlig att rapportera)",
            Label::EsfRegisters => {
                "Kräver register: förbättrad situation på arbetsmarknaden, missgynnade deltagares resultat och övriga indikatorer i bilaga I som inte finns i data."
            }
            Label::AssistanceStep => "När",
            Label::AtExit => "vid avslut",
            Label::OnAssistanceAtEntry => "Försörjningsstöd vid start",
            Label::OnAtEntryAndDue => "Stöd vid start",
            Label::AssistanceRecorded => "Registrerat",
            Label::NotOnAssistance => "Utan stöd",
            Label::ShareNotOnAssistance => "Andel",
            Label::StatusDate => "Status den",
            Label::StatusTolerance => "senaste uppföljning inom, dagar före",
            Label::ExitedByDate => "Avslutade senast datumet",
            Label::WithFollowUp => "Med uppföljning",
            Label::NoFollowUp => "Ingen uppföljning inom toleransen",
            Label::OnAssistance => "Med försörjningsstöd",
            Label::AssistanceNotRecorded => "Försörjningsstöd ej registrerat",
            Label::NoAssistanceAtEntry => {
                "Ingen deltagare har försörjningsstöd vid start registrerat."
            }
            Label::ByCohort => "Efter startperiod",
            Label::UnknownGroup => "okänd",
            Label::Reentry => "Återinskrivning",
            Label::ReentryOnce => {
                "varje person räknas en gång, första inskrivning till sista avslut"
            }
            Label::ReentryPerEpisode => "varje period räknas",
            Label::ReentryError => "inte tillåten",
            Label::Persons => "Personer",
            Label::Episodes => "Perioder",
            Label::Reentrants => "Återinskrivna",
            Label::Reentries => "Återinskrivningar",
            Label::ComparisonParticipants => "Deltagare",
            Label::ComparisonGroup => "Jämförelsegrupp",
            Label::ComparisonDifference => "Skillnad (intervall)",
            Label::Balance => "Fördelning vid start",
            Label::Characteristic => "Egenskap",
            Label::Difference => "Skillnad",
            Label::CharacteristicGender => "Kön",
            Label::CharacteristicAge => "Ålder vid start",
            Label::CharacteristicTag => "Tagg",
            Label::ComparisonDataQuality => "Datakvalitet i jämförelsegruppen",
            Label::CaveatSelection => {
                "Observera: jämförelsegruppen är inte slumpmässigt vald. Deltagarna valdes ut, så en skillnad kan bero på urvalet och inte på insatsen."
            }
        },
        Word::Marker(m) => match m {
            Marker::Suppressed => "dolt",
            Marker::Undefined => "–",
            Marker::More => "…",
            Marker::Percent => "%",
            Marker::PointsShort => "p.e.",
            Marker::PointsLong => "procentenheter",
            Marker::To => "till",
        },
        Word::Legend(l) => match l {
            Legend::Undefined => "ej definierat (ingen att räkna)",
            Legend::Suppressed => {
                "dolt värde: ett antal under minsta cellstorlek, eller ett värde som skulle avslöja ett sådant"
            }
        },
        Word::Explain(e) => match e {
            Explain::InPopulation => "i populationen",
            Explain::Value => "värde",
            Explain::Counted => "räknas",
            Explain::Reason => "skäl",
            Explain::Episodes => "perioder",
            Explain::Episode => "period",
        },
        Word::Ui(u) => match u {
            Ui::Skip => "Hoppa till resultaten",
            Ui::Tagline => {
                "Måluppfyllelse för arbetsmarknadsinsatser, beräknad på den här datorn. Inget laddas upp."
            }
            Ui::Language => "Språk",
            Ui::LanguageHint => "Byter språk på sidan.",
            Ui::DropHint => {
                "Släpp projektfilen (TOML eller JSON) och CSV-filerna eller en Excel-arbetsbok här, eller välj dem nedan."
            }
            Ui::FileProgramme => "Projekt (TOML eller JSON)",
            Ui::FileParticipants => "Deltagare (CSV eller Excel)",
            Ui::FileAssessments => "Skattningar (CSV eller Excel)",
            Ui::FileFollowUps => "Uppföljningar (CSV eller Excel, frivillig)",
            Ui::LoadExample => "Ladda exemplet Nordost",
            Ui::AsOf => "Per datum",
            Ui::StatusOnDate => "Status den",
            Ui::Clear => "Rensa",
            Ui::DownloadJson => "Ladda ner JSON",
            Ui::DownloadCsv => "Ladda ner CSV",
            Ui::DownloadXlsx => "Ladda ner Excel-arbetsbok",
            Ui::Footer => {
                "stegvis räknar i WebAssembly i den här fliken. Sidan gör inga nätverksanrop utom för sina egna filer."
            }
            Ui::Loading => "Laddar WebAssembly-modulen…",
            Ui::Ready => "Klar. Välj filer eller ladda exemplet.",
            Ui::NeedProgramme => "Välj en projektfil.",
            Ui::NeedParticipants => "Välj en deltagarfil.",
            Ui::Computing => "Beräknar…",
            Ui::ReadingParticipants => "Läser deltagare…",
            Ui::ReadingAssessments => "Läser skattningar…",
            Ui::ReadingFollowUps => "Läser uppföljningar…",
            Ui::ReadingWorkbook => "Läser arbetsboken…",
            Ui::ExampleFailed => "Kunde inte läsa exempelfilerna från sidans katalog.",
            Ui::MissingAssessments => {
                "Filen med skattningar saknas. Mål och tabeller som behöver den bedöms inte förrän den är inläst."
            }
            Ui::MissingFollowUps => {
                "Filen med uppföljningar saknas. Mål och tabeller som behöver den bedöms inte förrän den är inläst."
            }
            Ui::WaitingAssessments => "väntar på filen med skattningar",
            Ui::WaitingFollowUps => "väntar på filen med uppföljningar",
            Ui::IntervalAbove => "hela intervallet ligger på eller över målnivån",
            Ui::IntervalBelow => "hela intervallet ligger under målnivån",
            Ui::IntervalSpans => "intervallet omfattar målnivån",
            Ui::PublishableHeading => "Vad den publicerbara versionen döljer, och varför",
            Ui::PublishableWhy => {
                "Ett antal under minsta cellstorlek kan peka ut enskilda personer och döljs därför. Ytterligare ett värde döljs där ett dolt antal annars kan räknas fram ur summor, och andelar, intervall och status som räknas från ett dolt antal döljs med det."
            }
            Ui::PublishableGenderSplit => {
                "Könsfördelningen döljs helt: minst ett antal per kön är under minsta cellstorlek (ofta de få utan angivet kön), och eftersom andelarna räknas av dem med känt kön skulle varje visad andel avslöja det antalet."
            }
            Ui::PublishableNothing => {
                "Inget behövde döljas: varje antal är noll eller minst lika stort som minsta cellstorlek."
            }
            Ui::PublishableLimits => {
                "Begränsningar: detta skyddar en rapport för sig. Det skyddar inte mot jämförelser med en annan rapport (ett annat datum, en tidigare version, en uppdelning som publicerats någon annanstans), mot det läsarna redan vet om någon, eller själva datafilerna. Publicera en version per period och visa filerna bara för dem som får se dem."
            }
            Ui::ReportPart => "Del av rapporten",
            Ui::HiddenValues => "Dolda värden",
            Ui::ScrollHint => "Rulla i sidled för att se alla kolumner.",
            Ui::Templates => "Börja med egna data",
            Ui::TemplatesHint => {
                "Mallar att fylla i: en projektfil med en kommentar till varje nyckel, och de tre tabellerna med sina kolumner och en påhittad exempelrad. Behåll kolumnnamnen; guiden nedan säger vad varje kolumn innehåller."
            }
            Ui::TemplateProgramme => "Mall för projektfilen (TOML)",
            Ui::TemplateParticipants => "Mall för deltagare (CSV)",
            Ui::TemplateAssessments => "Mall för skattningar (CSV)",
            Ui::TemplateFollowUps => "Mall för uppföljningar (CSV)",
            Ui::ColumnGuide => "Vad varje kolumn innehåller",
            Ui::ColumnName => "Kolumn",
            Ui::Required => "Obligatorisk",
            Ui::Meaning => "Innehåll",
            Ui::ProgrammeFile => "projektfilen",
            Ui::GoalsChartTitle => {
                "Måluppfyllelse med 95\u{a0}% konfidensintervall; den lodräta linjen är målnivån."
            }
            Ui::GenderChartTitle => {
                "Könsfördelning bland inskrivna med 95\u{a0}% konfidensintervall; linjen visar målnivån, bandet toleransen."
            }
            Ui::GoalsByGenderSheet => "Mål per kön",
            Ui::FiguresSheet => "Alla värden",
            Ui::GoalsByGenderChartTitle => {
                "Måluppfyllelse totalt och för kvinnor, män och icke-binära, med 95\u{a0}% konfidensintervall; den lodräta linjen är målnivån."
            }
        },
        Word::Guide(g) => match g {
            Guide::Id => "Deltagarens pseudonyma id, aldrig ett personnummer.",
            Guide::Gender => {
                "kvinna, man eller icke-binär (även K, M och andra stavningar); en tom cell betyder ej angivet."
            }
            Guide::EntryDate => "Första dagen i insatsen, som ÅÅÅÅ-MM-DD.",
            Guide::BirthDate => "Födelsedatum, för ålderskontrollen och uppdelningen efter ålder.",
            Guide::ExitDate => "Sista dagen i insatsen; tom så länge deltagaren är kvar.",
            Guide::ExitOutcome => {
                "Vart deltagaren gick: employment, subsidised_employment, education, job_seeking, labour_market_programme, health_care, parental_leave, moved, other eller unknown (eller de svenska orden, som arbete och studier)."
            }
            Guide::Tags => {
                "Etiketter åtskilda med ;, till exempel long_term_assistance;newly_arrived."
            }
            Guide::LabourStatus => {
                "Vid start: unemployed, long_term_unemployed, inactive eller employed (för ESF+-indikatorerna)."
            }
            Guide::Education => {
                "Högsta utbildning vid start: isced_0_2, isced_3_4 eller isced_5_8."
            }
            Guide::AssistanceAtEntry => "Försörjningsstöd vid start: ja eller nej.",
            Guide::AssistanceAtExit => "Försörjningsstöd vid avslut: ja eller nej.",
            Guide::Qualification => "Fick en kvalifikation under insatsen: ja eller nej.",
            Guide::BreakdownColumn => {
                "Andra kolumner, till exempel district, kan anges bland projektfilens uppdelningar."
            }
            Guide::ParticipantId => "Id för en deltagare i deltagarfilen.",
            Guide::AssessmentDate => "Dagen för skattningen, som ÅÅÅÅ-MM-DD.",
            Guide::Parameter => "Id för en parameter i projektfilen, till exempel step.",
            Guide::Level => "Ett heltal på parameterns skala, eller en nivå i dess stegmodell.",
            Guide::FollowUpDate => "Dagen för uppföljningen, som ÅÅÅÅ-MM-DD.",
            Guide::Status => {
                "Statusen då, med samma ord som exit_outcome; tom om den inte registrerats."
            }
            Guide::ReceivesAssistance => "Har fortfarande försörjningsstöd då: ja eller nej.",
        },
        Word::Doc(d) => doc(d),
        Word::Status(s) => match s {
            GoalStatus::Met => "uppfyllt",
            GoalStatus::NotMet => "ej uppfyllt",
            GoalStatus::NoData => "inga data",
        },
        Word::Gender(g) => match g {
            Gender::Woman => "kvinnor",
            Gender::Man => "män",
            Gender::NonBinary => "icke-binära",
            Gender::Unknown => "ej angivet",
        },
        Word::GenderOne(g) => match g {
            Gender::Woman => "kvinna",
            Gender::Man => "man",
            Gender::NonBinary => "icke-binär",
            Gender::Unknown => "kön ej angivet",
        },
        Word::Outcome(o) => match o {
            Some(ExitOutcome::Employment) => "arbete",
            Some(ExitOutcome::SubsidisedEmployment) => "anställning med stöd",
            Some(ExitOutcome::Education) => "studier",
            Some(ExitOutcome::JobSeeking) => "arbetssökande",
            Some(ExitOutcome::LabourMarketProgramme) => "annan arbetsmarknadsinsats",
            Some(ExitOutcome::HealthCare) => "vård, rehabilitering",
            Some(ExitOutcome::ParentalLeave) => "föräldraledighet",
            Some(ExitOutcome::Moved) => "flyttat",
            Some(ExitOutcome::Other) => "annat",
            Some(ExitOutcome::Unknown) => "okänt",
            None => "ej angivet",
        },
        Word::Population(p) => match p {
            Population::Enrolled => "inskrivna",
            Population::Exited => "avslutade",
            Population::Active => "aktiva",
            Population::Due => "aktuella för uppföljning",
        },
        Word::Issue(i) => match i {
            I::UnknownParticipant => "deltagaren saknas i deltagartabellen",
            I::UnknownParameter => "parametern är inte definierad i projektet",
            I::OutsideWindow => "daterad utanför deltagarens tidsfönster",
            I::ConflictingDuplicate => "samma deltagare, parameter och datum med olika nivåer",
            I::LevelOutsideScale => "nivå utanför parameterns skala",
            I::AgeOutsideEligible => "ålder vid inskrivning utanför målgruppens åldrar",
            I::UnknownGender => "kön saknas",
            I::MissingExitOutcome => "avslutad utan avslutsorsak",
            I::ConflictingFollowUp => "två uppföljningar samma datum med olika värden",
            I::ConflictingEpisode => "en senare period med annat kön eller födelsedatum",
        },
        Word::Table(t) => match t {
            Table::Participants => "deltagare",
            Table::Assessments => "skattningar",
            Table::FollowUps => "uppföljningar",
        },
        Word::Truth(t) => match t {
            Truth::True => "sant",
            Truth::False => "falskt",
            Truth::Unknown => "okänt",
        },
        Word::Counted(c) => match c {
            Counted::Achieved => "uppnått (i täljare och nämnare)",
            Counted::NotAchieved => "ej uppnått (endast i nämnaren)",
            Counted::Excluded => "exkluderad (okänt, utanför nämnaren)",
            Counted::OutsidePopulation => "räknas inte (utanför populationen)",
        },
        Word::Esf(e) => match e {
            EsfIndicator::Participants => "deltagare",
            EsfIndicator::Unemployed => "arbetslösa, inkl. långtidsarbetslösa",
            EsfIndicator::LongTermUnemployed => "långtidsarbetslösa",
            EsfIndicator::Inactive => "utanför arbetskraften",
            EsfIndicator::Employed => "sysselsatta, inkl. egenföretagare",
            EsfIndicator::AgeUnder18 => "under 18 år",
            EsfIndicator::Age18To29 => "18-29 år",
            EsfIndicator::Age55Plus => "55 år och äldre",
            EsfIndicator::Isced02 => "ISCED 0-2",
            EsfIndicator::Isced34 => "ISCED 3-4",
            EsfIndicator::Isced58 => "ISCED 5-8",
            EsfIndicator::Left => "avslutade (28-dagarsfönstret stängt)",
            EsfIndicator::JobSearching => "arbetssökande",
            EsfIndicator::InEducation => "i utbildning",
            EsfIndicator::GainingQualification => "har fått en kvalifikation",
            EsfIndicator::InEmployment => "i arbete, inkl. egenföretagare",
            EsfIndicator::Due6Months => "aktuella för uppföljning efter sex månader",
            EsfIndicator::Reached6Months => "nådda efter sex månader",
            EsfIndicator::Employed6Months => "i arbete, inkl. egenföretagare, efter sex månader",
            EsfIndicator::MissingLabourStatus => "arbetsmarknadsstatus saknas",
            EsfIndicator::MissingEducation => "utbildningsnivå saknas",
            EsfIndicator::MissingBirthDate => "födelsedatum saknas (ingen ålder)",
            EsfIndicator::MissingGender => "kön saknas",
            EsfIndicator::NoEventInWindow => "avslutade utan händelse inom 28 dagar",
            EsfIndicator::WindowOpen => "avslutade, 28-dagarsfönstret ännu öppet",
        },
        Word::Error(ErrorCode::Data(d)) => match d {
            D::Io => "kan inte läsa filen",
            D::NotAFile => "sökvägen är en mapp, inte en fil",
            D::InvalidCsv => "felaktig CSV",
            D::InvalidEncoding => "ogiltig text i filens teckenkodning",
            D::RowTooLarge => "raden är längre än 1 MiB",
            D::TooManyRows => "fler än 4 294 967 295 rader i en tabell",
            D::InvalidXlsx => "inte en läsbar .xlsx-arbetsbok",
            D::XlsxTooLarge => {
                "arbetsboken är över storleksgränserna (64 MiB, 512 MiB uppackad, 10 000 delar)"
            }
            D::MissingSheet => "arbetsboken har inget blad för tabellen",
            D::MissingColumn => "obligatorisk kolumn saknas",
            D::MissingValue => "obligatoriskt värde saknas",
            D::InvalidDate => {
                "inte ett datum från 1900-01-01 till 2199-12-31 i formatet ÅÅÅÅ-MM-DD"
            }
            D::InvalidGender => "okänt kön (kvinna, man, icke-binär eller tomt)",
            D::InvalidExitOutcome => "okänd avslutsorsak",
            D::InvalidLevel => "varken en heltalsnivå eller en nivå i parameterns skala",
            D::InvalidBool => "inte ja/nej",
            D::InvalidId => "id är tomt eller längre än 128 byte",
            D::InvalidTags => "taggar måste vara text, åtskilda med ;",
            D::InvalidRecord => "en post måste vara ett objekt med kolumnnamn",
            D::ExitBeforeEntry => "avslutsdatum före inskrivningsdatum",
            D::OutcomeWithoutExit => "avslutsorsak utan avslutsdatum",
            D::DuplicateParticipant => "samma deltagar-id förekommer två gånger",
            D::OverlappingEpisodes => "två perioder för samma deltagare överlappar",
            D::InvalidGroup => {
                "en grupperingskolumns värde måste vara text, ett tal, ett datum eller sant/falskt"
            }
            D::TooManyGroups => "en grupperingskolumn har fler än 1 000 olika värden",
            D::InvalidLabourStatus => "inte en arbetsmarknadsstatus",
            D::InvalidEducation => "inte en utbildningsnivå",
            D::Interrupted => "avbröts innan den blev klar",
            D::Quality(kind) => word(Word::Issue(kind)),
        },
        Word::Error(ErrorCode::Programme(p)) => match p {
            P::InvalidToml => "inte giltig TOML",
            P::InvalidJson => "inte giltig JSON",
            P::UnknownKey => "okänd nyckel",
            P::MissingKey => "nyckel saknas",
            P::InvalidValue => "ogiltigt värde",
            P::UndefinedParameter => "parametern är inte definierad",
            P::DuplicateId => "samma id förekommer två gånger",
            P::TargetOutOfRange => "målnivån ligger utanför 0–1",
            P::InvalidScale => "ogiltig skala",
            P::InvalidCriterion => "ogiltigt kriterium",
            P::CriterionTooDeep => "kriterierna är nästlade för djupt",
            P::CriterionTooLarge => "för många kriterier",
            P::ProgrammeTooLarge => "programdefinitionen är för lång",
            P::InvalidPeriod => "ogiltig period eller planerat antal deltagare",
            P::StatusOnBeforeStart => "statusdatumet ligger före programmets start",
            P::StatusOnAfterAsOf => "statusdatumet ligger efter rapportens datum",
        },
        Word::Error(ErrorCode::Partial(x)) => match x {
            X::InvalidPartial => "inte en delrapport från stegvis",
            X::UnsupportedPartialVersion => {
                "en delrapport i en formatversion som denna stegvis inte läser"
            }
            X::PartialProgrammeDiffers => "delrapporterna gäller olika programdefinitioner",
            X::PartialAsOfDiffers => "delrapporterna gäller olika datum",
            X::PartialSettingsDiffer => {
                "delrapporterna har olika trenddatum, statusdatum eller profiler"
            }
            X::NoPartials => "det finns inga delrapporter att slå samman",
            X::PartialTooLarge => "de sammanslagna antalen överskrider gränserna",
        },
    }
}

fn phrase(p: &Phrase<'_>, lang: Language, out: &mut String) {
    let _ = match p {
        Phrase::AsOf { date } => write!(out, "Per {date}"),
        Phrase::Programme { id } => write!(out, "projekt {id}"),
        Phrase::Horizon {
            months,
            tolerance_days,
        } => write!(out, "{months} månader ±{tolerance_days} dagar"),
        Phrase::Transitions { parameter } => write!(
            out,
            "Övergångar: {parameter} (rader: första nivå, kolumner: senaste nivå)"
        ),
        Phrase::Exited { count } => write!(out, "Avslutade per datum: {count}"),
        Phrase::Publishable { min_cell } => {
            write!(out, "Publicerbar (dölj antal under {min_cell})")
        }
        Phrase::PublishableCopy { min_cell } => write!(
            out,
            "Publicerbar version: antal under {min_cell}, och det som skulle avslöja dem, är dolda."
        ),
        Phrase::EnrolmentSummary {
            enrolled,
            planned,
            share,
            expected,
        } => write!(
            out,
            "{enrolled} av {planned} planerade deltagare inskrivna ({share}); \
             {expected} förväntade hittills vid jämn inskrivning över perioden."
        ),
        Phrase::Computed { participants, ms } => write!(
            out,
            "Beräknade {} deltagare på {} ms, i den här webbläsaren.",
            lang.count(*participants),
            lang.count(*ms)
        ),
        Phrase::UnknownFile { name } => write!(
            out,
            "Kan inte avgöra vilken tabell {name} är: en deltagarfil har id, gender och \
             entry_date; skattningar har parameter och level; uppföljningar har status."
        ),
        Phrase::Row { row } => write!(out, "rad {row}"),
        Phrase::Column { column } => write!(out, "kolumn {column}"),
        Phrase::At { path } => write!(out, "vid {path}"),
        Phrase::Participant { id, gender } => {
            write!(out, "deltagare {id} ({})", word(Word::GenderOne(*gender)))
        }
        Phrase::ProgrammeChecked {
            name,
            id,
            parameters,
            goals,
        } => write!(
            out,
            "projekt: ok, {name} ({id}), {parameters} parameter/parametrar, {goals} mål"
        ),
        Phrase::DataChecked { date, issues } => {
            write!(out, "data per {date}: {issues} problem")
        }
        Phrase::IssuesFound { issues } => write!(out, "{issues} problem"),
        Phrase::AllWell => write!(out, "ok"),
        Phrase::ReportDescribes { date } => {
            write!(out, "Rapporten beskriver programmet per {date}.")
        }
        Phrase::AsOfOutsidePeriod { date, start, end } => write!(
            out,
            "{date} ligger utanför programperioden ({start} till {end}). \
             Rapporten beskriver ändå det datumet."
        ),
    };
}

fn reason(r: &Reason<'_>, out: &mut String) {
    let cmp = |met: bool| if met { "≥" } else { "<" };
    let sv = Language::Swedish;
    let _ = match *r {
        Reason::Tag { name, has } => {
            write!(out, "{} taggen {name}", if has { "har" } else { "saknar" })
        }
        // The combinators are the programme file's own keys.
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
            "{parameter} {baseline} → {latest}, förändring {} {} {}",
            sv.number(gain as f64, 0),
            cmp(gain >= min_gain),
            sv.number(min_gain as f64, 0)
        ),
        Reason::BaselineOnly {
            parameter,
            baseline,
        } => write!(out, "{parameter} endast {baseline}, ej bedömbar"),
        Reason::NotEvaluable { parameter } => {
            write!(out, "{parameter} ej skattad, ej bedömbar")
        }
        Reason::ImprovedCount { hits, of, needed } => {
            write!(out, " [{hits} av {of} förbättrade, {needed} krävs]")
        }
        Reason::NoMeanGain => out.write_str("ingen parameter bedömbar för en medelförändring"),
        Reason::MeanGain {
            mean,
            over,
            at_least,
            met,
        } => write!(
            out,
            "medelförändring {} över {over} {} {}",
            sv.number(mean, 2),
            cmp(met),
            at_least.to_string().replace('.', ",")
        ),
        Reason::NotAssessed { parameter } => write!(out, "{parameter} ej skattad"),
        Reason::Reached {
            parameter,
            latest,
            level,
            reached,
        } => write!(
            out,
            "{parameter} senast {latest} {} {level}",
            if reached { "når" } else { "under" }
        ),
        Reason::NotExited => out.write_str("ej avslutad"),
        Reason::OutcomeUnknown => out.write_str("avslutad, avslutsorsak okänd"),
        Reason::ExitedTo { outcome, listed } => write!(
            out,
            "avslutad till {}{}",
            word(Word::Outcome(Some(outcome))),
            if listed { "" } else { " (ej listad)" }
        ),
        Reason::NoFollowUpYet { months } => {
            write!(out, "ej avslutad, ingen uppföljning efter {months} månader")
        }
        Reason::AssistanceAtEntry { on } => out.write_str(match on {
            Some(true) => "försörjningsstöd vid start",
            Some(false) => "inget försörjningsstöd vid start",
            None => "försörjningsstöd vid start ej registrerat",
        }),
        Reason::AssistanceAfter { months, on } => {
            let _ = match months {
                None => out.write_str("vid avslut: "),
                Some(m) => write!(out, "efter {m} månader: "),
            };
            out.write_str(match on {
                Some(true) => "fortfarande försörjningsstöd",
                Some(false) => "inte längre försörjningsstöd",
                None => "försörjningsstöd ej registrerat",
            })
        }
        Reason::NoFollowUp { months, tolerance } => write!(
            out,
            "ingen uppföljning inom {tolerance} dagar från {months} månader efter avslut"
        ),
        Reason::ConflictingFollowUps { date } => {
            write!(out, "motstridiga uppföljningar {date}")
        }
        Reason::FollowUp {
            months,
            date,
            status,
            assistance,
        } => {
            let status = match status {
                Some(s) => word(Word::Outcome(Some(s))),
                None => "status ej angiven",
            };
            let assistance = match assistance {
                Some(true) => "får försörjningsstöd",
                Some(false) => "utan försörjningsstöd",
                None => "försörjningsstöd ej angivet",
            };
            write!(
                out,
                "uppföljning efter {months} månader {date}: {status}, {assistance}"
            )
        }
        Reason::InPopulation { population, days } => write!(
            out,
            "{} ({days} dagar i insatsen)",
            word(Word::Population(population))
        ),
        Reason::NotDue { months, closes } => match closes {
            Some(date) => write!(
                out,
                "ännu inte aktuell för uppföljning efter {months} månader (fönstret stänger {date})"
            ),
            None => write!(
                out,
                "ännu inte aktuell för uppföljning efter {months} månader"
            ),
        },
        Reason::WhereNot { value } => out.write_str(match value {
            Truth::Unknown => "inte i populationen (okänt): ",
            _ => "inte i populationen: ",
        }),
        Reason::WhereHolds => out.write_str("; där "),
        Reason::NotExitedByAsOf => out.write_str("ej avslutad per datum"),
        Reason::ExitedByAsOf => out.write_str("avslutad per datum"),
        Reason::TooFewDays { days, min_days } => {
            write!(out, "{days} dagar i insatsen < min_days {min_days}")
        }
    };
}

/// Den utskrivbara rapportens ord (docs/report.md#printable-report);
/// metodstyckena sammanfattar docs/method.md.
fn doc(d: Doc) -> &'static str {
    match d {
        Doc::Method => "Metod",
        Doc::MethodGoals => {
            "Ett mål räknar deltagarna i sin population (alla inskrivna om programmet inte anger annat) och andelen av dem för vilka målets villkor är uppfyllt på rapportdatumet. En deltagare vars resultat inte kan avgöras räknas antingen som ej uppnått eller lämnas utanför nämnaren, så som programmet anger för varje mål. Ett mål är uppfyllt när andelen når målnivån; det är säkerställt när hela 95\u{a0}%-intervallet ligger på samma sida om målnivån."
        }
        Doc::MethodIntervals => {
            "Andelar har 95\u{a0}% Wilsonintervall; skillnaden mellan kvinnor och män har Newcombes hybridintervall. Med få deltagare blir intervallen breda: ett mål kan vara uppfyllt utan att vara säkerställt."
        }
        Doc::MethodGender => {
            "Könsfördelningen räknar inskrivna med känt kön (kvinnor, män och icke-binära) mot programmets målnivå och tolerans; deltagare utan registrerat kön räknas men ingår inte i någon andel."
        }
        Doc::MethodChange => {
            "Parameterförändringen jämför varje deltagares första skattning i fönstret med den senaste till och med rapportdatumet. Uppföljningar räknar dem vars fönster efter avslut har stängt: nådda när en uppföljning ligger i fönstret."
        }
        Doc::MethodData => {
            "Allt beräknas av stegvis från programdefinitionen och datafilerna, per det datum som anges överst. Rader som inte kunde användas redovisas under datakvalitet, med tabell och rad men utan något värde ur dem."
        }
        Doc::Glossary => "Ordlista",
        Doc::GlossPopulation => {
            "De deltagare ett mål räknar: alla inskrivna, de avslutade, de aktiva eller de som är aktuella för uppföljning, ibland avgränsade av ett villkor."
        }
        Doc::GlossAchieved => {
            "Deltagare i populationen för vilka målets villkor är uppfyllt, av dem som räknas."
        }
        Doc::GlossUnknown => {
            "Deltagare vars resultat inte kan avgöras ur data, till exempel när en skattning eller uppföljning saknas."
        }
        Doc::GlossExcluded => {
            "Okända resultat som lämnas utanför nämnaren när målet anger det; annars räknas de som ej uppnådda."
        }
        Doc::GlossShare => "Uppnått delat med antalet räknade deltagare.",
        Doc::GlossInterval => {
            "Andelens 95\u{a0}% konfidensintervall: det spann där den sanna andelen ligger, med hänsyn till slumpen bland få deltagare."
        }
        Doc::GlossTarget => "Den andel programmet satt som mål.",
        Doc::GlossStatus => {
            "Uppfyllt när andelen når målnivån, ej uppfyllt när den inte gör det, inga data när ingen räknas."
        }
        Doc::GlossConfident => {
            "Ja när hela intervallet ligger på samma sida om målnivån som statusen."
        }
        Doc::GlossGap => {
            "Andelen bland kvinnor minus andelen bland män, i procentenheter, med sitt intervall."
        }
        Doc::GlossDeviation => {
            "Ett köns andel av de inskrivna minus dess målandel, i procentenheter."
        }
        Doc::GlossTolerance => "Om avvikelsen inte är större än den tolerans programmet tillåter.",
        Doc::GlossEvaluable => {
            "Deltagare med en första och en senaste skattning av parametern, så att en förändring kan mätas."
        }
        Doc::GlossMeanGain => {
            "Den genomsnittliga förändringen i nivå mellan första och senaste skattningen, i steg på skalan."
        }
        Doc::GlossDue => {
            "Avslutade deltagare vars uppföljningsfönster har stängt per rapportdatumet."
        }
        Doc::GlossResponseRate => {
            "Nådda deltagare (med en uppföljning i fönstret) delat med de aktuella."
        }
        Doc::Disclosure => "Röjandekontroll",
        Doc::DisclosureRule => {
            "Primär röjandekontroll döljer varje antal under den minsta cellstorleken. Sekundär röjandekontroll döljer sedan fler värden (summor, andelar, intervall, andra grupper) ur vilka ett dolt antal skulle kunna räknas fram. Dolda värden visas med markören för dolt i varje tabell och diagram."
        }
        Doc::NotSuppressed => {
            "Den här versionen är inte skyddad: den visar varje antal, hur litet det än är, och kan därför peka ut personer. Lämna den bara till dem som har rätt till uppgifterna; publicera i stället en publicerbar version."
        }
        Doc::NothingHidden => "Inget behövde döljas: varje antal når den minsta cellstorleken.",
        Doc::Part => "Avsnitt",
        Doc::HiddenValues => "Dolda värden",
        Doc::Total => "Totalt",
        Doc::PrintButton => "Skriv ut / spara som PDF",
    }
}
