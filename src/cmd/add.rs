//! `recall add`: append facts to a deck, by prompts on a terminal or by flags in scripts.
//!
//! An authored question (`Question(…)`) is added the same two ways: `--stem` and its flags, or
//! the form of `add/question.rs` (`--question`, or "question" in the kind menu).
//!
//! Either way the fact goes through [`Draft::build`] (the same rules as `recall import`) and
//! [`write::append_to_file`] (insertion at the end of the facts list, every other byte kept,
//! re-checked, atomic). Each confirmed fact is written at once, so stopping half-way (Esc,
//! Ctrl-C) keeps the facts already confirmed and never leaves a half-written file.
//!
//! On a terminal the fields are typed into [`ui::line`]'s field (Ctrl-U empties it). A new
//! fact starts empty but for what a run of facts shares and cannot glue onto what is typed:
//! its kind and topic (menus), and the `--tag` and `--source` of the command line. "n" at
//! "Add this fact?" goes back to the fact with every field as typed, to be corrected.

use std::collections::{BTreeSet, HashSet};
use std::io::Write as _;
use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, FuzzySelect, Select};

use crate::cli::{AddArgs, UsageError};
use crate::context::Context;
use crate::deck::draft::{self, Draft, DraftError};
use crate::deck::edit::{self, Layout};
use crate::deck::{Deck, Fact, FactKind, question_form, write};
use crate::ui::{self, line::Line};

mod question;

const FLAGS_HINT: &str = "--cue TEXT --answer TEXT [--kind KIND] [--accept TEXT]... \
    [--topic TEXT] [--tag TAG]... [--explain TEXT] [--source TEXT] [--cloze TEXT]... [--id ID]";

pub fn run(ctx: &Context, args: &AddArgs) -> anyhow::Result<ExitCode> {
    let kind = crate::cli::kind_flag(args.kind.as_deref())?;
    // As given, or in the decks folder (`recall add polity` from any folder).
    let found = ctx.find_deck(&args.deck).map_err(|e| {
        // A bare name is a deck of the decks folder, which `recall new` without a path makes.
        let bare = args.deck.parent().is_some_and(|p| p.as_os_str().is_empty());
        let stem = args.deck.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
        let new = if bare {
            format!("recall new --id {stem} --title TITLE")
        } else {
            format!("recall new {} --title TITLE", args.deck.display())
        };
        anyhow::anyhow!("{}; create it with `{new}`", crate::report::said_once(&e))
    })?;
    let path = found.as_path();
    let (text, deck) = write::load_for_edit(path)?;
    if args.stem.is_some() {
        return add_question_from_flags(path, &deck, args);
    }
    let terminal = io::stdin().is_terminal() && crate::out::stderr_is_terminal();
    if args.question {
        if !terminal {
            return Err(UsageError(format!(
                "no terminal to ask on; give the question with flags: recall add {} {QUESTION_HINT}",
                path.display()
            ))
            .into());
        }
        return interactive(ctx, path, deck, &text, args, kind);
    }
    if args.year.is_some() {
        return Err(UsageError(
            "--year is the year of a question's paper: give --stem (and its flags), or \
             --question to be asked"
                .to_owned(),
        )
        .into());
    }
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
    if !terminal {
        return Err(UsageError(format!(
            "no terminal to ask on; give the fact with flags: recall add {} {FLAGS_HINT}",
            path.display()
        ))
        .into());
    }
    interactive(ctx, path, deck, &text, args, kind)
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
    outln!("Added `{}` to {} ({}).", fact.id, path.display(), facts(deck.facts.len()))?;
    Ok(ExitCode::SUCCESS)
}

const QUESTION_HINT: &str = "--stem TEXT [--statement TEXT]... [--pair 'LEFT = RIGHT']... \
    [--ask TEXT] --option TEXT --option TEXT... --answer LETTER --source TEXT [--explain TEXT] \
    [--year YEAR] [--topic TEXT] [--tag TAG]... [--id ID]";

