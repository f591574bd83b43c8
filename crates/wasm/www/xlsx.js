// Excel workbooks on the page (docs/data.md#xlsx-files, docs/report.md#workbook):
// which tables a dropped file holds (a workbook may hold all three, a sheet
// per table), and the report's workbook download. The core decides both;
// this module only asks it.
import { tableOf, workbookTables } from "./pkg/stegvis.js";

/** Whether bytes start like a zip archive, as every .xlsx workbook does. */
export function isXlsx(bytes) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

/** The table slots a dropped table file fills: every table a workbook has a
 * sheet for (or the table its first sheet's header names), or the table a
 * CSV header names; empty when none. */
export function slotsOf(bytes) {
  if (isXlsx(bytes)) return workbookTables(bytes);
  const slot = tableOf(bytes);
  return slot ? [slot] : [];
}

/** The workbook's media type, for the download. */
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Wires the "Download Excel workbook" button: the report shown (publishable
 * or not) as an .xlsx file in the page's language; `workbook(use)` hands
 * `use` its bytes, written by the core where the report was evaluated. */
export function wireWorkbookDownload(button, { shownReport, fileStem, download, workbook }) {
  button.addEventListener("click", () => {
    const report = shownReport();
    if (report) workbook((bytes) => download(`${fileStem(report)}.xlsx`, XLSX_TYPE, [bytes]));
  });
}
