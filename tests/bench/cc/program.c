/* The benchmark's 200-line program: a word counter over a hash table, an
 * expression evaluator (recursive descent) and a merge sort, driven by a
 * text it generates, so that it runs alone and prints a checksum. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
  char *word;
  unsigned count;
  struct entry *next;
};

struct table {
  struct entry **buckets;
  size_t size;
  size_t used;
};

static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

static void table_init(struct table *t, size_t size) {
  t->buckets = calloc(size, sizeof *t->buckets);
  t->size = size;
  t->used = 0;
}

static void table_grow(struct table *t) {
  struct table bigger;
  table_init(&bigger, t->size * 2);
  for (size_t i = 0; i < t->size; i++) {
    struct entry *e = t->buckets[i];
    while (e) {
      struct entry *next = e->next;
      size_t at = hash(e->word) % bigger.size;
      e->next = bigger.buckets[at];
      bigger.buckets[at] = e;
      e = next;
    }
  }
  free(t->buckets);
  bigger.used = t->used;
  *t = bigger;
}

static void table_add(struct table *t, const char *word) {
  size_t at = hash(word) % t->size;
  for (struct entry *e = t->buckets[at]; e; e = e->next) {
    if (strcmp(e->word, word) == 0) {
      e->count++;
      return;
    }
  }
  struct entry *e = malloc(sizeof *e);
  e->word = strdup(word);
  e->count = 1;
  e->next = t->buckets[at];
  t->buckets[at] = e;
  if (++t->used > t->size * 3 / 4) table_grow(t);
}

static void table_free(struct table *t) {
  for (size_t i = 0; i < t->size; i++) {
    struct entry *e = t->buckets[i];
    while (e) {
      struct entry *next = e->next;
      free(e->word);
      free(e);
      e = next;
    }
  }
  free(t->buckets);
}

/* Expressions: sums of products of numbers and parenthesised sums. */
struct parser {
  const char *at;
  int error;
};

static long parse_sum(struct parser *p);

static void skip_spaces(struct parser *p) {
  while (isspace((unsigned char)*p->at)) p->at++;
}

static long parse_atom(struct parser *p) {
  skip_spaces(p);
  if (*p->at == '(') {
    p->at++;
    long v = parse_sum(p);
    skip_spaces(p);
    if (*p->at == ')') p->at++;
    else p->error = 1;
    return v;
  }
  if (*p->at == '-') {
    p->at++;
    return -parse_atom(p);
  }
  if (!isdigit((unsigned char)*p->at)) {
    p->error = 1;
    return 0;
  }
  long v = 0;
  while (isdigit((unsigned char)*p->at)) v = v * 10 + (*p->at++ - '0');
  return v;
}

static long parse_product(struct parser *p) {
  long v = parse_atom(p);
  for (;;) {
    skip_spaces(p);
    char op = *p->at;
    if (op != '*' && op != '/' && op != '%') return v;
    p->at++;
    long rhs = parse_atom(p);
    if (op == '*') v *= rhs;
    else if (rhs == 0) p->error = 1;
    else if (op == '/') v /= rhs;
    else v %= rhs;
  }
}

static long parse_sum(struct parser *p) {
  long v = parse_product(p);
  for (;;) {
    skip_spaces(p);
    char op = *p->at;
    if (op != '+' && op != '-') return v;
    p->at++;
    long rhs = parse_product(p);
    v = op == '+' ? v + rhs : v - rhs;
  }
}

static int evaluate(const char *text, long *out) {
  struct parser p = {text, 0};
  *out = parse_sum(&p);
  skip_spaces(&p);
  return !p.error && *p.at == '\0';
}

static void merge_sort(int *a, int *tmp, size_t n) {
  if (n < 2) return;
  size_t half = n / 2;
  merge_sort(a, tmp, half);
  merge_sort(a + half, tmp, n - half);
  size_t i = 0, j = half, k = 0;
  while (i < half && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < half) tmp[k++] = a[i++];
  while (j < n) tmp[k++] = a[j++];
  memcpy(a, tmp, n * sizeof *a);
}

static uint32_t next_random(uint32_t *state) {
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

int main(void) {
  static const char *syllables[] = {"ka", "lo", "mi", "ne", "ru", "ta", "zo", "be"};
  uint32_t seed = 12345;
  struct table words;
  table_init(&words, 64);
  char word[16];
  for (int i = 0; i < 20000; i++) {
    int len = 1 + next_random(&seed) % 3;
    word[0] = '\0';
    for (int s = 0; s < len; s++) strcat(word, syllables[next_random(&seed) % 8]);
    table_add(&words, word);
  }
  unsigned most = 0;
  for (size_t i = 0; i < words.size; i++) {
    for (struct entry *e = words.buckets[i]; e; e = e->next) {
      if (e->count > most) most = e->count;
    }
  }
  printf("%zu distinct words, the most frequent %u times\n", words.used, most);
  table_free(&words);

  const char *expressions[] = {"1 + 2 * 3", "(1 + 2) * 3", "-4 * (2 - 7) % 6", "100 / (5 - 5)", "2 * (3 + 4"};
  for (size_t i = 0; i < sizeof expressions / sizeof *expressions; i++) {
    long v;
    if (evaluate(expressions[i], &v)) printf("%s = %ld\n", expressions[i], v);
    else printf("%s: invalid\n", expressions[i]);
  }

  size_t n = 100000;
  int *numbers = malloc(n * sizeof *numbers), *tmp = malloc(n * sizeof *tmp);
  for (size_t i = 0; i < n; i++) numbers[i] = (int)(next_random(&seed) % 1000000);
  merge_sort(numbers, tmp, n);
  uint64_t checksum = 0;
  for (size_t i = 0; i < n; i++) checksum = checksum * 31 + (uint64_t)numbers[i];
  printf("sorted %zu numbers: first %d, last %d, checksum %llu\n", n, numbers[0], numbers[n - 1],
         (unsigned long long)checksum);
  free(numbers);
  free(tmp);
  return 0;
}
