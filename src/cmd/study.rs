//! `recall study`: the daily session. This file wires the layers: the terminal check, the
//! decks, the store and its lock, today's queue, then [`crate::session::run`] with the
//! terminal prompter, a progress bar and the real clock, and finally the summary.

use std::collections::HashSet;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::Timestamp;

use crate::check;
use crate::cli::{StudyArgs, UsageError};
use crate::context::{Access, Context, Workspace};
use crate::deck::{Fact, Library};
use crate::ids::{CardKey, DeckId, Direction};
use crate::learner::calibrate;
use crate::learner::log::HistoryItems;
use crate::quiz::Pool;
use crate::quiz::composite::Index;
use crate::schedule::{
    CardState, CardStates, DayCounts, ExamDates, Filter, Phase, QueueEntry, QueueInput, Scheduler,
    StudyDay, build_queue_with_exam_dates, preferred_kinds,
};
use crate::session::Prompter;
use crate::session::{self, MonotonicClock, Outlook, Progress, Study, library_cards};
use crate::settings::Settings;
use crate::store::SessionMode;
use crate::text::Palette;
use crate::ui::{self, TerminalPrompter};

/// Said when stdin or stderr is not a terminal (exit 2).
const NOT_INTERACTIVE: &str = "`recall study` is interactive: run it in a terminal.\n\
    In pipes and scripts use `recall check`, `recall preview`, `recall stats`, \
    `recall history` or `recall config`, which print plain text (most have --json).";

pub fn run(ctx: &Context, args: &StudyArgs) -> anyhow::Result<ExitCode> {
    // Before anything else: no deck loading, no store, no prompt without a terminal.
    if !io::stdin().is_terminal() || !crate::out::stderr_is_terminal() {
        return Err(UsageError(NOT_INTERACTIVE.to_owned()).into());
    }
    ui::install_interrupt_guard();

    let library = check::load_decks(ctx, &args.decks)?;
    let filter = filter(args, &library)?;
    // The distractor pool and the statement-set index (CPU only) are built on other cores
    // while the store is read. No sets in cram, nor when `--kinds` asks for particular kinds.
    let sets_wanted = !args.cram && args.kinds.is_empty();
    std::thread::scope(|scope| {
        let pool = scope.spawn(|| Pool::new(&library));
        let index = sets_wanted.then(|| scope.spawn(|| Index::new(&library)));
        study(ctx, args, &library, &filter, pool, index)
    })
}

/// With an exam ahead, the learner's FSRS parameters are refitted to their answers when the
/// history allows and again each time it has grown by half ([`crate::learner::refit`]), said
/// in one line on stderr before the session starts.
fn refit_before_exam(
    ctx: &Context,
    args: &StudyArgs,
    library: &Library,
    ws: &mut Workspace,
) -> anyhow::Result<()> {
    let today = ws.day.today();
    let exams = ExamDates::from_decks(
        library.decks.iter().map(|f| &f.deck),
        ws.settings.exam_target,
        args.exam,
    );
    // The nearest exam ahead sets when the last refit before it comes.
    let Some(exam) = library.decks.iter().filter_map(|f| exams.ahead(&f.deck.id, today)).min()
    else {
        return Ok(());
    };
    use crate::learner::refit;
    let history = refit::history(&ws.store, &ws.settings, &ws.day)?;
    let refit = refit::auto_refit(&mut ws.store, &ws.settings, &ws.day, ctx.now, &history, exam)?;
    if let Some(r) = refit.filter(|r| r.kept) {
        let moved = bring_forward(ws, exams)?;
        let moved = match moved {
            0 => String::new(),
            1 => "; 1 review brought forward for the exam".to_string(),
            n => format!("; {n} reviews brought forward for the exam"),
        };
        note(&format!(
            "exam ahead: refitted your memory model to your {} reviews a day or more \
             apart; {} cards' memory recomputed{moved}",
            r.reviews, r.cards
        ));
    }
    calibrate_for_exam(ws, &history, exam)
}

