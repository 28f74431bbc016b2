//! Diagnostics: what is wrong with a deck, where, and what to do about it; rendered like
//! rustc (annotate-snippets) or as JSON for editors and scripts.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::text::printable;

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
    /// Byte range in the file's text (after a BOM, if any); `None` for file-level problems
    /// (unreadable, too large).
    pub span: Option<Range<usize>>,
    /// 1-based line and column (in characters) of the span's start; 0 when there is no span.
    pub line: usize,
    pub column: usize,
    /// 1-based line and column just past the span's end; 0 when there is no span.
    pub end_line: usize,
    pub end_column: usize,
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

    /// A problem with a whole file or folder (no position): unreadable, too large, skipped.
    pub fn file_level(
        severity: Severity,
        code: &'static str,
        path: &Path,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            path: path.to_path_buf(),
            span: None,
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            hint: None,
            related: None,
        }
    }
}

/// The JSON object `recall check --json` prints: `severity`, `code`, `message`, `path`,
/// `line`, `column`, `end_line`, `end_column`, `hint` (or null) and, when there is one,
/// `related` (`path`, `line`, `column`, `label`). Lines and columns are 1-based (columns in
/// characters); 0 for problems with a whole file.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Diagnostic", 10)?;
        s.serialize_field("severity", &self.severity)?;
        s.serialize_field("code", self.code)?;
        s.serialize_field("message", &self.message)?;
        s.serialize_field("path", &self.path.display().to_string())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("end_line", &self.end_line)?;
        s.serialize_field("end_column", &self.end_column)?;
        s.serialize_field("hint", &self.hint)?;
        match &self.related {
            Some(r) => s.serialize_field("related", r)?,
            None => s.skip_field("related")?,
        }
        s.end()
    }
}

impl Serialize for Related {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Related", 4)?;
        s.serialize_field("path", &self.path.display().to_string())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("label", &self.label)?;
        s.end()
    }
}

/// A file's text with its line starts, to turn byte offsets into lines and columns and to cut
/// out the lines a snippet shows.
#[derive(Clone, Debug)]
pub struct Source {
    text: Arc<str>,
    line_starts: Vec<usize>,
}

impl Source {
    pub fn new(text: Arc<str>) -> Source {
        let mut line_starts = vec![0];
        line_starts
            .extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Source { text, line_starts }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line.saturating_sub(1)];
        let prefix = &self.text[start..offset];
        // The `\r` of a CRLF line ending is not a column; a lone `\r` is shown, so it is.
        let crlf = prefix.ends_with('\r') && self.text[offset..].starts_with('\n');
        let col = prefix.chars().count() + 1 - usize::from(crlf);
        (line, col)
    }

    /// Line `line` (1-based) without its line ending, and its byte offset.
    fn line(&self, line: usize) -> (&str, usize) {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(self.text.len());
        let end = self.line_starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let s = &self.text[start..end.max(start)];
        (s.strip_suffix('\r').unwrap_or(s), start)
    }

    /// Lines `lo..=hi` joined with `\n` (carriage returns dropped so CRLF files render
    /// cleanly), and a function from file offsets in those lines to offsets in the excerpt.
    fn excerpt(&self, lo: usize, hi: usize) -> (String, Vec<(usize, usize, usize)>) {
        let mut out = String::new();
        let mut map = Vec::new();
        for l in lo..=hi {
            let (text, start) = self.line(l);
            if l > lo {
                out.push('\n');
            }
            map.push((start, text.len(), out.len()));
            out.push_str(text);
        }
        (out, map)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The texts of the files that have diagnostics, by path.
pub type Sources = HashMap<PathBuf, Source>;

/// Renders diagnostics rustc-style, one after the other, with ANSI colour if `color`.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(d, sources, &renderer));
        out.push_str("\n\n");
    }
    out
}

fn render_one(d: &Diagnostic, sources: &Sources, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    // Messages, labels and hints may quote the deck: its control characters written out. The
    // snippet's lines need nothing: annotate-snippets draws their control characters as
    // pictures (`␛`), as rustc does, one column each, so the marks and columns stay right.
    let path = printable(&d.path.display().to_string()).into_owned();
    let message = printable(&d.message);
    let mut group = Group::with_title(level.primary_title(message.as_ref()).id(d.code));
    let source = sources.get(&d.path);
    match (&d.span, source) {
        (Some(span), Some(src)) => {
            let mut lo = d.line.max(1);
            let mut hi = lo;
            let related_here = d.related.as_ref().filter(|r| r.path == d.path);
            if let Some(r) = related_here {
                lo = lo.min(r.line);
                hi = hi.max(r.line);
            }
            let (text, map) = src.excerpt(lo, hi);
            let mut snippet = Snippet::source(text).line_start(lo).path(path.clone()).fold(true);
            snippet = snippet.annotation(AnnotationKind::Primary.span(map_span(&map, span)));
            if let Some(r) = related_here {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(map_span(&map, &r.span))
                        .label(printable(&r.label).into_owned()),
                );
            }
            group = group.element(snippet);
        }
        _ => group = group.element(Origin::path(path.clone())),
    }
    if let Some(r) = d.related.as_ref().filter(|r| r.path != d.path) {
        match sources.get(&r.path) {
            Some(src) => {
                let (text, map) = src.excerpt(r.line.max(1), r.line.max(1));
                group = group.element(
                    Snippet::source(text)
                        .line_start(r.line.max(1))
                        .path(printable(&r.path.display().to_string()).into_owned())
                        .annotation(
                            AnnotationKind::Context
                                .span(map_span(&map, &r.span))
                                .label(printable(&r.label).into_owned()),
                        ),
                );
            }
            None => {
                let at = format!("{}: {}:{}:{}", r.label, r.path.display(), r.line, r.column);
                group = group.element(Level::NOTE.message(printable(&at).into_owned()))
            }
        }
    }
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(printable(hint).into_owned()));
    }
    renderer.render(&[group])
}

/// Maps a file span onto an excerpt; a span running past its first line is cut at the line's
/// end (the start is what matters, and snippets stay short).
fn map_span(map: &[(usize, usize, usize)], span: &Range<usize>) -> Range<usize> {
    let Some(&(line_start, len, at)) =
        map.iter().rev().find(|(start, _, _)| *start <= span.start).or(map.first())
    else {
        return 0..0;
    };
    let from = span.start.saturating_sub(line_start).min(len);
    let to = span.end.saturating_sub(line_start).min(len).max(from);
    at + from..at + to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let src = Source::new(Arc::from("ab\r\né–x\n\nlast"));
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(2), (1, 3));
        assert_eq!(src.line_col(4), (2, 1));
        assert_eq!(src.line_col("ab\r\né–".len()), (2, 3));
        assert_eq!(src.line_col("ab\r\né–x\n\n".len()), (4, 1));
        assert_eq!(src.line_col(1000), (4, 5));
        let (text, map) = src.excerpt(1, 2);
        assert_eq!(text, "ab\né–x");
        assert_eq!(map_span(&map, &(4..6)), 3..5);
    }
}
