//! `recall exam`: a timed mock paper under exam conditions, marked with negative marking.
//!
//! The flow: check the terminal and the arguments; load the decks; take the session lock; offer
//! any paper cut off by a crash for submission or abandonment; assemble the paper
//! ([`paper::assemble`]); save it ([`Store::start_exam`]); sit it on the [`ExamScreen`] (every
//! answer and mark saved as given); then mark it, feed each answered question to the scheduler
//! as a review (right → Good, wrong → Again, blank → no review; a deck with an exam date ahead
//! is scheduled for it, as in `recall study`) and close the session in one transaction
//! ([`Store::close_exam`]); and print the result.

use std::io::{self, IsTerminal, Write as _};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use rand::SeedableRng;

use crate::check;
use crate::cli::{ExamArgs, UsageError};
use crate::context::{Access, Context, Workspace};
use crate::deck::{Deck, Fact, QuestionKind};
use crate::ids::{CardKey, DeckId, Direction};
use crate::paper::{self, Candidate, End, Marked, Marking, PaperQuestion, Sitting, Verdict};
use crate::quiz::Pool;
use crate::schedule::{ExamDates, Filter, Grade, Outcome, Scheduler, StudyDay};
use crate::stats::ExamStatus;
use crate::store::{Answer, ExamRow, SessionId, SessionRecord, SessionSummary, Store};
use crate::ui::{self, Prompter, Reply, TerminalPrompter, paper::ExamScreen};

