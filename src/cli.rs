//! The command line as clap sees it. Doc comments here are the `--help` text.
//!
//! These types mirror the command line and do no I/O; [`crate::app`] turns them into a
//! [`crate::context::Context`] and runs the chosen command. A mistake in how recall was
//! called that clap cannot see is a [`UsageError`] (exit code 2, like clap's own).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::deck::{FactKind, draft};

/// A problem with how recall was called: exit code 2, like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The `--kind` flag of `add` and `import` (CSV and Anki packages): `None` when not given, a
/// usage error (exit 2) naming the valid kinds when it is not one.
pub fn kind_flag(kind: Option<&str>) -> Result<Option<FactKind>, UsageError> {
    kind.map(|k| {
        draft::parse_kind(k).ok_or_else(|| {
            UsageError(format!(
                "--kind `{k}` is not a kind of fact; use one of: {}",
                draft::kind_list()
            ))
        })
    })
    .transpose()
}

/// The environment variables recall reads, shown under `recall --help` and in the man page
/// (one line each: the man page keeps lines that start with spaces apart, and fills the rest).
const ENVIRONMENT: &str = "\
Environment:
  RECALL_DATA_DIR   folder of the progress file (as --data-dir)
  RECALL_DECKS_DIR  folder of your decks, over the decks-dir setting
  RECALL_NOW        the clock recall believes (RFC 3339), for tests
  NO_COLOR          no colour";

