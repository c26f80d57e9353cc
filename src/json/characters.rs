//! Characters that look like JSON punctuation but are not, and mojibake.
//!
//! Writers paste JSON through word processors and chat tools, which turn `"` into
//! `“` and `,` into `，`; files saved through the wrong encoding turn `，` into
//! `ï¼Œ`. Both read fine to a person and break every JSON parser, so the help
//! must name the character and the ASCII one meant.

/// A character that stands where JSON wants an ASCII one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookalike {
    /// The character found.
    pub found: char,
    /// The ASCII text meant; empty when the character should simply go.
    pub meant: &'static str,
}

/// Typographic and full-width forms of JSON punctuation, and spaces JSON does not
/// allow between tokens.
const LOOKALIKES: &[(char, &str)] = &[
    ('\u{FF0C}', ","),
    ('\u{3001}', ","),
    ('\u{FF1A}', ":"),
    ('\u{FF5B}', "{"),
    ('\u{FF5D}', "}"),
    ('\u{FF3B}', "["),
    ('\u{FF3D}', "]"),
    ('\u{FF02}', "\""),
    ('\u{201C}', "\""),
    ('\u{201D}', "\""),
    ('\u{201E}', "\""),
    ('\u{2033}', "\""),
    ('\u{00AB}', "\""),
    ('\u{00BB}', "\""),
    ('\u{2018}', "\""),
    ('\u{2019}', "\""),
    ('\u{FF07}', "\""),
    ('\u{2212}', "-"),
    ('\u{2013}', "-"),
    ('\u{00A0}', " "),
    ('\u{2000}', " "),
    ('\u{2001}', " "),
    ('\u{2002}', " "),
    ('\u{2003}', " "),
    ('\u{2004}', " "),
    ('\u{2005}', " "),
    ('\u{2006}', " "),
    ('\u{2007}', " "),
    ('\u{2008}', " "),
    ('\u{2009}', " "),
    ('\u{200A}', " "),
    ('\u{202F}', " "),
    ('\u{205F}', " "),
    ('\u{3000}', " "),
    ('\u{2028}', "\n"),
    ('\u{2029}', "\n"),
    ('\u{200B}', ""),
    ('\u{2060}', ""),
    ('\u{FEFF}', ""),
];

/// The ASCII meaning of a lookalike character, if it is one.
pub fn lookalike(c: char) -> Option<Lookalike> {
    LOOKALIKES
        .iter()
        .find(|(found, _)| *found == c)
        .map(|&(found, meant)| Lookalike { found, meant })
}

/// `U+FF0C FULLWIDTH COMMA`: the code point and, where known, the Unicode name.
pub fn describe(c: char) -> String {
    match unicode_names2::name(c) {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// How to write the ASCII text meant, for a help line.
pub fn describe_meant(meant: &str) -> String {
    match meant {
        "" => "nothing (delete it)".to_string(),
        " " => "a plain space".to_string(),
        "\n" => "a line break".to_string(),
        other => format!("`{other}`"),
    }
}

/// Text that was UTF-8, decoded as Windows-1252 (or Latin-1), and saved again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mojibake {
    /// The character the bytes encoded.
    pub original: char,
    /// Length in bytes of the garbled text in the page.
    pub len: usize,
    /// How many characters the garbled text has.
    pub chars: usize,
}

/// Recognises mojibake at the start of `text` by undoing it: each character is
/// turned back into the single Windows-1252 or Latin-1 byte it was read from, and
/// the bytes must form exactly one multi-byte UTF-8 character.
pub fn mojibake(text: &str) -> Option<Mojibake> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let lead = single_byte(first)?;
    let needed = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut len = first.len_utf8();
    for _ in 0..needed {
        let (at, c) = chars.next()?;
        let byte = single_byte(c).filter(|b| (0x80..=0xBF).contains(b))?;
        bytes.push(byte);
        len = at + c.len_utf8();
    }
    let original = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    Some(Mojibake {
        original,
        len,
        chars: needed + 1,
    })
}

/// The byte a character came from when bytes were read as Windows-1252, or as
/// Latin-1 for the five bytes Windows-1252 leaves undefined.
fn single_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if (0x80..=0xFF).contains(&code) {
        return u8::try_from(code).ok();
    }
    if code < 0x80 {
        return None;
    }
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
    match (unmappable, bytes.as_ref()) {
        (false, [byte]) => Some(*byte),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Garbles a character the way a wrong-encoding round trip does.
    fn garble(c: char) -> String {
        let mut buffer = [0u8; 4];
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(c.encode_utf8(&mut buffer).as_bytes());
        text.into_owned()
    }

    #[test]
    fn undoes_mojibake_of_many_characters() {
        let cases = [
            ('\u{FF0C}', "ï¼Œ"),
            ('\u{201C}', "â€œ"),
            ('\u{2019}', "â€™"),
            ('\u{00A0}', "Â\u{a0}"),
            ('\u{FF1A}', "ï¼š"),
            ('\u{201D}', "â€\u{9d}"),
            ('é', "Ã©"),
            ('\u{2026}', "â€¦"),
        ];
        for (original, garbled) in cases {
            assert_eq!(garble(original), garbled, "round trip of {original}");
            let found = mojibake(&format!("{garbled}\n  \"x\"")).expect("mojibake");
            assert_eq!(found.original, original);
            assert_eq!(found.len, garbled.len());
        }
    }

    #[test]
    fn ordinary_text_is_not_mojibake() {
        assert_eq!(mojibake("é"), None);
        assert_eq!(mojibake("Ü ber"), None);
        assert_eq!(mojibake("\"abc\""), None);
        assert_eq!(mojibake("，"), None);
    }

    #[test]
    fn names_characters() {
        assert_eq!(describe('\u{FF0C}'), "U+FF0C FULLWIDTH COMMA");
        assert_eq!(lookalike('\u{201C}').unwrap().meant, "\"");
        assert_eq!(lookalike('a'), None);
    }
}
