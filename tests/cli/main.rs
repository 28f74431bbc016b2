mod preview;
