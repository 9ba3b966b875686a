//! The figures the docs quote, rebuilt from the benches' results files after every bench run:
//! each `docs/results/<file>.md` ends with a `## Headline` table (figure, value, …). The README's
//! table quotes the first two columns of every bench's own file with the command that produced
//! them; docs/performance.md quotes whole headline tables of named configurations, each between
//! `<!-- results:FILE:begin -->` and `<!-- results:FILE:end -->`. Nobody edits those lines by
//! hand; they change when a bench runs.

use std::path::Path;

use crate::results::RESULTS_DIR;
use crate::{fail, files, root, Result};

/// The README lines between which the table lives.
const BEGIN: &str = "<!-- figures:begin -->";
const END: &str = "<!-- figures:end -->";

/// The results files the README quotes, in its order: the storm's is the night's (450 viewers, the
/// old client and this one, with and without an archive; `bench storm --name night`).
const BENCHES: &[&str] = &["size", "storm-night", "browser"];

/// The docs that quote named results files, relative to the workspace root.
const QUOTING_DOCS: &[&str] = &["docs/performance.md"];

/// Rewrites the README's figures and the blocks the docs quote from whatever results files exist.
pub fn update() -> Result<()> {
    let root = root();
    rewrite(&root.join("README.md"), |readme| {
        let table = table(&root);
        replace_between(readme, BEGIN, END, &table)
            .ok_or_else(|| fail(format!("README.md has no {BEGIN} … {END} block")))
    })?;
    for doc in QUOTING_DOCS {
        let results = |file: &str| read_results(&root, file);
        rewrite(&root.join(doc), |text| {
            fill_results_blocks(text, results).map_err(|e| fail(format!("{doc}: {e}")))
        })?;
    }
    Ok(())
}

/// Replaces the file at `path` with what `edit` makes of it, when that differs.
fn rewrite(path: &Path, edit: impl FnOnce(&str) -> Result<String>) -> Result<()> {
    let text = files::read_text(path)?;
    let updated = edit(&text)?;
    if updated != text {
        files::write(path, updated.as_bytes())?;
        println!("{}: figures updated from {RESULTS_DIR}/", path.display());
    }
    Ok(())
}

fn read_results(root: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(root.join(RESULTS_DIR).join(format!("{file}.md"))).ok()
}

/// The Markdown table of every bench's headline figures; nothing before any bench has one.
fn table(root: &Path) -> String {
    let mut rows = String::new();
    for bench in BENCHES {
        let Some(text) = read_results(root, bench) else {
            continue;
        };
        let command = command_of(&text).unwrap_or("?");
        for (figure, value) in headline(&text) {
            rows.push_str(&format!(
                "| {figure} | {value} | [`{command}`]({RESULTS_DIR}/{bench}.md) |\n"
            ));
        }
    }
    if rows.is_empty() {
        return rows;
    }
    format!("| figure | value | command |\n|---|---|---|\n{rows}")
}

/// `text` with every `<!-- results:FILE:begin -->` … `<!-- results:FILE:end -->` block filled
/// from `results(FILE)`: the command (a link to the file), the date and the headline table.
/// A block whose file does not exist yet says so. Errors name a block without its end, or a
/// file name that is not a plain one.
fn fill_results_blocks(
    text: &str,
    results: impl Fn(&str) -> Option<String>,
) -> std::result::Result<String, String> {
    const OPEN: &str = "<!-- results:";
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let after_open = at + OPEN.len();
        let Some(close) = rest[after_open..].find("-->") else {
            break;
        };
        let Some(file) = rest[after_open..after_open + close].strip_suffix(":begin ") else {
            // An end marker, or a comment of another shape: kept as it is.
            out.push_str(&rest[..after_open]);
            rest = &rest[after_open..];
            continue;
        };
        let plain = !file.is_empty()
            && file
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !plain {
            return Err(format!("{OPEN}{file}:begin -->: not a results file's name"));
        }
        let end = format!("{OPEN}{file}:end -->");
        let begin_end = after_open + close + "-->".len();
        let end_at = begin_end
            + rest[begin_end..]
                .find(&end)
                .ok_or_else(|| format!("{OPEN}{file}:begin --> has no {end}"))?;
        out.push_str(&rest[..begin_end]);
        out.push('\n');
        out.push_str(&quote(file, results(file).as_deref()));
        rest = &rest[end_at..];
    }
    out.push_str(rest);
    Ok(out)
}

/// What a docs block says of the results file `file`.
fn quote(file: &str, results: Option<&str>) -> String {
    let link = format!("results/{file}.md");
    let Some(text) = results else {
        return format!("\nNo figures yet: the command writes [{link}]({link}).\n\n");
    };
    let command = command_of(text).unwrap_or("?");
    let date = date_of(text).unwrap_or("?");
    let table = headline_lines(text).join("\n");
    format!("\n[`{command}`]({link}), {date}:\n\n{table}\n\n")
}

