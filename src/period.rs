//! Ranking periods: calendar months in UTC, and the timestamps that name instants in them.
//!
//! Time is epoch milliseconds (`i64`), like a JavaScript `Date`, over the same range
//! (±8.64e15 ms, about ±273,790 years). Calendar conversion uses Howard Hinnant's
//! days-from-civil algorithm, which is exact for the proleptic Gregorian calendar at any
//! of those dates, leap years included.
// Calendar arithmetic on i64: every instant is checked to lie within ±8.64e15 ms (the range
// of a JavaScript Date) before any arithmetic, so day counts stay below 10^11 and years below
// 3·10^5, far inside i64; text is indexed only at positions its length was checked for.
// (Converting each site to checked operations is left for a later change.)
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use rust_decimal::Decimal;

use crate::error::{out_of_range, Error, ErrorCode, Result};
use crate::number::normalized;

pub(crate) const MS_PER_DAY: i64 = 86_400_000;
/// The range of a JavaScript `Date`.
pub(crate) const MAX_TIMESTAMP_MS: i64 = 8_640_000_000_000_000;
const ELAPSED_DECIMALS: u32 = 6;

/// The input of [`crate::ranking_period`] and [`crate::pace_plan`]'s instant: `{ at? }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", rename_all = "camelCase", deny_unknown_fields))]
pub struct RankingPeriodRequest {
    /// The instant, in epoch milliseconds (ISO-8601 text in serde input); now when absent.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_instant"))]
    pub at: Option<i64>,
}

#[cfg(feature = "serde")]
crate::input::strict_struct!(RankingPeriodRequest);

/// The month (UTC) containing an instant, as epoch milliseconds: `[start_ms, end_ms)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub start_ms: i64,
    pub end_ms: i64,
    pub at_ms: i64,
}

impl Period {
    pub(crate) fn containing(at_ms: i64) -> Result<Period> {
        if !(-MAX_TIMESTAMP_MS..=MAX_TIMESTAMP_MS).contains(&at_ms) {
            return Err(out_of_range("at", format!("{} ms is outside the range of a date (±8.64e15 ms)", at_ms)));
        }
        let (year, month, _) = civil_from_days(at_ms.div_euclid(MS_PER_DAY));
        let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        Ok(Period {
            start_ms: days_from_civil(year, month, 1) * MS_PER_DAY,
            end_ms: days_from_civil(next_year, next_month, 1) * MS_PER_DAY,
            at_ms,
        })
    }

    pub(crate) fn length_ms(&self) -> i64 {
        self.end_ms - self.start_ms
    }

    pub(crate) fn elapsed_ms(&self) -> i64 {
        self.at_ms - self.start_ms
    }

    /// The period as `rankingPeriod` returns it.
    pub(crate) fn summary(&self) -> Result<RankingPeriod> {
        Ok(RankingPeriod {
            start: format_timestamp(self.start_ms),
            end: format_timestamp(self.end_ms),
            elapsed: ms_fraction(self.elapsed_ms(), self.length_ms(), ELAPSED_DECIMALS)?,
            remaining_ms: self.end_ms - self.at_ms,
        })
    }
}

/// A ranking period: the result of [`crate::ranking_period`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
#[non_exhaustive]
pub struct RankingPeriod {
    /// ISO-8601 UTC, like `Date#toISOString`: `"2026-11-01T00:00:00.000Z"`.
    pub start: String,
    /// The next period's start.
    pub end: String,
    /// The fraction of the period gone, toward zero at six places.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize"))]
    pub elapsed: Decimal,
    /// Milliseconds until the period ends.
    pub remaining_ms: i64,
}

pub(crate) fn ranking_period(at_ms: i64) -> Result<RankingPeriod> {
    Period::containing(at_ms)?.summary()
}

/// floor(part / whole, decimals) for 0 ≤ part < whole, in 128-bit integers: a period is at
/// most a few weeks of milliseconds (below 2^32), so part·10^decimals fits with room to spare.
fn ms_fraction(part: i64, whole: i64, decimals: u32) -> Result<Decimal> {
    let units = 10i128
        .checked_pow(decimals)
        .and_then(|power| i128::from(part).checked_mul(power))
        .and_then(|scaled| scaled.checked_div_euclid(i128::from(whole)))
        .filter(|_| (0..whole).contains(&part));
    units
        .and_then(|units| Decimal::try_from_i128_with_scale(units, decimals).ok())
        .map(normalized)
        .ok_or_else(|| out_of_range("at", format!("{part} ms of a {whole} ms period is not a fraction of it")))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = month as i64;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub(crate) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `Date#toISOString` format; years outside 0..=9999 get a sign and six digits, as in JS.
pub(crate) fn format_timestamp(ms: i64) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(MS_PER_DAY));
    let of_day = ms.rem_euclid(MS_PER_DAY);
    let (hour, minute, second, milli) = (of_day / 3_600_000, of_day / 60_000 % 60, of_day / 1000 % 60, of_day % 1000);
    let (sign, year_digits) = match year {
        0..=9999 => ("", 4),
        _ if year < 0 => ("-", 6),
        _ => ("+", 6),
    };
    let year = year.unsigned_abs();
    format!("{sign}{year:0year_digits$}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z")
}

