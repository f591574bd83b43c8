//! The participant id index: id text → dense participant index.
//!
//! Every assessment and follow-up row looks its participant up here, so on
//! shuffled input this is the hottest lookup of reading (issue 13: a map of
//! boxed strings cost two or three cache misses per row — the table slot,
//! then the string behind it for the comparison). Ids of up to
//! [`INLINE`] bytes (nearly all real ones: case numbers, dossier numbers)
//! live inside the table's slot, so a lookup touches one slot and no
//! pointer; longer ids are kept in one contiguous arena. The slot a lookup
//! starts at is known from the hash, so readers touch the slots of a batch
//! of rows first and their cache misses overlap. The slots are in huge
//! pages where the system gives them ([`HugePaged`]), so those misses do
//! not also miss the processor's table of pages.

use std::hash::BuildHasher;

use super::pages::HugePaged;
use super::{Field, PREFETCH_BATCH};

/// Ids this long or shorter are stored in the slot itself.
const INLINE: usize = 22;

/// A slot's `len` when it holds no id.
const EMPTY: u16 = u16::MAX;

/// One id and its participant index, 32 bytes: two per cache line.
/// Plain bytes with no padding (`repr(C)`), so a mapping of memory can be
/// viewed as slots ([`HugePaged`]).
#[derive(Debug, Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct Slot {
    /// The id's bytes when inline; else `start` (as little-endian u64) into
    /// the arena in the first 8 bytes.
    bytes: [u8; INLINE],
    /// The id's length in bytes (at most `ParticipantId`'s 128), or [`EMPTY`].
    len: u16,
    /// Participant index.
    index: u32,
    /// The hash's high bits, compared before any byte.
    tag: u32,
}

const VACANT: Slot = Slot {
    bytes: [0; INLINE],
    len: EMPTY,
    index: 0,
    tag: 0,
};

/// Id text → participant index (`docs/data.md#participants`: ids are
/// compared exactly, as text). Open addressing with linear probing over
/// slots in one array, at most half full: a lookup starts at one slot
/// whose address is known from the hash alone, so a reader can
/// [`touch`](Self::touch) the slots of many rows before looking any up.
#[derive(Debug, Clone)]
pub(crate) struct IdIndex {
    slots: HugePaged<Slot>,
    len: usize,
    /// The bytes of ids longer than [`INLINE`], one after the other.
    arena: Vec<u8>,
    hasher: foldhash::fast::FixedState,
}

impl Default for IdIndex {
    fn default() -> Self {
        IdIndex {
            slots: HugePaged::filled(16, VACANT),
            len: 0,
            arena: Vec::new(),
            hasher: foldhash::fast::FixedState::default(),
        }
    }
}

impl IdIndex {
    fn hash(&self, id: &[u8]) -> u64 {
        self.hasher.hash_one(id)
    }

    fn home(&self, hash: u64) -> usize {
        hash as usize & (self.slots.len() - 1)
    }

