//! Floating-point estimates that carry their own error bound, trusted only when the bound
//! proves the exact floor.
//!
//! # The bound, proven once
//!
//! u = 2^-53 is the unit roundoff of an f64. An [`Estimate`] of a non-negative real x is a
//! double x̂ and a count k with x̂ = x·(1 + θ), |θ| ≤ γ_k = k·u / (1 − k·u), the standard
//! bound of floating-point error analysis (Higham, *Accuracy and Stability of Numerical
//! Algorithms*, §3.1):
//!
//! - an integer below 2^53 converts exactly (k = 0), a larger one rounds once (k = 1);
//! - dividing by 10^s (s ≤ 22, the exact powers of ten in a double) rounds once more;
//! - a product or quotient of estimates with k₁ and k₂ rounds once: (1+θ₁)(1+θ₂)(1+δ) stays
//!   within γ_{k₁+k₂+1} (Higham's Lemma 3.3);
//! - a sum of non-negative estimates rounds once, and a sum of non-negative terms each within
//!   γ_k is within γ_k: the sum is within γ_{max(k₁,k₂)+1}.
//!
//! These hold while no result is subnormal, infinite, NaN or an underflow to zero, which every
//! operation checks (such an estimate is dropped, and the exact path decides). k is capped at
//! 2^20 (a handful per operation in practice), so k·u ≤ 1/4 and γ_k ≤ (4/3)·k·u; then
//! |x − x̂| = |θ|·x ≤ γ_k/(1 − γ_k)·x̂ ≤ 2k·u·x̂.
//!
//! [`Estimate::certain_floor`] widens that to the interval [lo, hi] with margin
//! m = (2k + 4)·u·x̂, computed in f64: the product and the two sums round, each by at most
//! u of a quantity below 2x̂, which the 4u·x̂ beyond 2k·u·x̂ covers, so lo ≤ x ≤ hi. If
//! floor(lo) = floor(hi) = N, then N ≤ x < N + 1: the floor of x is N. Below 2^52 every
//! integer and every floor is exact in f64.


/// 2^52: every integer up to it, and the floor of every double below it, is exact.
const EXACT_INTEGERS: f64 = 4_503_599_627_370_496.0;
/// 2^53: every integer up to it converts to a double exactly.
const EXACT_CONVERSION: u128 = 1 << 53;
/// 10^22 is the largest power of ten that is exactly a double.
const EXACT_POWERS: u32 = 22;
/// Beyond this many roundings the estimate is not worth keeping (and k·u stays ≤ 1/4).
const MAX_ROUNDINGS: u32 = 1 << 20;

/// A non-negative real as a double and a bound on its roundings (see the module's proof).
#[derive(Clone, Copy, Debug)]
pub struct Estimate {
    value: f64,
    roundings: u32,
}

impl Estimate {
    /// Zero, exactly.
    pub const ZERO: Estimate = Estimate { value: 0.0, roundings: 0 };

    /// `units / 10^scale`, if the scale is an exact power of ten.
    #[inline(always)]
    pub fn of_units(units: u128, scale: u32) -> Option<Estimate> {
        if scale > EXACT_POWERS {
            return None;
        }
        // (u64 → f64 is one instruction in wasm; u128 → f64 a library call.)
        let (value, roundings) = match u64::try_from(units) {
            Ok(narrow) => (narrow as f64, u32::from(units > EXACT_CONVERSION)),
            Err(_) => (units as f64, 1),
        };
        match scale {
            0 => Some(Estimate { value, roundings }),
            _ => Estimate { value: value / super::power_of_ten(scale), roundings: roundings.checked_add(1)? }.checked(),
        }
    }

    /// Keeps the estimate only while its bound holds: a normal or zero double, few roundings.
    #[inline(always)]
    fn checked(self) -> Option<Estimate> {
        let representable = self.value == 0.0 || (self.value.is_normal() && self.value > 0.0);
        (representable && self.roundings <= MAX_ROUNDINGS).then_some(self)
    }

