#!/bin/sh
# Builds every POSIX-level guest test (all *.c except wasi_*.c) with the host
# gcc and runs each in a fresh empty directory, checking that the expectations
# hold on Linux. Usage: tests/guest/run-native.sh [name ...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-gcc}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT

if [ $# -gt 0 ]; then
    names="$*"
else
    names=$(cd "$here" && ls *.c | grep -v '^wasi_' | sed 's/\.c$//')
fi

passed=0
failed=0
for name in $names; do
    if ! (cd "$here" && $CC -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror "$name.c" -o "$bin/$name" 2>"$bin/$name.cc"); then
        echo "FAIL $name (compile)"
        cat "$bin/$name.cc"
        failed=$((failed + 1))
        continue
    fi
    dir=$(mktemp -d)
    if [ "$name" = args_env ]; then
        WB_TEST=hello "$bin/$name" "$dir" extra1 "two words" '' >"$bin/$name.stdout" 2>"$bin/$name.stderr"
    else
        "$bin/$name" "$dir" >"$bin/$name.stdout" 2>"$bin/$name.stderr"
    fi
    rc=$?
    rm -rf "$dir"
    ok=1
    [ $rc -eq 0 ] || ok=0
    if [ -f "$here/$name.out" ] && ! cmp -s "$here/$name.out" "$bin/$name.stdout"; then
        echo "stdout differs from $name.out:"
        diff "$here/$name.out" "$bin/$name.stdout" | head -20
        ok=0
    fi
    if [ $ok -eq 1 ]; then
        echo "ok   $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name (exit $rc)"
        cat "$bin/$name.stderr"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
