//! The contract lives in `docs/`, and code cites it by page and anchor:
//! `docs/method.md#enrolment` (see `docs/README.md#anchors`). This test
//! keeps those citations honest:
//!
//! - every `docs/<page>.md#<anchor>` (or `docs/<page>.md`) written in
//!   `crates/`, `tests/`, `benches/`, `scripts/`, `examples/` and the
//!   top-level README.md and ARCHITECTURE.md names a page that exists and an
//!   anchor defined in it by an explicit `id="…"`;
//! - no file there cites a specification kept outside the repository;
//! - inside `docs/`, every heading has an explicit anchor on the line before
//!   it, ids are unique per page, and links between the pages
//!   (`](method.md#criteria)`, `](#gender)`) point at defined ids.
//!
//! Failures name the file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Directories walked for references, relative to the repository root.
const ROOTS: &[&str] = &["crates", "tests", "benches", "scripts", "examples"];
/// Single files checked as well.
const FILES: &[&str] = &["README.md", "ARCHITECTURE.md"];

/// Mentions of the old external specification, spelt with `concat!` and an
/// escape (`\u{a7}` is the section sign) so that this file trips neither this
/// check nor the rewrite script that removed them.
const FORBIDDEN: &[&str] = &[
    concat!("SP", "EC \u{a7}"),
    concat!("SP", "EC.md"),
    concat!("SP", "EC section"),
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the conformance crate lives one level below the root")
        .to_path_buf()
}

fn skipped_dir(name: &str) -> bool {
    matches!(
        name,
        "target" | "node_modules" | ".venv" | ".git" | "__pycache__" | ".ipynb_checkpoints"
    ) || name.starts_with("pkg")
}

/// Every file under `dir`, sorted, skipping build and tool directories.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !skipped_dir(&entry.file_name().to_string_lossy()) {
                walk(&path, out);
            }
        } else if kind.is_file() {
            out.push(path);
        }
    }
}

/// The file as text, or `None` for a binary file (a NUL byte, or not UTF-8).
fn text_of(path: &Path) -> Option<String> {
    let bytes = fs::read(path).ok()?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return None;
    }
    String::from_utf8(bytes).ok()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// `(page, anchor)` for each `docs/<page>.md` or `docs/<page>.md#<anchor>`
/// in one line; `page` is e.g. `method.md`, `anchor` empty when absent.
fn references(line: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = line[from..].find("docs/") {
        let start = from + at;
        from = start + "docs/".len();
        // `xdocs/` or `my-docs/` is another directory; `../docs/` is ours.
        if line[..start].chars().next_back().is_some_and(is_name_char) {
            continue;
        }
        let rest = &line[from..];
        let stem_len = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
        if stem_len == 0 || !rest[stem_len..].starts_with(".md") {
            continue;
        }
        let page = format!("{}.md", &rest[..stem_len]);
        let after = &rest[stem_len + ".md".len()..];
        let anchor = after.strip_prefix('#').map_or("", |a| {
            &a[..a.find(|c: char| !is_name_char(c)).unwrap_or(a.len())]
        });
        found.push((page, anchor.to_string()));
    }
    found
}

/// The explicit ids (`id="…"`) defined in one page, with the line of each.
fn ids_of(text: &str) -> Vec<(String, usize)> {
    let mut ids = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("id=\"") {
            let value = &rest[at + 4..];
            let Some(end) = value.find('"') else {
                break;
            };
            ids.push((value[..end].to_string(), i + 1));
            rest = &value[end..];
        }
    }
    ids
}

/// Problems found in one file's text; `path` is only used in messages.
fn check_source(
    path: &str,
    text: &str,
    anchors: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = format!("{path}:{}", i + 1);
        for (page, anchor) in references(line) {
            match anchors.get(&page) {
                None => problems.push(format!("{at}: docs/{page} does not exist")),
                Some(ids) if !anchor.is_empty() && !ids.contains(&anchor) => problems.push(
                    format!("{at}: docs/{page} defines no anchor `{anchor}` (no id=\"{anchor}\")"),
                ),
                Some(_) => {}
            }
        }
        for word in FORBIDDEN {
            if line.contains(word) {
                problems.push(format!(
                    "{at}: mentions `{word}`, a specification outside the repository; \
                     cite docs/<page>.md#<anchor> instead"
                ));
            }
        }
    }
    problems
}

