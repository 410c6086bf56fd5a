//! Decimals in and out: the strict text grammar of the contract, JS numbers read through their
//! shortest round-trip text, and plain-notation output without trailing zeros.

use rust_decimal::Decimal;

use crate::error::{out_of_range, Error, ErrorCode, Quoted, Result};

pub mod exact;
pub mod natural;

/// Reads a decimal written in plain or scientific notation (`"850"`, `"0.02"`, `"1.5e3"`).
///
/// The value must be representable *exactly* as a [`Decimal`] (at most 28 fraction digits and
/// a 96-bit mantissa once trailing zeros are dropped): money must never be rounded on the way
/// in, so anything else is `out_of_range` rather than silently rounded. Signs are read here;
/// whether a negative value is allowed is the caller's rule (see [`non_negative`]).
pub fn parse_decimal(text: &str, field: &str) -> Result<Decimal> {
    let invalid = || {
        Error::new(
            ErrorCode::InvalidNumber,
            field,
            format!("{} is not a number (write it like \"850\", \"0.02\" or \"1.5e3\")", Quoted(text)),
        )
    };
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let (body, exponent_text) = match rest.iter().position(|&b| b == b'e' || b == b'E') {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = match body.iter().position(|&b| b == b'.') {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, &body[body.len()..]),
    };
    let all_digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return Err(invalid());
    }
    let exponent = match exponent_text {
        None => 0i64,
        Some(digits) => parse_exponent(digits).ok_or_else(invalid)?,
    };

    // value = digits × 10^power, with the leading and trailing zeros of `digits` dropped.
    let digits: Vec<u8> = whole.iter().chain(fraction).map(|b| b - b'0').collect();
    let Some(first) = digits.iter().position(|&d| d != 0) else {
        return Ok(Decimal::ZERO); // "0", "-0.000", "0e999": zero whatever the sign or exponent
    };
    let last = digits.iter().rposition(|&d| d != 0).unwrap_or(first);
    let significant = &digits[first..=last];
    let power = exponent - fraction.len() as i64 + (digits.len() - 1 - last) as i64;

    let too_big = || {
        out_of_range(
            field,
            format!("{text} cannot be held exactly (at most 28 decimal places and 29 digits, below 7.9e28)"),
        )
    };
    if significant.len() > 29 || power > 28 || power < -(Decimal::MAX_SCALE as i64) {
        return Err(too_big());
    }
    let mut mantissa: i128 = significant.iter().fold(0, |acc, &d| acc * 10 + d as i128);
    let mut scale = 0u32;
    if power >= 0 {
        mantissa = mantissa.checked_mul(10i128.pow(power as u32)).ok_or_else(too_big)?;
    } else {
        scale = (-power) as u32;
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| too_big())
}

/// The exponent of scientific notation, clamped far beyond any representable power so that
/// `"1e99999999999999999999"` reads as "too large" rather than failing to parse.
fn parse_exponent(text: &[u8]) -> Option<i64> {
    let (sign, digits) = match text.first() {
        Some(b'-') => (-1, &text[1..]),
        Some(b'+') => (1, &text[1..]),
        _ => (1, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().fold(0i64, |acc, &d| (acc * 10 + (d - b'0') as i64).min(1_000_000));
    Some(sign * magnitude)
}

/// Reads a number through its shortest round-trip text, as JavaScript's `String(n)` writes
/// it, so that `0.1` is exactly 0.1 rather than the binary double
/// 0.1000000000000000055511151231257827…. Ryu finds those digits (the fewest that convert
/// back to the same double, the closest when several do: JavaScript's rule) without Rust's
/// larger float formatter.
pub fn decimal_from_f64(value: f64, field: &str) -> Result<Decimal> {
    if !value.is_finite() {
        return Err(not_finite(value, field));
    }
    parse_decimal(ryu::Buffer::new().format_finite(value), field)
}

pub(crate) fn not_finite(value: f64, field: &str) -> Error {
    let name = if value.is_nan() { "NaN" } else if value > 0.0 { "Infinity" } else { "-Infinity" };
    Error::new(ErrorCode::InvalidNumber, field, format!("{name} is not a finite number"))
}

/// Rejects negative amounts: points, pools and totals are counts and sums of money.
pub fn non_negative(value: Decimal, field: &str) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::new(ErrorCode::Negative, field, format!("must not be negative (got {})", format_decimal(value))));
    }
    Ok(value.normalize())
}

/// Plain notation, no exponent, no trailing zeros: `"138.125"`, `"0"`, `"500"`.
pub fn format_decimal(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Serde adapters so that every decimal leaves the crate as its plain-notation text.
pub mod text {
    use rust_decimal::Decimal;
    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_decimal(*value))
    }

    pub mod option {
        use rust_decimal::Decimal;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => super::serialize(value, serializer),
                None => serializer.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn read(text: &str) -> Result<String> {
        parse_decimal(text, "x").map(format_decimal)
    }

    #[test]
    fn reads_plain_and_scientific_notation() {
        assert_eq!(read("850").unwrap(), "850");
        assert_eq!(read("0.02").unwrap(), "0.02");
        assert_eq!(read("1.5e3").unwrap(), "1500");
        assert_eq!(read("1.5E-3").unwrap(), "0.0015");
        assert_eq!(read(".5").unwrap(), "0.5");
        assert_eq!(read("5.").unwrap(), "5");
        assert_eq!(read("+7").unwrap(), "7");
        assert_eq!(read("-0").unwrap(), "0");
        assert_eq!(read("0e999999999999999999999").unwrap(), "0");
        assert_eq!(read("1000000000000000000000000000000e-30").unwrap(), "1");
        assert_eq!(read("79228162514264337593543950335").unwrap(), "79228162514264337593543950335");
        assert_eq!(read("0.0000000000000000000000000001").unwrap(), "0.0000000000000000000000000001");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for text in ["", "abc", "1,000", " 1", "1 ", "1e", "e5", ".", "-", "1.2.3", "0x10", "Infinity", "NaN", "1e+", "--1"] {
            assert_eq!(parse_decimal(text, "x").unwrap_err().code, ErrorCode::InvalidNumber, "{text:?}");
        }
    }

    #[test]
    fn refuses_to_round_on_the_way_in() {
        for text in ["79228162514264337593543950336", "1e29", "1e99999999999999999999", "0.00000000000000000000000000001", "1.00000000000000000000000000001"] {
            assert_eq!(parse_decimal(text, "x").unwrap_err().code, ErrorCode::OutOfRange, "{text:?}");
        }
    }

    #[test]
    fn negative_amounts_are_refused_but_negative_zero_is_zero() {
        let err = non_negative(Decimal::from(-5), "tierTotals[2]").unwrap_err();
        assert_eq!((err.code, err.message().as_str()), (ErrorCode::Negative, "tierTotals[2]: must not be negative (got -5)"));
        assert_eq!(format_decimal(non_negative(Decimal::from_str("-0.00").unwrap(), "x").unwrap()), "0");
    }
}
