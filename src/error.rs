//! Every failure is an [`Error`]: a machine-readable [`ErrorCode`], the path of the input
//! field at fault (`"tierTotals[2]"`, `"ladder.tiers[0].share"`), and a sentence for people.

use alloc::string::String;
use core::fmt;

use crate::text::text;

/// What kind of mistake the input has. The JavaScript `Error.code` is [`ErrorCode::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    MissingField,
    UnknownField,
    InvalidLadder,
    /// Tier totals that cannot describe a real population (see the contract).
    InconsistentTotals,
    DuplicateId,
    UnknownReferrer,
    ReferralCycle,
}

impl ErrorCode {
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

/// An invalid input, named by the path of the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    /// Path of the field in the input object; empty for the input as a whole.
    pub field: String,
    /// What is wrong, without the field path.
    pub detail: String,
}

impl Error {
    pub fn new(code: ErrorCode, field: impl Into<String>, detail: impl Into<String>) -> Self {
        Error { code, field: field.into(), detail: detail.into() }
    }

    /// The same error, at `field`: for loops over many values, which name the element only
    /// once something is wrong with it rather than formatting every path up front.
    pub fn at(mut self, field: String) -> Self {
        self.field = field;
        self
    }

    /// The full message: the field path first, so a UI can show it next to that field.
    pub fn message(&self) -> String {
        let field = if self.field.is_empty() { "input" } else { &self.field };
        text!(field, ": ", self.detail)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

pub type Result<T> = core::result::Result<T, Error>;

/// Shorthand for the errors the core raises most.
pub(crate) fn out_of_range(field: impl Into<String>, detail: impl Into<String>) -> Error {
    Error::new(ErrorCode::OutOfRange, field, detail)
}
