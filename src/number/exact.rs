//! Exact arithmetic for money: the one exact floor of the crate.
//!
//! `Decimal` arithmetic rounds once a result needs more than 28 digits, and the documented
//! order of operations (C·k/D first, then × B) rounds a non-terminating quotient before the
//! multiplication, which is how a decimal.js port of the formula ends up at 79630.129999 for
//! an exact 79630.13. Here every value is instead an integer over a power of ten ([`Exact`]),
//! sums and products are exact, and a computation divides once, at the end:
//! [`QuotientSum::floor`] is floor(Σ nᵢ/dᵢ, decimals) of the exact rational sum. Because no
//! step rounds, the result *is* the floor of the exact value: exact by construction.
//!
//! Speed comes from representations, never from giving up exactness:
//!
//! - an [`Exact`] holds its mantissa in a `u128` while it fits, and every operation that would
//!   overflow continues on a big integer ([`Natural`]): valid input is never refused because a
//!   fixed-width shortcut ran out of room;
//! - the floor first asks a floating-point estimate that carries its own error bound
//!   ([`Estimate`], proven in `number::estimate`); then 128-bit quotients term by term, whose
//!   whole parts are exact and whose remainders (each below one unit) are summed by estimate;
//!   and only if neither is certain, one big-integer division of the exact sum.

use core::cmp::Ordering;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};
use rust_decimal::Decimal;

use super::estimate::Estimate;

/// 128-bit integer arithmetic the way wasm runs it fastest, exact in every case: wasm has
/// 64-bit instructions only, so a 128-bit product, quotient or power is a library call (as is
/// an overflow-checked 64-bit product). Operands small enough are done in 64 bits instead.
mod wide {
    /// 10^0 … 10^38, every power of ten a `u128` holds. (Evaluated at compile time, where an
    /// index out of bounds or an overflow is a build error, not a panic.)
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    const POWERS_OF_TEN: [u128; 39] = {
        let mut powers = [1u128; 39];
        let mut exponent = 1;
        while exponent < powers.len() {
            powers[exponent] = powers[exponent - 1] * 10;
            exponent += 1;
        }
        powers
    };

    /// 10^exponent, if it fits (a lookup, not a loop of 128-bit products).
    #[inline]
    pub(super) fn power_of_ten(exponent: u32) -> Option<u128> {
        POWERS_OF_TEN.get(exponent as usize).copied()
    }

    /// `a · b`, if it fits. When a < 2^(128−lz(a)) and b < 2^(128−lz(b)) with
    /// lz(a) + lz(b) ≥ 192, the product is below 2^64: one unchecked 64-bit product.
    #[inline]
    pub(super) fn checked_mul(a: u128, b: u128) -> Option<u128> {
        if a.leading_zeros().saturating_add(b.leading_zeros()) >= 192 {
            // (Both are below 2^64 and so is their product, as shown above.)
            return Some(u128::from((a as u64).wrapping_mul(b as u64)));
        }
        a.checked_mul(b)
    }

    /// `(a / b, a % b)`, `None` for b = 0; in 64 bits when both fit.
    #[inline]
    pub(super) fn checked_div_rem(a: u128, b: u128) -> Option<(u128, u128)> {
        if let (Ok(a), Ok(b)) = (u64::try_from(a), u64::try_from(b)) {
            return Some((u128::from(a.checked_div(b)?), u128::from(a.checked_rem(b)?)));
        }
        Some((a.checked_div(b)?, a.checked_rem(b)?))
    }
}

/// A natural number: a `u128` while it fits, a big integer once it does not.
///
/// Every operation is exact: one that would overflow 128 bits continues on big integers.
/// A value is `Small` whenever it fits (operations on `Big` values normalize their result), so
/// two equal values have the same form.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Natural {
    Small(u128),
    Big(BigUint),
}

impl Natural {
    const ZERO: Natural = Natural::Small(0);

    fn from_big(value: BigUint) -> Natural {
        match value.to_u128() {
            Some(small) => Natural::Small(small),
            None => Natural::Big(value),
        }
    }

    fn big(&self) -> BigUint {
        match self {
            Natural::Small(value) => BigUint::from(*value),
            Natural::Big(value) => value.clone(),
        }
    }

    fn small(&self) -> Option<u128> {
        match self {
            Natural::Small(value) => Some(*value),
            Natural::Big(_) => None,
        }
    }

