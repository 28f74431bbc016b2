mod author;
mod check;
mod evaluate;
mod simulate;