/// While an exam is ahead, a learner who has passed fewer long-term reviews since the last fit
/// than their memory model predicted gets, for this session, retention and exam target raised
/// by the gap ([`crate::learner::calibrate`], as `recall simulate` does each morning), said in
/// one line. Nothing is saved: the next refit corrects the model itself.
fn calibrate_for_exam(
    ws: &mut Workspace,
    history: &HistoryItems,
    exam: jiff::civil::Date,
) -> anyhow::Result<()> {
    use crate::learner::refit;
    let last_days = refit::last_days_from(&ws.day, exam);
    let Some(check) = refit::calibration(&ws.store, history, last_days)? else {
        return Ok(());
    };
    let settings = &mut ws.settings;
    (settings.desired_retention, settings.exam_target) =
        calibrate::raised(settings.desired_retention, settings.exam_target, check.gap);
    note(&format!(
        "exam ahead: you passed {:.0}% of your last {} reviews where your model predicted \
         {:.0}%; this session plans for {:.0}% retention and {:.0}% on the exam day",
        check.passed * 100.0,
        check.reviews,
        check.predicted * 100.0,
        settings.desired_retention * 100.0,
        settings.exam_target * 100.0
    ));
    Ok(())
}

/// A line before the session on stderr, word-wrapped to the screen: the exam's refit and
/// calibration lines run past 80 columns.
fn note(text: &str) {
    errln!("{}", crate::text::wrap(text, ui::screen_width(), "  ").join("\n"));
}

/// What a session cut off by a crash, a `kill -9` or a closed terminal left, said before the
/// next one, which has just closed it ([`crate::store::Store::close_unfinished_sessions`]);
/// nothing for one cut off before its first answer.
fn cut_off_note(cut: &crate::store::SessionRecord, tz: &jiff::tz::TimeZone) -> Option<String> {
    let answers = match cut.summary.questions {
        0 => return None,
        1 => "its 1 answer is".to_owned(),
        n => format!("its {n} answers are"),
    };
    Some(format!(
        "note: your {} session of {} was cut off before it ended; {answers} saved, and it is \
         closed now (`recall history {}`).",
        cut.mode.name(),
        cut.started.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%d %H:%M"),
        cut.id.0
    ))
}

/// After a refit: the reviews the recomputed memories say are planned too late for the exam
/// target come earlier ([`crate::schedule::Scheduler::exam_due_after_refit`], spread over the
/// least-loaded days); returns how many moved.
fn bring_forward(ws: &mut Workspace, mut exams: ExamDates) -> anyhow::Result<usize> {
    let scheduler = ws.scheduler()?;
    let states = ws.store.card_states()?;
    exams.count_load(&states, &ws.day);
    let mut moves = Vec::new();
    for (key, state) in states.iter() {
        let Ok(key) = key.parse::<CardKey>() else { continue };
        if state.suspended {
            continue;
        }
        if let Some(due) = scheduler.exam_due_after_refit(&key, state, &ws.day, &exams) {
            exams.moved(state.due, Some(due), &ws.day);
            moves.push((key, due));
        }
    }
    Ok(ws.store.set_schedules(&moves, &[])?)
}

