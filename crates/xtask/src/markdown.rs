//! Markdown tables, padded so they read as well in the terminal as in a rendered results file.

/// How a column's cells line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table with `columns` (name and alignment) and `rows`, each cell padded to its column's width.
/// A `|` inside a cell is escaped, so text from a file name cannot break the table.
pub fn table(columns: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    let escape = |cell: &str| cell.replace('|', "\\|");
    let head: Vec<String> = columns.iter().map(|(name, _)| escape(name)).collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| escape(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            body.iter()
                .filter_map(|row| row.get(i))
                .chain([&head[i]])
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = (0..columns.len())
            .map(|i| {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                let width = widths[i];
                match columns[i].1 {
                    Align::Left => format!("{cell:<width$}"),
                    Align::Right => format!("{cell:>width$}"),
                }
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let rule: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|((_, align), &width)| match align {
            Align::Left => format!(":{}", "-".repeat(width + 1)),
            Align::Right => format!("{}:", "-".repeat(width + 1)),
        })
        .collect();
    let mut out = vec![line(&head), format!("|{}|", rule.join("|"))];
    out.extend(body.iter().map(|row| line(row)));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_padded_aligned_and_escaped() {
        let text = table(
            &[("file", Align::Left), ("bytes", Align::Right)],
            &[
                vec!["a|b.js".into(), "7".into()],
                vec!["index.html".into(), "12345".into()],
            ],
        );
        assert_eq!(
            text,
            "| file       | bytes |\n\
             |:-----------|------:|\n\
             | a\\|b.js    |     7 |\n\
             | index.html | 12345 |"
        );
    }
}
