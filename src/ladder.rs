//! Ladders: ordered tiers, each with a threshold `need` and a share `k` of the pool.
//!
//! Membership is nested — a user qualifies for every tier whose `need` is at most their
//! points — so the tiers a user qualifies for are always a prefix of the ladder, and
//! [`Ladder::qualified_count`] says everything about it.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_decimal::Decimal;

use crate::error::{Error, ErrorCode, Quoted, Result};
use crate::number::exact::Exact;
use crate::number::{format_decimal, normalized};

/// Which points a ladder ranks: personal STP or referral STPR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum PointsKind {
    /// Soei Trust Points, from the user's own activity.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "STP"))]
    Stp,
    /// Trust points from the STP of the people the user referred.
    #[cfg_attr(feature = "serde", serde(rename = "STPR"))]
    Stpr,
}

/// One tier: a name, the points it needs, and its share of the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", deny_unknown_fields))]
pub struct Tier {
    /// Shown to users: "Silver".
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::text"))]
    pub name: String,
    /// The threshold: a user with at least this many points qualifies.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize", deserialize_with = "crate::input::decimal"))]
    pub need: Decimal,
    /// k, the tier's share of the pool, in [0, 1].
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::number::text::serialize", deserialize_with = "crate::input::decimal"))]
    pub share: Decimal,
}

/// A validated ladder: build one with [`Ladder::new`], or take a published one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Ladder {
    name: String,
    points: PointsKind,
    tiers: Vec<Tier>,
}

/// More tiers than this is surely a mistake, and the bound keeps every computation small.
pub const MAX_TIERS: usize = 16;

fn tier(name: &str, need: u32, share_percent: u32) -> Tier {
    Tier { name: name.into(), need: Decimal::from(need), share: Decimal::from_parts(share_percent, 0, 0, false, 2) }
}

impl Ladder {
    /// The published personal ladder (STP): Silver 100 / Gold 500 / Platinum 800 / Diamond 1,000
    /// with shares 50 / 25 / 15 / 10 %.
    pub fn personal() -> Ladder {
        Ladder {
            name: "personal".into(),
            points: PointsKind::Stp,
            tiers: vec![
                tier("Silver", 100, 50),
                tier("Gold", 500, 25),
                tier("Platinum", 800, 15),
                tier("Diamond", 1_000, 10),
            ],
        }
    }

    /// The ambassador ladder (STPR). The thresholds are published; the shares 50 / 30 / 20 %
    /// are not, and are this project's stated assumption.
    pub fn ambassador() -> Ladder {
        Ladder {
            name: "ambassador".into(),
            points: PointsKind::Stpr,
            tiers: vec![
                tier("Campaign Representative", 11_000, 50),
                tier("Brand Ambassador", 65_000, 30),
                tier("Global Ambassador", 255_000, 20),
            ],
        }
    }

    /// A ladder of the caller's: 1..16 tiers, unique non-empty names, strictly increasing
    /// `need` ≥ 0, each share in [0, 1] and the shares summing to at most 1. Errors name the
    /// field under `ladder`, for example `ladder.tiers[2].share`.
    pub fn new(name: impl Into<String>, points: PointsKind, tiers: Vec<Tier>) -> Result<Ladder> {
        let invalid = |field: String, detail: String| Error::new(ErrorCode::InvalidLadder, field, detail);
        if tiers.is_empty() || tiers.len() > MAX_TIERS {
            return Err(invalid("ladder.tiers".into(), format!("must have 1 to {} tiers (got {})", MAX_TIERS, tiers.len())));
        }
        let mut share_sum = Exact::from_integer(0);
        for (index, tier) in tiers.iter().enumerate() {
            let at = |part: &str| format!("ladder.tiers[{}].{}", index, part);
            if tier.name.trim().is_empty() {
                return Err(invalid(at("name"), "must not be empty".into()));
            }
            let previous = index.checked_sub(1).and_then(|previous| tiers.get(previous));
            if tiers.iter().take(index).any(|earlier| earlier.name == tier.name) {
                return Err(invalid(at("name"), format!("{} is used by an earlier tier", Quoted(&tier.name))));
            }
            if tier.need.is_sign_negative() && !tier.need.is_zero() {
                return Err(invalid(at("need"), "must not be negative".into()));
            }
            if let Some(previous) = previous.filter(|previous| tier.need <= previous.need) {
                return Err(invalid(at("need"), format!("must be greater than the previous tier's need ({})", previous.need)));
            }
            if tier.share < Decimal::ZERO || tier.share > Decimal::ONE {
                return Err(invalid(at("share"), format!("must be between 0 and 1 (got {})", tier.share)));
            }
            share_sum = share_sum.add(&Exact::from_decimal(tier.share));
        }
        if share_sum > Exact::from_integer(1) {
            let sum = share_sum.to_decimal().map_or_else(|| "more than 1".into(), format_decimal);
            return Err(invalid("ladder.tiers".into(), format!("shares must sum to at most 1 (they sum to {})", sum)));
        }
        let tiers = tiers
            .into_iter()
            .map(|tier| Tier { need: normalized(tier.need), share: normalized(tier.share), ..tier })
            .collect();
        Ok(Ladder { name: name.into(), points, tiers })
    }