/// Reads an ISO-8601 timestamp: `2026-11-21`, `2026-11`, `2026`, or a date with a time
/// `T10:30`, `T10:30:15`, `T10:30:15.250` and then a zone, `Z` or `±hh:mm`.
///
/// A date alone is midnight UTC, as in JavaScript. A time without a zone is refused: JS
/// would read it in the device's local time zone, so the same text would name different
/// instants on different phones, and ranking periods are UTC.
pub(crate) fn parse_timestamp(text: &str, field: &str) -> Result<i64> {
    let malformed = || {
        Error::new(
            ErrorCode::InvalidType,
            field,
            format!("{:?} is not an ISO-8601 timestamp like \"2026-11-21T10:30:00Z\" or \"2026-11-21\"", text),
        )
    };
    let mut cursor = Cursor { rest: text.as_bytes() };
    let year = match cursor.peek() {
        Some(sign @ (b'+' | b'-')) => {
            cursor.bump();
            let magnitude = cursor.digits(6).ok_or_else(malformed)?;
            if sign == b'-' { -magnitude } else { magnitude }
        }
        _ => cursor.digits(4).ok_or_else(malformed)?,
    };
    let mut part = |separator: u8| -> Result<Option<i64>> {
        if !cursor.eat(separator) {
            return Ok(None);
        }
        cursor.digits(2).map(Some).ok_or_else(malformed)
    };
    let month = part(b'-')?.unwrap_or(1);
    // Without a month there is no '-' left to eat, so a day is only ever read after a month.
    let day = part(b'-')?.unwrap_or(1);
    let mut ms_of_day = 0;
    let mut offset_minutes = 0;
    if cursor.eat(b'T') || cursor.eat(b't') {
        let hour = cursor.digits(2).ok_or_else(malformed)?;
        if !cursor.eat(b':') {
            return Err(malformed());
        }
        let minute = cursor.digits(2).ok_or_else(malformed)?;
        let (second, milli) = if cursor.eat(b':') {
            let second = cursor.digits(2).ok_or_else(malformed)?;
            let milli = if cursor.eat(b'.') { cursor.fraction_ms().ok_or_else(malformed)? } else { 0 };
            (second, milli)
        } else {
            (0, 0)
        };
        if hour > 23 || minute > 59 || second > 59 {
            return Err(out_of_range(field, format!("{:?} has a time of day that does not exist", text)));
        }
        ms_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + milli;
        offset_minutes = match cursor.peek() {
            Some(b'Z' | b'z') => {
                cursor.bump();
                0
            }
            Some(sign @ (b'+' | b'-')) => {
                cursor.bump();
                let hours = cursor.digits(2).ok_or_else(malformed)?;
                if !cursor.eat(b':') {
                    return Err(malformed());
                }
                let minutes = cursor.digits(2).ok_or_else(malformed)?;
                if hours > 23 || minutes > 59 {
                    return Err(out_of_range(field, format!("{:?} has a time zone offset that does not exist", text)));
                }
                let offset = hours * 60 + minutes;
                if sign == b'-' { -offset } else { offset }
            }
            _ => {
                return Err(Error::new(
                    ErrorCode::InvalidType,
                    field,
                    format!("{:?} needs a time zone (\"Z\" for UTC, or an offset like \"+02:00\")", text),
                ));
            }
        };
    }
    if !cursor.rest.is_empty() {
        return Err(malformed());
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month as u32) as i64 {
        return Err(out_of_range(field, format!("{:?} is not a date in the calendar", text)));
    }
    let ms = days_from_civil(year, month as u32, day as u32) * MS_PER_DAY + ms_of_day - offset_minutes * 60_000;
    if !(-MAX_TIMESTAMP_MS..=MAX_TIMESTAMP_MS).contains(&ms) {
        return Err(out_of_range(field, format!("{:?} is outside the range of a date", text)));
    }
    Ok(ms)
}

