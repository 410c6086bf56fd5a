//! Ranking periods: calendar months in UTC (the calendar itself is `calendar`).

use rust_decimal::Decimal;

use crate::calendar::{civil_from_days, days_from_civil, format_timestamp, MAX_TIMESTAMP_MS, MS_PER_DAY};
use crate::error::{out_of_range, Result};
use crate::number::normalized;

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
        let outside = || out_of_range("at", format!("{at_ms} ms is outside the range of a date (±8.64e15 ms)"));
        if !(-MAX_TIMESTAMP_MS..=MAX_TIMESTAMP_MS).contains(&at_ms) {
            return Err(outside());
        }
        let (year, month, _) = civil_from_days(at_ms.div_euclid(MS_PER_DAY)).ok_or_else(outside)?;
        let (next_year, next_month) = if month == 12 { (year.checked_add(1), 1) } else { (Some(year), month.saturating_add(1)) };
        // Within ±8.64e15 ms, the month's bounds are a few weeks further: far inside i64.
        let month_start = |year: i64, month: u32| days_from_civil(year, month, 1)?.checked_mul(MS_PER_DAY);
        match (month_start(year, month), next_year.and_then(|next_year| month_start(next_year, next_month))) {
            (Some(start_ms), Some(end_ms)) => Ok(Period { start_ms, end_ms, at_ms }),
            _ => Err(outside()),
        }
    }

    /// The period's length: `containing` keeps start ≤ at < end, a month apart at most, so
    /// the differences below never saturate.
    pub(crate) fn length_ms(&self) -> i64 {
        self.end_ms.saturating_sub(self.start_ms)
    }

    pub(crate) fn elapsed_ms(&self) -> i64 {
        self.at_ms.saturating_sub(self.start_ms)
    }

    /// The period as `rankingPeriod` returns it.
    pub(crate) fn summary(&self) -> Result<RankingPeriod> {
        Ok(RankingPeriod {
            start: timestamp(self.start_ms)?,
            end: timestamp(self.end_ms)?,
            elapsed: ms_fraction(self.elapsed_ms(), self.length_ms(), ELAPSED_DECIMALS)?,
            remaining_ms: self.end_ms.saturating_sub(self.at_ms),
        })
    }
}

/// A period's bound as `Date#toISOString` writes it (`containing` keeps it inside a `Date`'s
/// range, so the error is never reached).
fn timestamp(ms: i64) -> Result<String> {
    format_timestamp(ms).ok_or_else(|| out_of_range("at", "is outside the range of a date (±8.64e15 ms)"))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{days_in_month, parse_timestamp};
    use crate::error::ErrorCode;

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
            let (y, m, d) = civil_from_days(days).unwrap();
            assert!(d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), Some(days));
        }
    }

    #[test]
    fn the_calendar_refuses_what_it_cannot_hold_rather_than_overflow() {
        // The edges of each function's range, and past them (i64's own extremes included).
        assert!(civil_from_days(400_000_000).is_some() && civil_from_days(-400_000_000).is_some());
        for days in [400_000_001, -400_000_001, i64::MAX, i64::MIN] {
            assert_eq!(civil_from_days(days), None, "{days}");
        }
        assert_eq!(days_from_civil(1_000_000, 12, 31).map(|days| days > 0), Some(true));
        for (year, month, day) in [(1_000_001, 1, 1), (-1_000_001, 1, 1), (i64::MAX, 1, 1), (i64::MIN, 3, 1), (2026, 0, 1), (2026, 13, 1), (2026, 1, 0), (2026, 1, 32)] {
            assert_eq!(days_from_civil(year, month, day), None, "{year}-{month}-{day}");
        }
        assert_eq!(format_timestamp(i64::MAX), None);
        assert_eq!(format_timestamp(i64::MIN), None);
        // The widest text the grammar reads is refused as out of range, not overflowed.
        for text in ["+999999-12-31T23:59:59.999-23:59", "-999999-01-01T00:00:00.000+23:59"] {
            assert_eq!(parse_timestamp(text, "at").unwrap_err().code, ErrorCode::OutOfRange, "{text}");
        }
    }

    #[test]
    fn extremes_of_the_date_range_format_like_javascript() {
        assert_eq!(format_timestamp(MAX_TIMESTAMP_MS).unwrap(), "+275760-09-13T00:00:00.000Z");
        assert_eq!(format_timestamp(-MAX_TIMESTAMP_MS).unwrap(), "-271821-04-20T00:00:00.000Z");
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
