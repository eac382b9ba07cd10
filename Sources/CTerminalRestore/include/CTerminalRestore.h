// Gives the terminal back when the process dies of a fatal signal (SIGSEGV, SIGILL, SIGBUS,
// SIGABRT, SIGFPE): the handler, in C because only async-signal-safe calls are allowed there,
// writes the sequences that leave the alternate screen, show the cursor and end mouse
// reporting, restores the terminal modes saved at start, then re-raises the signal to the
// previous handler (Swift's backtracer, or the default action).
#ifndef MODELTOP_CTERMINALRESTORE_H
#define MODELTOP_CTERMINALRESTORE_H

/// Saves the terminal modes of `input_fd` and `output_fd` (those that are terminals) and
/// installs the fatal-signal handlers. Call before the terminal is put in full-screen mode.
void mt_restore_install(int input_fd, int output_fd);

/// Removes the handlers (the terminal was given back normally).
void mt_restore_remove(void);

/// What the handler does, without a signal (for tests): writes the reset sequences and
/// restores the saved modes.
void mt_restore_now(void);

#endif
