mod anki;
mod author;
mod check;
mod config;
mod evaluate;
mod simulate;