pub fn run(ctx: &Context, args: &ExamArgs) -> anyhow::Result<ExitCode> {
    let marking = Marking::parse(&args.marking).map_err(|e| UsageError(e.to_string()))?;
    let decks: Vec<DeckId> = args
        .deck
        .iter()
        .map(|d| DeckId::new(d.as_str()).map_err(|_| UsageError(format!("`{d}` is not a deck id"))))
        .collect::<Result<_, _>>()?;
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Err(UsageError(
            "recall exam is interactive and needs a terminal (stdin and stderr are not one); run it in a terminal window".to_owned(),
        )
        .into());
    }
    let library = check::load_decks(&args.decks)?;
    for deck in &decks {
        if library.deck(deck).is_none() {
            let known: Vec<&str> = library.decks.iter().map(|d| d.deck.id.as_str()).collect();
            return Err(UsageError(format!(
                "no deck `{deck}` among the decks loaded (known: {})",
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            ))
            .into());
        }
    }
    let filter = Filter {
        decks: decks.clone(),
        topic: args.topic.clone(),
        tag: args.tag.clone(),
        force_kinds: Vec::new(),
    };

    let ws = ctx.open_workspace(Access::Session)?;
    ui::install_interrupt_guard();
    let scheduler = ws.scheduler()?;
    let Workspace { mut store, settings, day, lock: _lock } = ws;
    // Decks with an exam date: answers move their cards as a study session would.
    let mut exams =
        ExamDates::from_decks(library.decks.iter().map(|f| &f.deck), settings.exam_target, None);
    if library.decks.iter().any(|f| f.deck.exam.is_some()) {
        exams.count_load(&store.card_states()?, &day);
    }
    let env = Env { ctx, scheduler: &scheduler, rollover: settings.rollover_hour, exams: &exams };

    // A paper cut off by a crash: offered before a new one starts.
    let cut_off = store.unfinished_exams()?;
    if !cut_off.is_empty() {
        let mut prompter = TerminalPrompter::new();
        for record in &cut_off {
            if !recover(&env, &mut store, &mut prompter, record)? {
                return Ok(ExitCode::SUCCESS);
            }
        }
        let items = vec!["Start the new paper".to_owned(), "Not now".to_owned()];
        match prompter.select("Start the new paper now?", &items, 0, &[])? {
            Reply::Answer(0) => {}
            _ => return Ok(ExitCode::SUCCESS),
        }
    }

    // The clock's seconds as a seed: a new paper each time unless `--seed` is given.
    let seed = args.seed.unwrap_or(ctx.now.as_second().unsigned_abs());
    let paper = set_paper(&env, &store, &library, &filter, args.questions, seed)?;

    let limit = (args.minutes * 60.0).round().max(1.0) as u64;
    let max = marking.right.times(args.questions);
    let deck_ids = {
        let mut ids: Vec<DeckId> = Vec::new();
        for q in &paper {
            if let Ok(key) = q.card.parse::<CardKey>()
                && !ids.contains(&key.deck)
            {
                ids.push(key.deck);
            }
        }
        ids
    };
    let extra = serde_json::json!({
        "status": "running",
        "scheme": marking.name,
        "marking": marking.label(),
        "limit_seconds": limit,
        "seed": seed,
        "max_score": max.to_f64(),
    });
    let rows = paper
        .iter()
        .enumerate()
        .map(|(i, q)| {
            Ok(ExamRow {
                position: u32::try_from(i).unwrap_or(u32::MAX),
                card: q.card.clone(),
                fact: q.card.rsplit_once('/').map_or(q.card.as_str(), |(f, _)| f).to_owned(),
                question: serde_json::to_value(q)?,
                chosen: None,
                marked: false,
                answered_at: None,
            })
        })
        .collect::<Result<Vec<_>, serde_json::Error>>()?;
    let session = store.start_exam(&deck_ids, ctx.now, &extra, &rows)?;

    // The sitting.
    let mut sitting = Sitting::new(paper.iter().map(|q| q.options.len()).collect(), limit);
    let mut screen = ExamScreen::new();
    let clock = Instant::now();
    let end = screen.sit(&paper, &mut sitting, clock, |change, seconds| {
        store
            .save_exam_answer(
                session,
                u32::try_from(change.position).unwrap_or(u32::MAX),
                change.chosen.and_then(|c| u32::try_from(c).ok()),
                change.marked,
                ctx.now + jiff::SignedDuration::from_secs(i64::try_from(seconds).unwrap_or(0)),
            )
            .map_err(io::Error::other)
    })?;
    let used = clock.elapsed().as_secs().min(limit);
    let ended = ctx.now + jiff::SignedDuration::from_secs(i64::try_from(used).unwrap_or(0));
    let paper_info = Paper { session, ended, used, limit, seed, marking: &marking };
    if end == End::Abandoned {
        abandon(&mut store, &paper_info, &paper, sitting.answers())?;
        screen.leave()?;
        println!(
            "Paper abandoned: {} of {} answered, not marked, no reviews. `recall history --mode exam` lists it as abandoned.",
            sitting.answered(),
            paper.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let marked = submit(&env, &mut store, &paper_info, &paper, sitting.answers(), end)?;
    if end == End::TimedOut {
        screen.wait_key(&format!(
            "\r\n⏱ Time is up: the paper was submitted with {} of {} answered.\r\nPress any key to see your result.",
            sitting.answered(),
            paper.len()
        ))?;
    }
    screen.leave()?;
    print_result(&store, &paper_info, &paper, sitting.answers(), &marked, end)?;
    Ok(ExitCode::SUCCESS)
}

/// Sets the paper: `questions` four-option questions from the facts `filter` lets through,
/// weighted by predicted recall now and topic coverage. Too few usable facts is a usage
/// error naming the most the decks allow.
fn set_paper(
    env: &Env<'_>,
    store: &Store,
    library: &crate::deck::Library,
    filter: &Filter,
    questions: u32,
    seed: u64,
) -> anyhow::Result<Vec<PaperQuestion>> {
    let states = store.card_states()?;
    let facts: Vec<(&Deck, &Fact)> = library
        .facts()
        .filter(|(d, f)| {
            filter.matches(&CardKey::new(d.id.clone(), f.id.clone(), Direction::Forward), f)
        })
        .collect();
    if facts.is_empty() {
        return Err(
            UsageError("no facts match the decks, --deck, --topic and --tag given".into()).into()
        );
    }
    let candidates: Vec<Candidate> = facts
        .iter()
        .map(|(d, f)| {
            let key = CardKey::new(d.id.clone(), f.id.clone(), Direction::Forward);
            Candidate {
                topic: f.topic.clone(),
                recall: states
                    .get(&key)
                    .and_then(|s| env.scheduler.retrievability(s, env.ctx.now))
                    .map(f64::from),
            }
        })
        .collect();
    let pool = Pool::new(library);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let wanted = usize::try_from(questions).unwrap_or(usize::MAX);
    let paper = paper::assemble(&candidates, wanted, &mut rng, |i| {
        let (deck, fact) = facts[i];
        paper::question_for(&pool, deck, fact, seed)
    })
    .map_err(|e| UsageError(e.to_string()))?;
    Ok(paper)
}

/// What the marking steps share.
struct Env<'a> {
    ctx: &'a Context,
    scheduler: &'a Scheduler,
    rollover: u8,
    /// The decks' exam dates and the review load per day, for the reviews a paper records.
    exams: &'a ExamDates,
}