/// The session itself, once the decks are loaded; `pool` is being built meanwhile.
fn study<'f>(
    ctx: &Context,
    args: &StudyArgs,
    library: &'f Library,
    filter: &Filter,
    pool: std::thread::ScopedJoinHandle<'_, Pool<'f>>,
    index: Option<std::thread::ScopedJoinHandle<'_, Index<'f>>>,
) -> anyhow::Result<ExitCode> {
    let mut ws = ctx.open_workspace(Access::Session)?;
    for cut in ws.store.close_unfinished_sessions()? {
        if let Some(text) = cut_off_note(&cut, &ctx.tz) {
            note(&text);
        }
    }
    let done = ws.store.day_counts(&ws.day)?;
    if let Some(n) = args.new {
        ws.settings.new_per_day = done.new_cards_used(&ws.settings).saturating_add(n);
    }
    if !args.cram {
        refit_before_exam(ctx, args, library, &mut ws)?;
    }
    let scheduler = ws.scheduler()?;
    let Workspace { mut store, settings, day, lock: _lock } = ws;
    let states = store.card_states()?;
    let cards = library_cards(library);
    // The cards this run may ask: those chosen by the filters, and with `--kinds` those that
    // can be asked so (a fact's reverse card for `reverse`); none that can is a usage error.
    let in_scope: Vec<(CardKey, &Fact)> = cards
        .iter()
        .filter(|(key, fact)| filter.matches(key, fact))
        .filter(|(key, _)| !states.get(key).is_some_and(|s| s.suspended))
        .cloned()
        .collect();
    let (asked, any_fits) = session::cards_for_kinds(&in_scope, &args.kinds);
    if !args.kinds.is_empty() && !any_fits && !in_scope.is_empty() {
        return Err(UsageError(no_card_fits(&args.kinds)).into());
    }
    // Exam dates: `--exam` for every deck, else each deck's own `exam` field. Cram moves no
    // schedule, so it has none.
    let mut exams = if args.cram {
        ExamDates::none()
    } else {
        ExamDates::from_decks(
            library.decks.iter().map(|f| &f.deck),
            settings.exam_target,
            args.exam,
        )
    };
    exams.count_load(&states, &day);
    let queue = if args.cram {
        cram_queue(&asked, &states, &scheduler, &day, &settings, filter)
    } else {
        // `--new N` asks for N new cards now: it overrides the exam pace as it does the limit.
        let pace = if args.new.is_some() { ExamDates::none() } else { exams.clone() };
        let input = QueueInput {
            cards: &asked,
            states: &states,
            scheduler: &scheduler,
            day: &day,
            settings: &settings,
            filter,
            done: &done,
        };
        build_queue_with_exam_dates(&input, &pace)
    };
    let decks: Vec<DeckId> = if filter.decks.is_empty() {
        library.decks.iter().map(|d| d.deck.id.clone()).collect()
    } else {
        filter.decks.clone()
    };
    let exam_note = session::render::exam_note(&exams, &decks, day.today());
    // Everything a session shows goes to stderr (the terminal), so colour follows it.
    let palette = ctx.colors.stderr;
    let mut prompter = TerminalPrompter::new(palette);
    // Learning cards due later today (beyond the learn-ahead window) cannot be asked yet.
    let horizon = ctx.now.checked_add(duration(session::LEARN_AHEAD)).unwrap_or(ctx.now);
    let askable = |e: &QueueEntry<'_>| {
        states.get(&e.key).is_none_or(|s| {
            !matches!(s.phase, Phase::Learning | Phase::Relearning)
                || s.due.is_none_or(|d| d <= horizon)
        })
    };
    if args.cram && queue.is_empty() || !args.cram && !queue.iter().any(askable) {
        let limit_reached = done.answers >= settings.reviews_per_day;
        let paced =
            args.new.is_none() && decks.iter().any(|d| exams.ahead(d, day.today()).is_some());
        let why = Why { cram: args.cram, limit_reached, paced };
        let held = Held { done: &done, again: &again_with_more_new(args) };
        prompter.show(&nothing_to_do(&asked, &states, filter, &day, why, &held, palette))?;
        return Ok(ExitCode::SUCCESS);
    }

    let mode = if args.cram { SessionMode::Cram } else { SessionMode::Study };
    let pool = pool.join().map_err(|_| anyhow::anyhow!("building the questions failed"))?;
    // The default seed comes from the clock (read once, at the edge): a new set of options
    // each session, reproducible under `RECALL_NOW`.
    let seed = args.seed.unwrap_or(ctx.now.as_nanosecond() as u64);
    prompter.show(&header(&queue, library, filter, mode, palette))?;
    if let Some(note) = exam_note {
        prompter.show(&palette.dim(note).to_string())?;
    }
    // Statement sets and pairs of well-learnt due facts (never in cram, nor when `--kinds`
    // asks for particular kinds).
    let sets = match index {
        None => Vec::new(),
        Some(index) => {
            let index =
                index.join().map_err(|_| anyhow::anyhow!("building the statement sets failed"))?;
            session::sets::choose(&queue, &states, &index, seed)
        }
    };
    let session_id = store.start_session(mode, &decks, ctx.now)?;
    let study = Study {
        library,
        pool: &pool,
        scheduler: &scheduler,
        settings: &settings,
        tz: ctx.tz.clone(),
        now: ctx.now,
        session: session_id,
        mode,
        queue,
        sets,
        force_kinds: args.kinds.clone(),
        seed,
        limit: args.limit.map(|n| n as usize),
        minutes: args.minutes,
        width: ui::screen_width(),
        palette,
        exams,
    };
    let clock = MonotonicClock::start();
    let report = session::run(&study, &mut store, &mut prompter, &clock, &mut Bar)?;
    store.finish_session(session_id, &report.summary(ctx.now))?;
    let end = ctx.now.checked_add(duration(report.elapsed)).unwrap_or(ctx.now);
    let outlook = Outlook::read(&store, &cards, end, &ctx.tz, settings.rollover_hour)?;
    prompter.show("")?;
    prompter.show(&session::render::summary(&report, &outlook, study.width, palette))?;
    Ok(ExitCode::SUCCESS)
}

