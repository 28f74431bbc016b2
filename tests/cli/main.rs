mod evaluate;
mod simulate;
