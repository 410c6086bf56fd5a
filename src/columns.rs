//! The results that cross as columns, for populations of millions of users
//! ([`crate::stpr_columns`], [`crate::population_payout`]): their fields in order, each with
//! how it is handed over. This is the one description of their shape. The wasm binding builds
//! its objects from it (a `Float64Array` per [`Column::Numbers`]), the agreement test its JSON,
//! and `examples/boundary.rs` the package's TypeScript declarations.

use rust_decimal::Decimal;

use crate::PopulationPayout;

/// How one field of a column result is handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column<'a> {
    /// Display values: each the double nearest its exact value ([`crate::number::display_f64`]).
    Numbers(&'a [Decimal]),
    /// Exact values, each as plain decimal text ([`crate::number::format_decimal`]).
    Texts(&'a [Decimal]),
    /// One exact value as plain decimal text.
    Text(Decimal),
}

/// A column result's fields, in order: each name as the package writes it, and its values.
pub type Fields<'a> = Vec<(&'static str, Column<'a>)>;

/// The result of [`crate::stpr_columns`]: every user's STPR for display, and exactly when the
/// caller asked for `exact`.
///
/// ```
/// # use soei_rewards::{columns::{stpr_fields, Column}, Decimal};
/// let stpr = [Decimal::from(110), Decimal::ZERO];
/// assert_eq!(stpr_fields(&stpr, false), [("stpr", Column::Numbers(&stpr))]);
/// assert_eq!(stpr_fields(&stpr, true)[1], ("exact", Column::Texts(&stpr)));
/// ```
pub fn stpr_fields(stpr: &[Decimal], exact: bool) -> Fields<'_> {
    let mut fields = vec![("stpr", Column::Numbers(stpr))];
    if exact {
        fields.push(("exact", Column::Texts(stpr)));
    }
    fields
}

/// The result of [`crate::population_payout`]: every reward for display (and exactly when the
/// caller asked for `exact`), the tier totals, and what was and was not distributed.
///
/// ```
/// # use soei_rewards::{columns::payout_fields, population_payout, Decimal, PopulationPayoutRequest};
/// let request = PopulationPayoutRequest { pool: 1000.into(), points: vec![150.into(), 150.into()], ..Default::default() };
/// let payout = population_payout(&request)?;
/// let names: Vec<&str> = payout_fields(&payout, true).iter().map(|(name, _)| *name).collect();
/// assert_eq!(names, ["rewards", "exact", "tierTotals", "distributed", "undistributed"]);
/// assert_eq!(payout_fields(&payout, false).len(), 4);
/// # Ok::<(), soei_rewards::Error>(())
/// ```
pub fn payout_fields(payout: &PopulationPayout, exact: bool) -> Fields<'_> {
    let mut fields = vec![("rewards", Column::Numbers(&payout.rewards))];
    if exact {
        fields.push(("exact", Column::Texts(&payout.rewards)));
    }
    fields.extend([
        ("tierTotals", Column::Texts(&payout.tier_totals)),
        ("distributed", Column::Text(payout.distributed)),
        ("undistributed", Column::Text(payout.undistributed)),
    ]);
    fields
}
