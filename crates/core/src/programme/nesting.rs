//! How deeply a definition's text nests, found before parsing.
//!
//! serde_json and toml refuse input nested deeper than about 128 levels,
//! which cuts criteria off at about 60 levels of `any`, short of the 64 the
//! definition allows. Their limits guard the stack, so they are lifted only
//! after this scan has bounded the depth; deeper text is refused here with
//! `criterion_too_deep`, since criteria are what nests.

use super::MAX_CRITERION_DEPTH;
use crate::error::{ProgrammeError, ProgrammeErrorKind};

/// Room for 64 criterion levels (an object and a list each) plus the
/// programme, goal and criterion around them.
const MAX_TEXT_DEPTH: usize = 2 * MAX_CRITERION_DEPTH + 16;

/// The syntax whose strings and comments the scan must skip.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    Json,
    Toml,
}

pub(super) fn check(text: &str, syntax: Syntax) -> Result<(), ProgrammeError> {
    if depth(text.as_bytes(), syntax) > MAX_TEXT_DEPTH {
        return Err(ProgrammeError::new(
            ProgrammeErrorKind::CriterionTooDeep,
            "",
            format!(
                "nested more than {MAX_TEXT_DEPTH} levels; criteria may nest {MAX_CRITERION_DEPTH}"
            ),
        ));
    }
    Ok(())
}

/// The deepest nesting of `[` and `{` outside strings and comments.
fn depth(text: &[u8], syntax: Syntax) -> usize {
    let toml = syntax == Syntax::Toml;
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0);
    while i < text.len() {
        match text[i] {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => i = string_end(text, i, b'"', true),
            b'\'' if toml => i = string_end(text, i, b'\'', false),
            b'#' if toml => {
                i = text[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(text.len(), |n| i + n)
            }
            _ => {}
        }
        i += 1;
    }
    deepest
}

/// The index of the quote closing the string opened at `start` (single or
/// triple quotes; backslash escapes where the syntax has them).
fn string_end(text: &[u8], start: usize, quote: u8, escapes: bool) -> usize {
    let triple = text[start..].starts_with(&[quote; 3]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < text.len() {
        if escapes && text[i] == b'\\' {
            i += 2;
            continue;
        }
        if triple && text[i..].starts_with(&[quote; 3]) {
            return i + 2;
        }
        if !triple && text[i] == quote {
            return i;
        }
        i += 1;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        assert_eq!(depth(br#"{"a": [1, {"b": "[[[{"}]}"#, Syntax::Json), 3);
        assert_eq!(depth(br#"{"a": "\"[["}"#, Syntax::Json), 1);
        let toml = b"a = [ 'x[[' ] # [[[[\nb = \"\"\"\n[[[\"\"\"\nc = { d = [ {} ] }\n";
        assert_eq!(depth(toml, Syntax::Toml), 3);
    }
}
