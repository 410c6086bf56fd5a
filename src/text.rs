//! Messages, paths and timestamps, written without `core::fmt`.
//!
//! `format!` would do, but its machinery (argument tables, padding, a `Display` impl per
//! type) was a seventh of the wasm module: over 5 KB of the 45 KB gzipped budget, measured.
//! The crate's text only ever joins strings, integers and decimals, which [`text!`] does
//! directly: `text!("must be 0 to ", MAX, " (got ", decimals, ")")`.

use alloc::string::String;
use rust_decimal::Decimal;

use crate::number::format_decimal;

/// Something [`text!`] can append.
pub trait Piece {
    fn push_to(&self, text: &mut String);
}

/// Joins pieces (strings, integers, decimals, [`Quoted`], [`Padded`]) into a `String`.
macro_rules! text {
    ($($piece:expr),+ $(,)?) => {{
        let mut text = ::alloc::string::String::new();
        $( $crate::text::Piece::push_to(&$piece, &mut text); )+
        text
    }};
}
pub(crate) use text;

impl Piece for str {
    fn push_to(&self, text: &mut String) {
        text.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, text: &mut String) {
        text.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, text: &mut String) {
        (**self).push_to(text);
    }
}

impl Piece for Decimal {
    fn push_to(&self, text: &mut String) {
        text.push_str(&format_decimal(*self));
    }
}

/// The decimal digits of `value`, at least `width` (at most 20) of them.
fn push_digits(text: &mut String, mut value: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while value > 0 || start + width > digits.len() {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if start == 0 {
            break;
        }
    }
    text.extend(digits[start..].iter().map(|&digit| char::from(digit)));
}

macro_rules! integer_pieces {
    ($($integer:ty),+) => {$(
        impl Piece for $integer {
            #[allow(unused_comparisons)] // unsigned types are never negative
            fn push_to(&self, text: &mut String) {
                if *self < 0 {
                    text.push('-');
                }
                push_digits(text, (*self as i128).unsigned_abs() as u64, 1);
            }
        }
    )+};
}
integer_pieces!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// A whole number written with at least `width` digits: `Padded(7, 2)` is "07".
pub struct Padded(pub u64, pub usize);

impl Piece for Padded {
    fn push_to(&self, text: &mut String) {
        push_digits(text, self.0, self.1);
    }
}

/// User text in a message: in double quotes, cut short if long (a message need not echo a
/// huge input), and otherwise as given.
pub struct Quoted<'a>(pub &'a str);

impl Piece for Quoted<'_> {
    fn push_to(&self, text: &mut String) {
        const SHOWN: usize = 40;
        text.push('"');
        match self.0.char_indices().nth(SHOWN).and_then(|(cut, _)| self.0.get(..cut)) {
            Some(start) => {
                text.push_str(start);
                text.push('…');
            }
            None => text.push_str(self.0),
        }
        text.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_pieces_as_format_would() {
        let quoted = "x".repeat(50);
        assert_eq!(text!("a", 7u32, " ", -12i64, " ", 0usize, " ", Decimal::new(-1500, 3), " ", Quoted("id")), "a7 -12 0 -1.5 \"id\"");
        assert_eq!(text!(i64::MIN, " ", u64::MAX), format!("{} {}", i64::MIN, u64::MAX));
        assert_eq!(text!(Padded(7, 2), ":", Padded(123, 2), ":", Padded(0, 3)), "07:123:000");
        assert_eq!(text!(Quoted(&quoted)), format!("\"{}…\"", &quoted[..40]));
        assert_eq!(text!(Quoted("€uro")), "\"€uro\"");
    }
}