/// Learn facts for an exam with spaced repetition: RON decks, six question kinds, FSRS
/// scheduling, mock exams.
#[derive(Debug, Parser)]
#[command(
    name = "recall",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = ENVIRONMENT
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Folder of the progress database [default: the platform data folder, e.g.
    /// ~/.local/share/recall]
    #[arg(long, global = true, env = "RECALL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Study today's cards: due reviews, then new facts (the daily command; interactive)
    Study(StudyArgs),
    /// Sit a timed mock exam: multiple choice with negative marking, scored and reviewed
    Exam(ExamArgs),
    /// Where you stand: cards, due forecast, retention, streak, calendar, weakest topics
    Stats(StatsArgs),
    /// Past sessions with their scores, or every answer of one session
    History(HistoryArgs),
    /// Check decks for errors and lint warnings
    Check(CheckArgs),
    /// Print every question the decks generate, with the right answers, for deck authors
    Preview(PreviewArgs),
    /// Create a new deck file with a commented example of every field and kind of fact
    New(NewArgs),
    /// Add facts or exam questions to a deck: by a form, or with flags for scripts
    Add(AddArgs),
    /// Import facts (or authored questions) from CSV/TSV (Quizlet, Anki text exports) or Anki
    /// packages (.apkg, .colpkg)
    Import(ImportArgs),
    /// List your decks: file, facts, cards due today, new cards, exam date
    Decks(DecksArgs),
    /// Search your facts by a word of their cue, answer or id, with each card's progress
    Find(FindArgs),
    /// Leave cards out of sessions, papers and due counts until you unsuspend them
    Suspend(CardsArgs),
    /// Bring suspended cards back into sessions
    Unsuspend(CardsArgs),
    /// Put cards off until tomorrow (the start of your next day)
    Bury(CardsArgs),
    /// Bring buried cards back today
    Unbury(CardsArgs),
    /// Make cards new again; their answers stay in your history unless --delete-history
    Reset(ResetArgs),
    /// Show or change study settings (daily limits, retention, day rollover, ...)
    Config(ConfigArgs),
    /// Import a review log (CSV) as history for optimize and evaluate
    ImportHistory(ImportHistoryArgs),
    /// Fit FSRS parameters to your review history and keep them if they predict it better
    Optimize(OptimizeArgs),
    /// Score FSRS on a review history: log loss and RMSE(bins), default vs fitted parameters
    Evaluate(EvaluateArgs),
    /// Simulate a learner to compare exam-date scheduling with plain scheduling
    Simulate(SimulateArgs),
    /// List the backups of your progress, make one now, or restore one
    Backup(BackupArgs),
    /// Sync your progress with your other computers through git or a shared folder
    Sync(SyncArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a folder
    Man(ManArgs),
}

/// Deck paths shared by the commands that read decks. Where they lead is decided at the
/// edge ([`crate::context::Context::find_deck`], [`crate::context::Context::library_dir`]).
#[derive(Debug, Args, Clone)]
pub struct DeckPaths {
    /// Deck files or folders (searched recursively for *.ron), here or in your decks folder
    /// (`polity` finds polity.ron there) [default: your decks folder]
    #[arg(value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Print the diagnostics as JSON (one object per diagnostic) instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Review log in CSV: card_id, review_rating (1-4), review_time (ISO-8601 or epoch ms),
    /// review_duration [default: your own history in the store]
    #[arg(long, value_name = "FILE.csv")]
    pub history: Option<PathBuf>,
    /// Hour at which a new learner day starts (0-23) [default: 4 for a log, your
    /// rollover-hour setting for your own history]
    #[arg(long, value_name = "HOUR", value_parser = clap::value_parser!(u8).range(0..=23))]
    pub rollover: Option<u8>,
    /// Time zone of the learner days (IANA name such as `UTC` or `Asia/Kolkata`) [default: your
    /// timezone setting, else the system's]
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Print the figures as one JSON object
    #[arg(long)]
    pub json: bool,
}

/// `recall import-history FILE.csv [--name NAME]`.
#[derive(Debug, Args)]
pub struct ImportHistoryArgs {
    /// Review log in CSV: card_id, review_rating (1-4), review_time (ISO-8601 or epoch ms),
    /// review_duration
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Name of the history the log's cards are kept under (`history.NAME/c<card_id>/forward`)
    /// [default: the file name without extension]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// `recall optimize`.
#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// Print the figures as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Number of facts in the deck, all new on day one
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub facts: u32,
    /// Days from today to the exam (the exam is on day D)
    #[arg(long, value_name = "D", default_value_t = 60, value_parser = clap::value_parser!(u32).range(8..=3650))]
    pub days: u32,
    /// Daily study time budget in minutes
    #[arg(long, value_name = "M", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub minutes_per_day: u32,
    /// Seed of the simulated learner's luck (and of the learners drawn with --learners)
    #[arg(long, value_name = "S", default_value_t = 42)]
    pub seed: u64,
    /// The learner's true memory: 21 FSRS-6 parameters, comma-separated (default: FSRS-6's
    /// defaults, the model the scheduler starts from)
    #[arg(
        long,
        value_name = "W0,…,W20",
        value_delimiter = ',',
        num_args = 1,
        allow_hyphen_values = true
    )]
    pub learner_params: Option<Vec<f32>>,
    /// Simulate N learners drawn from the spread of real learners' parameters (see
    /// docs/fsrs.md) and report each and the distribution
    #[arg(long, value_name = "N", conflicts_with = "learner_params", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub learners: Option<u32>,
    /// The parameters the scheduler starts from (default: FSRS-6's defaults)
    #[arg(
        long,
        value_name = "W0,…,W20",
        value_delimiter = ',',
        num_args = 1,
        allow_hyphen_values = true
    )]
    pub scheduler_params: Option<Vec<f32>>,
    /// Exam mode: do not refit the parameters to the learner's answers as they come
    #[arg(long)]
    pub no_refit: bool,
    /// Exam mode: do not correct retention and target by the observed pass rate
    #[arg(long)]
    pub no_calibrate: bool,
    /// Exam mode: introduce new facts earlier for a learner who forgets fast (tried, not
    /// kept by default: see BENCHMARKS.md)
    #[arg(long)]
    pub front_load: bool,
    /// Print the runs as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Only this fact: `FACT-ID` or `DECK-ID/FACT-ID`
    #[arg(long, value_name = "ID")]
    pub fact: Option<String>,
    /// Only questions asked as this kind (shown with what they fall back to): flashcard, reverse,
    /// multiple-choice, true-false, typed, cloze
    #[arg(long, value_name = "KIND", value_parser = question_kind)]
    pub kind: Option<crate::deck::QuestionKind>,
    /// Seed for option order, true/false statements and the distractor set; another seed shows
    /// other distractors
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Options per multiple-choice question
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u8).range(2..=6))]
    pub choices: u8,
    /// Print a JSON array with one object per question instead of text
    #[arg(long)]
    pub json: bool,
}