    /// Its name: "personal", "ambassador", or the caller's.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The points it ranks.
    pub fn points(&self) -> PointsKind {
        self.points
    }

    /// Its tiers, lowest first.
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// How many tiers `points` qualifies for: the qualified tiers are `tiers()[..count]`.
    pub fn qualified_count(&self, points: Decimal) -> usize {
        self.tiers.partition_point(|tier| tier.need <= points)
    }

    /// [`Ladder::qualified_count`] for many values: see [`QualifiedCounter`].
    pub fn counter(&self) -> QualifiedCounter<'_> {
        let by_scale = (0..=Decimal::MAX_SCALE)
            .map(|scale| {
                self.tiers
                    .iter()
                    .map(|tier| {
                        let mut need = tier.need;
                        need.rescale(scale);
                        // rust_decimal's `rescale` rounds to fewer places and stops short of
                        // more places than the mantissa holds: kept only where it is exact.
                        (need.scale() == scale && need == tier.need).then_some(need)
                    })
                    .collect::<Option<Vec<_>>>()
            })
            .collect();
        QualifiedCounter { ladder: self, by_scale }
    }

    /// The highest tier among the first `count`, if any: `None` for 0, and past the tiers.
    pub fn rank_name(&self, count: usize) -> Option<String> {
        self.tiers.get(count.checked_sub(1)?).map(|tier| tier.name.clone())
    }
}

/// Counts qualified tiers for a whole population ([`Ladder::counter`]), as
/// [`Ladder::qualified_count`] does. `Decimal`'s `Ord` rescales one side of every comparison
/// of two values at different scales (a 96-bit multiplication), and points are rarely at the
/// needs' scale (STP has cents, needs are whole). So the needs are written once at every
/// scale where they are exact, and each value is compared with them at its own scale:
/// mantissa against mantissa. The same values, so the same counts; a value at a scale where
/// a need cannot be written is counted by [`Ladder::qualified_count`].
#[derive(Debug, Clone)]
pub struct QualifiedCounter<'a> {
    ladder: &'a Ladder,
    /// Index s: every tier's need at scale s, where all of them can be written there.
    by_scale: Vec<Option<Vec<Decimal>>>,
}

impl QualifiedCounter<'_> {
    /// How many tiers `points` qualifies for.
    ///
    /// ```
    /// use soei_rewards::{Decimal, Ladder};
    /// let ladder = Ladder::personal();
    /// let counter = ladder.counter();
    /// assert_eq!(counter.count(Decimal::new(85000, 2)), 3); // 850.00: Silver, Gold, Platinum
    /// assert_eq!(counter.count(Decimal::new(9999, 2)), 0);
    /// ```
    pub fn count(&self, points: Decimal) -> usize {
        let at_scale = usize::try_from(points.scale()).ok().and_then(|scale| self.by_scale.get(scale)?.as_deref());
        match at_scale {
            Some(needs) => needs.partition_point(|need| *need <= points),
            None => self.ladder.qualified_count(points),
        }
    }
}

/// Both published ladders, as [`crate::ladders`] returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Ladders {
    /// STP: Silver, Gold, Platinum, Diamond.
    pub personal: Ladder,
    /// STPR: Campaign Representative, Brand Ambassador, Global Ambassador.
    pub ambassador: Ladder,
}

/// The ladder a request names: a published one, or the caller's own (validated when used).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LadderChoice {
    /// The published personal ladder (STP).
    #[default]
    Personal,
    /// The ambassador ladder (STPR).
    Ambassador,
    /// A ladder of the caller's, checked by [`Ladder::new`].
    Custom(LadderSpec),
}

/// A ladder as a caller writes it; [`LadderChoice::to_ladder`] validates it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(remote = "Self", deny_unknown_fields))]
pub struct LadderSpec {
    /// Shown to users; "custom" when absent.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "crate::input::optional_text"))]
    pub name: Option<String>,
    /// The points it ranks; STP when absent.
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "deserialize_points_kind"))]
    pub points: Option<PointsKind>,
    /// The tiers, lowest first.
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::input::object_list"))]
    pub tiers: Vec<Tier>,
}

