//! Decimals in and out: the strict text grammar of the contract, JS numbers read through their
//! shortest round-trip text, and plain-notation output without trailing zeros.

use num_rational::Ratio;
use num_traits::ToPrimitive;
use rust_decimal::Decimal;

use crate::error::{out_of_range, Error, ErrorCode, Quoted, Result};

pub(crate) mod estimate;
pub(crate) mod exact;

/// Reads a decimal written in plain or scientific notation (`"850"`, `"0.02"`, `"1.5e3"`).
///
/// The value must be representable *exactly* as a [`Decimal`] (at most 28 fraction digits and
/// a 96-bit mantissa once trailing zeros are dropped): money must never be rounded on the way
/// in, so anything else is `out_of_range` rather than silently rounded. Signs are read here;
/// whether a negative value is allowed is the caller's rule (see [`non_negative`]).
// Slices are taken at positions `position` found inside the text; digits accumulate only up
// to 29 significant ones (below 10^30, far inside u128), and exponents are clamped to ±10^6.
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
pub fn parse_decimal(text: &str, field: &str) -> Result<Decimal> {
    let invalid = || {
        let detail = if text.is_empty() {
            "is empty: write a number like \"850\", \"0.02\" or \"1.5e3\"".to_owned()
        } else if text.contains([',', '_', ' ', '\'']) {
            format!("{} is not a number: write it without separators, with \".\" for the decimal point (like \"1000\" or \"0.02\")", Quoted(text))
        } else {
            format!("{} is not a number (write it like \"850\", \"0.02\" or \"1.5e3\")", Quoted(text))
        };
        Error::new(ErrorCode::InvalidNumber, field, detail)
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
    // The digits accumulate in a u64 while they fit (19 of them always do): 128-bit
    // arithmetic is a library call in wasm, and most inputs have a handful of digits.
    let digits = whole.iter().chain(fraction).map(|byte| byte - b'0');
    let mut narrow: u64 = 0;
    let mut wide: Option<u128> = None;
    let mut push = |digit: u8| match &mut wide {
        Some(value) => *value = *value * 10 + u128::from(digit),
        None => match narrow.checked_mul(10).and_then(|value| value.checked_add(u64::from(digit))) {
            Some(value) => narrow = value,
            None => wide = Some(u128::from(narrow) * 10 + u128::from(digit)),
        },
    };
    let mut significant = 0usize;
    let mut pending_zeros = 0i64; // zeros after the last non-zero digit, not yet pushed
    for digit in digits {
        if digit == 0 {
            pending_zeros += i64::from(significant > 0);
            continue;
        }
        // A 30th significant digit cannot fit in a Decimal: stop before u128 could overflow.
        significant += pending_zeros as usize + 1;
        if significant > 29 {
            break;
        }
        for _ in 0..pending_zeros {
            push(0);
        }
        push(digit);
        pending_zeros = 0;
    }
    if significant == 0 {
        return Ok(Decimal::ZERO); // "0", "-0.000", "0e999": zero whatever the sign or exponent
    }
    let power = exponent - fraction.len() as i64 + pending_zeros;

    let too_big = || {
        out_of_range(
            field,
            format!("{text} cannot be held exactly (at most 28 decimal places and 29 digits, below 7.9e28)"),
        )
    };
    if significant > 29 || power > 28 || power < -(Decimal::MAX_SCALE as i64) {
        return Err(too_big());
    }
    // The common case, a u64 of digits and some decimal places, needs no 128-bit arithmetic.
    if wide.is_none() && power <= 0 && let Ok(units) = i64::try_from(narrow) {
        let units = if negative { -units } else { units };
        return Decimal::try_new(units, (-power) as u32).map_err(|_| too_big());
    }
    let mut mantissa = wide.unwrap_or(u128::from(narrow)) as i128;
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
// The first byte exists when it is a sign; the magnitude is clamped to 10^6 before each step.
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
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

/// Reads a double through its shortest round-trip text, the text JavaScript's `String(n)`
/// writes (ryu-js), so that `0.1` is exactly 0.1 rather than the binary double
/// 0.1000000000000000055511151231257827…. The text then goes through the decimal grammar like
/// any string, which also names a value a `Decimal` cannot hold.
///
/// ```
/// use soei_rewards::number::decimal_from_f64;
/// assert_eq!(decimal_from_f64(0.1, "stp")?.to_string(), "0.1");
/// assert_eq!(decimal_from_f64(0.1 + 0.2, "stp")?.to_string(), "0.30000000000000004");
/// assert_eq!(decimal_from_f64(f64::NAN, "stp").unwrap_err().code, soei_rewards::ErrorCode::InvalidNumber);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decimal_from_f64(value: f64, field: &str) -> Result<Decimal> {
    if !value.is_finite() {
        return Err(not_finite(value, field));
    }
    match cents(value) {
        Some(cents) => Ok(cents),
        None => parse_decimal(ryu_js::Buffer::new().format_finite(value), field),
    }
}

/// The value of a double's shortest text, when that has at most two decimal places (STP
/// comes in hundredths), found without formatting: Ryū's 128-bit products are library calls
/// in wasm, and a million STP read through it cost 0.4 s. `None` leaves it to Ryū.
///
/// Let n = round(x·100). If n/100, one correctly rounded division of exact doubles, is x,
/// then the decimal n/100 reads back as x. While the gap u from |x| to the next double is at
/// most 1/400, any two-place decimal that reads back as x lies within u/2 ≤ 1/800 of it, so
/// n/100 is the only one (two would be 1/100 apart). The shortest text of x has no more
/// places than n/100 (fewer digits at the same magnitude), so it too is a two-place decimal
/// reading back as x: it is n/100. (Tested against Ryū on every kind of double.)
// |units| < 2^46 here (see above): its remainders cannot overflow.
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]
fn cents(value: f64) -> Option<Decimal> {
    const MAX_GAP: f64 = 1.0 / 400.0;
    let magnitude = value.abs();
    if f64::from_bits(magnitude.to_bits() + 1) - magnitude > MAX_GAP {
        return None;
    }
    // |x·100| < 2^46 here (the gap is at least |x|·2^-53), so the integer is exact.
    let units = (value * 100.0).round();
    if units / 100.0 != value {
        return None;
    }
    // At the fewest places, as the text would have them: comparing decimals of one scale
    // (thresholds are whole numbers) needs no rescaling.
    let units = units as i64;
    Some(match (units % 100, units % 10) {
        (0, _) => Decimal::from(units / 100),
        (_, 0) => Decimal::new(units / 10, 1),
        _ => Decimal::new(units, 2),
    })
}

