//! The summary table that ends the bench's output, and the units its figures are written in.

use livechat_bench::markdown::{header, row};

/// The summary at the end (for the README): a sentence about the run and a table of figures.
pub struct Summary {
    title: String,
    rows: Vec<String>,
}

impl Summary {
    pub fn new(title: String) -> Self {
        Summary {
            title,
            rows: Vec::new(),
        }
    }

    /// A row: the figure, what was measured, and the target with its verdict.
    pub fn row<S: AsRef<str>>(&mut self, cells: [S; 3]) {
        self.rows.push(row(cells));
    }

    /// Printed under the heading `cargo xtask bench` copies into the README.
    pub fn print(&self) {
        println!("## Headline\n");
        println!("{}\n", self.title);
        println!("{}", header(&["figure", "measured", "target"]));
        for row in &self.rows {
            println!("{row}");
        }
    }
}

pub fn mb(bytes: f64) -> String {
    format!("{:.2} MB", bytes / (1024.0 * 1024.0))
}

pub fn signed_mb(bytes: f64) -> String {
    format!("{:+.2} MB", bytes / (1024.0 * 1024.0))
}

pub fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.0} ms"))
}

pub fn verdict(ok: bool) -> &'static str {
    if ok {
        "meets"
    } else {
        "MISSES"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(mb(1024.0 * 1024.0 * 1.5), "1.50 MB");
        assert_eq!(signed_mb(-1024.0 * 1024.0), "-1.00 MB");
        assert_eq!(ms(Some(12.4)), "12 ms");
        assert_eq!(ms(None), "-");
    }
}
