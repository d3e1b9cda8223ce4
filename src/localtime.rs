//! Local times in the site's zone: parsing what coordinators write, and
//! formatting what machines read.
//!
//! Coordinators write `2026-12-03 18:00`, `2026-12-03T18:00` (local time in
//! the site zone) or RFC 3339 with an offset. A local time that does not exist
//! (the spring-forward gap) is refused; one that exists twice (fall-back) is
//! refused unless an offset says which one is meant.

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike,
};
use chrono_tz::Tz;

use crate::catalogue::check as msg;

/// Why a time could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Not one of the accepted forms.
    Format,
    /// The local time falls in the spring-forward gap.
    Gap(NaiveDateTime),
    /// The local time happens twice (fall-back); carries both offsets.
    Ambiguous(NaiveDateTime, FixedOffset, FixedOffset),
}

impl TimeError {
    /// What is wrong, in plain words.
    pub fn message(&self, text: &str, tz: Tz) -> String {
        match self {
            TimeError::Format => msg::not_a_time(text),
            TimeError::Gap(local) => msg::time_in_gap(local.format("%Y-%m-%d %H:%M"), tz),
            TimeError::Ambiguous(local, ..) => msg::time_twice(local.format("%Y-%m-%d %H:%M"), tz),
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> String {
        match self {
            TimeError::Format => msg::not_a_time_hint(),
            TimeError::Gap(local) => msg::time_in_gap_hint(
                (*local + chrono::Duration::hours(1)).format("%Y-%m-%d %H:%M"),
            ),
            TimeError::Ambiguous(local, first, second) => {
                let local = local.format("%Y-%m-%dT%H:%M");
                msg::time_twice_hint(format!("{local}{first}"), format!("{local}{second}"))
            }
        }
    }
}

const LOCAL_FORMATS: [&str; 4] = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
];

const OFFSET_FORMATS: [&str; 4] = [
    "%Y-%m-%dT%H:%M%:z",
    "%Y-%m-%d %H:%M%:z",
    "%Y-%m-%dT%H:%M:%S%:z",
    "%Y-%m-%d %H:%M:%S%:z",
];

/// Parses one of the accepted time forms in `tz`.
pub fn parse(text: &str, tz: Tz) -> Result<DateTime<Tz>, TimeError> {
    let text = text.trim();
    if let Some(local) = plain_local(text) {
        return resolve_strict(local, tz);
    }
    if let Ok(fixed) = DateTime::parse_from_rfc3339(text) {
        return Ok(fixed.with_timezone(&tz));
    }
    let with_z = text.replace(['Z', 'z'], "+00:00");
    for format in OFFSET_FORMATS {
        if let Ok(fixed) = DateTime::parse_from_str(&with_z, format) {
            return Ok(fixed.with_timezone(&tz));
        }
    }
    let local = LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or(TimeError::Format)?;
    resolve_strict(local, tz)
}

/// True for text of the shape `YYYY-MM-DD HH:MM` (with `T` for the space,
/// `:SS` allowed): ASCII digits and separators in place, values unchecked.
pub(crate) fn has_local_time_shape(text: &str) -> bool {
    let b = text.as_bytes();
    let all_digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (b.len() == 16 || b.len() == 19 && b[16] == b':' && all_digits(17..19))
        && all_digits(0..4)
        && b[4] == b'-'
        && all_digits(5..7)
        && b[7] == b'-'
        && all_digits(8..10)
        && matches!(b[10], b' ' | b'T')
        && all_digits(11..13)
        && b[13] == b':'
        && all_digits(14..16)
}

/// The usual `YYYY-MM-DD HH:MM` (or with `T`, or with `:SS`) read without
/// chrono's format machinery; `None` for anything else, which [`parse`]
/// then reads the long way (the result is the same either way).
fn plain_local(text: &str) -> Option<NaiveDateTime> {
    if !has_local_time_shape(text) {
        return None;
    }
    let b = text.as_bytes();
    let seconds = if b.len() == 19 {
        digits(&b[17..19])?
    } else {
        0
    };
    let date = NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )?;
    let time = NaiveTime::from_hms_opt(digits(&b[11..13])?, digits(&b[14..16])?, seconds)?;
    Some(date.and_time(time))
}

