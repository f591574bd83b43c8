// Each goal by gender, with the unknowns and the gap women − men
// (docs/page.md#goals-by-gender), as the text report shows them. Layout
// only: figures from the report, words and formats from the catalogue,
// handed in by app.js.

/** Women and men always; other genders when someone of them is counted or excluded. */
function shownGenders(goal, genders) {
  const someone = (v) => v !== 0;
  return genders.filter((g) => g === "woman" || g === "man"
    || someone(goal.byGender[g].denominator) || someone(goal.byGender[g].excluded));
}

/** "+12.3 pp (−4.0 pp to +28.1 pp)", or the undefined marker. */
function gap(goal, f, T) {
  const d = goal.genderGap;
  if (d === null) return f().undefined;
  if (d.difference === "suppressed") return f().suppressed;
  return `${f().points(d.difference)} (${f().points(d.lower)} ${T.marker.to} ${f().points(d.upper)})`;
}

/**
 * Renders the goals-by-gender table into `table`; goals in `held` (goal id
 * → missing table) are left out (docs/page.md#missing-tables).
 * `ui` = { T, f, cell, header, rowHeader, count, share, genders }.
 */
export function renderGoalsByGender(table, report, held, ui) {
  const { T, f, cell, header, rowHeader, count, share, genders } = ui;
  const C = T.column;
  const body = header(table, T.ui.goalsByGenderSheet, [
    C.goal, C.gender, C.achieved, C.denominator, C.unknown, C.share, C.interval, T.label.gapWomenMen,
  ]);
  const goals = report.goals.filter((g) => !held.has(g.id));
  for (const goal of goals) {
    shownGenders(goal, genders).forEach((g, k) => {
      const r = goal.byGender[g];
      const tr = document.createElement("tr");
      tr.dataset.goal = goal.id;
      tr.dataset.gender = g;
      tr.append(
        rowHeader(goal.name, false, k === 0),
        rowHeader(T.gender[g], true),
        cell("td", r.achieved, count, "achieved"),
        cell("td", r.denominator, count, "denominator"),
        cell("td", r.unknown, count, "unknown"),
        cell("td", r.share, share, "share"),
        cell("td", r.ci.lower, () => f().shareInterval(r.ci.lower, r.ci.upper), "ci"),
      );
      const gapCell = cell("td", k === 0 ? goal.genderGap?.difference ?? null : null,
        () => (k === 0 ? gap(goal, f, T) : ""), "gap");
      tr.append(gapCell);
      body.append(tr);
    });
  }
}
