// A classic script (modules do not load from file://): opened from disk,
// the page shows its note saying to use the single-file page
// (docs/page.md#file-protocol). app.js hides the note again if its module
// loads after all.
if (location.protocol === "file:") {
  document.getElementById("file-note").hidden = false;
}
