//! How an author looks: the XEP-0392 colour of their seed made readable on the chat's background,
//! and the generated avatar. Computed once per seed and kept while the author is on screen.

use std::collections::HashMap;
use std::sync::Arc;

use livechat_core::avatar::{self, Avatar};
use livechat_core::color;

#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    /// `#rrggbb`, readable on the background.
    pub color: Arc<str>,
    /// The generated avatar, drawn inline (see [`crate::components::AvatarImage`]).
    pub avatar: Arc<Avatar>,
}

impl Identity {
    pub fn of(seed: &str, background: [u8; 3]) -> Self {
        Identity {
            color: color::readable_css(seed, background).into(),
            avatar: Arc::new(avatar::of(seed)),
        }
    }
}

/// Identities by seed, for one background. Each projection pass keeps only the seeds it used, so
/// the cache never outgrows what is shown.
#[derive(Debug)]
pub struct Identities {
    background: [u8; 3],
    current: HashMap<String, Identity>,
    next: HashMap<String, Identity>,
}

impl Identities {
    pub fn new(background: [u8; 3]) -> Self {
        Identities {
            background,
            current: HashMap::new(),
            next: HashMap::new(),
        }
    }

    pub fn background(&self) -> [u8; 3] {
        self.background
    }

    /// A new background: every colour is computed again. Returns whether it changed.
    pub fn set_background(&mut self, background: [u8; 3]) -> bool {
        if self.background == background {
            return false;
        }
        self.background = background;
        self.current.clear();
        self.next.clear();
        true
    }

    pub fn get(&mut self, seed: &str) -> Identity {
        if let Some(identity) = self.next.get(seed) {
            return identity.clone();
        }
        let identity = self
            .current
            .remove(seed)
            .unwrap_or_else(|| Identity::of(seed, self.background));
        self.next.insert(seed.to_owned(), identity.clone());
        identity
    }

    /// The end of a projection pass: forget the seeds it did not use.
    pub fn sweep(&mut self) {
        self.current = std::mem::take(&mut self.next);
    }
}
