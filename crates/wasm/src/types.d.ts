// ---- Types of the report and of the arguments (hand-written; `docs/report.md#keys`) ----

/** The marker that replaces a value hidden by disclosure control (`report.suppress`). */
export type Suppressed = "suppressed";
/** A count of participants or rows, or the suppressed marker. */
export type Count = number | Suppressed;
/** A share, bound or mean: `null` where undefined (nobody to count), or the suppressed marker. */
export type Share = number | null | Suppressed;

export type Gender = "woman" | "man" | "non_binary" | "unknown";
export type ExitOutcome =
  | "employment"
  | "subsidised_employment"
  | "education"
  | "job_seeking"
  | "labour_market_programme"
  | "health_care"
  | "parental_leave"
  | "moved"
  | "other"
  | "unknown";
/** A breakdown by outcome or status also has `missing`: exited (or reached) without one. */
export type OutcomeKey = ExitOutcome | "missing";
export type TableName = "participants" | "assessments" | "follow_ups";
export type Population = "enrolled" | "exited" | "active" | "due";
export type GoalStatus = "met" | "not_met" | "no_data";
export type IssueKind =
  | "unknown_participant"
  | "unknown_parameter"
  | "outside_window"
  | "conflicting_duplicate"
  | "level_outside_scale"
  | "age_outside_eligible"
  | "unknown_gender"
  | "missing_exit_outcome"
  | "conflicting_follow_up"
  | "conflicting_episode";

/** How several rows of one participant id are counted (`docs/method.md#episodes`). */
export type ReentryRule = "once" | "per_episode" | "error";

/** A confidence interval (95 % Wilson score in reports); both bounds null where undefined. */
export interface Interval {
  lower: Share;
  upper: Share;
}

/** A two-sided interval, as `wilsonInterval` returns it. */
export interface Bounds {
  lower: number;
  upper: number;
}

/** A difference of two proportions with its interval, as `newcombeDifference` returns it. */
export interface Difference {
  difference: number;
  lower: number;
  upper: number;
}

/** Values keyed by gender. The keys are data and stay snake_case (`non_binary`). */
export type ByGender<T> = { [G in Gender]: T };

export interface Report {
  programme: { id: string; name: string };
  /** The date the report describes, `YYYY-MM-DD`. */
  asOf: string;
  enrolment: Enrolment;
  /** One result per goal, in definition order. */
  goals: GoalResult[];
  /** The parameter change table, one row per parameter in definition order. */
  parameters: ParameterChange[];
  exits: Exits;
  /** One result per follow-up horizon. */
  followUps: FollowUpResult[];
  dataQuality: Issue[];
  /** Results per group of each breakdown, in programme order (`docs/report.md#breakdowns`). */
  breakdowns: BreakdownResult[];
  /** Assistance before and after (`docs/report.md#assistance`). */
  assistance: AssistanceResult;
  /** The ESF+ indicators with `profile: "esf"`, else `null` (`docs/report.md#esf`). */
  esf: EsfResult | null;
  /** The participants beside a comparison group, or `null` without one (`docs/report.md#comparison`). */
  comparison: Comparison | null;
  /** Enrolment and each goal at every trend date, ascending, the report's date last; `[]` without a trend (`docs/report.md#trend`). */
  trend: TrendPoint[];
  /** The status on a calendar date, or `null` without a status date (`docs/report.md#status-on`). */
  statusOn: StatusOnResult | null;
  /**
   * A publishable copy: every count in 1..minCell−1 and what would reveal it
   * is replaced by `"suppressed"` (`docs/report.md#disclosure-control`). Not
   * enumerable: `JSON.stringify` and `Object.keys` see only the data.
   * @param minCell smallest count shown: a whole number ≥ 0 (0 and 1 hide nothing); default 5, the core's
   */
  suppress(minCell?: number): Report;
  /** The report as text tables, in Swedish (`"sv"`) or English (`"en"`, default). */
  toText(language?: "sv" | "en"): string;
  /**
   * The tidy long table as CSV text for a spreadsheet (docs/report.md, spreadsheet CSV): section, item,
   * group, measure, value, lower, upper, suppressed; numbers rounded to four places, text that a
   * spreadsheet would run as a formula prefixed with `'`; in Swedish (`"sv"`) `;` and a decimal comma,
   * in English (`"en"`, default) `,` and a point. Save it with a byte-order mark (`"\ufeff" + text`)
   * so that Excel reads it as UTF-8.
   */
  toCsv(language?: "sv" | "en"): string;
  /**
   * The report as one self-contained, printable HTML document (docs/report.md, printable report), in
   * Swedish (`"sv"`) or English (`"en"`, default): every section of `toText`, the charts as inline SVG,
   * the method, a glossary and, for a copy from `suppress`, what it hid; inline CSS with A4 print rules,
   * no script and nothing loaded. The page's print button prints it.
   */
  toHtml(language?: "sv" | "en"): string;
  /**
   * The report as an Excel workbook (docs/report.md#workbook): the bytes of an .xlsx file, a sheet per section,
   * numbers as numbers, in English (`"en"`, default) or Swedish (`"sv"`). A publishable copy states its minimum
   * cell size and marks hidden values.
   */
  toXlsx(language?: "sv" | "en"): Uint8Array;
}

