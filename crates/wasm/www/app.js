// The page: hands the chosen files to stegvis (WebAssembly), which reads and
// evaluates them in a Web Worker (evaluation.js, docs/page.md#worker), and
// shows the report. Every figure comes from the report object, and every
// word and number format from the stegvis catalogue (words, phrase, Format),
// so the page says what the text report and the Python HTML say; this file
// only lays out, draws and routes files.
import init, { Format, defaultMinCell, phrase, words } from "./pkg/stegvis.js";
import { isXlsx, slotsOf, wireWorkbookDownload } from "./xlsx.js";
import { goalsChart, genderChart } from "./charts.js";
import { recruitmentCells, recruitmentColumns, recruitmentLine } from "./recruitment.js";
import { renderBreakdowns } from "./breakdowns.js";
import { renderReentry } from "./reentry.js";
import { renderEsf } from "./esf.js";
import {
  COMPARISON_EXAMPLE, COMPARISON_INPUTS, comparisonBase, comparisonTables, renderComparison,
} from "./comparison.js";
import { renderTrend } from "./trends.js";
import { MISSING_WORD, WAITING_WORD, heldBack, judgedOnly } from "./needs.js";
import { renderGoalsByGender } from "./goals-gender.js";
import { renderPublishable } from "./publishable.js";
import { scrollRegions } from "./a11y.js";
import { TEMPLATES, renderGuide, templateBytes } from "./templates.js";
import { fileBytes, wasmBytes } from "./embedded.js";
import { evaluator } from "./evaluation.js";
import { renderStatusOn } from "./status_on.js";
import { printReport, wirePagePrint } from "./print.js";

const GENDERS = ["woman", "man", "non_binary", "unknown"];
const TABLE_KEYS = { participants: "participants", assessments: "assessments", follow_ups: "followUps" };

const $ = (id) => document.getElementById(id);
// The core's default minimum cell size, known once the module has loaded.
let MIN_CELL;

const state = {
  lang: "en",
  publishable: false,
  programme: null, // { name, text }
  tables: {}, // participants | assessments | followUps → { name, data: File or bytes }
  comparison: {}, // the comparison group's tables, keyed alike (docs/comparison.md#inputs)
  report: null, // the full report, data only (its methods stay in the worker)
  publishableReport: null, // its publishable copy, made with it
  reportId: undefined, // which evaluation it is, for the worker's exports
  tolerance: null,
  lastMs: null,
  error: null,
  // The programme's period, for the warning on an as-of date outside it.
  period: null, // { start, end }
  // The programme as read (Programme.toJSON()), for what a missing table
  // holds back (docs/page.md#missing-tables).
  definition: null,
  // Whether the page filled the date field itself (today capped at the
  // programme's end): a new programme then recomputes that default.
  asOfFilled: false,
};

// The catalogue in each language, read once the module has loaded.
const catalogue = {};

/** The words of the current language. */
const t = () => catalogue[state.lang].words;
/** The number formats of the current language. */
const f = () => catalogue[state.lang].format;
/** A phrase with values in the current language. */
const say = (name, values = {}) => phrase(state.lang, { phrase: name, ...values });

// ---- formatting -------------------------------------------------------------

const isHidden = (v) => v === "suppressed";
const isMissing = (v) => v === null || v === undefined;

/** A table cell: text plus the raw value (data-value) for tests and copy. The
 * text comes from `format`, which receives the report value as it is
 * (number, null or "suppressed") and writes the catalogue's marker for the
 * last two. */
function cell(tag, value, format, field) {
  const el = document.createElement(tag);
  const shown = format(value);
  if (isHidden(value) || shown === f().suppressed) {
    const mark = document.createElement("span");
    mark.className = "hidden-value";
    mark.title = t().legend.suppressed;
    mark.textContent = f().suppressed;
    el.append(mark);
  } else {
    el.textContent = shown;
  }
  if (field) el.dataset.field = field;
  el.dataset.value = isMissing(value) ? "" : String(value);
  return el;
}

const share = (v) => f().share(v);
const count = (v) => f().count(v);
const shown = (v) => (isMissing(v) ? f().undefined : String(v));

function header(table, captionText, columns) {
  table.replaceChildren();
  // The section heading is visible; the caption names the table for screen readers.
  const caption = document.createElement("caption");
  caption.className = "visually-hidden";
  caption.textContent = captionText;
  const head = document.createElement("thead");
  const row = document.createElement("tr");
  for (const name of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    row.append(th);
  }
  head.append(row);
  const body = document.createElement("tbody");
  table.append(caption, head, body);
  return body;
}

