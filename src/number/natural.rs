//! Unbounded natural numbers: just what exact money arithmetic needs, and small in wasm.
//!
//! The numbers here are at most a few thousand bits (a 16-tier sum of fractions of 96-bit
//! decimals), so schoolbook multiplication and Knuth's long division (TAOCP vol. 2, 4.3.1,
//! Algorithm D, in the form of Hacker's Delight's `divmnu`) are the fast choice as well as
//! the small one: a general big-integer crate's asymptotically faster algorithms only add
//! code that never runs. Property tests check every operation against `num-bigint`.

use alloc::{vec, vec::Vec};
use core::cmp::Ordering;

/// Little-endian base-2^32 digits, with no trailing (most significant) zero digits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Natural {
    digits: Vec<u32>,
}

const BASE: u64 = 1 << 32;

impl Natural {
    pub const ZERO: Natural = Natural { digits: Vec::new() };

    pub fn from_u128(mut value: u128) -> Natural {
        let mut digits = Vec::with_capacity(4);
        while value != 0 {
            digits.push(value as u32);
            value >>= 32;
        }
        Natural { digits }
    }

    fn trimmed(mut digits: Vec<u32>) -> Natural {
        while digits.last() == Some(&0) {
            digits.pop();
        }
        Natural { digits }
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// The value if it fits in a `u128`.
    pub fn to_u128(&self) -> Option<u128> {
        if self.digits.len() > 4 {
            return None;
        }
        Some(self.digits.iter().rev().fold(0u128, |acc, &digit| (acc << 32) | u128::from(digit)))
    }

    /// 10^exponent.
    pub fn pow10(exponent: u32) -> Natural {
        Natural::from_u128(1).mul_pow10(exponent)
    }

    /// self · 10^exponent, nine digits at a time (no 10^exponent is built).
    pub fn mul_pow10(&self, exponent: u32) -> Natural {
        let mut result = self.clone();
        let mut remaining = exponent;
        while remaining > 0 && !result.is_zero() {
            let step = remaining.min(9);
            result.mul_small_assign(10u32.pow(step));
            remaining -= step;
        }
        result
    }

    /// self · 2^exponent.
    pub fn mul_pow2(&self, exponent: u32) -> Natural {
        let mut digits = vec![0u32; (exponent / 32) as usize];
        digits.extend(shifted_left(&self.digits, exponent % 32, self.digits.len() + 1));
        Natural::trimmed(digits)
    }

    pub fn add(&self, other: &Natural) -> Natural {
        let (long, short) = if self.digits.len() >= other.digits.len() { (self, other) } else { (other, self) };
        let mut digits = Vec::with_capacity(long.digits.len() + 1);
        let mut carry = 0u64;
        for (index, &digit) in long.digits.iter().enumerate() {
            let sum = u64::from(digit) + u64::from(short.digits.get(index).copied().unwrap_or(0)) + carry;
            digits.push(sum as u32);
            carry = sum >> 32;
        }
        if carry != 0 {
            digits.push(carry as u32);
        }
        Natural { digits }
    }

    /// `self - other`, or `None` if that is negative.
    pub fn checked_sub(&self, other: &Natural) -> Option<Natural> {
        if *self < *other {
            return None;
        }
        let mut digits = Vec::with_capacity(self.digits.len());
        let mut borrow = 0i64;
        for (index, &digit) in self.digits.iter().enumerate() {
            let difference = i64::from(digit) - i64::from(other.digits.get(index).copied().unwrap_or(0)) - borrow;
            digits.push(difference as u32);
            borrow = i64::from(difference < 0);
        }
        Some(Natural::trimmed(digits))
    }

    pub fn mul(&self, other: &Natural) -> Natural {
        if self.is_zero() || other.is_zero() {
            return Natural::ZERO;
        }
        let mut digits = vec![0u32; self.digits.len() + other.digits.len()];
        for (i, &a) in self.digits.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.digits.iter().enumerate() {
                // (2^32-1)^2 + 2·(2^32-1) = 2^64 - 1: the sum cannot overflow.
                let product = u64::from(a) * u64::from(b) + u64::from(digits[i + j]) + carry;
                digits[i + j] = product as u32;
                carry = product >> 32;
            }
            digits[i + other.digits.len()] = carry as u32;
        }
        Natural::trimmed(digits)
    }