export interface Enrolment {
  /** Participants with entry date ≤ as-of. */
  enrolled: Count;
  /** planned_participants. */
  planned: number;
  shareOfPlan: Share;
  /** planned × elapsed share of the recruitment period, unrounded. */
  expectedByNow: number;
  /** The last day of recruitment (`recruitment_end`, else the end), YYYY-MM-DD. */
  recruitmentEnd: string;
  /** Whether recruitment is still open: as-of before recruitmentEnd. */
  recruitmentOpen: boolean;
  /** The gender target's tolerance (a fraction) `withinTolerance` was judged by; null without a gender target. */
  genderTolerance: number | null;
  byGender: ByGender<GenderEnrolment>;
  /** The re-entry rule and counts over the episodes begun by as-of (`docs/report.md#reentry`). */
  reentry: Reentry;
}

export interface Reentry {
  policy: ReentryRule;
  /** Distinct persons (equals `enrolled` unless the rule is `per_episode`). */
  participants: Count;
  /** Episodes begun by as-of (equals `enrolled` under `per_episode`). */
  episodes: Count;
  /** Persons with two or more episodes. */
  reentrants: Count;
  /** episodes − participants: the returns after a gap. */
  reentries: Count;
}

export interface GenderEnrolment {
  count: Count;
  /** Share of the participants of known gender; null for `unknown`. */
  share: Share;
  ci: Interval;
  /** The planned share, when the programme sets one. */
  target: number | null;
  /** share − target, a fraction. */
  deviation: Share;
  withinTolerance: boolean | null | Suppressed;
  /** Participants of this gender still to recruit to reach the target split at the planned total. */
  needed: number | null | Suppressed;
  /** Once recruitment has closed: how many of this gender the target split was missed by. */
  missed: number | null | Suppressed;
  /** While recruitment is open: the projected share at the planned total. */
  projectedShare: Share;
  /** Its interval: the Wilson bounds applied to the remaining places only. */
  projectedCi: Interval;
}

export interface GoalResult {
  id: string;
  name: string;
  target: number;
  /** The group the population starts from (its `of`). */
  population: Population;
  /** The horizon of a `due` population, else null. */
  populationAfterMonths: number | null;
  /** That horizon's window half-width in days, else null. */
  populationToleranceDays: number | null;
  /** The population's `where` criterion as the programme writes it (keys not camelCased), or null. */
  populationWhere: Criterion | null;
  populationSize: Count;
  achieved: Count;
  unknown: Count;
  excluded: Count;
  denominator: Count;
  share: Share;
  ci: Interval;
  status: GoalStatus | Suppressed;
  /** Whether the whole interval lies on the status's side of the target. */
  confident: boolean | Suppressed;
  byGender: ByGender<GenderGoalResult>;
  /** Women − men with the Newcombe hybrid score interval; null when either denominator is 0. */
  genderGap: GenderGap | null;
}

export interface GenderGoalResult {
  achieved: Count;
  unknown: Count;
  excluded: Count;
  denominator: Count;
  share: Share;
  ci: Interval;
}

export interface GenderGap {
  difference: Share;
  lower: Share;
  upper: Share;
}

export interface ParameterCounts {
  evaluable: Count;
  improved: Count;
  unchanged: Count;
  worsened: Count;
  improvedShare: Share;
  unchangedShare: Share;
  worsenedShare: Share;
  meanGain: Share;
}

export interface ParameterChange extends ParameterCounts {
  id: string;
  name: string;
  byGender: ByGender<ParameterCounts>;
  /** For a ladder: counts by baseline level (rows) and latest level (columns); level i at index i − 1. */
  transitions: Count[][] | null;
}

