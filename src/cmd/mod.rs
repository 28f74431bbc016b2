//! One module per subcommand. Each wires the layers together and stays short: logic that is
//! not about this command's input and output belongs in a layer below.

pub mod add;
pub mod backup;
pub mod bury;
pub mod check;
pub mod completions;
pub mod config;
pub mod decks;
pub mod evaluate;
pub mod exam;
pub mod find;
pub mod history;
pub mod import;
pub mod import_history;
pub mod man;
pub mod new;
pub mod optimize;
pub mod preview;
pub mod reset;
pub mod simulate;
pub mod stats;
pub mod study;
pub mod suspend;
pub mod sync;
pub mod unbury;
pub mod unsuspend;