/** A row header; `word` marks a catalogue word (lower case, capitalised by CSS).
 * A header that repeats the one above (`shown` false) is kept for screen
 * readers but not shown, so no row header is empty (docs/page.md#accessibility). */
function rowHeader(text, word = false, shown = true) {
  const th = document.createElement("th");
  th.scope = "row";
  if (shown) {
    th.textContent = text;
  } else {
    const span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    th.append(span);
  }
  if (word) th.className = "word";
  return th;
}

// ---- rendering ----------------------------------------------------------------

function shownReport() {
  if (!state.report) return null;
  return state.publishable ? state.publishableReport : state.report;
}

/** Which copy is shown, for the worker's exports (toCsv, toXlsx, toHtml). */
const shownCopy = () => (state.publishable ? "publishable" : "full");

// Where the report is evaluated: a worker, or this thread (evaluation.js).
let evaluations;

function render() {
  translatePage();
  const report = shownReport();
  $("results").hidden = !report;
  if (!report) return;
  // What a missing table holds back (docs/page.md#missing-tables).
  const held = heldBack(state.definition, state.tables, report);
  const missing = $("missing-note");
  missing.replaceChildren(...held.missing.map((table) => {
    const p = document.createElement("p");
    p.dataset.table = table;
    p.textContent = t().ui[MISSING_WORD[table]];
    return p;
  }));
  missing.hidden = held.missing.length === 0;
  $("downloads").hidden = held.missing.length > 0;
  $("report-title").textContent = report.programme.name;
  $("report-date").textContent = say("report_describes", { date: report.asOf });
  const { period } = state;
  const outside = period && (report.asOf < period.start || report.asOf > period.end);
  $("as-of-warning").hidden = !outside;
  $("as-of-warning").textContent = outside ? say("as_of_outside_period", { date: report.asOf, ...period }) : "";
  const meta = [say("programme", { id: report.programme.id })];
  if (state.publishable) meta.push(say("publishable_copy", { minCell: MIN_CELL }));
  $("report-meta").textContent = meta.join(" · ");
  renderPublishable($("publishable-explanation"), report, state.publishable, {
    T: t(), header, rowHeader, cell, count,
  });
  renderGoals(report, held.goals);
  renderGoalsByGender($("goals-gender-table"), report, held.goals, {
    T: t(), f, cell, header, rowHeader, count, share, genders: GENDERS,
  });
  renderGender(report);
  renderParameters(report);
  renderExits(report);
  holdBack("parameters-table", held.parameters);
  holdBack("follow-ups-table", held.followUps);
  // Sections that repeat the goals show only those judged (docs/page.md#missing-tables).
  const judged = judgedOnly(report, held);
  renderBreakdowns($("breakdowns"), judged, {
    T: t(), f, cell, header, rowHeader, count, share, genders: GENDERS,
  });
  renderEsf($("esf-table"), $("assistance-table"), report, {
    T: t(), f, cell, header, rowHeader, count, share, genders: GENDERS, say,
  });
  renderComparison($("comparison"), judged, {
    T: t(), f, cell, header, rowHeader, count, share, genders: GENDERS,
  });
  renderTrend($("trend"), judged, {
    T: t(), f, cell, header, rowHeader, count, share, genders: GENDERS,
  });
  renderStatusOn($("status-on-report"), report, {
    T: t(), f, cell, header, rowHeader, count, share, genders: GENDERS,
  });
  if (held.statusOn) {
    const note = document.createElement("p");
    note.className = "waiting";
    note.textContent = t().ui[WAITING_WORD[held.statusOn]];
    $("status-on-report").replaceChildren(note);
  }
  renderQuality(report);
  scrollRegions($("results"), t().ui.scrollHint, t().column.table);
}

/** A table that needs a missing table is replaced by the "waiting for" words. */
function holdBack(id, table) {
  const wrap = $(id).parentElement;
  wrap.hidden = table !== null;
  let note = wrap.parentElement.querySelector(`p.waiting[data-for="${id}"]`);
  if (!note) {
    note = document.createElement("p");
    note.className = "waiting";
    note.dataset.for = id;
    wrap.before(note);
  }
  note.hidden = table === null;
  note.textContent = table === null ? "" : t().ui[WAITING_WORD[table]];
}

/** Where a status's interval lies (docs/page.md#goals-by-gender). */
function intervalWords(goal, T) {
  // A publishable copy hides confident with the status (docs/report.md#disclosure-control).
  if (goal.status === "no_data" || isHidden(goal.confident) || isHidden(goal.status)) return "";
  if (!goal.confident) return T.ui.intervalSpans;
  return goal.status === "met" ? T.ui.intervalAbove : T.ui.intervalBelow;
}