/** The participants beside a comparison group (`docs/comparison.md`). */
export interface Comparison {
  /** Always `"selection"`: print the catalogue's sentence (`label`, `caveat_selection`). */
  caveat: "selection";
  participantsEnrolled: Count;
  comparisonEnrolled: Count;
  /** One entry per goal, in definition order. */
  goals: ComparisonGoal[];
  /** One row per characteristic and group: genders, age bands, the programme's tags. */
  balance: BalanceRow[];
  /** The comparison group's own data-quality issues. */
  dataQuality: Issue[];
}

/** One group's result for a goal. */
export interface GroupGoal {
  populationSize: Count;
  achieved: Count;
  unknown: Count;
  excluded: Count;
  denominator: Count;
  share: Share;
  ci: Interval;
}

export interface ComparisonGoal {
  id: string;
  name: string;
  participants: GroupGoal;
  comparison: GroupGoal;
  /** Participants − comparison with Newcombe's interval; `null` when either denominator is 0. */
  difference: { difference: Share; lower: Share; upper: Share } | null;
}

export type Characteristic = "gender" | "age" | "tag";

/** A row of the balance table (`docs/comparison.md#balance`). */
export interface BalanceRow {
  characteristic: Characteristic;
  /** A gender, an age band's key or `unknown`, a tag's name. */
  group: string;
  participants: { count: Count; share: Share };
  comparison: { count: Count; share: Share };
  /** Participants' share − the comparison group's; `null` when either is. */
  difference: Share;
}

/** One trend date's figures (`docs/report.md#trend`). */
export interface TrendPoint {
  /** The trend date, `YYYY-MM-DD`. */
  asOf: string;
  enrolled: Count;
  /** Each gender's count and its share of the participants of known gender (null for unknown). */
  byGender: ByGender<{ count: Count; share: Share }>;
  /** Every goal, in definition order, at that date. */
  goals: TrendGoal[];
}

export interface TrendGoal {
  id: string;
  achieved: Count;
  denominator: Count;
  share: Share;
  ci: Interval;
  status: GoalStatus | Suppressed;
}

/** A trend's calendar period, or `none` to turn the programme's default off. */
export type TrendEvery = "quarter" | "half-year" | "year" | "none";

/** What a breakdown groups by. */
export type BreakdownKind = "age" | "tag" | "column" | "cohort";

/** A count for everyone and per gender. */
export interface GenderCount {
  total: Count;
  /** Keyed by data: `woman`, `man`, `non_binary`, `unknown`. */
  byGender: Record<Gender, Count>;
}

/** One step of the before/after table, for everyone or one gender (`docs/report.md#assistance`). */
export interface AssistanceCounts {
  population: Count;
  recorded: Count;
  notOnAssistance: Count;
  /** notOnAssistance / recorded. */
  share: Share;
  ci: Interval;
}

/** At exit (`afterMonths` null) or at a follow-up horizon. */
export interface AssistanceStep extends AssistanceCounts {
  afterMonths: number | null;
  toleranceDays: number | null;
  byGender: Record<Gender, AssistanceCounts>;
}

/** Assistance before and after (`docs/method.md#assistance-before-after`). */
export interface AssistanceResult {
  recordedAtEntry: GenderCount;
  onAssistanceAtEntry: GenderCount;
  /** At exit, then each follow-up horizon. */
  steps: AssistanceStep[];
}

/** The ESF+ indicator keys, in report order (`docs/esf.md#indicators`). */
export type EsfIndicator =
  | "participants"
  | "unemployed"
  | "long_term_unemployed"
  | "inactive"
  | "employed"
  | "age_under_18"
  | "age_18_29"
  | "age_55_plus"
  | "isced_0_2"
  | "isced_3_4"
  | "isced_5_8"
  | "left"
  | "job_searching"
  | "in_education"
  | "gaining_qualification"
  | "in_employment"
  | "due_6_months"
  | "reached_6_months"
  | "employed_6_months"
  | "missing_labour_status"
  | "missing_education"
  | "missing_birth_date"
  | "missing_gender"
  | "no_event_in_window"
  | "window_open";

/** The ESF+ section (`docs/report.md#esf`). */
export interface EsfResult {
  windowDays: number;
  longerTermMonths: number;
  longerTermToleranceDays: number;
  /** Keyed by data (the indicator names stay snake_case). */
  indicators: Record<EsfIndicator, GenderCount>;
}

