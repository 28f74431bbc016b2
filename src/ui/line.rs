//! A one-line text field for forms (`recall add`): text that may start filled in, a cursor,
//! the editing keys of a shell, and a check on Enter.
//!
//! Why not `dialoguer::Input`: it has no Ctrl-U, so a field filled in for the learner (the
//! fact being edited, a tag given on the command line) could only be emptied one Backspace at a
//! time, and a learner who started typing got their words glued to what was there
//! (`part-iiihistory`). Here Ctrl-U empties the field, Ctrl-W takes back a word, and Ctrl-C
//! and Esc arrive as keys (read raw), so the form can stop cleanly instead of dying by SIGINT
//! with the cursor hidden.
//!
//! The editing is a pure state machine ([`Field`]), tested on its own; [`edit_line`] draws it
//! in dialoguer's theme on stderr. The field stays on one screen row: a text longer than the
//! row scrolls sideways under the cursor, with `…` where it is cut, so redrawing never has to
//! guess how a long line wrapped.

use std::io;

use console::{Key, Term, measure_text_width};
use dialoguer::theme::Theme;

/// What the learner did with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// Enter, with text the check accepted.
    Text(String),
    /// Esc or Ctrl-D: stop the form; what the field held, so that a form can keep it.
    Quit(String),
    /// Ctrl-C, with what the field held.
    Interrupt(String),
}

/// The text of a field and the cursor in it (a char index).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Field {
    text: Vec<char>,
    pos: usize,
}

/// What a key did to a [`Field`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The text or the cursor changed, or nothing happened.
    Changed,
    Submit,
    Quit,
    Interrupt,
}

impl Field {
    /// A field holding `initial`, the cursor after it.
    pub fn new(initial: &str) -> Field {
        let text: Vec<char> = initial.chars().collect();
        Field { pos: text.len(), text }
    }

    pub fn text(&self) -> String {
        self.text.iter().collect()
    }