/// `recall study [PATH...]`: the interactive daily session.
#[derive(Debug, Args)]
#[command(
    after_help = "Keys: 1-9, or arrows and Enter, to answer; u undo the last answer; s skip; \
    q, Esc, Ctrl-C or Ctrl-D stop (every answer is saved as it is given). At a typed answer: \
    :u, :s, :q. After the feedback: b bury the card until tomorrow, x suspend it (the answer is \
    saved as Enter would; u at the next question undoes both).\n\n\
    Well-learnt facts due today (stability 21 days or more) are sometimes asked together as a \
    statement set or matched pairs, as in the exam (at most one per five due reviews; not with \
    --cram or --kinds): options (a)-(d), answered by letter or number; each fact gets its own \
    review where the option shows how you judged it, and is asked again on its own where it \
    does not."
)]
pub struct StudyArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Only this deck (its id; repeatable)
    #[arg(long, value_name = "ID")]
    pub deck: Vec<String>,
    /// Only facts with this topic
    #[arg(long)]
    pub topic: Option<String>,
    /// Only facts with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Introduce at most N new cards in this session (on top of those already introduced today;
    /// overrides the new-per-day setting and the exam pace for this run). A fact met today
    /// gets no other new card until tomorrow
    #[arg(long, value_name = "N")]
    pub new: Option<u32>,
    /// Stop after N answers
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub limit: Option<u32>,
    /// Ask no new question after M minutes
    #[arg(long, value_name = "M", value_parser = at_least_one)]
    pub minutes: Option<u32>,
    /// Ask only these question kinds where a card allows one (comma-separated): flashcard,
    /// reverse, multiple-choice, true-false, typed, cloze. The cards that can be asked so are
    /// the ones asked (reverse: each fact's reverse card); a fact with none keeps its own kinds
    #[arg(long, value_name = "KIND,...", value_delimiter = ',', value_parser = question_kind)]
    pub kinds: Vec<crate::deck::QuestionKind>,
    /// Seed for option order, distractors and true/false statements [default: from the clock]
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Practise the chosen facts now, due or not: answers are recorded (marked as cram) but
    /// schedules do not move
    #[arg(long)]
    pub cram: bool,
    /// Schedule for an exam on this date (YYYY-MM-DD) for every deck studied, instead of the
    /// decks' own `exam` fields: new facts paced to be all introduced a week before, intervals
    /// capped to keep recall on the day at the exam-target setting
    #[arg(long, value_name = "DATE", conflicts_with = "cram", value_parser = date)]
    pub exam: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The deck file to create (ending in .ron; missing folders are created), or a bare name
    /// (`polity`) for NAME.ron in your decks folder [default: ID.ron in your decks folder]
    #[arg(value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pub path: Option<PathBuf>,
    /// The deck's id: lower-case letters, digits, `-`, `_`, `.` [default: from the file name,
    /// or from the title when no PATH is given]
    #[arg(long)]
    pub id: Option<String>,
    /// The deck's title, shown in listings and sessions [default: from the file name]
    #[arg(long, required_unless_present = "path")]
    pub title: Option<String>,
    /// Write the example facts live instead of as comments (to try a session at once)
    #[arg(long)]
    pub examples: bool,
}