/// 10^0 … 10^28, the powers a `Decimal`'s scale can be: exactly doubles up to 10^22, the
/// nearest doubles beyond.
const POWERS_OF_TEN: [f64; 29] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
];

/// 10^exponent as a double (exact up to 10^22); infinity beyond 10^28, which no scale reaches.
#[inline(always)]
pub(crate) fn power_of_ten(exponent: u32) -> f64 {
    POWERS_OF_TEN.get(exponent as usize).copied().unwrap_or(f64::INFINITY)
}

pub(crate) fn not_finite(value: f64, field: &str) -> Error {
    Error::new(ErrorCode::InvalidNumber, field, format!("{} is not a finite number", JsNumber(value)))
}

/// A double as JavaScript's `String(n)` writes it (`1e+21`, `1e-7`, `NaN`, `-Infinity`): how
/// an error's detail names a number the caller gave. Not `f64`'s `Display`, which writes 1e21
/// with all its zeros and brings core's float printer (which only serde-wasm-bindgen's error
/// path still needs in the module: docs/performance.md, fifth pass).
pub(crate) struct JsNumber(pub(crate) f64);

impl core::fmt::Display for JsNumber {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str(ryu_js::Buffer::new().format(self.0))
    }
}

/// Rejects negative amounts: points, pools and totals are counts and sums of money.
/// (The value is returned as given: outputs are normalised when written, so inputs in bulk
/// need not be, one by one.)
pub fn non_negative(value: Decimal, field: &str) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::new(ErrorCode::Negative, field, format!("must not be negative (got {value})")));
    }
    Ok(value)
}

