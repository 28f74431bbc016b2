mod author;
