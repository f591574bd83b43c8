//! Building a dataset: every row handed to the `DatasetBuilder` as
//! `Field`s, checked, interned and grouped (participants/s over N
//! participants with 10 assessments each). Dates come either typed (as
//! from an Arrow date column) or as ISO text (as from CSV), which the
//! builder parses.
#![allow(missing_docs)] // criterion_group! defines an undocumented public fn

use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use stegvis_benches::{Dates, build, generate, nordost};

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];

fn build_dataset(c: &mut Criterion) {
    let programme = nordost();
    let mut group = c.benchmark_group("build");
    for n in SIZES {
        let rows = generate(n, 0x5EED);
        if n >= 100_000 {
            group
                .sample_size(10)
                .sampling_mode(SamplingMode::Flat)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(10));
        }
        group.throughput(Throughput::Elements(n as u64));
        for (name, dates) in [("typed_dates", Dates::Typed), ("text_dates", Dates::Text)] {
            group.bench_with_input(BenchmarkId::new(name, n), &rows, |b, rows| {
                b.iter_with_large_drop(|| build(&programme, rows, dates).expect("valid rows"));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, build_dataset);
criterion_main!(benches);
