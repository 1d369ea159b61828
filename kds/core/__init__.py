"""Orders, the board state machine, lanes and timers: pure Python, no Qt, no I/O."""