/// The fields of a new fact; without a terminal, `--cue` and `--answer` are required.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The deck file to add to, here or in your decks folder (`polity` finds polity.ron there)
    #[arg(value_name = "DECK", value_hint = clap::ValueHint::FilePath)]
    pub deck: PathBuf,
    /// Kind of fact: acronym, term, person, place, date, number, group, agreement,
    /// organization or statement [default: term]
    #[arg(long)]
    pub kind: Option<String>,
    /// What the question is about (the acronym, term, event…)
    #[arg(long)]
    pub cue: Option<String>,
    /// The right answer (for an authored question: the right option's letter, `b`)
    #[arg(long)]
    pub answer: Option<String>,
    /// Adds an authored question instead of a fact: its stem ("Consider the following
    /// statements:", or the whole question); give --option (2 to 5) and --answer LETTER
    #[arg(long, conflicts_with_all = ["cue", "kind", "accept", "cloze"])]
    pub stem: Option<String>,
    /// A statement of an authored question, `1. …` or unnumbered (repeatable, in order)
    #[arg(long, requires = "stem")]
    pub statement: Vec<String>,
    /// A pair of an authored question, `LEFT = RIGHT` (repeatable, in order)
    #[arg(long, requires = "stem", conflicts_with = "statement")]
    pub pair: Vec<String>,
    /// The question after the statements or pairs ("Which of the statements given above are
    /// correct?")
    #[arg(long, requires = "stem")]
    pub ask: Option<String>,
    /// An option of an authored question, without its letter (repeatable, in order)
    #[arg(long = "option", requires = "stem")]
    pub options: Vec<String>,
    /// Adds authored questions on a terminal: a form for each layout (plain, statements,
    /// pairs, Statement-I/II); --topic, --tag, --source and --year fill in every question
    #[arg(long, conflicts_with_all = ["cue", "kind", "accept", "cloze", "explain", "id"])]
    pub question: bool,
    /// The year of the paper an authored question comes from (with --stem or --question)
    #[arg(long)]
    pub year: Option<u16>,
    /// Another accepted answer for typed questions (repeatable)
    #[arg(long)]
    pub accept: Vec<String>,
    /// The fact's topic: stats and mock papers group facts by it (on a terminal, the topic
    /// offered first)
    #[arg(long)]
    pub topic: Option<String>,
    /// A tag (repeatable; commas also separate tags)
    #[arg(long)]
    pub tag: Vec<String>,
    /// Shown after the answer: why it is so
    #[arg(long)]
    pub explain: Option<String>,
    /// Where the fact comes from
    #[arg(long)]
    pub source: Option<String>,
    /// A sentence with `{…}` blanks, each a fill-in question (repeatable)
    #[arg(long)]
    pub cloze: Vec<String>,
    /// The fact's id [default: from the cue, made unique]
    #[arg(long)]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import: .csv, .tsv or .txt (Anki "Notes in Plain Text", Quizlet export), or
    /// an Anki package .apkg/.colpkg (notes, review history and due dates). A CSV/TSV whose
    /// header has `stem` and `options` columns holds authored questions (see decks/README.md)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The id of the new deck [required unless --into]
    #[arg(long = "deck", value_name = "ID")]
    pub deck_id: Option<String>,
    /// Append to this existing deck (here or in your decks folder) instead of writing a new one
    #[arg(long, value_name = "DECK.ron", conflicts_with_all = ["output", "force", "title"], value_hint = clap::ValueHint::FilePath)]
    pub into: Option<PathBuf>,
    /// The kind of every imported fact [default: term]
    #[arg(long)]
    pub kind: Option<String>,
    /// A topic for every imported fact
    #[arg(long)]
    pub topic: Option<String>,
    /// The new deck's title [default: from the file name]
    #[arg(long)]
    pub title: Option<String>,
    /// Replace the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// Where to write the new deck [default: ID.ron in your decks folder]
    #[arg(short, long = "output", value_name = "OUT.ron", value_hint = clap::ValueHint::FilePath)]
    pub output: Option<PathBuf>,
    /// Anki packages: the note field used as the cue [default: the first field]
    #[arg(long, value_name = "NAME")]
    pub cue_field: Option<String>,
    /// Anki packages: the note field used as the answer [default: the second field]
    #[arg(long, value_name = "NAME")]
    pub answer_field: Option<String>,
}