    fn is_zero(&self) -> bool {
        matches!(self, Natural::Small(0))
    }

    // Big-integer arithmetic does not overflow (it allocates), and the 128-bit forms are checked.
    #[allow(clippy::arithmetic_side_effects)]
    fn add(&self, other: &Natural) -> Natural {
        if let (Natural::Small(a), Natural::Small(b)) = (self, other)
            && let Some(sum) = a.checked_add(*b)
        {
            return Natural::Small(sum);
        }
        Natural::from_big(self.big() + other.big())
    }

    /// `self - other`, or `None` when that would be negative.
    // Big-integer arithmetic does not overflow (it allocates), and the 128-bit forms are checked.
    #[allow(clippy::arithmetic_side_effects)]
    fn checked_sub(&self, other: &Natural) -> Option<Natural> {
        match (self, other) {
            (Natural::Small(a), Natural::Small(b)) => a.checked_sub(*b).map(Natural::Small),
            _ => {
                let (a, b) = (self.big(), other.big());
                (a >= b).then(|| Natural::from_big(a - b))
            }
        }
    }

    // Big-integer arithmetic does not overflow (it allocates), and the 128-bit forms are checked.
    #[allow(clippy::arithmetic_side_effects)]
    fn mul(&self, other: &Natural) -> Natural {
        if let (Natural::Small(a), Natural::Small(b)) = (self, other)
            && let Some(product) = wide::checked_mul(*a, *b)
        {
            return Natural::Small(product);
        }
        Natural::from_big(self.big() * other.big())
    }

    /// `self · 10^exponent`.
    // Big-integer arithmetic does not overflow (it allocates), and the 128-bit forms are checked.
    #[allow(clippy::arithmetic_side_effects)]
    fn mul_pow10(&self, exponent: u32) -> Natural {
        if exponent == 0 {
            return self.clone();
        }
        if let (Natural::Small(value), Some(power)) = (self, wide::power_of_ten(exponent))
            && let Some(product) = wide::checked_mul(*value, power)
        {
            return Natural::Small(product);
        }
        Natural::from_big(self.big() * BigUint::from(10u8).pow(exponent))
    }

