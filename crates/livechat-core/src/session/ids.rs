//! Stanza ids and random draws, from the caller's seed: the core has no randomness of its own,
//! so the same seed and the same frames give the same session (the replay tests and the fuzzer
//! rely on it).

#[derive(Debug)]
pub(super) struct Ids {
    rng: u64,
    next: u64,
}

impl Ids {
    pub(super) fn new(seed: u64) -> Ids {
        Ids {
            rng: splitmix64(seed),
            next: 1,
        }
    }

    /// A fresh id: `prefix`, a counter that makes it unique in this session, and a random part
    /// that makes it unlikely in any other (a reload starts the counter again).
    pub(super) fn make(&mut self, prefix: &str) -> String {
        let n = self.next;
        self.next += 1;
        format!("{prefix}{n}-{:x}", self.draw())
    }

    /// A random number: an automatic nickname, a moment within a spread.
    pub(super) fn draw(&mut self) -> u64 {
        xorshift(&mut self.rng)
    }
}

/// Spreads a caller's seed (nearby seeds must not give nearby states) and never returns 0, which
/// xorshift cannot leave.
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) | 1
}

fn xorshift(state: &mut u64) -> u64 {
    // xorshift64*: enough to spread ids and nicknames; the seed comes from the caller.
    let mut x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    x.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_ids_and_nearby_seeds_do_not() {
        let (mut a, mut b, mut c) = (Ids::new(7), Ids::new(7), Ids::new(8));
        let first = a.make("m");
        assert_eq!(first, b.make("m"));
        assert!(first.starts_with("m1-"));
        assert_ne!(first, c.make("m"));
        assert!(a.make("m").starts_with("m2-"));
    }
}
