//! How an error is said: once, with its causes, each cause once.
//!
//! Used wherever an error chain becomes text: the one place errors are printed
//! ([`crate::app`]), and the few places that carry an error on as text of their own.

/// The error and its causes, each said once. Many errors put their cause in their own message
/// and also hand it on as their `source` (thiserror's `"cannot write {path}: {source}"`,
/// tempfile's `PersistError`, whose message is its I/O error's): printing the whole chain
/// would say "File exists (os error 17): File exists (os error 17)". A cause whose text is
/// already in what was said adds nothing and is left out; its own causes are still looked at.
pub fn said_once(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let cause = cause.to_string();
        if text.is_empty() {
            text = cause;
        } else if !cause.is_empty() && !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// `message` word-wrapped for a terminal `width` columns wide, so that no word (a folder name)
/// is split at the edge. An indented line is a command to copy and stays whole, even when it is
/// wider than the terminal.
pub fn fit(message: &str, width: usize) -> String {
    let mut out = String::new();
    for line in message.lines() {
        if line.starts_with(char::is_whitespace) {
            out.push_str(line);
            out.push('\n');
        } else {
            crate::text::wrap_into(&mut out, line, "", width);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot write {path}: {source}")]
    struct Write {
        path: &'static str,
        source: io::Error,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("{0}")]
    struct Wrapper(#[source] Write);

    #[test]
    fn messages_wrap_at_words_and_commands_stay_whole() {
        let message = "recall: error: /data/recall.sqlite3 is damaged (database disk image is \
            malformed); recall has written nothing to it.\n    sqlite3 /data/recall.sqlite3 \
            .recover | sqlite3 fixed.sqlite3\n";
        assert_eq!(
            fit(message, 40),
            "recall: error: /data/recall.sqlite3 is\n\
             damaged (database disk image is\n\
             malformed); recall has written nothing\n\
             to it.\n    \
             sqlite3 /data/recall.sqlite3 .recover | sqlite3 fixed.sqlite3\n"
        );
    }

    #[test]
    fn each_cause_is_said_once() {
        let exists = || io::Error::from(io::ErrorKind::AlreadyExists);
        // A message that holds its source: the source is not said again.
        let err = anyhow::Error::from(Write { path: "d.ron", source: exists() });
        assert_eq!(said_once(&err), format!("cannot write d.ron: {}", exists()));
        // Context that adds words keeps them, and the causes below are said once.
        let err = err.context("import failed");
        assert_eq!(said_once(&err), format!("import failed: cannot write d.ron: {}", exists()));
        // A wrapper that repeats its source's message (as tempfile's PersistError does).
        let err = anyhow::Error::from(Wrapper(Write { path: "d.ron", source: exists() }));
        assert_eq!(said_once(&err), format!("cannot write d.ron: {}", exists()));
        // A cause that says something new is kept.
        let err = anyhow::Error::from(exists()).context("cannot lock x");
        assert_eq!(said_once(&err), format!("cannot lock x: {}", exists()));
    }
}