/// The command line a results file records (`- Command: \`…\``).
fn command_of(text: &str) -> Option<&str> {
    text.lines()
        .find_map(|l| l.strip_prefix("- Command: `"))
        .and_then(|l| l.strip_suffix('`'))
}

/// The date a results file records, without how long the run took.
fn date_of(text: &str) -> Option<&str> {
    let line = text.lines().find_map(|l| l.strip_prefix("- Date: "))?;
    Some(line.split(" (").next().unwrap_or(line).trim())
}

/// The lines of the table under `## Headline`, its column names and rule included.
fn headline_lines(text: &str) -> Vec<&str> {
    let Some(start) = text.find("\n## Headline") else {
        return Vec::new();
    };
    text[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .collect()
}

/// The first two cells of each row of the table under `## Headline`.
fn headline(text: &str) -> Vec<(String, String)> {
    headline_lines(text)
        .into_iter()
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

/// `text` with what lies between the first `begin` and the `end` after it replaced by `content`;
/// `None` without both markers.
fn replace_between(text: &str, begin: &str, end: &str, content: &str) -> Option<String> {
    let inner = text.find(begin)? + begin.len();
    let end_at = inner + text[inner..].find(end)?;
    Some(format!(
        "{}\n{}{}",
        &text[..inner],
        content,
        &text[end_at..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESULTS: &str = "# Join storm\n\n- Command: `cargo xtask bench storm --clients 450`\n\
        - Date: 2026-12-07 16:10 UTC (the run took 9 min 2 s)\n\n\
        | run | cpu |\n|---|---|\n| 1 | 2 s |\n\n## Headline\n\n\
        | figure | value |\n|---|---|\n| Prosody CPU, lean/floor (450 clients) | 1.02 |\n\
        | a \\| b | 3 | extra |\n\nFailures: 0.\n";

    #[test]
    fn reads_the_command_the_date_and_the_headline_rows() {
        assert_eq!(
            command_of(RESULTS),
            Some("cargo xtask bench storm --clients 450")
        );
        assert_eq!(date_of(RESULTS), Some("2026-12-07 16:10 UTC"));
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
        assert_eq!(headline_lines(RESULTS).len(), 4);
        assert!(headline("# no headline here\n| a | b |\n").is_empty());
    }

    #[test]
    fn replaces_only_what_lies_between_the_markers() {
        let readme = format!("intro\n{BEGIN}\nold table\n{END}\nafter\n");
        let updated = replace_between(&readme, BEGIN, END, "| new |\n").unwrap();
        assert_eq!(updated, format!("intro\n{BEGIN}\n| new |\n{END}\nafter\n"));
        assert_eq!(replace_between("no markers", BEGIN, END, "x"), None);
    }

    #[test]
    fn each_block_quotes_its_own_results_file_and_the_prose_around_stays() {
        let doc = "# Performance\n\nThe night:\n<!-- results:storm-night:begin -->\nold\n\
            <!-- results:storm-night:end -->\n\nBetween.\n\
            <!-- results:storm-servers:begin --><!-- results:storm-servers:end -->\nEnd.\n";
        let results = |file: &str| (file == "storm-night").then(|| RESULTS.to_owned());
        let filled = fill_results_blocks(doc, results).unwrap();
        assert_eq!(
            filled,
            "# Performance\n\nThe night:\n<!-- results:storm-night:begin -->\n\n\
             [`cargo xtask bench storm --clients 450`](results/storm-night.md), 2026-12-07 16:10 UTC:\n\n\
             | figure | value |\n|---|---|\n| Prosody CPU, lean/floor (450 clients) | 1.02 |\n\
             | a \\| b | 3 | extra |\n\n<!-- results:storm-night:end -->\n\nBetween.\n\
             <!-- results:storm-servers:begin -->\n\n\
             No figures yet: the command writes [results/storm-servers.md](results/storm-servers.md).\n\n\
             <!-- results:storm-servers:end -->\nEnd.\n"
        );
        // Filling again changes nothing.
        assert_eq!(fill_results_blocks(&filled, results).unwrap(), filled);
    }

    #[test]
    fn a_block_without_its_end_or_with_a_path_for_a_name_is_an_error() {
        let open = "<!-- results:storm-night:begin -->\n";
        let error = fill_results_blocks(open, |_| None).unwrap_err();
        assert!(
            error.contains("has no <!-- results:storm-night:end -->"),
            "{error}"
        );
        let path = "<!-- results:../x:begin --><!-- results:../x:end -->";
        assert!(fill_results_blocks(path, |_| None).is_err());
        let other = "<!-- results: a comment --> stays";
        assert_eq!(fill_results_blocks(other, |_| None).unwrap(), other);
    }
}
