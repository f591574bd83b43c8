//! Any bytes as a partial report (`docs/partials.md#checks`): an error, or
//! a partial whose report can be built, which reads back from its own JSON
//! as itself and combines with itself — never a panic or a blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stegvis::Partial;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(partial) = Partial::from_json(text)
    {
        let _ = partial.report().suppress(5);
        let again = Partial::from_json(&partial.to_json()).expect("a partial's JSON reads back");
        assert_eq!(again, partial);
        if let Ok(twice) = partial.combine(&partial) {
            assert_eq!(twice.participants(), 2 * partial.participants());
            let _ = twice.report();
        }
    }
});
