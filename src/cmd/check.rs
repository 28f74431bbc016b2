//! `recall check`: load decks and print every error and lint, then a summary line
//! ([`crate::check`] does both).

use std::process::ExitCode;

use crate::check::{load, report};
use crate::cli::CheckArgs;
use crate::context::Context;

pub fn run(ctx: &Context, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    report(ctx, load(ctx, &args.decks)?, args.json)
}
