//! JIDs as this client needs them: split into localpart, domain and resource (RFC 7622), checked
//! for shape, with the ASCII letters of the localpart and domain lower-cased.
//!
//! Not the `jid` crate: its stringprep, Unicode normalisation and IDNA tables were 137 KB of the
//! browser's download (gzip), a fifth of the whole. The client never needs them: the server
//! prepares and validates every address it accepts, and refuses one it cannot (a nickname it
//! rejects comes back as a presence error, like a taken one). What the client must still do, it
//! does here: split addresses, compare the room's with what arrives, and never put into a stanza
//! a part that is empty, too long, or carries what XML or the address syntax cannot.

use std::fmt;
use std::str::FromStr;

use crate::text::is_xml_char;

/// RFC 7622: each part is at most 1023 bytes.
const MAX_PART_BYTES: usize = 1023;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JidError {
    Empty,
    TooManyAts,
    NodeEmpty,
    NodeTooLong,
    NodeForbidden,
    DomainEmpty,
    DomainTooLong,
    DomainForbidden,
    ResourceEmpty,
    ResourceTooLong,
    ResourceForbidden,
    /// A resource where a bare JID was expected.
    NotBare,
}

impl fmt::Display for JidError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JidError::Empty => "empty address",
            JidError::TooManyAts => "more than one @",
            JidError::NodeEmpty => "empty localpart",
            JidError::NodeTooLong => "localpart longer than 1023 bytes",
            JidError::NodeForbidden => "a character a localpart cannot hold",
            JidError::DomainEmpty => "empty domain",
            JidError::DomainTooLong => "domain longer than 1023 bytes",
            JidError::DomainForbidden => "a character a domain cannot hold",
            JidError::ResourceEmpty => "empty resource",
            JidError::ResourceTooLong => "resource longer than 1023 bytes",
            JidError::ResourceForbidden => "a character a resource cannot hold",
            JidError::NotBare => "a resource where none may be",
        })
    }
}

impl std::error::Error for JidError {}

/// `localpart@domain` or `domain`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BareJid {
    text: String,
    /// Where the `@` is, if there is a localpart.
    at: Option<usize>,
}

/// A bare JID with an optional resource: what `from` and `to` carry.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Jid {
    bare: BareJid,
    resource: Option<String>,
}

impl BareJid {
    pub fn new(text: &str) -> Result<Self, JidError> {
        let jid = Jid::new(text)?;
        match jid.resource {
            None => Ok(jid.bare),
            Some(_) => Err(JidError::NotBare),
        }
    }

    fn from_parts(node: Option<&str>, domain: &str) -> Result<Self, JidError> {
        let domain = domain.strip_suffix('.').unwrap_or(domain);
        check_domain(domain)?;
        let domain = lowercase(domain);
        match node {
            None => Ok(BareJid {
                text: domain,
                at: None,
            }),
            Some(node) => {
                check_node(node)?;
                let node = lowercase(node);
                Ok(BareJid {
                    at: Some(node.len()),
                    text: format!("{node}@{domain}"),
                })
            }
        }
    }

    pub fn node(&self) -> Option<&str> {
        self.at.map(|at| &self.text[..at])
    }

    pub fn domain(&self) -> &str {
        self.at.map_or(&self.text, |at| &self.text[at + 1..])
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// This JID with a resource (a nickname, for a room), checked as [`check_resource`] does.
    pub fn with_resource(&self, resource: &str) -> Result<Jid, JidError> {
        check_resource(resource)?;
        Ok(Jid {
            bare: self.clone(),
            resource: Some(resource.to_owned()),
        })
    }
}

impl Jid {
    pub fn new(text: &str) -> Result<Self, JidError> {
        if text.is_empty() {
            return Err(JidError::Empty);
        }
        // RFC 7622 §3.1: the first `/` starts the resource (which may hold `@` and `/`); the first
        // `@` before it ends the localpart.
        let (bare, resource) = match text.split_once('/') {
            Some((bare, resource)) => {
                check_resource(resource)?;
                (bare, Some(resource.to_owned()))
            }
            None => (text, None),
        };
        let (node, domain) = match bare.split_once('@') {
            Some((_, domain)) if domain.contains('@') => return Err(JidError::TooManyAts),
            Some((node, domain)) => (Some(node), domain),
            None => (None, bare),
        };
        Ok(Jid {
            bare: BareJid::from_parts(node, domain)?,
            resource,
        })
    }

    pub fn bare(&self) -> &BareJid {
        &self.bare
    }

    pub fn into_bare(self) -> BareJid {
        self.bare
    }

