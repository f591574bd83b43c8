//! Builds one dataset of 100 000 participants from text dates, for running
//! under a profiler (`valgrind --tool=callgrind`), where criterion's
//! repetitions would only add noise.

use stegvis_benches::{Dates, build, generate, nordost};

fn main() {
    let rows = generate(100_000, 0x5EED);
    let data = build(&nordost(), &rows, Dates::Text).expect("valid rows");
    std::hint::black_box(data);
}