/** One breakdown (`docs/report.md#breakdowns`). */
export interface BreakdownResult {
  /** `age`, `tag:<name>`, `column:<name>`, `cohort:half-year` or `cohort:year`. */
  id: string;
  kind: BreakdownKind;
  /** Age bands then `unknown`; `yes`, `no`; column values by code point, then `unknown`; entry cohorts (`2021-H1`, `2021`) in calendar order. */
  groups: GroupResult[];
}

/** One group's results: the report's own shapes over the group's participants. */
export interface GroupResult {
  /** The group's key: `18-29`, `yes`, a column value, `unknown`. */
  group: string;
  enrolment: GroupEnrolment;
  goals: GoalResult[];
  /** `transitions` is always null in a group. */
  parameters: ParameterChange[];
}

export interface GroupEnrolment {
  enrolled: Count;
  exited: Count;
  /** Each gender's count and share of the group's participants of known gender. */
  byGender: ByGender<{ count: Count; share: Share; ci: Interval }>;
}

/** Exit outcomes of one group, each with a share of the group's exited (docs/method.md#exits). */
export interface ExitCounts {
  exited: Count;
  byOutcome: { [O in OutcomeKey]: { count: Count; share: Share } };
}

export interface Exits extends ExitCounts {
  /** The same per gender (docs/method.md#exits-by-gender). */
  byGender: ByGender<ExitCounts>;
}

/** One horizon's follow-up figures for everyone or one gender (docs/method.md#follow-up-accounting). */
export interface FollowUpCounts {
  /** Exited participants whose window has closed by as-of. */
  due: Count;
  /** Of the due, those with a follow-up in the window. */
  reached: Count;
  notReached: Count;
  /** reached / due. */
  responseRate: Share;
  responseCi: Interval;
  /** Not yet due, but already followed up; in no other count. */
  early: Count;
  /** The reached per status of their follow-up. */
  byStatus: { [O in OutcomeKey]: Count };
  /** Each status count / reached. */
  statusShare: { [O in OutcomeKey]: Share };
  /** Each status count / due. */
  statusShareOfDue: { [O in OutcomeKey]: Share };
  notReachedShareOfDue: Share;
  assistanceKnown: Count;
  notReceivingAssistance: Count;
  /** notReceivingAssistance / assistanceKnown. */
  shareNotReceivingAssistance: Share;
  ci: Interval;
  /** notReceivingAssistance / due. */
  shareNotReceivingAssistanceOfDue: Share;
  ciOfDue: Interval;
}

export interface FollowUpResult extends FollowUpCounts {
  afterMonths: number;
  toleranceDays: number;
  byGender: ByGender<FollowUpCounts>;
}

/** The status on a calendar date for everyone or one gender (`docs/method.md#status-on-a-date`). */
export interface StatusOnCounts {
  /** Exited on or before the date (seen as of the date). */
  exited: Count;
  /** Of those, with a follow-up in the window. */
  withFollowUp: Count;
  /** exited − withFollowUp: no follow-up within the tolerance. */
  noFollowUp: Count;
  noFollowUpShare: Share;
  /** Those with a follow-up, per status of the chosen follow-up. */
  byStatus: { [O in OutcomeKey]: Count };
  /** Each status count / withFollowUp. */
  statusShare: { [O in OutcomeKey]: Share };
  /** Each status count / exited. */
  statusShareOfExited: { [O in OutcomeKey]: Share };
  onAssistance: Count;
  notOnAssistance: Count;
  assistanceNotRecorded: Count;
  /** notOnAssistance / (onAssistance + notOnAssistance). */
  shareNotOnAssistance: Share;
  ci: Interval;
  /** notOnAssistance / exited. */
  shareNotOnAssistanceOfExited: Share;
  ciOfExited: Interval;
}

export interface StatusOnResult extends StatusOnCounts {
  /** The status date, `YYYY-MM-DD`. */
  date: string;
  /** Follow-ups dated from `date` − toleranceDays to `date` count. */
  toleranceDays: number;
  byGender: ByGender<StatusOnCounts>;
}

export interface Issue {
  kind: IssueKind;
  table: TableName;
  /** How many offending rows. */
  count: number;
  /** The five smallest offending row numbers (the header is row 1). */
  rows: number[];
}

/** Why one participant counts as they do (`docs/method.md#explanations`). */
export interface Explanation {
  participantId: string;
  gender: Gender;
  /** The programme's re-entry rule. */
  reentry: ReentryRule;
  /** The person's episodes begun by as-of, in entry order. */
  episodes: Episode[];
  /** Under `per_episode`, which episode is explained (from 1); else null. */
  episode: number | null;
  goals: GoalExplanation[];
}

