//! Any bytes as a TOML programme definition: an error or a programme,
//! never a panic, a stack overflow or a blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stegvis::Programme;

fuzz_target!(|data: &[u8]| {
    // The readers take text; invalid UTF-8 is refused before them.
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(programme) = Programme::from_toml(text)
    {
        // A valid programme round-trips through its JSON form.
        let again = Programme::from_json_value(programme.to_json_value())
            .expect("a validated programme's JSON form is valid");
        assert_eq!(again, programme);
    }
});
