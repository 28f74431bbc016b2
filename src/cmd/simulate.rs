//! `recall simulate` (in progress).
use std::process::ExitCode;

use crate::app::Context;
use crate::cli::SimulateArgs;

pub fn run(_ctx: &Context, _args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("simulate is not built yet")
}
