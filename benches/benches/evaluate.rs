//! Evaluation throughput: one `Dataset::evaluate` over N participants of
//! the Nordost programme with 10 assessments each (participants/s; each
//! participant brings 10 assessments, so assessments/s is 10 times that).
#![allow(missing_docs)] // criterion_group! defines an undocumented public fn

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use stegvis::Options;
use stegvis_benches::{as_of, dataset};

const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];

fn evaluate(c: &mut Criterion) {
    let options = Options::new().as_of(as_of());
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

criterion_group!(benches, evaluate);
criterion_main!(benches);
