//! Norwegian working-day calendar and working-minute arithmetic.
//!
//! A *working day* is a Monday–Friday that is neither a Norwegian public
//! holiday nor one of the configured extra closed days. A working day lasts
//! from local midnight to the next local midnight, so on days with a
//! daylight-saving change it is 23 or 25 hours long.
//!
//! The Norwegian public holidays are New Year's Day (1 Jan), Maundy Thursday,
//! Good Friday, Easter Sunday, Easter Monday, Labour Day (1 May), Constitution
//! Day (17 May), Ascension Day, Whit Sunday, Whit Monday, Christmas Day
//! (25 Dec) and Boxing Day (26 Dec). The Easter-based days are derived from
//! [`easter_sunday`], which implements the anonymous Gregorian
//! (Meeus/Jones/Butcher) algorithm for any year.
//!
//! The working minutes of an interval `[start, end)` are the minutes of real
//! elapsed time that fall on working days, with days delimited by local
//! midnight in the time zone of `start` (typically `Europe/Oslo`). See
//! [`Calendar::breakdown`] for the exact rules, including how sub-minute
//! remainders are truncated.
//!
//! Every function here is total: no input that chrono can represent makes
//! it panic. Results outside chrono's date range saturate, as documented on
//! each item.

use std::collections::BTreeSet;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Weekday,
};

/// One public holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    /// The calendar date of the holiday.
    pub date: NaiveDate,
    /// The Norwegian (bokmål) name, e.g. `"2. påskedag"`.
    pub name_nb: &'static str,
    /// The English name, e.g. `"Easter Monday"`.
    pub name_en: &'static str,
}

/// Why a date is or is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A Monday–Friday that is neither a public holiday nor a closed day.
    Working,
    /// A Saturday or Sunday that is not a public holiday.
    Weekend,
    /// A Norwegian public holiday (reported even when it falls on a weekend).
    Holiday(Holiday),
    /// A configured extra closed day that would otherwise be a working day.
    Closed,
}

impl DayKind {
    /// Whether this kind is [`DayKind::Working`].
    pub fn is_working(&self) -> bool {
        matches!(self, DayKind::Working)
    }
}

/// Minutes of an interval that fall on one local calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySlice {
    /// The local calendar date.
    pub date: NaiveDate,
    /// Whole minutes of real elapsed time of the interval within this local
    /// day (the slice's total seconds divided by 60, truncated).
    pub minutes: i64,
    /// What kind of day `date` is.
    pub kind: DayKind,
}

/// Offset (in days) from Easter Sunday, or a fixed month and day.
#[derive(Clone, Copy)]
enum Rule {
    Fixed(u32, u32),
    Easter(i64),
}

/// The holiday rules, in the order used to break ties when two holidays fall
/// on the same date: fixed-date holidays come before the Easter-based ones
/// that can coincide with them (1 May / Ascension Day, 17 May / Ascension
/// Day, Whit Sunday or Whit Monday).
const RULES: [(Rule, &str, &str); 12] = [
    (Rule::Fixed(1, 1), "1. nyttårsdag", "New Year's Day"),
    (Rule::Easter(-3), "Skjærtorsdag", "Maundy Thursday"),
    (Rule::Easter(-2), "Langfredag", "Good Friday"),
    (Rule::Easter(0), "1. påskedag", "Easter Sunday"),
    (Rule::Easter(1), "2. påskedag", "Easter Monday"),
    (Rule::Fixed(5, 1), "Arbeidernes dag", "Labour Day"),
    (Rule::Fixed(5, 17), "Grunnlovsdag", "Constitution Day"),
    (Rule::Easter(39), "Kristi himmelfartsdag", "Ascension Day"),
    (Rule::Easter(49), "1. pinsedag", "Whit Sunday"),
    (Rule::Easter(50), "2. pinsedag", "Whit Monday"),
    (Rule::Fixed(12, 25), "1. juledag", "Christmas Day"),
    (Rule::Fixed(12, 26), "2. juledag", "Boxing Day"),
];

/// Month and day of Easter Sunday in `year` (proleptic Gregorian calendar),
/// by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. Uses floored
/// division so that it is defined for every year, including negative ones.
fn easter_month_day(year: i64) -> (u32, u32) {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    // 0 <= h <= 29, 0 <= l <= 6 and 0 <= m <= 1, so 107 <= n <= 149: the
    // month is 3 or 4 and the day is 1..=31, which always fit in a u32.
    let month = u32::try_from(n.div_euclid(31)).unwrap_or(4);
    let day = u32::try_from(n.rem_euclid(31) + 1).unwrap_or(1);
    (month, day)
}

