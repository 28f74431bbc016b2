mod author;
mod check;
mod config;
mod evaluate;
mod exam;
mod history_import;
mod preview;
mod simulate;
