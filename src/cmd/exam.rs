//! `recall exam`: a timed mock paper under exam conditions, marked with negative marking.
//!
//! The flow lives in [`crate::paper::flow`]; this file checks the terminal and the arguments,
//! loads the decks, opens the store under the session lock, and hands the paper to the flow
//! with the terminal's desk: papers cut off by a crash are offered first, then a new paper is
//! set, sat, marked and shown.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use crate::check;
use crate::cli::{ExamArgs, UsageError};
use crate::context::{Access, Context, Workspace};
use crate::paper::Marking;
use crate::paper::flow::{self, PaperError, Scheduling, Terms};
use crate::schedule::Filter;
use crate::ui::{self, paper::TerminalDesk};

pub fn run(ctx: &Context, args: &ExamArgs) -> anyhow::Result<ExitCode> {
    let marking = Marking::parse(&args.marking).map_err(|e| UsageError(e.to_string()))?;
    if !io::stdin().is_terminal() || !crate::out::stderr_is_terminal() {
        return Err(UsageError(
            "recall exam is interactive and needs a terminal (stdin and stderr are not one); run it in a terminal window".to_owned(),
        )
        .into());
    }
    let library = check::load_decks(ctx, &args.decks)?;
    // One that matches nothing is a usage error, said as `study` and `stats` say it.
    let filter =
        Filter::from_flags(&library, &args.deck, args.topic.as_deref(), args.tag.as_deref())
            .map_err(|e| UsageError(e.to_string()))?;

    let ws = ctx.open_workspace(Access::Session)?;
    ui::install_interrupt_guard();
    let scheduler = ws.scheduler()?;
    let Workspace { mut store, settings, day, lock: _lock } = ws;
    let scheduling = Scheduling {
        scheduler: &scheduler,
        tz: ctx.tz.clone(),
        rollover_hour: settings.rollover_hour,
        now: ctx.now,
        exams: flow::exam_dates(&library, settings.exam_target, &store, &day)?,
    };
    let mut desk = TerminalDesk::new(ctx.colors.stderr, ctx.colors.stdout);
    if !flow::recover(&scheduling, &mut store, &mut desk).map_err(edge)? {
        return Ok(ExitCode::SUCCESS);
    }

    // The clock's seconds as a seed: a new paper each time unless `--seed` is given.
    let seed = args.seed.unwrap_or(ctx.now.as_second().unsigned_abs());
    let paper =
        flow::set(&scheduling, &store, &library, &filter, args.questions, seed).map_err(edge)?;
    let limit_seconds = (args.minutes * 60.0).round().max(1.0) as u64;
    let terms = Terms { marking: &marking, limit_seconds, seed };
    flow::sit(&scheduling, &mut store, &mut desk, &paper, terms).map_err(edge)?;
    Ok(ExitCode::SUCCESS)
}

/// A paper's error as the edge reports it: the learner's mistakes in the arguments are usage
/// errors (exit 2), and a terminal error stays an `io::Error` so that a closed stdout
/// (`recall exam | head`) ends quietly.
fn edge(err: PaperError) -> anyhow::Error {
    match err {
        PaperError::NoFacts | PaperError::NotEnough(_) => UsageError(err.to_string()).into(),
        PaperError::Io(io) => io.into(),
        other => other.into(),
    }
}
