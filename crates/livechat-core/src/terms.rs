//! The terms of the chat (the PeerTube plugin's `mod_muc_peertubelivechat_terms`): the instance's
//! global terms and the room's own, sent to each newcomer and again when they change. They are the
//! room's state, shown apart from the chat, never a line of the log.

use crate::text::text_key;

/// Whose terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermsScope {
    /// The instance's, for every room (`type='global'`).
    Global,
    /// This room's (`type='muc'`).
    Room,
}

/// One text of the terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermsText {
    /// Bounded and made safe to show ([`crate::text::room_text`]); line breaks kept.
    pub text: String,
    /// Stable for the same text ([`text_key`]): what a UI remembers when the viewer hides it,
    /// so that changed terms show again.
    pub key: String,
}

/// The terms the room sent, latest first-hand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    pub global: Option<TermsText>,
    pub room: Option<TermsText>,
}

impl Terms {
    pub fn get(&self, scope: TermsScope) -> Option<&TermsText> {
        match scope {
            TermsScope::Global => self.global.as_ref(),
            TermsScope::Room => self.room.as_ref(),
        }
    }

    /// Sets one text (an empty one removes it); returns whether it changed.
    pub(crate) fn set(&mut self, scope: TermsScope, text: String) -> bool {
        let new = (!text.trim().is_empty()).then(|| TermsText {
            key: text_key(&text),
            text,
        });
        let slot = match scope {
            TermsScope::Global => &mut self.global,
            TermsScope::Room => &mut self.room,
        };
        let changed = *slot != new;
        *slot = new;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_terms_again_change_nothing() {
        let mut terms = Terms::default();
        assert!(terms.set(TermsScope::Room, "Be kind.".into()));
        assert!(!terms.set(TermsScope::Room, "Be kind.".into()));
        assert_eq!(
            terms.get(TermsScope::Room).unwrap().key,
            text_key("Be kind.")
        );
        assert!(terms.global.is_none());
        assert!(
            terms.set(TermsScope::Room, " ".into()),
            "blank terms are no terms"
        );
        assert_eq!(terms, Terms::default());
    }
}
