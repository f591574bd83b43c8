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
// by www/embedded.js). The Content-Security-Policy allows only these
// inline parts (by hash) and data: modules, and no connection at all.
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
for (const name of readdirSync(WWW).filter((f) => f.endsWith(".js") && f !== "file-note.js").sort()) {
  modules[`${PREFIX}${name}`] = rewrite(text(name), "");
}
modules[`${PREFIX}pkg/stegvis.js`] = rewrite(text("pkg/stegvis.js"), "pkg/");
const importMap = JSON.stringify({
  imports: Object.fromEntries(Object.entries(modules).map(([name, source]) =>
    [name, `data:text/javascript;base64,${base64(Buffer.from(source, "utf8"))}`])),
});
const boot = `import "${PREFIX}app.js";`;

// ---- embedded files ----------------------------------------------------------

const files = ["pkg/stegvis_bg.wasm"];
for (const dir of ["examples/nordost", "templates"]) {
  for (const name of readdirSync(join(WWW, dir)).sort()) files.push(`${dir}/${name}`);
}
const blocks = files.map((path) =>
  `<script type="application/octet-stream" data-path="${path}">${base64(read(path))}</script>`).join("\n");

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
  "worker-src 'none'",
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
