//! The question form of `recall add`: an authored question typed field by field, in one of the
//! four layouts of a prelims paper (plain, statements, pairs, Statement-I/II).
//!
//! Each field is checked on Enter by the deck loader's own rules ([`question_form`]), so a
//! mistake is said where it is made and the field stays as typed for correcting. Before
//! anything is written the question is shown as it will be asked, and the deck with it is
//! passed through the write gate ([`write::check`]) exactly as the flag path's write is.
//!
//! A question takes a while to type, so nothing typed is lost: every field (even one left
//! half-typed by Esc or Ctrl-C) is kept in a draft in the data folder, one per deck, and the
//! next `recall add DECK --question` (or "question" in the kind menu) offers to take it up.
//! The draft is deleted once the question is written, or when the learner declines it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Flow, Session, Stop, hint, questions_of, some};
use crate::deck::question_form::{ITEMS, Layout, Style, Typed, default_options, item_prompt};
use crate::deck::{Deck, Fact, draft, edit, option_letter, schema::OPTIONS, write};
use crate::ids::FactId;
use crate::ui::line::{self, Line};

/// The draft to save if the process stops now: its file and its JSON. Set after every field,
/// so that the Ctrl-C handler (which may end the process between two fields) saves it too.
static DRAFT: Mutex<Option<(PathBuf, String)>> = Mutex::new(None);

/// Writes the pending draft, if any, and returns its file.
pub(super) fn save_draft() -> Option<PathBuf> {
    let (path, json) = DRAFT.lock().ok()?.take()?;
    std::fs::create_dir_all(path.parent()?).ok()?;
    std::fs::write(&path, json).ok()?;
    Some(path)
}

/// The draft file of the deck with id `deck_id` in the data folder `data`.
pub(super) fn draft_file(data: &Path, deck_id: &str) -> PathBuf {
    data.join("drafts").join(format!("{deck_id}.question.json"))
}

