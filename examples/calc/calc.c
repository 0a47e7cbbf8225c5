// calc: a line-by-line calculator, like a tiny bc. Type an expression
// (+ - * / ^, parentheses, "ans" for the last result) and Enter; ^D or
// "quit" leaves. It shows the terminal's line editing at work: backspace,
// ^W and ^U edit the line before the program sees it.
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct parser {
  const char* at;
  double ans;
  const char* error;
};

static double expr(struct parser* p);

static void skip_spaces(struct parser* p) {
  while (isspace((unsigned char)*p->at)) p->at++;
}

static int take(struct parser* p, char c) {
  skip_spaces(p);
  if (*p->at != c) return 0;
  p->at++;
  return 1;
}

static double fail(struct parser* p, const char* why) {
  if (!p->error) p->error = why;
  return NAN;
}

static double primary(struct parser* p) {
  skip_spaces(p);
  if (take(p, '(')) {
    const double v = expr(p);
    return take(p, ')') ? v : fail(p, "missing )");
  }
  if (strncmp(p->at, "ans", 3) == 0) {
    p->at += 3;
    return p->ans;
  }
  char* end;
  const double v = strtod(p->at, &end);
  if (end == p->at) return fail(p, *p->at ? "unexpected character" : "unexpected end");
  p->at = end;
  return v;
}

// Unary signs, then ^ (right to left): -2^2 is -4, as in bc.
static double unary(struct parser* p) {
  if (take(p, '-')) return -unary(p);
  if (take(p, '+')) return unary(p);
  const double base = primary(p);
  return take(p, '^') ? pow(base, unary(p)) : base;
}

static double term(struct parser* p) {
  double v = unary(p);
  for (;;) {
    if (take(p, '*')) {
      v *= unary(p);
    } else if (take(p, '/')) {
      const double d = unary(p);
      v = d == 0 ? fail(p, "division by zero") : v / d;
    } else {
      return v;
    }
  }
}

static double expr(struct parser* p) {
  double v = term(p);
  for (;;) {
    if (take(p, '+')) v += term(p);
    else if (take(p, '-')) v -= term(p);
    else return v;
  }
}

int main(void) {
  const int interactive = isatty(STDIN_FILENO);
  if (interactive) printf("calc: + - * / ^ ( ) and ans; ^D or quit leaves\n");
  char line[1024];
  double ans = 0;
  for (;;) {
    if (interactive) printf("calc> ");
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin)) break;
    struct parser p = {line, ans, NULL};
    skip_spaces(&p);
    if (*p.at == '\0') continue;
    if (strncmp(p.at, "quit", 4) == 0) break;
    const double v = expr(&p);
    skip_spaces(&p);
    if (!p.error && *p.at) p.error = "unexpected character";
    if (p.error) {
      printf("error: %s at column %d\n", p.error, (int)(p.at - line) + 1);
      continue;
    }
    ans = v;
    printf("%.10g\n", v);
  }
  if (interactive) printf("\n");
  return 0;
}
