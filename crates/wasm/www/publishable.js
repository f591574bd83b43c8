// What the publishable copy hid and why, in visible text
// (docs/page.md#publishable-explanation). Counted in the publishable copy
// alone: the explanation tells a reader nothing the copy does not.

const SUPPRESSED = "suppressed";

/** How many values under `value` are "suppressed". */
function hidden(value) {
  if (value === SUPPRESSED) return 1;
  if (value === null || typeof value !== "object") return 0;
  return Object.values(value).reduce((n, v) => n + hidden(v), 0);
}

/** The report's parts in report order: [heading word, values]. */
function parts(report, T) {
  const goals = report.goals.map(({ byGender, genderGap, ...rest }) => rest);
  const byGender = report.goals.map(({ byGender, genderGap }) => ({ byGender, genderGap }));
  return [
    [T.section.enrolment, report.enrolment],
    [T.section.goals, goals],
    [T.ui.goalsByGenderSheet, byGender],
    [T.section.parameters, report.parameters],
    [T.section.exits, report.exits],
    [T.section.followUps, report.followUps],
    [T.section.breakdowns, report.breakdowns],
    [T.section.assistance, report.assistance],
    [T.section.esf, report.esf],
    [T.section.comparison, report.comparison],
    [T.section.trend, report.trend],
    [T.section.statusOn, report.statusOn],
    [T.section.dataQuality, report.dataQuality],
  ];
}

/** Whether a gender count of the enrolment is hidden (the whole split then is). */
function genderSplitHidden(report) {
  return Object.values(report.enrolment.byGender).some((g) => g.count === SUPPRESSED);
}

/**
 * Fills `container` with the explanation of the publishable copy `report`,
 * or hides it when `report` is not one. `ui` = { T, header, rowHeader, cell, count }.
 */
export function renderPublishable(container, report, publishable, ui) {
  const { T, header, rowHeader, cell, count } = ui;
  container.hidden = !publishable;
  const body = container.querySelector(".publishable-body");
  body.replaceChildren();
  if (!publishable) return;
  const paragraph = (text, kind) => {
    const p = document.createElement("p");
    p.textContent = text;
    p.dataset.note = kind;
    body.append(p);
  };
  const rows = parts(report, T).map(([name, value]) => [name, hidden(value)]).filter(([, n]) => n > 0);
  if (rows.length === 0) {
    paragraph(T.ui.publishableNothing, "nothing");
  } else {
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    const table = document.createElement("table");
    table.id = "publishable-table";
    wrap.append(table);
    body.append(wrap);
    const tbody = header(table, T.ui.publishableHeading, [T.ui.reportPart, T.ui.hiddenValues]);
    for (const [name, n] of rows) {
      const tr = document.createElement("tr");
      tr.append(rowHeader(name), cell("td", n, count, "hidden"));
      tbody.append(tr);
    }
    paragraph(T.ui.publishableWhy, "why");
    if (genderSplitHidden(report)) paragraph(T.ui.publishableGenderSplit, "gender-split");
  }
  paragraph(T.ui.publishableLimits, "limits");
}