fn duration(d: Duration) -> jiff::SignedDuration {
    jiff::SignedDuration::try_from(d).unwrap_or_default()
}

/// The filters of the command line; one that matches nothing is a usage error, said as
/// `exam` and `stats` say it ([`Filter::from_flags`]), not an empty day.
fn filter(args: &StudyArgs, library: &Library) -> anyhow::Result<Filter> {
    let filter =
        Filter::from_flags(library, &args.deck, args.topic.as_deref(), args.tag.as_deref())
            .map_err(|e| UsageError(e.to_string()))?;
    Ok(Filter { force_kinds: args.kinds.clone(), ..filter })
}

/// Said when no card chosen can be asked in any of the `--kinds` given.
fn no_card_fits(kinds: &[crate::deck::QuestionKind]) -> String {
    let names: Vec<&str> = kinds.iter().map(|k| k.slug()).collect();
    let first = names.first().copied().unwrap_or("reverse");
    format!(
        "no card chosen can be asked as {}: `recall preview --kind {first}` shows the cards that \
         can (a fact has a reverse card unless it skips Reverse; statements and numbers only \
         with a `reverse` field). Without --kinds, cards are asked in their own kinds.",
        names.join(" or ")
    )
}

/// `--cram`: every chosen card, due or not, forward cards first then the other directions
/// (so a fact's siblings are apart), in deck order.
fn cram_queue<'f>(
    cards: &[(CardKey, &'f Fact)],
    states: &CardStates,
    scheduler: &Scheduler,
    day: &StudyDay,
    settings: &Settings,
    filter: &Filter,
) -> Vec<QueueEntry<'f>> {
    let new = CardState::default();
    let mut chosen: Vec<&(CardKey, &'f Fact)> = cards
        .iter()
        .filter(|(key, fact)| filter.matches(key, fact))
        .filter(|(key, _)| !states.get(key).is_some_and(|s| s.is_held(day.now())))
        .collect();
    chosen.sort_by_key(|(key, _)| !matches!(key.direction, Direction::Forward));
    chosen
        .into_iter()
        .map(|(key, fact)| {
            let state = states.get(key).unwrap_or(&new);
            QueueEntry {
                key: key.clone(),
                fact,
                is_new: state.is_new(),
                retrievability: scheduler.retrievability(state, day.now()),
                kinds: if filter.force_kinds.is_empty() {
                    preferred_kinds(state.stability(), settings).to_vec()
                } else {
                    filter.force_kinds.clone()
                },
            }
        })
        .collect()
}

/// The line above the first question.
fn header(
    queue: &[QueueEntry<'_>],
    library: &Library,
    filter: &Filter,
    mode: SessionMode,
    palette: Palette,
) -> String {
    let new = queue.iter().filter(|e| e.is_new).count();
    let due = queue.len() - new;
    let what = if library.decks.len() == 1 {
        crate::text::printable(&library.decks[0].deck.title).into_owned()
    } else if filter.decks.len() == 1 {
        filter.decks[0].to_string()
    } else {
        format!("{} decks", library.decks.len())
    };
    let counts = if mode == SessionMode::Cram {
        format!("cram, {} cards (schedules unchanged)", queue.len())
    } else {
        format!("{due} due, {new} new")
    };
    format!("{} {}", palette.bold(what), palette.dim(format!("· {counts}")))
}

/// Why a run may have nothing to ask.
#[derive(Clone, Copy, Debug)]
struct Why {
    cram: bool,
    /// Today's review limit is used up.
    limit_reached: bool,
    /// New facts are paced for an exam ahead (and `--new` did not override the pace).
    paced: bool,
}

/// What holds new cards back, for [`nothing_to_do`]: today's counts (which facts were first
/// met today) and the command that would learn more now.
struct Held<'a> {
    done: &'a DayCounts,
    /// This run's command with `--new 10` (see [`again_with_more_new`]).
    again: &'a str,
}

/// This run again with `--new 10`: the same decks and filters, so the command suggested
/// studies what this one would have (`recall study --new 10` alone would open another
/// library).
fn again_with_more_new(args: &StudyArgs) -> String {
    let mut words = vec!["recall".to_owned(), "study".to_owned()];
    words.extend(args.decks.paths.iter().map(|p| shell_word(&p.to_string_lossy())));
    for deck in &args.deck {
        words.extend(["--deck".to_owned(), shell_word(deck)]);
    }
    if let Some(topic) = &args.topic {
        words.extend(["--topic".to_owned(), shell_word(topic)]);
    }
    if let Some(tag) = &args.tag {
        words.extend(["--tag".to_owned(), shell_word(tag)]);
    }
    if !args.kinds.is_empty() {
        let kinds: Vec<&str> = args.kinds.iter().map(|k| k.slug()).collect();
        words.extend(["--kinds".to_owned(), kinds.join(",")]);
    }
    if let Some(exam) = args.exam {
        words.extend(["--exam".to_owned(), exam.to_string()]);
    }
    words.extend(["--new".to_owned(), "10".to_owned()]);
    words.join(" ")
}

/// `word` as a POSIX shell reads it back: as is when it is plain, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./,:=+@%".contains(c));
    if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', r"'\''")) }
}