/// The number written with the ASCII digits `b` (all digits, no sign).
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// Parses RFC 3339 as chrono's `DateTime<FixedOffset>` parser does: the
/// usual `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` directly, anything
/// else (lowercase letters, a space for `T`, leap seconds, ...) by chrono.
pub fn parse_fixed(text: &str) -> Option<DateTime<FixedOffset>> {
    fast_rfc3339(text).or_else(|| text.parse().ok())
}

/// The fast half of [`parse_fixed`]: `None` when chrono must decide.
fn fast_rfc3339(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    if b.len() < 20 || b[10] != b'T' || b[16] != b':' {
        return None;
    }
    let mut local = plain_local(&text[..16])?;
    let seconds = digits(&b[17..19])?;
    if seconds > 59 {
        return None;
    }
    let mut rest = &b[19..];
    let mut nanos = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let len = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
        if len == 0 || len > 9 {
            return None;
        }
        nanos = digits(&fraction[..len])? * 10u32.pow(9 - len as u32);
        rest = &fraction[len..];
    }
    local = local.with_second(seconds)?.with_nanosecond(nanos)?;
    let offset = match rest {
        b"Z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 || hours + minutes == 0 && *sign == b'-' {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&local)
        .single()
}

/// The one instant that `local` names in `tz`, or why there is none.
pub fn resolve_strict(local: NaiveDateTime, tz: Tz) -> Result<DateTime<Tz>, TimeError> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::None => Err(TimeError::Gap(local)),
        LocalResult::Ambiguous(a, b) => Err(TimeError::Ambiguous(
            local,
            a.fixed_offset().offset().to_owned(),
            b.fixed_offset().offset().to_owned(),
        )),
    }
}

/// The instant of `time` on local `date`, for times the software computes
/// (such as "11:00 the day before"): never fails. In a gap it takes the
/// first instant after the jump; in an overlap the earlier instant.
pub fn at(date: NaiveDate, time: NaiveTime, tz: Tz) -> DateTime<Tz> {
    let mut local = date.and_time(time);
    for _ in 0..(24 * 60) {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => return t,
            LocalResult::Ambiguous(a, _) => return a,
            LocalResult::None => local += chrono::Duration::minutes(1),
        }
    }
    tz.from_utc_datetime(&date.and_time(time))
}