    pub fn resource(&self) -> Option<&str> {
        self.resource.as_deref()
    }
}

/// A resource (a room nickname) this client may put into an address: not empty, at most 1023
/// bytes, no control character, none XML cannot carry, and none that reorders text (RFC 7622 leaves
/// the rest of the rules, and the normalisation, to the server).
pub fn check_resource(resource: &str) -> Result<(), JidError> {
    check_length(resource, JidError::ResourceEmpty, JidError::ResourceTooLong)?;
    if resource
        .chars()
        .any(|c| !is_xml_char(c) || is_bidi_control(c))
    {
        return Err(JidError::ResourceForbidden);
    }
    Ok(())
}

fn check_node(node: &str) -> Result<(), JidError> {
    check_length(node, JidError::NodeEmpty, JidError::NodeTooLong)?;
    // RFC 7622 §3.3.1 forbids these in a localpart; space and controls never pass nodeprep.
    let forbidden = |c: char| {
        matches!(c, '"' | '&' | '\'' | '/' | ':' | '<' | '>' | '@')
            || c.is_whitespace()
            || !is_xml_char(c)
            || c.is_control()
            || is_bidi_control(c)
    };
    if node.chars().any(forbidden) {
        return Err(JidError::NodeForbidden);
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<(), JidError> {
    check_length(domain, JidError::DomainEmpty, JidError::DomainTooLong)?;
    // An IPv6 literal keeps its brackets and colons (its digits are the server's to check).
    if let Some(ip) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        let ipv6 = |c: char| c.is_ascii_hexdigit() || c == ':' || c == '.';
        return match ip.contains(':') && ip.chars().all(ipv6) {
            true => Ok(()),
            false => Err(JidError::DomainForbidden),
        };
    }
    // A host name: no empty label, and none of the ASCII characters a URL host cannot hold
    // (non-ASCII labels are IDNs, for the server to check).
    let forbidden = |c: char| {
        c.is_ascii() && !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
            || c.is_whitespace()
            || c.is_control()
            || !is_xml_char(c)
            || is_bidi_control(c)
    };
    if domain.split('.').any(str::is_empty) || domain.chars().any(forbidden) {
        return Err(JidError::DomainForbidden);
    }
    Ok(())
}

fn check_length(part: &str, empty: JidError, too_long: JidError) -> Result<(), JidError> {
    match part.len() {
        0 => Err(empty),
        n if n > MAX_PART_BYTES => Err(too_long),
        _ => Ok(()),
    }
}

/// RFC 3454 table C.8: characters that change the direction of text (stringprep forbids them).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{340}' | '\u{341}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{206A}'..='\u{206F}')
}

/// Localparts and domains compare without case, as the server prepares them: here for ASCII
/// letters, which is what room and domain names are made of. Other letters are kept as given: full
/// case mapping needs Unicode's tables (12 KB of the browser's download for the lower-case one
/// alone), and it would still not be the server's preparation (no normalisation, no width
/// mapping). An embedder with such an address gives it as the server writes it; the web client
/// lower-cases its parameters with the browser's own Unicode case mapping.
fn lowercase(part: &str) -> String {
    part.to_ascii_lowercase()
}

impl FromStr for BareJid {
    type Err = JidError;
    fn from_str(s: &str) -> Result<Self, JidError> {
        BareJid::new(s)
    }
}

impl FromStr for Jid {
    type Err = JidError;
    fn from_str(s: &str) -> Result<Self, JidError> {
        Jid::new(s)
    }
}

impl From<BareJid> for Jid {
    fn from(bare: BareJid) -> Self {
        Jid {
            bare,
            resource: None,
        }
    }
}

impl PartialEq<BareJid> for Jid {
    fn eq(&self, other: &BareJid) -> bool {
        self.resource.is_none() && self.bare == *other
    }
}

impl fmt::Display for BareJid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for BareJid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BareJid({})", self.text)
    }
}

impl fmt::Display for Jid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.bare.text)?;
        match &self.resource {
            Some(resource) => write!(f, "/{resource}"),
            None => Ok(()),
        }
    }
}

impl fmt::Debug for Jid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Jid({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_three_parts() {
        let jid = Jid::new("Room@Conference.Example.org./Nick@home/x").unwrap();
        assert_eq!(jid.bare().node(), Some("room"));
        assert_eq!(jid.bare().domain(), "conference.example.org");
        assert_eq!(
            jid.resource(),
            Some("Nick@home/x"),
            "the resource keeps its case"
        );
        assert_eq!(jid.to_string(), "room@conference.example.org/Nick@home/x");
        let domain: BareJid = "anon.localhost".parse().unwrap();
        assert_eq!((domain.node(), domain.domain()), (None, "anon.localhost"));
        let host = Jid::new("localhost/res").unwrap();
        assert_eq!((host.bare().node(), host.resource()), (None, Some("res")));
        assert_eq!(BareJid::new("[::1]").unwrap().domain(), "[::1]");
        assert_eq!(
            BareJid::new("Émile@Exemple.FR").unwrap().as_str(),
            "Émile@exemple.fr",
            "ASCII letters only"
        );
    }

    #[test]
    fn refuses_what_no_server_would_accept() {
        for bad in [
            "",
            "@domain",
            "a@",
            "a@b@c",
            "a@b/",
            "a b@c",
            "a@b c",
            "a@b..c",
            "a@b:5222",
            "a\"b@c",
            "a@[::1",
            "a@[1.2.3.4]",
            "a@[::g]",
            "a@b/\u{0}",
            "a@b/x\u{202E}y",
            "a\u{7}@b",
        ] {
            assert!(Jid::new(bad).is_err(), "{bad:?}");
        }
        let long = "n".repeat(1024);
        assert_eq!(
            Jid::new(&format!("a@b/{long}")),
            Err(JidError::ResourceTooLong)
        );
        assert_eq!(
            BareJid::new(&format!("{long}@b")),
            Err(JidError::NodeTooLong)
        );
        assert_eq!(BareJid::new("a@b/c"), Err(JidError::NotBare));
        assert!(Jid::new(&format!("a@b/{}", &long[1..])).is_ok());
    }

    #[test]
    fn nicknames_may_hold_markup_and_any_script() {
        let room = BareJid::new("live@room.localhost").unwrap();
        for nick in [
            "<img src=x onerror=alert(1)>",
            "Zoé",
            "😺 cat",
            "a/b@c",
            "Anonymous 123456",
        ] {
            let jid = room.with_resource(nick).unwrap();
            assert_eq!(jid.resource(), Some(nick));
            assert_eq!(Jid::new(&jid.to_string()).unwrap(), jid);
        }
        assert!(room.with_resource("").is_err());
        assert!(room.with_resource("bad\u{0}nick").is_err());
    }
}