/// Links between the docs pages (`](page.md#anchor)`, `](#anchor)`).
fn check_docs_links(
    page: &str,
    text: &str,
    anchors: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let target = &rest[at + 2..];
            let end = target.find(')').unwrap_or(target.len());
            let link = &target[..end];
            rest = &target[end..];
            let (file, anchor) = link.split_once('#').unwrap_or((link, ""));
            if file.contains('/') || file.contains(':') || anchor.is_empty() {
                continue; // another directory, a URL, or no anchor
            }
            let file = if file.is_empty() { page } else { file };
            let ok = anchors.get(file).is_some_and(|ids| ids.contains(anchor));
            if !ok {
                problems.push(format!(
                    "docs/{page}:{}: link to {file}#{anchor}, which is not an id in docs/{file}",
                    i + 1
                ));
            }
        }
    }
    problems
}

/// Every heading has `<a id="…"></a>` on the line before it.
fn check_headings(page: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut fence = false;
    let mut previous = "";
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
        }
        let heading =
            !fence && line.starts_with('#') && line.trim_start_matches('#').starts_with(' ');
        if heading && !previous.starts_with("<a id=\"") {
            problems.push(format!(
                "docs/{page}:{}: heading without an explicit anchor on the line before it",
                i + 1
            ));
        }
        previous = line;
    }
    problems
}

/// Page name -> its ids, plus problems with the pages themselves.
fn docs_anchors(root: &Path) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let mut anchors = BTreeMap::new();
    let mut problems = Vec::new();
    let mut texts = Vec::new();
    let mut pages = Vec::new();
    walk(&root.join("docs"), &mut pages);
    for path in pages
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let (Some(name), Some(text)) = (name, text_of(path)) else {
            continue;
        };
        let mut ids = BTreeSet::new();
        for (id, line) in ids_of(&text) {
            if !ids.insert(id.clone()) {
                problems.push(format!("docs/{name}:{line}: id `{id}` defined twice"));
            }
        }
        problems.extend(check_headings(&name, &text));
        anchors.insert(name.clone(), ids);
        texts.push((name, text));
    }
    for (name, text) in &texts {
        problems.extend(check_docs_links(name, text, &anchors));
    }
    (anchors, problems)
}

#[test]
fn every_docs_reference_resolves_and_nothing_cites_an_outside_spec() {
    let root = repo_root();
    let (anchors, mut problems) = docs_anchors(&root);
    assert!(
        anchors.contains_key("method.md") && anchors.values().any(|ids| ids.len() > 10),
        "docs/ not found or without anchors under {}",
        root.display()
    );

    let mut files: Vec<PathBuf> = FILES.iter().map(|f| root.join(f)).collect();
    for dir in ROOTS {
        walk(&root.join(dir), &mut files);
    }
    let mut cited = 0;
    for path in &files {
        let Some(text) = text_of(path) else {
            continue;
        };
        let shown = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        cited += text.lines().map(|l| references(l).len()).sum::<usize>();
        problems.extend(check_source(&shown, &text, &anchors));
    }
    assert!(
        problems.is_empty(),
        "{} broken docs reference(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The code cites the docs in many places; finding none means the walk broke.
    assert!(cited > 50, "only {cited} docs references found");
}

#[test]
fn the_checker_catches_broken_references() {
    let anchors: BTreeMap<String, BTreeSet<String>> = [(
        "method.md".to_string(),
        ["enrolment".to_string()].into_iter().collect(),
    )]
    .into_iter()
    .collect();
    // Written with DOCS/ so that the walk over this file finds nothing.
    let text = "/// fine (`DOCS/method.md#enrolment`), page only DOCS/method.md\n\
                /// no such anchor `DOCS/method.md#enrolement`\n\
                // no such page [x](../../DOCS/methods.md#enrolment)\n\
                // not ours: myDOCS/x.md#y, DOCS/ alone, DOCS/notes.txt\n"
        .replace("DOCS/", "docs/");
    let problems = check_source("sample.rs", &text, &anchors);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("sample.rs:2: ") && problems[0].contains("no anchor `enrolement`")
    );
    assert!(
        problems[1].starts_with("sample.rs:3: ")
            && problems[1].ends_with("methods.md does not exist")
    );

    let old = format!("// see {}7 and the {}\n", FORBIDDEN[0], FORBIDDEN[1]);
    let problems = check_source("old.py", &old, &anchors);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().all(|p| p.starts_with("old.py:1: mentions")));

    let page = "<a id=\"a\"></a>\n# A\n\n## B\n\n```toml\n# not a heading\n```\n[x](#a) [y](#b)\n";
    assert_eq!(check_headings("p.md", page).len(), 1);
    let ids: BTreeMap<String, BTreeSet<String>> = [(
        "p.md".to_string(),
        ids_of(page).into_iter().map(|(id, _)| id).collect(),
    )]
    .into_iter()
    .collect();
    let links = check_docs_links("p.md", page, &ids);
    assert_eq!(links.len(), 1, "{links:#?}");
    assert!(links[0].contains("p.md#b"));
}
