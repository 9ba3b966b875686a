//! Values written into Prosody's Lua: the configuration file and the admin shell's lines.

use super::rooms::Role;

/// The body of a Lua double-quoted string literal.
pub(crate) fn lua_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\{:03}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A Lua double-quoted string literal.
pub(crate) fn lua_string(s: &str) -> String {
    format!("\"{}\"", lua_escape(s))
}

/// The items of a Lua list of strings, without the braces: `"a"; "b"`.
pub(crate) fn lua_string_items<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| lua_string(s.as_ref()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A Lua set of roles, as Prosody's presence broadcast takes it: `{ moderator = true }`.
pub(crate) fn lua_role_set(roles: &[Role]) -> String {
    let items: Vec<String> = roles
        .iter()
        .map(|r| format!("{} = true", r.as_str()))
        .collect();
    format!("{{ {} }}", items.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lua_strings_are_escaped() {
        assert_eq!(lua_string("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\001é\"");
    }

    #[test]
    fn lists_and_role_sets_are_written_as_lua() {
        assert_eq!(
            lua_string_items(&["carbons", "a\"b"]),
            "\"carbons\"; \"a\\\"b\""
        );
        assert_eq!(lua_string_items::<&str>(&[]), "");
        assert_eq!(
            lua_role_set(&[Role::Moderator, Role::Participant]),
            "{ moderator = true; participant = true }"
        );
    }
}
