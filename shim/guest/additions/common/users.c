/* The user and group databases (<pwd.h>, <grp.h>), which wasi-libc lacks
 * and Emscripten's libc stubs out:
 * /etc/passwd and /etc/group when the program can open them (a box with
 * the base image has them), else one built-in entry each for the box's one
 * user, root: uid and gid 0, home $HOME (or /), shell /bin/sh. As in
 * glibc and musl, "not found" leaves errno alone, and the _r calls say
 * ERANGE for a buffer too small. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWD_FILE "/etc/passwd"
#define GROUP_FILE "/etc/group"

struct pw_entry {
  const char *name, *passwd, *gecos, *dir, *shell;
  uid_t uid;
  gid_t gid;
};

struct gr_entry {
  const char *name, *passwd, *members; /* members: "a,b,c" */
  gid_t gid;
};

/* An open database: its file, or when the program cannot open that, the
 * one built-in entry. */
struct db {
  FILE* file;
  int builtin_done;
  char* line;
  size_t cap;
};

static void db_open(struct db* db, const char* path) {
  *db = (struct db){.file = fopen(path, "re")};
}

static void db_close(struct db* db) {
  if (db->file) fclose(db->file);
  free(db->line);
  *db = (struct db){0};
}

/* Splits `line` at its colons, dropping its newline: the number of fields,
 * at most n + 1. */
static int split(char* line, char** fields, int n) {
  line[strcspn(line, "\n")] = 0;
  int count = 1;
  fields[0] = line;
  for (char* p = strchr(line, ':'); p; p = strchr(p, ':')) {
    *p++ = 0;
    if (count > n) break;
    if (count < n) fields[count] = p;
    ++count;
  }
  return count;
}

/* The next line of `db`'s file with exactly n fields: 1, 0 at its end, or
 * a negative errno. Malformed lines are skipped, as glibc does. */
static int next_fields(struct db* db, char** fields, int n) {
  while (getline(&db->line, &db->cap, db->file) >= 0)
    if (split(db->line, fields, n) == n && fields[0][0]) return 1;
  return ferror(db->file) ? -EIO : 0;
}

/* A uid or gid: decimal digits only, in 32 bits. */
static int parse_id(const char* s, unsigned* out) {
  uint64_t v = 0;
  if (!*s) return 0;
  for (; *s; ++s) {
    if (*s < '0' || *s > '9') return 0;
    v = v * 10 + (uint64_t)(*s - '0');
    if (v > UINT32_MAX) return 0;
  }
  *out = (unsigned)v;
  return 1;
}

static int next_pw(struct db* db, struct pw_entry* e) {
  if (!db->file) {
    if (db->builtin_done) return 0;
    db->builtin_done = 1;
    const char* home = getenv("HOME");
    *e = (struct pw_entry){"root", "x", "root", home && *home ? home : "/", "/bin/sh", 0, 0};
    return 1;
  }
  char* f[7];
  int r;
  unsigned uid, gid;
  while ((r = next_fields(db, f, 7)) > 0) {
    if (!parse_id(f[2], &uid) || !parse_id(f[3], &gid)) continue;
    *e = (struct pw_entry){f[0], f[1], f[4], f[5], f[6], uid, gid};
    return 1;
  }
  return r;
}

static int next_gr(struct db* db, struct gr_entry* e) {
  if (!db->file) {
    if (db->builtin_done) return 0;
    db->builtin_done = 1;
    *e = (struct gr_entry){"root", "x", "", 0};
    return 1;
  }
  char* f[4];
  int r;
  unsigned gid;
  while ((r = next_fields(db, f, 4)) > 0) {
    if (!parse_id(f[2], &gid)) continue;
    *e = (struct gr_entry){f[0], f[1], f[3], gid};
    return 1;
  }
  return r;
}

/* Copies `s` into the buffer at *buf: false when it does not fit. */
static int put(const char* s, char** out, char** buf, size_t* size) {
  size_t len = strlen(s) + 1;
  if (len > *size) return 0;
  *out = memcpy(*buf, s, len);
  *buf += len;
  *size -= len;
  return 1;
}

/* Fills `pw` from `e`, its strings in `buf`: 0 or ERANGE. */
static int fill_pw(const struct pw_entry* e, struct passwd* pw, char* buf, size_t size) {
  if (!put(e->name, &pw->pw_name, &buf, &size) || !put(e->passwd, &pw->pw_passwd, &buf, &size) ||
      !put(e->gecos, &pw->pw_gecos, &buf, &size) || !put(e->dir, &pw->pw_dir, &buf, &size) ||
      !put(e->shell, &pw->pw_shell, &buf, &size))
    return ERANGE;
  pw->pw_uid = e->uid;
  pw->pw_gid = e->gid;
  return 0;
}