/// `recall config [KEY [VALUE]]`, `recall config --reset KEY`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The setting to show or change; without it, all settings are listed
    #[arg(value_name = "KEY")]
    pub key: Option<String>,
    /// The new value for KEY
    #[arg(value_name = "VALUE", requires = "key")]
    pub value: Option<String>,
    /// Return KEY to its default value
    #[arg(long, value_name = "KEY", conflicts_with_all = ["key", "value"])]
    pub reset: Option<String>,
}

/// `recall exam`: a timed multiple-choice paper.
#[derive(Debug, Args)]
#[command(
    after_help = "An instructions screen comes first: the clock starts on Enter; Esc or q leaves \
    without starting and records nothing. A paper's first-time questions do not use up the day's \
    new cards (`recall config papers-use-new-cards on` counts them). docs/exam.md has more."
)]
pub struct ExamArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Only facts of this deck (repeatable)
    #[arg(long = "deck", value_name = "ID")]
    pub deck: Vec<String>,
    /// Only facts with this topic
    #[arg(long)]
    pub topic: Option<String>,
    /// Only facts with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Questions on the paper
    #[arg(long, value_name = "N", default_value_t = 25, value_parser = clap::value_parser!(u32).range(1..=300))]
    pub questions: u32,
    /// Time allowed in minutes; fractions are allowed (0.5 = 30 seconds)
    #[arg(long, value_name = "M", default_value_t = 30.0, value_parser = minutes)]
    pub minutes: f64,
    /// Marking scheme: `upsc` (+2 right, -2/3 wrong), `none` (+1, 0) or +RIGHT/-WRONG such as
    /// `+1/-0.25` or `+4/-1`; blanks always score 0
    #[arg(long, value_name = "SCHEME", default_value = "upsc", allow_hyphen_values = true)]
    pub marking: String,
    /// Seed of the paper (which facts, option order) [default: from the clock]
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Direct questions only (one fact each): no statement sets or matched pairs
    #[arg(long)]
    pub direct: bool,
}

/// A count that must be at least 1 (`--limit`): said in words, where clap's range said "0 is
/// not in 1..=4294967295".
/// A date as `YYYY-MM-DD`. Written otherwise (`12/01/2027`), say the form rather than the
/// parser's "failed to parse four digit integer as year".
fn date(s: &str) -> Result<jiff::civil::Date, String> {
    let s = s.trim();
    let shaped = s.len() == 10
        && s.bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    match s.parse::<jiff::civil::Date>() {
        Ok(d) => Ok(d),
        Err(e) if shaped => Err(format!("not a date: {e}")),
        Err(_) => Err("expected a date as YYYY-MM-DD, such as 2027-05-24".to_owned()),
    }
}

fn at_least_one(s: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a whole number, at least 1".to_owned()),
    }
}

