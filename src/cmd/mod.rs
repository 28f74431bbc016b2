//! One module per subcommand. Each wires the layers together and stays short: logic that is
//! not about this command's input and output belongs in a layer below.

pub mod add;
pub mod check;
pub mod config;
pub mod evaluate;
pub mod exam;
pub mod history;
pub mod import;
pub mod import_anki;
pub mod import_history;
pub mod new;
pub mod optimize;
pub mod preview;
pub mod simulate;
pub mod stats;
pub mod study;

use crate::cli::UsageError;
use crate::deck::{FactKind, draft};

/// The `--kind` flag of `add`, `import` and `import-anki`: `None` when not given, a usage
/// error (exit 2) naming the valid kinds when it is not one.
pub(crate) fn kind_flag(kind: Option<&str>) -> Result<Option<FactKind>, UsageError> {
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
