//! Configuration templates: `{{name}}` placeholders filled with values rendered for the server's
//! own syntax (Lua for Prosody, YAML and shell for ejabberd) by the caller.

/// `template` with every `{{key}}` replaced by its value. `name` names the template in the check
/// that none was left unfilled.
pub(crate) fn fill(template: &str, values: &[(&str, String)], name: &str) -> String {
    let mut text = template.to_owned();
    for (key, value) in values {
        text = text.replace(&format!("{{{{{key}}}}}"), value);
    }
    debug_assert!(!text.contains("{{"), "unfilled placeholder in {name}");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_everywhere() {
        let text = fill(
            "port {{port}}, again {{port}}; {{name}}",
            &[("port", "5280".into()), ("name", "x".into())],
            "a test template",
        );
        assert_eq!(text, "port 5280, again 5280; x");
    }
}