/** One episode as known at as-of: an exit after as-of is null. */
export interface Episode {
  entryDate: string;
  exitDate: string | null;
  exitOutcome: ExitOutcome | null;
}

export interface GoalExplanation {
  goalId: string;
  inPopulation: boolean;
  populationReason: string;
  value: "true" | "false" | "unknown";
  counted: "achieved" | "not_achieved" | "excluded" | "outside_population";
  reason: string;
}

/**
 * One cell of a table given as records: text, number, a bigint (an integer), boolean, a Date (its local
 * calendar day) or empty. Records are read by their own enumerable data properties: inherited properties are
 * absent and a getter is `invalid_record` (docs/data.md#js-values).
 */
export type Cell = string | number | bigint | boolean | Date | null | undefined;
/**
 * A table: CSV text (comma or semicolon separated, with a header), the bytes of a file (a `Uint8Array` or
 * `ArrayBuffer`: an .xlsx workbook when they start with the zip signature `PK`, read from the sheet named for
 * the table or else the first sheet, docs/data.md#xlsx-files; otherwise CSV decoded by the core, see
 * `Encoding`), or records keyed by the CSV column names (record i is row i + 2).
 */
export type Table = string | Uint8Array | ArrayBuffer | Array<Record<string, Cell | Array<string | null>>>;

/** The character encoding of tables given as bytes (docs/data.md#encodings): `auto` (the default) detects it from a byte-order mark, else UTF-8 or Windows-1252 by the first non-ASCII character. Any case is accepted. */
export type Encoding = "auto" | "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

/** The key of a table in `Tables`; what `tableOf(csv)` names (CSV text or bytes), and `workbookTables(xlsx)` lists. */
export type TableKey = "participants" | "assessments" | "followUps";

/** The tables: each given on its own, or all from one .xlsx workbook. */
export type Tables = TableSet | WorkbookTables;

export interface TableSet {
  /** Columns id, gender, entry_date, and optionally birth_date, exit_date, exit_outcome, tags. */
  participants: Table;
  /** Columns participant_id, date, parameter, level. */
  assessments?: Table | null;
  /** Columns participant_id, date, status, and optionally receives_assistance. */
  followUps?: Table | null;
  workbook?: null;
}

export interface WorkbookTables {
  /**
   * One .xlsx workbook (its bytes) with a sheet per table, named `participants` or `deltagare`, `assessments`
   * or `skattningar`, optionally `follow_ups` or its Swedish name (docs/data.md#workbook-sheets).
   */
  workbook: Uint8Array | ArrayBuffer;
  participants?: null;
  assessments?: null;
  followUps?: null;
}

export interface EvaluateOptions {
  /**
   * The date the report describes (`YYYY-MM-DD` or a Date read on the local clock); default today, capped at the programme's end.
   * A list of dates asks for a trend over them, the report at the latest (`docs/method.md#trend`).
   */
  asOf?: string | Date | (string | Date)[] | null;
  /** A trend at every calendar period end from the programme's start before the report's date, then that date. */
  every?: TrendEvery | null;
  /** Turn the first data-quality issue into an error whose code is its kind. */
  strict?: boolean;
  /** The encoding of tables given as bytes; default `auto`. */
  encoding?: Encoding | null;
  /** `"esf"` adds the ESF+ indicators as `report.esf` (`docs/esf.md#profile`). */
  profile?: "esf" | null;
  /** A comparison group's tables (`docs/comparison.md#inputs`); errors in them name `comparison_participants`, … */
  comparison?: Tables | null;
  /**
   * The participants' status on this calendar date, as `report.statusOn` (`docs/method.md#status-on-a-date`);
   * replaces the programme's `status_on` date. After the report's date it is an error with code `status_on_after_as_of`.
   */
  statusOn?: string | Date | null;
  /** Days before `statusOn` in which a follow-up counts; default the programme's, else 45. */
  statusToleranceDays?: number | null;
  /**
   * Told every 1 024 rows read and every 1 024 participants evaluated how far `evaluate` has come
   * (`docs/page.md#progress`), for a progress bar; if it throws, the evaluation stops with the error `interrupted`.
   */
  progress?: ((progress: Progress) => void) | null;
}

/**
 * The tables `Participants.evaluate` reads after the participants read once (`docs/data.md#participants-once`):
 * those of `TableSet` without `participants`.
 */
