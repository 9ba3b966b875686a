//! The README's table of current figures, rebuilt from the benches' results files after every
//! bench run: each `docs/results/<bench>.md` ends with a `## Headline` table (figure, value, …),
//! and the README quotes its first two columns with the command that produced them. Nobody edits
//! those rows by hand; they change when a bench runs.

use std::path::Path;

use crate::{fail, root, Result};

/// The README lines between which the table lives.
const BEGIN: &str = "<!-- figures:begin -->";
const END: &str = "<!-- figures:end -->";

/// The benches in the order the README lists them.
const BENCHES: &[&str] = &["size", "storm", "browser"];

/// Rewrites the README's figures from whatever results files exist.
pub fn update() -> Result<()> {
    let root = root();
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path)
        .map_err(|e| fail(format!("reading {}: {e}", readme_path.display())))?;
    let table = table(&root);
    let updated = replace_between_markers(&readme, &table)
        .ok_or_else(|| fail(format!("README.md has no {BEGIN} … {END} block")))?;
    if updated != readme {
        std::fs::write(&readme_path, updated)
            .map_err(|e| fail(format!("writing {}: {e}", readme_path.display())))?;
        println!("README.md: current figures updated from docs/results/");
    }
    Ok(())
}

/// The Markdown table of every bench's headline figures.
fn table(root: &Path) -> String {
    let mut out = String::from("| figure | value | command |\n|---|---|---|\n");
    for bench in BENCHES {
        let path = root.join("docs/results").join(format!("{bench}.md"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let command = command_of(&text).unwrap_or("?");
        for (figure, value) in headline(&text) {
            out.push_str(&format!(
                "| {figure} | {value} | [`{command}`](docs/results/{bench}.md) |\n"
            ));
        }
    }
    out
}

/// The command line a results file records (`- Command: \`…\``).
fn command_of(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix("- Command: `"))
        .and_then(|l| l.strip_suffix('`'))
}

/// The first two cells of each row of the table under `## Headline`.
fn headline(text: &str) -> Vec<(String, String)> {
    let Some(start) = text.find("\n## Headline") else {
        return Vec::new();
    };
    text[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the column names and the line under them
        .filter_map(|l| {
            let mut cells = split_row(l).into_iter();
            Some((cells.next()?, cells.next()?))
        })
        .collect()
}

/// The cells of one table row, with escaped `\|` kept inside their cell.
fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push_str("\\|");
                chars.next();
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}

/// `text` with what lies between the markers replaced by `table`; `None` without both markers.
fn replace_between_markers(text: &str, table: &str) -> Option<String> {
    let begin = text.find(BEGIN)? + BEGIN.len();
    let end = begin + text[begin..].find(END)?;
    Some(format!("{}\n{}{}", &text[..begin], table, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULTS: &str = "# Join storm\n\n- Command: `cargo xtask bench storm --clients 450`\n\
        - Date: x\n\n| run | cpu |\n|---|---|\n| 1 | 2 s |\n\n## Headline\n\n\
        | figure | value |\n|---|---|\n| Prosody CPU, lean/floor (450 clients) | 1.02 |\n\
        | a \\| b | 3 | extra |\n\nFailures: 0.\n";

    #[test]
    fn reads_the_command_and_the_headline_rows() {
        assert_eq!(
            command_of(RESULTS),
            Some("cargo xtask bench storm --clients 450")
        );
        assert_eq!(
            headline(RESULTS),
            vec![
                (
                    "Prosody CPU, lean/floor (450 clients)".to_owned(),
                    "1.02".to_owned()
                ),
                ("a \\| b".to_owned(), "3".to_owned()),
            ]
        );
        assert!(headline("# no headline here\n| a | b |\n").is_empty());
    }

    #[test]
    fn replaces_only_what_lies_between_the_markers() {
        let readme = format!("intro\n{BEGIN}\nold table\n{END}\nafter\n");
        let updated = replace_between_markers(&readme, "| new |\n").unwrap();
        assert_eq!(updated, format!("intro\n{BEGIN}\n| new |\n{END}\nafter\n"));
        assert_eq!(replace_between_markers("no markers", "x"), None);
    }
}