/// Nothing to ask: say so kindly, with when the next card is due, and why new cards wait.
///
/// New cards wait for one of two reasons, said apart because only one has a cure today: the
/// day's new-card limit (or the exam pace), which `--new` lifts for a run, and a fact met
/// today, whose other cards (reverse, cloze blanks) are introduced on later days so one fact
/// is not asked twice in a row; `--new` cannot change that, so no command is suggested for
/// it. (The hint used to blame the limit for both and suggest `--new 10`, which then said
/// the same.)
fn nothing_to_do(
    cards: &[(CardKey, &Fact)],
    states: &CardStates,
    filter: &Filter,
    day: &StudyDay,
    why: Why,
    held: &Held<'_>,
    palette: Palette,
) -> String {
    let Why { cram, limit_reached, paced } = why;
    let chosen = cards.iter().filter(|(k, f)| filter.matches(k, f));
    if cram {
        return "No cards match these filters: nothing to cram.".to_owned();
    }
    let met_today: HashSet<(&DeckId, &crate::ids::FactId)> =
        held.done.met_today().map(|(d, f)| (d, f)).collect();
    let mut next: Option<Timestamp> = None;
    let mut unseen = 0usize;
    let mut siblings = 0usize;
    for (key, _) in chosen {
        match states.get(key) {
            // Put aside: a buried new card is not one that waits for the new-card limit.
            Some(s) if s.suspended || (s.is_new() && s.is_buried(day.now())) => {}
            Some(s) if !s.is_new() => {
                if let Some(due) = s.next_due() {
                    next = Some(next.map_or(due, |n| n.min(due)));
                }
            }
            _ if met_today.contains(&(&key.deck, &key.fact)) => siblings += 1,
            _ => unseen += 1,
        }
    }
    if limit_reached {
        return format!(
            "{} Today's review limit is reached: the rest waits for tomorrow.\n\
             (`recall config reviews-per-day` changes the limit.)",
            palette.mark_right()
        );
    }
    let mut out =
        format!("{} Nothing to study right now: you are up to date.", palette.mark_right());
    match next {
        Some(due) => {
            let local = due.to_zoned_datetime(day.tz().clone());
            let when = if day.day_of(due) <= day.today() {
                format!("today at {}", local.strftime("%H:%M"))
            } else if day.day_of(due) == day.today().tomorrow().unwrap_or(day.today()) {
                format!("tomorrow at {}", local.strftime("%H:%M"))
            } else {
                local.strftime("%a %-d %b at %H:%M").to_string()
            };
            out.push_str(&format!("\nNext review: {when} ({}).", in_time(day.now(), due)));
        }
        None if unseen == 0 && siblings == 0 => {
            out.push_str("\nThese decks have no cards yet: add facts with `recall add`.")
        }
        None => {}
    }
    let cards_wait = |n: usize| {
        format!(
            "{n} new card{} wait{}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" }
        )
    };
    if unseen > 0 {
        let reason = if paced {
            "today's share of new facts for the exam is done"
        } else {
            "today's new-card limit is reached"
        };
        out.push_str(&format!(
            "\n{}: {reason}. `{}` learns more now.",
            cards_wait(unseen),
            held.again
        ));
    }
    if siblings > 0 {
        let (they, cards) = if siblings == 1 { ("it is", "card") } else { ("they are", "cards") };
        out.push_str(&format!(
            "\n{} for tomorrow: {they} the other {cards} (reverse, cloze) of facts that had a \
             new card today, and a fact's cards are introduced on different days.",
            cards_wait(siblings)
        ));
    }
    out
}