    fn mul_small_assign(&mut self, factor: u32) {
        let mut carry = 0u64;
        for digit in &mut self.digits {
            let product = u64::from(*digit) * u64::from(factor) + carry;
            *digit = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.digits.push(carry as u32);
        }
        if factor == 0 {
            self.digits.clear();
        }
    }

    /// Quotient and remainder by a one-digit divisor (non-zero).
    pub fn div_rem_small(&self, divisor: u32) -> (Natural, u32) {
        let mut quotient = vec![0u32; self.digits.len()];
        let mut remainder = 0u64;
        for (index, &digit) in self.digits.iter().enumerate().rev() {
            let current = (remainder << 32) | u64::from(digit);
            quotient[index] = (current / u64::from(divisor)) as u32;
            remainder = current % u64::from(divisor);
        }
        (Natural::trimmed(quotient), remainder as u32)
    }

    /// Quotient and remainder, or `None` for a zero divisor.
    pub fn div_rem(&self, divisor: &Natural) -> Option<(Natural, Natural)> {
        match divisor.digits.len() {
            0 => None,
            _ if self < divisor => Some((Natural::ZERO, self.clone())),
            1 => {
                let (quotient, remainder) = self.div_rem_small(divisor.digits[0]);
                Some((quotient, Natural::from_u128(u128::from(remainder))))
            }
            _ => Some(self.long_division(divisor)),
        }
    }

    /// Algorithm D for a divisor of two or more digits, `self >= divisor`.
    fn long_division(&self, divisor: &Natural) -> (Natural, Natural) {
        let n = divisor.digits.len();
        let m = self.digits.len();
        // Normalise so the divisor's top digit has its high bit set; the quotient estimates
        // are then off by at most two, and the loop below corrects them.
        let shift = divisor.digits[n - 1].leading_zeros();
        let v = shifted_left(&divisor.digits, shift, n);
        let mut u = shifted_left(&self.digits, shift, m + 1);
        let mut quotient = vec![0u32; m - n + 1];
        for j in (0..=m - n).rev() {
            let top = (u64::from(u[j + n]) << 32) | u64::from(u[j + n - 1]);
            let mut estimate = top / u64::from(v[n - 1]);
            let mut rest = top % u64::from(v[n - 1]);
            while estimate >= BASE || estimate * u64::from(v[n - 2]) > ((rest << 32) | u64::from(u[j + n - 2])) {
                estimate -= 1;
                rest += u64::from(v[n - 1]);
                if rest >= BASE {
                    break;
                }
            }
            // u[j..=j+n] -= estimate · v
            let mut borrow = 0i64;
            for i in 0..n {
                let product = estimate * u64::from(v[i]);
                let difference = i64::from(u[i + j]) - borrow - (product & 0xFFFF_FFFF) as i64;
                u[i + j] = difference as u32;
                borrow = (product >> 32) as i64 - (difference >> 32);
            }
            let difference = i64::from(u[j + n]) - borrow;
            u[j + n] = difference as u32;
            if difference < 0 {
                // The estimate was one too large (rare): add the divisor back.
                estimate -= 1;
                let mut carry = 0u64;
                for i in 0..n {
                    let sum = u64::from(u[i + j]) + u64::from(v[i]) + carry;
                    u[i + j] = sum as u32;
                    carry = sum >> 32;
                }
                u[j + n] = u[j + n].wrapping_add(carry as u32);
            }
            quotient[j] = estimate as u32;
        }
        let remainder = shifted_right(&u[..n], shift);
        (Natural::trimmed(quotient), Natural::trimmed(remainder))
    }
}

