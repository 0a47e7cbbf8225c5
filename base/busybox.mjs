// Coreutils-style tools: Debian's busybox as one multi-call binary, built
// from its source package by wasmbox-cc (Emscripten toolchain: vi and less
// need setjmp, tar -z and xargs fork), unmodified. The configuration is
// busybox's allnoconfig plus the applets and features listed here; no
// shell (sh is dash), nothing that needs /proc, sockets, utmp, syslog or
// mount tables.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Applets by where busybox installs them (as its busybox.links lists,
// which build() checks); SYMBOL: config symbols that are not the applet's
// name in capitals.
const BIN = ['ash', 'base64', 'cat', 'chgrp', 'chmod', 'chown', 'cp', 'date', 'dd', 'echo', 'egrep', 'false', 'fgrep',
  'grep', 'gunzip', 'gzip', 'hostname', 'kill', 'ln', 'ls', 'mkdir', 'mktemp', 'more', 'mv', 'printenv', 'pwd',
  'readlink', 'rev', 'rm', 'rmdir', 'sed', 'sleep', 'stat', 'sync', 'tar', 'touch', 'true', 'uname', 'usleep',
  'vi', 'zcat'];
const USR_BIN = ['[', '[[', 'awk', 'basename', 'bunzip2', 'bzcat', 'cksum', 'clear', 'cmp', 'comm', 'cut', 'diff',
  'dirname', 'dos2unix', 'du', 'env', 'expand', 'expr', 'factor', 'find', 'fold', 'groups', 'hd', 'head',
  'hexdump', 'id', 'install', 'less', 'md5sum', 'nl', 'od', 'paste', 'patch', 'printf', 'realpath', 'seq',
  'sha1sum', 'sha256sum', 'sha512sum', 'shuf', 'sort', 'split', 'strings', 'sum', 'tac', 'tail', 'tee', 'test',
  'tr', 'truncate', 'tty', 'unexpand', 'uniq', 'unix2dos', 'unlink', 'unxz', 'wc', 'which', 'whoami', 'xargs',
  'xxd', 'xzcat', 'yes'];
const SYMBOL = { '[': 'TEST1', '[[': 'TEST2' };
const APPLET_SYMBOLS = [...BIN, ...USR_BIN].map((a) => SYMBOL[a] ?? a.toUpperCase());

