#include "CTerminalRestore.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const int fatal_signals[] = {SIGILL, SIGSEGV, SIGBUS, SIGABRT, SIGFPE};
enum { fatal_count = sizeof fatal_signals / sizeof fatal_signals[0] };

static struct sigaction previous[fatal_count];
static struct termios saved_modes[2];
static int saved_fds[2] = {-1, -1};
static int output = -1;
static volatile sig_atomic_t installed = 0;

// Mouse reporting off (all modes), attributes reset, cursor shown, alternate screen left.
static const char reset[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";

void mt_restore_now(void) {
  if (output >= 0) {
    ssize_t ignored = write(output, reset, sizeof reset - 1);
    (void)ignored;
  }
  for (int i = 0; i < 2; i++) {
    if (saved_fds[i] >= 0) tcsetattr(saved_fds[i], TCSANOW, &saved_modes[i]);
  }
}

// Restores the terminal, runs the handler that was there before (Swift's backtracer, with the
// same siginfo and context), then dies of the signal with its default action, so the exit
// status names it even when the signal was sent (kill -SEGV) rather than raised by a fault.
static void handler(int signal, siginfo_t *info, void *context) {
  mt_restore_now();
  for (int i = 0; i < fatal_count; i++) {
    if (fatal_signals[i] != signal) continue;
    struct sigaction before = previous[i];
    if ((before.sa_flags & SA_SIGINFO) && before.sa_sigaction) {
      before.sa_sigaction(signal, info, context);
    } else if (before.sa_handler != SIG_DFL && before.sa_handler != SIG_IGN) {
      before.sa_handler(signal);
    }
  }
  struct sigaction fallback;
  memset(&fallback, 0, sizeof fallback);
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signal, &fallback, NULL);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, signal);
  sigprocmask(SIG_UNBLOCK, &unblock, NULL);
  raise(signal);
}

void mt_restore_install(int input_fd, int output_fd) {
  int fds[2] = {input_fd, output_fd};
  for (int i = 0; i < 2; i++) {
    saved_fds[i] = -1;
    if (isatty(fds[i]) && tcgetattr(fds[i], &saved_modes[i]) == 0) saved_fds[i] = fds[i];
  }
  output = output_fd;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_ONSTACK | SA_SIGINFO;
  for (int i = 0; i < fatal_count; i++) sigaction(fatal_signals[i], &action, &previous[i]);
  installed = 1;
}

void mt_restore_remove(void) {
  if (!installed) return;
  for (int i = 0; i < fatal_count; i++) sigaction(fatal_signals[i], &previous[i], NULL);
  installed = 0;
}
