// Files the page reads: embedded in the single-file build
// (docs/page.md#single-file), fetched next to the page otherwise.

/** The embedded files, by path: `<script type="application/octet-stream" data-path="…">` holding base64. */
function embedded(path) {
  for (const el of document.querySelectorAll('script[type="application/octet-stream"][data-path]')) {
    if (el.dataset.path === path) {
      const text = atob(el.textContent.trim());
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    }
  }
  return null;
}

/** An embedded text file (UTF-8), or null outside the single file. */
export function embeddedText(path) {
  const bytes = embedded(path);
  return bytes && new TextDecoder().decode(bytes);
}

/** A file's bytes: embedded, or fetched from `path` next to the page. */
export async function fileBytes(path) {
  const inline = embedded(path);
  if (inline) return inline;
  const response = await fetch(path);
  if (!response.ok) throw new Error(path);
  return new Uint8Array(await response.arrayBuffer());
}

/** The WebAssembly module's bytes in the single file, or undefined (fetched by the module itself). */
export function wasmBytes() {
  return embedded("pkg/stegvis_bg.wasm") ?? undefined;
}
