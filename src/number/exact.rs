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

use std::cmp::Ordering;

use num_bigint::BigUint;
use num_integer::Integer;
use rust_decimal::Decimal;

/// A non-negative decimal held exactly: `mantissa / 10^scale`, with no limit on digits.
#[derive(Clone, Debug)]
pub struct Exact {
    mantissa: BigUint,
    scale: u32,
}

fn pow10(exponent: u32) -> BigUint {
    BigUint::from(10u32).pow(exponent)
}

impl Exact {
    /// The magnitude of `value` (callers have already refused negative amounts).
    pub fn from_decimal(value: Decimal) -> Exact {
        Exact { mantissa: BigUint::from(value.mantissa().unsigned_abs()), scale: value.scale() }
    }

    pub fn from_integer(value: u64) -> Exact {
        Exact { mantissa: BigUint::from(value), scale: 0 }
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa.bits() == 0
    }

    /// Both mantissas expressed at the larger of the two scales.
    fn aligned(&self, other: &Exact) -> (BigUint, BigUint, u32) {
        let scale = self.scale.max(other.scale);
        (
            &self.mantissa * pow10(scale - self.scale),
            &other.mantissa * pow10(scale - other.scale),
            scale,
        )
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
        let ten = BigUint::from(10u32);
        while scale > 0 {
            let (quotient, remainder) = mantissa.div_rem(&ten);
            if remainder.bits() != 0 {
                break;
            }
            mantissa = quotient;
            scale -= 1;
        }
        let mantissa = i128::try_from(mantissa).ok()?;
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    }
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
    numerator: BigUint,
    denominator: BigUint,
}

impl Default for QuotientSum {
    fn default() -> Self {
        QuotientSum { numerator: BigUint::ZERO, denominator: BigUint::from(1u32) }
    }
}

impl QuotientSum {
    /// `numerator / denominator` as a fraction of integers; `None` for a zero denominator.
    pub fn of(numerator: &Exact, denominator: &Exact) -> Option<QuotientSum> {
        if denominator.is_zero() {
            return None;
        }
        // (n / 10^sn) / (d / 10^sd) = (n · 10^sd) / (d · 10^sn)
        Some(QuotientSum {
            numerator: &numerator.mantissa * pow10(denominator.scale),
            denominator: &denominator.mantissa * pow10(numerator.scale),
        })
    }

    pub fn add(&mut self, term: &QuotientSum) {
        if self.numerator.bits() == 0 {
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

    /// Compares the exact value with `other` without rounding either.
    pub fn cmp_exact(&self, other: &Exact) -> Ordering {
        let left = &self.numerator * pow10(other.scale);
        let right = &other.mantissa * &self.denominator;
        left.cmp(&right)
    }

    /// floor(value, `decimals` places) as a `Decimal`, or `None` if that does not fit in one.
    pub fn floor(&self, decimals: u32) -> Option<Decimal> {
        let units = (&self.numerator * pow10(decimals)) / &self.denominator;
        let units = i128::try_from(units).ok()?;
        Decimal::try_from_i128_with_scale(units, decimals).ok().map(|value| value.normalize())
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
        assert_eq!(sum.cmp_exact(&exact("1")), Ordering::Equal);
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
