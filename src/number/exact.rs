//! Exact arithmetic for money.
//!
//! `Decimal` arithmetic rounds once a result needs more than 28 digits, and the documented
//! order of operations (C·k/D first, then × B) rounds a non-terminating quotient before the
//! multiplication, which is how a decimal.js port of the formula ends up at 79630.129999 for
//! an exact 79630.13. Here every value is instead an unbounded integer over a power of ten
//! ([`Exact`]), sums and products are exact, and the only division of a computation happens
//! once, at the end, as an integer floor division ([`QuotientSum::floor`]). Because no step
//! rounds, the result *is* floor(exact rational value, decimals): exact by construction, not
//! by error analysis.

use core::cmp::Ordering;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};
use rust_decimal::Decimal;

type Natural = BigUint;

/// `value · 10^exponent`.
fn mul_pow10(value: &Natural, exponent: u32) -> Natural {
    value * BigUint::from(10u8).pow(exponent)
}

/// A non-negative decimal held exactly: `mantissa / 10^scale`, with no limit on digits.
#[derive(Clone, Debug)]
pub struct Exact {
    mantissa: Natural,
    scale: u32,
}

impl Exact {
    /// The magnitude of `value` (callers have already refused negative amounts).
    pub fn from_decimal(value: Decimal) -> Exact {
        Exact { mantissa: Natural::from(value.mantissa().unsigned_abs()), scale: value.scale() }
    }

    /// `units / 10^scale`.
    pub fn from_units(units: u128, scale: u32) -> Exact {
        Exact { mantissa: Natural::from(units), scale }
    }

    pub fn from_integer(value: u64) -> Exact {
        Exact { mantissa: Natural::from(value), scale: 0 }
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa.is_zero()
    }

    /// Both mantissas expressed at the larger of the two scales.
    fn aligned(&self, other: &Exact) -> (Natural, Natural, u32) {
        let scale = self.scale.max(other.scale);
        (self.mantissa_at(scale), other.mantissa_at(scale), scale)
    }

    /// The mantissa for `scale` ≥ `self.scale`.
    fn mantissa_at(&self, scale: u32) -> Natural {
        match scale - self.scale {
            0 => self.mantissa.clone(),
            extra => mul_pow10(&self.mantissa, extra),
        }
    }

    pub fn add(&self, other: &Exact) -> Exact {
        let (a, b, scale) = self.aligned(other);
        Exact { mantissa: a + b, scale }
    }

    /// `self - other`, or `None` when that would be negative.
    pub fn checked_sub(&self, other: &Exact) -> Option<Exact> {
        let (a, b, scale) = self.aligned(other);
        (a >= b).then(|| Exact { mantissa: a - b, scale })
    }

    pub fn mul(&self, other: &Exact) -> Exact {
        Exact { mantissa: &self.mantissa * &other.mantissa, scale: self.scale + other.scale }
    }

    /// The value as a `Decimal` if it fits exactly, or `None`. Trailing zeros are dropped
    /// first, so a value held at a needlessly large scale still fits.
    pub fn to_decimal(&self) -> Option<Decimal> {
        let mut mantissa = self.mantissa.clone();
        let mut scale = self.scale;
        let ten = BigUint::from(10u8);
        while scale > 0 {
            let (quotient, remainder) = mantissa.div_rem(&ten);
            if !remainder.is_zero() {
                break;
            }
            mantissa = quotient;
            scale -= 1;
        }
        decimal_from_units(&mantissa, scale)
    }
}

/// `units / 10^scale` as a `Decimal`, exactly, or `None` if it cannot be one.
pub fn decimal_from_fixed(units: u128, scale: u32) -> Option<Decimal> {
    match i128::try_from(units).ok().and_then(|units| Decimal::try_from_i128_with_scale(units, scale).ok()) {
        Some(value) => Some(value),
        // Too many digits for a Decimal unless trailing zeros can go.
        None => Exact::from_units(units, scale).to_decimal(),
    }
}

/// The values as integer units at their common (largest) scale, if every one fits in a
/// u128: the fast way to sum many decimals exactly. Sums of up to 2^32 such units of
/// values below 2^96 still fit, so only mixed extreme scales fall back to [`Exact`].
pub fn fixed_point_units(values: &[Decimal]) -> Option<(Vec<u128>, u32)> {
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    let units = values
        .iter()
        .map(|value| match scale - value.scale() {
            // Most values share the scale: no 128-bit multiplication (a library call in wasm).
            0 => Some(value.mantissa().unsigned_abs()),
            extra => value.mantissa().unsigned_abs().checked_mul(10u128.checked_pow(extra)?),
        })
        .collect::<Option<Vec<_>>>()?;
    Some((units, scale))
}

impl PartialEq for Exact {
    fn eq(&self, other: &Exact) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Exact {}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        let (a, b, _) = self.aligned(other);
        a.cmp(&b)
    }
}

/// An exact running sum of quotients `numerator / denominator`, floored only when read.
///
/// Summing first and flooring once is what the contract asks: the reward is
/// floor(Σ B·C·k_n/D_n), which can exceed Σ floor(B·C·k_n/D_n) by up to one unit per tier
/// (1/3 + 2/3 pays 1, not 0.999999).
#[derive(Clone, Debug)]
pub struct QuotientSum {
    numerator: Natural,
    denominator: Natural,
}

