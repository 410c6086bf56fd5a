//! Floating-point estimates that are trusted only when they provably give the exact floor.
//!
//! A payout is floor(exact value, decimals). Computing the value in f64 is far faster than in
//! big integers, and its error can be bounded: every decimal reaches f64 with a relative
//! error of at most 2u (u = 2^-53: the mantissa rounds once, the division by an exact power
//! of ten once), and each later operation adds at most u. Callers keep their formulas to a
//! few dozen operations on positive values, so their relative error stays far below
//! [`MARGIN`]. The floor is then certain when the interval estimate ± MARGIN·estimate holds
//! no integer; otherwise — a result on or near a unit boundary — the caller computes exactly.

use rust_decimal::Decimal;

/// 256u: several times the error bound of any formula built on these estimates.
const MARGIN: f64 = 256.0 * f64::EPSILON / 2.0;
/// 2^52: every integer up to it is exactly a double.
const EXACT_INTEGERS: f64 = 4_503_599_627_370_496.0;
/// 10^22 is the largest power of ten that is exactly a double.
const EXACT_POWERS: u32 = 22;

/// A non-negative decimal as a double within 2u, or `None` if its scale is beyond exact powers.
pub fn approximate(value: Decimal) -> Option<f64> {
    (value.scale() <= EXACT_POWERS).then(|| super::display_f64(value))
}

/// 10^decimals, exactly (decimals ≤ 22).
pub fn unit(decimals: u32) -> f64 {
    super::power_of_ten(decimals)
}

/// floor(value, decimals) from an estimate of value·10^decimals with relative error under
/// [`MARGIN`], if that floor is certain.
pub fn certain_floor(units: f64, decimals: u32) -> Option<Decimal> {
    let error = units * MARGIN;
    if !(units >= 0.0 && units + error < EXACT_INTEGERS) {
        return None;
    }
    let floor = (units - error).floor();
    (floor == (units + error).floor()).then(|| Decimal::try_new(floor as i64, decimals).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_only_what_is_certain() {
        assert_eq!(certain_floor(2_639_999_999.5, 6), Some(Decimal::new(2_639_999_999, 6)));
        assert_eq!(certain_floor(2_640_000_000.0, 6), None, "on a boundary: exact arithmetic decides");
        assert_eq!(certain_floor(2_639_999_999.999_999, 6), None, "too close to call");
        assert_eq!(certain_floor(1e17, 6), None, "beyond exact integers");
        assert_eq!(certain_floor(0.0, 6), Some(Decimal::ZERO));
        assert_eq!(approximate(Decimal::new(12345, 2)), Some(123.45));
        assert_eq!(approximate(Decimal::new(1, 28)), None);
    }
}
