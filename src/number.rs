//! Decimals in and out: the strict text grammar of the contract, JS numbers read through their
//! shortest round-trip text, and plain-notation output without trailing zeros.

use alloc::{string::String, vec::Vec};
use rust_decimal::Decimal;

use crate::error::{out_of_range, Error, ErrorCode, Result};
use crate::text::{text, Quoted};

pub mod estimate;
pub mod exact;
pub mod natural;
pub mod shortest;

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
            text!(Quoted(text), " is not a number (write it like \"850\", \"0.02\" or \"1.5e3\")"),
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

    // value = significant digits × 10^power, leading and trailing zeros of the digits dropped.
    let digits = whole.iter().chain(fraction).map(|byte| byte - b'0');
    let mut mantissa: i128 = 0;
    let mut significant = 0usize;
    let mut pending_zeros = 0i64; // zeros after the last non-zero digit, not yet in `mantissa`
    for digit in digits {
        if digit == 0 {
            pending_zeros += i64::from(significant > 0);
            continue;
        }
        // A 30th significant digit cannot fit in a Decimal: stop before i128 could overflow.
        significant += pending_zeros as usize + 1;
        if significant > 29 {
            break;
        }
        for _ in 0..pending_zeros {
            mantissa *= 10;
        }
        mantissa = mantissa * 10 + i128::from(digit);
        pending_zeros = 0;
    }
    if significant == 0 {
        return Ok(Decimal::ZERO); // "0", "-0.000", "0e999": zero whatever the sign or exponent
    }
    let power = exponent - fraction.len() as i64 + pending_zeros;

    let too_big = || {
        out_of_range(
            field,
            text!(text, " cannot be held exactly (at most 28 decimal places and 29 digits, below 7.9e28)"),
        )
    };
    if significant > 29 || power > 28 || power < -(Decimal::MAX_SCALE as i64) {
        return Err(too_big());
    }
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
/// 0.1000000000000000055511151231257827…. Most numbers are settled by a quick test; the
/// rest by exact arithmetic ([`shortest`]), whose text then goes through the decimal
/// grammar like any string (which also names a value a `Decimal` cannot hold).
pub fn decimal_from_f64(value: f64, field: &str) -> Result<Decimal> {
    if !value.is_finite() {
        return Err(not_finite(value, field));
    }
    if let Some(decimal) = short_decimal(value) {
        return Ok(decimal);
    }
    let (digits, exponent) = shortest::shortest(value).ok_or_else(|| not_finite(value, field))?;
    // Scientific notation as JavaScript would write it ("-1.2345e-29"), for any message.
    let digits = text!(digits);
    let (lead, rest) = digits.split_at_checked(1).unwrap_or_default();
    let sign = if value < 0.0 { "-" } else { "" };
    let point = if rest.is_empty() { "" } else { "." };
    parse_decimal(&text!(sign, lead, point, rest, "e", exponent + rest.len() as i32), field)
}

/// The shortest decimal of a double with few decimal places, found without formatting it;
/// `None` when the fast reasoning below does not apply (exact arithmetic then decides).
///
/// Let t be a number of decimal places and u the gap from |x| to the next double. If
/// u·10^t ≤ 1/4, a decimal n/10^t that reads back as x has |x·10^t − n| ≤ u·10^t/2 ≤ 1/8,
/// and computing x·10^t adds at most u·10^t ≤ 1/4 more, so n is round(x·10^t): the only
/// candidate at t. Trying t = 0, 1, 2, … and keeping the first n whose n/10^t (one correctly
/// rounded division by an exact power of ten) is exactly x therefore finds the decimal with
/// the fewest places that reads back as x, and it is unique at that t (two candidates
/// would be 10^-t apart, more than the u/2 each may be from x). That is the decimal of the
/// shortest round-trip text, which also has the fewest digits.
fn short_decimal(value: f64) -> Option<Decimal> {
    let magnitude = value.abs();
    let gap = f64::from_bits(magnitude.to_bits() + 1) - magnitude;
    for (places, &power) in POWERS_OF_TEN[..13].iter().enumerate() {
        if gap * power > 0.25 {
            return None;
        }
        // round(value · 10^t), half away from zero. The gap is at least |value|·2^-53, so
        // |value · 10^t| ≤ 2^51 here: the truncation and the remainder are exact.
        let scaled = value * power;
        let truncated = scaled as i64;
        let rest = scaled - truncated as f64;
        let candidate = truncated + i64::from(rest >= 0.5) - i64::from(rest <= -0.5);
        if candidate as f64 / power == value {
            return Decimal::try_new(candidate, places as u32).ok();
        }
    }
    None
}

/// 10^0 … 10^28, the powers a `Decimal`'s scale can be: exactly doubles up to 10^22, the
/// nearest doubles beyond. (Written out: the module has no std, so no `powi`.)
const POWERS_OF_TEN: [f64; 29] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
];

/// 10^exponent as a double (exact up to 10^22); infinity beyond 10^28, which no scale reaches.
pub fn power_of_ten(exponent: u32) -> f64 {
    POWERS_OF_TEN.get(exponent as usize).copied().unwrap_or(f64::INFINITY)
}

pub(crate) fn not_finite(value: f64, field: &str) -> Error {
    let name = if value.is_nan() { "NaN" } else if value > 0.0 { "Infinity" } else { "-Infinity" };
    Error::new(ErrorCode::InvalidNumber, field, text!(name, " is not a finite number"))
}