impl Session<'_> {
    /// Keeps `typed` as the draft to save if the form stops; a question with nothing typed
    /// yet (what the form fills in aside) leaves no draft.
    fn keep(&self, typed: &Typed) {
        let Ok(mut d) = DRAFT.lock() else { return };
        *d = match (&self.draft, serde_json::to_string_pretty(typed)) {
            (Some(file), Ok(json)) if !typed.is_blank() => Some((file.clone(), json)),
            _ => None,
        };
    }

    /// Forgets the draft: the question it held is written (or declined).
    pub(super) fn forget_draft(&self) {
        if let Ok(mut d) = DRAFT.lock() {
            *d = None;
        }
        if let Some(file) = &self.draft {
            let _ = std::fs::remove_file(file);
        }
    }

    /// The draft left by an earlier run, if the learner takes it up.
    fn take_up_draft(&mut self) -> Result<Option<Typed>, Flow> {
        let Some(file) = self.draft.clone() else { return Ok(None) };
        let Ok(json) = std::fs::read_to_string(&file) else { return Ok(None) };
        let typed: Typed = match serde_json::from_str(&json) {
            Ok(t) => t,
            Err(e) => {
                errln!(
                    "{} the draft {} cannot be read ({e}); it is left there",
                    console::style("note:").yellow().bold(),
                    file.display()
                );
                return Ok(None);
            }
        };
        let what = typed
            .items
            .first()
            .filter(|_| typed.stem == typed.layout.default_stem())
            .unwrap_or(&typed.stem);
        let what = crate::text::printable(what);
        let short: String = what.chars().take(40).collect();
        let ellipsis = if short.len() < what.len() { "…" } else { "" };
        let ok = dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(format!(
                "Take up the question you left (“{short}{ellipsis}”)? (n discards it)"
            ))
            .default(true)
            .interact_opt()?;
        if some(ok)? {
            self.keep(&typed);
            Ok(Some(typed))
        } else {
            self.forget_draft();
            Ok(None)
        }
    }

    /// Asks one question, checks it, shows it as it will be asked and returns it once the
    /// learner confirms it (not yet written).
    pub(super) fn one_question(&mut self, deck: &Deck) -> Result<Fact, Flow> {
        let mut typed = Typed::new(self.last_layout);
        typed.source.clone_from(&self.flag_source);
        typed.tags.clone_from(&self.flag_tags);
        typed.year.clone_from(&self.flag_year);
        typed.topic.clone_from(&self.last_topic);
        let mut editing = false;
        if let Some(draft) = self.take_up_draft()? {
            typed = draft;
            editing = true;
        }
        loop {
            self.ask_question(deck, &mut typed, editing)?;
            editing = true;
            let built = FactId::new(typed.id.trim())
                .map_err(|e| e.to_string())
                .and_then(|id| typed.build(id).map_err(|e| e.message));
            let fact = match built {
                Ok(fact) => fact,
                Err(e) => {
                    errln!("{} {e}; edit the question", console::style("error:").red().bold());
                    continue;
                }
            };
            // The write gate, on the deck as it is now with the question: what `recall check`
            // would say of it is said here, and nothing is written.
            let gate = write::read_text(self.path)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    edit::append_facts(&text, std::slice::from_ref(&fact))
                        .map_err(|e| e.to_string())
                })
                .and_then(|new| write::check(self.path, new).map(drop).map_err(|e| e.to_string()));
            if let Err(e) = gate {
                errln!("{} {e}; edit the question", console::style("error:").red().bold());
                continue;
            }
            errln!("\n{}\n", edit::fact_to_ron(&fact, &self.layout));
            err!("{}", questions_of(deck, &fact));
            let ok = dialoguer::Confirm::with_theme(&self.theme)
                .with_prompt(format!("Add this question to {}? (n edits it)", self.path.display()))
                .default(true)
                .interact_opt()?;
            if some(ok)? {
                return Ok(fact);
            }
            hint(
                "Back to the question: every field holds what you typed (Enter keeps it, Ctrl-U \
                 empties it; Esc stops, and the question is kept as a draft).",
            );
        }
    }

    /// One text field of the question: `initial` filled in, `check` on Enter. What the field
    /// holds when the form stops (Esc, Ctrl-C) is put in `typed` by `put` and kept.
    fn field(
        &self,
        typed: &mut Typed,
        prompt: &str,
        initial: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
        put: &dyn Fn(&mut Typed, String),
    ) -> Result<String, Flow> {
        let line = line::edit_line(&self.term, &self.theme, prompt, initial, check)
            .map_err(|e| Flow::Fail(e.into()))?;
        let (text, stop) = match line {
            Line::Text(s) => (s.trim().to_owned(), None),
            Line::Quit(s) => (s, Some(Stop::Quit)),
            Line::Interrupt(s) => (s, Some(Stop::Interrupt)),
        };
        put(typed, text.clone());
        self.keep(typed);
        match stop {
            Some(stop) => Err(Flow::Stop(stop)),
            None => {
                self.check_interrupt()?;
                Ok(text)
            }
        }
    }

    /// Every field of `typed`, each filled in with what it holds.
    fn ask_question(&mut self, deck: &Deck, t: &mut Typed, editing: bool) -> Result<(), Flow> {
        let taken = draft::taken_ids(deck);
        let labels: Vec<String> =
            Layout::ALL.iter().map(|l| format!("{:<15} {}", l.name(), l.describe())).collect();
        let default = Layout::ALL.iter().position(|l| *l == t.layout).unwrap_or(0);
        let chosen = dialoguer::Select::with_theme(&self.theme)
            .with_prompt("Layout of the question")
            .items(&labels)
            .default(default)
            .interact_opt()?;
        let old_proposed = t.proposed_id(&taken).to_string();
        t.set_layout(Layout::ALL[some(chosen)?.min(Layout::ALL.len() - 1)]);
        self.last_layout = t.layout;
        self.keep(t);
        let required = |s: &str| -> Result<(), String> {
            if s.trim().is_empty() { Err("required".to_owned()) } else { Ok(()) }
        };
        let any = |_: &str| -> Result<(), String> { Ok(()) };
        let stem_prompt = if t.layout.has_items() {
            "Stem (what comes before the numbered lines)"
        } else {
            "Question"
        };
        let stem = t.stem.clone();
        self.field(t, stem_prompt, &stem, &required, &|t, s| t.stem = s)?;
        match t.layout {
            Layout::Plain => {}
            Layout::StatementIAndIi => {
                for i in 0..2 {
                    let probe = t.clone();
                    let initial = t.items.get(i).cloned().unwrap_or_default();
                    let check = |s: &str| -> Result<(), String> {
                        required(s)?;
                        probe.check_item(i, s)
                    };
                    let prompt = question_form_prompt(t.layout, i);
                    self.field(t, &prompt, &initial, &check, &|t, s| set_item(t, i, s))?;
                }
            }
            Layout::Statements | Layout::Pairs => self.items(t)?,
        }
        if !editing && let Some(same) = t.same_as(deck) {
            errln!(
                "{} `{}` already asks this (answer: {})",
                console::style("note:").yellow().bold(),
                same.id,
                crate::text::printable(&same.answer)
            );
        }
        if t.layout == Layout::Statements {
            let styles = [
                "which are correct   options such as `1 and 2 only`, `1, 2 and 3`",
                "how many are correct   options such as `Only one`, `All three`",
            ];
            let chosen = dialoguer::Select::with_theme(&self.theme)
                .with_prompt("Options")
                .items(styles)
                .default(usize::from(t.style == Style::HowMany))
                .interact_opt()?;
            t.set_style(if some(chosen)? == 1 { Style::HowMany } else { Style::Coded });
            self.keep(t);
        }
        if t.layout.has_items() {
            let what = if t.layout == Layout::Pairs { "pairs" } else { "statements" };
            let ask = t.ask.clone();
            self.field(t, &format!("Question after the {what}"), &ask, &any, &|t, s| t.ask = s)?;
        }
        self.options(t)?;
        let probe = t.clone();
        let count = t.options.len();
        let answer = t.answer.clone();
        self.field(
            t,
            &format!("Right option (a to {})", option_letter(count.saturating_sub(1))),
            &answer,
            &|s: &str| probe.check_answer(s),
            &|t, s| t.answer = s,
        )?;
        let explain = t.explain.clone();
        self.field(t, "Explanation (shown after the answer)", &explain, &any, &|t, s| {
            t.explain = s;
        })?;
        let probe = t.clone();
        let deck_source = deck.source.is_some();
        let source_prompt = if deck_source {
            "Source (empty: the deck's)"
        } else {
            "Source (the paper and year, or the book)"
        };
        let source = t.source.clone();
        self.field(
            t,
            source_prompt,
            &source,
            &|s: &str| probe.check_source(s, deck_source),
            &|t, s| t.source = s,
        )?;
        let probe = t.clone();
        let year = t.year.clone();
        self.field(
            t,
            "Year of the paper (empty if none)",
            &year,
            &|s: &str| probe.check_year(s),
            &|t, s| t.year = s,
        )?;
        t.topic = self.topic(deck, t.topic.clone())?;
        self.last_topic.clone_from(&t.topic);
        self.keep(t);
        let tags = t.tags.clone();
        self.field(t, "Tags (separate with ,)", &tags, &any, &|t, s| t.tags = s)?;
        // The id proposed from the question, unless the learner chose one: then it is kept.
        let chosen_by_learner = editing && !t.id.is_empty() && t.id != old_proposed;
        let initial =
            if chosen_by_learner { t.id.clone() } else { t.proposed_id(&taken).to_string() };
        self.field(
            t,
            "Id",
            &initial,
            &|s: &str| draft::check_id(s, &taken).map(drop).map_err(|e| e.to_string()),
            &|t, s| t.id = s,
        )?;
        Ok(())
    }

    /// The statements or pairs: those already typed, each kept, changed or dropped by emptying
    /// it, then new ones until an empty line (2 at least, 6 at most).
    fn items(&mut self, t: &mut Typed) -> Result<(), Flow> {
        // Options the form offered for the items as they were are offered anew for the items
        // as they become; options the learner wrote are kept.
        let options_were_default =
            t.options.is_empty() || t.options == default_options(t.layout, t.style, t.items.len());
        let old = std::mem::take(&mut t.items);
        let mut kept: Vec<String> = Vec::new();
        let mut rest = old.into_iter();
        loop {
            let i = kept.len();
            let (initial, from_old) = match rest.next() {
                Some(s) => (s, true),
                None => (String::new(), false),
            };
            if !from_old && i >= *ITEMS.end() {
                break;
            }
            let mut prompt = question_form_prompt(t.layout, i);
            if from_old {
                prompt.push_str(" (empty it to drop it)");
            } else if i >= *ITEMS.start() {
                prompt.push_str(" (Enter to finish)");
            }
            let mut probe = t.clone();
            probe.set_items(kept.clone());
            let at_least = *ITEMS.start();
            let what = if t.layout == Layout::Pairs { "pairs" } else { "statements" };
            let check = |s: &str| -> Result<(), String> {
                if s.trim().is_empty() {
                    return if i >= at_least || from_old {
                        Ok(())
                    } else {
                        Err(format!("a question of this layout has {at_least} {what} at least"))
                    };
                }
                probe.check_item(i, s)
            };
            let remaining: Vec<String> = rest.clone().collect();
            let before = kept.clone();
            let put = |t: &mut Typed, s: String| {
                // What the list holds if the form stops here: the items before, this one as
                // it stands, and the ones not reached yet.
                let mut all = before.clone();
                all.push(s);
                all.extend(remaining.iter().cloned());
                all.retain(|s| !s.trim().is_empty());
                t.items = all;
            };
            let s = self.field(t, &prompt, &initial, &check, &put)?;
            if !s.is_empty() {
                kept.push(s);
            } else if !from_old {
                break;
            }
        }
        t.items = kept;
        if options_were_default {
            t.options = default_options(t.layout, t.style, t.items.len());
        }
        self.keep(t);
        Ok(())
    }

    /// The options, filled in with the layout's usual ones: each kept, changed or dropped by
    /// emptying it, then new ones until an empty line (2 at least, 5 at most).
    fn options(&mut self, t: &mut Typed) -> Result<(), Flow> {
        let old = std::mem::take(&mut t.options);
        let mut kept: Vec<String> = Vec::new();
        let mut rest = old.into_iter();
        loop {
            let i = kept.len();
            let (initial, from_old) = match rest.next() {
                Some(s) => (s, true),
                None => (String::new(), false),
            };
            if !from_old && i >= *OPTIONS.end() {
                break;
            }
            let letter = option_letter(i);
            let prompt = if from_old {
                format!("Option ({letter}) (empty it to drop it)")
            } else if i >= *OPTIONS.start() {
                format!("Option ({letter}) (Enter to finish)")
            } else {
                format!("Option ({letter})")
            };
            let mut probe = t.clone();
            probe.options.clone_from(&kept);
            let at_least = *OPTIONS.start();
            let check = |s: &str| -> Result<(), String> {
                if s.trim().is_empty() {
                    return if i >= at_least || from_old {
                        Ok(())
                    } else {
                        Err(format!("a question has {at_least} options at least"))
                    };
                }
                probe.check_option(i, s)
            };
            let remaining: Vec<String> = rest.clone().collect();
            let before = kept.clone();
            let put = |t: &mut Typed, s: String| {
                let mut all = before.clone();
                all.push(s);
                all.extend(remaining.iter().cloned());
                all.retain(|s| !s.trim().is_empty());
                t.options = all;
            };
            let s = self.field(t, &prompt, &initial, &check, &put)?;
            if !s.is_empty() {
                kept.push(s);
            } else if !from_old {
                break;
            }
        }
        // At least two: an empty field is refused until two are kept.
        t.options = kept;
        self.keep(t);
        Ok(())
    }
}

fn question_form_prompt(layout: Layout, i: usize) -> String {
    item_prompt(layout, i)
}

/// Sets item `i`, growing the list if need be.
fn set_item(t: &mut Typed, i: usize, s: String) {
    if t.items.len() <= i {
        t.items.resize(i + 1, String::new());
    }
    t.items[i] = s;
}