impl Default for QuotientSum {
    fn default() -> Self {
        QuotientSum { numerator: Natural::zero(), denominator: Natural::from(1u8) }
    }
}

/// `units / 10^scale` as a `Decimal`, if the units fit its 96-bit mantissa.
fn decimal_from_units(units: &Natural, scale: u32) -> Option<Decimal> {
    let units = i128::try_from(units.to_u128()?).ok()?;
    // (to_u128 fails only beyond 128 bits, and try_from beyond 127: both far outside a Decimal.)
    Decimal::try_from_i128_with_scale(units, scale).ok()
}

impl QuotientSum {
    /// `numerator / denominator` as a fraction of integers; `None` for a zero denominator.
    pub fn of(numerator: &Exact, denominator: &Exact) -> Option<QuotientSum> {
        if denominator.is_zero() {
            return None;
        }
        // (n / 10^sn) / (d / 10^sd) = (n · 10^sd) / (d · 10^sn)
        Some(QuotientSum {
            numerator: numerator.mantissa_at(numerator.scale + denominator.scale),
            denominator: denominator.mantissa_at(denominator.scale + numerator.scale),
        })
    }

    pub fn add(&mut self, term: &QuotientSum) {
        if self.numerator.is_zero() {
            self.clone_from(term);
            return;
        }
        if self.denominator == term.denominator {
            self.numerator += &term.numerator;
            return;
        }
        self.numerator = &self.numerator * &term.denominator + &term.numerator * &self.denominator;
        self.denominator *= &term.denominator;
    }

    /// The value times `factor`.
    pub fn times(&self, factor: &Exact) -> QuotientSum {
        QuotientSum { numerator: &self.numerator * &factor.mantissa, denominator: mul_pow10(&self.denominator, factor.scale) }
    }

    /// floor(value, `decimals` places) as a `Decimal`, or `None` if that does not fit in one.
    pub fn floor(&self, decimals: u32) -> Option<Decimal> {
        let units = mul_pow10(&self.numerator, decimals) / &self.denominator;
        decimal_from_units(&units, decimals).map(|value| value.normalize())
    }

    /// The value rounded *up* at `decimals` places, or `None` if that does not fit in a `Decimal`.
    pub fn ceil(&self, decimals: u32) -> Option<Decimal> {
        let units = mul_pow10(&self.numerator, decimals).div_ceil(&self.denominator);
        decimal_from_units(&units, decimals).map(|value| value.normalize())
    }

    /// The value as a correctly rounded double (the nearest, ties to even).
    pub fn to_f64(&self) -> f64 {
        let ratio = num_rational::Ratio::new_raw(self.numerator.clone(), self.denominator.clone());
        // Values here are non-negative and far below f64::MAX, so the conversion is finite.
        ratio.to_f64().unwrap_or(f64::NAN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn exact(text: &str) -> Exact {
        Exact::from_decimal(Decimal::from_str(text).unwrap())
    }

    fn quotient(n: &str, d: &str) -> QuotientSum {
        QuotientSum::of(&exact(n), &exact(d)).unwrap()
    }

    #[test]
    fn a_third_plus_two_thirds_is_exactly_one() {
        let mut sum = quotient("1", "3");
        sum.add(&quotient("2", "3"));
        assert_eq!(sum.floor(6).unwrap().to_string(), "1");
        assert_eq!(quotient("1", "3").floor(6).unwrap().to_string(), "0.333333");
        assert_eq!(quotient("2", "3").floor(6).unwrap().to_string(), "0.666666");
    }

    #[test]
    fn sums_across_different_denominators_and_scales() {
        // 1/7 + 6/7 (with the 7 written at another scale) = 1
        let mut sum = quotient("0.1", "0.7");
        sum.add(&quotient("6", "7.00"));
        assert_eq!(sum.floor(18).unwrap().to_string(), "1");
        assert_eq!(sum.floor(28).unwrap().to_string(), "1", "exactly 1, not 0.99…");
    }

    #[test]
    fn arithmetic_is_exact_beyond_28_digits() {
        let big = exact("79228162514264337593543950335");
        let tiny = exact("0.0000000000000000000000000001");
        let sum = big.add(&tiny);
        assert!(sum.to_decimal().is_none(), "57 digits cannot be a Decimal");
        assert_eq!(sum.checked_sub(&tiny).unwrap().to_decimal(), Some(Decimal::MAX));
        assert!(tiny.checked_sub(&big).is_none());
        assert_eq!(exact("0.5").mul(&exact("0.2")).to_decimal().unwrap().to_string(), "0.1");
        assert!(exact("0.0000000000000000000000000001").mul(&exact("0.1")).to_decimal().is_none());
    }

    #[test]
    fn floor_refuses_results_too_large_for_a_decimal() {
        assert!(quotient("79228162514264337593543950335", "1").floor(1).is_none());
        assert!(QuotientSum::of(&exact("1"), &exact("0")).is_none());
    }
}
