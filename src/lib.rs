//! soei-rewards: the Soei reward rules, exact to the last unit of payout precision.
//!
//! The crate is a pure Rust core (every module but `wasm`) plus one boundary module that
//! exposes it to JavaScript. The core knows nothing of JavaScript, so it builds and tests
//! natively with plain `cargo test`.
//!
//! Layers, from the bottom:
//! - [`number`]: reading and writing decimals, and exact big-integer arithmetic for money.
//! - [`ladder`]: tiers, thresholds and shares, with the two published ladders.
//! - [`reward`], [`progress`], [`period`], [`projection`], [`curve`], [`referral`],
//!   [`population`]: the rules.
//! - [`input`]: a JSON-like [`input::Value`] and path-aware decoding of it into requests.
//! - [`api`]: one function per public operation, from a [`input::Value`] to a serialisable
//!   result; the wasm boundary and the native conformance tests both call these.

// `core` and `alloc` only (see the `std` feature); unit tests have std's prelude.
#![cfg_attr(not(test), no_std)]

extern crate alloc;
#[cfg(all(feature = "std", not(test)))]
extern crate std;

pub mod api;
pub mod curve;
pub mod error;
pub mod input;
pub mod ladder;
pub mod number;
pub mod period;
pub mod population;
pub mod progress;
pub mod projection;
pub mod referral;
pub mod reward;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorCode, Result};
pub use ladder::{Ladder, PointsKind, Tier};
pub use rust_decimal::Decimal;
