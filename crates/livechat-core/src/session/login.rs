//! Logging in: the stream's `<open/>`, SASL (ANONYMOUS for viewers, PLAIN for accounts), resource
//! binding, and the pipelined login (XEP-0305) that binds and joins without waiting for the
//! server's answers.

use super::{Pending, Session, SessionState};
use crate::config::Credentials;
use crate::error::SessionError;
use crate::jid::{BareJid, Jid};
use crate::stanza::iq::iq;
use crate::stanza::stream::{self, Features};

impl Session {
    pub(super) fn send_open(&mut self) {
        match self.config.credentials.domain().parse::<BareJid>() {
            Ok(domain) => self.send_element(stream::open(domain.as_str())),
            Err(e) => self.fail(SessionError::Config {
                reason: format!("invalid domain: {e}"),
            }),
        }
    }

    pub(super) fn handle_sasl_success(&mut self) {
        self.authenticated = true;
        self.send_open();
        // Pipelined (XEP-0305): a fresh session binds and joins without waiting for the new
        // stream's features or the bind result, which saves two round trips on every join. The
        // server handles them in order, so the join comes from the bound resource. Resuming needs
        // the features.
        if !self.can_resume() {
            self.bind();
            self.send_join();
        }
    }

    pub(super) fn handle_features(&mut self, features: Features) {
        if !self.authenticated {
            let auth = match &self.config.credentials {
                Credentials::Anonymous { .. } if features.offers("ANONYMOUS") => {
                    stream::auth("ANONYMOUS", b"")
                }
                Credentials::Plain { jid, password } if features.offers("PLAIN") => {
                    let user = jid.node().unwrap_or_default();
                    stream::auth("PLAIN", format!("\0{user}\0{password}").as_bytes())
                }
                _ => {
                    let offered = features.mechanisms;
                    return self.fail(SessionError::NoUsableMechanism { offered });
                }
            };
            self.send_element(auth);
            self.set_state(SessionState::Authenticating);
        } else {
            let resuming = self.try_resume();
            if !resuming {
                self.sm = None;
                if self.bound.is_none()
                    && !self.pending.values().any(|p| matches!(p, Pending::Bind))
                {
                    self.bind();
                }
                self.enable_stream_management(features.stream_management);
            }
            self.client_state_logged_in(features.client_state_indication, resuming);
        }
    }

    pub(super) fn bind(&mut self) {
        let id = self.ids.make("bind");
        self.pending.insert(id.clone(), Pending::Bind);
        let bind = stream::bind(self.config.resource.as_deref());
        self.send_element(iq("set", &id, None, Some(bind)));
        self.set_state(SessionState::Binding);
    }

    pub(super) fn handle_bound(&mut self, jid: Option<Jid>) {
        match jid {
            Some(jid) => {
                self.bound = Some(jid);
                // A pipelined join is already on its way.
                if self.state != SessionState::Joining {
                    self.send_join();
                }
            }
            None => self.fail(SessionError::Bind {
                condition: "no jid in the bind result".into(),
            }),
        }
    }
}
