// Tables that scroll sideways: keyboard focus, a name and a visible cue
// (docs/page.md#accessibility). Run after every render and on resize.

/**
 * Gives every `.table-wrap` under `root` keyboard focus, the region role
 * and its table's caption as its name, and shows the catalogue's scroll
 * cue under it while its table is wider than it.
 */
export function scrollRegions(root, hint, tableWord) {
  // Region names are unique on the page (axe: landmark-unique): "Table:"
  // and the table's caption (a section is named by the caption alone),
  // numbered when several tables share one.
  const seen = new Map();
  for (const wrap of root.querySelectorAll(".table-wrap")) {
    const caption = `${tableWord}: ${wrap.querySelector("caption")?.textContent ?? ""}`;
    const n = (seen.get(caption) ?? 0) + 1;
    seen.set(caption, n);
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", n === 1 ? caption : `${caption} (${n})`);
    let cue = wrap.nextElementSibling;
    if (!cue?.classList.contains("scroll-hint")) {
      cue = document.createElement("p");
      cue.className = "scroll-hint";
      wrap.after(cue);
    }
    cue.textContent = hint;
    const table = wrap.querySelector("table");
    const wide = !!table && !table.hidden && wrap.scrollWidth > wrap.clientWidth + 1;
    cue.hidden = !wide;
  }
}
