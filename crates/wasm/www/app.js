// The page: reads the chosen files as text, hands them to stegvis (WebAssembly)
// and shows the report. Every figure comes from the report object; this file
// only formats, draws and translates.
import init, { Programme, evaluate } from "./pkg/stegvis.js";
import { TEXT } from "./i18n.js";
import { goalsChart, genderChart } from "./charts.js";
import { reportCsv } from "./csv.js";

const MIN_CELL = 5;
const GENDERS = ["woman", "man", "non_binary", "unknown"];
const TABLE_KEYS = { participants: "participants", assessments: "assessments", follow_ups: "followUps" };

const $ = (id) => document.getElementById(id);

const state = {
  lang: "en",
  publishable: false,
  programme: null, // { name, text }
  tables: {}, // participants | assessments | followUps → { name, text }
  report: null, // the full report; the publishable copy is derived when shown
  tolerance: null,
  lastMs: null,
  error: null,
};

const t = () => TEXT[state.lang];

// ---- formatting -------------------------------------------------------------

const isHidden = (v) => v === "suppressed";

function percent(v, digits = 1) {
  if (v === null || v === undefined) return t().none;
  return new Intl.NumberFormat(state.lang === "sv" ? "sv-SE" : "en-GB", {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}

function number(v, digits = 0) {
  if (v === null || v === undefined) return t().none;
  return new Intl.NumberFormat(state.lang === "sv" ? "sv-SE" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);
}

/** Percentage points, signed: the deviation of a share from its target. */
function points(v) {
  if (v === null || v === undefined) return t().none;
  const pp = number(Math.abs(v) * 100, 1);
  const sign = v > 0 ? "+" : v < 0 ? "−" : "±";
  return `${sign}${pp} ${state.lang === "sv" ? "procentenheter" : "pp"}`;
}

/** A table cell: text plus the raw value (data-value) for tests and copy. */
function cell(tag, value, format, field) {
  const el = document.createElement(tag);
  if (isHidden(value)) {
    const mark = document.createElement("span");
    mark.className = "hidden-value";
    mark.title = t().suppressedTitle;
    mark.textContent = t().suppressed;
    el.append(mark);
  } else {
    el.textContent = value === null || value === undefined ? t().none : format(value);
  }
  if (field) el.dataset.field = field;
  el.dataset.value = value === null || value === undefined ? "" : String(value);
  return el;
}

function interval(ci) {
  if (isHidden(ci.lower) || isHidden(ci.upper)) return "suppressed";
  if (ci.lower === null || ci.upper === null) return null;
  return `${percent(ci.lower)} – ${percent(ci.upper)}`;
}

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

function rowHeader(text) {
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = text;
  return th;
}

const text = (v) => String(v);

// ---- rendering ----------------------------------------------------------------

function shown() {
  if (!state.report) return null;
  return state.publishable ? state.report.suppress(MIN_CELL) : state.report;
}

function render() {
  translatePage();
  const report = shown();
  $("results").hidden = !report;
  if (!report) return;
  const T = t();
  $("report-title").textContent = report.programme.name;
  $("report-meta").textContent =
    T.meta(report.asOf, report.programme.id) + (state.publishable ? ` · ${T.metaPublishable}` : "");
  renderGoals(report);
  renderGender(report);
  renderParameters(report);
  renderExits(report);
  renderQuality(report);
}

function renderGoals(report) {
  const T = t();
  const body = header($("goals-table"), T.goalsTitle, [
    T.goal, T.population, T.achieved, T.denominator, T.share, T.ci, T.target, T.status,
  ]);
  for (const goal of report.goals) {
    const tr = document.createElement("tr");
    tr.dataset.goal = goal.id;
    tr.append(
      rowHeader(goal.name),
      cell("td", goal.population, (v) => T.populations[v] ?? v, "population"),
      cell("td", goal.achieved, number, "achieved"),
      cell("td", goal.denominator, number, "denominator"),
      cell("td", goal.share, percent, "share"),
      cell("td", interval(goal.ci), text, "ci"),
      cell("td", goal.target, (v) => percent(v, 0), "target"),
    );
    const status = document.createElement("td");
    status.dataset.field = "status";
    status.dataset.value = goal.status;
    const badge = document.createElement("span");
    badge.className = `badge ${goal.status}`;
    badge.textContent = isHidden(goal.status) ? T.suppressed : (T.statusText[goal.status] ?? goal.status);
    const sure = document.createElement("span");
    sure.className = "confidence";
    // A publishable copy hides confident with the status (docs/report.md#disclosure-control).
    const unsure = goal.status === "no_data" || isHidden(goal.confident);
    sure.textContent = unsure ? "" : goal.confident ? T.confident : T.notConfident;
    status.append(badge, " ", sure);
    tr.append(status);
    const lower = goal.ci.lower;
    const upper = goal.ci.upper;
    tr.dataset.lower = lower === null ? "" : String(lower);
    tr.dataset.upper = upper === null ? "" : String(upper);
    body.append(tr);
  }
  $("goals-chart").replaceChildren(...goalsChart(report.goals, {
    title: T.goalsChartTitle,
    percent,
    hidden: T.suppressed,
    status: T.statusText,
  }));
}

function renderGender(report) {
  const T = t();
  const e = report.enrolment;
  $("enrolment-summary").textContent = T.enrolmentSummary(
    isHidden(e.enrolled) ? T.suppressed : number(e.enrolled),
    number(e.planned),
    isHidden(e.shareOfPlan) ? T.suppressed : percent(e.shareOfPlan),
    number(e.expectedByNow, 0),
  );
  const body = header($("gender-table"), T.genderTitle, [
    T.gender, T.count, T.share, T.ci, T.target, T.deviation, T.withinTolerance, T.needed,
  ]);
  for (const g of GENDERS) {
    const row = e.byGender[g];
    const tr = document.createElement("tr");
    tr.dataset.gender = g;
    tr.append(
      rowHeader(T.genders[g]),
      cell("td", row.count, number, "count"),
      cell("td", row.share, percent, "share"),
      cell("td", interval(row.ci), text, "ci"),
      cell("td", row.target, (v) => percent(v, 0), "target"),
      cell("td", row.deviation, points, "deviation"),
      cell("td", row.withinTolerance, (v) => (v === null ? T.none : v ? T.yes : T.no), "withinTolerance"),
      cell("td", row.needed, number, "needed"),
    );
    body.append(tr);
  }
  $("gender-chart").replaceChildren(...genderChart(e.byGender, {
    title: T.genderChartTitle,
    percent,
    hidden: T.suppressed,
    labels: T.genders,
    tolerance: state.tolerance,
  }));
}

function renderParameters(report) {
  const T = t();
  const body = header($("parameters-table"), T.parametersTitle, [
    T.parameter, T.evaluable, T.improved, T.unchanged, T.worsened, T.meanGain,
  ]);
  const counted = (n, share) => {
    if (isHidden(n)) return "suppressed";
    if (isHidden(share) || share === null) return number(n);
    return `${number(n)} (${percent(share, 0)})`;
  };
  for (const p of report.parameters) {
    const tr = document.createElement("tr");
    tr.dataset.parameter = p.id;
    tr.append(
      rowHeader(p.name),
      cell("td", p.evaluable, number, "evaluable"),
      cell("td", counted(p.improved, p.improvedShare), text, "improved"),
      cell("td", counted(p.unchanged, p.unchangedShare), text, "unchanged"),
      cell("td", counted(p.worsened, p.worsenedShare), text, "worsened"),
      cell("td", p.meanGain, (v) => number(v, 2), "meanGain"),
    );
    body.append(tr);
    for (const g of ["woman", "man"]) {
      const s = p.byGender[g];
      const sub = document.createElement("tr");
      sub.className = "sub";
      sub.append(
        rowHeader(T.genders[g]),
        cell("td", s.evaluable, number),
        cell("td", counted(s.improved, s.improvedShare), text),
        cell("td", counted(s.unchanged, s.unchangedShare), text),
        cell("td", counted(s.worsened, s.worsenedShare), text),
        cell("td", s.meanGain, (v) => number(v, 2)),
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
    summary.textContent = T.transitions(p.name);
    const table = document.createElement("table");
    const levels = p.transitions.map((_, i) => String(i + 1));
    const tbody = header(table, T.transitions(p.name), [T.baseline, ...levels]);
    p.transitions.forEach((row, i) => {
      const tr = document.createElement("tr");
      tr.append(rowHeader(String(i + 1)), ...row.map((v) => cell("td", v, number)));
      tbody.append(tr);
    });
    details.append(summary, table);
    wrap.append(details);
  }
}

function renderExits(report) {
  const T = t();
  const exited = isHidden(report.exits.exited) ? T.suppressed : number(report.exits.exited);
  const body = header($("exits-table"), T.exitsTitle, [`${T.outcome} (${T.exited.toLowerCase()}: ${exited})`, T.count, T.share]);
  for (const [key, row] of Object.entries(report.exits.byOutcome)) {
    if (row.count === 0) continue;
    const tr = document.createElement("tr");
    tr.append(rowHeader(T.outcomes[key] ?? key), cell("td", row.count, number), cell("td", row.share, percent));
    body.append(tr);
  }
  const fu = header($("follow-ups-table"), T.horizon, [T.horizon, T.due, T.observed, T.offAssistance, T.ci]);
  for (const f of report.followUps) {
    const off = isHidden(f.notReceivingAssistance) || isHidden(f.assistanceKnown)
      ? "suppressed"
      : `${number(f.notReceivingAssistance)} / ${number(f.assistanceKnown)} (${isHidden(f.shareNotReceivingAssistance) ? T.suppressed : percent(f.shareNotReceivingAssistance)})`;
    const tr = document.createElement("tr");
    tr.append(
      rowHeader(T.months(f.afterMonths)),
      cell("td", f.due, number),
      cell("td", f.observed, number, "observed"),
      cell("td", off, text),
      cell("td", interval(f.ci), text),
    );
    fu.append(tr);
  }
}

function renderQuality(report) {
  const T = t();
  const issues = report.dataQuality;
  $("quality-none").hidden = issues.length > 0;
  $("quality-table").hidden = issues.length === 0;
  const body = header($("quality-table"), T.qualityTitle, [T.kind, T.table, T.count, T.rows]);
  for (const issue of issues) {
    const tr = document.createElement("tr");
    tr.dataset.kind = issue.kind;
    tr.append(
      rowHeader(T.kinds[issue.kind] ?? issue.kind),
      cell("td", issue.table, (v) => fileLabel(v)),
      cell("td", issue.count, number, "count"),
      cell("td", issue.rows.join(", "), text, "rows"),
    );
    body.append(tr);
  }
}

function fileLabel(table) {
  const name = state.tables[TABLE_KEYS[table]]?.name;
  const label = t().tables[table] ?? table;
  return name ? `${label} (${name})` : label;
}

function translatePage() {
  const T = t();
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const value = T[el.dataset.i18n];
    if (typeof value === "string") el.textContent = value;
  }
  listLoaded();
  if (state.error) showError(state.error);
}

// ---- errors -------------------------------------------------------------------

/** The error in words: which file, row and column, and what is wrong. */
function describe(error) {
  const T = t();
  if (error.code === undefined) return String(error.message ?? error);
  const where = [];
  if (error.table) where.push(fileLabel(error.table));
  else if (error.path !== undefined) where.push(state.programme?.name ?? T.programmeFile);
  if (error.row !== undefined) where.push(T.row(error.row));
  if (error.column !== undefined) where.push(T.column(error.column));
  if (error.path) where.push(T.path(error.path));
  const what = state.lang === "sv" && T.codes[error.code]
    ? T.codes[error.code]
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

function compute() {
  clearError();
  state.report = null;
  const T = t();
  if (!state.programme) {
    status(T.needProgramme);
    render();
    return;
  }
  if (!state.tables.participants) {
    status(T.needParticipants);
    render();
    return;
  }
  status(T.computing);
  try {
    const { name, text: source } = state.programme;
    const programme = name.toLowerCase().endsWith(".json")
      ? Programme.fromJson(source)
      : Programme.fromToml(source);
    state.tolerance = programme.toJSON().gender_target?.tolerance ?? null;
    const tables = {};
    for (const [key, file] of Object.entries(state.tables)) tables[key] = file.text;
    const asOf = $("as-of").value || undefined;
    const started = performance.now();
    state.report = evaluate(programme, tables, { asOf });
    state.lastMs = Math.round(performance.now() - started);
    programme.free();
    const enrolled = state.report.enrolment.enrolled;
    status(T.computed(state.lastMs, T.participantsN(enrolled)));
    $("results").dataset.ms = String(state.lastMs);
  } catch (error) {
    status("");
    showError(error);
  }
  render();
}

/** Computes after the browser has painted the "Computing…" status. */
function computeSoon() {
  status(t().computing);
  requestAnimationFrame(() => setTimeout(compute, 0));
}

// ---- files ----------------------------------------------------------------------

const INPUTS = {
  "file-programme": "programme",
  "file-participants": "participants",
  "file-assessments": "assessments",
  "file-follow-ups": "followUps",
};

function setFile(slot, name, content) {
  if (slot === "programme") state.programme = { name, text: content };
  else state.tables[slot] = { name, text: content };
}

/** Which table a dropped CSV is, from its header's column names. */
function slotOf(name, content) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".toml") || lower.endsWith(".json")) return "programme";
  const header = content.slice(0, content.indexOf("\n") >>> 0).toLowerCase();
  const columns = new Set(header.split(/[;,]/).map((c) => c.trim().replace(/^\ufeff/, "").replace(/"/g, "")));
  if (columns.has("parameter") && columns.has("level")) return "assessments";
  if (columns.has("status") && columns.has("participant_id")) return "followUps";
  if (columns.has("gender") || columns.has("entry_date")) return "participants";
  return null;
}

async function readDropped(files) {
  for (const file of files) {
    const content = await file.text();
    const slot = slotOf(file.name, content);
    if (!slot) {
      showError(t().unknownFile(file.name));
      return;
    }
    setFile(slot, file.name, content);
  }
  computeSoon();
}

function listLoaded() {
  const T = t();
  const items = [];
  const labels = {
    programme: T.fileProgramme,
    participants: T.fileParticipants,
    assessments: T.fileAssessments,
    followUps: T.fileFollowUps,
  };
  if (state.programme) items.push([labels.programme, state.programme.name]);
  for (const key of ["participants", "assessments", "followUps"]) {
    if (state.tables[key]) items.push([labels[key], state.tables[key].name]);
  }
  $("loaded").replaceChildren(...items.map(([what, name]) => {
    const li = document.createElement("li");
    li.textContent = T.loaded(what, name);
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
    const texts = await Promise.all(files.map(async ([, name]) => {
      const response = await fetch(base + name);
      if (!response.ok) throw new Error(name);
      return response.text();
    }));
    state.tables = {};
    files.forEach(([slot, name], i) => setFile(slot, name, texts[i]));
  } catch {
    showError(t().exampleFailed);
    return;
  }
  computeSoon();
}

// ---- downloads ------------------------------------------------------------------

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
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
      setFile(slot, file.name, await file.text());
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
  $("as-of").addEventListener("change", () => computeSoon());
  $("clear").addEventListener("click", () => {
    state.programme = null;
    state.tables = {};
    state.report = null;
    for (const id of Object.keys(INPUTS)) $(id).value = "";
    $("as-of").value = "";
    clearError();
    status(t().ready);
    render();
  });
  for (const radio of document.querySelectorAll('input[name="lang"]')) {
    radio.addEventListener("change", () => {
      state.lang = radio.value;
      if (state.report) status(t().computed(state.lastMs, t().participantsN(state.report.enrolment.enrolled)));
      render();
    });
  }
  $("publishable").addEventListener("change", (event) => {
    state.publishable = event.target.checked;
    render();
  });
  $("download-json").addEventListener("click", () => {
    const report = shown();
    if (report) download(`${fileStem(report)}.json`, "application/json", JSON.stringify(report, null, 2) + "\n");
  });
  $("download-csv").addEventListener("click", () => {
    const report = shown();
    if (report) download(`${fileStem(report)}.csv`, "text/csv", reportCsv(report));
  });
}

async function main() {
  const preferred = (navigator.language || "en").toLowerCase().startsWith("sv") ? "sv" : "en";
  state.lang = preferred;
  document.querySelector(`input[name="lang"][value="${preferred}"]`).checked = true;
  translatePage();
  status(t().loading);
  await init();
  wire();
  status(t().ready);
  document.body.dataset.ready = "true";
}

main().catch((error) => showError(error));