/// Easter Sunday of `year` in the proleptic Gregorian calendar, by the
/// anonymous Gregorian (Meeus/Jones/Butcher) algorithm.
///
/// `year` is clamped to the years that [`NaiveDate`] can represent
/// (`NaiveDate::MIN.year()..=NaiveDate::MAX.year()`), so this never panics.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let year = year.clamp(NaiveDate::MIN.year(), NaiveDate::MAX.year());
    let (month, day) = easter_month_day(i64::from(year));
    // Always valid: March or April, day within the month, year in range.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// All holidays of `year` in rule order (see [`RULES`]); `None` entries are
/// dates chrono cannot represent (only possible for out-of-range years).
fn holiday_array(year: i32) -> [Option<Holiday>; 12] {
    let in_range = (NaiveDate::MIN.year()..=NaiveDate::MAX.year()).contains(&year);
    let easter = in_range.then(|| easter_sunday(year));
    RULES.map(|(rule, name_nb, name_en)| {
        let date = match rule {
            Rule::Fixed(month, day) => NaiveDate::from_ymd_opt(year, month, day),
            Rule::Easter(offset) => {
                easter.and_then(|e| e.checked_add_signed(Duration::try_days(offset)?))
            }
        }?;
        Some(Holiday {
            date,
            name_nb,
            name_en,
        })
    })
}

/// The Norwegian public holidays of `year`, sorted by date.
///
/// Easter Sunday and Whit Sunday are included for completeness even though
/// they are always Sundays. When two holidays fall on the same date (for
/// example 17 May 2027 is both Constitution Day and Whit Monday) both are
/// listed, the fixed-date holiday first. Years that [`NaiveDate`] cannot
/// represent yield an empty list.
pub fn holidays(year: i32) -> Vec<Holiday> {
    let mut list: Vec<Holiday> = holiday_array(year).into_iter().flatten().collect();
    // Stable sort: ties keep rule order, so fixed-date holidays come first.
    list.sort_by_key(|h| h.date);
    list
}

/// The Norwegian public holiday on `date`, if any. When two holidays share
/// the date, the first one listed by [`holidays`] is returned.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    holiday_array(date.year())
        .into_iter()
        .flatten()
        // Among equal dates, rule order is the order `holidays` lists them in.
        .find(|h| h.date == date)
}

/// The working-day calendar: Norwegian holidays plus extra closed days.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    extra_closed_days: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// A calendar with the Norwegian public holidays and the given extra
    /// closed days (duplicates are ignored).
    pub fn new(extra_closed_days: impl IntoIterator<Item = NaiveDate>) -> Self {
        Calendar {
            extra_closed_days: extra_closed_days.into_iter().collect(),
        }
    }

    /// The configured extra closed days, in ascending order.
    pub fn extra_closed_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.extra_closed_days.iter().copied()
    }

    /// Why `date` is or is not a working day.
    ///
    /// A public holiday is reported as [`DayKind::Holiday`] even when it falls
    /// on a weekend; an extra closed day is reported as [`DayKind::Closed`]
    /// only when it would otherwise be a working day.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        if let Some(holiday) = holiday_on(date) {
            DayKind::Holiday(holiday)
        } else if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            DayKind::Weekend
        } else if self.extra_closed_days.contains(&date) {
            DayKind::Closed
        } else {
            DayKind::Working
        }
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_kind(date).is_working()
    }

    /// The last working day strictly before `date`.
    ///
    /// Saturates at [`NaiveDate::MIN`] if there is no working day before
    /// `date` that chrono can represent.
    pub fn previous_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        // Runs of non-working days are bounded by the weekend/holiday
        // pattern (at most five days, around Easter) plus the number of
        // configured closed days, so this loop is short.
        while let Some(prev) = day.pred_opt() {
            if self.is_working_day(prev) {
                return prev;
            }
            day = prev;
        }
        NaiveDate::MIN
    }

    /// The interval `[start, end)` split into one slice per local calendar
    /// date it touches, in chronological order.
    ///
    /// Local dates are taken in the time zone of `start` (`end` is converted
    /// to it). A local day `D` covers the real instants from the start of
    /// `D` up to the start of the next day, where the start of a day is its
    /// local midnight (the earliest one if it is ambiguous), or, if local
    /// midnight does not exist in that zone, the first valid instant after it
    /// found by stepping forward a minute at a time. Days therefore last as
    /// long as they really do: in `Europe/Oslo` the spring-forward day has
    /// 1380 minutes and the fall-back day 1500.
    ///
    /// Each slice's `minutes` are the whole minutes of real elapsed time of
    /// the interval within that day: the slice's total seconds divided by 60,
    /// truncated. Sub-minute remainders are therefore dropped per slice, so
    /// the sum over all slices can be less than the interval's length in
    /// minutes by at most the number of slices; when `start` and `end` are on
    /// whole minutes in a zone whose midnights are on whole minutes, the sum
    /// is exact.
    ///
    /// Returns an empty vector when `end <= start`. Runs in time
    /// proportional to the number of days touched, and never panics for
    /// instants chrono can represent (local dates beyond chrono's range
    /// saturate to [`NaiveDate::MIN`] or [`NaiveDate::MAX`]).
    pub fn breakdown<Tz: TimeZone>(
        &self,
        start: &DateTime<Tz>,
        end: &DateTime<Tz>,
    ) -> Vec<DaySlice> {
        self.slices(start, end).collect()
    }

    /// Minutes of `[start, end)` that fall on working days: the sum of the
    /// `minutes` of the [`breakdown`](Self::breakdown) slices whose kind is
    /// [`DayKind::Working`]. Returns 0 when `end <= start`.
    pub fn working_minutes<Tz: TimeZone>(&self, start: &DateTime<Tz>, end: &DateTime<Tz>) -> i64 {
        self.slices(start, end)
            .filter(|slice| slice.kind.is_working())
            .fold(0i64, |total, slice| total.saturating_add(slice.minutes))
    }

    fn slices<Tz: TimeZone>(&self, start: &DateTime<Tz>, end: &DateTime<Tz>) -> Slices<'_, Tz> {
        let tz = start.timezone();
        let end = end.with_timezone(&tz);
        let date = (start < &end).then(|| local_date(start));
        Slices {
            calendar: self,
            tz,
            cursor: start.clone(),
            end,
            date,
        }
    }
}

