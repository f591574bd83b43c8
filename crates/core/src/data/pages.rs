//! Memory for a large table that reading looks up at random places: the
//! participant id index, looked up by every assessment row.
//!
//! With a million participants such a table spans thousands of 4 KiB
//! pages, far more than the processor's table of recent pages covers, so
//! every access at a random place waited for the page's address (a walk
//! of the page tables, which the rest of the reading had pushed out of the
//! caches) as well as for the value. On Linux a table of at least
//! [`HUGE_PAGE`] bytes is therefore an anonymous mapping the kernel is
//! asked to back with 2 MiB pages (`docs/decisions.md#decision-163`).
//! Where the kernel declines (huge pages turned off) the mapping is
//! ordinary memory; where mapping fails, and on other systems and in
//! WebAssembly, the table is a vector. Either way it is a slice of plain
//! values ([`bytemuck::Pod`]), and nothing else changes.

use bytemuck::Pod;

/// A huge page's size on x86-64 and most Linux systems; smaller tables
/// could not use one.
#[cfg(target_os = "linux")]
const HUGE_PAGE: usize = 2 << 20;

/// A table of `T`s, in huge pages where the system gives them (see the
/// module's documentation); used as a slice.
pub(crate) enum HugePaged<T> {
    Vector(Vec<T>),
    #[cfg(target_os = "linux")]
    Mapped(memmap2::MmapMut, std::marker::PhantomData<T>),
}

impl<T: Pod> HugePaged<T> {
    /// `len` copies of `value`.
    pub(crate) fn filled(len: usize, value: T) -> Self {
        #[cfg(target_os = "linux")]
        if let Some(mut mapped) = Self::mapped(len) {
            mapped.fill(value);
            return mapped;
        }
        HugePaged::Vector(vec![value; len])
    }

    /// `len` zeroed values in a mapping asking for huge pages, if they
    /// take a huge page or more and the mapping is made.
    #[cfg(target_os = "linux")]
    fn mapped(len: usize) -> Option<Self> {
        let bytes = len
            .checked_mul(size_of::<T>())
            .filter(|&bytes| bytes >= HUGE_PAGE)?;
        let map = memmap2::MmapMut::map_anon(bytes).ok()?;
        // Only a hint: without huge pages the table works the same.
        let _ = map.advise(memmap2::Advice::HugePage);
        Some(HugePaged::Mapped(map, std::marker::PhantomData))
    }
}

impl<T: Pod> std::ops::Deref for HugePaged<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            HugePaged::Vector(values) => values,
            // A mapping starts on a page, and its length is whole values.
            #[cfg(target_os = "linux")]
            HugePaged::Mapped(map, _) => bytemuck::cast_slice(map),
        }
    }
}

impl<T: Pod> std::ops::DerefMut for HugePaged<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            HugePaged::Vector(values) => values,
            #[cfg(target_os = "linux")]
            HugePaged::Mapped(map, _) => bytemuck::cast_slice_mut(map),
        }
    }
}

/// Only the length: the values are ids (personal data) and megabytes.
impl<T: Pod> std::fmt::Debug for HugePaged<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HugePaged")
            .field("len", &self.len())
            .finish()
    }
}

impl<T: Pod> Clone for HugePaged<T> {
    fn clone(&self) -> Self {
        let mut copy = HugePaged::filled(self.len(), T::zeroed());
        copy.copy_from_slice(self);
        copy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_tables_are_mapped_filled_and_cloned_whole() {
        // 4 Mi u32s (16 MiB) are mapped on Linux; 16 are a vector.
        for (len, value) in [(1 << 22, 0u32), (1 << 22, 7), (16, 7), (0, 7)] {
            let mut table = HugePaged::filled(len, value);
            assert_eq!(table.len(), len);
            #[cfg(target_os = "linux")]
            assert_eq!(matches!(table, HugePaged::Mapped(..)), len >= 1 << 22);
            assert!(table.iter().all(|&v| v == value));
            if len > 0 {
                table[len - 1] = 9;
            }
            let copy = table.clone();
            assert_eq!(&copy[..], &table[..]);
            assert_eq!(format!("{copy:?}"), format!("HugePaged {{ len: {len} }}"));
        }
    }
}
