// Host directories in Node (`--dir HOST::GUEST`): node:fs behind the
// kernel's HostFs interface (shim/src/vfs/host_fs.h). The kernel resolves
// every path component itself; paths here are relative to a mount root,
// contain no "." or "..", and are opened without following a final symlink.
import * as fs from 'node:fs';
import { join } from 'node:path';

import { ERRNO_NAMES } from '../core/abi.js';

// node:fs error codes → WASI errno: the one place host errors are mapped.
// Node names errors as POSIX does, and so does abi.js; others become EIO.
const ERRNO = Object.fromEntries(ERRNO_NAMES.slice(1).map((name, i) => [name, i + 1]));

export function errnoOf(e) {
  return ERRNO[e?.code] ?? ERRNO.EIO;
}

// The kernel's FileType numbers (shim/src/vfs/file_type.h; a test checks
// they agree).
export const FILE_TYPE = Object.freeze({
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
});

// The filetype of a (bigint) Stats or Dirent.
function typeOf(s) {
  if (s.isFile()) return FILE_TYPE.REGULAR_FILE;
  if (s.isDirectory()) return FILE_TYPE.DIRECTORY;
  if (s.isSymbolicLink()) return FILE_TYPE.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return FILE_TYPE.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return FILE_TYPE.BLOCK_DEVICE;
  return FILE_TYPE.UNKNOWN;
}

function toStat(s) {
  return {
    type: typeOf(s), ino: s.ino, nlink: Number(s.nlink), size: s.size,
    atim: s.atimeNs, mtim: s.mtimeNs, ctim: s.ctimeNs, perm: Number(s.mode & 0o7777n),
  };
}

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_NOFOLLOW } = fs.constants;
// The kernel's open flags for host files (shim/src/vfs/host_fs.h host_open).
export const OPEN = Object.freeze({ READ: 1, WRITE: 2, CREATE: 4, EXCLUSIVE: 8, TRUNCATE: 16 });

function openFlags(flags) {
  let f = O_NOFOLLOW;
  if (flags & OPEN.WRITE) f |= flags & OPEN.READ ? O_RDWR : O_WRONLY;
  else f |= O_RDONLY;
  if (flags & OPEN.CREATE) f |= O_CREAT;
  if (flags & OPEN.EXCLUSIVE) f |= O_EXCL;
  if (flags & OPEN.TRUNCATE) f |= O_TRUNC;
  return f;
}

// Runs a node:fs call: its result (0 for none), or a negative errno.
function attempt(fn) {
  try {
    return fn() ?? 0;
  } catch (e) {
    return -errnoOf(e);
  }
}

// ns since the epoch as the seconds node:fs takes, keeping ns precision
// where the platform has it (Node accepts fractional seconds).
function seconds(ns) {
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

export class NodeHostFs {
  constructor() {
    /** @type {string[]} */
    this._roots = [];
  }

  /**
   * Registers a host directory and returns its mount number. Throws if it
   * is not a directory.
   */
  addMount(hostPath) {
    const root = fs.realpathSync(hostPath);
    if (!fs.statSync(root).isDirectory()) {
      throw Object.assign(new Error(`${hostPath} is not a directory`), { code: 'ENOTDIR' });
    }
    this._roots.push(root);
    return this._roots.length - 1;
  }

  /** The real paths of the mounted directories, by mount number. */
  get roots() {
    return [...this._roots];
  }

  /**
   * Registers the directories of `roots` (another NodeHostFs's) this one
   * lacks, so that both number their mounts alike: for a process worker.
   */
  follow(roots) {
    for (const root of roots.slice(this._roots.length)) this._roots.push(root);
  }

  _path(mount, path) {
    return path === '' ? this._roots[mount] : join(this._roots[mount], path);
  }

  lstat(mount, path) {
    return attempt(() => toStat(fs.lstatSync(this._path(mount, path), { bigint: true })));
  }

  open(mount, path, flags) {
    return attempt(() => fs.openSync(this._path(mount, path), openFlags(flags), 0o666));
  }

  close(handle) {
    attempt(() => fs.closeSync(handle));
  }

  // Offsets arrive as BigInt; node:fs writes at the current position when
  // given anything but a number, so convert (exact below 2^53).
  pread(handle, bytes, offset) {
    return attempt(() => fs.readSync(handle, bytes, 0, bytes.length, Number(offset)));
  }

  pwrite(handle, bytes, offset) {
    return attempt(() => fs.writeSync(handle, bytes, 0, bytes.length, Number(offset)));
  }

  fstat(handle) {
    return attempt(() => toStat(fs.fstatSync(handle, { bigint: true })));
  }

  ftruncate(handle, size) {
    return attempt(() => fs.ftruncateSync(handle, Number(size)));
  }

  fsync(handle) {
    return attempt(() => fs.fsyncSync(handle));
  }

  utimes(mount, path, atim, mtim) {
    const p = this._path(mount, path);
    return attempt(() => {
      // node:fs has no UTIME_OMIT: keep a time by writing back its value.
      const now = atim < 0n || mtim < 0n ? fs.lstatSync(p, { bigint: true }) : null;
      fs.lutimesSync(p, seconds(atim < 0n ? now.atimeNs : atim),
        seconds(mtim < 0n ? now.mtimeNs : mtim));
    });
  }

  mkdir(mount, path) {
    return attempt(() => fs.mkdirSync(this._path(mount, path)));
  }

  rmdir(mount, path) {
    return attempt(() => fs.rmdirSync(this._path(mount, path)));
  }

  unlink(mount, path) {
    return attempt(() => fs.unlinkSync(this._path(mount, path)));
  }

  rename(mount, from, to) {
    return attempt(() => fs.renameSync(this._path(mount, from), this._path(mount, to)));
  }

  link(mount, from, to) {
    return attempt(() => fs.linkSync(this._path(mount, from), this._path(mount, to)));
  }

  symlink(mount, target, path) {
    return attempt(() => fs.symlinkSync(target, this._path(mount, path)));
  }

  readlink(mount, path) {
    return attempt(() => fs.readlinkSync(this._path(mount, path)));
  }

  readdir(mount, path) {
    return attempt(() => {
      const dir = this._path(mount, path);
      return fs.readdirSync(dir, { withFileTypes: true }).map((d) => ({
        name: d.name,
        type: typeOf(d),
        ino: fs.lstatSync(join(dir, d.name), { bigint: true }).ino,
      }));
    });
  }
}