/// The local date of `instant`, saturating instead of panicking when the
/// local date lies outside chrono's range (which [`DateTime::date_naive`]
/// would panic on).
fn local_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDate {
    let offset = instant.offset().fix();
    match instant.naive_utc().checked_add_offset(offset) {
        Some(local) => local.date(),
        None if offset.local_minus_utc() > 0 => NaiveDate::MAX,
        None => NaiveDate::MIN,
    }
}

/// Upper bound on the minute steps taken to get past a gap at local
/// midnight. Real gaps are at most a day (Pacific/Apia skipped 30 Dec 2011).
const MAX_GAP_MINUTES: i64 = 3 * 24 * 60;

/// The first instant of local date `date` in `tz`: local midnight (the
/// earliest if ambiguous) or, if midnight falls in a gap, the first valid
/// instant after it on a whole-minute step. `None` if no such instant is
/// representable.
fn day_start<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> Option<DateTime<Tz>> {
    let midnight = date.and_time(NaiveTime::MIN);
    if let Some(instant) = tz.from_local_datetime(&midnight).earliest() {
        return Some(instant);
    }
    (1..=MAX_GAP_MINUTES).find_map(|step| {
        let local: NaiveDateTime = midnight.checked_add_signed(Duration::try_minutes(step)?)?;
        tz.from_local_datetime(&local).earliest()
    })
}

/// Iterator behind [`Calendar::breakdown`] and [`Calendar::working_minutes`].
struct Slices<'a, Tz: TimeZone> {
    calendar: &'a Calendar,
    tz: Tz,
    /// Start of the part of the interval not yet emitted.
    cursor: DateTime<Tz>,
    end: DateTime<Tz>,
    /// Local date of `cursor`; `None` once the iterator is exhausted.
    date: Option<NaiveDate>,
}