function renderGoals(report, held = new Map()) {
  const T = t();
  const C = T.column;
  const body = header($("goals-table"), T.section.goals, [
    C.goal, C.population, C.achieved, C.denominator, C.unknown, C.share, C.interval, C.target, C.status,
  ]);
  for (const goal of report.goals) {
    const tr = document.createElement("tr");
    tr.dataset.goal = goal.id;
    // A goal that needs a missing table is not judged (docs/page.md#missing-tables).
    const waiting = held.get(goal.id);
    const judged = (v) => (waiting ? null : v);
    tr.append(
      rowHeader(goal.name),
      cell("td", goal.population, (v) => T.population[v] ?? v, "population"),
      cell("td", judged(goal.achieved), count, "achieved"),
      cell("td", judged(goal.denominator), count, "denominator"),
      cell("td", judged(goal.unknown), count, "unknown"),
      cell("td", judged(goal.share), share, "share"),
      cell("td", judged(goal.ci.lower), () => f().shareInterval(judged(goal.ci.lower), judged(goal.ci.upper)), "ci"),
      cell("td", goal.target, share, "target"),
    );
    const status = document.createElement("td");
    status.dataset.field = "status";
    status.dataset.value = waiting ? "waiting" : goal.status;
    if (waiting) {
      tr.dataset.waiting = waiting;
      const note = document.createElement("span");
      note.className = "waiting";
      note.textContent = T.ui[WAITING_WORD[waiting]];
      status.append(note);
      tr.append(status);
      body.append(tr);
      continue;
    }
    const badge = document.createElement("span");
    badge.className = `badge ${goal.status}`;
    badge.textContent = isHidden(goal.status) ? f().suppressed : (T.status[goal.status] ?? goal.status);
    const sure = document.createElement("span");
    sure.className = "confidence";
    sure.textContent = intervalWords(goal, T);
    status.append(badge, " ", sure);
    tr.append(status);
    const lower = goal.ci.lower;
    const upper = goal.ci.upper;
    tr.dataset.lower = lower === null ? "" : String(lower);
    tr.dataset.upper = upper === null ? "" : String(upper);
    body.append(tr);
  }
  $("goals-chart").replaceChildren(...goalsChart(report.goals.filter((g) => !held.has(g.id)), {
    title: T.ui.goalsChartTitle,
    share,
    tick: (v) => f().percent(v, 0),
    status: T.status,
  }));
}

function renderGender(report) {
  const T = t();
  const C = T.column;
  const e = report.enrolment;
  $("enrolment-summary").textContent = say("enrolment_summary", {
    enrolled: count(e.enrolled),
    planned: count(e.planned),
    share: share(e.shareOfPlan),
    expected: f().number(e.expectedByNow, 1),
  });
  $("enrolment-summary").textContent += ` · ${recruitmentLine(T, e)}`;
  $("enrolment-summary").dataset.recruitmentOpen = String(e.recruitmentOpen);
  renderReentry($("reentry-summary"), T, e, count);
  const body = header($("gender-table"), T.section.enrolment, [
    C.gender, C.count, C.share, C.interval, C.target, C.deviation, C.withinTolerance,
    ...recruitmentColumns(T, e),
  ]);
  const projected = (row) => row.projectedShare === null
    ? f().undefined
    : `${share(row.projectedShare)} (${f().shareInterval(row.projectedCi.lower, row.projectedCi.upper)})`;
  for (const g of GENDERS) {
    const row = e.byGender[g];
    const tr = document.createElement("tr");
    tr.dataset.gender = g;
    tr.append(
      rowHeader(T.gender[g], true),
      cell("td", row.count, count, "count"),
      cell("td", row.share, share, "share"),
      cell("td", row.ci.lower, () => f().shareInterval(row.ci.lower, row.ci.upper), "ci"),
      cell("td", row.target, share, "target"),
      cell("td", row.deviation, (v) => f().points(v), "deviation"),
      cell("td", row.withinTolerance, (v) => f().yesNo(v), "withinTolerance"),
      ...recruitmentCells(e, row, { cell, count, projected }),
    );
    body.append(tr);
  }
  $("gender-chart").replaceChildren(...genderChart(e.byGender, {
    title: T.ui.genderChartTitle,
    share,
    tick: (v) => f().percent(v, 0),
    labels: T.gender,
    tolerance: state.tolerance,
  }));
}