/// One paper's facts for marking and storing.
struct Paper<'a> {
    session: SessionId,
    ended: jiff::Timestamp,
    /// Seconds used.
    used: u64,
    limit: u64,
    seed: u64,
    marking: &'a Marking,
}

/// Marks the paper, records a review per answered question and closes the session, in one
/// transaction.
fn submit(
    env: &Env<'_>,
    store: &mut Store,
    paper: &Paper<'_>,
    questions: &[PaperQuestion],
    answers: &[Option<usize>],
    end: End,
) -> anyhow::Result<Marked> {
    let marked = paper::mark(questions, answers, paper.marking);
    let day = StudyDay::new(paper.ended, env.ctx.tz.clone(), env.rollover);
    let mut reviewed = Vec::new();
    let mut exams = env.exams.clone();
    for ((q, answer), verdict) in questions.iter().zip(answers).zip(&marked.verdicts) {
        let Some(chosen) = answer else { continue };
        let key: CardKey =
            q.card.parse().with_context(|| format!("exam question with card `{}`", q.card))?;
        let before = store.card_state(&key)?.unwrap_or_default();
        let right = *verdict == Verdict::Right;
        let grade = if right { Grade::Good } else { Grade::Again };
        let next = env.scheduler.next_states_with_exam_dates(&key, &before, &day, &exams)?;
        let after = next.get(grade).state.clone();
        exams.moved(before.due, after.due, &day);
        let response = q.options.get(*chosen).cloned().unwrap_or_default();
        let kind = QuestionKind::from_slug(&q.kind).unwrap_or(QuestionKind::MultipleChoice);
        reviewed.push((key, after, response, right, grade, kind));
    }
    let reviews: Vec<Answer<'_>> = reviewed
        .iter()
        .map(|(key, after, response, right, grade, kind)| Answer {
            card: key,
            session: Some(paper.session),
            time: paper.ended,
            kind: *kind,
            response,
            correct: *right,
            outcome: if *right { Outcome::Correct } else { Outcome::Wrong },
            grade: *grade,
            duration_ms: 0,
            after,
            cram: false,
        })
        .collect();
    let t = &marked.total;
    let summary = SessionSummary {
        ended: Some(paper.ended),
        questions: t.questions,
        right: t.right,
        wrong: t.wrong,
        score: Some(t.score.to_f64()),
        extra: Some(serde_json::json!({
            "status": end.name(),
            "scheme": paper.marking.name,
            "marking": paper.marking.label(),
            "unanswered": t.unanswered,
            "score": t.score.to_f64(),
            "score_exact": format!("{}/{}", t.score.numerator(), t.score.denominator()),
            "lost": t.lost.to_f64(),
            "max_score": t.max.to_f64(),
            "duration_seconds": paper.used,
            "limit_seconds": paper.limit,
            "seed": paper.seed,
        })),
    };
    store.close_exam(paper.session, &reviews, &summary)?;
    Ok(marked)
}

/// Closes the paper as abandoned: no marks, no reviews; the answers stay in `exam_answers`.
/// Its status tells history to show no score or percentage for it (rather than 0 %).
fn abandon(
    store: &mut Store,
    paper: &Paper<'_>,
    questions: &[PaperQuestion],
    answers: &[Option<usize>],
) -> anyhow::Result<()> {
    let answered = answers.iter().filter(|a| a.is_some()).count();
    let summary = SessionSummary {
        ended: Some(paper.ended),
        questions: u32::try_from(questions.len()).unwrap_or(u32::MAX),
        right: 0,
        wrong: 0,
        score: None,
        extra: Some(serde_json::json!({
            "status": End::Abandoned.name(),
            "scheme": paper.marking.name,
            "marking": paper.marking.label(),
            "answered": answered,
            "unanswered": questions.len() - answered,
            "max_score": paper.marking.right.times(u32::try_from(questions.len()).unwrap_or(u32::MAX)).to_f64(),
            "duration_seconds": paper.used,
            "limit_seconds": paper.limit,
            "seed": paper.seed,
        })),
    };
    store.close_exam(paper.session, &[], &summary)?;
    Ok(())
}

