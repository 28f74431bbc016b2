mod author;
mod check;
mod config;
mod evaluate;
mod exam;
mod preview;
mod simulate;