    /// A product or quotient of `a` and `b`, which is zero exactly when `zero` says so (a
    /// zero otherwise is an underflow, outside the bound).
    fn combined(value: f64, zero: bool, a: Estimate, b: Estimate) -> Option<Estimate> {
        if (value == 0.0) != zero {
            return None;
        }
        Estimate { value, roundings: a.roundings.checked_add(b.roundings)?.checked_add(1)? }.checked()
    }

    pub fn mul(self, other: Estimate) -> Option<Estimate> {
        Estimate::combined(self.value * other.value, self.value == 0.0 || other.value == 0.0, self, other)
    }

    pub fn div(self, other: Estimate) -> Option<Estimate> {
        if other.value == 0.0 {
            return None;
        }
        Estimate::combined(self.value / other.value, self.value == 0.0, self, other)
    }

    pub fn add(self, other: Estimate) -> Option<Estimate> {
        Estimate { value: self.value + other.value, roundings: self.roundings.max(other.roundings).checked_add(1)? }.checked()
    }

    /// Σ x·aᵢ / (bᵢ + x) over `terms` (aᵢ, bᵢ): the shares of tier pots aᵢ that a point x
    /// earns among others' totals bᵢ, which a reward curve adds up at every point. The same
    /// bound as a chain of [`Estimate::mul`], [`Estimate::div`] and [`Estimate::add`], fused:
    ///
    /// - each term rounds three times (the product, the sum, the quotient), so it is within
    ///   γ of k_x + k_a + 1 + max(k_b, k_x) + 1 + 1 roundings, and the running sum adds one
    ///   rounding per term: the total is within the largest term's count plus the number of
    ///   terms, counted once instead of at every operation;
    /// - the bound needs every intermediate to be a normal double: x > 0 and a term with
    ///   aᵢ > 0 have a positive product, sum and quotient, each checked `is_normal` (which
    ///   also refuses infinities), and a sum of positive normal doubles is normal or
    ///   infinite, which the final check refuses. A term with aᵢ = 0 is exactly zero and
    ///   skipped; x = 0 makes the whole sum exactly zero.
    #[inline(always)]
    pub fn share_sum(point: Estimate, terms: &[(Estimate, Estimate)]) -> Option<Estimate> {
        if point.value == 0.0 {
            return Some(Estimate::ZERO);
        }
        let (mut value, mut normal, mut roundings, mut count) = (0.0f64, true, 0u32, 0u32);
        for &(pot, others) in terms {
            if pot.value == 0.0 {
                continue;
            }
            let (product, total) = (point.value * pot.value, others.value + point.value);
            let share = product / total;
            // (Non-short-circuit `&`: one branch per curve point, not three per term.)
            normal &= product.is_normal() & total.is_normal() & share.is_normal();
            value += share;
            let term_roundings = point.roundings.checked_add(pot.roundings)?.checked_add(others.roundings.max(point.roundings))?.checked_add(3)?;
            roundings = roundings.max(term_roundings);
            count = count.checked_add(1)?;
        }
        if !normal {
            return None;
        }
        Estimate { value, roundings: roundings.checked_add(count)? }.checked()
    }

    /// The value times 10^decimals (an exact power of ten, one rounding).
    #[inline(always)]
    pub fn scaled(self, decimals: u32) -> Option<Estimate> {
        if decimals > EXACT_POWERS {
            return None;
        }
        Estimate { value: self.value * super::power_of_ten(decimals), roundings: self.roundings.checked_add(1)? }.checked()
    }

    /// The interval the exact value lies in (the module's proof).
    #[inline(always)]
    fn interval(self) -> Option<(f64, f64)> {
        let margin = self.value * (f64::from(self.roundings) * 2.0 + 4.0) * (f64::EPSILON / 2.0);
        let (low, high) = (self.value - margin, self.value + margin);
        (self.value >= 0.0 && high < EXACT_INTEGERS).then_some((low, high))
    }

