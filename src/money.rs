//! Money as the gateway counts it: whole units (a config's or a key's budget, a price)
//! turned into millionths, the integer unit every budget and cost is kept in.

/// A whole-unit money value (from config or the vault) in millionths; `None` when it is
/// negative, not a number or absurdly large.
pub fn micros_of(units: f64) -> Option<u64> {
    (0.0..1e12)
        .contains(&units)
        .then(|| (units * 1e6).round() as u64)
}