fn minutes(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(m) if m.is_finite() && m * 60.0 >= 1.0 && m <= 600.0 => Ok(m),
        _ => {
            Err("expected a number of minutes from 1/60 (one second) to 600, e.g. 30 or 0.5"
                .to_owned())
        }
    }
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Only this deck (repeatable)
    #[arg(long = "deck", value_name = "ID")]
    pub deck: Vec<String>,
    /// Only facts of this topic (case ignored)
    #[arg(long, value_name = "T")]
    pub topic: Option<String>,
    /// Exam date for the exam outlook (YYYY-MM-DD) [default: the earliest upcoming `exam` of
    /// the decks]
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub exam: Option<jiff::civil::Date>,
    /// Print one JSON object (schema in docs/json.md) instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Show every question of this session (its id in the list's first column) instead of the
    /// list
    #[arg(value_name = "SESSION-ID")]
    pub session: Option<i64>,
    /// Show only the newest N sessions (at least 1)
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub limit: Option<u32>,
    /// Show only sessions of this mode: study, cram or exam
    #[arg(long, value_name = "MODE")]
    pub mode: Option<crate::stats::SessionMode>,
    /// Print JSON (schema in docs/json.md) instead of a table
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV for spreadsheets (the session list only)
    #[arg(long, conflicts_with = "session")]
    pub csv: bool,
}

/// `recall decks [PATH...]`.
#[derive(Debug, Args)]
pub struct DecksArgs {
    #[command(flatten)]
    pub decks: DeckPaths,
    /// Print a JSON array with one object per deck (schema in docs/json.md) instead of a table
    #[arg(long)]
    pub json: bool,
}

/// The cards `suspend`, `unsuspend`, `bury`, `unbury` and `reset` act on.
#[derive(Debug, Args)]
#[command(after_help = "An ID is FACT or DECK/FACT (every card of the fact: each direction and \
    cloze blank), or FACT/DIRECTION or DECK/FACT/DIRECTION (one card), as `recall find WORD` \
    lists them. Decks are read from your decks folder. docs/study.md has more.")]
pub struct CardsArgs {
    /// The cards: FACT, DECK/FACT, FACT/DIRECTION or DECK/FACT/DIRECTION (repeatable)
    #[arg(value_name = "ID", required_unless_present = "find")]
    pub ids: Vec<String>,
    /// Also every card of the facts whose id, cue or answer contains TEXT (as `recall find
    /// TEXT` lists them)
    #[arg(long, value_name = "TEXT")]
    pub find: Option<String>,
}

/// `recall reset ID... [--delete-history] [--yes]`.
#[derive(Debug, Args)]
#[command(after_help = "A reset card is new again: it comes back with the day's new cards. \
    Its answers stay in your history and statistics (they happened), and the scheduler learns \
    from the answers after the reset only; --delete-history removes them instead. An ID is \
    FACT, DECK/FACT or DECK/FACT/DIRECTION, as `recall find WORD` lists them.")]
pub struct ResetArgs {
    #[command(flatten)]
    pub cards: CardsArgs,
    /// Delete the cards' answers too (they leave history, statistics and optimizing)
    #[arg(long)]
    pub delete_history: bool,
    /// Reset without asking (needed when not on a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

/// `recall sync`.
#[derive(Debug, Args)]
#[command(after_help = "Set up once on each computer with the same REMOTE (any git URL, or a \
    path to a bare repository: `git init --bare /media/usb/recall.git`), or the same folder kept \
    in step by Syncthing or Dropbox; then run `recall sync` after studying. Your answers, \
    sessions, mock papers, undos, resets, settings and fitted parameters travel as a log each \
    computer only appends to; the progress file stays on this computer. Both computers end \
    with the same card states. See docs/sync.md.")]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Set up sync on this computer: with a git remote, or --folder DIR
    Init(SyncInitArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("target").required(true).args(["remote", "folder"]))]
pub struct SyncInitArgs {
    /// A git remote: a URL (git@host:me/recall.git, https://...) or a path to a bare
    /// repository
    #[arg(value_name = "REMOTE")]
    pub remote: Option<String>,
    /// A folder kept in step by Syncthing, Dropbox or similar, instead of git
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub folder: Option<PathBuf>,
}