impl<Tz: TimeZone> Iterator for Slices<'_, Tz> {
    type Item = DaySlice;

    fn next(&mut self) -> Option<DaySlice> {
        loop {
            let date = self.date?;
            if self.cursor >= self.end {
                self.date = None;
                return None;
            }
            let next_date = date.succ_opt();
            let slice_end = match next_date.and_then(|d| day_start(&self.tz, d)) {
                Some(boundary) if boundary < self.end => boundary,
                _ => self.end.clone(),
            };
            self.date = next_date;
            if slice_end <= self.cursor {
                // The next day already started (e.g. a fall-back across
                // midnight made the local date lag): nothing left of `date`.
                continue;
            }
            let seconds = slice_end
                .clone()
                .signed_duration_since(&self.cursor)
                .num_seconds();
            self.cursor = slice_end;
            return Some(DaySlice {
                date,
                minutes: seconds / 60,
                kind: self.calendar.day_kind(date),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{LocalResult, Utc};
    use chrono_tz::Tz;
    use chrono_tz::{Asia::Tehran, Europe::Oslo};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(tz: Tz, y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Tz> {
        tz.with_ymd_and_hms(y, m, day, h, min, s).single().unwrap()
    }

    fn oslo(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Tz> {
        at(Oslo, y, m, day, h, min, 0)
    }

    #[test]
    fn easter_sundays_known() {
        let table = [
            (2024, (3, 31)),
            (2025, (4, 20)),
            (2026, (4, 5)),
            (2027, (3, 28)),
            (2028, (4, 16)),
            (2029, (4, 1)),
            (2030, (4, 21)),
            (1818, (3, 22)),
            (2285, (3, 22)),
            (2038, (4, 25)),
            (1943, (4, 25)),
            (2000, (4, 23)),
            (1961, (4, 2)),
        ];
        for (year, (m, day)) in table {
            assert_eq!(easter_sunday(year), d(year, m, day), "Easter {year}");
        }
    }

    #[test]
    fn holidays_2024_to_2030() {
        // Published Norwegian public holidays (helligdager), including the two
        // Sundays 1. påskedag and 1. pinsedag, in date order.
        #[rustfmt::skip]
        let table: [(i32, [(u32, u32); 12]); 7] = [
            (2024, [(1, 1), (3, 28), (3, 29), (3, 31), (4, 1), (5, 1), (5, 9), (5, 17), (5, 19), (5, 20), (12, 25), (12, 26)]),
            (2025, [(1, 1), (4, 17), (4, 18), (4, 20), (4, 21), (5, 1), (5, 17), (5, 29), (6, 8), (6, 9), (12, 25), (12, 26)]),
            (2026, [(1, 1), (4, 2), (4, 3), (4, 5), (4, 6), (5, 1), (5, 14), (5, 17), (5, 24), (5, 25), (12, 25), (12, 26)]),
            (2027, [(1, 1), (3, 25), (3, 26), (3, 28), (3, 29), (5, 1), (5, 6), (5, 16), (5, 17), (5, 17), (12, 25), (12, 26)]),
            (2028, [(1, 1), (4, 13), (4, 14), (4, 16), (4, 17), (5, 1), (5, 17), (5, 25), (6, 4), (6, 5), (12, 25), (12, 26)]),
            (2029, [(1, 1), (3, 29), (3, 30), (4, 1), (4, 2), (5, 1), (5, 10), (5, 17), (5, 20), (5, 21), (12, 25), (12, 26)]),
            (2030, [(1, 1), (4, 18), (4, 19), (4, 21), (4, 22), (5, 1), (5, 17), (5, 30), (6, 9), (6, 10), (12, 25), (12, 26)]),
        ];
        for (year, dates) in table {
            let got: Vec<NaiveDate> = holidays(year).iter().map(|h| h.date).collect();
            let want: Vec<NaiveDate> = dates.iter().map(|&(m, day)| d(year, m, day)).collect();
            assert_eq!(got, want, "holidays {year}");
            let cal = Calendar::default();
            for date in want {
                assert!(matches!(cal.day_kind(date), DayKind::Holiday(h) if h.date == date));
                assert!(!cal.is_working_day(date));
            }
        }
    }

    #[test]
    fn holiday_names_2026() {
        let names: Vec<(NaiveDate, &str, &str)> = holidays(2026)
            .iter()
            .map(|h| (h.date, h.name_nb, h.name_en))
            .collect();
        assert_eq!(
            names,
            vec![
                (d(2026, 1, 1), "1. nyttårsdag", "New Year's Day"),
                (d(2026, 4, 2), "Skjærtorsdag", "Maundy Thursday"),
                (d(2026, 4, 3), "Langfredag", "Good Friday"),
                (d(2026, 4, 5), "1. påskedag", "Easter Sunday"),
                (d(2026, 4, 6), "2. påskedag", "Easter Monday"),
                (d(2026, 5, 1), "Arbeidernes dag", "Labour Day"),
                (d(2026, 5, 14), "Kristi himmelfartsdag", "Ascension Day"),
                (d(2026, 5, 17), "Grunnlovsdag", "Constitution Day"),
                (d(2026, 5, 24), "1. pinsedag", "Whit Sunday"),
                (d(2026, 5, 25), "2. pinsedag", "Whit Monday"),
                (d(2026, 12, 25), "1. juledag", "Christmas Day"),
                (d(2026, 12, 26), "2. juledag", "Boxing Day"),
            ]
        );
    }

    #[test]
    fn coinciding_holidays_report_fixed_date_first() {
        // 17 May 2027 is Constitution Day and Whit Monday; 1 May 2008 was
        // Labour Day and Ascension Day.
        let on_17_may: Vec<&str> = holidays(2027)
            .iter()
            .filter(|h| h.date == d(2027, 5, 17))
            .map(|h| h.name_en)
            .collect();
        assert_eq!(on_17_may, ["Constitution Day", "Whit Monday"]);
        assert_eq!(holiday_on(d(2027, 5, 17)).unwrap().name_nb, "Grunnlovsdag");
        assert_eq!(holiday_on(d(2008, 5, 1)).unwrap().name_en, "Labour Day");
        assert_eq!(holiday_on(d(2026, 5, 18)), None);
    }

    #[test]
    fn day_kinds() {
        let cal = Calendar::new([d(2026, 3, 4), d(2026, 3, 7), d(2026, 4, 6), d(2026, 3, 4)]);
        let table = [
            (d(2026, 3, 3), DayKind::Working),
            (d(2026, 3, 4), DayKind::Closed),
            // A closed day that is a weekend is still a weekend.
            (d(2026, 3, 7), DayKind::Weekend),
            (d(2026, 3, 8), DayKind::Weekend),
            (d(2026, 3, 9), DayKind::Working),
            // Saturday 26 Dec 2026 is reported as a holiday.
            (
                d(2026, 12, 26),
                DayKind::Holiday(holiday_on(d(2026, 12, 26)).unwrap()),
            ),
            // A closed day that is a holiday is reported as the holiday.
            (
                d(2026, 4, 6),
                DayKind::Holiday(holiday_on(d(2026, 4, 6)).unwrap()),
            ),
            (d(2026, 12, 24), DayKind::Working),
        ];
        for (date, kind) in table {
            assert_eq!(cal.day_kind(date), kind, "{date}");
            assert_eq!(cal.is_working_day(date), kind == DayKind::Working, "{date}");
        }
        assert_eq!(
            cal.extra_closed_days().collect::<Vec<_>>(),
            [d(2026, 3, 4), d(2026, 3, 7), d(2026, 4, 6)]
        );
    }

    #[test]
    fn previous_working_days() {
        let cal = Calendar::new([d(2026, 3, 6), d(2026, 3, 5)]);
        let table = [
            // Tuesday after Easter -> Wednesday before Maundy Thursday.
            (d(2026, 4, 7), d(2026, 4, 1)),
            (d(2026, 4, 2), d(2026, 4, 1)),
            // Monday -> Friday.
            (d(2026, 3, 16), d(2026, 3, 13)),
            (d(2026, 3, 14), d(2026, 3, 13)),
            (d(2026, 3, 13), d(2026, 3, 12)),
            // Monday after a closed Thursday and Friday -> Wednesday.
            (d(2026, 3, 9), d(2026, 3, 4)),
            // New Year on Friday 2027: Monday 4 Jan -> Thursday 31 Dec.
            (d(2027, 1, 4), d(2026, 12, 31)),
            // Whit Monday 2027 (also 17 May) -> Friday 14 May.
            (d(2027, 5, 18), d(2027, 5, 14)),
        ];
        for (date, want) in table {
            assert_eq!(cal.previous_working_day(date), want, "before {date}");
        }
    }

    #[test]
    fn weekdays_of_chosen_dates() {
        assert_eq!(d(2027, 5, 17).weekday(), Weekday::Mon);
        assert_eq!(d(2026, 12, 24).weekday(), Weekday::Thu);
        assert_eq!(d(2026, 3, 6).weekday(), Weekday::Fri);
        assert_eq!(d(2026, 3, 29).weekday(), Weekday::Sun);
        assert_eq!(d(2026, 10, 25).weekday(), Weekday::Sun);
        assert_eq!(d(2022, 3, 22).weekday(), Weekday::Tue);
        assert_eq!(d(2022, 9, 21).weekday(), Weekday::Wed);
    }

    #[test]
    fn working_minutes_table() {
        let cal = Calendar::default();
        let table = [
            // Inside one working day (Wednesday).
            (
                "one day",
                oslo(2026, 3, 4, 8, 0),
                oslo(2026, 3, 4, 16, 30),
                510,
            ),
            // Friday 23:00 -> Saturday 01:00.
            (
                "into saturday",
                oslo(2026, 3, 6, 23, 0),
                oslo(2026, 3, 7, 1, 0),
                60,
            ),
            (
                "whole weekend",
                oslo(2026, 3, 7, 0, 0),
                oslo(2026, 3, 9, 0, 0),
                0,
            ),
            (
                "fri 22 -> mon 02",
                oslo(2026, 3, 6, 22, 0),
                oslo(2026, 3, 9, 2, 0),
                240,
            ),
            // Across the autumn DST weekend: the 25-hour Sunday does not count.
            (
                "fri 22 -> mon 02 dst",
                oslo(2026, 10, 23, 22, 0),
                oslo(2026, 10, 26, 2, 0),
                240,
            ),
            // Monday 17 May 2027 is a holiday.
            (
                "17 may",
                oslo(2027, 5, 14, 12, 0),
                oslo(2027, 5, 18, 12, 0),
                1440,
            ),
            (
                "17 may only",
                oslo(2027, 5, 17, 0, 0),
                oslo(2027, 5, 18, 0, 0),
                0,
            ),
            // Christmas 2026: Thursday 24 Dec works, Fri 25 and Sat 26 do not.
            (
                "christmas",
                oslo(2026, 12, 24, 0, 0),
                oslo(2026, 12, 28, 0, 0),
                1440,
            ),
            (
                "christmas eve pm",
                oslo(2026, 12, 24, 12, 0),
                oslo(2026, 12, 25, 12, 0),
                720,
            ),
            // Easter 2026: Wed 1 Apr and Tue 7 Apr work, nothing in between.
            (
                "easter",
                oslo(2026, 4, 1, 12, 0),
                oslo(2026, 4, 7, 12, 0),
                1440,
            ),
            ("60", oslo(2026, 3, 4, 10, 0), oslo(2026, 3, 4, 11, 0), 60),
            ("61", oslo(2026, 3, 4, 10, 0), oslo(2026, 3, 4, 11, 1), 61),
            ("empty", oslo(2026, 3, 4, 10, 0), oslo(2026, 3, 4, 10, 0), 0),
            (
                "reversed",
                oslo(2026, 3, 4, 11, 0),
                oslo(2026, 3, 4, 10, 0),
                0,
            ),
            // A full working week.
            (
                "week",
                oslo(2026, 3, 2, 0, 0),
                oslo(2026, 3, 9, 0, 0),
                5 * 1440,
            ),
        ];
        for (name, start, end, want) in table {
            assert_eq!(cal.working_minutes(&start, &end), want, "{name}");
        }
    }

    #[test]
    fn sub_minute_seconds_are_truncated() {
        let cal = Calendar::default();
        let s = |h, m, sec| at(Oslo, 2026, 3, 4, h, m, sec);
        assert_eq!(cal.working_minutes(&s(10, 0, 0), &s(11, 0, 59)), 60);
        assert_eq!(cal.working_minutes(&s(10, 0, 30), &s(11, 0, 29)), 59);
        assert_eq!(cal.working_minutes(&s(10, 0, 30), &s(11, 0, 30)), 60);
        assert_eq!(cal.working_minutes(&s(10, 0, 0), &s(10, 0, 59)), 0);
        // Truncation is per slice: 30 s before and after midnight give 0.
        let before = at(Oslo, 2026, 3, 4, 23, 59, 30);
        let after = at(Oslo, 2026, 3, 5, 0, 0, 30);
        let slices = cal.breakdown(&before, &after);
        assert_eq!(slices.len(), 2);
        assert!(slices.iter().all(|s| s.minutes == 0));
        let nanos = s(10, 0, 0) + Duration::nanoseconds(1);
        assert_eq!(cal.working_minutes(&nanos, &s(11, 0, 0)), 59);
    }

    #[test]
    fn end_in_another_zone_is_converted() {
        let cal = Calendar::default();
        let start = oslo(2026, 3, 6, 22, 0);
        // Monday 02:00 in Oslo (UTC+1) is 01:00 UTC.
        let end = at(chrono_tz::UTC, 2026, 3, 9, 1, 0, 0);
        assert_eq!(cal.working_minutes(&start, &end), 240);
        assert_eq!(
            cal.breakdown(&start, &end).last().unwrap().date,
            d(2026, 3, 9)
        );
    }

    #[test]
    fn breakdown_basic_and_empty() {
        let cal = Calendar::default();
        let start = oslo(2026, 3, 6, 22, 0);
        let end = oslo(2026, 3, 9, 2, 0);
        let slices = cal.breakdown(&start, &end);
        let want = [
            (d(2026, 3, 6), 120, DayKind::Working),
            (d(2026, 3, 7), 1440, DayKind::Weekend),
            (d(2026, 3, 8), 1440, DayKind::Weekend),
            (d(2026, 3, 9), 120, DayKind::Working),
        ];
        let got: Vec<_> = slices.iter().map(|s| (s.date, s.minutes, s.kind)).collect();
        assert_eq!(got, want);
        assert!(cal.breakdown(&end, &start).is_empty());
        assert!(cal.breakdown(&start, &start).is_empty());
        // Ending exactly at midnight does not touch the next day.
        let slices = cal.breakdown(&oslo(2026, 3, 4, 12, 0), &oslo(2026, 3, 5, 0, 0));
        assert_eq!(slices.len(), 1);
        assert_eq!(slices[0].minutes, 720);
    }

    #[test]
    fn oslo_dst_day_lengths() {
        let cal = Calendar::default();
        let table = [
            (d(2026, 3, 29), 1380),
            (d(2026, 10, 25), 1500),
            (d(2026, 3, 28), 1440),
            (d(2026, 10, 26), 1440),
        ];
        for (date, minutes) in table {
            let next = date.succ_opt().unwrap();
            let start = oslo(date.year(), date.month(), date.day(), 0, 0);
            let end = oslo(next.year(), next.month(), next.day(), 0, 0);
            let slices = cal.breakdown(&start, &end);
            assert_eq!(slices.len(), 1, "{date}");
            assert_eq!(slices[0].date, date);
            assert_eq!(slices[0].minutes, minutes, "{date}");
            assert_eq!(slices[0].kind, cal.day_kind(date));
        }
        // Saturday noon to Monday noon across spring-forward.
        let slices = cal.breakdown(&oslo(2026, 3, 28, 12, 0), &oslo(2026, 3, 30, 12, 0));
        let minutes: Vec<i64> = slices.iter().map(|s| s.minutes).collect();
        assert_eq!(minutes, [720, 1380, 720]);
        assert_eq!(
            cal.working_minutes(&oslo(2026, 3, 28, 12, 0), &oslo(2026, 3, 30, 12, 0)),
            720
        );
    }

    #[test]
    fn tehran_dst_on_working_days() {
        let cal = Calendar::default();
        let tz: Tz = Tehran;
        // Spring forward at local midnight: 2022-03-22 00:00 does not exist.
        let midnight = d(2022, 3, 22).and_time(NaiveTime::MIN);
        assert_eq!(tz.from_local_datetime(&midnight), LocalResult::None);
        assert_eq!(d(2022, 3, 22).weekday(), Weekday::Tue);
        let start = at(tz, 2022, 3, 21, 12, 0, 0);
        let end = at(tz, 2022, 3, 23, 12, 0, 0);
        let got: Vec<_> = cal
            .breakdown(&start, &end)
            .iter()
            .map(|s| (s.date, s.minutes, s.kind))
            .collect();
        assert_eq!(
            got,
            [
                (d(2022, 3, 21), 720, DayKind::Working),
                (d(2022, 3, 22), 1380, DayKind::Working),
                (d(2022, 3, 23), 720, DayKind::Working),
            ]
        );
        assert_eq!(cal.working_minutes(&start, &end), 2820);
        // Real elapsed time is 47 hours.
        assert_eq!((end - start).num_minutes(), 2820);
        // The day itself, starting from the first valid instant (01:00).
        let day_start = at(tz, 2022, 3, 22, 1, 0, 0);
        let day_end = at(tz, 2022, 3, 23, 0, 0, 0);
        assert_eq!(cal.working_minutes(&day_start, &day_end), 1380);

        // Fall back at local midnight: Wednesday 2022-09-21 lasts 25 hours.
        assert_eq!(d(2022, 9, 21).weekday(), Weekday::Wed);
        let start = at(tz, 2022, 9, 21, 0, 0, 0);
        let end = at(tz, 2022, 9, 22, 0, 0, 0);
        let slices = cal.breakdown(&start, &end);
        assert_eq!(slices.len(), 1);
        assert_eq!(slices[0].minutes, 1500);
        assert_eq!(cal.working_minutes(&start, &end), 1500);
    }

    #[test]
    fn skipped_day_in_apia_has_no_slice() {
        // Samoa skipped Friday 30 Dec 2011 entirely.
        let tz: Tz = chrono_tz::Pacific::Apia;
        let cal = Calendar::default();
        let start = at(tz, 2011, 12, 29, 12, 0, 0);
        let end = at(tz, 2011, 12, 31, 12, 0, 0);
        let got: Vec<_> = cal
            .breakdown(&start, &end)
            .iter()
            .map(|s| (s.date, s.minutes))
            .collect();
        assert_eq!(got, [(d(2011, 12, 29), 720), (d(2011, 12, 31), 720)]);
    }

    #[test]
    fn other_time_zone_types() {
        let cal = Calendar::default();
        let start = Utc.with_ymd_and_hms(2026, 3, 6, 22, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 3, 9, 2, 0, 0).unwrap();
        assert_eq!(cal.working_minutes(&start, &end), 240);
        let fixed = chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        let start = start.with_timezone(&fixed);
        let end = end.with_timezone(&fixed);
        // 03:30 Sat -> 07:30 Mon in +05:30: Saturday and Sunday don't count.
        assert_eq!(cal.working_minutes(&start, &end), 450);
    }

    #[test]
    fn extremes_do_not_panic() {
        let cal = Calendar::new([NaiveDate::MIN, NaiveDate::MAX]);
        let _ = easter_sunday(i32::MAX);
        let _ = easter_sunday(i32::MIN);
        assert_eq!(easter_sunday(i32::MAX).year(), NaiveDate::MAX.year());
        assert_eq!(easter_sunday(i32::MIN).year(), NaiveDate::MIN.year());
        assert!(holidays(i32::MAX).is_empty());
        assert!(holidays(i32::MIN).is_empty());
        assert_eq!(holidays(NaiveDate::MAX.year()).len(), 12);
        assert_eq!(holidays(NaiveDate::MIN.year()).len(), 12);
        let _ = cal.day_kind(NaiveDate::MIN);
        let _ = cal.day_kind(NaiveDate::MAX);
        assert_eq!(cal.previous_working_day(NaiveDate::MIN), NaiveDate::MIN);
        let early = NaiveDate::MIN + Duration::days(10);
        assert!(cal.previous_working_day(early) < early);
        let _ = cal.previous_working_day(NaiveDate::MAX);

        let far = [
            (
                DateTime::<Utc>::MIN_UTC,
                DateTime::<Utc>::MIN_UTC + Duration::days(3),
            ),
            (
                DateTime::<Utc>::MAX_UTC - Duration::days(3),
                DateTime::<Utc>::MAX_UTC,
            ),
            (
                Utc.with_ymd_and_hms(9999, 12, 30, 0, 0, 0).unwrap(),
                Utc.with_ymd_and_hms(10000, 1, 3, 0, 0, 0).unwrap(),
            ),
        ];
        let zones: [Tz; 4] = [
            Oslo,
            Tehran,
            chrono_tz::Pacific::Kiritimati,
            chrono_tz::America::Adak,
        ];
        for (start, end) in far {
            for tz in zones {
                let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
                let slices = cal.breakdown(&s, &e);
                let total: i64 = slices.iter().map(|s| s.minutes).sum();
                assert!(total <= 3 * 1440 + 5 * 1440, "{tz}");
                let _ = cal.working_minutes(&s, &e);
                let _ = cal.working_minutes(&e, &s);
            }
            for fixed in [-86_399, -3600, 0, 3600, 86_399] {
                let fixed = chrono::FixedOffset::east_opt(fixed).unwrap();
                let (s, e) = (start.with_timezone(&fixed), end.with_timezone(&fixed));
                let _ = cal.breakdown(&s, &e);
            }
        }
    }

    #[test]
    fn long_interval_is_fast() {
        // 400 years: O(days), so this is instant even in debug builds.
        let cal = Calendar::default();
        let start = oslo(1900, 1, 1, 0, 0);
        let end = oslo(2300, 1, 1, 0, 0);
        let slices = cal.breakdown(&start, &end);
        assert_eq!(slices.len(), 146_097);
        let total: i64 = slices.iter().map(|s| s.minutes).sum();
        assert_eq!(total, (end - start).num_minutes());
        assert!(cal.working_minutes(&start, &end) > 0);
    }

    /// Slow reference: walk minute by minute, counting the minutes whose
    /// first instant has a working local date in Oslo.
    fn reference_working_minutes(cal: &Calendar, start: DateTime<Tz>, minutes: i64) -> i64 {
        (0..minutes)
            .filter(|&m| {
                let instant = start + Duration::minutes(m);
                cal.is_working_day(instant.date_naive())
            })
            .count() as i64
    }

    fn utc_2020() -> i64 {
        Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0)
            .unwrap()
            .timestamp()
    }

    fn utc_2036() -> i64 {
        Utc.with_ymd_and_hms(2036, 1, 1, 0, 0, 0)
            .unwrap()
            .timestamp()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn working_minutes_match_minute_walk(
            start_minute in (utc_2020() / 60)..(utc_2036() / 60),
            length in -600i64..=(10 * 1440),
            closed in proptest::collection::vec(0i64..12, 0..4),
        ) {
            let start = DateTime::from_timestamp(start_minute * 60, 0).unwrap().with_timezone(&Oslo);
            let end = start + Duration::minutes(length);
            let first = start.date_naive();
            let cal = Calendar::new(closed.iter().map(|&k| first + Duration::days(k)));
            let want = reference_working_minutes(&cal, start, length.max(0));
            prop_assert_eq!(cal.working_minutes(&start, &end), want);
            let slices = cal.breakdown(&start, &end);
            let total: i64 = slices.iter().map(|s| s.minutes).sum();
            prop_assert_eq!(total, length.max(0));
        }

        #[test]
        fn breakdown_partitions_interval(
            start_secs in utc_2020()..utc_2036(),
            start_nanos in 0u32..1_000_000_000,
            length_secs in 0i64..(40 * 86_400),
            length_nanos in 0i64..1_000_000_000,
        ) {
            let start = DateTime::from_timestamp(start_secs, start_nanos).unwrap().with_timezone(&Oslo);
            let end = start + Duration::seconds(length_secs) + Duration::nanoseconds(length_nanos);
            let cal = Calendar::default();
            let slices = cal.breakdown(&start, &end);
            let total_minutes = (end - start).num_seconds() / 60;
            let sum: i64 = slices.iter().map(|s| s.minutes).sum();
            prop_assert!(sum <= total_minutes);
            prop_assert!(sum >= total_minutes - slices.len() as i64);
            prop_assert!(!slices.is_empty() || end == start);
            if let Some(first) = slices.first() {
                prop_assert_eq!(first.date, start.date_naive());
            }
            if let Some(last) = slices.last() {
                let last_instant = end - Duration::nanoseconds(1);
                prop_assert_eq!(last.date, last_instant.date_naive());
            }
            for pair in slices.windows(2) {
                prop_assert_eq!(pair[0].date.succ_opt(), Some(pair[1].date));
            }
            for slice in &slices {
                prop_assert_eq!(slice.kind, cal.day_kind(slice.date));
                prop_assert!((0..=1500).contains(&slice.minutes));
            }
            let working: i64 = slices.iter().filter(|s| s.kind.is_working()).map(|s| s.minutes).sum();
            prop_assert_eq!(cal.working_minutes(&start, &end), working);
        }
    }
}
