-- Work for bench:apps.
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO t(k, v) SELECT (i * 7919) % 1000, printf('value %d', i) FROM n;
COMMIT;
CREATE INDEX by_k ON t(k);
SELECT count(*), sum(k), max(length(v)) FROM t;
SELECT k, count(*) FROM t WHERE k BETWEEN 10 AND 12 GROUP BY k;
SELECT count(*) FROM t a JOIN t b ON a.id = b.k + 1 WHERE a.k < 100;
