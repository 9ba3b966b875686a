//! The XML element the session reads and writes. Over WebSocket (RFC 7395) each frame is one whole
//! element, so a small owned tree is all the session needs.
//!
//! quick-xml's namespace-aware reader does the parsing (well-formedness, namespaces, entities,
//! escaping). It replaced minidom, whose validating parser underneath (rxml, with its character
//! tables and B-tree maps) was about a fifth of the browser's download once the UI was lean; the
//! server checks every stanza it relays, so the client only needs the structure.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::text::is_xml_char;

/// An element: its name, namespace, attributes and children. Attributes with a prefix keep their
/// qualified name (`xml:lang`: the `xml` prefix is bound by the XML spec itself); namespace
/// declarations are not attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    name: String,
    ns: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl From<Element> for Node {
    fn from(e: Element) -> Self {
        Node::Element(e)
    }
}

impl From<String> for Node {
    fn from(t: String) -> Self {
        Node::Text(t)
    }
}

impl From<&str> for Node {
    fn from(t: &str) -> Self {
        Node::Text(t.to_owned())
    }
}

/// An attribute value, or none (the attribute is left out).
pub trait AttrValue {
    fn into_value(self) -> Option<String>;
}

impl AttrValue for &str {
    fn into_value(self) -> Option<String> {
        Some(self.to_owned())
    }
}

impl AttrValue for String {
    fn into_value(self) -> Option<String> {
        Some(self)
    }
}

impl<T: AttrValue> AttrValue for Option<T> {
    fn into_value(self) -> Option<String> {
        self.and_then(AttrValue::into_value)
    }
}

/// Builds an [`Element`]: `Element::builder("iq", ns).attr("id", id).append(child).build()`.
pub struct Builder(Element);

impl Builder {
    pub fn attr(mut self, name: &str, value: impl AttrValue) -> Self {
        if let Some(value) = value.into_value() {
            self.0.attrs.push((name.to_owned(), value));
        }
        self
    }

    pub fn append(mut self, node: impl Into<Node>) -> Self {
        self.0.children.push(node.into());
        self
    }

    pub fn append_all<N: Into<Node>>(mut self, nodes: impl IntoIterator<Item = N>) -> Self {
        self.0.children.extend(nodes.into_iter().map(Into::into));
        self
    }

    pub fn build(self) -> Element {
        self.0
    }
}

impl Element {
    pub fn builder(name: &str, ns: &str) -> Builder {
        Builder(Element::bare(name, ns))
    }

