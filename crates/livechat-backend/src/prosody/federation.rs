//! Two instances federated on loopback, as two PeerTube instances with the livechat plugin: each
//! Prosody has its own domains, accepts server-to-server connections on a port of 127.0.0.1, and
//! reaches the other's domains on the other's port through a static route (the project's module
//! `prosody-modules/mod_livechat_s2s_routes.lua`): no DNS, no certificates.
//!
//! Authentication between the servers is dialback without TLS, as the plugin allows it
//! (`s2s_secure_auth = false`, `dialback` on the users' host and the MUC component); anonymous
//! viewers never leave their server (`allow_anonymous_s2s = false`): they reach another
//! instance's room by connecting to that instance directly.

use super::lua::{lua_escape, lua_string};
use super::{Prosody, ProsodyOptions};
use crate::domains::Domains;
use crate::error::Error;
use crate::ports::given_or_free;

/// The module that routes server-to-server connections to fixed ports.
const ROUTES_MODULE: &str = "livechat_s2s_routes";

/// Server-to-server for one Prosody: where it listens, and where the other servers are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S2s {
    /// The port on 127.0.0.1 other servers connect to.
    pub port: u16,
    /// The other servers: each of their domains is reached on their port of 127.0.0.1.
    pub peers: Vec<Peer>,
}

/// Another server of the federation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub domains: Domains,
    pub s2s_port: u16,
}

impl S2s {
    /// The configuration's global settings for it (the plugin's, where they apply on loopback).
    pub(crate) fn global_settings(&self) -> String {
        let routes: Vec<String> = self
            .peers
            .iter()
            .flat_map(|peer| {
                peer.domains
                    .all()
                    .map(|domain| format!("[\"{}\"] = {}", lua_escape(domain), peer.s2s_port))
            })
            .collect();
        format!(
            "s2s_secure_auth = false           -- dialback, no certificates (as the plugin)\n\
             s2s_require_encryption = false    -- loopback, no TLS\n\
             s2s_static_routes = {{ {} }}\n",
            routes.join("; ")
        )
    }

    /// The global modules it needs besides the usual ones (`s2s` itself is loaded by default
    /// once it is no longer disabled).
    pub(crate) fn global_modules() -> String {
        format!("  {};\n", lua_string(ROUTES_MODULE))
    }

    /// The modules the users' host and the MUC component add: dialback, as the plugin does (a
    /// component does not inherit it).
    pub(crate) fn host_modules() -> &'static str {
        "; \"dialback\""
    }
}

/// Two Prosody servers federated on loopback: `a` and `b`, each with its own domains. Dropping it
/// stops both.
#[derive(Debug)]
pub struct Federation {
    pub a: Prosody,
    pub b: Prosody,
}

impl Federation {
    /// Starts `a` and `b` (their `domains` must differ; their `s2s` is set here) so that each
    /// reaches the other's domains server-to-server.
    pub fn start(mut a: ProsodyOptions, mut b: ProsodyOptions) -> Result<Federation, Error> {
        if a.domains.all().iter().any(|d| b.domains.all().contains(d)) {
            return Err(crate::error::other_err(
                "starting two federated Prosody servers",
                "they must not share a domain",
            ));
        }
        let a_port = given_or_free(None, &[])?;
        let b_port = given_or_free(None, &[a_port])?;
        a.s2s = Some(S2s {
            port: a_port,
            peers: vec![Peer {
                domains: b.domains.clone(),
                s2s_port: b_port,
            }],
        });
        b.s2s = Some(S2s {
            port: b_port,
            peers: vec![Peer {
                domains: a.domains.clone(),
                s2s_port: a_port,
            }],
        });
        let a = Prosody::start(a)?;
        let b = Prosody::start(b)?;
        Ok(Federation { a, b })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_of_a_peer_is_routed_to_its_port() {
        let s2s = S2s {
            port: 5269,
            peers: vec![Peer {
                domains: Domains::under("b.localhost"),
                s2s_port: 6269,
            }],
        };
        let settings = s2s.global_settings();
        assert!(settings.contains("s2s_secure_auth = false"));
        assert!(settings.contains(
            "s2s_static_routes = { [\"b.localhost\"] = 6269; [\"anon.b.localhost\"] = 6269; \
             [\"room.b.localhost\"] = 6269 }"
        ));
    }
}