/// `in 5h`, `in 3 days`.
fn in_time(now: Timestamp, due: Timestamp) -> String {
    let secs = (due.as_second() - now.as_second()).max(0);
    match secs {
        0..3600 => format!("in {} min", secs / 60 + 1),
        3600..86_400 => format!("in {}h", (secs + 1800) / 3600),
        _ => {
            let days = (secs + 43_200) / 86_400;
            format!("in {days} day{}", if days == 1 { "" } else { "s" })
        }
    }
}

/// The session bar: drawn once above each question (done/total, elapsed, right so far) and
/// left in place, never redrawn under a prompt, so it cannot garble one.
struct Bar;

impl Progress for Bar {
    fn update(&mut self, done: usize, total: usize, right: u32, elapsed: Duration) {
        let style =
            ProgressStyle::with_template("{wide_bar:.cyan/blue} {pos}/{len} · {elapsed} · {msg}")
                .map(|s| s.progress_chars("━╸─"));
        let Ok(style) = style else { return };
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
            .with_style(style)
            .with_position(done as u64)
            .with_elapsed(elapsed)
            .with_message(format!("{right} right"));
        bar.abandon();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    #[test]
    fn nothing_to_do_says_why_new_facts_wait() {
        let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/study/basics.ron");
        let library = crate::deck::load_paths(&[path]).library;
        let cards = library_cards(&library);
        let day = StudyDay::new("2026-11-30T09:00:00Z".parse().unwrap(), TimeZone::UTC, 4);
        let states = CardStates::default();
        let done = DayCounts::default();
        let held = Held { done: &done, again: "recall study basics.ron --new 10" };
        let why = Why { cram: false, limit_reached: false, paced: true };
        let say = |why, held: &Held<'_>| {
            nothing_to_do(&cards, &states, &Filter::default(), &day, why, held, Palette::PLAIN)
        };
        let text = say(why, &held);
        assert!(
            text.contains(
                "7 new cards wait: today's share of new facts for the exam is done. \
                 `recall study basics.ron --new 10` learns more now."
            ),
            "{text}"
        );
        let why = Why { paced: false, ..why };
        let text = say(why, &held);
        assert!(text.contains("7 new cards wait: today's new-card limit is reached."), "{text}");
        // Facts first met today hold their other cards back: said as such, with no command
        // (`--new` would not bring them in).
        let deck = DeckId::new("study-basics").unwrap();
        let done = DayCounts {
            new_facts: cards.iter().map(|(k, _)| (deck.clone(), k.fact.clone())).collect(),
            ..DayCounts::default()
        };
        let text = say(why, &Held { done: &done, ..held });
        assert!(
            text.contains(
                "7 new cards wait for tomorrow: they are the other cards (reverse, cloze) of \
                 facts that had a new card today"
            ),
            "{text}"
        );
        assert!(!text.contains("--new"), "{text}");
    }

    #[test]
    fn the_command_suggested_is_this_run_with_more_new_cards() {
        use clap::Parser;
        let cli = crate::cli::Cli::try_parse_from([
            "recall",
            "study",
            "decks/polity.ron",
            "--topic",
            "fundamental rights",
            "--kinds",
            "reverse",
            "--new",
            "0",
        ])
        .unwrap();
        let crate::cli::Command::Study(args) = cli.command else { panic!("not study") };
        assert_eq!(
            again_with_more_new(&args),
            "recall study decks/polity.ron --topic 'fundamental rights' --kinds reverse --new 10"
        );
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