    /// An element with no attributes and no children.
    pub fn bare(name: &str, ns: &str) -> Element {
        Element {
            name: name.to_owned(),
            ns: ns.to_owned(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn ns(&self) -> &str {
        &self.ns
    }

    pub fn is(&self, name: &str, ns: &str) -> bool {
        self.name == name && self.ns == ns
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements, in order.
    pub fn children(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn get_child(&self, name: &str, ns: &str) -> Option<&Element> {
        self.children().find(|c| c.is(name, ns))
    }

    pub fn has_child(&self, name: &str, ns: &str) -> bool {
        self.get_child(name, ns).is_some()
    }

    /// The element's own text (its text children joined; not its descendants').
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.as_str()),
                Node::Element(_) => None,
            })
            .collect()
    }

    /// The element as XML, with its namespace declared where it differs from the parent's.
    fn write(&self, parent_ns: Option<&str>, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        if parent_ns != Some(self.ns.as_str()) {
            push_attr(out, "xmlns", &self.ns);
        }
        for (name, value) in &self.attrs {
            push_attr(out, name, value);
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                Node::Element(e) => e.write(Some(&self.ns), out),
                Node::Text(t) => push_escaped(out, t, false),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("='");
    push_escaped(out, value, true);
    out.push('\'');
}

/// `value` escaped. Line ends (and tabs, in an attribute) as character references: a reader turns
/// `\r` into `\n`, and in an attribute every raw one into a space, so a nickname with a `\r` in it
/// would come back as another address.
fn push_escaped(out: &mut String, value: &str, in_attribute: bool) {
    let escaped = escape(value);
    let kept_raw = |c: char| !in_attribute && matches!(c, '\t' | '\n');
    if !escaped.contains(|c| matches!(c, '\t' | '\n' | '\r') && !kept_raw(c)) {
        out.push_str(&escaped);
        return;
    }
    for c in escaped.chars() {
        match c {
            '\t' | '\n' if kept_raw(c) => out.push(c),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

impl From<&Element> for String {
    fn from(e: &Element) -> String {
        let mut out = String::new();
        e.write(None, &mut out);
        out
    }
}

/// How deep elements may nest. Real stanzas are a few levels deep; a message from another occupant
/// nested a hundred thousand levels (the server relays unknown payloads) must not exhaust the
/// browser's stack when the tree is written or dropped.
const MAX_DEPTH: usize = 64;

/// Why a frame is not one well-formed element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

fn error(reason: impl fmt::Display) -> ParseError {
    ParseError(reason.to_string())
}

impl FromStr for Element {
    type Err = ParseError;

    /// Exactly one element, with optional whitespace and an XML declaration around it. No DTD
    /// (RFC 6120 §11.1 forbids them, and with them entity declarations); comments and processing
    /// instructions are skipped.
    fn from_str(xml: &str) -> Result<Element, ParseError> {
        // XML 1.0 forbids most control characters, raw or as `&#1;`. The server never sends them,
        // and one read here could be echoed into a reply (an iq's id) the server would refuse.
        if !xml.chars().all(is_xml_char) {
            return Err(error("a character XML cannot carry"));
        }
        let mut reader = NsReader::from_str(xml);
        let mut open: Vec<Element> = Vec::new();
        let mut root = None;
        loop {
            let (ns, event) = reader.read_resolved_event().map_err(error)?;
            let ns = match ns {
                ResolveResult::Bound(ns) => String::from_utf8_lossy(ns.as_ref()).into_owned(),
                ResolveResult::Unbound => String::new(),
                ResolveResult::Unknown(prefix) => {
                    return Err(error(format_args!(
                        "undeclared namespace prefix `{}`",
                        String::from_utf8_lossy(&prefix)
                    )))
                }
            };
            match event {
                Event::Start(_) | Event::Empty(_) if open.len() == MAX_DEPTH => {
                    return Err(error("elements nested too deeply"))
                }
                Event::Start(start) if root.is_none() => {
                    open.push(start_element(&reader, &start, ns)?);
                }
                Event::Empty(start) if root.is_none() => {
                    let done = start_element(&reader, &start, ns)?;
                    close(&mut open, &mut root, done);
                }
                Event::End(_) => {
                    let done = open.pop().ok_or_else(|| error("unexpected end tag"))?;
                    close(&mut open, &mut root, done);
                }
                Event::Text(text) => {
                    push_text(&mut open, &root, text.xml10_content().map_err(error)?)?
                }
                Event::CData(text) => {
                    push_text(&mut open, &root, text.xml10_content().map_err(error)?)?
                }
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref().map_err(error)? {
                        Some(c) if is_xml_char(c) => Cow::Owned(c.to_string()),
                        Some(_) => return Err(error("a character XML cannot carry")),
                        None => {
                            let name = reference.decode().map_err(error)?;
                            let entity = resolve_predefined_entity(&name)
                                .ok_or_else(|| error(format_args!("unknown entity `&{name};`")))?;
                            Cow::Borrowed(entity)
                        }
                    };
                    push_text(&mut open, &root, resolved)?;
                }
                Event::Start(_) | Event::Empty(_) => {
                    return Err(error("more than one root element"))
                }
                Event::DocType(_) => return Err(error("a document type declaration")),
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => {
                    return root.ok_or_else(|| error("the frame ends before its element does"))
                }
            }
        }
    }
}

fn start_element(
    reader: &NsReader<&[u8]>,
    start: &BytesStart<'_>,
    ns: String,
) -> Result<Element, ParseError> {
    let mut element = Element {
        name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
        ns,
        attrs: Vec::new(),
        children: Vec::new(),
    };
    for attr in start.attributes() {
        let attr = attr.map_err(error)?;
        let key = attr.key;
        if key.as_namespace_binding().is_some() {
            continue;
        }
        if let (ResolveResult::Unknown(prefix), _) = reader.resolve_attribute(key) {
            return Err(error(format_args!(
                "undeclared namespace prefix `{}`",
                String::from_utf8_lossy(&prefix)
            )));
        }
        let value = attr.unescape_value().map_err(error)?.into_owned();
        if !value.chars().all(is_xml_char) {
            return Err(error("a character XML cannot carry"));
        }
        let name = String::from_utf8_lossy(key.as_ref()).into_owned();
        element.attrs.push((name, value));
    }
    Ok(element)
}

/// A finished element goes into its parent, or is the root.
fn close(open: &mut [Element], root: &mut Option<Element>, done: Element) {
    match open.last_mut() {
        Some(parent) => parent.children.push(Node::Element(done)),
        None => *root = Some(done),
    }
}

/// Text inside the open element, joined to the text before it; outside the root only whitespace.
fn push_text(
    open: &mut [Element],
    root: &Option<Element>,
    text: Cow<'_, str>,
) -> Result<(), ParseError> {
    match open.last_mut() {
        Some(parent) => {
            match parent.children.last_mut() {
                Some(Node::Text(before)) => before.push_str(&text),
                _ => parent.children.push(Node::Text(text.into_owned())),
            }
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None if root.is_some() => Err(error("text after the element")),
        None => Err(error("text before the element")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_namespaces_attributes_and_text() {
        let frame = "<?xml version='1.0'?>\n<stream:features xmlns='jabber:client' \
            xmlns:stream='http://etherx.jabber.org/streams'><mechanisms \
            xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>\
            <mechanism>ANON&#x59;MOUS</mechanism></mechanisms><c xml:lang='en' hash=\"a&amp;b\"/>\
            </stream:features>";
        let e: Element = frame.parse().unwrap();
        assert!(e.is("features", "http://etherx.jabber.org/streams"));
        assert_eq!(e.attr("xmlns"), None, "declarations are not attributes");
        let mechanisms = e
            .get_child("mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl")
            .unwrap();
        let names: Vec<String> = mechanisms.children().map(Element::text).collect();
        assert_eq!(names, ["PLAIN", "ANONYMOUS"]);
        let c = e.get_child("c", "jabber:client").unwrap();
        assert_eq!(c.attr("hash"), Some("a&b"));
        assert_eq!(c.attr("xml:lang"), Some("en"));
        assert!(!e.has_child("c", "urn:ietf:params:xml:ns:xmpp-sasl"));
    }

    #[test]
    fn reads_a_payload_nested_as_deep_as_allowed() {
        let xml = format!(
            "<a xmlns='x'>{}{}</a>",
            "<b>".repeat(MAX_DEPTH - 1),
            "</b>".repeat(MAX_DEPTH - 1)
        );
        let mut e: &Element = &xml.parse().unwrap();
        for _ in 1..MAX_DEPTH {
            e = e.get_child("b", "x").unwrap();
        }
        assert_eq!(e.children().count(), 0);
    }

    #[test]
    fn joins_text_around_entities_and_cdata() {
        let e: Element =
            "<body xmlns='jabber:client'>a &lt;b&gt; &#233;<![CDATA[ <i>]]>\r\nz</body>"
                .parse()
                .unwrap();
        assert_eq!(
            e.text(),
            "a <b> é <i>\nz",
            "line ends read as XML reads them"
        );
    }

    #[test]
    fn refuses_what_is_not_one_well_formed_element() {
        for bad in [
            "",
            "   ",
            "<a xmlns='x'>",
            "<a xmlns='x'></b>",
            "<a xmlns='x'/><b xmlns='x'/>",
            "<a xmlns='x'/>tail",
            "head<a xmlns='x'/>",
            "<p:a/>",
            "<a xmlns='x' p:b='1'/>",
            "<a xmlns='x' b='1' b='2'/>",
            "<a xmlns='x'>&nbsp;</a>",
            "<a xmlns='x'>\u{1}</a>",
            "<a xmlns='x'>&#1;</a>",
            "<a xmlns='x' id='&#x1b;'/>",
            "<a xmlns='x'>\u{FFFE}</a>",
            "<!DOCTYPE a [<!ENTITY e 'boom'>]><a xmlns='x'>&e;</a>",
            "</a>",
            &format!("<a xmlns='x'>{}", "<a>".repeat(100_000)),
        ] {
            assert!(bad.parse::<Element>().is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn writes_namespaces_only_where_they_change_and_escapes() {
        let e = Element::builder("message", "jabber:client")
            .attr("to", "r@m")
            .attr("id", None::<&str>)
            .append(
                Element::builder("body", "jabber:client")
                    .append("<b> & 'q' \"d\"")
                    .build(),
            )
            .append(Element::bare("origin-id", "urn:xmpp:sid:0"))
            .build();
        let xml = String::from(&e);
        assert_eq!(
            xml,
            "<message xmlns='jabber:client' to='r@m'><body>&lt;b&gt; &amp; &apos;q&apos; \
             &quot;d&quot;</body><origin-id xmlns='urn:xmpp:sid:0'/></message>"
        );
        assert_eq!(
            xml.parse::<Element>().unwrap(),
            e,
            "what is written reads back the same"
        );
    }

    #[test]
    fn keeps_tabs_and_line_ends_through_a_reader() {
        let e = Element::builder("presence", "jabber:client")
            .attr("to", "r@m/a\tb\nc\rd")
            .append("e\tf\ng\r\nh")
            .build();
        let xml = String::from(&e);
        assert_eq!(
            xml,
            "<presence xmlns='jabber:client' to='r@m/a&#x9;b&#xA;c&#xD;d'>e\tf\ng&#xD;\nh</presence>"
        );
        assert_eq!(xml.parse::<Element>().unwrap(), e);
    }
}
