// rover: a small full-screen terminal program. Drive the rover (@) around
// its field with the arrow keys (or h j k l); q or ^C quits. It shows what
// a desktop terminal program needs from its terminal: raw mode, escape
// sequences for keys, colours, the window size, and a redraw when the
// window changes size. It builds unchanged for Linux and for the box.
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define CSI "\x1b["

struct game {
  int rows, cols;  // the window
  int x, y;        // the rover, in field coordinates
  int moves;
  const char* last;  // the last key, by name
};

static struct termios saved;
static volatile sig_atomic_t resized;

static void on_resize(int sig) {
  (void)sig;
  resized = 1;
}

static int enter_raw_mode(void) {
  if (tcgetattr(STDIN_FILENO, &saved) != 0) return -1;
  struct termios raw = saved;
  cfmakeraw(&raw);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) != 0) return -1;
  // The alternate screen, cursor hidden.
  fputs(CSI "?1049h" CSI "?25l", stdout);
  return 0;
}

static void leave_raw_mode(void) {
  fputs(CSI "0m" CSI "?25h" CSI "?1049l", stdout);
  fflush(stdout);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
}

static void window_size(int* rows, int* cols) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
    *rows = ws.ws_row;
    *cols = ws.ws_col;
  } else {
    *rows = 24;
    *cols = 80;
  }
}

// The field is the window less its border and the status line.
static int field_width(const struct game* g) { return g->cols - 2; }
static int field_height(const struct game* g) { return g->rows - 3; }

static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

static void keep_inside(struct game* g) {
  g->x = clamp(g->x, 0, field_width(g) - 1);
  g->y = clamp(g->y, 0, field_height(g) - 1);
}

static void draw(const struct game* g) {
  const int w = field_width(g), h = field_height(g);
  printf(CSI "0m" CSI "2J" CSI "H");
  // The border, blue, with the title in bold yellow.
  printf(CSI "34m+");
  for (int i = 0; i < w; ++i) putchar('-');
  printf("+");
  printf(CSI "1;3H" CSI "1;33m rover " CSI "0;34m");
  for (int row = 0; row < h; ++row) printf(CSI "%d;1H|" CSI "%d;%dH|", row + 2, row + 2, w + 2);
  printf(CSI "%d;1H+", h + 2);
  for (int i = 0; i < w; ++i) putchar('-');
  printf("+" CSI "0m");
  // The rover, green.
  printf(CSI "%d;%dH" CSI "1;32m@" CSI "0m", g->y + 2, g->x + 2);
  // The status line, reversed.
  char status[256];
  const int n = snprintf(status, sizeof status, " %dx%d  at %d,%d  moves %d  key %s  q quits",
                         g->cols, g->rows, g->x, g->y, g->moves, g->last);
  printf(CSI "%d;1H" CSI "7m%.*s", g->rows, g->cols, status);
  for (int i = n; i < g->cols; ++i) putchar(' ');
  printf(CSI "0m");
  fflush(stdout);
}

// Applies the key at the start of `buf` (n bytes); returns how many bytes
// it took, or 0 to quit.
static int apply_key(struct game* g, const char* buf, int n) {
  if (buf[0] == 'q' || buf[0] == 3) return 0;
  int dx = 0, dy = 0, len = 1;
  g->last = "other";
  if (n >= 3 && buf[0] == '\x1b' && (buf[1] == '[' || buf[1] == 'O')) {
    len = 3;
    switch (buf[2]) {
      case 'A':
        dy = -1, g->last = "up";
        break;
      case 'B':
        dy = 1, g->last = "down";
        break;
      case 'C':
        dx = 1, g->last = "right";
        break;
      case 'D':
        dx = -1, g->last = "left";
        break;
    }
  } else {
    switch (buf[0]) {
      case 'k':
        dy = -1, g->last = "k";
        break;
      case 'j':
        dy = 1, g->last = "j";
        break;
      case 'l':
        dx = 1, g->last = "l";
        break;
      case 'h':
        dx = -1, g->last = "h";
        break;
    }
  }
  if (dx || dy) {
    g->x += dx;
    g->y += dy;
    g->moves++;
    keep_inside(g);
  }
  return len;
}

// Reads the keys typed so far (several may come at once); 0 to quit.
static int read_keys(struct game* g) {
  char buf[64];
  const ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
  if (n <= 0) return 0;
  for (ssize_t at = 0; at < n;) {
    const int took = apply_key(g, buf + at, (int)(n - at));
    if (took == 0) return 0;
    at += took;
  }
  return 1;
}

int main(void) {
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
    fprintf(stderr, "rover: needs a terminal\n");
    return 1;
  }
  signal(SIGWINCH, on_resize);
  if (enter_raw_mode() != 0) {
    perror("rover: cannot set the terminal up");
    return 1;
  }
  struct game g = {.last = "none"};
  window_size(&g.rows, &g.cols);
  g.x = field_width(&g) / 2;
  g.y = field_height(&g) / 2;
  draw(&g);
  for (;;) {
    // Wake up now and then to notice a new window size even where no
    // SIGWINCH arrives.
    struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
    const int ready = poll(&in, 1, 250);
    if (ready < 0 && errno != EINTR) break;
    int rows, cols;
    window_size(&rows, &cols);
    const int moved = rows != g.rows || cols != g.cols || resized;
    resized = 0;
    if (moved) {
      g.rows = rows;
      g.cols = cols;
      keep_inside(&g);
    }
    if (ready > 0 && !read_keys(&g)) break;
    if (ready > 0 || moved) draw(&g);
  }
  leave_raw_mode();
  printf("rover made %d moves\n", g.moves);
  return 0;
}
