// Templates to download and the column guide (docs/page.md#templates).
// The templates are committed files (examples/templates/), copied next to
// the page by scripts/build-wasm.sh and embedded in the single file.

import { fileBytes } from "./embedded.js";

/** The template downloads: button id → [file name, MIME type]. */
export const TEMPLATES = {
  "template-programme": ["programme.toml", "text/plain;charset=utf-8"],
  "template-participants": ["participants.csv", "text/csv;charset=utf-8"],
  "template-assessments": ["assessments.csv", "text/csv;charset=utf-8"],
  "template-follow-ups": ["follow_ups.csv", "text/csv;charset=utf-8"],
};

/** The columns of the three tables (docs/data.md#tables): [table, column, required, guide key]. */
export const COLUMNS = [
  ["participants", "id", true, "id"],
  ["participants", "gender", true, "gender"],
  ["participants", "entry_date", true, "entryDate"],
  ["participants", "birth_date", false, "birthDate"],
  ["participants", "exit_date", false, "exitDate"],
  ["participants", "exit_outcome", false, "exitOutcome"],
  ["participants", "tags", false, "tags"],
  ["participants", "labour_status", false, "labourStatus"],
  ["participants", "education", false, "education"],
  ["participants", "assistance_at_entry", false, "assistanceAtEntry"],
  ["participants", "assistance_at_exit", false, "assistanceAtExit"],
  ["participants", "qualification", false, "qualification"],
  ["participants", "district", false, "breakdownColumn"],
  ["assessments", "participant_id", true, "participantId"],
  ["assessments", "date", true, "assessmentDate"],
  ["assessments", "parameter", true, "parameter"],
  ["assessments", "level", true, "level"],
  ["follow_ups", "participant_id", true, "participantId"],
  ["follow_ups", "date", true, "followUpDate"],
  ["follow_ups", "status", true, "status"],
  ["follow_ups", "receives_assistance", false, "receivesAssistance"],
];

/** Fills the column guide `table`. `ui` = { T, header, rowHeader }. */
export function renderGuide(table, ui) {
  const { T, header, rowHeader } = ui;
  const body = header(table, T.ui.columnGuide, [T.column.table, T.ui.columnName, T.ui.required, T.ui.meaning]);
  COLUMNS.forEach(([name, column, required, key], i) => {
    const tr = document.createElement("tr");
    tr.dataset.table = name;
    tr.dataset.column = column;
    const first = i === 0 || COLUMNS[i - 1][0] !== name;
    const code = document.createElement("code");
    code.textContent = column;
    const td = (content) => {
      const el = document.createElement("td");
      el.append(content);
      return el;
    };
    tr.append(
      rowHeader(T.table[name], true, first),
      td(code),
      td(required ? T.label.yes : T.label.no),
      td(T.guide[key]),
    );
    body.append(tr);
  });
}

/** The bytes of a template, from the single file or next to the page. */
export async function templateBytes(name) {
  return fileBytes(`templates/${name}`);
}
