//! The calendar and the ISO-8601 grammar of instants: a leaf module, which the readers of
//! requests (`input`) and the ranking periods (`period`) both use.
//!
//! Time is epoch milliseconds (`i64`), like a JavaScript `Date`, over the same range
//! (±8.64e15 ms, about ±273,790 years). Calendar conversion uses Howard Hinnant's
//! days-from-civil algorithm, which is exact for the proleptic Gregorian calendar at any
//! of those dates, leap years included.
//!
//! Each function checks the range of its inputs first, and its arithmetic is allowed
//! unchecked only after that check, where every term is shown to fit (a local `allow` with
//! its bound); text is read through `get`.

use crate::error::{out_of_range, Error, ErrorCode, Quoted, Result};

pub(crate) const MS_PER_DAY: i64 = 86_400_000;
/// The range of a JavaScript `Date`.
pub(crate) const MAX_TIMESTAMP_MS: i64 = 8_640_000_000_000_000;

/// Years this module handles: the grammar reads at most six digits, and a `Date`'s range is
/// ±275,760 years.
const MAX_YEARS: i64 = 1_000_000;
/// Day counts this module handles: ±1.1 million years, past any `Date`.
const MAX_DAYS: i64 = 400_000_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`); `None`
/// outside ±[`MAX_YEARS`] or for a month or day that no calendar has.
// After the check, |year| ≤ 10^6, month ≤ 12 and day ≤ 31: every term is below 10^9.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    if !(-MAX_YEARS..=MAX_YEARS).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = month as i64;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The date of a day count since 1970-01-01 (Hinnant's `civil_from_days`); `None` outside
/// ±[`MAX_DAYS`].
// After the check, |days| ≤ 4·10^8: every term is below 10^9, and day and month are in 1..=31
// and 1..=12 by the algorithm, so the casts keep them.
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub(crate) fn civil_from_days(days: i64) -> Option<(i64, u32, u32)> {
    if !(-MAX_DAYS..=MAX_DAYS).contains(&days) {
        return None;
    }
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Some((year, month, day))
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
/// `None` past ±[`MAX_DAYS`] days.
pub(crate) fn format_timestamp(ms: i64) -> Option<String> {
    let (year, month, day) = civil_from_days(ms.div_euclid(MS_PER_DAY))?;
    let of_day = ms.rem_euclid(MS_PER_DAY);
    let (hour, minute, second, milli) = (of_day / 3_600_000, of_day / 60_000 % 60, of_day / 1000 % 60, of_day % 1000);
    let (sign, year_digits) = match year {
        0..=9999 => ("", 4),
        _ if year < 0 => ("-", 6),
        _ => ("+", 6),
    };
    let year = year.unsigned_abs();
    Some(format!("{sign}{year:0year_digits$}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z"))
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
            format!("{} is not an ISO-8601 timestamp like \"2026-11-21T10:30:00Z\" or \"2026-11-21\"", Quoted(text)),
        )
    };
    let mut cursor = Cursor { rest: text.as_bytes() };
    let year = match cursor.peek() {
        Some(sign @ (b'+' | b'-')) => {
            cursor.bump();
            let magnitude = cursor.digits(6).ok_or_else(malformed)?;
            // At most six digits: negating cannot overflow.
            if sign == b'-' { magnitude.saturating_neg() } else { magnitude }
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
            return Err(out_of_range(field, format!("{} has a time of day that does not exist", Quoted(text))));
        }
        ms_of_day = time_of_day_ms(hour, minute, second, milli);
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
                    return Err(out_of_range(field, format!("{} has a time zone offset that does not exist", Quoted(text))));
                }
                let offset = time_of_day_ms(hours, minutes, 0, 0) / 60_000;
                if sign == b'-' { offset.saturating_neg() } else { offset }
            }
            _ => {
                return Err(Error::new(
                    ErrorCode::InvalidType,
                    field,
                    format!("{} needs a time zone (\"Z\" for UTC, or an offset like \"+02:00\")", Quoted(text)),
                ));
            }
        };
    }
    if !cursor.rest.is_empty() {
        return Err(malformed());
    }
    let (Ok(month), Ok(day)) = (u32::try_from(month), u32::try_from(day)) else {
        return Err(out_of_range(field, format!("{} is not a date in the calendar", Quoted(text))));
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(out_of_range(field, format!("{} is not a date in the calendar", Quoted(text))));
    }
    let ms = days_from_civil(year, month, day)
        .and_then(|days| days.checked_mul(MS_PER_DAY))
        .and_then(|ms| ms.checked_add(ms_of_day))
        .and_then(|ms| ms.checked_sub(offset_minutes.checked_mul(60_000)?))
        .filter(|ms| (-MAX_TIMESTAMP_MS..=MAX_TIMESTAMP_MS).contains(ms));
    ms.ok_or_else(|| out_of_range(field, format!("{} is outside the range of a date", Quoted(text))))
}

/// Milliseconds of a time of day read as two-digit fields (each at most 99) and a millisecond
/// count below 1,000: at most 3.6·10^8, far inside i64.
#[allow(clippy::arithmetic_side_effects)]
fn time_of_day_ms(hour: i64, minute: i64, second: i64, milli: i64) -> i64 {
    ((hour * 60 + minute) * 60 + second) * 1000 + milli
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
        self.rest = self.rest.get(count..).unwrap_or_default();
        Some(decimal_digits(digits))
    }

    /// One or more fraction-of-second digits, truncated to milliseconds as `Date` does.
    fn fraction_ms(&mut self) -> Option<i64> {
        let count = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        let (digits, rest) = self.rest.split_at_checked(count)?;
        self.rest = rest;
        Some(decimal_digits(digits.iter().chain(b"000").take(3)))
    }
}

/// The number that ASCII `digits` write: callers pass at most six, so at most 999,999.
#[allow(clippy::arithmetic_side_effects)]
fn decimal_digits<'a>(digits: impl IntoIterator<Item = &'a u8>) -> i64 {
    digits.into_iter().fold(0, |number, &digit| number * 10 + i64::from(digit - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The expected texts are JavaScript's own: `new Date(ms).toISOString()` in Node 20.
    #[test]
    fn formats_every_part_of_an_instant_as_javascript_does() {
        for (ms, iso) in [
            (1_795_257_015_250, "2026-11-21T10:30:15.250Z"),
            (1_795_305_599_999, "2026-11-21T23:59:59.999Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (-62_198_755_200_000, "-000001-01-01T00:00:00.000Z"),
            (-62_198_755_200_001, "-000002-12-31T23:59:59.999Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (253_402_300_800_000, "+010000-01-01T00:00:00.000Z"),
        ] {
            assert_eq!(format_timestamp(ms).as_deref(), Some(iso), "{ms}");
        }
    }

    /// The Gregorian leap rule, from the calendar's definition: every fourth year, but not
    /// a century unless it is a fourth century (year 0 and -4 are leap years, proleptically).
    #[test]
    fn february_has_29_days_in_leap_years_only() {
        for (year, days) in [(2024, 29), (2023, 28), (2026, 28), (1900, 28), (2100, 28), (2000, 29), (2400, 29), (0, 29), (-4, 29), (-1, 28), (-100, 28)] {
            assert_eq!(days_in_month(year, 2), days, "{year}");
        }
        assert_eq!([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(|month| days_in_month(2026, month)), [31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        // Through the parser: the 29th of February exists in exactly the leap years.
        for (text, exists) in [("2024-02-29", true), ("2000-02-29", true), ("1900-02-29", false), ("2023-02-29", false)] {
            assert_eq!(parse_timestamp(text, "at").is_ok(), exists, "{text}");
        }
    }

    /// Each part out of range alone is refused with the reason for that part; the largest
    /// value of each part alone is taken.
    #[test]
    fn each_field_at_and_past_its_limit() {
        let detail = |text: &str| parse_timestamp(text, "at").map_err(|error| (error.code, error.detail));
        let no_time = |text: &str| Err((ErrorCode::OutOfRange, format!("\"{text}\" has a time of day that does not exist")));
        let no_offset = |text: &str| Err((ErrorCode::OutOfRange, format!("\"{text}\" has a time zone offset that does not exist")));
        let no_date = |text: &str| Err((ErrorCode::OutOfRange, format!("\"{text}\" is not a date in the calendar")));
        // JavaScript's Date.parse gives these instants (milliseconds since 1970).
        assert_eq!(detail("2026-11-21T23:59:59Z"), Ok(1_795_305_599_000));
        assert_eq!(detail("2026-11-21T00:00+23:59"), Ok(1_795_132_860_000));
        assert_eq!(detail("2026-11-21T10:30:15.250-02:30"), Ok(1_795_266_015_250));
        for text in ["2026-11-21T24:00Z", "2026-11-21T23:60Z", "2026-11-21T23:59:60Z", "2026-11-21T00:60:59Z"] {
            assert_eq!(detail(text), no_time(text));
        }
        for text in ["2026-11-21T00:00+24:00", "2026-11-21T00:00+23:60", "2026-11-21T00:00-00:60"] {
            assert_eq!(detail(text), no_offset(text));
        }
        for text in ["2026-11-00", "2026-13-05", "2026-00-05", "2026-04-31", "2026-12-32"] {
            assert_eq!(detail(text), no_date(text));
        }
    }
}
