//! Diagnostics: what is wrong with a deck, where, and what to do about it.

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in a deck file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, kebab-case name for the problem (`unknown-field`), for scripts and editors.
    pub code: &'static str,
    pub message: String,
    pub path: PathBuf,
    /// Byte range in the file's text; `None` for file-level problems (unreadable, too large).
    pub span: Option<Range<usize>>,
    /// 1-based line and column (in characters) of the span's start; 0 when there is no span.
    pub line: usize,
    pub column: usize,
    /// What to do about it ("did you mean `answer`?").
    pub hint: Option<String>,
    /// Another place the problem involves, e.g. the first definition of a duplicate id.
    pub related: Option<Related>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: PathBuf,
    pub span: Range<usize>,
    pub line: usize,
    pub column: usize,
    pub label: String,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
