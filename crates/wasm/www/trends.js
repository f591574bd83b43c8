// The page's trend (docs/report.md#trend): a table of enrolment per date,
// and per goal a chart of the share at each date with its 95 % interval and
// the target, above a table of the same figures. Layout only: every figure
// comes from the report and every word and format from the catalogue,
// handed in by app.js.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 440;
const HEIGHT = 180;
const LEFT = 40;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 150;

const usable = (v) => typeof v === "number";
const y = (share) => BOTTOM - Math.max(0, Math.min(1, share)) * (BOTTOM - TOP);

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * One goal over the trend's dates: a point per date at its share, a
 * vertical whisker for its interval, the target as a dashed line. A hidden
 * or undefined share draws no point. Returns the children of a <figure>.
 */
export function trendChart(points, { title, target, tick, share }) {
  const svg = el("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: "100%",
    role: "img",
    "aria-label": title,
    class: "chart-svg trend-chart",
  });
  svg.append(el("title", {}, title));
  for (const value of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(el("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y(value), y2: y(value), class: "grid" }));
    svg.append(el("text", { x: LEFT - 4, y: y(value) + 4, class: "tick", "text-anchor": "end" }, tick(value)));
  }
  const step = (WIDTH - LEFT - RIGHT) / Math.max(1, points.length);
  const x = (i) => LEFT + step * (i + 0.5);
  if (usable(target)) {
    svg.append(el("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y(target), y2: y(target), class: "target" }));
  }
  let path = "";
  points.forEach((p, i) => {
    if (usable(p.ci.lower) && usable(p.ci.upper)) {
      svg.append(el("line", { x1: x(i), x2: x(i), y1: y(p.ci.lower), y2: y(p.ci.upper), class: "whisker" }));
    }
    if (usable(p.share)) {
      path += `${path ? "L" : "M"}${x(i)} ${y(p.share)}`;
      const dot = el("circle", { cx: x(i), cy: y(p.share), r: 4, class: `point ${p.status}`, "data-date": p.asOf });
      dot.append(el("title", {}, `${p.asOf}: ${share(p.share)}`));
      svg.append(dot);
    }
    // First and last dates, and every other in between when there is room.
    if (i === 0 || i === points.length - 1 || (points.length <= 6)) {
      svg.append(el("text", { x: x(i), y: BOTTOM + 16, class: "tick", "text-anchor": "middle" }, p.asOf));
    }
  });
  if (path) svg.insertBefore(el("path", { d: path, class: "trend-line" }), svg.querySelector("circle"));
  // The chart's name carries its figures (docs/page.md#accessibility).
  const figures = points.filter((p) => usable(p.share)).map((p) => `${p.asOf}: ${share(p.share)}`);
  const name = figures.length ? `${title} ${figures.join("; ")}` : title;
  svg.setAttribute("aria-label", name);
  svg.querySelector("title").textContent = name;
  const figcaption = document.createElement("figcaption");
  figcaption.textContent = title;
  return [svg, figcaption];
}

/**
 * Renders `report.trend` into `container`; the section is hidden without a
 * trend. `ui` = { T, f, cell, header, rowHeader, count, share, genders }.
 */
export function renderTrend(container, report, ui) {
  const { T, f, cell, header, rowHeader, count, share, genders } = ui;
  const C = T.column;
  const trend = report.trend ?? [];
  container.replaceChildren();
  container.closest("section").hidden = trend.length === 0;
  if (trend.length === 0) return;

  const wrap = () => {
    const div = document.createElement("div");
    div.className = "table-wrap";
    const table = document.createElement("table");
    div.append(table);
    container.append(div);
    return table;
  };

  const enrolment = header(wrap(), T.section.trend, [C.date, C.enrolled, ...genders.map((g) => T.gender[g])]);
  enrolment.closest("table").id = "trend-enrolment";
  for (const p of trend) {
    const tr = document.createElement("tr");
    tr.dataset.date = p.asOf;
    tr.append(
      rowHeader(p.asOf),
      cell("td", p.enrolled, count, "enrolled"),
      ...genders.map((k) => cell("td", p.byGender[k].count, count, k)),
    );
    enrolment.append(tr);
  }

  report.goals.forEach((goal, k) => {
    const heading = document.createElement("h4");
    heading.textContent = goal.name;
    container.append(heading);
    const points = trend.map((p) => ({ ...p.goals[k], asOf: p.asOf }));
    const figure = document.createElement("figure");
    figure.className = "chart";
    figure.append(...trendChart(points, {
      title: `${goal.name} · ${T.section.trend}`,
      target: goal.target,
      tick: (v) => f().percent(v, 0),
      share,
    }));
    container.append(figure);
    const body = header(wrap(), goal.name, [C.date, C.achieved, C.denominator, C.share, C.interval, C.status]);
    body.closest("table").dataset.goal = goal.id;
    for (const p of points) {
      const tr = document.createElement("tr");
      tr.dataset.date = p.asOf;
      tr.dataset.goal = p.id;
      tr.append(
        rowHeader(p.asOf),
        cell("td", p.achieved, count, "achieved"),
        cell("td", p.denominator, count, "denominator"),
        cell("td", p.share, share, "share"),
        cell("td", p.ci.lower, () => f().shareInterval(p.ci.lower, p.ci.upper), "ci"),
        cell("td", p.status, (v) => (v === "suppressed" ? f().suppressed : T.status[v] ?? v), "status"),
      );
      body.append(tr);
    }
  });
}
