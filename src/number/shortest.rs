//! The shortest decimal that reads back as a given double: the digits of JavaScript's
//! `String(n)` (ECMA-262 Number::toString: the fewest digits; among those, the closest to the
//! double; between two as close, the even one).
//!
//! Found with exact [`Natural`] arithmetic, one decimal position at a time from the top: the
//! first position at which some multiple of its power of ten lies within the double's
//! rounding interval gives the fewest digits (Steele & White's free-format criterion). That
//! is slower than Ryū, but it only runs for the doubles [`super::decimal_from_f64`]'s quick
//! test cannot settle, and it keeps a float-printing library out of the wasm module.

use super::natural::Natural;

/// `(digits, exponent)` with |value| = digits · 10^exponent read back as |value|, digits
/// without trailing zeros; `None` for zero, infinities and NaN.
pub fn shortest(value: f64) -> Option<(u64, i32)> {
    let bits = value.abs().to_bits();
    let (biased, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    if biased == 0x7ff || bits == 0 {
        return None;
    }
    // |value| = mantissa · 2^exponent.
    let (mantissa, exponent) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    // The value and the ends of the interval that reads back as it, in units of 2^shift: the
    // ends are halfway to the neighbouring doubles, and the one below a power of two is half
    // as far away as the one above.
    let shift = exponent - 2;
    let point = u128::from(mantissa) << 2;
    let high = point + 2;
    let low = if fraction == 0 && biased > 1 { point - 1 } else { point - 2 };
    // Reading rounds half to even, so an end of the interval reads back as this double when
    // its mantissa is even.
    let inclusive = mantissa % 2 == 0;
    // n · 10^power against v · 2^shift, both sides as whole numbers: v scaled, and n's unit.
    let scaled = |v: u128, power: i32| Natural::from_u128(v).mul_pow2(shift.max(0) as u32).mul_pow10((-power).max(0) as u32);
    let unit_at = |power: i32| Natural::pow10(power.max(0) as u32).mul_pow2((-shift).max(0) as u32);

    // |value| < 2^(exponent + 53), and 0.30103 > log10(2): no position above this one can hold
    // a digit.
    let mut power = ((exponent + 53) * 30103).div_euclid(100_000) + 1;
    loop {
        let unit = unit_at(power);
        let (low_quotient, low_remainder) = scaled(low, power).div_rem(&unit)?;
        let (high_quotient, high_remainder) = scaled(high, power).div_rem(&unit)?;
        // The multiples n of the unit inside the interval are first..end.
        let first = low_quotient.to_u128()? + u128::from(!(low_remainder.is_zero() && inclusive));
        let end = high_quotient.to_u128()? + u128::from(!high_remainder.is_zero() || inclusive);
        if first < end {
            let (quotient, remainder) = scaled(point, power).div_rem(&unit)?;
            let quotient = quotient.to_u128()?;
            let nearest = match remainder.add(&remainder).cmp(&unit) {
                core::cmp::Ordering::Less => quotient,
                core::cmp::Ordering::Equal => quotient + (quotient & 1),
                core::cmp::Ordering::Greater => quotient + 1,
            };
            return u64::try_from(nearest.max(first).min(end - 1)).ok().map(|digits| (digits, power));
        }
        power -= 1;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Ryū's digits of the same double (a dev-dependency only), as (digits, exponent).
    fn ryu_digits(value: f64) -> (u64, i32) {
        let text = ryu::Buffer::new().format_finite(value.abs()).to_owned();
        let (body, exponent) = text.split_once('e').map_or((text.as_str(), 0), |(body, exponent)| (body, exponent.parse().unwrap()));
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let fraction = if fraction == "0" { "" } else { fraction };
        let digits = format!("{whole}{fraction}");
        let trimmed = digits.trim_start_matches('0');
        let kept = trimmed.trim_end_matches('0');
        let exponent = exponent - fraction.len() as i32 + (trimmed.len() - kept.len()) as i32;
        (kept.parse().unwrap(), exponent)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100_000))]

        #[test]
        fn agrees_with_ryu_on_any_double(bits in any::<u64>()) {
            let value = f64::from_bits(bits);
            if value.is_finite() && value != 0.0 {
                prop_assert_eq!(shortest(value), Some(ryu_digits(value)));
            }
        }

        /// Random bits are mostly huge or tiny: these are the magnitudes amounts have.
        #[test]
        fn agrees_with_ryu_on_amounts(fraction in 0u64..1 << 52, biased in 1023u64 - 100..1023 + 100) {
            let value = f64::from_bits(biased << 52 | fraction);
            prop_assert_eq!(shortest(value), Some(ryu_digits(value)));
        }
    }

    #[test]
    fn agrees_with_ryu_where_the_interval_is_odd() {
        let edges = [
            f64::MIN_POSITIVE,                   // the smallest normal: its lower neighbour is subnormal
            f64::from_bits(1),                   // the smallest subnormal
            f64::from_bits((1 << 52) - 1),       // the largest subnormal
            f64::MAX,
            2f64.powi(54),                       // a power of two: the gap below is half the gap above
            2f64.powi(-1022) * 2.0,
            9007199254740993f64,                 // 2^53 + 1 rounds to 2^53
            5e-324,
            1e23,                                // the double nearest 1e23 is below it
            0.1 + 0.2,
            123456789012345680000.0,
        ];
        for value in edges {
            assert_eq!(shortest(value), Some(ryu_digits(value)), "{value:e}");
        }
        for exponent in -1074..1024 {
            let bits = if exponent >= -1022 { ((exponent + 1023) as u64) << 52 } else { 1 << (exponent + 1074) };
            let value = f64::from_bits(bits);
            assert_eq!(shortest(value), Some(ryu_digits(value)), "2^{exponent}");
        }
        assert_eq!(shortest(0.0), None);
        assert_eq!(shortest(f64::NAN), None);
        assert_eq!(shortest(0.1), Some((1, -1)));
        assert_eq!(shortest(-1.5e300), Some((15, 299)));
    }
}