function renderParameters(report) {
  const T = t();
  const C = T.column;
  const body = header($("parameters-table"), T.section.parameters, [
    C.parameter, C.evaluable, C.improved, C.unchanged, C.worsened, C.meanGain,
  ]);
  const counted = (n, s) => (isHidden(n) ? f().suppressed : `${count(n)} (${share(s)})`);
  const meanGain = (v) => f().meanGain(v);
  for (const p of report.parameters) {
    const tr = document.createElement("tr");
    tr.dataset.parameter = p.id;
    tr.append(
      rowHeader(p.name),
      cell("td", p.evaluable, count, "evaluable"),
      cell("td", p.improved, () => counted(p.improved, p.improvedShare), "improved"),
      cell("td", p.unchanged, () => counted(p.unchanged, p.unchangedShare), "unchanged"),
      cell("td", p.worsened, () => counted(p.worsened, p.worsenedShare), "worsened"),
      cell("td", p.meanGain, meanGain, "meanGain"),
    );
    body.append(tr);
    for (const g of ["woman", "man"]) {
      const s = p.byGender[g];
      const sub = document.createElement("tr");
      sub.className = "sub";
      sub.append(
        rowHeader(T.gender[g], true),
        cell("td", s.evaluable, count),
        cell("td", s.improved, () => counted(s.improved, s.improvedShare)),
        cell("td", s.unchanged, () => counted(s.unchanged, s.unchangedShare)),
        cell("td", s.worsened, () => counted(s.worsened, s.worsenedShare)),
        cell("td", s.meanGain, meanGain),
      );
      body.append(sub);
    }
  }
  // Transition matrices of ladders, folded away under the table.
  const wrap = $("parameters-table").parentElement;
  wrap.querySelectorAll("details").forEach((d) => d.remove());
  for (const p of report.parameters) {
    if (!p.transitions) continue;
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    const title = say("transitions", { parameter: p.name });
    summary.textContent = title;
    const table = document.createElement("table");
    const levels = p.transitions.map((_, i) => String(i + 1));
    const tbody = header(table, title, [C.transitionCorner, ...levels]);
    p.transitions.forEach((row, i) => {
      const tr = document.createElement("tr");
      tr.append(rowHeader(String(i + 1)), ...row.map((v) => cell("td", v, count)));
      tbody.append(tr);
    });
    details.append(summary, table);
    wrap.append(details);
  }
}

function renderExits(report) {
  const T = t();
  const C = T.column;
  const x = report.exits;
  const exited = say("exited", { count: count(x.exited) });
  // Exits by gender (docs/method.md#exits-by-gender): women and men always,
  // other genders when someone of them exited.
  const genders = GENDERS.filter((g) => g === "woman" || g === "man" || x.byGender[g].exited !== 0);
  const body = header($("exits-table"), T.section.exits, [
    `${C.exitOutcome} (${exited})`, C.count, C.share, ...genders.map((g) => T.gender[g]),
  ]);
  const exitedRow = document.createElement("tr");
  exitedRow.dataset.outcome = "exited";
  exitedRow.append(rowHeader(C.exited), cell("td", x.exited, count), cell("td", null, () => ""));
  for (const g of genders) exitedRow.append(cell("td", x.byGender[g].exited, count, g));
  body.append(exitedRow);
  for (const [key, row] of Object.entries(x.byOutcome)) {
    if (row.count === 0) continue;
    const tr = document.createElement("tr");
    tr.dataset.outcome = key;
    tr.append(rowHeader(T.outcome[key] ?? key, true), cell("td", row.count, count), cell("td", row.share, share));
    for (const g of genders) {
      const o = x.byGender[g].byOutcome[key];
      const shown = isHidden(o.count) ? f().suppressed : `${count(o.count)} (${share(o.share)})`;
      tr.append(cell("td", o.count, () => shown, g));
    }
    body.append(tr);
  }
  // Follow-ups per horizon and gender (docs/method.md#follow-up-accounting):
  // a gender row when someone of that gender is due or early.
  const fu = header($("follow-ups-table"), T.section.followUps, [
    C.followUp, C.gender, C.due, C.reached, C.notReached, C.responseRate, C.interval, C.early,
    C.offAssistance, C.shareOfDue,
  ]);
  const ratio = (k, n, s) => (isHidden(k) || isHidden(n) ? f().suppressed : `${count(k)}/${count(n)} (${share(s)})`);
  for (const r of report.followUps) {
    const parts = [["all", r], ...GENDERS.map((g) => [g, r.byGender[g]]).filter(([, c]) => c.due !== 0 || c.early !== 0)];
    parts.forEach(([g, c], k) => {
      const tr = document.createElement("tr");
      tr.dataset.horizon = String(r.afterMonths);
      tr.dataset.gender = g;
      const horizon = say("horizon", { months: r.afterMonths, toleranceDays: r.toleranceDays });
      tr.append(
        rowHeader(horizon, false, k === 0),
        rowHeader(g === "all" ? T.label.allGenders : T.gender[g], true),
        cell("td", c.due, count, "due"),
        cell("td", c.reached, count, "reached"),
        cell("td", c.notReached, count, "notReached"),
        cell("td", c.responseRate, share, "responseRate"),
        cell("td", c.responseCi.lower, () => f().shareInterval(c.responseCi.lower, c.responseCi.upper), "responseCi"),
        cell("td", c.early, count, "early"),
        cell("td", c.notReceivingAssistance, () => ratio(c.notReceivingAssistance, c.assistanceKnown, c.shareNotReceivingAssistance), "offAssistance"),
        cell("td", c.notReceivingAssistance, () => ratio(c.notReceivingAssistance, c.due, c.shareNotReceivingAssistanceOfDue), "offAssistanceOfDue"),
      );
      fu.append(tr);
    });
  }
}