impl LadderChoice {
    /// The ladder itself, or `invalid_ladder` (with a path under `ladder`) for a custom one
    /// that breaks the rules.
    pub fn to_ladder(&self) -> Result<Ladder> {
        match self {
            LadderChoice::Personal => Ok(Ladder::personal()),
            LadderChoice::Ambassador => Ok(Ladder::ambassador()),
            LadderChoice::Custom(spec) => Ladder::new(
                spec.name.as_deref().unwrap_or("custom"),
                spec.points.unwrap_or_default(),
                spec.tiers.clone(),
            ),
        }
    }
}

/// The published ladders, built once: a request that names none allocates none.
static PERSONAL: LazyLock<Ladder> = LazyLock::new(Ladder::personal);
static AMBASSADOR: LazyLock<Ladder> = LazyLock::new(Ladder::ambassador);

/// The ladder a request chose, or the `default` one when it names none; a custom one
/// validated.
pub(crate) fn chosen_ladder(choice: Option<&LadderChoice>, default: LadderChoice) -> Result<Cow<'static, Ladder>> {
    match choice.unwrap_or(&default) {
        LadderChoice::Personal => Ok(Cow::Borrowed(&PERSONAL)),
        LadderChoice::Ambassador => Ok(Cow::Borrowed(&AMBASSADOR)),
        custom => custom.to_ladder().map(Cow::Owned),
    }
}

#[cfg(feature = "serde")]
mod de {
    use serde::de::{Deserializer, MapAccess};

    use super::{LadderChoice, LadderSpec, PointsKind, Tier};
    use crate::error::{ErrorCode, Quoted};
    use crate::input::{optional_text, read, strict_object, strict_struct, Failure, Read};

    strict_struct!(Tier, LadderSpec);

    /// `"personal"`, `"ambassador"` or a ladder object.
    impl<'de> serde::Deserialize<'de> for LadderChoice {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            read(deserializer, ChoiceReader)
        }
    }

    struct ChoiceReader;

    impl<'de> Read<'de> for ChoiceReader {
        type Value = LadderChoice;
        const EXPECTING: &'static str = "\"personal\", \"ambassador\" or a ladder object";

        fn text(self, name: &str) -> Result<LadderChoice, Failure> {
            match name {
                "personal" => Ok(LadderChoice::Personal),
                "ambassador" => Ok(LadderChoice::Ambassador),
                other => Err(Failure::new(
                    ErrorCode::InvalidLadder,
                    format!("{} is not a ladder (use \"personal\", \"ambassador\" or a ladder object)", Quoted(other)),
                )),
            }
        }

        fn object<A: MapAccess<'de>>(self, map: A) -> Result<LadderChoice, A::Error> {
            strict_object::<LadderSpec, A>(map).map(LadderChoice::Custom)
        }
    }

    pub(super) fn points_kind<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<PointsKind>, D::Error> {
        match optional_text(deserializer)?.as_deref() {
            None => Ok(None),
            Some("STP") => Ok(Some(PointsKind::Stp)),
            Some("STPR") => Ok(Some(PointsKind::Stpr)),
            Some(other) => Err(crate::input::report(Failure::new(ErrorCode::InvalidLadder, format!("must be \"STP\" or \"STPR\" (got {})", Quoted(other))))),
        }
    }

    // `remote = "Self"` makes the derived `Serialize` an inherent function too.
    impl serde::Serialize for Tier {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Tier::serialize(self, serializer)
        }
    }
}

