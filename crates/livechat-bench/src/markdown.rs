//! The benches print Markdown (headings, tables, lists), so that what they print can be kept as it
//! is: `cargo xtask bench …` saves it in docs/results.

/// One table row: `| a | b |`, with the cells' own `|` escaped and line breaks flattened.
pub fn row<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> String {
    let cells: Vec<String> = cells
        .into_iter()
        .map(|c| c.as_ref().replace('|', "\\|").replace('\n', " "))
        .collect();
    format!("| {} |", cells.join(" | "))
}

/// A table's head: the column names and the line under them.
pub fn header(columns: &[&str]) -> String {
    format!("{}\n|{}", row(columns), "---|".repeat(columns.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_escape_what_would_break_the_table() {
        assert_eq!(row(["a", "b | c", "d\ne"]), "| a | b \\| c | d e |");
        assert_eq!(header(&["x", "y"]), "| x | y |\n|---|---|");
    }
}