function renderQuality(report) {
  const T = t();
  const C = T.column;
  const issues = report.dataQuality;
  $("quality-none").hidden = issues.length > 0;
  $("quality-table").hidden = issues.length === 0;
  const body = header($("quality-table"), T.section.dataQuality, [C.issue, C.table, C.count, C.firstRows]);
  for (const issue of issues) {
    const tr = document.createElement("tr");
    tr.dataset.kind = issue.kind;
    tr.append(
      rowHeader(T.issue[issue.kind] ?? issue.kind, true),
      cell("td", issue.table, (v) => fileLabel(v)),
      cell("td", issue.count, count, "count"),
      cell("td", issue.rows.join(", "), shown, "rows"),
    );
    body.append(tr);
  }
}

function fileLabel(table) {
  const base = comparisonBase(table);
  if (base) {
    // A comparison group's table (docs/comparison.md#inputs).
    const name = state.comparison[TABLE_KEYS[base]]?.name;
    const label = `${t().label.comparisonGroup}: ${t().table[base] ?? base}`;
    return name ? `${label} (${name})` : label;
  }
  const name = state.tables[TABLE_KEYS[table]]?.name;
  const label = t().table[table] ?? table;
  return name ? `${label} (${name})` : label;
}

function translatePage() {
  const T = t();
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-word]")) {
    const [group, key] = el.dataset.word.split(".");
    el.textContent = T[group][key];
  }
  for (const el of document.querySelectorAll("[data-language]")) {
    el.textContent = T.language[el.dataset.language];
  }
  for (const el of document.querySelectorAll('[data-phrase="publishable"]')) {
    el.textContent = say("publishable", { minCell: MIN_CELL });
  }
  listLoaded();
  renderGuide($("column-guide"), { T, header, rowHeader });
  scrollRegions($("templates"), T.ui.scrollHint, T.column.table);
  if (state.error) showError(state.error);
}

// ---- errors -------------------------------------------------------------------

/** The error in words: which file, row and column, and what is wrong. */
function describe(error) {
  const T = t();
  if (error.code === undefined) return String(error.message ?? error);
  const where = [];
  if (error.table) where.push(fileLabel(error.table));
  else if (error.path !== undefined) where.push(state.programme?.name ?? T.ui.programmeFile);
  if (error.row !== undefined) where.push(say("row", { row: error.row }));
  if (error.column !== undefined) where.push(say("column", { column: error.column }));
  if (error.path) where.push(say("at", { path: error.path }));
  // The core's English message is the most specific; other languages take
  // the catalogue's description of the code.
  const translated = T.error[error.code] ?? T.issue[error.code];
  const what = state.lang !== "en" && translated
    ? translated
    : error.message.replace(/^.*?: /, "").replace(/ \[[a-z_]+\]$/, "");
  return `${where.join(", ")}: ${what} (${error.code})`;
}

function showError(error) {
  state.error = error;
  const box = $("error");
  box.textContent = typeof error === "string" ? error : describe(error);
  box.hidden = false;
}

function clearError() {
  state.error = null;
  $("error").hidden = true;
  $("error").textContent = "";
}

// ---- computing ------------------------------------------------------------------

function status(message) {
  $("status").textContent = message;
}

// ---- progress (docs/page.md#progress) ---------------------------------------------

/** The words of each stage the worker tells, by table. */
const READING_WORD = {
  participants: "readingParticipants",
  assessments: "readingAssessments",
  followUps: "readingFollowUps",
};

/** The status text of a stage, without its share. */
function stageWords(progress) {
  const T = t();
  if (progress.stage === "evaluating") return T.ui.computing;
  const reading = T.ui[READING_WORD[progress.table]] ?? T.ui.readingWorkbook;
  return progress.comparison ? `${T.label.comparisonGroup}: ${reading}` : reading;
}

// The live region is told each stage and every tenth of it, not every
// step, so a screen reader is not flooded; the bar moves on every step.
let announced = { stage: "", tenth: -1 };