/// Parses a clock time `HH:MM` (00:00–23:59).
pub fn parse_clock(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// RFC 3339 with the zone's offset and whole seconds, as SPEC §6 prints times.
pub fn rfc3339(t: &DateTime<Tz>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Oslo;

    #[test]
    fn accepted_forms() {
        let cases = [
            ("2026-12-03 18:00", "2026-12-03T18:00:00+01:00"),
            ("2026-12-03T18:00", "2026-12-03T18:00:00+01:00"),
            ("2026-07-03 18:00", "2026-07-03T18:00:00+02:00"),
            ("2026-12-03T18:00:00+01:00", "2026-12-03T18:00:00+01:00"),
            ("2026-12-03T17:00:00Z", "2026-12-03T18:00:00+01:00"),
            ("2026-12-03 18:00+02:00", "2026-12-03T17:00:00+01:00"),
            ("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+02:00"),
            ("2026-10-25T02:30:00+01:00", "2026-10-25T02:30:00+01:00"),
        ];
        for (input, expected) in cases {
            assert_eq!(rfc3339(&parse(input, Oslo).unwrap()), expected, "{input}");
        }
    }

    #[test]
    fn the_quick_reading_agrees_with_chrono() {
        // (input, read by the quick path)
        let cases = [
            ("2026-12-03 18:00", true),
            ("2026-12-03T18:00", true),
            ("2026-12-03 18:00:59", true),
            ("2026-12-03T18:00:07", true),
            ("2028-02-29 10:00", true),
            ("2026-02-29 10:00", false),
            ("2026-12-03 24:00", false),
            ("2026-12-03 18:60", false),
            ("2026-12-03 18:00:60", false),
            ("2026-13-03 18:00", false),
            ("2026-12-03x18:00", false),
            ("2026-12-03 18:0a", false),
            ("+026-12-03 18:00", false),
            ("2026-12-03  8:00", false),
        ];
        for (input, quick) in cases {
            let slow = LOCAL_FORMATS
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(input, f).ok());
            assert_eq!(plain_local(input).is_some(), quick, "{input}");
            if quick {
                assert_eq!(plain_local(input), slow, "{input}");
            }
        }
        // A leap second is left to chrono, which reads it.
        assert!(parse("2026-12-31 23:59:60", Oslo).is_ok());
    }

    #[test]
    fn rfc3339_fast_path_and_fallbacks() {
        // (input, read by the fast path)
        let cases = [
            ("2027-03-10T07:00:00+01:00", true),
            ("2027-03-10T07:00:00-09:30", true),
            ("2027-03-10T07:00:00Z", true),
            ("2027-03-10T07:00:00.5+02:00", true),
            ("2027-03-10T07:00:00.123456789Z", true),
            ("2027-03-10T07:00:00.1234567891Z", false),
            ("2027-03-10T07:00:00-00:00", false),
            ("2027-03-10T07:00:00z", false),
            ("2027-03-10t07:00:00Z", false),
            ("2027-03-10 07:00:00+01:00", false),
            ("2027-03-10T07:00:60+01:00", false),
            ("2027-03-10T07:00:00+24:00", false),
            ("2027-03-10T07:00:00+0100", false),
            ("2027-03-10T07:00:00", false),
            ("2027-03-10T07:00:00.Z", false),
            ("2027-02-30T07:00:00Z", false),
            ("2027-03-10T07:00+01:00", false),
            ("", false),
        ];
        for (input, fast) in cases {
            let chrono = input.parse::<DateTime<FixedOffset>>().ok();
            assert_eq!(fast_rfc3339(input).is_some(), fast, "{input}");
            assert_eq!(parse_fixed(input), chrono, "{input}");
            if let (Some(a), Some(b)) = (parse_fixed(input), chrono) {
                assert_eq!(a.offset(), b.offset(), "{input}");
            }
        }
    }

    #[test]
    fn refused_forms() {
        for input in [
            "",
            "2026-12-03",
            "18:00",
            "3.12.2026 18:00",
            "2026-13-01 10:00",
            "2026-12-03 24:00",
            "tomorrow",
        ] {
            assert_eq!(parse(input, Oslo), Err(TimeError::Format), "{input}");
        }
    }

    #[test]
    fn dst_gap_and_overlap() {
        let gap = parse("2026-03-29 02:30", Oslo).unwrap_err();
        assert!(matches!(gap, TimeError::Gap(_)));
        assert!(gap.message("", Oslo).contains("does not exist"));
        let overlap = parse("2026-10-25 02:30", Oslo).unwrap_err();
        assert!(matches!(overlap, TimeError::Ambiguous(..)));
        assert!(overlap.hint().contains("+02:00") && overlap.hint().contains("+01:00"));
        assert!(parse("2026-03-29 03:00", Oslo).is_ok());
        assert!(parse("2026-10-25 03:00", Oslo).is_ok());
    }

    #[test]
    fn computed_times_never_fail() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(
            rfc3339(&at(d, parse_clock("02:30").unwrap(), Oslo)),
            "2026-03-29T03:00:00+02:00"
        );
        let d = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        assert_eq!(
            rfc3339(&at(d, parse_clock("02:30").unwrap(), Oslo)),
            "2026-10-25T02:30:00+02:00"
        );
    }

    #[test]
    fn clock_times() {
        assert_eq!(parse_clock("07:00"), NaiveTime::from_hms_opt(7, 0, 0));
        for bad in ["7:00", "24:00", "11:60", "1100", "aa:bb", ""] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }
}