    /// floor(exact value), if the bound leaves no doubt about it.
    #[inline(always)]
    pub fn certain_floor(self) -> Option<u64> {
        let (low, high) = self.interval()?;
        let floor = low.floor();
        // (A floor of a double in [0, 2^52) is an exact integer, so the cast is exact. The
        // floor equals high's, which is not negative (high ≥ value ≥ 0), so no `max(0.0)`:
        // that is a library call in wasm.)
        (floor == high.floor()).then_some(floor as u64)
    }

    /// floor(exact value × 10^decimals), if certain: the units of the floor at `decimals` places.
    #[inline(always)]
    pub fn floor_units(self, decimals: u32) -> Option<u64> {
        self.scaled(decimals)?.certain_floor()
    }

    /// ceil(exact value), if the bound leaves no doubt about it: no integer in [lo, hi].
    pub fn certain_ceil(self) -> Option<u64> {
        let (low, high) = self.interval()?;
        let floor = low.floor();
        // (Not negative either, as in `certain_floor`.)
        (floor == high.floor() && floor < low).then_some((floor as u64).saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(value: f64, roundings: u32) -> Estimate {
        Estimate { value, roundings }
    }

    /// (value, roundings) of an estimate, to compare with the module's rules.
    fn parts(estimate: Option<Estimate>) -> Option<(f64, u32)> {
        estimate.map(|estimate| (estimate.value, estimate.roundings))
    }

    /// Each operation's value, and its count of roundings as the module's proof counts them:
    /// a conversion above 2^53 rounds once, a division by 10^s once more; a product or a
    /// quotient adds one to the sum of its operands', a sum one to the larger; a share sum
    /// counts its largest term (k_x + k_a + max(k_b, k_x) + 3) and one per term.
    #[test]
    fn each_operation_counts_its_roundings_as_the_proof_does() {
        assert_eq!(parts(Estimate::of_units(1 << 53, 0)), Some((9_007_199_254_740_992.0, 0)));
        assert_eq!(parts(Estimate::of_units((1 << 53) + 1, 0)), Some((9_007_199_254_740_992.0, 1)));
        assert_eq!(parts(Estimate::of_units(1 << 70, 0)), Some((1_180_591_620_717_411_303_424.0, 1)));
        assert_eq!(parts(Estimate::of_units(12_345, 2)), Some((123.45, 1)));
        assert_eq!(parts(Estimate::of_units(5, 22)), Some((5e-22, 1)));
        assert_eq!(parts(Estimate::of_units(5, 23)), None);
        assert_eq!(parts(estimate(6.0, 1).mul(estimate(0.5, 2))), Some((3.0, 4)));
        assert_eq!(parts(estimate(6.0, 1).div(estimate(3.0, 2))), Some((2.0, 4)));
        assert_eq!(parts(estimate(6.0, 1).add(estimate(3.0, 5))), Some((9.0, 6)));
        assert_eq!(parts(estimate(2.5, 3).scaled(2)), Some((250.0, 4)));
        assert_eq!(parts(estimate(2.5, 3).scaled(22)), Some((2.5e22, 4)));
        assert_eq!(parts(estimate(2.5, 3).scaled(23)), None);
        // x = 2 among others 4 and 6 for pots 3 and 8: 2·3/6 + 2·8/8 = 3.
        let terms = [(estimate(3.0, 1), estimate(4.0, 2)), (estimate(8.0, 0), estimate(6.0, 0))];
        assert_eq!(parts(Estimate::share_sum(estimate(2.0, 1), &terms)), Some((3.0, 1 + 1 + 2 + 3 + 2)));
        // A pot of zero adds nothing, not even a rounding; a point of zero earns zero exactly.
        assert_eq!(parts(Estimate::share_sum(estimate(2.0, 1), &[(Estimate::ZERO, estimate(4.0, 0))])), Some((0.0, 0)));
        assert_eq!(parts(Estimate::share_sum(Estimate::ZERO, &terms)), Some((0.0, 0)));
    }

    /// Outside the proof (a subnormal, infinite or negative value, an underflow to zero, a
    /// division by zero, too many roundings) there is no estimate; zero itself is exact.
    #[test]
    fn estimates_outside_the_proof_are_dropped() {
        assert_eq!(parts(estimate(0.0, 0).checked()), Some((0.0, 0)));
        assert_eq!(parts(estimate(1.5, MAX_ROUNDINGS).checked()), Some((1.5, MAX_ROUNDINGS)));
        for value in [1e-310, -1.0, f64::INFINITY, f64::NAN] {
            assert_eq!(parts(estimate(value, 0).checked()), None, "{value}");
        }
        assert_eq!(parts(estimate(1.5, MAX_ROUNDINGS + 1).checked()), None);
        assert_eq!(parts(Estimate::ZERO.mul(estimate(5.0, 0))), Some((0.0, 1)));
        assert_eq!(parts(estimate(5.0, 0).mul(Estimate::ZERO)), Some((0.0, 1)));
        assert_eq!(parts(Estimate::ZERO.div(estimate(5.0, 0))), Some((0.0, 1)));
        assert_eq!(parts(estimate(1e-200, 0).div(estimate(1e200, 0))), None, "an underflow to zero");
        assert_eq!(parts(estimate(1e300, 0).add(estimate(1e300, 0))), Some((2e300, 1)));
        assert_eq!(parts(estimate(1e308, 0).add(estimate(1e308, 0))), None, "an overflow to infinity");
        // A share sum with a subnormal product, or an infinite total, has no estimate.
        assert_eq!(parts(Estimate::share_sum(estimate(1e-160, 0), &[(estimate(1e-160, 0), estimate(1.0, 0))])), None);
        // A subnormal product whose share comes out normal (over a tiny total) is dropped too.
        assert_eq!(parts(Estimate::share_sum(estimate(1e-160, 0), &[(estimate(1e-160, 0), estimate(1e-300, 0))])), None);
        assert_eq!(parts(Estimate::share_sum(estimate(1e308, 0), &[(estimate(1.0, 0), estimate(1e308, 0))])), None);
    }

    /// The interval is x̂ ± (2k + 4)·u·x̂ (the module's proof). Near 2^40, where a double's
    /// spacing is 2^-12, that is (2k + 4)/2 spacings: 10 with k = 8, 2 with k = 0. The floor
    /// of 2^40 plus a few spacings is certain just past the margin, and not within it.
    #[test]
    fn the_margin_is_the_proofs() {
        let (base, spacing) = ((1_u64 << 40) as f64, 2f64.powi(-12));
        assert_eq!(estimate(base + 11.0 * spacing, 8).certain_floor(), Some(1 << 40));
        assert_eq!(estimate(base + 9.0 * spacing, 8).certain_floor(), None);
        assert_eq!(estimate(base + 3.0 * spacing, 0).certain_floor(), Some(1 << 40));
        assert_eq!(estimate(base + spacing, 0).certain_floor(), None);
    }

    #[test]
    fn floors_only_what_is_certain() {
        assert_eq!(estimate(2_639_999_999.5, 20).certain_floor(), Some(2_639_999_999));
        assert_eq!(estimate(2_640_000_000.0, 20).certain_floor(), None, "on a boundary: exact arithmetic decides");
        assert_eq!(estimate(2_640_000_000.0, 0).certain_floor(), None, "even with no rounding, the margin covers the interval's own rounding");
        assert_eq!(estimate(2_639_999_999.999_999, 20).certain_floor(), None, "too close to call");
        assert_eq!(estimate(1e17, 0).certain_floor(), None, "beyond exact integers");
        assert_eq!(Estimate::ZERO.certain_floor(), Some(0));
        assert_eq!(Estimate::ZERO.certain_ceil(), None, "zero is an integer: the exact path decides");
        assert_eq!(estimate(0.5, 3).certain_ceil(), Some(1));
        assert_eq!(Estimate::of_units(12345, 2).map(|estimate| estimate.value), Some(123.45));
        assert!(Estimate::of_units(1, 28).is_none(), "10^28 is not exactly a double");
        assert!(estimate(1e-300, 0).mul(estimate(1e-300, 0)).is_none(), "an underflow drops the estimate");
        assert!(estimate(1.0, 0).div(Estimate::ZERO).is_none());
    }
}
