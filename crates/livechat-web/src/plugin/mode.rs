//! The three ways the plugin includes its chat (`initConverse`'s second argument), and what each
//! one changes in the chat, as the plugin's own frontend does it.

use crate::params::Params;

/// How the plugin includes the chat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The plugin's standalone page (new window, iframes on other sites, OBS): the chat is the
    /// page.
    ChatOnly,
    /// PeerTube's page `/p/livechat/room?room=…`.
    PeertubeFullpage,
    /// Beside the video on PeerTube's watch page.
    PeertubeVideo,
}

impl Mode {
    /// The plugin's names; none given is `chat-only`, as in the plugin.
    pub fn parse(name: Option<&str>) -> Option<Mode> {
        match name {
            None | Some("chat-only") => Some(Mode::ChatOnly),
            Some("peertube-fullpage") => Some(Mode::PeertubeFullpage),
            Some("peertube-video") => Some(Mode::PeertubeVideo),
            Some(_) => None,
        }
    }

    /// The chat takes the focus: in the full page, and on the standalone page unless it is in
    /// another site's iframe. Never beside the video (the viewer is watching).
    pub fn autofocus(self, in_iframe: bool) -> bool {
        match self {
            Mode::PeertubeFullpage => true,
            Mode::ChatOnly => !in_iframe,
            Mode::PeertubeVideo => false,
        }
    }

    /// The participants panel starts closed beside the video and in any iframe, where the chat
    /// is narrow.
    pub fn hides_participants(self, in_iframe: bool) -> bool {
        in_iframe || self == Mode::PeertubeVideo
    }

    /// Whether the chat is the whole page (it renders into the body, and owns the page's title
    /// and language).
    pub fn owns_the_page(self) -> bool {
        self == Mode::ChatOnly
    }

    /// Applies the mode's rules to `params`. The plugin's own `autofocus` is replaced by the
    /// mode's, as the plugin does; `forceDefaultHideMucParticipants` can only add to the mode's.
    pub fn apply(self, params: &mut Params, in_iframe: bool) {
        params.autofocus = self.autofocus(in_iframe);
        let hide = self.hides_participants(in_iframe);
        params.hide_participants |= hide;
        params.embedded = hide;
    }
}