/// A decimal as the double nearest to it (ties to even): the value JavaScript's
/// `Number(text)` gives for the decimal's text. num-rational's conversion is correctly rounded
/// for any ratio, and allocates nothing while both parts fit in 64 bits.
///
/// ```
/// use soei_rewards::number::display_f64;
/// use rust_decimal::Decimal;
/// let reward: Decimal = "65026118.945598681".parse()?;
/// assert_eq!(display_f64(reward), "65026118.945598681".parse::<f64>()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn display_f64(value: Decimal) -> f64 {
    let magnitude = match u64::try_from(value.mantissa().unsigned_abs()) {
        Ok(units) => display_units(units, value.scale()),
        // (A scale is at most 28, so 10^scale fits an i128.)
        Err(_) => nearest_f64(value.mantissa().unsigned_abs() as i128, 10i128.pow(value.scale())),
    };
    if value.is_sign_negative() { -magnitude } else { magnitude }
}

/// `units / 10^decimals` (decimals ≤ 28) as the nearest double: [`display_f64`] of a
/// non-negative decimal given by its units, without building the `Decimal`.
#[inline(always)]
pub(crate) fn display_units(units: u64, decimals: u32) -> f64 {
    // Both are doubles exactly (an integer to 2^53, a power of ten to 10^22), so one IEEE
    // division is correctly rounded. (u64 → f64 is one instruction in wasm; i128 → f64 a
    // library call.)
    if units <= 1 << 53 && decimals <= 22 {
        return units as f64 / power_of_ten(decimals);
    }
    match 10i128.checked_pow(decimals) {
        Some(power) => nearest_f64(i128::from(units), power),
        None => f64::NAN,
    }
}

/// `numerator / denominator` as the nearest double. When both are doubles exactly (at most
/// 2^53), one IEEE division is correctly rounded by definition; otherwise num-rational's
/// conversion, which is correctly rounded for any ratio, decides.
#[inline(always)]
pub(crate) fn nearest_f64(numerator: i128, denominator: i128) -> f64 {
    const EXACT: u128 = 1 << 53;
    if numerator.unsigned_abs() <= EXACT && denominator.unsigned_abs() <= EXACT {
        // Both fit in i64, whose conversion to f64 is one instruction in wasm.
        return numerator as i64 as f64 / denominator as i64 as f64;
    }
    nearest_ratio_f64(numerator, denominator)
}

#[cold]
fn nearest_ratio_f64(numerator: i128, denominator: i128) -> f64 {
    // A ratio of integers below 2^127 with a non-zero denominator is always finite.
    Ratio::new_raw(numerator, denominator).to_f64().unwrap_or(f64::NAN)
}

/// `value` without trailing zeros (`500.000` is `500`, and zero is `0`): rust_decimal's
/// `normalize`, which divides its 96-bit mantissa by ten once per zero, done in 64 bits while
/// the mantissa fits (results are normalized by the score, and this was a fifth of a reward).
///
/// ```
/// use soei_rewards::number::normalized;
/// use rust_decimal::Decimal;
/// let value: Decimal = "53.125000".parse()?;
/// assert_eq!(normalized(value).to_string(), "53.125");
/// # Ok::<(), rust_decimal::Error>(())
/// ```
pub fn normalized(value: Decimal) -> Decimal {
    let Some((units, scale)) = normalized_units(value) else {
        return value.normalize();
    };
    // (Fewer digits at a smaller scale than a valid Decimal's: always valid.)
    let Ok(mut result) = Decimal::try_from_i128_with_scale(i128::from(units), scale) else {
        return value.normalize();
    };
    // Zero has no sign, as `normalize` has it.
    result.set_sign_negative(value.is_sign_negative() && units != 0);
    result
}

/// The normalized mantissa's magnitude and scale of `value` (its trailing zeros dropped),
/// where the mantissa fits 64 bits (nearly always: 128-bit division is a library call in
/// wasm); `None` past that. What [`normalized`] and [`with_decimal_text`] share.
#[inline]
fn normalized_units(value: Decimal) -> Option<(u64, u32)> {
    Some(without_trailing_zeros(u64::try_from(value.mantissa().unsigned_abs()).ok()?, value.scale()))
}

/// `units / 10^scale` with its trailing zeros dropped: the same value in the fewest places.
#[inline]
pub(crate) fn without_trailing_zeros(mut units: u64, mut scale: u32) -> (u64, u32) {
    while scale > 0 {
        let Some(tenth) = exact_tenth(units) else { break };
        units = tenth;
        scale = scale.saturating_sub(1);
    }
    (units, scale)
}