/** Shows how far the evaluation has come: the bar and, now and then, the
 * status. Without a share (a workbook's rows are not known ahead) the bar
 * moves without a value and the words say only the stage. */
function showProgress(progress) {
  const bar = $("progress");
  bar.hidden = false;
  const known = progress.fraction !== null;
  if (known) bar.value = progress.fraction;
  else bar.removeAttribute("value");
  const words = stageWords(progress);
  const text = known ? `${words} ${f().percent(progress.fraction, 0)}` : words;
  bar.setAttribute("aria-valuetext", text);
  const tenth = known ? Math.floor(progress.fraction * 10) : -1;
  if (words !== announced.stage || tenth !== announced.tenth) {
    announced = { stage: words, tenth };
    status(text);
  }
}

function hideProgress() {
  const bar = $("progress");
  bar.hidden = true;
  bar.removeAttribute("value");
  bar.removeAttribute("aria-valuetext");
  announced = { stage: "", tenth: -1 };
}

// ---- computing ------------------------------------------------------------------

// The newest computation; an older one's answer is not shown.
let computation = 0;

async function compute() {
  const job = ++computation;
  clearError();
  const T = t();
  if (!state.programme) {
    state.report = null;
    hideProgress();
    status(T.ui.needProgramme);
    render();
    return;
  }
  if (!state.tables.participants) {
    state.report = null;
    hideProgress();
    status(T.ui.needParticipants);
    render();
    return;
  }
  status(T.ui.computing);
  const tables = {};
  for (const [key, file] of Object.entries(state.tables)) tables[key] = file.data;
  const asOf = $("as-of").value || undefined;
  // The page always shows the ESF+ indicators (docs/esf.md#profile).
  // The status on a date when one is set (docs/method.md#status-on-a-date).
  const statusOn = $("status-on").value || undefined;
  const options = { asOf, profile: "esf", ...(statusOn ? { statusOn } : {}) };
  const answer = await evaluations.evaluate(
    { programme: state.programme, tables, comparison: comparisonTables(state.comparison), options },
    (progress) => { if (job === computation) showProgress(progress); },
  );
  // A newer computation has started: its answer is the one to show.
  if (answer === null || job !== computation) return;
  // Where the time goes, for crates/wasm/tests/perf/measure-files.mjs:
  // User Timing marks stay in this tab.
  const received = performance.now();
  hideProgress();
  const { definition } = answer;
  if (definition) {
    state.definition = definition;
    state.tolerance = definition.gender_target?.tolerance ?? null;
    state.period = { start: definition.start, end: definition.end };
  }
  if (answer.error) {
    state.report = null;
    state.publishableReport = null;
    status("");
    showError(answer.error);
    render();
    return;
  }
  state.report = answer.report;
  state.publishableReport = answer.publishable;
  state.reportId = answer.id;
  if (!asOf) {
    // Show the date the core chose, so the reader sees it and can edit it.
    $("as-of").value = state.report.asOf;
    state.asOfFilled = true;
  }
  state.lastMs = Math.round(answer.ms);
  status(computed());
  $("results").dataset.ms = String(state.lastMs);
  $("results").dataset.evaluatedIn = evaluations.where;
  render();
  performance.measure("stegvis-render", { start: received, end: performance.now() });
  if (answer.readMs !== undefined) {
    $("results").dataset.readMs = String(Math.round(answer.readMs));
    $("results").dataset.parseMs = String(Math.round(answer.parseMs));
    $("results").dataset.reused = answer.reused;
    $("results").dataset.fed = answer.fed;
    // Jobs the worker ended unevaluated, a newer choice made (docs/page.md#worker).
    $("results").dataset.skipped = String(answer.skipped);
  }
}

/** "Computed 150 participants in 12 ms, in this browser." */
const computed = () => say("computed", { participants: state.report.enrolment.enrolled, ms: state.lastMs });

/** Computes: at once when a worker evaluates (the page stays free to paint
 * its progress), else after the browser has painted the "Computing…" status. */
function computeSoon() {
  status(t().ui.computing);
  if (evaluations.where === "worker") compute();
  else requestAnimationFrame(() => setTimeout(compute, 0));
}

// ---- files ----------------------------------------------------------------------

const INPUTS = {
  "file-programme": "programme",
  "file-participants": "participants",
  "file-assessments": "assessments",
  "file-follow-ups": "followUps",
};

/** A programme is text; a table is kept as the file (or bytes), which the
 * worker reads and the core decodes (UTF-8, Windows-1252 or UTF-16:
 * docs/data.md#encodings), since `file.text()` would read a Windows-1252
 * export as broken UTF-8. Kept as a File, a table is read off this thread. */