/// Rejects negative amounts: points, pools and totals are counts and sums of money.
/// (The value is returned as given: outputs are normalised when written, so inputs in bulk
/// need not be, one by one.)
pub fn non_negative(value: Decimal, field: &str) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::new(ErrorCode::Negative, field, text!("must not be negative (got ", value, ")")));
    }
    Ok(value)
}

/// A decimal as a double, for display values (charts, columns): the double nearest to it
/// when its mantissa has at most 53 bits and its scale is at most 22 (both are then exact
/// doubles, and the one division rounds correctly), within a unit or two in the last place
/// beyond that.
pub fn display_f64(value: Decimal) -> f64 {
    value.mantissa() as f64 / power_of_ten(value.scale())
}

/// Plain notation, no exponent, no trailing zeros: `"138.125"`, `"0"`, `"500"`.
pub fn format_decimal(value: Decimal) -> String {
    let (mut mantissa, mut scale) = (value.mantissa().unsigned_abs(), value.scale());
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    // Digits from the last, with zeros up to the one before the point.
    let mut reversed = Vec::with_capacity(32);
    while mantissa > 0 || reversed.len() <= scale as usize {
        reversed.push(b'0' + (mantissa % 10) as u8);
        mantissa /= 10;
    }
    let mut text = String::with_capacity(reversed.len() + 2);
    if value.is_sign_negative() && !value.is_zero() {
        text.push('-');
    }
    for (position, &digit) in reversed.iter().enumerate().rev() {
        text.push(char::from(digit));
        if position == scale as usize && scale > 0 {
            text.push('.');
        }
    }
    text
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

    /// What reading a double must give: its shortest round-trip text (Ryū's), parsed.
    fn through_ryu(value: f64) -> Result<Decimal> {
        parse_decimal(ryu::Buffer::new().format_finite(value), "x")
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200_000))]

        #[test]
        fn the_fast_path_reads_any_double_as_its_shortest_text(bits in proptest::prelude::any::<u64>()) {
            let value = f64::from_bits(bits);
            if let Some(fast) = short_decimal(value) {
                proptest::prop_assert_eq!(fast, through_ryu(value).unwrap());
            }
        }

        #[test]
        fn the_fast_path_reads_money_as_its_shortest_text(units in 0i64..1_000_000_000_000_000, places in 0u32..13) {
            let value = units as f64 / 10f64.powi(places as i32);
            proptest::prop_assert_eq!(decimal_from_f64(value, "x").unwrap(), through_ryu(value).unwrap());
            proptest::prop_assert_eq!(decimal_from_f64(-value, "x").map(|d| d.abs()).ok(), through_ryu(-value).map(|d| d.abs()).ok());
        }
    }

    #[test]
    fn doubles_a_decimal_cannot_hold_are_named_as_javascript_writes_them() {
        let message = |value: f64| decimal_from_f64(value, "x").unwrap_err().message();
        assert!(message(1.5e-29).starts_with("x: 1.5e-29 cannot be held exactly"), "{}", message(1.5e-29));
        assert!(message(-1e300).starts_with("x: -1e300 cannot be held exactly"), "{}", message(-1e300));
        assert_eq!(decimal_from_f64(1e-28, "x").unwrap(), Decimal::new(1, 28));
    }

    #[test]
    fn the_fast_path_takes_the_values_money_takes() {
        for value in [0.0, 0.1, 0.2 + 0.1, 123.45, 1e-7, 850.0, 1e11 + 0.5] {
            assert_eq!(decimal_from_f64(value, "x").unwrap(), through_ryu(value).unwrap(), "{value}");
        }
        assert!(short_decimal(123.45).is_some());
        assert!(short_decimal(0.1 + 0.2).is_none(), "17 significant digits: exact arithmetic's case");
        assert!(short_decimal(1e300).is_none());
    }

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

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn writes_what_rust_decimal_writes(mantissa in proptest::prelude::any::<i128>(), scale in 0u32..=28) {
            let value = Decimal::from_i128_with_scale(mantissa >> 32, scale);
            proptest::prop_assert_eq!(format_decimal(value), value.normalize().to_string());
        }

        #[test]
        fn display_values_are_the_nearest_doubles(mantissa in -(1i64 << 53)..=1 << 53, scale in 0u32..=22) {
            let value = Decimal::new(mantissa, scale);
            proptest::prop_assert_eq!(display_f64(value), value.to_string().parse::<f64>().unwrap());
        }
    }

    #[test]
    fn negative_amounts_are_refused_but_negative_zero_is_zero() {
        let err = non_negative(Decimal::from(-5), "tierTotals[2]").unwrap_err();
        assert_eq!((err.code, err.message().as_str()), (ErrorCode::Negative, "tierTotals[2]: must not be negative (got -5)"));
        assert_eq!(format_decimal(non_negative(Decimal::from_str("-0.00").unwrap(), "x").unwrap()), "0");
        assert_eq!(format_decimal(Decimal::new(-5, 3)), "-0.005");
        assert_eq!(format_decimal(Decimal::new(1_381_250, 4)), "138.125");
        assert_eq!(format_decimal(Decimal::new(5_000, 1)), "500");
    }
}
