// The page's print view (docs/report.md#printable-report): the report the
// page shows, as the core's printable document, in a hidden frame that
// prints itself, so that the printout is the same document as the CLI's
// `--format html` and Python's `to_html`. Nothing leaves the browser: the
// frame's document is a string made here (`srcdoc`), and it loads nothing.
// The page's Content-Security-Policy allows the document's one inline
// stylesheet by its hash, and nothing else inline.

const FRAME = "print-frame";

/** Prints `html`, the core's printable document of the shown copy, through a hidden frame. */
export function printReport(html) {
  document.getElementById(FRAME)?.remove();
  const frame = document.createElement("iframe");
  frame.id = FRAME;
  frame.className = "print-frame";
  frame.tabIndex = -1;
  frame.setAttribute("aria-hidden", "true");
  frame.addEventListener(
    "load",
    () => {
      const view = frame.contentWindow;
      view.focus();
      view.print();
      document.body.dataset.printed = "true";
    },
    { once: true },
  );
  frame.srcdoc = html;
  document.body.append(frame);
}

/** When someone prints the page itself: every folded section open while
 * printing, as it was afterwards. Controls are hidden by style.css. */
export function wirePagePrint() {
  let reopened = [];
  window.addEventListener("beforeprint", () => {
    reopened = [...document.querySelectorAll("#results details:not([open])")];
    for (const d of reopened) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of reopened) d.open = false;
    reopened = [];
  });
}