function setFile(slot, name, content) {
  if (slot === "programme" && state.asOfFilled) {
    // The default date belongs to the old programme's period.
    $("as-of").value = "";
    state.asOfFilled = false;
  }
  if (slot === "programme") state.programme = { name, text: content };
  else state.tables[slot] = { name, data: content };
}

function isProgramme(name) {
  const lower = name.toLowerCase();
  return lower.endsWith(".toml") || lower.endsWith(".json");
}

/** A file's content: the text of a programme, the file itself for a table. */
async function contentOf(slot, file) {
  return slot === "programme" ? file.text() : file;
}

/** Enough of a CSV file for its header row. */
const HEADER_BYTES = 64 * 1024;

async function readDropped(files) {
  for (const file of files) {
    // A programme by its extension, a CSV by the core's header rule (the
    // readers' encoding, delimiter and column-name matching), a workbook
    // by its sheets: one workbook may fill every table (xlsx.js).
    let content = file;
    let slots = ["programme"];
    if (isProgramme(file.name)) {
      content = await file.text();
    } else {
      // Only a CSV file's start is read here, for its header; the worker
      // reads the rest (docs/page.md#worker). A workbook lists its sheets
      // at its end, so it is read whole.
      const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
      if (isXlsx(head)) content = new Uint8Array(await file.arrayBuffer());
      slots = slotsOf(isXlsx(head) ? content : head);
    }
    if (slots.length === 0) {
      showError(say("unknown_file", { name: file.name }));
      return;
    }
    for (const slot of slots) setFile(slot, file.name, content);
  }
  computeSoon();
}

function listLoaded() {
  const T = t();
  const items = [];
  const labels = {
    programme: T.ui.fileProgramme,
    participants: T.ui.fileParticipants,
    assessments: T.ui.fileAssessments,
    followUps: T.ui.fileFollowUps,
  };
  if (state.programme) items.push([labels.programme, state.programme.name]);
  for (const key of ["participants", "assessments", "followUps"]) {
    if (state.tables[key]) items.push([labels[key], state.tables[key].name]);
  }
  for (const key of ["participants", "assessments", "followUps"]) {
    const file = state.comparison[key];
    if (file) items.push([`${T.label.comparisonGroup}: ${labels[key]}`, file.name]);
  }
  $("loaded").replaceChildren(...items.map(([what, name]) => {
    const li = document.createElement("li");
    li.textContent = `${what}: ${name}`;
    return li;
  }));
}

async function loadExample() {
  const base = "examples/nordost/";
  const files = [
    ["programme", "programme.toml"],
    ["participants", "participants.csv"],
    ["assessments", "assessments.csv"],
    ["followUps", "follow_ups.csv"],
  ];
  try {
    // Fetched next to the page, or embedded in the single file (docs/page.md#single-file).
    const texts = await Promise.all(files.map(async ([, name]) => {
      const bytes = await fileBytes(base + name);
      return name.endsWith(".csv") ? bytes : new TextDecoder().decode(bytes);
    }));
    state.tables = {};
    files.forEach(([slot, name], i) => setFile(slot, name, texts[i]));
    // The example's comparison group (docs/comparison.md#example).
    state.comparison = {};
    await Promise.all(COMPARISON_EXAMPLE.map(async ([key, name]) => {
      state.comparison[key] = { name, data: await fileBytes(base + name) };
    }));
  } catch {
    showError(t().ui.exampleFailed);
    return;
  }
  computeSoon();
}

/** The Nordost example for the worker to warm up on (worker.js), or
 * undefined when it cannot be read. */
async function warmUpExample() {
  const base = "examples/nordost/";
  try {
    const [programme, participants, assessments, followUps] = await Promise.all(
      ["programme.toml", "participants.csv", "assessments.csv", "follow_ups.csv"].map((name) => fileBytes(base + name)));
    return { programme: new TextDecoder().decode(programme), tables: { participants, assessments, followUps } };
  } catch {
    return undefined;
  }
}

// ---- downloads ------------------------------------------------------------------

