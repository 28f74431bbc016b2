//! `recall add`: append facts to a deck, by prompts on a terminal or by flags in scripts.
//!
//! Either way the fact goes through [`Draft::build`] (the same rules as `recall import`) and
//! [`write::append_to_file`] (insertion at the end of the facts list, every other byte kept,
//! re-checked, atomic). Each confirmed fact is written at once, so stopping half-way (Esc,
//! Ctrl-C) keeps the facts already confirmed and never leaves a half-written file.

use std::collections::{BTreeSet, HashSet};
use std::io::Write as _;
use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, FuzzySelect, Input, Select};

use crate::cli::{AddArgs, UsageError};
use crate::context::Context;
use crate::deck::draft::{self, Draft, DraftError};
use crate::deck::edit::{self, Layout};
use crate::deck::{Deck, Fact, FactKind, write};

const FLAGS_HINT: &str = "--cue TEXT --answer TEXT [--kind KIND] [--accept TEXT]... \
    [--topic TEXT] [--tag TAG]... [--explain TEXT] [--source TEXT] [--cloze TEXT]... [--id ID]";

pub fn run(_ctx: &Context, args: &AddArgs) -> anyhow::Result<ExitCode> {
    let kind = crate::cli::kind_flag(args.kind.as_deref())?;
    let path = args.deck.as_path();
    if !path.exists() {
        anyhow::bail!(
            "{} does not exist; create it with `recall new {} --title TITLE`",
            path.display(),
            path.display()
        );
    }
    let (text, deck) = write::load_for_edit(path)?;
    if args.cue.is_some() || args.answer.is_some() {
        return add_from_flags(path, &deck, args, kind);
    }
    let per_fact: Vec<&str> = [
        ("--accept", !args.accept.is_empty()),
        ("--explain", args.explain.is_some()),
        ("--cloze", !args.cloze.is_empty()),
        ("--id", args.id.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect();
    if !per_fact.is_empty() {
        return Err(UsageError(format!(
            "{} describe one fact: give --cue and --answer too (on a terminal, leave them all out \
             to be asked; --kind, --topic, --tag and --source are then offered as defaults)",
            per_fact.join(", ")
        ))
        .into());
    }
    // The prompts are drawn on stderr, so stdout may be redirected.
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Err(UsageError(format!(
            "no terminal to ask on; give the fact with flags: recall add {} {FLAGS_HINT}",
            path.display()
        ))
        .into());
    }
    interactive(path, deck, &text, args, kind)
}

fn draft_from_flags(args: &AddArgs, kind: Option<FactKind>) -> Draft {
    Draft {
        kind,
        cue: args.cue.clone().unwrap_or_default(),
        answer: args.answer.clone().unwrap_or_default(),
        accept: args.accept.clone(),
        topic: args.topic.clone(),
        tags: args.tag.iter().flat_map(|t| draft::split_tags(t)).collect(),
        explain: args.explain.clone(),
        source: args.source.clone(),
        cloze: args.cloze.clone(),
        id: args.id.clone(),
    }
}

fn add_from_flags(
    path: &Path,
    deck: &Deck,
    args: &AddArgs,
    kind: Option<FactKind>,
) -> anyhow::Result<ExitCode> {
    let missing: Vec<&str> = [("--cue", &args.cue), ("--answer", &args.answer)]
        .into_iter()
        .filter(|(_, v)| v.is_none())
        .map(|(f, _)| f)
        .collect();
    if !missing.is_empty() {
        return Err(UsageError(format!(
            "{} missing; a fact needs: recall add {} {FLAGS_HINT}",
            missing.join(" and "),
            path.display()
        ))
        .into());
    }
    let fact =
        draft_from_flags(args, kind).build(&draft::taken_ids(deck)).map_err(|e| match e {
            DraftError::BadId(e) => anyhow::Error::from(UsageError(format!("--id: {e}"))),
            e => anyhow::anyhow!("{e}; nothing was written to {}", path.display()),
        })?;
    let deck = write::append_to_file(path, std::slice::from_ref(&fact))?;
    println!("Added `{}` to {} ({}).", fact.id, path.display(), facts(deck.facts.len()));
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C handling. console turns a Ctrl-C typed at a prompt into SIGINT (and a Ctrl-C that
/// lands between two key reads is a SIGINT from the terminal), which would kill the process with
/// the cursor still hidden. Our handler ends the process itself, cleanly, unless a deck write is
/// in progress: then it only sets the flag and the write finishes first.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static WRITING: AtomicBool = AtomicBool::new(false);
static ADDED: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);
static REPORTED: AtomicBool = AtomicBool::new(false);

fn summary(path: &str, added: usize, total: usize) -> String {
    match added {
        0 => format!("No facts added to {path}."),
        n => format!("{} added to {path} ({}).", facts(n), facts(total)),
    }
}

/// `1 fact`, `3 facts`.
fn facts(n: usize) -> String {
    if n == 1 { "1 fact".to_owned() } else { format!("{n} facts") }
}

/// Ends the process after Ctrl-C: cursor shown again, what was saved said, exit code 130. Both
/// the handler thread and the main thread may get here; only the first one reports.
fn exit_interrupted(path: &str) -> ! {
    if REPORTED.swap(true, Ordering::SeqCst) {
        // The other thread is already exiting the process.
        loop {
            std::thread::park();
        }
    }
    let _ = console::Term::stderr().show_cursor();
    let _ = console::Term::stdout().show_cursor();
    eprintln!(
        "\nInterrupted. {}",
        summary(path, ADDED.load(Ordering::SeqCst), TOTAL.load(Ordering::SeqCst))
    );
    std::process::exit(130)
}

/// Why the prompts stopped early.
enum Stop {
    /// Esc or `q` on a menu: the learner is done.
    Quit,
    /// Ctrl-C.
    Interrupt,
}

/// A prompt's outcome: a value, or a reason to stop, or a real error.
enum Flow {
    Stop(Stop),
    Fail(anyhow::Error),
}

impl From<dialoguer::Error> for Flow {
    fn from(e: dialoguer::Error) -> Flow {
        let dialoguer::Error::IO(io) = e;
        if io.kind() == io::ErrorKind::Interrupted || INTERRUPTED.load(Ordering::SeqCst) {
            Flow::Stop(Stop::Interrupt)
        } else if io.kind() == io::ErrorKind::UnexpectedEof {
            // The terminal went away: stop as if the learner had pressed Esc.
            Flow::Stop(Stop::Quit)
        } else {
            Flow::Fail(io.into())
        }
    }
}

fn some<T>(v: Option<T>) -> Result<T, Flow> {
    match v {
        Some(v) if !INTERRUPTED.load(Ordering::SeqCst) => Ok(v),
        Some(_) => Err(Flow::Stop(Stop::Interrupt)),
        None => Err(Flow::Stop(Stop::Quit)),
    }
}

fn interactive(
    path: &Path,
    mut deck: Deck,
    text: &str,
    args: &AddArgs,
    kind: Option<FactKind>,
) -> anyhow::Result<ExitCode> {
    let shown = path.display().to_string();
    TOTAL.store(deck.facts.len(), Ordering::SeqCst);
    let for_handler = shown.clone();
    let _ = ctrlc::set_handler(move || {
        INTERRUPTED.store(true, Ordering::SeqCst);
        if !WRITING.load(Ordering::SeqCst) {
            exit_interrupted(&for_handler);
        }
    });
    let layout = edit::find_facts_list(text)
        .map(|l| Layout { item_indent: String::new(), ..edit::layout(text, &l) })
        .unwrap_or_default();
    let mut session = Session {
        path,
        theme: ColorfulTheme::default(),
        last_kind: kind.unwrap_or(FactKind::Term),
        last_topic: args.topic.clone(),
        last_tags: args.tag.join(", "),
        last_source: args.source.clone().unwrap_or_default(),
        layout,
        added: 0,
    };
    let outcome = session.run(&mut deck);
    let _ = console::Term::stderr().show_cursor();
    let _ = console::Term::stdout().show_cursor();
    let done = summary(&shown, session.added, deck.facts.len());
    match outcome {
        Ok(()) | Err(Flow::Stop(Stop::Quit)) => {
            eprintln!("{done}");
            Ok(ExitCode::SUCCESS)
        }
        Err(Flow::Stop(Stop::Interrupt)) => exit_interrupted(&shown),
        Err(Flow::Fail(e)) => {
            eprintln!("{done}");
            Err(e)
        }
    }
}

/// The questions `fact` will generate once it is in `deck`, as `recall preview` prints them:
/// the author sees the wording and the distractors before saving.
fn questions_of(deck: &Deck, fact: &Fact) -> String {
    let mut with = deck.clone();
    with.facts.push(fact.clone());
    let pool = crate::quiz::Pool::from_facts(with.facts.iter().map(|f| (&with, f)));
    let mut out = Vec::new();
    let _ = writeln!(out, "It will be asked like this:\n");
    for (requested, q) in
        crate::quiz::questions(&pool, &with, fact, &crate::quiz::QuizOptions::default(), 0)
    {
        // Writing into memory cannot fail.
        let _ = crate::preview::write_question(&mut out, requested, &q);
    }
    String::from_utf8_lossy(&out).into_owned()
}

struct Session<'a> {
    path: &'a Path,
    theme: ColorfulTheme,
    last_kind: FactKind,
    last_topic: Option<String>,
    /// Tags and source are often the same for a run of facts: offered again, editable.
    last_tags: String,
    last_source: String,
    layout: Layout,
    added: usize,
}

impl Session<'_> {
    fn run(&mut self, deck: &mut Deck) -> Result<(), Flow> {
        loop {
            let fact = self.ask_fact(deck)?;
            // The fact exactly as it will be written, and the questions it will generate.
            eprintln!("\n{}\n", edit::fact_to_ron(&fact, &self.layout));
            eprint!("{}", questions_of(deck, &fact));
            let ok = Confirm::with_theme(&self.theme)
                .with_prompt(format!("Add this fact to {}?", self.path.display()))
                .default(true)
                .interact_opt()?;
            if some(ok)? {
                WRITING.store(true, Ordering::SeqCst);
                let written = write::append_to_file(self.path, std::slice::from_ref(&fact));
                WRITING.store(false, Ordering::SeqCst);
                *deck = written.map_err(|e| Flow::Fail(e.into()))?;
                self.added += 1;
                ADDED.store(self.added, Ordering::SeqCst);
                TOTAL.store(deck.facts.len(), Ordering::SeqCst);
                eprintln!("Added `{}`.", fact.id);
                self.check_interrupt()?;
            } else {
                eprintln!("Not added.");
            }
            let again = Confirm::with_theme(&self.theme)
                .with_prompt("Add another?")
                .default(true)
                .interact_opt()?;
            if !some(again)? {
                return Ok(());
            }
        }
    }

    fn ask_fact(&mut self, deck: &Deck) -> Result<Fact, Flow> {
        let taken: HashSet<String> = draft::taken_ids(deck);
        let labels: Vec<String> = FactKind::ALL.iter().map(|k| kind_label(*k)).collect();
        let default = FactKind::ALL.iter().position(|k| *k == self.last_kind).unwrap_or(0);
        let chosen = Select::with_theme(&self.theme)
            .with_prompt("Kind of fact")
            .items(&labels)
            .default(default)
            .interact_opt()?;
        let kind = FactKind::ALL[some(chosen)?.min(FactKind::ALL.len() - 1)];
        self.last_kind = kind;
        let cue = self.required("Cue (what is asked about)")?;
        if let Some(same) = deck.facts.iter().find(|f| f.cue.eq_ignore_ascii_case(&cue)) {
            eprintln!(
                "{} `{}` already has this cue (answer: {})",
                console::style("note:").yellow().bold(),
                same.id,
                same.answer
            );
        }
        let answer = self.required("Answer")?;
        let accept = self.optional("Other accepted answers (separate with ;)", "")?;
        let topic = self.topic(deck)?;
        let tags = self.optional("Tags (separate with ,)", &self.last_tags)?;
        let explain = self.optional("Explanation (shown after the answer)", "")?;
        let source = self.optional("Source", &self.last_source)?;
        self.last_tags.clone_from(&tags);
        self.last_source.clone_from(&source);
        let mut cloze = Vec::new();
        loop {
            let s: String = Input::with_theme(&self.theme)
                .with_prompt("Cloze statement with {blanks} (Enter to finish)")
                .allow_empty(true)
                .validate_with(|s: &String| -> Result<(), String> {
                    if s.trim().is_empty() {
                        return Ok(());
                    }
                    draft::check_cloze(s.trim()).map_err(|e| e.to_string())
                })
                .interact_text()?;
            self.check_interrupt()?;
            if s.trim().is_empty() {
                break;
            }
            cloze.push(s);
        }
        let proposed = draft::propose_id(&cue, &taken);
        let id: String = Input::with_theme(&self.theme)
            .with_prompt("Id")
            .with_initial_text(proposed.as_str())
            .validate_with(|s: &String| -> Result<(), String> {
                draft::check_id(s, &taken).map(drop).map_err(|e| e.to_string())
            })
            .interact_text()?;
        self.check_interrupt()?;
        let d = Draft {
            kind: Some(kind),
            cue,
            answer,
            accept: accept.split(';').map(str::to_owned).collect(),
            topic,
            tags: draft::split_tags(&tags),
            explain: Some(explain),
            source: Some(source),
            cloze,
            id: Some(id),
        };
        d.build(&taken).map_err(|e| Flow::Fail(e.into()))
    }

    fn check_interrupt(&self) -> Result<(), Flow> {
        if INTERRUPTED.load(Ordering::SeqCst) { Err(Flow::Stop(Stop::Interrupt)) } else { Ok(()) }
    }

    fn required(&self, prompt: &str) -> Result<String, Flow> {
        let s: String = Input::with_theme(&self.theme)
            .with_prompt(prompt)
            .validate_with(|s: &String| -> Result<(), &str> {
                if s.trim().is_empty() { Err("required") } else { Ok(()) }
            })
            .interact_text()?;
        self.check_interrupt()?;
        Ok(s.trim().to_owned())
    }

    fn optional(&self, prompt: &str, initial: &str) -> Result<String, Flow> {
        let s: String = Input::with_theme(&self.theme)
            .with_prompt(prompt)
            .with_initial_text(initial)
            .allow_empty(true)
            .interact_text()?;
        self.check_interrupt()?;
        Ok(s.trim().to_owned())
    }

    /// A topic from the deck's own (fuzzy search), none, or a new one.
    fn topic(&mut self, deck: &Deck) -> Result<Option<String>, Flow> {
        let topics: BTreeSet<&str> = deck.facts.iter().filter_map(|f| f.topic.as_deref()).collect();
        let topic = if topics.is_empty() {
            let s = self.optional("Topic", "")?;
            (!s.is_empty()).then_some(s)
        } else {
            let mut items = vec!["(no topic)".to_owned()];
            items.extend(topics.iter().map(|t| t.to_string()));
            items.push("new topic…".to_owned());
            let default = self
                .last_topic
                .as_deref()
                .and_then(|t| items.iter().position(|i| i == t))
                .unwrap_or(0);
            let chosen = FuzzySelect::with_theme(&self.theme)
                .with_prompt("Topic (type to search)")
                .items(&items)
                .default(default)
                .interact_opt()?;
            let i = some(chosen)?;
            if i == 0 {
                None
            } else if i == items.len() - 1 {
                let s = self.optional("New topic", "")?;
                (!s.is_empty()).then_some(s)
            } else {
                items.get(i).cloned()
            }
        };
        self.last_topic.clone_from(&topic);
        Ok(topic)
    }
}

/// A kind with what its cue and answer are, for the menu.
fn kind_label(kind: FactKind) -> String {
    let what = match kind {
        FactKind::Acronym => "cue: the acronym; answer: its expansion",
        FactKind::Term => "cue: a term or name; answer: what it means",
        FactKind::Person => "cue: a role or description; answer: the person",
        FactKind::Place => "cue: what is located; answer: the place",
        FactKind::Date => "cue: the event; answer: its date or year",
        FactKind::Number => "cue: what is counted; answer: the number",
        FactKind::Group => "cue: the grouping; answer: its members",
        FactKind::Agreement => "cue: the agreement; answer: what it does",
        FactKind::Organization => "cue: the organisation; answer: what it is or does",
        FactKind::Statement => "cue: a question; answer: its answer, asked as written",
    };
    format!("{:<13} {what}", kind.name())
}
