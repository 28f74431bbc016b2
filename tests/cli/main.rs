mod author;
mod evaluate;
mod simulate;