/// `recall add DECK --stem …`: an authored question from flags. The deck's own loader judges
/// it before anything is written (the same errors `recall check` gives), so a question that
/// would not load is never saved.
fn add_question_from_flags(path: &Path, deck: &Deck, args: &AddArgs) -> anyhow::Result<ExitCode> {
    let usage = |what: String| -> anyhow::Error {
        UsageError(format!(
            "{what}; a question needs: recall add {} {QUESTION_HINT}",
            path.display()
        ))
        .into()
    };
    let stem = args.stem.as_deref().unwrap_or_default().trim();
    if stem.is_empty() {
        return Err(usage("--stem is empty".to_owned()));
    }
    let Some(answer) = args.answer.as_deref() else {
        return Err(usage("--answer is missing: which option is right?".to_owned()));
    };
    let options: Vec<String> = args.options.iter().map(|o| o.trim().to_owned()).collect();
    if !crate::deck::schema::OPTIONS.contains(&options.len()) {
        return Err(usage(format!("{} --option given, 2 to 5 wanted", options.len())));
    }
    let correct = crate::deck::parse_option_letter(answer)
        .filter(|c| *c < options.len())
        .ok_or_else(|| {
            usage(format!(
                "--answer {answer:?} names no option: give the letter of the right one, a to {}",
                crate::deck::option_letter(options.len() - 1)
            ))
        })?;
    let pairs = args
        .pair
        .iter()
        .map(|p| {
            crate::deck::authored::split_pair(p)
                .ok_or_else(|| usage(format!("--pair {p:?} is not `LEFT = RIGHT`")))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let taken = draft::taken_ids(deck);
    let id = match &args.id {
        Some(id) => draft::check_id(id, &taken).map_err(|e| usage(format!("--id: {e}")))?,
        None => draft::propose_id(stem, &taken),
    };
    let authored = crate::deck::Authored {
        statements: args.statement.iter().map(|s| s.trim().to_owned()).collect(),
        pairs,
        ask: args.ask.clone().filter(|a| !a.trim().is_empty()),
        options,
        correct,
        year: args.year,
    };
    let mut fact = Fact::question(id, stem, authored);
    fact.explain = args.explain.clone().filter(|e| !e.trim().is_empty());
    fact.source = args.source.clone().filter(|s| !s.trim().is_empty());
    fact.topic = args.topic.clone().filter(|t| !t.trim().is_empty());
    fact.tags = args.tag.iter().flat_map(|t| draft::split_tags(t)).collect();
    let deck = write::append_to_file(path, std::slice::from_ref(&fact))?;
    outln!(
        "Added question `{}` to {} ({} in all).",
        fact.id,
        path.display(),
        facts(deck.facts.len())
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C handling. console turns a Ctrl-C typed at a prompt into SIGINT (and a Ctrl-C that
/// lands between two key reads is a SIGINT from the terminal), which would kill the process with
/// the cursor still hidden. Our handler ends the process itself, cleanly, unless a deck write is
/// in progress: then it only sets the flag and the write finishes first.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static WRITING: AtomicBool = AtomicBool::new(false);
static ADDED: AtomicUsize = AtomicUsize::new(0);
static ADDED_QUESTIONS: AtomicUsize = AtomicUsize::new(0);
static ONLY_QUESTIONS: AtomicBool = AtomicBool::new(false);
static TOTAL: AtomicUsize = AtomicUsize::new(0);
static REPORTED: AtomicBool = AtomicBool::new(false);

/// What a run added: `2 facts added to x.ron (12 facts).`, `1 fact and 1 question added …`.
fn summary(path: &str, added: usize, questions: usize, total: usize) -> String {
    let question_s =
        |n: usize| if n == 1 { "1 question".to_owned() } else { format!("{n} questions") };
    match (added, questions) {
        (0, 0) if ONLY_QUESTIONS.load(Ordering::SeqCst) => format!("No questions added to {path}."),
        (0, 0) => format!("No facts added to {path}."),
        (n, 0) => format!("{} added to {path} ({}).", facts(n), facts(total)),
        (0, q) => format!("{} added to {path} ({}).", question_s(q), facts(total)),
        (n, q) => {
            format!("{} and {} added to {path} ({}).", facts(n), question_s(q), facts(total))
        }
    }
}

/// Said when the form stops with a question half-written: where it is kept.
fn draft_note(path: &str) -> String {
    match question::save_draft() {
        Some(_) => format!(
            " The question you were writing is kept: `recall add {path} --question` takes it up again."
        ),
        None => String::new(),
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
    ui::show_cursor();
    errln!(
        "\nInterrupted. {}{}",
        summary(
            path,
            ADDED.load(Ordering::SeqCst),
            ADDED_QUESTIONS.load(Ordering::SeqCst),
            TOTAL.load(Ordering::SeqCst)
        ),
        draft_note(path)
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
    ctx: &Context,
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
    ONLY_QUESTIONS.store(args.question, Ordering::SeqCst);
    let mut session = Session {
        path,
        theme: ColorfulTheme::default(),
        term: console::Term::stderr(),
        last_kind: kind.unwrap_or(FactKind::Term),
        last_was_question: args.question,
        only_questions: args.question,
        last_layout: question_form::Layout::Statements,
        last_topic: args.topic.clone(),
        flag_tags: args.tag.join(", "),
        flag_source: args.source.clone().unwrap_or_default(),
        flag_year: args.year.map(|y| y.to_string()).unwrap_or_default(),
        draft: ctx.data_dir().ok().map(|d| question::draft_file(&d, deck.id.as_str())),
        layout,
        added: 0,
        questions: 0,
    };
    hint("Enter keeps what a field holds · Ctrl-U empties it · Esc stops");
    let outcome = session.run(&mut deck);
    ui::show_cursor();
    let done = summary(&shown, session.added, session.questions, deck.facts.len());
    match outcome {
        Ok(()) | Err(Flow::Stop(Stop::Quit)) => {
            errln!("{done}{}", draft_note(&shown));
            Ok(ExitCode::SUCCESS)
        }
        Err(Flow::Stop(Stop::Interrupt)) => exit_interrupted(&shown),
        Err(Flow::Fail(e)) => {
            errln!("{done}");
            Err(e)
        }
    }
}

/// A dim line of help on stderr, wrapped at words to the terminal.
fn hint(text: &str) {
    for line in crate::text::wrap(text, ui::screen_width(), "") {
        errln!("{}", console::style(line).for_stderr().dim());
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
        let ty = crate::quiz::card_type(&pool, &with, fact, q.card.direction);
        let _ = crate::preview::write_question(&mut out, requested, &q, ty);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A fact's fields as the learner typed them: what the form offers again when they answer "n"
/// to "Add this fact?" and go back to edit it.
#[derive(Clone, Debug)]
struct Typed {
    kind: FactKind,
    cue: String,
    answer: String,
    /// Separated by `;`, as typed.
    accept: String,
    topic: Option<String>,
    /// Separated by `,`, as typed.
    tags: String,
    explain: String,
    source: String,
    cloze: Vec<String>,
    id: String,
}

struct Session<'a> {
    path: &'a Path,
    theme: ColorfulTheme,
    term: console::Term,
    /// The last fact's kind and topic, offered first for the next one: a run of facts often
    /// shares them, and a menu's preselection is kept or changed with one key.
    last_kind: FactKind,
    /// The last item was a question: "question" is preselected in the kind menu.
    last_was_question: bool,
    /// `--question`: the run adds questions only, without the kind menu.
    only_questions: bool,
    /// The last question's layout, offered first for the next one.
    last_layout: question_form::Layout,
    last_topic: Option<String>,
    /// `--tag` and `--source` given on the command line: filled in for every fact of the run.
    /// What was typed for one fact is not carried to the next (typing after it glued words
    /// together: `part-iiihistory`).
    flag_tags: String,
    flag_source: String,
    /// `--year`: filled in for every question of the run.
    flag_year: String,
    /// The file a half-written question is kept in (`None` without a data folder).
    draft: Option<std::path::PathBuf>,
    layout: Layout,
    added: usize,
    questions: usize,
}

/// What the kind menu picked.
enum Picked {
    Fact(Box<Fact>),
    Question,
}

impl Session<'_> {
    fn run(&mut self, deck: &mut Deck) -> Result<(), Flow> {
        loop {
            let fact = if self.only_questions {
                self.one_question(deck)?
            } else {
                match self.one_fact(deck)? {
                    Picked::Fact(fact) => *fact,
                    Picked::Question => self.one_question(deck)?,
                }
            };
            self.last_was_question = fact.is_authored();
            WRITING.store(true, Ordering::SeqCst);
            let written = write::append_to_file(self.path, std::slice::from_ref(&fact));
            WRITING.store(false, Ordering::SeqCst);
            *deck = written.map_err(|e| Flow::Fail(e.into()))?;
            if fact.is_authored() {
                self.forget_draft();
                self.questions += 1;
                ADDED_QUESTIONS.store(self.questions, Ordering::SeqCst);
                errln!("Added question `{}`.", fact.id);
            } else {
                self.added += 1;
                ADDED.store(self.added, Ordering::SeqCst);
                errln!("Added `{}`.", fact.id);
            }
            TOTAL.store(deck.facts.len(), Ordering::SeqCst);
            self.check_interrupt()?;
            let again = Confirm::with_theme(&self.theme)
                .with_prompt("Add another?")
                .default(true)
                .interact_opt()?;
            if !some(again)? {
                return Ok(());
            }
        }
    }

    /// One fact, asked, checked and confirmed (not yet written); or the learner picked
    /// "question" in the kind menu.
    fn one_fact(&mut self, deck: &Deck) -> Result<Picked, Flow> {
        {
            let mut typed = Typed {
                kind: self.last_kind,
                cue: String::new(),
                answer: String::new(),
                accept: String::new(),
                topic: self.last_topic.clone(),
                tags: self.flag_tags.clone(),
                explain: String::new(),
                source: self.flag_source.clone(),
                cloze: Vec::new(),
                id: String::new(),
            };
            let mut editing = false;
            let fact = loop {
                if !self.ask_fact(deck, &mut typed, editing)? {
                    return Ok(Picked::Question);
                }
                editing = true;
                let fact = match self.build(deck, &typed) {
                    Ok(fact) => fact,
                    Err(e) => {
                        errln!("{} {e}; edit the fact", console::style("error:").red().bold());
                        continue;
                    }
                };
                // The fact exactly as it will be written, and the questions it will generate.
                errln!("\n{}\n", edit::fact_to_ron(&fact, &self.layout));
                err!("{}", questions_of(deck, &fact));
                let ok = Confirm::with_theme(&self.theme)
                    .with_prompt(format!("Add this fact to {}? (n edits it)", self.path.display()))
                    .default(true)
                    .interact_opt()?;
                if some(ok)? {
                    break fact;
                }
                hint(
                    "Back to the fact: every field holds what you typed (Enter keeps it, \
                     Ctrl-U empties it; Esc stops without adding it).",
                );
            };
            Ok(Picked::Fact(Box::new(fact)))
        }
    }

    /// Asks every field of `typed`, each filled in with what it holds (empty for a new fact but
    /// for its kind, its topic and the command line's tags and source). `false` when the
    /// learner picked "question" in the kind menu (offered for a new fact, not when editing).
    fn ask_fact(&mut self, deck: &Deck, typed: &mut Typed, editing: bool) -> Result<bool, Flow> {
        let taken: HashSet<String> = draft::taken_ids(deck);
        let mut labels: Vec<String> = FactKind::ALL.iter().map(|k| kind_label(*k)).collect();
        if !editing {
            labels.push(format!(
                "{:<13} an exam question with options: plain, statements, pairs…",
                "question"
            ));
        }
        let default = if self.last_was_question && !editing {
            FactKind::ALL.len()
        } else {
            FactKind::ALL.iter().position(|k| *k == typed.kind).unwrap_or(0)
        };
        let chosen = Select::with_theme(&self.theme)
            .with_prompt("Kind of fact")
            .items(&labels)
            .default(default)
            .interact_opt()?;
        let chosen = some(chosen)?;
        if chosen >= FactKind::ALL.len() {
            return Ok(false);
        }
        typed.kind = FactKind::ALL[chosen];
        self.last_kind = typed.kind;
        let old_cue = std::mem::take(&mut typed.cue);
        typed.cue = self.required("Cue (what is asked about)", &old_cue)?;
        if (!editing || typed.cue != old_cue)
            && let Some(same) = deck.facts.iter().find(|f| f.cue.eq_ignore_ascii_case(&typed.cue))
        {
            errln!(
                "{} `{}` already has this cue (answer: {})",
                console::style("note:").yellow().bold(),
                same.id,
                crate::text::printable(&same.answer)
            );
        }
        typed.answer = self.required("Answer", &typed.answer)?;
        typed.accept = self.optional("Other accepted answers (separate with ;)", &typed.accept)?;
        typed.topic = self.topic(deck, typed.topic.clone())?;
        self.last_topic.clone_from(&typed.topic);
        typed.tags = self.optional("Tags (separate with ,)", &typed.tags)?;
        typed.explain = self.optional("Explanation (shown after the answer)", &typed.explain)?;
        typed.source = self.optional("Source", &typed.source)?;
        let check_cloze = |s: &str| -> Result<(), String> {
            if s.trim().is_empty() {
                return Ok(());
            }
            draft::check_cloze(s.trim()).map_err(|e| e.to_string())
        };
        // The statements already typed, each kept, changed, or dropped by emptying it; then
        // new ones until an empty line.
        let mut cloze = Vec::new();
        for (i, old) in std::mem::take(&mut typed.cloze).iter().enumerate() {
            let prompt = format!("Cloze statement {} (empty it to drop it)", i + 1);
            let s = self.line(&prompt, old, &check_cloze)?;
            if !s.is_empty() {
                cloze.push(s);
            }
        }
        loop {
            let s =
                self.line("Cloze statement with {blanks} (Enter to finish)", "", &check_cloze)?;
            if s.is_empty() {
                break;
            }
            cloze.push(s);
        }
        typed.cloze = cloze;
        // The id proposed from the cue, unless the learner chose one: then it is kept, even if
        // the cue changed.
        let proposed = draft::propose_id(&typed.cue, &taken).to_string();
        let chosen_by_learner =
            !typed.id.is_empty() && typed.id != draft::propose_id(&old_cue, &taken).as_str();
        let initial = if chosen_by_learner { typed.id.clone() } else { proposed };
        typed.id = self.line("Id", &initial, &|s: &str| {
            draft::check_id(s, &taken).map(drop).map_err(|e| e.to_string())
        })?;
        Ok(true)
    }

    /// The fact `typed` describes, checked as `recall import` checks its rows.
    fn build(&self, deck: &Deck, typed: &Typed) -> Result<Fact, DraftError> {
        let d = Draft {
            kind: Some(typed.kind),
            cue: typed.cue.clone(),
            answer: typed.answer.clone(),
            accept: typed.accept.split(';').map(str::to_owned).collect(),
            topic: typed.topic.clone(),
            tags: draft::split_tags(&typed.tags),
            explain: Some(typed.explain.clone()),
            source: Some(typed.source.clone()),
            cloze: typed.cloze.clone(),
            id: Some(typed.id.clone()),
        };
        d.build(&draft::taken_ids(deck))
    }

    fn check_interrupt(&self) -> Result<(), Flow> {
        if INTERRUPTED.load(Ordering::SeqCst) { Err(Flow::Stop(Stop::Interrupt)) } else { Ok(()) }
    }

    /// One text field (see [`ui::line`]), trimmed.
    fn line(
        &self,
        prompt: &str,
        initial: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String, Flow> {
        let line = ui::line::edit_line(&self.term, &self.theme, prompt, initial, check)
            .map_err(|e| Flow::Fail(e.into()))?;
        self.check_interrupt()?;
        match line {
            Line::Text(s) => Ok(s.trim().to_owned()),
            Line::Quit(_) => Err(Flow::Stop(Stop::Quit)),
            Line::Interrupt(_) => Err(Flow::Stop(Stop::Interrupt)),
        }
    }

    fn required(&self, prompt: &str, initial: &str) -> Result<String, Flow> {
        self.line(prompt, initial, &|s: &str| {
            if s.trim().is_empty() { Err("required".to_owned()) } else { Ok(()) }
        })
    }

    fn optional(&self, prompt: &str, initial: &str) -> Result<String, Flow> {
        self.line(prompt, initial, &|_: &str| Ok(()))
    }

    /// A topic from the deck's own (fuzzy search), none, or a new one; `current` is offered
    /// first (the last fact's topic, or the topic of the fact being edited, even if it is new
    /// to the deck).
    fn topic(&mut self, deck: &Deck, current: Option<String>) -> Result<Option<String>, Flow> {
        let mut topics: BTreeSet<&str> =
            deck.facts.iter().filter_map(|f| f.topic.as_deref()).collect();
        if topics.is_empty() {
            let s = self.optional("Topic", current.as_deref().unwrap_or(""))?;
            return Ok((!s.is_empty()).then_some(s));
        }
        if let Some(t) = current.as_deref() {
            topics.insert(t);
        }
        let mut items = vec!["(no topic)".to_owned()];
        items.extend(topics.iter().map(|t| t.to_string()));
        items.push("new topic…".to_owned());
        let default =
            current.as_deref().and_then(|t| items.iter().position(|i| i == t)).unwrap_or(0);
        let chosen = FuzzySelect::with_theme(&self.theme)
            .with_prompt("Topic (type to search)")
            .items(&items)
            .default(default)
            .interact_opt()?;
        let i = some(chosen)?;
        Ok(if i == 0 {
            None
        } else if i == items.len() - 1 {
            let s = self.optional("New topic", "")?;
            (!s.is_empty()).then_some(s)
        } else {
            items.get(i).cloned()
        })
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
