mod anki;
mod author;
mod check;
mod config;
mod evaluate;
mod history_import;
mod preview;
mod simulate;