struct Cursor<'a> {
    rest: &'a [u8],
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    fn bump(&mut self) {
        self.rest = self.rest.get(1..).unwrap_or_default();
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.bump();
        }
        matched
    }

    /// Exactly `count` ASCII digits.
    fn digits(&mut self, count: usize) -> Option<i64> {
        let digits = self.rest.get(..count)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.rest = &self.rest[count..];
        Some(digits.iter().fold(0, |acc, &d| acc * 10 + (d - b'0') as i64))
    }

    /// One or more fraction-of-second digits, truncated to milliseconds as `Date` does.
    fn fraction_ms(&mut self) -> Option<i64> {
        let count = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let ms = self.rest[..count].iter().chain(b"000").take(3).fold(0, |acc, &d| acc * 10 + (d - b'0') as i64);
        self.rest = &self.rest[count..];
        Some(ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        parse_timestamp(text, "at").unwrap()
    }

    #[test]
    fn november_2026() {
        let period = ranking_period(at("2026-11-21T12:00:00Z")).unwrap();
        assert_eq!((period.start.as_str(), period.end.as_str()), ("2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"));
        // 20.5 of 30 days gone
        assert_eq!(period.elapsed, Decimal::new(683_333, 6));
        assert_eq!(period.remaining_ms, 9 * MS_PER_DAY + MS_PER_DAY / 2);
    }

    #[test]
    fn leap_years_and_year_ends() {
        let end_of = |text: &str| ranking_period(at(text)).unwrap().end;
        assert_eq!(end_of("2024-02-29T23:59:59.999Z"), "2024-03-01T00:00:00.000Z");
        assert_eq!(ranking_period(at("2024-02-10")).unwrap().remaining_ms, 20 * MS_PER_DAY);
        assert_eq!(ranking_period(at("2100-02-10")).unwrap().remaining_ms, 19 * MS_PER_DAY, "2100 is not a leap year");
        assert_eq!(ranking_period(at("2000-02-10")).unwrap().remaining_ms, 20 * MS_PER_DAY, "2000 is");
        assert_eq!(end_of("2026-12-31T23:59:59.999Z"), "2027-01-01T00:00:00.000Z");
        assert_eq!(end_of("1969-12-31T23:59:59.999Z"), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn the_first_and_last_millisecond_of_a_period() {
        let start = at("2026-11-01T00:00:00Z");
        assert_eq!(ranking_period(start).unwrap().elapsed, Decimal::ZERO);
        let last = ranking_period(start + 30 * MS_PER_DAY - 1).unwrap();
        assert_eq!((last.start.as_str(), last.remaining_ms, last.elapsed), ("2026-11-01T00:00:00.000Z", 1, Decimal::new(999_999, 6)));
    }

    #[test]
    fn civil_round_trip_over_many_centuries() {
        for days in (-1_000_000..1_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert!(d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn extremes_of_the_date_range_format_like_javascript() {
        assert_eq!(format_timestamp(MAX_TIMESTAMP_MS), "+275760-09-13T00:00:00.000Z");
        assert_eq!(format_timestamp(-MAX_TIMESTAMP_MS), "-271821-04-20T00:00:00.000Z");
        assert_eq!(ranking_period(MAX_TIMESTAMP_MS).unwrap().end, "+275760-10-01T00:00:00.000Z");
        assert_eq!(ranking_period(MAX_TIMESTAMP_MS + 1).unwrap_err().code, ErrorCode::OutOfRange);
        assert_eq!(at("+275760-09-13T00:00:00.000Z"), MAX_TIMESTAMP_MS);
    }

    #[test]
    fn timestamps_in_every_accepted_form() {
        let base = at("2026-11-21T00:00:00.000Z");
        assert_eq!(at("2026-11-21"), base);
        assert_eq!(at("2026-11-21T00:00Z"), base);
        assert_eq!(at("2026-11-21T02:00:00+02:00"), base);
        assert_eq!(at("2026-11-20T19:30:00-04:30"), base);
        assert_eq!(at("2026-11-21T00:00:00.1234Z"), base + 123);
        assert_eq!(at("2026-11"), at("2026-11-01"));
        assert_eq!(at("2026"), at("2026-01-01"));
    }

    #[test]
    fn bad_timestamps() {
        let code = |text: &str| parse_timestamp(text, "at").unwrap_err().code;
        for text in ["", "yesterday", "2026-1-5", "2026-11-21 10:00Z", "2026-11-21T10Z", "2026-11-21T10:00:00", "2026-11-21T10:00+0200", "2026-11-21Z", "12026-01-01"] {
            assert_eq!(code(text), ErrorCode::InvalidType, "{text:?}");
        }
        for text in ["2026-13-01", "2026-02-29", "2026-11-31", "2026-11-21T24:00Z", "2026-11-21T10:60Z", "+300000-01-01"] {
            assert_eq!(code(text), ErrorCode::OutOfRange, "{text:?}");
        }
    }
}
