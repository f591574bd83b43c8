//! User text made safe to print (`docs/report.md#control-characters`): a
//! name, id, label or tag from a programme or data is shown as written,
//! except that characters which would act on a terminal or reorder the text
//! around them are shown as escapes such as `\u{1b}`.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `ch` is escaped by [`visible`]: every control character (C0
/// U+0000–U+001F, including tab, line feed and carriage return; DEL
/// U+007F; C1 U+0080–U+009F), the line and paragraph separators U+2028 and
/// U+2029, and the bidirectional formatting characters (U+061C, U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069).
pub fn is_hidden(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every [`is_hidden`] character written as `\u{…}` (lower-case
/// hexadecimal, as Rust writes it): `"X\u{1b}[2J"` prints as
/// `X\u{1b}[2J`, the escape visible and inert. Other text, backslashes
/// included, is unchanged, and borrowed when nothing needs escaping. Text
/// that has been made visible stays as it is when made visible again.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        push_visible(&mut out, ch);
    }
    Cow::Owned(out)
}

/// Pushes `ch`, escaped if it [`is_hidden`].
pub(crate) fn push_visible(out: &mut String, ch: char) {
    if is_hidden(ch) {
        // Writing to a String cannot fail.
        let _ = write!(out, "\\u{{{:x}}}", u32::from(ch));
    } else {
        out.push(ch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_formatting_become_visible_escapes() {
        assert_eq!(visible("X\u{1b}[2J\u{7}Y"), "X\\u{1b}[2J\\u{7}Y");
        assert_eq!(visible("a\rb\nc\td\0e"), "a\\u{d}b\\u{a}c\\u{9}d\\u{0}e");
        assert_eq!(
            visible("\u{7f}\u{80}\u{9b}31m\u{9f}"),
            "\\u{7f}\\u{80}\\u{9b}31m\\u{9f}"
        );
        assert_eq!(
            visible("abc\u{202e}fed\u{202c} \u{2066}x\u{2069} \u{200e}\u{200f}\u{61c}"),
            "abc\\u{202e}fed\\u{202c} \\u{2066}x\\u{2069} \\u{200e}\\u{200f}\\u{61c}"
        );
        assert_eq!(visible("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
    }

    #[test]
    fn other_text_is_unchanged_and_borrowed() {
        for text in [
            "",
            "Nordost (2020/00551)",
            "Caf\u{e9} – ≥ 5 % 👩‍💻 \u{5d0}\u{5d1}",
            "C:\\path\\u{1b}",
            "\u{a0}non-breaking\u{200b}zero-width",
        ] {
            assert!(
                matches!(visible(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
        let once = visible("X\u{1b}Y").into_owned();
        assert_eq!(visible(&once), once);
    }

    #[test]
    fn exactly_the_documented_characters_are_hidden() {
        let hidden: Vec<u32> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_hidden(c))
            .map(u32::from)
            .collect();
        let mut expected: Vec<u32> = (0..=0x1f).chain(0x7f..=0x9f).collect();
        expected.extend([0x61c, 0x200e, 0x200f, 0x2028, 0x2029]);
        expected.extend(0x202a..=0x202e);
        expected.extend(0x2066..=0x2069);
        expected.sort_unstable();
        assert_eq!(hidden, expected);
    }
}