// General settings and the applets' features (symbol → value; y unless given).
const SETTINGS = {
  DESKTOP: 'y', LONG_OPTS: 'y', SHOW_USAGE: 'y', FEATURE_VERBOSE_USAGE: 'y', LFS: 'y', BUSYBOX: 'y',
  FLOAT_DURATION: 'y', FEATURE_BUFFERS_USE_MALLOC: 'y', FEATURE_NON_POSIX_CP: 'y', MONOTONIC_SYSCALL: 'y',
  // cp/mv/rm -v (without it mv -t DIR reads an unset variable).
  FEATURE_VERBOSE: 'y',
  // ls -l, id and whoami read /etc/passwd and /etc/group themselves.
  USE_BB_PWD_GRP: 'y',
  // ash, with line editing and history, is the interactive login shell
  // (/etc/passwd); /bin/sh stays dash.
  SH_IS_NONE: 'y', SH_IS_ASH: 'n', BASH_IS_NONE: 'y',
  // ASH_EXPAND_PRMT: PS1's $PWD is expanded, as dash does.
  ASH: 'y', ASH_EXPAND_PRMT: 'y', ASH_OPTIMIZE_FOR_SIZE: 'y', ASH_INTERNAL_GLOB: 'y', ASH_JOB_CONTROL: 'y', ASH_ALIAS: 'y',
  ASH_ECHO: 'y', ASH_PRINTF: 'y', ASH_TEST: 'y', ASH_GETOPTS: 'y', ASH_CMDCMD: 'y', ASH_BASH_COMPAT: 'y',
  FEATURE_SH_MATH: 'y', FEATURE_SH_MATH_64: 'y', FEATURE_SH_READ_FRAC: 'y',
  FEATURE_EDITING: 'y', FEATURE_EDITING_MAX_LEN: '1024', FEATURE_EDITING_HISTORY: '255',
  FEATURE_EDITING_SAVEHISTORY: 'y', FEATURE_TAB_COMPLETION: 'y', FEATURE_EDITING_FANCY_PROMPT: 'y',
  FEATURE_EDITING_WINCH: 'y',
  // allnoconfig leaves it 0, and less then stops after one line.
  FEATURE_LESS_MAXLINES: '9999999',
};
const FEATURES = [
  'LS_FILETYPES', 'LS_FOLLOWLINKS', 'LS_RECURSIVE', 'LS_WIDTH', 'LS_SORTFILES', 'LS_TIMESTAMPS', 'LS_USERNAME',
  'LS_COLOR', 'CATN', 'CATV', 'CP_LONG_OPTIONS', 'TOUCH_SUSV3', 'FANCY_ECHO', 'GREP_CONTEXT', 'AWK_LIBM',
  'AWK_GNU_EXTENSIONS', 'SORT_BIG', 'WC_LARGE', 'FANCY_HEAD', 'FANCY_TAIL',
  'FIND_PRINT0', 'FIND_MTIME', 'FIND_MMIN', 'FIND_PERM', 'FIND_TYPE', 'FIND_EXECUTABLE', 'FIND_XDEV',
  'FIND_MAXDEPTH', 'FIND_NEWER', 'FIND_INUM', 'FIND_SAMEFILE', 'FIND_EXEC', 'FIND_EXEC_PLUS', 'FIND_USER',
  'FIND_GROUP', 'FIND_NOT', 'FIND_DEPTH', 'FIND_PAREN', 'FIND_SIZE', 'FIND_PRUNE', 'FIND_QUIT', 'FIND_DELETE',
  'FIND_EMPTY', 'FIND_PATH', 'FIND_REGEX', 'FIND_LINKS',
  'XARGS_SUPPORT_CONFIRMATION', 'XARGS_SUPPORT_QUOTES', 'XARGS_SUPPORT_TERMOPT', 'XARGS_SUPPORT_ZERO_TERM',
  'XARGS_SUPPORT_REPL_STR', 'XARGS_SUPPORT_ARGS_FILE',
  'TR_CLASSES', 'TR_EQUIV', 'CUT_REGEX', 'TEE_USE_BLOCK_IO', 'DU_DEFAULT_BLOCKSIZE_1K', 'TEST_64',
  'FANCY_SLEEP', 'DATE_ISOFMT', 'DATE_COMPAT',
  // vi's regex search needs glibc's re_search: its plain search is used.
  'VI_8BIT', 'VI_COLON', 'VI_COLON_EXPAND', 'VI_YANKMARK', 'VI_SEARCH', 'VI_USE_SIGNALS', 'VI_DOT_CMD',
  'VI_READONLY', 'VI_SETOPTS', 'VI_SET', 'VI_WIN_RESIZE', 'VI_UNDO', 'VI_UNDO_QUEUE', 'VI_VERBOSE_STATUS',
  'LESS_BRACKETS', 'LESS_FLAGS', 'LESS_TRUNCATE', 'LESS_MARKS', 'LESS_REGEXP', 'LESS_WINCH', 'LESS_DASHCMD',
  'LESS_LINENUMS', 'LESS_RAW', 'LESS_ENV',
  'DIFF_LONG_OPTIONS', 'DIFF_DIR', 'MD5_SHA1_SUM_CHECK', 'STAT_FORMAT', 'READLINK_FOLLOW', 'DD_IBS_OBS',
  'DD_STATUS', 'TAR_LONG_OPTIONS', 'TAR_CREATE', 'TAR_AUTODETECT', 'TAR_FROM', 'TAR_OLDGNU_COMPATIBILITY',
  'TAR_GNU_EXTENSIONS', 'TAR_UNAME_GNAME', 'TAR_NOPRESERVE_TIME', 'SEAMLESS_GZ', 'SEAMLESS_BZ2', 'SEAMLESS_XZ',
  'GZIP_LONG_OPTIONS', 'GZIP_LEVELS', 'GZIP_DECOMPRESS', 'GUNZIP_LONG_OPTIONS', 'SPLIT_FANCY',
  'INSTALL_LONG_OPTIONS', 'CHOWN_LONG_OPTIONS',
].map((f) => `FEATURE_${f}`);

const WANTED = { ...Object.fromEntries([...APPLET_SYMBOLS, ...FEATURES].map((s) => [s, 'y'])), ...SETTINGS };

// wasmbox-cc for busybox's build, which assumes GNU ld: trylink's
// informational GNU ld flags, which wasm-ld rejects, are dropped.
const CC_WRAPPER = (cc) => `#!/bin/sh
for a in "$@"; do
  shift
  case $a in
    -Wl,--warn-common|-Wl,--verbose|-Wl,-Map,*) ;;
    *) set -- "$@" "$a" ;;
  esac
done
exec '${cc.replaceAll("'", "'\\''")}' "$@"
`;

