mod author;
mod check;
mod config;
mod evaluate;
mod preview;
mod simulate;
mod study;
