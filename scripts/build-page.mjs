#!/usr/bin/env node
// Writes the page as one self-contained HTML file that works when opened
// from disk (docs/page.md#single-file):
//
//   node scripts/build-page.mjs [OUT]     # default target/page/stegvis.html
//
// Run after scripts/build-wasm.sh, which puts pkg/, the example and the
// templates next to the page. Inlined: the stylesheet, every module of
// crates/wasm/www (through an import map of data: URLs; each module's
// relative imports are rewritten to the map's names), the WebAssembly
// module, the Nordost example and the templates (base64 data blocks, read
// by www/embedded.js), and the worker that evaluates (www/worker.js, with
// the module's glue as a data: import, embedded as a classic script started
// from a Blob URL: docs/page.md#worker). The Content-Security-Policy allows only
// these inline parts (by hash), data: modules and blob: workers, and no
// connection at all.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WWW = join(REPO, "crates", "wasm", "www");
const OUT = resolve(process.argv[2] ?? join(REPO, "target", "page", "stegvis.html"));

const read = (path) => readFileSync(join(WWW, path));
const text = (path) => read(path).toString("utf8");
const base64 = (bytes) => Buffer.from(bytes).toString("base64");
const sha256 = (source) => `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
// Text inside a <script> or <style> element must not close it.
const safe = (source) => {
  if (/<\/(script|style)/i.test(source)) throw new Error("an inlined file contains a closing tag");
  return source;
};

// ---- modules -----------------------------------------------------------------

const PREFIX = "stegvis-page/";
/** `from "./x.js"` and `import("./x.js")` → the import map's name for x.js. */
const rewrite = (source, dir) =>
  source.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])\.\/([^"']+)\2/g,
    (_, head, quote, path) => `${head}${quote}${PREFIX}${dir}${path}${quote}`);

const modules = {};
// The worker runs apart from the page's modules (embedded below).
for (const name of readdirSync(WWW).filter((f) => f.endsWith(".js") && !["file-note.js", "worker.js"].includes(f)).sort()) {
  modules[`${PREFIX}${name}`] = rewrite(text(name), "");
}
modules[`${PREFIX}pkg/stegvis.js`] = rewrite(text("pkg/stegvis.js"), "pkg/");
const importMap = JSON.stringify({
  imports: Object.fromEntries(Object.entries(modules).map(([name, source]) =>
    [name, `data:text/javascript;base64,${base64(Buffer.from(source, "utf8"))}`])),
});
const boot = `import "${PREFIX}app.js";`;

// The worker (docs/page.md#worker). It has no import map: its one import,
// the module's glue, becomes a data: URL in its text. Chromium loads no
// module worker from a Blob URL of a file:// page, so the worker is a
// classic script that imports worker.js as a data: module, keeping the
// messages that arrive meanwhile for worker.js's handler.
const dataModule = (source) => `data:text/javascript;base64,${base64(Buffer.from(source, "utf8"))}`;
const workerModule = text("worker.js").replace(/(\bfrom\s*)(["'])\.\/pkg\/stegvis\.js\2/,
  (_, head, quote) => `${head}${quote}${dataModule(text("pkg/stegvis.js"))}${quote}`);
if (workerModule === text("worker.js")) throw new Error("worker.js: its import of ./pkg/stegvis.js was not found");
// A module that fails to load rejects a promise, which raises no error
// event on the page's side: it is told, so the page evaluates itself.
const worker = `const early = [];
self.onmessage = (event) => early.push(event);
import(${JSON.stringify(dataModule(workerModule))}).then(
  () => { for (const event of early) self.onmessage(event); },
  (error) => self.postMessage({ type: "error", error: { message: String(error) } }),
);
`;

// ---- embedded files ----------------------------------------------------------

const files = ["pkg/stegvis_bg.wasm"];
for (const dir of ["examples/nordost", "templates"]) {
  for (const name of readdirSync(join(WWW, dir)).sort()) files.push(`${dir}/${name}`);
}
const block = (path, bytes) => `<script type="application/octet-stream" data-path="${path}">${base64(bytes)}</script>`;
const blocks = [...files.map((path) => block(path, read(path))), block("worker.js", Buffer.from(worker, "utf8"))].join("\n");

// ---- the page ----------------------------------------------------------------

const style = safe(text("style.css"));
// The served page's policy allows the printable document's stylesheet by
// its hash (the print button's frame inherits the policy: print.js); the
// single file keeps those hashes.
const servedStyles = (text("index.html").match(/style-src ([^;"]*)/)?.[1] ?? "")
  .split(/\s+/).filter((source) => source.startsWith("'sha256-"));
const csp = [
  "default-src 'none'",
  `script-src ${sha256(importMap)} ${sha256(boot)} data: 'wasm-unsafe-eval'`,
  `style-src ${[sha256(style), ...servedStyles].join(" ")}`,
  "img-src data:",
  "connect-src 'none'",
  "font-src 'none'",
  // The worker starts from a Blob URL of its embedded text; it inherits
  // this policy, so its data: import and the module are allowed as here.
  "worker-src blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

let html = text("index.html");
const replace = (pattern, by) => {
  const next = html.replace(pattern, by);
  if (next === html) throw new Error(`index.html: nothing matched ${pattern}`);
  html = next;
};
replace(/<meta http-equiv="Content-Security-Policy"\s+content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
replace(/<link rel="icon" href="favicon.svg" type="image\/svg\+xml">/,
  () => `<link rel="icon" href="data:image/svg+xml;base64,${base64(read("favicon.svg"))}" type="image/svg+xml">`);
replace(/<link rel="stylesheet" href="style.css">/, () => `<style>${style}</style>`);
replace(/<script type="module" src="app.js"><\/script>/,
  () => `<script type="importmap">${safe(importMap)}</script>\n  <script type="module">${boot}</script>`);
// The note for the served page opened from disk has no place here
// (docs/page.md#file-protocol).
replace(/\s*<script src="file-note.js" defer><\/script>/, "");
replace(/\s*<!-- Shown by file-note.js[\s\S]*?<div id="file-note"[\s\S]*?<\/div>/, "");
replace(/<\/body>/, () => `${blocks}\n</body>`);

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, html);
console.log(`${OUT}: ${html.length} bytes`);
