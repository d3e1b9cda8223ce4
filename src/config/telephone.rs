//! Telephone numbers as the contact workbook holds them, written the one
//! way every page and email shows them.
//!
//! A Norwegian number has 8 digits and is written as Norwegians write it:
//! a landline in pairs, `69 00 00 00`, a mobile number (starting with 4 or
//! 9) as `912 34 567`; with the country code it is `+47 69 00 00 00` (also
//! when the cell held `0047…` or `+4769000000`). A cell without the country code gets none: the
//! workbook's own choice is kept. A number stored as a number in Excel (a
//! float to the reader) keeps every digit; `4769000000` is read as a number
//! with the country code. Anything else that looks like a telephone (a
//! foreign or short number) is kept as written, spaces tidied.

use crate::config::is_phone;

/// The number in a cell that Excel stores as a number, or `None` when the
/// value is not a whole, positive number of at most 15 digits.
pub fn from_number(value: f64) -> Option<String> {
    let whole = value.is_finite() && value > 0.0 && value.fract() == 0.0 && value < 1e15;
    // In range and whole: the conversion is exact.
    whole.then(|| tidy(&format!("{}", value as u64)))
}

/// The number in a text cell, tidied, or `None` when it is not a telephone
/// number (see [`is_phone`]).
pub fn from_text(text: &str) -> Option<String> {
    let text: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let tidied = tidy(&text);
    is_phone(&tidied).then_some(tidied)
}

/// `69 00 00 00` or `+47 69 00 00 00` for a Norwegian number, else the
/// text unchanged.
fn tidy(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let only_digits = text
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-' || c == '+');
    let plus_inside = text.chars().skip(1).any(|c| c == '+');
    if !only_digits || digits.is_empty() || plus_inside {
        return text.to_string();
    }
    let plus = text.starts_with('+');
    let national = match (plus, digits.len()) {
        (false, 8) => return pairs(&digits),
        (true, 10) if digits.starts_with("47") => &digits[2..],
        (false, 10) if digits.starts_with("47") => &digits[2..],
        (false, 12) if digits.starts_with("0047") => &digits[4..],
        _ => return text.to_string(),
    };
    format!("+47 {}", pairs(national))
}

/// Eight digits grouped as Norwegians write them: a landline in pairs,
/// `69 00 00 00`; a mobile number (starting with 4 or 9) as `912 34 567`.
fn pairs(digits: &str) -> String {
    let groups: &[usize] = if digits.starts_with(['4', '9']) {
        &[3, 2, 3]
    } else {
        &[2, 2, 2, 2]
    };
    let mut out = Vec::new();
    let mut rest = digits;
    for &n in groups {
        let (group, tail) = rest.split_at(n.min(rest.len()));
        out.push(group);
        rest = tail;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stored_as_numbers_keep_every_digit() {
        assert_eq!(from_number(69000000.0).unwrap(), "69 00 00 00");
        assert_eq!(from_number(4769123456.0).unwrap(), "+47 69 12 34 56");
        assert_eq!(from_number(22334455.0).unwrap(), "22 33 44 55");
        assert_eq!(from_number(4512345678.0).unwrap(), "4512345678");
        assert_eq!(from_number(91234567.0).unwrap(), "912 34 567");
        assert_eq!(from_number(4741234567.0).unwrap(), "+47 412 34 567");
        for bad in [0.0, -69000000.0, 6.9, f64::NAN, f64::INFINITY, 1e16] {
            assert_eq!(from_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn text_keeps_the_country_code_when_it_has_one() {
        assert_eq!(from_text("69000000").unwrap(), "69 00 00 00");
        assert_eq!(from_text(" 690 00 000 ").unwrap(), "69 00 00 00");
        assert_eq!(from_text("+4769000000").unwrap(), "+47 69 00 00 00");
        assert_eq!(from_text("+47 69 00 00 00").unwrap(), "+47 69 00 00 00");
        assert_eq!(from_text("0047 69000000").unwrap(), "+47 69 00 00 00");
        assert_eq!(
            from_text("+47\u{a0}69\u{a0}00 00 00").unwrap(),
            "+47 69 00 00 00"
        );
        assert_eq!(from_text("+46 8 123 456 78").unwrap(), "+46 8 123 456 78");
        for bad in [
            "",
            "ring sentralbordet",
            "123",
            "69 00 00 0x",
            "+47+69000000",
        ] {
            assert_eq!(from_text(bad), None, "{bad}");
        }
    }
}
