//! Control characters in a deck (ESC, BEL) are printed written out (`\u{1b}`), never raw:
//! `recall preview | cat -v` showed `^[[31m`, and a study screen turned red. Every renderer:
//! preview, the study screen, history, stats, decks and check's snippets.

#![allow(clippy::unwrap_used)] // test helpers panic on setup failure by design

use crate::support::Env;

/// A deck whose texts hold a colour escape, a window-title escape, a bell and a screen clear.
const DECK: &str = r#"Deck(
    id: "esc",
    title: "Colours \u{1b}[32mgreen",
    facts: [
        Fact(
            id: "red",
            kind: Term,
            cue: "\u{1b}[31mRed cue\u{7}",
            answer: "Crimson\u{1b}]0;owned\u{7}",
            topic: "Topic\u{1b}[1m",
            explain: "Why \u{1b}[2J",
            skip: [Reverse],
        ),
    ],
)"#;

/// The deck in `./decks`, the decks folder, where `recall history` finds its facts.
fn env() -> Env {
    let env = Env::new();
    env.write("decks/esc.ron", DECK);
    env
}

/// No ESC or BEL byte in `bytes`, and the colour escape written out.
fn written_out(what: &str, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).into_owned();
    assert!(!bytes.contains(&0x1b) && !bytes.contains(&0x07), "{what}: {text:?}");
    text
}

#[test]
fn preview_writes_control_characters_out() {
    let env = env();
    let out = env.recall().args(["preview", "decks/esc.ron"]).assert().success();
    let text = written_out("preview", &out.get_output().stdout);
    assert!(text.contains(r"What is \u{1b}[31mRed cue\u{7}?"), "{text}");
    assert!(text.contains(r"answer: Crimson\u{1b}]0;owned\u{7}"), "{text}");
}

#[test]
fn decks_and_stats_write_control_characters_out() {
    let env = env();
    let decks = env.recall().args(["decks", "decks/esc.ron"]).assert().success();
    let text = written_out("decks", &decks.get_output().stdout);
    assert!(text.contains(r"Colours \u{1b}[32mgreen"), "{text}");
    let stats = env.recall().args(["stats", "decks/esc.ron"]).assert().success();
    written_out("stats", &stats.get_output().stdout);
}

/// A raw ESC byte in the file itself, quoted by an error's snippet, and its message.
#[test]
fn check_snippets_write_a_raw_escape_out() {
    let env = Env::new();
    env.write(
        "raw.ron",
        "Deck(\n    id: \"raw\",\n    title: \"Raw\",\n    facts: [\n        Fact(id: \"r\", \
         kind: Term, cue: \"\x1b[31mRaw\", answer: \"x\", bogus: 1),\n    ],\n)\n",
    );
    let out = env.recall().args(["check", "raw.ron"]).assert().failure();
    let text = written_out("check", &out.get_output().stdout);
    // The snippet shows the escape as a picture (one column, as rustc does), and the mark is
    // still under `bogus`.
    let line = text.lines().find(|l| l.contains(r#"cue: "␛[31mRaw""#)).unwrap();
    let mark = text.lines().find(|l| l.contains('^')).unwrap();
    let column = |line: &str, at: usize| line[..at].chars().count();
    assert_eq!(column(line, line.find("bogus").unwrap()), column(mark, mark.find('^').unwrap()));
}

/// The study screen on a real terminal (colour off, so recall itself writes no colour): the
/// prompt, the feedback, the explanation and the summary show the escapes written out; then
/// `recall history` of that session.
#[cfg(unix)]
#[test]
fn the_study_screen_writes_control_characters_out() {
    let env = env();
    let mut p = env.terminal(["study", "decks/esc.ron", "--kinds", "typed", "--seed", "1"]);
    let mut screen = p.expect(r"Colours \u{1b}[32mgreen");
    screen += &p.expect(r"What is \u{1b}[31mRed cue\u{7}?");
    p.press("scarlet\r");
    screen += &p.expect("Wrong");
    screen += &p.expect(r"Answer: Crimson\u{1b}]0;owned\u{7}");
    screen += &p.expect(r"Why \u{1b}[2J");
    screen += &p.expect("Save as");
    // Easy, so that it is not asked again today.
    p.press("4");
    screen += &p.expect("Session complete");
    screen += &p.eof();
    assert_eq!(p.exit_code(), 0);
    // The terminal's own sequences (cursor, clearing lines) are recall's; the deck's are not
    // among them.
    for raw in ["\x1b[31m", "\x1b[32m", "\x1b]0;", "\x07", "\x1b[2J", "\x1b[1m"] {
        assert!(!screen.contains(raw), "{raw:?} reached the terminal: {screen:?}");
    }

    let history = env.recall().args(["history", "1"]).assert().success();
    let text = written_out("history", &history.get_output().stdout);
    assert!(text.contains(r"\u{1b}[31mRed cue"), "{text}");
}
