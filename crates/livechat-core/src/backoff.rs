//! When to try reconnecting: capped exponential backoff with jitter, so that 450 viewers whose
//! server restarted do not all knock again in the same second.

#[derive(Clone, Debug)]
pub struct Backoff {
    pub base_ms: u64,
    pub max_ms: u64,
    attempt: u32,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(500, 30_000)
    }
}

impl Backoff {
    pub fn new(base_ms: u64, max_ms: u64) -> Self {
        Backoff {
            base_ms,
            max_ms: max_ms.max(base_ms),
            attempt: 0,
        }
    }

    /// The delay before the next attempt. `random` in [0, 1) comes from the caller (the core has no
    /// randomness of its own): the delay is spread over the upper half of the current step.
    pub fn next_delay_ms(&mut self, random: f64) -> u64 {
        let step = self
            .base_ms
            .saturating_mul(1u64 << self.attempt.min(20))
            .min(self.max_ms);
        self.attempt = self.attempt.saturating_add(1);
        let half = step / 2;
        half + (random.clamp(0.0, 1.0) * half as f64) as u64
    }

    /// Attempts so far since the last success.
    pub fn attempts(&self) -> u32 {
        self.attempt
    }

    /// Joined again: the next loss starts from the shortest delay.
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_doubles_and_caps() {
        let mut b = Backoff::new(500, 30_000);
        let upper: Vec<u64> = (0..10).map(|_| b.next_delay_ms(0.999_999)).collect();
        assert_eq!(upper[..4], [499, 999, 1999, 3999]);
        assert!(upper.iter().all(|d| *d < 30_000));
        assert_eq!(*upper.last().unwrap(), 29_999);
        b.reset();
        assert_eq!(b.next_delay_ms(0.0), 250);
    }

    #[test]
    fn jitter_spreads_a_crowd() {
        let delays: std::collections::BTreeSet<u64> = (0..100)
            .map(|i| Backoff::new(1000, 30_000).next_delay_ms(i as f64 / 100.0))
            .collect();
        assert!(delays.len() > 90);
        assert!(delays.iter().all(|d| (500..1000).contains(d)));
    }
}