    /// Starts loading the slots where the lookups of `ids` (participant id
    /// cells: text, or a whole number as its text; other cells name no
    /// slot) start, so that the lookups find them in the cache. Independent
    /// touches of many ids overlap their cache misses (issue 13: shuffled
    /// rows miss the cache on every lookup). Only the first
    /// [`PREFETCH_BATCH`] ids are touched.
    ///
    /// On x86 this is a prefetch instruction, which retires without waiting
    /// for the memory; a plain load (other targets) must wait before it
    /// retires, so a batch's loads fill the processor's reorder window and
    /// only part of their misses overlap. On 10.5 M shuffled lookups among
    /// 1 M ids, batches of 16: 0.42–0.48 s with the prefetch, 0.70–0.74 s
    /// with the load (`docs/decisions.md#decision-147`). So every id is
    /// hashed before any slot is loaded: the loads then follow one another
    /// with no hashing between them, and more of them fit in that window
    /// (`docs/decisions.md#decision-155`).
    ///
    /// The prefetch takes the three cache lines from the home slot's on,
    /// not only that one: a walk goes on to the next slot whenever one
    /// holds another id, and in a table at most half full 17 % of the
    /// walks leave the home slot's line, 1.3 % the third line
    /// (`docs/decisions.md#decision-164`).
    #[inline]
    pub(crate) fn touch<'a>(&self, ids: impl IntoIterator<Item = Field<'a>>) {
        let mut homes = [0usize; PREFETCH_BATCH];
        let mut n = 0;
        for id in ids.into_iter().take(PREFETCH_BATCH) {
            let hash = match id.normalised() {
                Field::Text(id) => self.hash(id.as_bytes()),
                Field::Integer(i) => self.hash(itoa::Buffer::new().format(i).as_bytes()),
                _ => continue,
            };
            homes[n] = self.home(hash);
            n += 1;
        }
        let slots: &[Slot] = &self.slots;
        for &home in &homes[..n] {
            #[cfg(all(
                any(target_arch = "x86", target_arch = "x86_64"),
                target_feature = "sse"
            ))]
            {
                // Slots of the walk's first lines: every second slot from
                // home on is in a line of its own (a slot is half a line).
                const WALK_SLOTS: usize = 5;
                for step in (0..WALK_SLOTS).step_by(2) {
                    safe_arch::prefetch_t0(&slots[(home + step) & (slots.len() - 1)]);
                }
            }
            #[cfg(not(all(
                any(target_arch = "x86", target_arch = "x86_64"),
                target_feature = "sse"
            )))]
            std::hint::black_box(slots[home].tag);
        }
    }

    /// Where the id `bytes`, hashed to `hash`, is: `Ok` with its
    /// participant index, or `Err` with the vacant slot its walk from home
    /// stopped at, where it would go. The one walk of [`get`](Self::get)
    /// and [`try_insert`](Self::try_insert).
    #[inline]
    fn find(&self, bytes: &[u8], hash: u64) -> Result<u32, usize> {
        let tag = tag(hash);
        // The slots' place is read once, not at every step of the walk.
        let slots: &[Slot] = &self.slots;
        let mask = slots.len() - 1;
        let mut i = self.home(hash);
        loop {
            let s = &slots[i];
            if s.len == EMPTY {
                return Err(i);
            }
            if s.tag == tag && usize::from(s.len) == bytes.len() && text(&self.arena, s) == bytes {
                return Ok(s.index);
            }
            i = (i + 1) & mask;
        }
    }

    /// The participant index of `id`, if it was inserted.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        let bytes = id.as_bytes();
        self.find(bytes, self.hash(bytes)).ok()
    }

    /// Adds `id` with participant index `index`, unless it is there
    /// already: then gives the index it has. One hash and one walk from
    /// the id's home, where a look-up and then an insertion took two.
    pub(crate) fn try_insert(&mut self, id: &str, index: u32) -> Result<(), u32> {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let bytes = id.as_bytes();
        let hash = self.hash(bytes);
        let vacant = match self.find(bytes, hash) {
            Ok(held) => return Err(held),
            Err(vacant) => vacant,
        };
        let mut slot = Slot {
            bytes: [0; INLINE],
            len: u16::try_from(bytes.len()).expect("ids are at most 128 bytes"),
            index,
            tag: tag(hash),
        };
        if bytes.len() <= INLINE {
            slot.bytes[..bytes.len()].copy_from_slice(bytes);
        } else {
            let start = self.arena.len() as u64;
            slot.bytes[..8].copy_from_slice(&start.to_le_bytes());
            self.arena.extend_from_slice(bytes);
        }
        self.slots[vacant] = slot;
        self.len += 1;
        Ok(())
    }

    /// Puts `slot` in the first vacant slot from its home on.
    fn place(&mut self, mut slot: Slot, hash: u64) {
        slot.tag = tag(hash);
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        while self.slots[i].len != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    /// Makes room for `additional` more ids, so that inserting them does
    /// not regrow the table: each doubling places every id again, which on
    /// a million ids costs about as much as inserting them
    /// (`docs/decisions.md#decision-146`).
    pub(crate) fn reserve(&mut self, additional: usize) {
        let wanted = self.len.saturating_add(additional).saturating_mul(2);
        if wanted > self.slots.len() {
            self.resize(wanted.next_power_of_two());
        }
    }

    /// Doubles the slots.
    fn grow(&mut self) {
        self.resize(self.slots.len() * 2);
    }

    /// Makes the table `slots` long (a power of two, more than twice the
    /// ids held) and places every id again.
    fn resize(&mut self, slots: usize) {
        let old = std::mem::replace(&mut self.slots, HugePaged::filled(slots, VACANT));
        for &slot in old.iter().filter(|s| s.len != EMPTY) {
            let hash = self.hash(text(&self.arena, &slot));
            self.place(slot, hash);
        }
    }

    /// How many slots the table has (tests check how it was sized).
    #[cfg(test)]
    pub(crate) fn slot_count(&self) -> usize {
        self.slots.len()
    }

    fn occupied(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(|s| s.len != EMPTY)
    }

    /// Every participant index, to renumber them.
    pub(crate) fn indices_mut(&mut self) -> impl Iterator<Item = &mut u32> {
        self.slots
            .iter_mut()
            .filter(|s| s.len != EMPTY)
            .map(|s| &mut s.index)
    }

    /// Every id with its participant index, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.occupied().map(|s| {
            let id = std::str::from_utf8(text(&self.arena, s)).expect("inserted as text");
            (id, s.index)
        })
    }
}