/* Fills `gr` from `e`: the member list (aligned) then the strings in
 * `buf`: 0 or ERANGE. */
static int fill_gr(const struct gr_entry* e, struct group* gr, char* buf, size_t size) {
  size_t n = *e->members ? 1 : 0;
  for (const char* p = e->members; n && (p = strchr(p, ',')); ++p) ++n;
  size_t pad = (size_t)(-(uintptr_t)buf & (_Alignof(char*) - 1));
  size_t list = pad + (n + 1) * sizeof(char*);
  if (list > size) return ERANGE;
  char** mem = (char**)(void*)(buf + pad);
  buf += list;
  size -= list;
  char* members;
  if (!put(e->name, &gr->gr_name, &buf, &size) || !put(e->passwd, &gr->gr_passwd, &buf, &size) ||
      !put(e->members, &members, &buf, &size))
    return ERANGE;
  for (size_t i = 0; i < n; ++i) {
    mem[i] = members;
    members += strcspn(members, ",");
    *members++ = 0;
  }
  mem[n] = NULL;
  gr->gr_mem = mem;
  gr->gr_gid = e->gid;
  return 0;
}

/* The entry named `name`, or numbered `id` when name is NULL: 1, 0 when
 * none is, or a negative errno. */
static int find_pw(struct db* db, const char* name, uid_t id, struct pw_entry* e) {
  int r;
  while ((r = next_pw(db, e)) > 0)
    if (name ? !strcmp(name, e->name) : e->uid == id) return 1;
  return r;
}

static int find_gr(struct db* db, const char* name, gid_t id, struct gr_entry* e) {
  int r;
  while ((r = next_gr(db, e)) > 0)
    if (name ? !strcmp(name, e->name) : e->gid == id) return 1;
  return r;
}

static int pw_r(const char* name, uid_t id, struct passwd* pw, char* buf, size_t size,
                struct passwd** res) {
  int saved = errno;
  struct db db;
  struct pw_entry e;
  db_open(&db, PASSWD_FILE);
  int r = find_pw(&db, name, id, &e);
  *res = NULL;
  if (r > 0 && !(r = fill_pw(&e, pw, buf, size))) *res = pw;
  db_close(&db);
  errno = saved;
  return r < 0 ? -r : r;
}

static int gr_r(const char* name, gid_t id, struct group* gr, char* buf, size_t size,
                struct group** res) {
  int saved = errno;
  struct db db;
  struct gr_entry e;
  db_open(&db, GROUP_FILE);
  int r = find_gr(&db, name, id, &e);
  *res = NULL;
  if (r > 0 && !(r = fill_gr(&e, gr, buf, size))) *res = gr;
  db_close(&db);
  errno = saved;
  return r < 0 ? -r : r;
}

int getpwnam_r(const char* name, struct passwd* pw, char* buf, size_t size, struct passwd** res) {
  return pw_r(name, 0, pw, buf, size, res);
}

int getpwuid_r(uid_t uid, struct passwd* pw, char* buf, size_t size, struct passwd** res) {
  return pw_r(NULL, uid, pw, buf, size, res);
}

int getgrnam_r(const char* name, struct group* gr, char* buf, size_t size, struct group** res) {
  return gr_r(name, 0, gr, buf, size, res);
}

int getgrgid_r(gid_t gid, struct group* gr, char* buf, size_t size, struct group** res) {
  return gr_r(NULL, gid, gr, buf, size, res);
}

/* The entry the calls without _r return, in a buffer that grows to fit:
 * one for the user calls and one for the group calls, as POSIX wants
 * (`ls -l` keeps a getpwuid result across a getgrgid). */
struct kept {
  char* buf;
  size_t size;
};
static struct passwd static_pw;
static struct group static_gr;
static struct kept pw_kept, gr_kept;

static int grow(struct kept* k) {
  size_t size = k->size ? k->size * 2 : 256;
  char* buf = realloc(k->buf, size);
  if (!buf) return 0;
  k->buf = buf;
  k->size = size;
  return 1;
}

/* Fills the static entry: 0, or an errno. */
static int keep_pw(const struct pw_entry* e) {
  while (fill_pw(e, &static_pw, pw_kept.buf, pw_kept.size))
    if (!grow(&pw_kept)) return ENOMEM;
  return 0;
}

static int keep_gr(const struct gr_entry* e) {
  while (fill_gr(e, &static_gr, gr_kept.buf, gr_kept.size))
    if (!grow(&gr_kept)) return ENOMEM;
  return 0;
}

/* Sets errno to `r` (negative, or an errno from keeping the entry), else
 * back to `saved`. */
static void set_errno(int r, int saved) { errno = r < 0 ? -r : r > 0 ? r : saved; }