export interface LaterTables {
  /** Columns participant_id, date, parameter, level. */
  assessments?: Table | null;
  /** Columns participant_id, date, status, and optionally receives_assistance. */
  followUps?: Table | null;
}

/** The options of `readParticipants` (`docs/data.md#participants-once`). */
export interface ReadParticipantsOptions {
  /** The encoding of the table given as bytes; default `auto`. */
  encoding?: Encoding | null;
  /** Told every 1 024 rows read (`docs/page.md#progress`); if it throws, reading stops with the error `interrupted`. */
  progress?: ((progress: Progress) => void) | null;
}

/** The options of `Participants.feed` (`docs/data.md#feed`). */
export interface FeedOptions {
  /** The encoding of the files pushed; default `auto`. */
  encoding?: Encoding | null;
}

/**
 * The options of `partial` (`docs/partials.md#javascript`): those of `evaluate` without a comparison group, which
 * partials do not carry (`docs/partials.md#report`). Partials to be combined must share `asOf`, the trend
 * (`asOf` list or `every`), `statusOn`, `statusToleranceDays` and `profile`.
 */
export type PartialOptions = Omit<EvaluateOptions, "comparison" | "progress">;

/**
 * How far `evaluate` has come (`EvaluateOptions.progress`). Counts move in steps of 1 024:
 * rows read of one table so far (header not counted), then participants evaluated so far.
 */
export type Progress =
  | {
      stage: "reading";
      /** The table being read; `null` for a workbook, whose sheets are read together. */
      table: TableKey | null;
      /** Whether it is the comparison group's table (`options.comparison`). */
      comparison: boolean;
      rows: number;
    }
  | { stage: "evaluating"; participants: number };

export interface ExplainOptions {
  asOf?: string | Date | null;
  /** Explain only this participant (`null` is returned when unknown or not yet entered). */
  participant?: string | number | bigint | null;
  /** The encoding of tables given as bytes; default `auto`. */
  encoding?: Encoding | null;
}

/** A programme definition in its JSON form (`docs/programme.md#programme-definitions`), as `Programme.toJSON()` gives it. */
export interface ProgrammeDefinition {
  id: string;
  name: string;
  start: string;
  end: string;
  planned_participants: number;
  recruitment_end?: string;
  eligible_age?: [number, number];
  baseline?: "first" | "lower_of_first_two";
  follow_up_months?: number[];
  gender_target?: { woman: number; man: number; non_binary?: number; tolerance?: number };
  parameters?: Array<{
    id: string;
    name?: string;
    scale?: [number, number];
    levels?: string[];
    higher_is_better?: boolean;
  }>;
  goals?: Array<{
    id: string;
    name?: string;
    target: number;
    criterion: Criterion;
    population?:
      | Exclude<Population, "due">
      | {
          of: Population;
          after_months?: number;
          tolerance_days?: number;
          where?: Criterion;
        };
    min_days?: number;
    unknown?: "fail" | "exclude";
  }>;
  /** `"age"`, `"tag:<name>"`, `"column:<name>"`, `"cohort:half-year"`, `"cohort:year"` (`docs/programme.md#breakdowns`). */
  breakdowns?: string[];
  /** Lower bounds of the age bands; default `[18, 30, 55]`. */
  age_bands?: number[];
  /** How several rows of one id are counted; default `"once"` (`docs/programme.md#top-level-keys`). */
  reentry?: ReentryRule;
  /** The default trend (`docs/programme.md#trend`). */
  trend?: "quarter" | "half-year" | "year";
  /** The report's status on a calendar date (`docs/programme.md#status-on`). */
  status_on?: { date: string; tolerance_days?: number };
}

/** A criterion (`docs/method.md#criteria`). */
export type Criterion =
  | { improved: { parameters?: string[]; min_gain?: number; at_least?: number } }
  | { reached: { parameter: string; level: number | string } }
  | { mean_gain: { parameters?: string[]; at_least: number } }
  | { exit_outcome: ExitOutcome[] }
  | {
      follow_up: {
        after_months: number;
        tolerance_days?: number;
        status?: ExitOutcome | ExitOutcome[];
        receives_assistance?: boolean;
      };
    }
  | { tag: string }
  | { all: Criterion[] }
  | { any: Criterion[] }
  | { not: Criterion };

