//! Data forms (XEP-0004): a form the room sent, read into a [`DataForm`], and the form we submit.

use xmpp_parsers::ns;

use crate::form::{DataForm, FormField};
use crate::text::{room_text, MAX_LINE_BYTES};
use crate::xml::Element;

/// More fields than any room form has: a hostile form cannot take the viewer's memory.
const MAX_FIELDS: usize = 64;
/// Values per field, likewise.
const MAX_VALUES: usize = 16;

/// The `<x xmlns='jabber:x:data'/>` child of `parent`, read.
pub fn read_child(parent: &Element) -> Option<DataForm> {
    parent.get_child("x", ns::DATA_FORMS).map(read)
}

/// A form, its texts bounded and made safe to show.
pub fn read(form: &Element) -> DataForm {
    let text = |e: &Element, name: &str| {
        e.get_child(name, ns::DATA_FORMS)
            .map(|t| room_text(t.text(), MAX_LINE_BYTES))
            .filter(|t| !t.is_empty())
    };
    let fields = form
        .children()
        .filter(|c| c.is("field", ns::DATA_FORMS))
        .filter_map(|field| {
            Some(FormField {
                var: field.attr("var")?.to_owned(),
                kind: field.attr("type").unwrap_or("text-single").to_owned(),
                label: field
                    .attr("label")
                    .map(|l| room_text(l.into(), MAX_LINE_BYTES)),
                description: text(field, "desc"),
                values: field
                    .children()
                    .filter(|v| v.is("value", ns::DATA_FORMS))
                    .take(MAX_VALUES)
                    .map(|v| room_text(v.text(), MAX_LINE_BYTES))
                    .collect(),
                required: field.has_child("required", ns::DATA_FORMS),
            })
        })
        .take(MAX_FIELDS)
        .collect();
    DataForm {
        title: text(form, "title"),
        instructions: text(form, "instructions"),
        fields,
    }
}

/// A submitted form of `form_type` (its hidden `FORM_TYPE` first), one field per `(var, value)`.
pub fn submit<'a>(form_type: &str, fields: impl IntoIterator<Item = (&'a str, String)>) -> Element {
    let field = |var: &str, value: String| {
        let value = Element::builder("value", ns::DATA_FORMS)
            .append(value)
            .build();
        Element::builder("field", ns::DATA_FORMS)
            .attr("var", var)
            .append(value)
            .build()
    };
    Element::builder("x", ns::DATA_FORMS)
        .attr("type", "submit")
        .append(field("FORM_TYPE", form_type.to_owned()))
        .append_all(fields.into_iter().map(|(var, value)| field(var, value)))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_form_with_its_defaults() {
        let form: Element = "<x xmlns='jabber:x:data' type='form'><title>New poll</title>\
             <field var='FORM_TYPE' type='hidden'><value>urn:x</value></field>\
             <field var='q' type='text-single' label='Question'><desc>The \u{202E}question</desc><required/></field>\
             <field var='anon' type='boolean' label='Anonymous'><value>1</value></field>\
             <field label='no name'/></x>"
            .parse()
            .unwrap();
        let form = read(&form);
        assert_eq!(form.title.as_deref(), Some("New poll"));
        assert_eq!(form.fields.len(), 3, "a field without a name is no field");
        let question = form.field("q").unwrap();
        assert!(question.required && question.values.is_empty());
        assert_eq!(
            question.description.as_deref(),
            Some("The \u{FFFD}question")
        );
        assert_eq!(form.field("anon").unwrap().value(), Some("1"));
    }

    #[test]
    fn submits_the_form_type_first() {
        let x = submit("urn:x", [("a", "1".to_owned()), ("b", "<&>".to_owned())]);
        assert_eq!(
            String::from(&x),
            "<x xmlns='jabber:x:data' type='submit'>\
             <field var='FORM_TYPE'><value>urn:x</value></field>\
             <field var='a'><value>1</value></field>\
             <field var='b'><value>&lt;&amp;&gt;</value></field></x>"
        );
    }
}