static struct passwd* lookup_pw(const char* name, uid_t id) {
  int saved = errno;
  struct db db;
  struct pw_entry e;
  db_open(&db, PASSWD_FILE);
  int r = find_pw(&db, name, id, &e);
  int found = r > 0;
  if (found) r = keep_pw(&e);
  db_close(&db);
  set_errno(r, saved);
  return found && !r ? &static_pw : NULL;
}

static struct group* lookup_gr(const char* name, gid_t id) {
  int saved = errno;
  struct db db;
  struct gr_entry e;
  db_open(&db, GROUP_FILE);
  int r = find_gr(&db, name, id, &e);
  int found = r > 0;
  if (found) r = keep_gr(&e);
  db_close(&db);
  set_errno(r, saved);
  return found && !r ? &static_gr : NULL;
}

struct passwd* getpwnam(const char* name) {
  return lookup_pw(name, 0);
}
struct passwd* getpwuid(uid_t uid) {
  return lookup_pw(NULL, uid);
}
struct group* getgrnam(const char* name) {
  return lookup_gr(name, 0);
}
struct group* getgrgid(gid_t gid) {
  return lookup_gr(NULL, gid);
}

/* getpwent and getgrent walk a database left open between calls. */
static struct db pw_walk, gr_walk;
static int pw_walking, gr_walking;

void setpwent(void) {
  db_close(&pw_walk);
  pw_walking = 0;
}

void endpwent(void) { setpwent(); }

struct passwd* getpwent(void) {
  int saved = errno;
  struct pw_entry e;
  if (!pw_walking) db_open(&pw_walk, PASSWD_FILE);
  pw_walking = 1;
  int r = next_pw(&pw_walk, &e);
  int found = r > 0;
  if (found) r = keep_pw(&e);
  set_errno(r, saved);
  return found && !r ? &static_pw : NULL;
}

void setgrent(void) {
  db_close(&gr_walk);
  gr_walking = 0;
}

void endgrent(void) { setgrent(); }

struct group* getgrent(void) {
  int saved = errno;
  struct gr_entry e;
  if (!gr_walking) db_open(&gr_walk, GROUP_FILE);
  gr_walking = 1;
  int r = next_gr(&gr_walk, &e);
  int found = r > 0;
  if (found) r = keep_gr(&e);
  set_errno(r, saved);
  return found && !r ? &static_gr : NULL;
}

/* The next entry of a file in the database's format (never the built-in
 * one). */
struct passwd* fgetpwent(FILE* f) {
  int saved = errno;
  struct db db = {.file = f};
  struct pw_entry e;
  int r = next_pw(&db, &e);
  int found = r > 0;
  if (found) r = keep_pw(&e);
  free(db.line);
  set_errno(r, saved);
  return found && !r ? &static_pw : NULL;
}

struct group* fgetgrent(FILE* f) {
  int saved = errno;
  struct db db = {.file = f};
  struct gr_entry e;
  int r = next_gr(&db, &e);
  int found = r > 0;
  if (found) r = keep_gr(&e);
  free(db.line);
  set_errno(r, saved);
  return found && !r ? &static_gr : NULL;
}

int putpwent(const struct passwd* p, FILE* f) {
  return fprintf(f, "%s:%s:%u:%u:%s:%s:%s\n", p->pw_name, p->pw_passwd, (unsigned)p->pw_uid,
                 (unsigned)p->pw_gid, p->pw_gecos, p->pw_dir, p->pw_shell) < 0
             ? -1
             : 0;
}

int putgrent(const struct group* g, FILE* f) {
  if (fprintf(f, "%s:%s:%u:", g->gr_name, g->gr_passwd, (unsigned)g->gr_gid) < 0) return -1;
  for (char** m = g->gr_mem; m && *m; ++m)
    if (fprintf(f, "%s%s", m == g->gr_mem ? "" : ",", *m) < 0) return -1;
  return fputc('\n', f) == EOF ? -1 : 0;
}

static int is_member(const char* members, const char* user) {
  size_t len = strlen(user);
  for (const char* p = members; *p;) {
    size_t n = strcspn(p, ",");
    if (n == len && !strncmp(p, user, len)) return 1;
    p += n;
    if (*p) ++p;
  }
  return 0;
}

/* `gid` first, then each other group that lists `user`; -1 when *ngroups
 * is too few, which then says how many there are. */
int getgrouplist(const char* user, gid_t gid, gid_t* groups, int* ngroups) {
  int saved = errno;
  int n = 0;
  if (n < *ngroups) groups[n] = gid;
  ++n;
  struct db db;
  struct gr_entry e;
  db_open(&db, GROUP_FILE);
  while (next_gr(&db, &e) > 0) {
    if (e.gid == gid || !is_member(e.members, user)) continue;
    if (n < *ngroups) groups[n] = e.gid;
    ++n;
  }
  db_close(&db);
  errno = saved;
  int fits = n <= *ngroups;
  *ngroups = n;
  return fits ? n : -1;
}