// The bytes of a UTF-8 byte-order mark, written as bytes: a Blob made of text
// alone may lose a leading U+FEFF.
const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Saves `content` (text, or the parts of a Blob) as the file `name`. */
function download(name, type, content) {
  const url = URL.createObjectURL(new Blob(Array.isArray(content) ? content : [content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Hands `use` what the core writes of the shown copy (`method`: toCsv,
 * toXlsx or toHtml) in the page's language; the core's report is where it
 * was evaluated (docs/page.md#worker). */
function exportOf(method, use) {
  evaluations.exported(shownCopy(), method, state.lang, state.reportId).then(use, (error) => showError(error));
}

function fileStem(report) {
  const suffix = state.publishable ? "-publishable" : "";
  return `stegvis-${report.programme.id.replace(/[^A-Za-z0-9_-]+/g, "-")}-${report.asOf}${suffix}`;
}

// ---- wiring ---------------------------------------------------------------------

function wire() {
  for (const [id, slot] of Object.entries(INPUTS)) {
    $(id).addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      setFile(slot, file.name, await contentOf(slot, file));
      listLoaded();
      computeSoon();
    });
  }
  for (const [id, key] of Object.entries(COMPARISON_INPUTS)) {
    $(id).addEventListener("change", async (event) => {
      const file = event.target.files[0];
      if (!file) return;
      state.comparison[key] = { name: file.name, data: file };
      listLoaded();
      computeSoon();
    });
  }
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    readDropped([...event.dataTransfer.files]);
  });
  $("load-example").addEventListener("click", loadExample);
  // Templates (docs/page.md#templates).
  for (const [id, [name, type]] of Object.entries(TEMPLATES)) {
    $(id).addEventListener("click", async () => {
      try {
        download(name, type, [await templateBytes(name)]);
      } catch {
        showError(t().ui.exampleFailed);
      }
    });
  }
  $("as-of").addEventListener("change", () => {
    state.asOfFilled = false;
    computeSoon();
  });
  $("status-on").addEventListener("change", () => {
    if (state.programme) computeSoon();
  });
  $("clear").addEventListener("click", () => {
    state.programme = null;
    state.tables = {};
    state.comparison = {};
    state.report = null;
    state.publishableReport = null;
    // A computation under way is no longer wanted.
    computation++;
    hideProgress();
    for (const id of [...Object.keys(INPUTS), ...Object.keys(COMPARISON_INPUTS)]) $(id).value = "";
    $("as-of").value = "";
    $("status-on").value = "";
    state.asOfFilled = false;
    state.period = null;
    clearError();
    status(t().ui.ready);
    render();
  });
  // A table's scroll cue follows the window's width (docs/page.md#accessibility).
  window.addEventListener("resize", () => {
    scrollRegions($("results"), t().ui.scrollHint, t().column.table);
    scrollRegions($("templates"), t().ui.scrollHint, t().column.table);
  });
  for (const radio of document.querySelectorAll('input[name="lang"]')) {
    radio.addEventListener("change", () => {
      state.lang = radio.value;
      // While the worker works, the status line is its progress (showProgress).
      if (state.report && $("progress").hidden) status(computed());
      render();
    });
  }
  $("publishable").addEventListener("change", (event) => {
    state.publishable = event.target.checked;
    render();
  });
  $("download-json").addEventListener("click", () => {
    const report = shownReport();
    if (report) download(`${fileStem(report)}.json`, "application/json", JSON.stringify(report, null, 2) + "\n");
  });
  $("download-csv").addEventListener("click", () => {
    const report = shownReport();
    // In the page's language: Swedish Excel reads `;` and a decimal comma,
    // and UTF-8 only after a byte-order mark (docs/report.md#spreadsheet-csv).
    if (report) exportOf("toCsv", (csv) => download(`${fileStem(report)}.csv`, "text/csv;charset=utf-8", [UTF8_BOM, csv]));
  });
  // The core's printable document of the shown copy (docs/report.md#printable-report).
  $("print-report").addEventListener("click", () => {
    if (shownReport()) exportOf("toHtml", printReport);
  });
  wirePagePrint();
  wireWorkbookDownload($("download-xlsx"), {
    shownReport, fileStem, download, workbook: (use) => exportOf("toXlsx", use),
  });
}

async function main() {
  const preferred = (navigator.language || "en").toLowerCase().startsWith("sv") ? "sv" : "en";
  state.lang = preferred;
  document.querySelector(`input[name="lang"][value="${preferred}"]`).checked = true;
  // The words live in the module: until it has loaded the status shows "…".
  // The single file carries the module's bytes (docs/page.md#single-file).
  // Compiled once, here, for this thread and for the worker (evaluation.js).
  const module = await WebAssembly.compile(wasmBytes() ?? await fileBytes("pkg/stegvis_bg.wasm"));
  await init({ module_or_path: module });
  evaluations = evaluator(module, await warmUpExample());
  // The module loaded: the note for pages opened from disk is not needed
  // (docs/page.md#file-protocol).
  // (The single file has no such note.)
  if ($("file-note")) $("file-note").hidden = true;
  MIN_CELL = defaultMinCell();
  for (const lang of ["en", "sv"]) catalogue[lang] = { words: words(lang), format: new Format(lang) };
  translatePage();
  wire();
  status(t().ui.ready);
  document.body.dataset.ready = "true";
}

main().catch((error) => showError(error));