/// `digits << shift` (shift < 32) in `len` digits.
fn shifted_left(digits: &[u32], shift: u32, len: usize) -> Vec<u32> {
    let mut result = vec![0u32; len];
    let mut carry = 0u32;
    for (index, &digit) in digits.iter().enumerate() {
        result[index] = (digit << shift) | carry;
        carry = if shift == 0 { 0 } else { digit >> (32 - shift) };
    }
    if digits.len() < len {
        result[digits.len()] = carry;
    }
    result
}

/// `digits >> shift` (shift < 32).
fn shifted_right(digits: &[u32], shift: u32) -> Vec<u32> {
    if shift == 0 {
        return digits.to_vec();
    }
    (0..digits.len())
        .map(|index| (digits[index] >> shift) | digits.get(index + 1).map_or(0, |&next| next << (32 - shift)))
        .collect()
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Natural) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Natural) -> Ordering {
        self.digits.len().cmp(&other.digits.len()).then_with(|| self.digits.iter().rev().cmp(other.digits.iter().rev()))
    }
}

// The oracle (num-bigint) and proptest are native-only dev-dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use num_bigint::BigUint;
    use proptest::prelude::*;

    fn natural(value: &BigUint) -> Natural {
        Natural::trimmed(value.to_u32_digits())
    }

    fn big(value: &Natural) -> BigUint {
        BigUint::from_slice(&value.digits)
    }

    /// Numbers of up to `max_digits` base-2^32 digits, biased toward the edge cases of long
    /// division: digits of all ones or zeros, and top digits just above or below a power of 2.
    fn numbers(max_digits: usize) -> impl Strategy<Value = BigUint> {
        let digit = prop_oneof![any::<u32>(), Just(0u32), Just(u32::MAX), Just(1u32 << 31), Just((1u32 << 31) - 1)];
        proptest::collection::vec(digit, 0..=max_digits).prop_map(|digits| BigUint::from_slice(&digits))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn agrees_with_num_bigint(a in numbers(12), b in numbers(8)) {
            let (x, y) = (natural(&a), natural(&b));
            prop_assert_eq!(big(&x.add(&y)), &a + &b);
            prop_assert_eq!(big(&x.mul(&y)), &a * &b);
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            prop_assert_eq!(x.checked_sub(&y).map(|d| big(&d)), (a >= b).then(|| &a - &b));
            match x.div_rem(&y) {
                None => prop_assert_eq!(b, BigUint::ZERO),
                Some((quotient, remainder)) => {
                    prop_assert_eq!(big(&quotient), &a / &b);
                    prop_assert_eq!(big(&remainder), &a % &b);
                }
            }
        }

        #[test]
        fn small_operations_agree(a in numbers(10), factor in any::<u32>(), shift in 0u32..200) {
            let x = natural(&a);
            prop_assert_eq!(big(&x.mul_pow2(shift)), &a << shift);
            let mut product = x.clone();
            product.mul_small_assign(factor);
            prop_assert_eq!(big(&product), &a * factor);
            if factor != 0 {
                let (quotient, remainder) = x.div_rem_small(factor);
                prop_assert_eq!(big(&quotient), &a / factor);
                prop_assert_eq!(BigUint::from(remainder), &a % factor);
            }
        }
    }

    #[test]
    fn conversions_and_powers_of_ten() {
        assert_eq!(Natural::from_u128(u128::MAX).to_u128(), Some(u128::MAX));
        assert_eq!(Natural::pow10(38).to_u128(), Some(10u128.pow(38)));
        assert_eq!(Natural::pow10(39).to_u128(), None);
        assert_eq!(big(&Natural::pow10(100)), BigUint::from(10u32).pow(100));
        assert_eq!(big(&Natural::from_u128(7).mul_pow10(30)), BigUint::from(7u32) * BigUint::from(10u32).pow(30));
        assert!(Natural::ZERO.mul_pow10(5).is_zero());
        assert!(Natural::from_u128(0).is_zero());
        assert_eq!(Natural::from_u128(5).div_rem(&Natural::ZERO), None);
    }
}