    fn estimate(&self, scale: u32) -> Option<Estimate> {
        Estimate::of_units(self.small()?, scale)
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Natural) -> Ordering {
        match (self, other) {
            (Natural::Small(a), Natural::Small(b)) => a.cmp(b),
            // A big value is always beyond every small one (the forms are normalized).
            (Natural::Small(_), Natural::Big(_)) => Ordering::Less,
            (Natural::Big(_), Natural::Small(_)) => Ordering::Greater,
            (Natural::Big(a), Natural::Big(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Natural) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A non-negative decimal held exactly: `mantissa / 10^scale`, with no limit on digits.
#[derive(Clone, Debug)]
pub struct Exact {
    mantissa: Natural,
    scale: u32,
}

impl Exact {
    pub const ZERO: Exact = Exact { mantissa: Natural::ZERO, scale: 0 };

    /// The magnitude of `value` (callers have already refused negative amounts).
    pub fn from_decimal(value: Decimal) -> Exact {
        Exact { mantissa: Natural::Small(value.mantissa().unsigned_abs()), scale: value.scale() }
    }

    /// `units / 10^scale`.
    pub fn from_units(units: u128, scale: u32) -> Exact {
        Exact { mantissa: Natural::Small(units), scale }
    }

    pub fn from_integer(value: u64) -> Exact {
        Exact { mantissa: Natural::Small(u128::from(value)), scale: 0 }
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa.is_zero()
    }

    /// The mantissa for `scale` ≥ `self.scale`.
    fn mantissa_at(&self, scale: u32) -> Natural {
        self.mantissa.mul_pow10(scale.saturating_sub(self.scale))
    }

    /// Both mantissas expressed at the larger of the two scales.
    fn aligned(&self, other: &Exact) -> (Natural, Natural, u32) {
        let scale = self.scale.max(other.scale);
        (self.mantissa_at(scale), other.mantissa_at(scale), scale)
    }

    #[inline]
    pub fn add(&self, other: &Exact) -> Exact {
        let mut sum = self.clone();
        sum.add_assign(other);
        sum
    }

    /// `self += other`, in place.
    #[inline]
    pub fn add_assign(&mut self, other: &Exact) {
        // The common case, one scale and 128 bits (a sum of STP), without copies.
        if let (Natural::Small(a), Natural::Small(b)) = (&mut self.mantissa, &other.mantissa)
            && self.scale == other.scale
            && let Some(sum) = a.checked_add(*b)
        {
            *a = sum;
            return;
        }
        self.add_aligned(other);
    }

    #[cold]
    fn add_aligned(&mut self, other: &Exact) {
        let (a, b, scale) = self.aligned(other);
        *self = Exact { mantissa: a.add(&b), scale };
    }

    /// `self - other`, or `None` when that would be negative.
    pub fn checked_sub(&self, other: &Exact) -> Option<Exact> {
        let (a, b, scale) = self.aligned(other);
        Some(Exact { mantissa: a.checked_sub(&b)?, scale })
    }

    pub fn mul(&self, other: &Exact) -> Exact {
        // (Scales are at most 28 per decimal, and products here have a handful of factors.)
        Exact { mantissa: self.mantissa.mul(&other.mantissa), scale: self.scale.saturating_add(other.scale) }
    }

    /// The value as a `Decimal` if it fits exactly, or `None`. Trailing zeros are dropped
    /// first, so a value held at a needlessly large scale still fits; the result is
    /// normalized (no trailing zeros), as the crate writes its results.
    pub fn to_decimal(&self) -> Option<Decimal> {
        if let Some(value) = decimal_from_units(&self.mantissa, self.scale) {
            return Some(super::normalized(value));
        }
        let mut mantissa = self.mantissa.big();
        let mut scale = self.scale;
        let ten = BigUint::from(10u8);
        while scale > 0 {
            let (quotient, remainder) = mantissa.div_rem(&ten);
            if !remainder.is_zero() {
                break;
            }
            mantissa = quotient;
            scale = scale.saturating_sub(1); // (scale > 0 here)
        }
        decimal_from_units(&Natural::from_big(mantissa), scale).map(super::normalized)
    }

    /// The value as an [`Estimate`] (within two roundings), if its scale allows.
    pub fn estimate(&self) -> Option<Estimate> {
        self.mantissa.estimate(self.scale)
    }

    /// `self / divisor` as the nearest double (for display); NaN for a zero divisor.
    pub fn ratio_f64(&self, divisor: &Exact) -> f64 {
        match small_ratio_f64(self, divisor) {
            Some(ratio) => ratio,
            None => QuotientSum::of(self, divisor).map_or(f64::NAN, |quotient| quotient.to_f64()),
        }
    }
}

/// `numerator / denominator` as the nearest double when both fit 128-bit integers at one
/// scale: (n / 10^sn) / (d / 10^sd) = n·10^sd / (d·10^sn).
fn small_ratio_f64(numerator: &Exact, denominator: &Exact) -> Option<f64> {
    let n = i128::try_from(numerator.mantissa.mul_pow10(denominator.scale).small()?).ok()?;
    let d = i128::try_from(denominator.mantissa.mul_pow10(numerator.scale).small()?).ok()?;
    (d != 0).then(|| super::nearest_f64(n, d))
}

/// `units / 10^scale` as a `Decimal`, exactly, or `None` if it cannot be one.
pub fn decimal_from_fixed(units: u128, scale: u32) -> Option<Decimal> {
    // Sums nearly always fit 64 bits: their trailing zeros are dropped there (no 128-bit
    // division, a library call in wasm), and the one Decimal built is already normalized, as
    // `to_decimal`'s would be. Past 64 bits, or past 28 places, `to_decimal` decides.
    if let Ok(small) = u64::try_from(units) {
        let (units, scale) = super::without_trailing_zeros(small, scale);
        if let Ok(value) = Decimal::try_from_i128_with_scale(i128::from(units), scale) {
            return Some(value);
        }
    }
    Exact { mantissa: Natural::Small(units), scale }.to_decimal()
}

/// The values as integer units at their common (largest) scale, if every one fits in a u128:
/// the compact form for summing many decimals (16 bytes a value, not an [`Exact`]'s 48).
/// Sums of them must use `checked_add`, and go on with [`Exact::from_units`] on overflow.
pub fn fixed_point_units(values: &[Decimal]) -> Option<(Vec<u128>, u32)> {
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    let units = values
        .iter()
        .map(|value| match scale.checked_sub(value.scale())? {
            // Most values share the scale: no 128-bit multiplication (a library call in wasm).
            0 => Some(value.mantissa().unsigned_abs()),
            extra => wide::checked_mul(value.mantissa().unsigned_abs(), wide::power_of_ten(extra)?),
        })
        .collect::<Option<Vec<_>>>()?;
    Some((units, scale))
}

/// `units / 10^scale` as a `Decimal`, if the units fit its 96-bit mantissa and the scale its 28.
fn decimal_from_units(units: &Natural, scale: u32) -> Option<Decimal> {
    let units = i128::try_from(units.small()?).ok()?;
    Decimal::try_from_i128_with_scale(units, scale).ok()
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

/// One exact quotient `numerator / denominator` of non-negative decimals (never a zero
/// denominator), floored on its own or added to a [`QuotientSum`].
#[derive(Clone, Debug)]
pub struct Quotient {
    numerator: Exact,
    denominator: Exact,
    /// Its estimate with the error bound, if the values allow one.
    estimate: Option<Estimate>,
}

impl Quotient {
    /// `numerator / denominator`; `None` for a zero denominator.
    pub fn new(numerator: Exact, denominator: Exact) -> Option<Quotient> {
        if denominator.is_zero() {
            return None;
        }
        let estimate = numerator.estimate().zip(denominator.estimate()).and_then(|(n, d)| n.div(d));
        Some(Quotient { numerator, denominator, estimate })
    }

    /// floor(value, `decimals` places), normalized, or `None` if that does not fit a `Decimal`.
    pub fn floor(&self, decimals: u32) -> Option<Decimal> {
        rounded(core::slice::from_ref(self), self.estimate, None, decimals, Rounding::Floor)
    }
}

/// Which way a result between two payout units goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rounding {
    Floor,
    Ceil,
}

/// An exact sum of quotients Σ nᵢ/dᵢ of non-negative decimals, rounded only when read: the
/// one exact floor of the crate (see the module documentation for its three paths).
///
/// Summing first and flooring once is what the contract asks: the reward is
/// floor(Σ B·C·k_n/D_n), which can exceed Σ floor(B·C·k_n/D_n) by up to one unit per tier
/// (1/3 + 2/3 pays 1, not 0.999999).
#[derive(Clone, Debug)]
pub struct QuotientSum {
    terms: Vec<Quotient>,
    /// The sum as an estimate with its error bound, while every term has one.
    estimate: Option<Estimate>,
}

impl Default for QuotientSum {
    fn default() -> Self {
        QuotientSum { terms: Vec::new(), estimate: Some(Estimate::ZERO) }
    }
}

impl QuotientSum {
    /// `numerator / denominator`; `None` for a zero denominator.
    pub fn of(numerator: &Exact, denominator: &Exact) -> Option<QuotientSum> {
        let mut sum = QuotientSum::default();
        sum.add_quotient(numerator.clone(), denominator.clone())?;
        Some(sum)
    }

    /// Zero, with room for `terms` terms.
    pub fn with_capacity(terms: usize) -> QuotientSum {
        QuotientSum { terms: Vec::with_capacity(terms), ..QuotientSum::default() }
    }

    /// Back to zero, keeping the room for terms (for sums formed over and over).
    pub fn clear(&mut self) {
        self.terms.clear();
        self.estimate = Some(Estimate::ZERO);
    }

    /// Adds `numerator / denominator`; `None` (and nothing added) for a zero denominator.
    pub fn add_quotient(&mut self, numerator: Exact, denominator: Exact) -> Option<()> {
        self.push(Quotient::new(numerator, denominator)?);
        Some(())
    }

    /// Adds one quotient.
    pub fn push(&mut self, quotient: Quotient) {
        if quotient.numerator.is_zero() {
            return;
        }
        self.estimate = self.estimate.zip(quotient.estimate).and_then(|(sum, term)| sum.add(term));
        self.terms.push(quotient);
    }

    fn times_estimate(&self, factor: &Exact) -> Option<Estimate> {
        self.estimate?.mul(factor.estimate()?)
    }

    /// floor(value, `decimals` places), normalized, or `None` if that does not fit a `Decimal`.
    pub fn floor(&self, decimals: u32) -> Option<Decimal> {
        rounded(&self.terms, self.estimate, None, decimals, Rounding::Floor)
    }

    /// floor(value × `factor`, `decimals` places), without building the product unless the
    /// estimate is unsure; at the scale `decimals`, not normalized (for results in bulk).
    pub fn floor_times(&self, factor: &Exact, decimals: u32) -> Option<Decimal> {
        decimal_units(&self.terms, self.times_estimate(factor), Some(factor), decimals, Rounding::Floor)
    }

    /// The value rounded *up* at `decimals` places, or `None` if that does not fit in a `Decimal`.
    pub fn ceil(&self, decimals: u32) -> Option<Decimal> {
        rounded(&self.terms, self.estimate, None, decimals, Rounding::Ceil)
    }

    /// The value as a correctly rounded double (the nearest, ties to even).
    pub fn to_f64(&self) -> f64 {
        if let [Quotient { numerator, denominator, .. }] = self.terms.as_slice()
            && let Some(ratio) = small_ratio_f64(numerator, denominator)
        {
            return ratio;
        }
        let (numerator, denominator) = exact_fraction(&self.terms, None);
        // Values here are non-negative and far below f64::MAX, so the conversion is finite.
        num_rational::Ratio::new_raw(numerator, denominator).to_f64().unwrap_or(f64::NAN)
    }
}

/// Σ terms × factor at `decimals` places (not normalized): a certain estimate becomes a
/// `Decimal` through 64 bits (128-bit arithmetic is a library call in wasm).
fn decimal_units(terms: &[Quotient], estimate: Option<Estimate>, factor: Option<&Exact>, decimals: u32, rounding: Rounding) -> Option<Decimal> {
    let certain = estimate.and_then(|estimate| estimate.scaled(decimals)).and_then(|estimate| match rounding {
        Rounding::Floor => estimate.certain_floor(),
        Rounding::Ceil => estimate.certain_ceil(),
    });
    if let Some(units) = certain.and_then(|units| i64::try_from(units).ok()) {
        return Decimal::try_new(units, decimals).ok();
    }
    decimal_at(units(terms, factor, decimals, rounding)?, decimals)
}

/// Σ terms × factor, rounded at `decimals` places and normalized.
fn rounded(terms: &[Quotient], estimate: Option<Estimate>, factor: Option<&Exact>, decimals: u32, rounding: Rounding) -> Option<Decimal> {
    decimal_units(terms, estimate, factor, decimals, rounding).map(super::normalized)
}

/// `units / 10^decimals` as a `Decimal`: at that scale when the units fit, else with the
/// trailing zeros dropped (a whole 10^20 at 18 places has too many digits, 10^20 has not).
fn decimal_at(units: Natural, decimals: u32) -> Option<Decimal> {
    match decimal_from_units(&units, decimals) {
        Some(value) => Some(value),
        None => Exact { mantissa: units, scale: decimals }.to_decimal(),
    }
}

/// Σ terms × factor × 10^decimals, rounded to an integer when the estimate was unsure: by
/// 128-bit quotients if certain, else by big integers.
fn units(terms: &[Quotient], factor: Option<&Exact>, decimals: u32, rounding: Rounding) -> Option<Natural> {
    if let Some(units) = fixed_width_units(terms, factor, decimals, rounding) {
        return Some(Natural::Small(units));
    }
    Some(exact_units(terms, factor, decimals, rounding))
}

/// The 128-bit path: each term's whole units are an exact 128-bit quotient, and what their
/// remainders add up to (each below one unit) is certain by estimate, or when at most one is
/// non-zero. `None` when a term does not fit or the remainders are unsure.
fn fixed_width_units(terms: &[Quotient], factor: Option<&Exact>, decimals: u32, rounding: Rounding) -> Option<u128> {
    let (factor_units, factor_scale) = match factor {
        Some(factor) => (factor.mantissa.small()?, factor.scale),
        None => (1, 0),
    };
    let mut whole: u128 = 0;
    let mut fractions = Estimate::ZERO;
    let mut inexact = 0usize;
    for term in terms {
        // (n / 10^sn)·(f / 10^sf)·10^decimals / (d / 10^sd) = n·f·10^(sd+decimals) / (d·10^(sn+sf))
        let (numerator, denominator) = (&term.numerator, &term.denominator);
        let power = |exponent: u32| wide::power_of_ten(exponent);
        let dividend = wide::checked_mul(wide::checked_mul(numerator.mantissa.small()?, factor_units)?, power(denominator.scale.checked_add(decimals)?)?)?;
        let divisor = wide::checked_mul(denominator.mantissa.small()?, power(numerator.scale.checked_add(factor_scale)?)?)?;
        let (quotient, remainder) = wide::checked_div_rem(dividend, divisor)?;
        whole = whole.checked_add(quotient)?;
        if remainder != 0 {
            inexact = inexact.checked_add(1)?;
            fractions = fractions.add(Estimate::of_units(remainder, 0)?.div(Estimate::of_units(divisor, 0)?)?)?;
        }
    }
    // The remainders' fractions sum to an exact integer, or lie strictly between two.
    let extra = match (inexact, rounding) {
        (0, _) | (1, Rounding::Floor) => 0,
        (1, Rounding::Ceil) => 1,
        (_, Rounding::Floor) => fractions.certain_floor()?,
        (_, Rounding::Ceil) => fractions.certain_ceil()?,
    };
    whole.checked_add(u128::from(extra))
}

/// The exact path: the sum as one fraction of big integers, divided once.
// Big integers: no overflow; the divisor is a product of non-zero denominators and powers of ten.
#[allow(clippy::arithmetic_side_effects)]
fn exact_units(terms: &[Quotient], factor: Option<&Exact>, decimals: u32, rounding: Rounding) -> Natural {
    let (numerator, denominator) = exact_fraction(terms, factor);
    let scaled = numerator * BigUint::from(10u8).pow(decimals);
    // (Denominators are products of non-zero decimals and powers of ten: never zero.)
    Natural::from_big(match rounding {
        Rounding::Floor => scaled / denominator,
        Rounding::Ceil => scaled.div_ceil(&denominator),
    })
}

/// Σ terms × factor as one fraction of big integers.
// Big integers: no overflow; the divisor is a product of non-zero denominators and powers of ten.
#[allow(clippy::arithmetic_side_effects)]
fn exact_fraction(terms: &[Quotient], factor: Option<&Exact>) -> (BigUint, BigUint) {
    let (factor_units, factor_scale) = match factor {
        Some(factor) => (factor.mantissa.big(), factor.scale),
        None => (BigUint::from(1u8), 0),
    };
    let mut numerator = BigUint::zero();
    let mut denominator = BigUint::from(1u8);
    let ten = || BigUint::from(10u8);
    for term in terms {
        // (n / 10^sn)·(f / 10^sf) / (d / 10^sd) = n·f·10^sd / (d·10^(sn+sf))
        let term_numerator = term.numerator.mantissa.big() * &factor_units * ten().pow(term.denominator.scale);
        let term_denominator = term.denominator.mantissa.big() * ten().pow(term.numerator.scale.saturating_add(factor_scale));
        if denominator == term_denominator {
            numerator += term_numerator;
        } else {
            numerator = numerator * &term_denominator + term_numerator * &denominator;
            denominator *= term_denominator;
        }
    }
    (numerator, denominator)
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

    proptest::proptest! {
        /// The 64-bit shortcuts agree with std's 128-bit arithmetic (the oracle), at every
        /// bit length, so on both sides of the 2^64 boundaries.
        #[test]
        fn wide_arithmetic_is_std_arithmetic(a in proptest::num::u128::ANY, b in proptest::num::u128::ANY, a_bits in 0u32..=128, b_bits in 0u32..=128, exponent in 0u32..=40) {
            let (a, b) = (a.checked_shr(128 - a_bits).unwrap_or(0), b.checked_shr(128 - b_bits).unwrap_or(0));
            proptest::prop_assert_eq!(wide::checked_mul(a, b), a.checked_mul(b));
            proptest::prop_assert_eq!(wide::checked_div_rem(a, b), a.checked_div(b).zip(a.checked_rem(b)));
            proptest::prop_assert_eq!(wide::power_of_ten(exponent), 10u128.checked_pow(exponent));
        }

        /// Units at a scale as a decimal, on both sides of 2^64 and of 28 places, with trailing
        /// zeros of every length: what rust_decimal's exact reading of the same digits gives
        /// (their trailing zeros dropped as text, its `normalize` after), or `None` where it
        /// refuses them.
        #[test]
        fn fixed_point_units_read_as_rust_decimal_reads_their_text(units in proptest::num::u128::ANY, bits in 0u32..=128, zeros in 0u32..=30, scale in 0u32..=40) {
            let units = units.checked_shr(128 - bits).unwrap_or(0).checked_mul(10u128.pow(zeros % 20)).unwrap_or(units);
            let digits = format!("{units:0>width$}", width = usize::try_from(scale).unwrap() + 1);
            let (whole, places) = digits.split_at(digits.len() - usize::try_from(scale).unwrap());
            let text = format!("{whole}.{}", places.trim_end_matches('0'));
            let expected = Decimal::from_str_exact(text.trim_end_matches('.')).ok().map(|value| value.normalize());
            let value = decimal_from_fixed(units, scale);
            proptest::prop_assert_eq!(value.map(|value| (value, value.scale())), expected.map(|value| (value, value.scale())), "{}", text);
        }
    }

    #[test]
    fn a_third_plus_two_thirds_is_exactly_one() {
        let mut sum = quotient("1", "3");
        sum.add_quotient(exact("2"), exact("3")).unwrap();
        assert_eq!(sum.floor(6).unwrap().to_string(), "1");
        assert_eq!(sum.ceil(6).unwrap().to_string(), "1");
        assert_eq!(quotient("1", "3").floor(6).unwrap().to_string(), "0.333333");
        assert_eq!(quotient("2", "3").floor(6).unwrap().to_string(), "0.666666");
        assert_eq!(quotient("2", "3").ceil(6).unwrap().to_string(), "0.666667");
    }

    #[test]
    fn sums_across_different_denominators_and_scales() {
        // 1/7 + 6/7 (with the 7 written at another scale) = 1
        let mut sum = quotient("0.1", "0.7");
        sum.add_quotient(exact("6"), exact("7.00")).unwrap();
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
    fn a_sum_past_128_bits_continues_exactly() {
        // 2 × 1.9e28 at ten places is 3.8e38 units: past u128::MAX (3.4e38).
        let half = exact("19000000000000000000000000000").add(&exact("0.0000000001"));
        let sum = half.add(&half);
        assert_eq!(sum.to_decimal(), None, "38000000000000000000000000000.0000000002 has 39 digits");
        assert_eq!(sum.checked_sub(&exact("0.0000000002")).and_then(|value| value.to_decimal()), Some(Decimal::from_str("38000000000000000000000000000").unwrap()));
        assert!(sum > half && half < sum && sum == half.add(&half) && sum != half);
        // Equal values are equal whatever their scale.
        assert!(exact("1.50") == exact("1.5") && exact("1.50") != exact("1.05"));
    }

    #[test]
    fn floor_refuses_results_too_large_for_a_decimal() {
        assert!(quotient("79228162514264337593543950335", "0.7").floor(0).is_none(), "1.1e29 is past a Decimal");
        assert_eq!(quotient("79228162514264337593543950335", "1").floor(18), Some(Decimal::MAX), "whole: no places needed");
        assert!(QuotientSum::of(&exact("1"), &exact("0")).is_none());
    }

    #[test]
    fn every_path_floors_on_a_unit_boundary() {
        // 900 · 4400 / 2700 = 1466.666…, and three of them: exactly 4400 (the estimate is unsure).
        let mut sum = QuotientSum::default();
        for _ in 0..3 {
            sum.add_quotient(exact("3960000"), exact("2700")).unwrap();
        }
        assert_eq!(sum.floor(6).unwrap().to_string(), "4400");
        assert_eq!(sum.floor_times(&exact("0.5"), 6).unwrap().to_string(), "2200.000000", "at the scale asked for");
        // Too many digits for 128 bits at 18 places: big integers decide.
        let mut sum = quotient("79228162514264337593543950335", "3");
        sum.add_quotient(exact("79228162514264337593543950335"), exact("0.3")).unwrap();
        assert_eq!(sum.floor(0).map(|value| value.to_string()), None, "2.9e29 is past a Decimal");
        assert_eq!(sum.floor_times(&exact("0.00001"), 18).map(|value| value.to_string()), None, "2.9e24 at 18 places has 43 digits");
        assert_eq!(sum.floor_times(&exact("0.00001"), 4).unwrap().to_string(), "2905032625523025711763278.1789");
    }

    #[test]
    fn display_values_are_the_nearest_doubles() {
        assert_eq!(quotient("1000", "3").to_f64(), 1000.0 / 3.0);
        let mut sum = quotient("1", "3");
        sum.add_quotient(exact("1"), exact("7")).unwrap();
        assert_eq!(sum.to_f64(), 10.0 / 21.0);
    }
}