// libc functions busybox uses that Emscripten's libc leaves out (clearenv,
// sethostname: undefined at link) or implements in JS (strptime,
// gethostbyname: env.* imports the box refuses). Weak, so that the guest
// library's own win once it has them.
const LIBC_GAPS = `#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

/* As musl's, but leaves an empty list rather than NULL, for exec. */
__attribute__((weak)) int clearenv(void) {
  static char *empty[1];
  environ = empty;
  return 0;
}

/* The box has one host name, which nothing may change. */
__attribute__((weak)) int sethostname(const char *name, size_t len) {
  (void)name, (void)len;
  errno = EPERM;
  return -1;
}

/* No resolver: no host is found. */
__attribute__((weak)) struct hostent *gethostbyname(const char *name) {
  (void)name;
  h_errno = HOST_NOT_FOUND;
  return NULL;
}

/* musl's own strptime (date -d, touch -d), from Emscripten's tree. */
#pragma weak strptime
#include "/usr/share/emscripten/system/lib/libc/musl/src/time/strptime.c"
`;

// .config with the wanted symbols set: `make allnoconfig` lists every
// symbol as unset; oldconfig then checks dependencies (taking defaults for
// any symbol the change made visible) and the result is checked.
function configure(src, run) {
  const make = (target) => run('make', ['HOSTCC=gcc', target], { cwd: src });
  make('allnoconfig');
  const path = join(src, '.config');
  let config = readFileSync(path, 'utf8');
  for (const [symbol, value] of Object.entries(WANTED)) {
    const line = value === 'n' ? `# CONFIG_${symbol} is not set` : `CONFIG_${symbol}=${value}`;
    const old = new RegExp(`^(# CONFIG_${symbol} is not set|CONFIG_${symbol}=.*)$`, 'm');
    config = old.test(config) ? config.replace(old, line) : `${config}${line}\n`;
  }
  writeFileSync(path, config);
  run('sh', ['-c', 'yes "" | make HOSTCC=gcc oldconfig >/dev/null'], { cwd: src });
  const got = readFileSync(path, 'utf8');
  const lost = Object.entries(WANTED).filter(([s, v]) =>
    !got.split('\n').includes(v === 'n' ? `# CONFIG_${s} is not set` : `CONFIG_${s}=${v}`));
  if (lost.length) throw new Error(`busybox config: not set as wanted: ${lost.map(([s]) => s).join(' ')}`);
}

const links = {
  ...Object.fromEntries(BIN.map((a) => [`bin/${a}`, 'busybox'])),
  ...Object.fromEntries(USR_BIN.map((a) => [`usr/bin/${a}`, '/bin/busybox'])),
};

export default {
  name: 'busybox',
  version: '1.35.0-4+deb12u1',
  aptVersion: '1:1.35.0-4+deb12u1',
  dscSha256: '9c01fe128b0eeded371c70e37d474fdb5055f71b5d0a778db44c6b0c62d3a7fa',

  /**
   * Builds in the unpacked source tree `src` with the C compiler `cc`;
   * returns the files of the image it made: image path → built file.
   */
  build(src, { cc, run }) {
    configure(src, run);
    const wrapper = join(src, 'wasmbox-cc-busybox');
    writeFileSync(wrapper, CC_WRAPPER(cc));
    chmodSync(wrapper, 0o755);
    writeFileSync(join(src, 'libc-gaps.c'), LIBC_GAPS);
    run(cc, ['-Os', '-c', 'libc-gaps.c', '-o', 'libc-gaps.o'], { cwd: src });
    // Objects are combined with emcc -r (LD); CFLAGS_busybox reaches only
    // the final link. SKIP_STRIP: emcc already leaves debug information out.
    run('make', ['-j2', `CC=${wrapper}`, 'HOSTCC=gcc', 'LD=emcc', 'AR=emar', 'RANLIB=emranlib', 'SKIP_STRIP=y',
      `CFLAGS_busybox=${join(src, 'libc-gaps.o')}`, 'busybox', 'busybox.links'], { cwd: src });
    // The links below are where busybox installs its applets.
    const made = readFileSync(join(src, 'busybox.links'), 'utf8').split('\n').filter(Boolean)
      .map((l) => l.slice(1)).sort();
    const listed = Object.keys(links).sort();
    if (made.join(' ') !== listed.join(' ')) {
      throw new Error(`busybox.links differs from the recipe's links:\n${made.join(' ')}\n${listed.join(' ')}`);
    }
    return { 'bin/busybox': join(src, 'busybox') };
  },

  links,
};
