// The SQLite shell (examples/sqlite3: Debian's sqlite3 built with the
// Emscripten toolchain): sessions print in the box what Debian's sqlite3
// prints, its database files are the same format both ways, and two
// processes of a box lock each other out as on Linux.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { sideBySide } from './apps.js';

const commands = { sqlite3: 'sqlite3' };

const SESSIONS = {
  'tables, a transaction and an integrity check': `
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price REAL, added TEXT DEFAULT '2024-01-01');
BEGIN;
INSERT INTO item(name, price) VALUES ('pen', 1.5), ('book', 12.25), ('lamp', NULL);
UPDATE item SET price = price * 2 WHERE name = 'pen';
COMMIT;
BEGIN; DELETE FROM item; ROLLBACK;
SELECT * FROM item ORDER BY id;
SELECT count(*), sum(price), avg(price), max(name), group_concat(name, '+') FROM item;
CREATE INDEX by_price ON item(price);
EXPLAIN QUERY PLAN SELECT name FROM item WHERE price > 2;
PRAGMA integrity_check;
`,
  'output modes': `
CREATE TABLE t(a, b);
INSERT INTO t VALUES (1, 'one'), (2.5, NULL), (x'414243', 'quote "me"');
.headers on
.mode csv
SELECT * FROM t;
.mode column
SELECT * FROM t;
.mode json
SELECT * FROM t;
.mode box
SELECT typeof(a), length(b) FROM t;
.mode markdown
SELECT * FROM t;
.mode insert t2
SELECT * FROM t;
`,
  'SQL functions, JSON, full-text search and window functions': `
SELECT json_object('a', 1, 'b', json_array(1, 2)), json_extract('{"x":{"y":[5,6]}}', '$.x.y[1]');
SELECT value FROM json_each('[10, 20, 30]') WHERE value > 15;
SELECT upper('abc'), substr('hello', 2, 3), instr('hello', 'l'), replace('aaa', 'a', 'b'), printf('%5.2f|%-4s|%x', pi(), 'ab', 255);
SELECT sqrt(2), pow(2, 10), round(2.5), abs(-3), 7 / 2, 7 % 3, 7 / 2.0, cast('12abc' AS INTEGER);
SELECT date('2024-02-28', '+1 day'), strftime('%Y-%j', '2024-12-31'), julianday('2000-01-01');
CREATE VIRTUAL TABLE doc USING fts5(body);
INSERT INTO doc VALUES ('the quick brown fox'), ('a lazy dog'), ('quick quick');
SELECT body, bm25(doc) < 0 FROM doc WHERE doc MATCH 'quick' ORDER BY rank;
CREATE TABLE s(g, v);
INSERT INTO s VALUES ('a', 1), ('a', 3), ('b', 2), ('b', 5), ('b', 1);
SELECT g, v, sum(v) OVER (PARTITION BY g ORDER BY v), rank() OVER (ORDER BY v DESC) FROM s ORDER BY g, v;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT group_concat(i * i) FROM n;
`,
  'a dump of a database': `
CREATE TABLE a(x INTEGER PRIMARY KEY, y TEXT);
INSERT INTO a VALUES (1, 'it''s'), (2, NULL);
CREATE VIEW v AS SELECT y FROM a;
CREATE TRIGGER tr AFTER INSERT ON a BEGIN SELECT 1; END;
.dump
.schema
.tables
`,
  'errors: a bad statement, a constraint, then on': `
CREATE TABLE u(k UNIQUE);
INSERT INTO u VALUES (1);
INSERT INTO u VALUES (1);
SELECT * FROM nowhere;
SELEC 1;
SELECT 'still going';
`,
};

describe('sessions print what the native sqlite3 prints', () => {
  for (const [name, sql] of Object.entries(SESSIONS)) {
    test(name, () => {
      const { box, host } = sideBySide('sqlite3 test.db', { commands, input: sql });
      expect(box.stderr).toBe(host.stderr);
      expect(box.stdout).toBe(host.stdout);
      expect(box.status).toBe(host.status);
    }, 60000);
  }
});

test('.bail on stops at the first error with status 1, as natively', () => {
  const { box, host } = sideBySide('sqlite3 -bail test.db', { commands, input: 'SELECT 1;\nSELECT x FROM y;\nSELECT 2;\n' });
  expect(box.stderr).toBe(host.stderr);
  expect(box.stdout).toBe(host.stdout);
  expect(box.status).toBe(1);
}, 60000);

test('a database the box wrote is read natively, and one written natively is read in the box', () => {
  const write = "sqlite3 made.db 'CREATE TABLE t(x, y); INSERT INTO t VALUES (1, zeroblob(5000)), (2, randomblob(70000)); PRAGMA user_version = 7;'";
  const check = "sqlite3 made.db 'PRAGMA integrity_check; PRAGMA user_version; SELECT x, length(y) FROM t;'";
  const want = 'ok\n7\n1|5000\n2|70000\n';
  const written = sideBySide(write, { commands });
  expect(written.box.status).toBe(0);
  const native = spawnSync('dash', ['-c', check], { cwd: written.boxDir, encoding: 'utf8' });
  expect(native.stdout).toBe(want);
  const read = sideBySide(check, { commands, files: { 'made.db': readFileSync(join(written.hostDir, 'made.db')) } });
  expect(read.host.stdout).toBe(want);
  expect(read.box.stdout).toBe(want);
}, 60000);

test('a process holding a write lock makes another wait or fail with "database is locked", as natively', () => {
  const line = '(echo "CREATE TABLE t(x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);"; sleep 1; echo "COMMIT;") | sqlite3 t.db & ' +
    'sleep 0.4; sqlite3 t.db "INSERT INTO t VALUES (2)"; echo "refused: $?"; ' +
    'sqlite3 -cmd ".timeout 3000" t.db "INSERT INTO t VALUES (3)"; echo "waited: $?"; wait; sqlite3 t.db "SELECT x FROM t"';
  const { box, host } = sideBySide(line, { commands });
  expect(host.stdout).toBe('refused: 5\nwaited: 0\n1\n3\n');
  expect(box.stdout).toBe(host.stdout);
  expect(box.stderr).toBe(host.stderr);
}, 60000);