    /// Applies one key, as a shell's line editor does.
    pub fn key(&mut self, key: &Key) -> Edit {
        match key {
            Key::Enter => return Edit::Submit,
            Key::Escape | Key::Char('\u{4}') => return Edit::Quit,
            Key::CtrlC | Key::Char('\u{3}') => return Edit::Interrupt,
            // Ctrl-U: the whole field, not only what is left of the cursor: a field filled in
            // for the learner is emptied with one key.
            Key::Char('\u{15}') => {
                self.text.clear();
                self.pos = 0;
            }
            // Ctrl-W: the word before the cursor, and the spaces after it.
            Key::Char('\u{17}') => {
                let mut start = self.pos;
                while start > 0 && self.text[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !self.text[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.text.drain(start..self.pos);
                self.pos = start;
            }
            // Ctrl-K: from the cursor to the end.
            Key::Char('\u{b}') => self.text.truncate(self.pos),
            Key::Backspace if self.pos > 0 => {
                self.pos -= 1;
                self.text.remove(self.pos);
            }
            Key::Del if self.pos < self.text.len() => {
                self.text.remove(self.pos);
            }
            Key::ArrowLeft if self.pos > 0 => self.pos -= 1,
            Key::ArrowRight if self.pos < self.text.len() => self.pos += 1,
            Key::Home => self.pos = 0,
            Key::End => self.pos = self.text.len(),
            Key::Char(c) if !c.is_control() => {
                self.text.insert(self.pos, *c);
                self.pos += 1;
            }
            _ => {}
        }
        Edit::Changed
    }

    /// The part of the text shown in `room` columns with the cursor in view: the text, a `…`
    /// on a side where some is cut off, and the cursor's column in it. `offset` is the first
    /// char shown, kept between draws so the view moves only when the cursor leaves it.
    pub fn view(&self, room: usize, offset: &mut usize) -> (String, usize) {
        let room = room.max(4);
        let width = |chars: &[char]| chars.iter().map(|c| char_width(*c)).sum::<usize>();
        if width(&self.text) < room {
            *offset = 0;
            return (self.text(), width(&self.text[..self.pos]));
        }
        // Cut on both sides at most: a `…` each side, and a column for the cursor at the end.
        let inner = room - 3;
        *offset = (*offset).min(self.pos);
        while width(&self.text[*offset..self.pos]) > inner {
            *offset += 1;
        }
        let lead = *offset > 0;
        let mut shown = String::new();
        let mut used = 0;
        if lead {
            shown.push('…');
            used += 1;
        }
        let mut end = *offset;
        while end < self.text.len() && used + char_width(self.text[end]) <= room - 2 {
            used += char_width(self.text[end]);
            end += 1;
        }
        let cursor = usize::from(lead) + width(&self.text[*offset..self.pos]);
        shown.extend(&self.text[*offset..end]);
        if end < self.text.len() {
            shown.push('…');
        }
        (shown, cursor)
    }
}

fn char_width(c: char) -> usize {
    measure_text_width(c.encode_utf8(&mut [0u8; 4]))
}

/// Asks for one line on `term`: `prompt` in `theme`, the field filled with `initial`, and
/// `check` run on Enter (its message is shown above the field, which stays for a correction).
/// The answer is echoed as dialoguer echoes it (`✔ Prompt · text`).
pub fn edit_line(
    term: &Term,
    theme: &dyn Theme,
    prompt: &str,
    initial: &str,
    check: &dyn Fn(&str) -> Result<(), String>,
) -> io::Result<Line> {
    let mut head = String::new();
    theme.format_input_prompt(&mut head, prompt, None).map_err(io::Error::other)?;
    let mut field = Field::new(initial);
    let mut offset = 0;
    let mut error_shown = false;
    loop {
        let columns = usize::from(term.size().1).max(20);
        // One column kept free, so the cursor after the last character never wraps the line.
        let room = columns.saturating_sub(measure_text_width(&head) + 1);
        let (shown, cursor) = field.view(room, &mut offset);
        term.write_str(&format!("\r\x1b[K{head}{shown}\r"))?;
        let column = measure_text_width(&head) + cursor;
        if column > 0 {
            term.move_cursor_right(column)?;
        }
        term.flush()?;
        let key = match term.read_key_raw() {
            Ok(key) => key,
            // The terminal went away: stop as Esc would.
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Key::Escape,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Key::CtrlC,
            Err(e) => return Err(e),
        };
        let edit = field.key(&key);
        let done = match edit {
            Edit::Changed => None,
            Edit::Quit => Some(Line::Quit(field.text())),
            Edit::Interrupt => Some(Line::Interrupt(field.text())),
            Edit::Submit => {
                let text = field.text();
                match check(&text) {
                    Ok(()) => Some(Line::Text(text)),
                    Err(message) => {
                        let mut shown = String::new();
                        theme.format_error(&mut shown, &message).map_err(io::Error::other)?;
                        // The message goes on the row above the field (replacing an earlier
                        // one), and the field is drawn again below it.
                        if error_shown {
                            term.write_str("\r\x1b[K\x1b[1A")?;
                        }
                        term.write_str(&format!("\r\x1b[K{shown}\r\n"))?;
                        error_shown = true;
                        None
                    }
                }
            }
        };
        if let Some(line) = done {
            if error_shown {
                // The message was about a text that is now fixed: take it away.
                term.write_str("\r\x1b[K\x1b[1A\r\x1b[K")?;
            } else {
                term.write_str("\r\x1b[K")?;
            }
            match &line {
                Line::Text(text) => {
                    let mut echo = String::new();
                    theme
                        .format_input_prompt_selection(&mut echo, prompt, text)
                        .map_err(io::Error::other)?;
                    term.write_line(&echo)?;
                }
                Line::Quit(_) | Line::Interrupt(_) => term.write_line("")?,
            }
            term.flush()?;
            return Ok(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(field: &mut Field, text: &str) {
        for c in text.chars() {
            field.key(&Key::Char(c));
        }
    }

    /// The bug this field exists for: tags filled in from the last fact, the learner types a
    /// new tag, and gets `part-iiihistory`. Ctrl-U first empties the field.
    #[test]
    fn ctrl_u_empties_a_filled_field() {
        let mut f = Field::new("part-iii");
        typed(&mut f, "history");
        assert_eq!(f.text(), "part-iiihistory");
        let mut f = Field::new("part-iii");
        assert_eq!(f.key(&Key::Char('\u{15}')), Edit::Changed);
        typed(&mut f, "history");
        assert_eq!(f.text(), "history");
        // Wherever the cursor is.
        let mut f = Field::new("abc def");
        f.key(&Key::Home);
        f.key(&Key::ArrowRight);
        f.key(&Key::Char('\u{15}'));
        assert_eq!((f.text(), f.pos), (String::new(), 0));
    }

    #[test]
    fn shell_editing_keys() {
        let mut f = Field::new("Bipin Rawat");
        f.key(&Key::Char('\u{17}'));
        assert_eq!(f.text(), "Bipin ");
        f.key(&Key::Char('\u{17}'));
        assert_eq!(f.text(), "");
        let mut f = Field::new("Bipn");
        f.key(&Key::ArrowLeft);
        f.key(&Key::Char('i'));
        assert_eq!(f.text(), "Bipin");
        f.key(&Key::Home);
        f.key(&Key::Del);
        f.key(&Key::End);
        f.key(&Key::Backspace);
        assert_eq!(f.text(), "ipi");
        f.key(&Key::Home);
        f.key(&Key::Char('\u{b}'));
        assert_eq!(f.text(), "");
        assert_eq!(f.key(&Key::Enter), Edit::Submit);
        assert_eq!(f.key(&Key::Escape), Edit::Quit);
        assert_eq!(f.key(&Key::Char('\u{4}')), Edit::Quit);
        assert_eq!(f.key(&Key::CtrlC), Edit::Interrupt);
        // Control characters are never text.
        f.key(&Key::Char('\u{7}'));
        assert_eq!(f.text(), "");
    }

    /// A text longer than its room scrolls under the cursor, cut with `…`, never wider.
    #[test]
    fn a_long_text_scrolls_under_the_cursor() {
        let mut f = Field::new("the quick brown fox jumps over the lazy dog");
        let mut offset = 0;
        let (shown, cursor) = f.view(20, &mut offset);
        assert!(shown.starts_with('…') && measure_text_width(&shown) <= 20, "{shown}");
        assert!(shown.ends_with("lazy dog"), "{shown}");
        assert_eq!(cursor, measure_text_width(&shown));
        f.key(&Key::Home);
        let (shown, cursor) = f.view(20, &mut offset);
        assert!(shown.starts_with("the quick") && shown.ends_with('…'), "{shown}");
        assert!(measure_text_width(&shown) <= 20, "{shown}");
        assert_eq!(cursor, 0);
        // Short text: as it is.
        let f = Field::new("Bipin");
        assert_eq!(f.view(20, &mut offset), ("Bipin".to_owned(), 5));
    }
}
