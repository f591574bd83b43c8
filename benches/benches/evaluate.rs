//! Evaluation throughput: one `Dataset::evaluate` over N participants of
//! the Nordost programme with 10 assessments each (participants/s; each
//! participant brings 10 assessments, so assessments/s is 10 times that),
//! at one date and with a trend over four dates (`docs/method.md#trend`).
#![allow(missing_docs)] // criterion_group! defines an undocumented public fn

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use stegvis::{Options, Trend};
use stegvis_benches::{as_of, dataset};

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];

fn evaluate(c: &mut Criterion) {
    // One date: the programme's own quarterly trend is turned off.
    let options = Options::new().as_of(as_of()).trend(Trend::Off);
    let mut group = c.benchmark_group("evaluate");
    for n in SIZES {
        let data = dataset(n);
        if n >= 100_000 {
            // Seconds per iteration: few, equal samples.
            group
                .sample_size(10)
                .sampling_mode(SamplingMode::Flat)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(10));
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("participants", n), &data, |b, data| {
            b.iter(|| data.evaluate(black_box(&options)).expect("evaluates"));
        });
    }
    group.finish();
}

/// A trend over four dates: the report's date and three quarter ends before it.
fn evaluate_trend(c: &mut Criterion) {
    let dates = ["2021-09-30", "2021-12-31", "2022-03-31"]
        .map(|d| d.parse().expect("a date"))
        .into_iter()
        .chain([as_of()])
        .collect();
    let options = Options::new().trend(Trend::dates(dates).expect("four dates"));
    let mut group = c.benchmark_group("evaluate_trend4");
    for n in SIZES {
        let data = dataset(n);
        if n >= 100_000 {
            group
                .sample_size(10)
                .sampling_mode(SamplingMode::Flat)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(10));
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("participants", n), &data, |b, data| {
            b.iter(|| data.evaluate(black_box(&options)).expect("evaluates"));
        });
    }
    group.finish();
}

criterion_group!(benches, evaluate, evaluate_trend);
criterion_main!(benches);