/// `recall find TEXT`.
#[derive(Debug, Args)]
#[command(after_help = "Each card (a direction or cloze blank of a fact) is a row: the card as \
    `recall suspend`, `bury` and `reset` take it (FACT/DIRECTION; DECK/FACT/DIRECTION when the \
    fact id is in more than one deck), its cue, state, when it is due and its lapses (times a \
    learnt card was forgotten). Exits 1 when nothing matches.")]
pub struct FindArgs {
    /// Words to look for in the facts' ids, cues, answers and accepted answers (case and
    /// accents ignored)
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Print a JSON array with one object per card (schema in docs/json.md) instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `recall completions SHELL`.
#[derive(Debug, Args)]
#[command(after_help = "Install (docs/settings.md has more):\n  \
    bash: echo 'source <(recall completions bash)' >> ~/.bashrc\n  \
    zsh:  echo 'source <(recall completions zsh)' >> ~/.zshrc   (after compinit)\n  \
    fish: recall completions fish > ~/.config/fish/completions/recall.fish\n  \
    PowerShell: add `recall completions powershell | Out-String | Invoke-Expression` to $PROFILE")]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `recall man [--dir DIR]`.
#[derive(Debug, Args)]
#[command(
    after_help = "Install beside the binary, where `man` looks: recall man --dir ~/.cargo/share/man/man1, \
    then `man recall` or `man recall-study`."
)]
pub struct ManArgs {
    /// Write recall.1 and a page per command (recall-study.1, ...) into this folder instead of
    /// printing recall.1
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
}

fn question_kind(s: &str) -> Result<crate::deck::QuestionKind, String> {
    crate::deck::QuestionKind::from_slug(s).ok_or_else(|| {
        let kinds: Vec<&str> = crate::deck::QuestionKind::ALL.iter().map(|k| k.slug()).collect();
        format!("expected one of: {}", kinds.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_date_written_otherwise_is_told_its_form() {
        assert_eq!(date("2027-01-10"), Ok(jiff::civil::date(2027, 1, 10)));
        for wrong in ["12/01/2027", "10 Jan 2027", "2027-1-10"] {
            assert_eq!(
                date(wrong),
                Err("expected a date as YYYY-MM-DD, such as 2027-05-24".to_owned()),
                "{wrong}"
            );
        }
        assert!(date("2027-02-30").is_err_and(|e| e.starts_with("not a date: ")));
        let err = Cli::try_parse_from(["recall", "stats", "--exam", "12/01/2027"]).unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    }

    /// Every command says what it does, and every argument and flag of every command says what
    /// it is for: `recall add --help` once listed `--topic` with no text beside it.
    #[test]
    fn every_command_and_flag_has_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", cmd.get_name()).trim().to_owned();
            if cmd.get_about().is_none() && path != "recall" {
                missing.push(format!("`{path}` has no about text"));
            }
            for arg in cmd.get_arguments() {
                let help = arg.get_help().or(arg.get_long_help()).map(|h| h.to_string());
                if help.is_none_or(|h| h.trim().is_empty()) {
                    missing.push(format!("`{path}` argument `{}` has no help text", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &path, missing);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }
}

/// `recall backup [list | now | restore N|FILE]`.
#[derive(Debug, Args)]
#[command(after_help = "recall backs your progress file up by itself: once a day (the first \
    command of the day that writes), before an import of history and before an upgrade of the \
    file's format. It keeps the 7 newest daily backups and the 5 newest others.")]
pub struct BackupArgs {
    #[command(subcommand)]
    pub action: Option<BackupAction>,
}

#[derive(Debug, Subcommand)]
pub enum BackupAction {
    /// List the backups, newest first, numbered for `restore` (the default)
    List,
    /// Back up the progress file now
    Now,
    /// Put a backup in place of your progress file (no study session or exam may be running);
    /// the current file is kept as a backup first
    Restore {
        /// The backup's number in `recall backup list` (1 is the newest), or a recall progress
        /// file (such as one rescued with sqlite3's `.recover`)
        #[arg(value_name = "N|FILE")]
        which: String,
    },
}