/// A slot's tag: the hash's high bits (its low bits pick the home slot).
fn tag(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// The id bytes of `slot`: inline, or in `arena`.
fn text<'s>(arena: &'s [u8], slot: &'s Slot) -> &'s [u8] {
    let len = usize::from(slot.len);
    if len <= INLINE {
        &slot.bytes[..len]
    } else {
        let mut start = [0; 8];
        start.copy_from_slice(&slot.bytes[..8]);
        let start = u64::from_le_bytes(start) as usize;
        &arena[start..start + len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_are_found_exactly() {
        let mut ids = IdIndex::default();
        let long = "x".repeat(128);
        let edge = "y".repeat(INLINE);
        let over = "y".repeat(INLINE + 1);
        for (i, id) in ["N0001", "", "N00010", &long, &edge, &over, "Å-1"]
            .iter()
            .enumerate()
        {
            assert_eq!(ids.get(id), None);
            assert_eq!(ids.try_insert(id, i as u32), Ok(()));
        }
        assert_eq!(ids.get("N0001"), Some(0));
        assert_eq!(ids.get("N00010"), Some(2));
        assert_eq!(ids.get(&long), Some(3));
        assert_eq!(ids.get(&edge), Some(4));
        assert_eq!(ids.get(&over), Some(5));
        assert_eq!(ids.get("Å-1"), Some(6));
        assert_eq!(ids.get("N000"), None);
        // An id already there keeps its index, short or long.
        assert_eq!(ids.try_insert("N00010", 99), Err(2));
        assert_eq!(ids.try_insert(&over, 99), Err(5));
        assert_eq!(ids.len, 7);
        assert_eq!(ids.get(&"x".repeat(127)), None);
        let mut all: Vec<_> = ids.iter().map(|(id, i)| (i, id.to_owned())).collect();
        all.sort();
        assert_eq!(all[3].1, long);
        assert_eq!(all[5].1, over);
        for i in ids.indices_mut() {
            *i += 10;
        }
        assert_eq!(ids.get(&over), Some(15));
    }

    #[test]
    fn reserving_sizes_the_table_once_and_keeps_every_id() {
        let mut ids = IdIndex::default();
        ids.try_insert("N1", 0).unwrap();
        ids.reserve(1000);
        // Room for 1 001 ids at most half full: 2 048 slots, enough for
        // 1 024 ids in all.
        assert_eq!(ids.slots.len(), 2048);
        ids.reserve(10);
        assert_eq!(ids.slots.len(), 2048);
        for i in 1..1024u32 {
            ids.try_insert(&format!("N{}", i + 1), i).unwrap();
        }
        assert_eq!(ids.slots.len(), 2048);
        assert_eq!(ids.get("N1"), Some(0));
        assert_eq!(ids.get("N1024"), Some(1023));
        ids.try_insert("N1025", 1024).unwrap();
        assert_eq!(ids.slots.len(), 4096);
        assert_eq!(ids.get("N500"), Some(499));
        assert_eq!(ids.get("N1025"), Some(1024));
    }

    #[test]
    fn a_table_of_huge_pages_finds_every_id_and_clones_whole() {
        let mut ids = IdIndex::default();
        ids.reserve(100_000);
        // 262 144 slots of 32 bytes: 8 MiB, mapped on Linux.
        assert_eq!(ids.slots.len(), 1 << 18);
        #[cfg(target_os = "linux")]
        assert!(matches!(ids.slots, HugePaged::Mapped(..)));
        assert!(ids.slots.iter().all(|s| s.len == EMPTY));
        for i in 0..100_000u32 {
            ids.try_insert(&format!("N{i}"), i).unwrap();
        }
        let copy = ids.clone();
        ids.try_insert("N-new", 100_000).unwrap();
        for i in (0..100_000u32).step_by(3) {
            assert_eq!(copy.get(&format!("N{i}")), Some(i));
        }
        assert_eq!(copy.get("N-new"), None);
        assert_eq!(ids.get("N-new"), Some(100_000));
        assert_eq!(copy.iter().count(), 100_000);
    }

    #[test]
    fn walks_end_within_the_three_lines_a_touch_prefetches() {
        // A million ids in 2^21 slots, as a million participants are
        // reserved: how far each id's slot is from its home, in cache
        // lines of two slots (docs/decisions.md#decision-164; the same
        // shares as linear probing of random homes gives).
        let mut ids = IdIndex::default();
        ids.reserve(1_000_000);
        assert_eq!(ids.slots.len(), 1 << 21);
        for i in 0..1_000_000u32 {
            ids.try_insert(&format!("N{:09}", i.wrapping_mul(2_654_435_761)), i)
                .unwrap();
        }
        let mask = ids.slots.len() - 1;
        let mut beyond = [0usize; 3];
        for (at, slot) in ids.slots.iter().enumerate() {
            if slot.len == EMPTY {
                continue;
            }
            let home = ids.home(ids.hash(text(&ids.arena, slot)));
            let distance = at.wrapping_sub(home) & mask;
            let lines = ((home + distance) >> 1) - (home >> 1);
            for (k, n) in beyond.iter_mut().enumerate() {
                *n += usize::from(lines > k);
            }
        }
        let share = |n: usize| n as f64 / 1_000_000.0;
        assert!((0.15..0.19).contains(&share(beyond[0])), "{beyond:?}");
        assert!(share(beyond[2]) < 0.02, "{beyond:?}");
    }

    #[test]
    fn many_ids_grow_the_table_and_keep_every_one() {
        let mut ids = IdIndex::default();
        for i in 0..100_000u32 {
            ids.try_insert(&format!("P{i:09}-{}", "z".repeat((i % 30) as usize)), i)
                .unwrap();
        }
        for i in (0..100_000u32).step_by(7) {
            assert_eq!(
                ids.get(&format!("P{i:09}-{}", "z".repeat((i % 30) as usize))),
                Some(i)
            );
        }
    }
}
