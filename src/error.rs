//! Every failure is an [`Error`]: a machine-readable [`ErrorCode`], the path of the input
//! field at fault (`"tierTotals[2]"`, `"ladder.tiers[0].share"`), and a sentence for people.

use core::fmt;
use core::str::FromStr;

/// What kind of mistake the input has. [`ErrorCode::as_str`] is the JavaScript `Error.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Not a readable decimal: NaN, Infinity, `""`, `"1,000"`, `"abc"`.
    InvalidNumber,
    /// Wrong type or shape: not an object, an array of the wrong length, a fraction where an
    /// integer belongs, a malformed timestamp.
    InvalidType,
    /// A negative amount.
    Negative,
    /// A value outside what the operation or the decimal type can hold.
    OutOfRange,
    /// A required field is absent (or `null`).
    MissingField,
    /// A field the operation does not read: usually a typo.
    UnknownField,
    /// A ladder that breaks the ladder rules (see [`crate::Ladder::new`]).
    InvalidLadder,
    /// Tier totals that cannot describe a real population (see the contract).
    InconsistentTotals,
    /// Two referral users with the same id.
    DuplicateId,
    /// A referrer that is not the id (or index) of any user.
    UnknownReferrer,
    /// A user who is, through their referrers, their own referrer.
    ReferralCycle,
}

impl ErrorCode {
    /// Every code, in the order of the contract.
    pub const ALL: [ErrorCode; 11] = [
        ErrorCode::InvalidNumber,
        ErrorCode::InvalidType,
        ErrorCode::Negative,
        ErrorCode::OutOfRange,
        ErrorCode::MissingField,
        ErrorCode::UnknownField,
        ErrorCode::InvalidLadder,
        ErrorCode::InconsistentTotals,
        ErrorCode::DuplicateId,
        ErrorCode::UnknownReferrer,
        ErrorCode::ReferralCycle,
    ];

    /// The code as the contract spells it: `"invalid_number"`, `"out_of_range"`, …
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidNumber => "invalid_number",
            ErrorCode::InvalidType => "invalid_type",
            ErrorCode::Negative => "negative",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::InvalidLadder => "invalid_ladder",
            ErrorCode::InconsistentTotals => "inconsistent_totals",
            ErrorCode::DuplicateId => "duplicate_id",
            ErrorCode::UnknownReferrer => "unknown_referrer",
            ErrorCode::ReferralCycle => "referral_cycle",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not one of the contract's error codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an error code of the contract")]
pub struct UnknownErrorCode;

impl FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    fn from_str(text: &str) -> core::result::Result<ErrorCode, UnknownErrorCode> {
        ErrorCode::ALL.into_iter().find(|code| code.as_str() == text).ok_or(UnknownErrorCode)
    }
}

/// An invalid input, named by the path of the field at fault.
///
/// ```
/// use soei_rewards::{Error, ErrorCode};
/// let error = Error::new(ErrorCode::Negative, "tierTotals[2]", "must not be negative (got -5)");
/// assert_eq!(error.to_string(), "tierTotals[2]: must not be negative (got -5)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {detail}", if field.is_empty() { "input" } else { field })]
pub struct Error {
    /// What kind of mistake.
    pub code: ErrorCode,
    /// Path of the field in the input object; empty for the input as a whole.
    pub field: String,
    /// What is wrong, without the field path: for showing next to the field.
    pub detail: String,
}

impl Error {
    /// An error of `code` at `field`.
    pub fn new(code: ErrorCode, field: impl Into<String>, detail: impl Into<String>) -> Self {
        Error { code, field: field.into(), detail: detail.into() }
    }

    /// The same error, at `field`: for loops over many values, which name the element only
    /// once something is wrong with it rather than formatting every path up front.
    pub(crate) fn at(mut self, field: String) -> Self {
        self.field = field;
        self
    }
}

/// How much of a caller's text an error repeats: a longer value or key is cut to its first
/// [`ECHO_CHARS`] characters, with an ellipsis and its full length, so that an error made
/// from a 10 MB string is a line, not 10 MB, wherever an app logs or reports it.
const ECHO_CHARS: usize = 40;

/// A caller's text as an error quotes it: `"850x"`, or for a longer one its first
/// [`ECHO_CHARS`] characters, `"xxxx"… (1000000 characters)`. Control characters are escaped.
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, length) = echo(self.0);
        write!(formatter, "{shown:?}")?;
        length.map_or(Ok(()), |length| write!(formatter, "… ({length} characters)"))
    }
}

/// A caller's key as a field path names it: as it is, or for a longer one its first
/// [`ECHO_CHARS`] characters, `xxxx… (100000 characters)`. (Keys come from the serde
/// readers only.)
#[cfg(feature = "serde")]
pub(crate) struct Echoed<'a>(pub &'a str);

#[cfg(feature = "serde")]
impl fmt::Display for Echoed<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, length) = echo(self.0);
        formatter.write_str(shown)?;
        length.map_or(Ok(()), |length| write!(formatter, "… ({length} characters)"))
    }
}

/// `text`'s first [`ECHO_CHARS`] characters, and its length in characters if that is more.
fn echo(text: &str) -> (&str, Option<usize>) {
    match text.char_indices().nth(ECHO_CHARS) {
        None => (text, None),
        Some((end, _)) => (text.get(..end).unwrap_or(text), Some(text.chars().count())),
    }
}

/// The result of every operation.
pub type Result<T> = core::result::Result<T, Error>;

/// Shorthand for the error the core raises most.
pub(crate) fn out_of_range(field: impl Into<String>, detail: impl Into<String>) -> Error {
    Error::new(ErrorCode::OutOfRange, field, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes as the contract's table spells them (docs/API.md, "| `code` | when |"), in its
    /// order: each code's text, its Display, and the text read back.
    #[test]
    fn each_code_is_spelled_as_the_contract_table_spells_it() {
        let api = include_str!("../docs/API.md");
        let table = api.split("| `code` | when |").nth(1).unwrap().split("\n\n").next().unwrap();
        let spelled: Vec<&str> = table.lines().filter_map(|line| line.strip_prefix("| `")?.split('`').next()).collect();
        assert_eq!(spelled.len(), ErrorCode::ALL.len());
        for (code, text) in ErrorCode::ALL.into_iter().zip(spelled) {
            assert_eq!(code.as_str(), text);
            assert_eq!(code.to_string(), text);
            assert_eq!(text.parse::<ErrorCode>(), Ok(code));
        }
        assert_eq!("negativ".parse::<ErrorCode>(), Err(UnknownErrorCode));
        assert_eq!("".parse::<ErrorCode>(), Err(UnknownErrorCode));
    }

    #[test]
    fn short_text_is_echoed_whole_and_long_text_is_cut_with_its_length() {
        assert_eq!(Quoted("1,000").to_string(), r#""1,000""#);
        assert_eq!(Quoted("a\nb").to_string(), r#""a\nb""#);
        let forty = "x".repeat(40);
        assert_eq!(Quoted(&forty).to_string(), format!("\"{forty}\""));
        assert_eq!(Quoted(&"x".repeat(41)).to_string(), format!("\"{forty}\"… (41 characters)"));
        // Characters, not bytes: a cut never splits one.
        let accents = "é".repeat(45);
        assert_eq!(Quoted(&accents).to_string(), format!("\"{}\"… (45 characters)", "é".repeat(40)));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_long_key_is_cut_with_its_length() {
        assert_eq!(Echoed("tierTotals").to_string(), "tierTotals");
        assert_eq!(Echoed(&"k".repeat(100_000)).to_string(), format!("{}… (100000 characters)", "k".repeat(40)));
    }
}