/** The stable codes of `StegvisError.code`. */
export type ErrorCode =
  | "invalid_argument"
  | "invalid_toml"
  | "invalid_json"
  | "unknown_key"
  | "missing_key"
  | "invalid_value"
  | "undefined_parameter"
  | "duplicate_id"
  | "target_out_of_range"
  | "invalid_scale"
  | "invalid_criterion"
  | "criterion_too_deep"
  | "criterion_too_large"
  | "programme_too_large"
  | "invalid_period"
  | "status_on_before_start"
  | "status_on_after_as_of"
  | "io_error"
  | "not_a_file"
  | "invalid_csv"
  | "invalid_encoding"
  | "row_too_large"
  | "too_many_rows"
  | "invalid_xlsx"
  | "xlsx_too_large"
  | "missing_sheet"
  | "invalid_record"
  | "missing_column"
  | "missing_value"
  | "invalid_date"
  | "invalid_gender"
  | "invalid_exit_outcome"
  | "invalid_level"
  | "invalid_bool"
  | "invalid_id"
  | "invalid_tags"
  | "exit_before_entry"
  | "outcome_without_exit"
  | "duplicate_participant"
  | "overlapping_episodes"
  | "invalid_group"
  | "too_many_groups"
  | "invalid_labour_status"
  | "invalid_education"
  | "interrupted"
  // Partial reports (`docs/partials.md#errors`).
  | "invalid_partial"
  | "unsupported_partial_version"
  | "partial_programme_differs"
  | "partial_as_of_differs"
  | "partial_settings_differ"
  | "no_partials"
  | "partial_too_large"
  | IssueKind;

/** What every function of this package throws. */
export interface StegvisError extends Error {
  name: "StegvisError";
  code: ErrorCode;
  /** The table to blame, for errors in the input tables; a comparison group's table is `comparison_<table>` (`docs/comparison.md#inputs`). */
  table?: TableName | `comparison_${TableName}`;
  /** The row, 1-based with the header as row 1 (record i is row i + 2). */
  row?: number;
  /** The column to blame. */
  column?: string;
  /** The worksheet, for a table read from an .xlsx workbook (docs/data.md#xlsx-files). */
  sheet?: string;
  /** Where in a programme definition, e.g. `goals[1].criterion.any[0]`. */
  path?: string;
}

// ---- words and formats (the core's catalogue; docs/report.md#words) ----

/** A language of the catalogue. */
export type Language = "en" | "sv";