/// Offers a paper cut off by a crash for submission or abandonment. Returns false if the
/// learner chose neither (the paper stays for next time and recall stops).
fn recover(
    env: &Env<'_>,
    store: &mut Store,
    prompter: &mut TerminalPrompter,
    record: &SessionRecord,
) -> anyhow::Result<bool> {
    let rows = store.exam_rows(record.id)?;
    let questions: Vec<PaperQuestion> = rows
        .iter()
        .map(|r| serde_json::from_value(r.question.clone()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading the questions of the cut-off paper {}", record.id.0))?;
    // The saved answers, as the sitting would have them (out-of-range choices dropped).
    let sitting = Sitting::new(questions.iter().map(|q| q.options.len()).collect(), 0).resume(
        rows.iter().map(|r| paper::Change {
            position: r.position as usize,
            chosen: r.chosen.map(|c| c as usize),
            marked: r.marked,
        }),
    );
    let answers = sitting.answers().to_vec();
    let extra = record.summary.extra.clone().unwrap_or_default();
    let marking = extra
        .get("scheme")
        .and_then(|s| s.as_str())
        .and_then(|s| Marking::parse(s).ok())
        .unwrap_or_else(Marking::upsc);
    let limit = extra.get("limit_seconds").and_then(|v| v.as_u64()).unwrap_or(0);
    // The paper ended, as far as anyone can tell, at its last saved answer.
    let ended = rows.iter().filter_map(|r| r.answered_at).max().unwrap_or(record.started);
    let used = u64::try_from(ended.as_second() - record.started.as_second()).unwrap_or(0);
    let answered = answers.iter().filter(|a| a.is_some()).count();
    let local = record.started.to_zoned_datetime(env.ctx.tz.clone());
    prompter.show(&format!(
        "A paper started {} was cut off before it was submitted: {answered} of {} answered.",
        local.strftime("%Y-%m-%d %H:%M"),
        questions.len()
    ))?;
    let items = vec![
        "Submit it: mark the answers saved".to_owned(),
        "Abandon it: no marks, no reviews".to_owned(),
    ];
    let paper = Paper {
        session: record.id,
        ended,
        used,
        limit,
        seed: extra.get("seed").and_then(|v| v.as_u64()).unwrap_or(0),
        marking: &marking,
    };
    match prompter.select("What should happen to it?", &items, 0, &[])? {
        Reply::Answer(0) => {
            let marked = submit(env, store, &paper, &questions, &answers, End::Submitted)?;
            print_result(store, &paper, &questions, &answers, &marked, End::Submitted)?;
            Ok(true)
        }
        Reply::Answer(_) => {
            abandon(store, &paper, &questions, &answers)?;
            prompter.show("The cut-off paper was recorded as abandoned.")?;
            Ok(true)
        }
        _ => {
            prompter.show("Left as it is; it will be offered again next time.")?;
            Ok(false)
        }
    }
}

/// `5.33`, with a sign when asked.
/// Prints the result (see [`paper::render::result`]), compared with the earlier marked papers.
fn print_result(
    store: &Store,
    paper: &Paper<'_>,
    questions: &[PaperQuestion],
    answers: &[Option<usize>],
    marked: &Marked,
    end: End,
) -> anyhow::Result<()> {
    // Earlier papers' score percents, oldest first; unmarked (abandoned, open) ones left out.
    let earlier: Vec<f64> = store
        .closed_exams()?
        .iter()
        .filter(|r| r.id != paper.session)
        .map(|r| r.to_session_fact())
        .filter(|f| f.status.is_some_and(ExamStatus::is_marked) && f.max_score > 0.0)
        .map(|f| f.score / f.max_score * 100.0)
        .collect();
    let text = paper::render::result(&paper::render::ResultView {
        marking: paper.marking,
        used: paper.used,
        limit: paper.limit,
        end,
        questions,
        answers,
        marked,
        earlier: &earlier,
        width: ui::width().min(100),
    });
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
