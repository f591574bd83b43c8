// The page's ESF+ table (docs/esf.md#indicators) and the before/after
// assistance table (docs/method.md#assistance-before-after). Layout only:
// every figure comes from the report, every word and format from the
// catalogue, handed in by app.js.

/** The ESF+ table's parts: a label of the catalogue and its indicators. */
const PARTS = [
  ["esfOutputs", ["participants", "unemployed", "long_term_unemployed", "inactive", "employed",
    "age_under_18", "age_18_29", "age_55_plus", "isced_0_2", "isced_3_4", "isced_5_8"]],
  ["esfImmediate", ["left", "job_searching", "in_education", "gaining_qualification", "in_employment"]],
  ["esfLongerTerm", ["due_6_months", "reached_6_months", "employed_6_months"]],
  ["esfQuality", ["missing_labour_status", "missing_education", "missing_birth_date",
    "missing_gender", "no_event_in_window", "window_open"]],
];

/**
 * Renders `report.esf` into the table `esfTable` and `report.assistance`
 * into `assistanceTable`; hides a table's section when it has nothing.
 * `ui` = { T, f, cell, header, rowHeader, count, share, genders, say }.
 */
export function renderEsf(esfTable, assistanceTable, report, ui) {
  const { T, f, cell, header, rowHeader, count, share, genders, say } = ui;
  const esf = report.esf;
  esfTable.closest("section").hidden = !esf;
  if (esf) {
    const body = header(esfTable, T.section.esf, [
      // The indicators' column is headed, so no header is empty (docs/page.md#accessibility).
      T.section.esf, ...genders.map((g) => T.gender[g]), T.label.allGenders,
    ]);
    for (const [label, keys] of PARTS) {
      const tr = document.createElement("tr");
      tr.className = "part";
      const th = document.createElement("th");
      th.scope = "colgroup";
      th.colSpan = genders.length + 2;
      th.textContent = T.label[label];
      tr.append(th);
      body.append(tr);
      for (const key of keys) {
        const c = esf.indicators[key];
        const row = document.createElement("tr");
        row.dataset.indicator = key;
        row.append(
          rowHeader(T.esf[key], true),
          ...genders.map((g) => cell("td", c.byGender[g], count, g)),
          cell("td", c.total, count, "total"),
        );
        body.append(row);
      }
    }
  }

  const a = report.assistance;
  const none = a.recordedAtEntry.total === 0;
  assistanceTable.closest("section").hidden = none;
  if (none) return;
  const body = header(assistanceTable, T.section.assistance, [
    T.label.assistanceStep, T.column.gender, T.label.onAtEntryAndDue, T.label.assistanceRecorded,
    T.label.notOnAssistance, T.label.shareNotOnAssistance, T.column.interval,
  ]);
  const entry = document.createElement("tr");
  entry.dataset.step = "entry";
  const on = a.onAssistanceAtEntry;
  const atEntry = document.createElement("td");
  atEntry.colSpan = 6;
  atEntry.dataset.field = "on_assistance_at_entry";
  atEntry.dataset.value = String(on.total);
  atEntry.textContent = `${count(on.total)} / ${count(a.recordedAtEntry.total)}`;
  entry.append(rowHeader(T.label.onAssistanceAtEntry), atEntry);
  body.append(entry);
  for (const step of a.steps) {
    const when = step.afterMonths === null
      ? T.label.atExit
      : say("horizon", { months: step.afterMonths, toleranceDays: step.toleranceDays });
    const parts = [["all", step], ...genders
      .filter((g) => step.byGender[g].population !== 0)
      .map((g) => [g, step.byGender[g]])];
    parts.forEach(([g, c], k) => {
      const tr = document.createElement("tr");
      tr.dataset.step = step.afterMonths === null ? "exit" : String(step.afterMonths);
      tr.dataset.gender = g;
      tr.append(
        rowHeader(when, false, k === 0),
        rowHeader(g === "all" ? T.label.allGenders : T.gender[g]),
        cell("td", c.population, count, "population"),
        cell("td", c.recorded, count, "recorded"),
        cell("td", c.notOnAssistance, count, "not_on_assistance"),
        cell("td", c.share, share, "share"),
        cell("td", c.ci.lower, () => f().shareInterval(c.ci.lower, c.ci.upper), "ci"),
      );
      body.append(tr);
    });
  }
}
