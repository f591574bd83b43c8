//! The core is layered: each top-level module may use only the modules
//! below it, so there is no import cycle (ARCHITECTURE.md, "Layers").
//! This test reads the sources and fails, naming the file and line, when a
//! module reaches up a layer.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom to top. A module may use any module listed before it.
const LAYERS: &[&str] = &[
    "vocab",
    "words",
    "stats",
    "trend",
    "error",
    "model",
    "programme",
    "report",
    "data",
    "engine",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`report/text.rs` → `report`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative
        .components()
        .next()
        .expect("a file")
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// Every `crate::name` in code (comments and doc comments skipped), with its
/// line. Unit tests (from `#[cfg(test)]` on) may use anything: they are not
/// part of the library.
fn references(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim() == "#[cfg(test)]" {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((n + 1, name));
            }
            rest = after;
        }
        // `use crate::{a, b}` names several modules at once.
        if let Some(at) = code.find("crate::{") {
            let inner = &code[at + "crate::{".len()..];
            for part in inner.split([',', '}']) {
                let name = part.trim().split("::").next().unwrap_or("").to_owned();
                if !name.is_empty() {
                    found.push((n + 1, name));
                }
            }
        }
    }
    found
}

/// Items the root re-exports (`pub use report::{Figure, Report};`), by the
/// module they come from, so `crate::Report` counts as a use of `report`.
fn root_reexports(lib: &str) -> BTreeMap<String, String> {
    let mut items = BTreeMap::new();
    for statement in lib.split(';') {
        let statement = statement.trim();
        let Some(path) = statement.strip_prefix("pub use ") else {
            continue;
        };
        let (module, rest) = path.split_once("::").unwrap_or((path, ""));
        for item in rest.trim_matches(|c| c == '{' || c == '}').split(',') {
            let item = item.trim().rsplit("::").next().unwrap_or("").to_owned();
            if !item.is_empty() {
                items.insert(item, module.trim().to_owned());
            }
        }
    }
    items
}

#[test]
fn no_module_uses_a_module_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let rank: BTreeMap<&str, usize> = LAYERS.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let reexports = root_reexports(&fs::read_to_string(src.join("lib.rs")).expect("lib.rs"));
    let mut violations = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue; // the root re-exports everything
        }
        let Some(&own) = rank.get(module.as_str()) else {
            violations.push(format!(
                "{}: module `{module}` is not in LAYERS (add it where it belongs)",
                file.display()
            ));
            continue;
        };
        let text = fs::read_to_string(file).expect("readable");
        for (line, name) in references(&text) {
            let name = reexports.get(&name).cloned().unwrap_or(name);
            // Items at the crate root (EPSILON, today()) belong to no layer.
            let Some(&theirs) = rank.get(name.as_str()) else {
                continue;
            };
            if theirs > own {
                violations.push(format!(
                    "{}:{line}: `{module}` uses `{name}`, a layer above it",
                    file.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn root_reexports_are_traced_to_their_module() {
    let map = root_reexports("pub use data::{CsvFiles, Dataset};\npub use report::Report;");
    assert_eq!(map.get("Dataset").map(String::as_str), Some("data"));
    assert_eq!(map.get("Report").map(String::as_str), Some("report"));
}

#[test]
fn the_scanner_sees_upward_references() {
    let refs = references(
        "use crate::{engine::Pass, vocab::Gender};\nlet x = crate::data::f(); // crate::report",
    );
    let names: Vec<&str> = refs.iter().map(|(_, n)| n.as_str()).collect();
    assert!(names.contains(&"engine"));
    assert!(names.contains(&"vocab"));
    assert!(names.contains(&"data"));
    assert!(!names.contains(&"report"), "comments are skipped");
}