/** Every word of the catalogue in one language, by group (`words(lang)`). */
export interface Words {
  section: Record<
    | "enrolment" | "goals" | "parameters" | "exits" | "followUps" | "exitsAndFollowUps"
    | "dataQuality" | "programmeAndData" | "comparison",
    string
  >;
  column: Record<
    | "goal" | "population" | "populationSize" | "achieved" | "unknown" | "excluded"
    | "denominator" | "share" | "interval" | "target" | "status" | "confident" | "gender"
    | "count" | "deviation" | "withinTolerance" | "stillToRecruit" | "missed" | "projected"
    | "parameter"
    | "evaluable" | "improved" | "unchanged" | "worsened" | "meanGain" | "name"
    | "exitOutcome" | "followUp" | "due" | "reached" | "notReached" | "responseRate" | "early"
    | "shareOfReached" | "shareOfDue" | "offAssistanceOfDue" | "exited" | "offAssistance" | "issue" | "table"
    | "firstRows" | "transitionCorner",
    string
  >;
  label: Record<
    | "enrolled" | "planned" | "shareOfPlan" | "expectedByNow" | "recruitmentEnd"
    | "recruitmentOpen" | "recruitmentClosed" | "where" | "gapWomenMen" | "noGoals"
    | "noParameters" | "noFollowUps" | "noIssues" | "allGenders" | "notReached" | "assistanceBothWays"
    | "yes" | "no" | "confident" | "notConfident"
    | "reentry" | "reentryOnce" | "reentryPerEpisode" | "reentryError" | "persons" | "episodes"
    | "reentrants" | "reentries"
    | "comparisonParticipants" | "comparisonGroup" | "comparisonDifference" | "balance" | "characteristic"
    | "difference" | "characteristicGender" | "characteristicAge" | "characteristicTag"
    | "comparisonDataQuality" | "caveatSelection",
    string
  >;
  marker: Record<
    "suppressed" | "undefined" | "more" | "percent" | "pointsShort" | "pointsLong" | "to",
    string
  >;
  legend: Record<"undefined" | "suppressed", string>;
  explain: Record<"inPopulation" | "value" | "counted" | "reason" | "episodes" | "episode", string>;
  ui: Record<
    | "skip" | "tagline" | "language" | "languageHint" | "dropHint" | "fileProgramme"
    | "fileParticipants" | "fileAssessments" | "fileFollowUps" | "loadExample" | "asOf"
    | "clear" | "downloadJson" | "downloadCsv" | "downloadXlsx" | "footer" | "loading" | "ready"
    | "needProgramme" | "needParticipants" | "computing" | "exampleFailed" | "programmeFile"
    // While the page's worker reads and evaluates (docs/page.md#progress).
    | "readingParticipants" | "readingAssessments" | "readingFollowUps" | "readingWorkbook"
    | "goalsChartTitle" | "genderChartTitle"
    // The page used alone (docs/page.md#page).
    | "missingAssessments" | "missingFollowUps" | "waitingAssessments" | "waitingFollowUps"
    | "intervalAbove" | "intervalBelow" | "intervalSpans"
    | "publishableHeading" | "publishableWhy" | "publishableGenderSplit" | "publishableNothing"
    | "publishableLimits" | "reportPart" | "hiddenValues" | "scrollHint"
    | "templates" | "templatesHint" | "templateProgramme" | "templateParticipants"
    | "templateAssessments" | "templateFollowUps" | "columnGuide" | "columnName" | "required" | "meaning",
    string
  >;
  /** What each column of the input tables holds (docs/page.md#templates). */
  guide: Record<
    | "id" | "gender" | "entryDate" | "birthDate" | "exitDate" | "exitOutcome" | "tags"
    | "labourStatus" | "education" | "assistanceAtEntry" | "assistanceAtExit" | "qualification"
    | "breakdownColumn" | "participantId" | "assessmentDate" | "parameter" | "level"
    | "followUpDate" | "status" | "receivesAssistance",
    string
  >;
  status: Record<GoalStatus, string>;
  /** Genders as groups of participants ("women"). */
  gender: Record<Gender, string>;
  /** The gender of one participant ("woman"). */
  genderOne: Record<Gender, string>;
  outcome: Record<OutcomeKey, string>;
  population: Record<Population, string>;
  issue: Record<IssueKind, string>;
  table: Record<TableName, string>;
  truth: Record<"true" | "false" | "unknown", string>;
  counted: Record<"achieved" | "not_achieved" | "excluded" | "outside_population", string>;
  /** Error descriptions by code (data-quality kinds are under `issue`). */
  error: Record<Exclude<ErrorCode, IssueKind | "invalid_argument">, string>;
  /** Each language's name in itself. */
  language: Record<Language, string>;
  /** The ESF+ indicators' names (`docs/esf.md#indicators`). */
  esf: Record<EsfIndicator, string>;
  /** The printable report's own words (docs/report.md, printable report) and the page's print button. */
  document: Record<
    | "method" | "methodGoals" | "methodIntervals" | "methodGender" | "methodChange" | "methodData"
    | "glossary" | "glossPopulation" | "glossAchieved" | "glossUnknown" | "glossExcluded" | "glossShare"
    | "glossInterval" | "glossTarget" | "glossStatus" | "glossConfident" | "glossGap" | "glossDeviation"
    | "glossTolerance" | "glossEvaluable" | "glossMeanGain" | "glossDue" | "glossResponseRate"
    | "disclosure" | "disclosureRule" | "notSuppressed" | "nothingHidden" | "part" | "hiddenValues"
    | "total" | "printButton",
    string
  >;
}

/** A phrase with values, for `phrase(lang, p)`. */
export type Phrase =
  | { phrase: "as_of"; date: string }
  | { phrase: "report_describes"; date: string }
  | { phrase: "as_of_outside_period"; date: string; start: string; end: string }
  | { phrase: "programme"; id: string }
  | { phrase: "horizon"; months: number; toleranceDays: number }
  | { phrase: "transitions"; parameter: string }
  | { phrase: "exited"; count: string }
  | { phrase: "publishable"; minCell: number }
  | { phrase: "publishable_copy"; minCell: number }
  | { phrase: "enrolment_summary"; enrolled: string; planned: string; share: string; expected: string }
  | { phrase: "computed"; participants: number; ms: number }
  | { phrase: "unknown_file"; name: string }
  | { phrase: "row"; row: number }
  | { phrase: "column"; column: string }
  | { phrase: "at"; path: string }
  | { phrase: "participant"; id: string; gender: Gender };
