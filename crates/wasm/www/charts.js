// Charts as inline SVG built from the report: horizontal bars for shares,
// whiskers for the 95 % intervals, a line (and band) for targets. Colours come
// from style.css classes, so the page's CSP needs no inline styles. Words and
// number formats are passed in (`share`, `tick`: the stegvis formatter), so
// the charts write no text of their own.

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 440;
const LEFT = 12;
const RIGHT = 24;
const PLOT = WIDTH - LEFT - RIGHT;
const ROW = 56;

const x = (share) => LEFT + Math.max(0, Math.min(1, share)) * PLOT;
const usable = (v) => typeof v === "number";

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(rows, title, tick) {
  const height = rows * ROW + 34;
  const svg = el("svg", {
    viewBox: `0 0 ${WIDTH} ${height}`,
    width: "100%",
    role: "img",
    "aria-label": title,
    class: "chart-svg",
  });
  svg.append(el("title", {}, title));
  // Grid and axis: 0, 25, 50, 75, 100 %.
  const axisY = rows * ROW + 8;
  for (const value of [0, 0.25, 0.5, 0.75, 1]) {
    svg.append(el("line", { x1: x(value), x2: x(value), y1: 4, y2: axisY, class: "grid" }));
    svg.append(el("text", { x: x(value), y: axisY + 16, class: "tick", "text-anchor": "middle" }, tick(value)));
  }
  return svg;
}

function whisker(svg, ci, y) {
  if (!usable(ci.lower) || !usable(ci.upper)) return;
  svg.append(el("line", { x1: x(ci.lower), x2: x(ci.upper), y1: y, y2: y, class: "whisker" }));
  for (const end of [ci.lower, ci.upper]) {
    svg.append(el("line", { x1: x(end), x2: x(end), y1: y - 6, y2: y + 6, class: "whisker" }));
  }
}

// Not-met bars are hatched as well as coloured, so they read without
// colour (docs/page.md#accessibility); each chart has its own pattern id.
let patterns = 0;

function hatch(svg) {
  const id = `hatch-${++patterns}`;
  const pattern = el("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  pattern.append(el("rect", { width: 2.5, height: 6, fill: "#ffffff", "fill-opacity": 0.55 }));
  const defs = el("defs");
  defs.append(pattern);
  svg.prepend(defs);
  return `url(#${id})`;
}

/** The chart's accessible name: its title, then the figures it draws. */
function describe(svg, title, rows) {
  const name = `${title} ${rows.join("; ")}`;
  svg.setAttribute("aria-label", name);
  svg.querySelector("title").textContent = name;
}

function caption(title) {
  const figcaption = document.createElement("figcaption");
  figcaption.textContent = title;
  return figcaption;
}

/** Goal attainment: one bar per goal, target line, CI whiskers. Returns the
 * children of a <figure>: the SVG and its caption. */
export function goalsChart(goals, { title, share, tick, status }) {
  const svg = frame(goals.length, title, tick);
  const fill = hatch(svg);
  const rows = [];
  goals.forEach((goal, i) => {
    const top = i * ROW + 6;
    const label = share(goal.share);
    // A status hidden with its share (docs/report.md#disclosure-control)
    // reads as the formatter's marker, as a hidden share does.
    const shownStatus = goal.status === "suppressed" ? share(goal.status) : status[goal.status];
    const text = `${goal.name}: ${label} (${shownStatus ?? goal.status})`;
    rows.push(text);
    svg.append(el("text", { x: LEFT, y: top + 12, class: "label" }, text));
    const barY = top + 20;
    svg.append(el("rect", { x: LEFT, y: barY, width: PLOT, height: 20, class: "track" }));
    if (usable(goal.share)) {
      svg.append(el("rect", {
        x: LEFT, y: barY, width: Math.max(0, x(goal.share) - LEFT), height: 20,
        class: `bar ${goal.status}`,
        "data-goal": goal.id,
      }));
      if (goal.status === "not_met") {
        svg.append(el("rect", {
          x: LEFT, y: barY, width: Math.max(0, x(goal.share) - LEFT), height: 20, class: "hatch", fill,
        }));
      }
    }
    whisker(svg, goal.ci, barY + 10);
    svg.append(el("line", { x1: x(goal.target), x2: x(goal.target), y1: barY - 5, y2: barY + 25, class: "target" }));
  });
  describe(svg, title, rows);
  return [svg, caption(title)];
}

/** Gender split of the enrolled (known gender) against the target ± tolerance. */
export function genderChart(byGender, { title, share, tick, labels, tolerance }) {
  const keys = ["woman", "man", "non_binary"];
  const svg = frame(keys.length, title, tick);
  const fill = hatch(svg);
  const rows = [];
  keys.forEach((key, i) => {
    const row = byGender[key];
    const top = i * ROW + 6;
    const value = share(row.share);
    const target = usable(row.target) ? ` / ${share(row.target)}` : "";
    const text = `${labels[key]}: ${value}${target}`;
    rows.push(text);
    svg.append(el("text", { x: LEFT, y: top + 12, class: "label" }, text));
    const barY = top + 20;
    svg.append(el("rect", { x: LEFT, y: barY, width: PLOT, height: 20, class: "track" }));
    if (usable(row.target) && usable(tolerance)) {
      const from = x(row.target - tolerance);
      svg.append(el("rect", { x: from, y: barY - 4, width: x(row.target + tolerance) - from, height: 28, class: "band" }));
    }
    if (usable(row.share)) {
      const within = row.withinTolerance === true ? "within" : row.withinTolerance === false ? "outside" : "plain";
      svg.append(el("rect", {
        x: LEFT, y: barY, width: Math.max(0, x(row.share) - LEFT), height: 20,
        class: `bar gender ${within}`,
        "data-gender": key,
      }));
      if (within === "outside") {
        svg.append(el("rect", {
          x: LEFT, y: barY, width: Math.max(0, x(row.share) - LEFT), height: 20, class: "hatch", fill,
        }));
      }
    }
    whisker(svg, row.ci, barY + 10);
    if (usable(row.target)) {
      svg.append(el("line", { x1: x(row.target), x2: x(row.target), y1: barY - 5, y2: barY + 25, class: "target" }));
    }
  });
  describe(svg, title, rows);
  return [svg, caption(title)];
}