/// `units / 10` when 10 divides `units`, else `None`: without a division instruction, which
/// the size-optimized build keeps for `% 10` (a `div` of some 40 cycles each; the
/// normalization of a result's decimals was a third of a personalReward's compute).
///
/// Proof: 10 divides `units` iff it is even and 5 divides `half = units / 2`. 5 is odd, so it
/// has an inverse modulo 2^64 (`INVERSE_OF_5`: 5 · 0xCCCC_CCCC_CCCC_CCCD = 4·2^64 + 1), and
/// multiplying by it permutes the u64 values. It maps each multiple 5k (k ≤ ⌊(2^64−1)/5⌋) to
/// k, so those are the only values mapped to at most ⌊(2^64−1)/5⌋: `half · INVERSE_OF_5`
/// (wrapping) is at most that bound exactly when 5 divides `half`, and is then `half / 5`.
#[inline]
fn exact_tenth(units: u64) -> Option<u64> {
    const INVERSE_OF_5: u64 = 0xCCCC_CCCC_CCCC_CCCD;
    if units & 1 != 0 {
        return None;
    }
    let fifth = (units >> 1).wrapping_mul(INVERSE_OF_5);
    (fifth <= u64::MAX / 5).then_some(fifth)
}

/// Plain notation, no exponent, no trailing zeros: `"138.125"`, `"0"`, `"500"`.
pub fn format_decimal(value: Decimal) -> String {
    with_decimal_text(value, str::to_owned)
}

/// Calls `use_text` with `value` in plain notation (as [`format_decimal`] writes it), built
/// on the stack without `core::fmt`: itoa writes the mantissa's digits and the scale places
/// the point. Results write a score of decimals a call, and `core::fmt` was a tenth of one.
pub fn with_decimal_text<R>(value: Decimal, use_text: impl FnOnce(&str) -> R) -> R {
    use std::io::Write;

    const ZEROS: [u8; 28] = [b'0'; 28];
    let mut digits = itoa::Buffer::new();
    // The digits of the normalized mantissa and its scale, without building the normalized
    // `Decimal` (which cost a fifth of writing a result's decimals in wasm).
    let (digits, scale) = match normalized_units(value) {
        Some((units, scale)) => (digits.format(units), scale),
        None => {
            let value = value.normalize();
            (digits.format(value.mantissa().unsigned_abs()), value.scale())
        }
    };
    let negative = value.is_sign_negative() && !value.is_zero();
    // A whole value that is not negative is its digits (points, needs, totals and pots mostly
    // are): nothing to copy.
    if scale == 0 && !negative {
        return use_text(digits);
    }
    let (digits, scale) = (digits.as_bytes(), scale as usize);
    // The digits before the point, the zeros after it, and the rest of the digits.
    let (whole, zeros, fraction): (&[u8], usize, &[u8]) = match digits.len().checked_sub(scale) {
        _ if scale == 0 => (digits, 0, &[]),
        Some(whole) if whole > 0 => match digits.split_at_checked(whole) {
            Some((whole, fraction)) => (whole, 0, fraction),
            None => (digits, 0, &[]),
        },
        _ => (b"0", scale.saturating_sub(digits.len()), digits),
    };
    // At most a sign, 29 digits, a point and 27 zeros.
    let mut buffer = [0u8; 64];
    let mut out: &mut [u8] = &mut buffer;
    let written = (|| {
        if negative {
            out.write_all(b"-")?;
        }
        out.write_all(whole)?;
        if !fraction.is_empty() {
            out.write_all(b".")?;
            out.write_all(ZEROS.get(..zeros).unwrap_or_default())?;
            out.write_all(fraction)?;
        }
        std::io::Result::Ok(out.len())
    })();
    let text = written.ok().and_then(|left| buffer.get(..buffer.len().saturating_sub(left))).and_then(|bytes| std::str::from_utf8(bytes).ok());
    match text {
        Some(text) => use_text(text),
        // Unreachable (64 bytes hold any decimal), but never a panic.
        None => use_text(&value.to_string()),
    }
}