#[cfg(feature = "serde")]
use de::points_kind as deserialize_points_kind;

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers(spec: &[(&str, i64, i64)]) -> Vec<Tier> {
        spec.iter().map(|&(name, need, share)| Tier { name: name.into(), need: Decimal::from(need), share: Decimal::new(share, 2) }).collect()
    }

    proptest::proptest! {
        /// The counter counts as `qualified_count` (Decimal's own `Ord`) does, for needs and
        /// points of every size and scale: at the needs' scales, at scales where they cannot be
        /// written (fewer places, or too many for their mantissa), and at the limits.
        #[test]
        fn the_counter_counts_as_decimal_ord_does(needs in proptest::collection::vec((0u64..=u64::MAX, 0u32..=28), 1..=MAX_TIERS), points in (0i128..=i128::MAX, 0u32..=127, 0u32..=28)) {
            let mut needs: Vec<Decimal> = needs.into_iter().map(|(units, scale)| Decimal::new(i64::try_from(units >> 1).unwrap(), scale)).collect();
            needs.sort();
            needs.dedup();
            let tiers = needs.iter().enumerate().map(|(index, &need)| Tier { name: format!("tier {index}"), need, share: Decimal::ZERO }).collect();
            let ladder = Ladder::new("custom", PointsKind::Stp, tiers).unwrap();
            let (mantissa, shift, scale) = points;
            let value = Decimal::from_i128_with_scale((mantissa >> shift) % 79_228_162_514_264_337_593_543_950_336, scale);
            let counter = ladder.counter();
            proptest::prop_assert_eq!(counter.count(value), ladder.qualified_count(value));
            // And at each need itself, the boundary.
            for need in needs {
                proptest::prop_assert_eq!(counter.count(need), ladder.qualified_count(need));
            }
        }
    }

    /// The needs are kept at every scale where all of them are exact: the personal ladder's
    /// whole needs at 0 to 25 places; a need with 3 places from 3 places on; a mantissa near
    /// the top of the range at no scale above its own.
    #[test]
    fn the_counter_keeps_the_needs_where_they_are_exact() {
        let personal = Ladder::personal();
        let counter = personal.counter();
        // 1000 has 4 digits, so 25 places at most in 29 (1000·10^25 = 10^28 < 2^96 < 10^29).
        for scale in 0..=25 {
            let needs = counter.by_scale.get(usize::try_from(scale).unwrap()).unwrap().as_deref().unwrap();
            assert!(needs.iter().zip(personal.tiers()).all(|(need, tier)| need.scale() == scale && *need == tier.need), "{scale}");
        }
        assert_eq!(counter.by_scale.iter().map(Option::is_some).collect::<Vec<_>>(), (0..=28).map(|scale| scale <= 25).collect::<Vec<_>>());
        let ladder = Ladder::new("custom", PointsKind::Stp, tiers(&[("a", 1, 10)]).into_iter().map(|tier| Tier { need: Decimal::new(1_125, 3), ..tier }).collect()).unwrap();
        let kept: Vec<bool> = ladder.counter().by_scale.iter().map(Option::is_some).collect();
        assert_eq!(kept, (0..=28).map(|scale| scale >= 3).collect::<Vec<_>>());
        let top = Tier { name: "top".into(), need: Decimal::MAX, share: Decimal::ZERO };
        let ladder = Ladder::new("custom", PointsKind::Stp, vec![top]).unwrap();
        let kept: Vec<bool> = ladder.counter().by_scale.iter().map(Option::is_some).collect();
        assert_eq!(kept, (0..=28).map(|scale| scale == 0).collect::<Vec<_>>());
        // Counted all the same at every scale (850.00 reaches three tiers, 1e-28 none).
        assert_eq!(counter.count(Decimal::new(85_000, 2)), 3);
        assert_eq!(counter.count(Decimal::new(1, 28)), 0);
        assert_eq!(ladder.counter().count(Decimal::MAX), 1);
    }

    #[test]
    fn published_ladders_pass_their_own_validation() {
        for ladder in [Ladder::personal(), Ladder::ambassador()] {
            let copy = Ladder::new(ladder.name(), ladder.points(), ladder.tiers().to_vec()).unwrap();
            assert_eq!(copy, ladder);
        }
    }

    #[test]
    fn qualification_is_a_prefix() {
        let ladder = Ladder::personal();
        let count = |points: i64| ladder.qualified_count(Decimal::from(points));
        assert_eq!((count(0), count(99), count(100), count(850), count(1000), count(5000)), (0, 0, 1, 3, 4, 4));
        assert_eq!(ladder.rank_name(3).as_deref(), Some("Platinum"));
        assert_eq!(ladder.rank_name(0), None);
        assert_eq!(ladder.rank_name(9), None, "past the tiers: no rank, not a panic");
    }

    #[test]
    fn invalid_ladders_name_the_field_at_fault() {
        let case = |spec: &[(&str, i64, i64)]| Ladder::new("x", PointsKind::Stp, tiers(spec)).unwrap_err();
        let fields = [
            case(&[]).field,
            case(&[("a", 1, 10), ("a", 2, 10)]).field,
            case(&[("a", 1, 10), (" ", 2, 10)]).field,
            case(&[("a", 5, 10), ("b", 5, 10)]).field,
            case(&[("a", -1, 10)]).field,
            case(&[("a", 1, 101)]).field,
            case(&[("a", 1, -1)]).field,
            case(&[("a", 1, 60), ("b", 2, 50)]).field,
        ];
        assert_eq!(
            fields,
            [
                "ladder.tiers",
                "ladder.tiers[1].name",
                "ladder.tiers[1].name",
                "ladder.tiers[1].need",
                "ladder.tiers[0].need",
                "ladder.tiers[0].share",
                "ladder.tiers[0].share",
                "ladder.tiers",
            ]
        );
        assert_eq!(case(&[]).code, ErrorCode::InvalidLadder);
        let many: Vec<_> = (0..17).map(|i| (["t"; 17][i], i as i64, 1)).collect();
        assert_eq!(Ladder::new("x", PointsKind::Stp, tiers(&many)).unwrap_err().field, "ladder.tiers");
    }
}
