//! A data form (XEP-0004) as a UI shows it: the room's poll form. The texts are the server's, made
//! safe to show ([`crate::text::room_text`]); a UI that has its own translated labels uses the
//! field names and values only.

/// A form the room sent to fill in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataForm {
    pub title: Option<String>,
    pub instructions: Option<String>,
    pub fields: Vec<FormField>,
}

impl DataForm {
    /// The field named `var`.
    pub fn field(&self, var: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.var == var)
    }
}

/// One field of a [`DataForm`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormField {
    /// The field's name (`muc#roompoll_question`, …).
    pub var: String,
    /// `text-single`, `boolean`, `hidden`, … (XEP-0004 §3.3); `text-single` when the form names none.
    pub kind: String,
    pub label: Option<String>,
    pub description: Option<String>,
    /// The default or current values.
    pub values: Vec<String>,
    pub required: bool,
}

impl FormField {
    /// The first value, if any.
    pub fn value(&self) -> Option<&str> {
        self.values.first().map(String::as_str)
    }
}
