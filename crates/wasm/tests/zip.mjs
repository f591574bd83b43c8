// Reads the parts of a zip archive (an .xlsx workbook) with Node's own
// zlib, so the tests need no zip package: the Node and page tests read the
// workbook `report.toXlsx()` writes back with it.
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";

/** The parts of a zip archive by name, unpacked (stored or deflated). */
export function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  assert.ok(end >= 0, "an end of central directory record");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const parts = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(view.getUint32(at, true), 0x02014b50);
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(data, data + size);
    parts.set(name, new TextDecoder().decode(method === 8 ? inflateRawSync(raw) : raw));
    at += 46 + skip;
  }
  return parts;
}

/** The sheet names of a workbook's parts, in workbook order. */
export const sheetNames = (parts) =>
  [...parts.get("xl/workbook.xml").matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
