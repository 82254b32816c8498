//! Criterion benchmarks of the PII engine (filled in below).
fn main() {}