/// Serde adapters so that every decimal leaves the crate as its plain-notation text. The text
/// is written as the newtype struct [`text::NAME`], which every format writes as the text
/// itself (serde_json, the tape) and which tells a format tracer (the package's boundary
/// description, `examples/boundary.rs`) that this text is a decimal.
#[cfg(feature = "serde")]
pub(crate) mod text {
    use rust_decimal::Decimal;
    use serde::{Serialize, Serializer};

    /// The name a decimal's text carries: the package's TypeScript type of it.
    pub const NAME: &str = "DecimalString";

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        super::with_decimal_text(*value, |text| serializer.serialize_newtype_struct(NAME, text))
    }

    /// A decimal that serializes as its text.
    pub struct Text<'a>(pub &'a Decimal);

    impl Serialize for Text<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize(self.0, serializer)
        }
    }

    pub mod option {
        use rust_decimal::Decimal;
        use serde::Serializer;

        pub fn serialize<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
            match value {
                Some(value) => serializer.serialize_some(&super::Text(value)),
                None => serializer.serialize_none(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The text is rust_decimal's own `Display` of the normalised value (an independent
        /// implementation, through core::fmt).
        #[test]
        fn decimal_text_is_rust_decimal_display(mantissa in proptest::num::i128::ANY, shift in 0u32..=127, scale in 0u32..=28) {
            // Mantissas of every size: the 64-bit path below 2^64, the 96-bit one above.
            let mantissa = (mantissa >> shift) % 79_228_162_514_264_337_593_543_950_336;
            let value = Decimal::from_i128_with_scale(mantissa, scale);
            proptest::prop_assert_eq!(format_decimal(value), value.normalize().to_string());
        }

        /// rust_decimal's own `normalize` is the oracle, over every mantissa (of every size: the
        /// 64-bit path below 2^64, the 96-bit one above), sign and scale.
        #[test]
        fn normalized_is_rust_decimals_normalize(mantissa in proptest::num::i128::ANY, shift in 0u32..=127, scale in 0u32..=28, zeros in 0u32..=20) {
            let mantissa = ((mantissa >> shift) % 10i128.pow(27)).checked_mul(10i128.pow(zeros)).unwrap_or(mantissa) % 79_228_162_514_264_337_593_543_950_335;
            let value = Decimal::from_i128_with_scale(mantissa, scale);
            let (ours, theirs) = (normalized(value), value.normalize());
            proptest::prop_assert_eq!((ours, ours.scale(), ours.is_sign_negative()), (theirs, theirs.scale(), theirs.is_sign_negative()));
        }
    }

    #[test]
    fn decimal_text_edges() {
        for text in ["0", "-0.000", "0.0000000000000000000000000001", "-79228162514264337593543950335", "7.9228162514264337593543950335", "100", "0.5", "-12.340"] {
            let value: Decimal = text.parse().unwrap();
            assert_eq!(format_decimal(value), value.normalize().to_string(), "{text}");
        }
    }
    use std::str::FromStr;

    #[test]
    fn numbers_are_read_through_their_shortest_text() {
        let read = |number: f64| decimal_from_f64(number, "x");
        assert_eq!(read(0.1).unwrap(), Decimal::new(1, 1));
        assert_eq!(read(1e21).unwrap().to_string(), "1000000000000000000000");
        assert_eq!(read(1.5e-7).unwrap().to_string(), "0.00000015");
        assert_eq!(read(850.0).unwrap(), Decimal::from(850));
        assert_eq!(read(-0.0).unwrap(), Decimal::ZERO);
        assert_eq!(read(f64::INFINITY).unwrap_err().code, ErrorCode::InvalidNumber);
        assert_eq!(read(1e300).unwrap_err().code, ErrorCode::OutOfRange);
        assert!(read(1.5e-29).unwrap_err().to_string().starts_with("x: 1.5e-29 cannot be held exactly"));
        assert_eq!(read(1e-28).unwrap(), Decimal::new(1, 28));
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
        // Leading zeros are not significant digits, however many there are.
        assert_eq!(read("000000000000000000000000000000850").unwrap(), "850");
        assert_eq!(read("0.00000000000000000000000000001e1").unwrap(), "0.0000000000000000000000000001");
        // 29 significant digits at 28 places: more than 64 bits of digits.
        assert_eq!(read("1.0000000000000000000000000001").unwrap(), "1.0000000000000000000000000001");
        // The largest power of ten a Decimal holds.
        assert_eq!(read("1e28").unwrap(), "10000000000000000000000000000");
    }

    /// Negative values keep their sign on every path: a few places, a power of ten, 29 digits.
    #[test]
    fn negative_text_reads_as_negative_decimals() {
        for (text, value) in [("-5.25", "-5.25"), ("-1.5e3", "-1500"), ("-79228162514264337593543950335", "-79228162514264337593543950335"), ("-0.0000000000000000000000000001", "-0.0000000000000000000000000001")] {
            assert_eq!(parse_decimal(text, "x").unwrap().to_string(), value, "{text}");
        }
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(50_000))]

        /// The definition, for any double: the decimal of its shortest round-trip text (Ryū's,
        /// the reference implementation), whatever shortcut the reader takes.
        #[test]
        fn any_double_reads_as_its_shortest_text(bits in proptest::prelude::any::<u64>()) {
            let value = f64::from_bits(bits);
            let expected = if value.is_finite() { parse_decimal(ryu::Buffer::new().format_finite(value), "x").ok() } else { None };
            proptest::prop_assert_eq!(decimal_from_f64(value, "x").ok(), expected);
        }

        #[test]
        fn whole_doubles_and_cents_read_as_their_shortest_text(units in -(1i64 << 53)..(1i64 << 53), places in 0u32..=2) {
            let value = units as f64 / 10f64.powi(places as i32);
            let expected = parse_decimal(ryu::Buffer::new().format_finite(value), "x").unwrap();
            proptest::prop_assert_eq!(decimal_from_f64(value, "x").unwrap(), expected);
        }
    }

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

        /// The tenth without a division is std's division, where 10 divides, and `None` where
        /// it does not: every u64 size, and every last digit of multiples of ten to the top.
        #[test]
        fn an_exact_tenth_is_std_division(value in proptest::num::u64::ANY, shift in 0u32..=63, tens in 0u64..=u64::MAX / 10, digit in 0u64..=9) {
            // Any value, of any size; and multiples of ten, with each last digit added.
            let value = value >> shift;
            proptest::prop_assert_eq!(exact_tenth(value), (value % 10 == 0).then(|| value / 10));
            let near = tens * 10 + digit;
            proptest::prop_assert_eq!(exact_tenth(near), (digit == 0).then_some(tens));
        }

        /// Units of every size (the one-division path to 2^53, the exact one past it) at every
        /// number of places: the double that the standard library's correctly rounded parser
        /// gives for the same text.
        #[test]
        fn displayed_units_are_the_nearest_doubles(units in proptest::num::u64::ANY, shift in 0u32..=63, decimals in 0u32..=28) {
            let units = units >> shift;
            proptest::prop_assert_eq!(display_units(units, decimals), format!("{units}e-{decimals}").parse::<f64>().unwrap());
        }

        /// Ratios of integers of every size to 2^126 over powers of ten, the same way.
        #[test]
        fn nearest_ratios_are_the_nearest_doubles(numerator in proptest::num::i128::ANY, shift in 1u32..=127, places in 0u32..=38) {
            let numerator = numerator >> shift;
            proptest::prop_assert_eq!(nearest_f64(numerator, 10i128.pow(places)), format!("{numerator}e-{places}").parse::<f64>().unwrap());
        }
    }

    #[test]
    fn negative_amounts_are_refused_but_negative_zero_is_zero() {
        let err = non_negative(Decimal::from(-5), "tierTotals[2]").unwrap_err();
        assert_eq!((err.code, err.to_string().as_str()), (ErrorCode::Negative, "tierTotals[2]: must not be negative (got -5)"));
        assert_eq!(format_decimal(non_negative(Decimal::from_str("-0.00").unwrap(), "x").unwrap()), "0");
        assert_eq!(format_decimal(Decimal::new(-5, 3)), "-0.005");
        assert_eq!(format_decimal(Decimal::new(1_381_250, 4)), "138.125");
        assert_eq!(format_decimal(Decimal::new(5_000, 1)), "500");
    }
}
