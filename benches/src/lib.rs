//! Bench data generation.
