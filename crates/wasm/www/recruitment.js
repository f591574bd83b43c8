// The recruitment window on the page (docs/method.md#recruitment): while
// recruitment is open the gender table shows who is still to recruit and
// the projected split at the planned total; once it has closed, what was
// missed. Every word comes from the catalogue (T), every number from the
// core's report.

/** The recruitment line: "Recruitment ends 2022-07-31 (open)". */
export function recruitmentLine(T, enrolment) {
  const state = enrolment.recruitmentOpen ? T.label.recruitmentOpen : T.label.recruitmentClosed;
  return `${T.label.recruitmentEnd}: ${enrolment.recruitmentEnd} (${state})`;
}

/** The last column heads of the gender table. */
export function recruitmentColumns(T, enrolment) {
  const C = T.column;
  return enrolment.recruitmentOpen ? [C.stillToRecruit, C.projected] : [C.missed];
}

/**
 * The last cells of one gender's row: `cell(tag, value, format, field)` as
 * app.js makes them, `count` and `projected` (share and interval as text).
 */
export function recruitmentCells(enrolment, row, { cell, count, projected }) {
  if (!enrolment.recruitmentOpen) return [cell("td", row.missed, count, "missed")];
  return [
    cell("td", row.needed, count, "needed"),
    cell("td", row.projectedShare, () => projected(row), "projectedShare"),
  ];
}
