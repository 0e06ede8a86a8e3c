// The command's I/O over WASI: buffered stdout/stderr, files by path (through the
// preopened directories), the atomic state file, clocks and random bytes.

import {
  fd_write, fd_read, fd_close, fd_sync, fd_fdstat_get, fd_prestat_get, fd_prestat_dir_name, path_open,
  path_filestat_get, path_rename, path_unlink_file, clock_time_get, random_get, proc_exit,
  Errno, FileType, Clock, RIGHT_FD_READ, RIGHT_FD_WRITE, RIGHT_FD_SYNC, RIGHT_FD_FILESTAT_GET,
  OFLAG_CREAT, OFLAG_TRUNC, OFLAG_DIRECTORY,
} from "./bindings";
import { intText } from "../text";
import { writeInt } from "../json/writer";

const scratch = memory.data(64); // iovecs, result words, stat buffers

// ---- output -------------------------------------------------------------------------

/** A buffered output stream on `fd`: bytes go out when the buffer fills or on flush(). */
export class Output {
  fd: u32;
  ptr: usize;
  len: i32 = 0;
  cap: i32;
  constructor(fd: u32, cap: i32) {
    this.fd = fd;
    this.cap = cap;
    this.ptr = heap.alloc(<usize>cap);
  }

  /** Room for `bytes` more bytes: flushes first if needed; returns where to write. */
  reserve(bytes: i32): usize {
    if (this.len + bytes > this.cap) {
      this.flush();
      if (bytes > this.cap) {
        // A single huge write: grow (rare: a payload near the 1 MiB limit, a long message).
        const cap = bytes;
        heap.free(this.ptr);
        this.ptr = heap.alloc(<usize>cap);
        this.cap = cap;
      }
    }
    return this.ptr + <usize>this.len;
  }
  bytes(src: usize, n: i32): void {
    if (n <= 0) return;
    memory.copy(this.reserve(n), src, <usize>n);
    this.len += n;
  }
  byte(b: i32): void { store<u8>(this.reserve(1), <u8>b); this.len++; }
  /** An ASCII string (a literal: nothing is allocated). */
  ascii(s: string): void {
    const dst = this.reserve(s.length);
    for (let i = 0; i < s.length; i++) store<u8>(dst + <usize>i, <u8>s.charCodeAt(i));
    this.len += s.length;
  }
  /** A decimal integer. */
  int(n: i64): void {
    const dst = this.reserve(21);
    this.len += writeInt(dst, n);
  }
  /** A UTF-16 string as UTF-8; lone surrogates become U+FFFD, as Node writes them. */
  text(s: string): void {
    const dst = this.reserve(s.length * 3); // may flush: read len after it
    this.len += encodeUtf8(dst, changetype<usize>(s), s.length);
  }
  flush(): void {
    writeAll(this.fd, this.ptr, this.len);
    this.len = 0;
  }
}

/** UTF-16 (`len` units at `src`) -> UTF-8 at `dst` (room for len * 3); lone surrogates -> U+FFFD. Returns bytes. */
export function encodeUtf8(dst: usize, src: usize, len: i32): i32 {
  let o = dst;
  for (let i = 0; i < len; i++) {
    let c = <u32>load<u16>(src + (<usize>i << 1));
    if (c < 0x80) { store<u8>(o++, <u8>c); continue; }
    if (c < 0x800) {
      store<u8>(o++, <u8>(0xc0 | (c >> 6)));
      store<u8>(o++, <u8>(0x80 | (c & 63)));
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const d = i + 1 < len ? <u32>load<u16>(src + (<usize>(i + 1) << 1)) : 0;
      if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        store<u8>(o++, <u8>(0xf0 | (cp >> 18)));
        store<u8>(o++, <u8>(0x80 | ((cp >> 12) & 63)));
        store<u8>(o++, <u8>(0x80 | ((cp >> 6) & 63)));
        store<u8>(o++, <u8>(0x80 | (cp & 63)));
        i++;
        continue;
      }
      c = 0xfffd;
    }
    store<u8>(o++, <u8>(0xe0 | (c >> 12)));
    store<u8>(o++, <u8>(0x80 | ((c >> 6) & 63)));
    store<u8>(o++, <u8>(0x80 | (c & 63)));
  }
  return <i32>(o - dst);
}

/** Write all `len` bytes at `ptr` to `fd`. A closed stdout (EPIPE, e.g. `| head`) ends the process with 0, as the Node CLI does. */
export function writeAll(fd: u32, ptr: usize, len: i32): Errno {
  let off = 0;
  while (off < len) {
    store<usize>(scratch, ptr + <usize>off);
    store<usize>(scratch, <usize>(len - off), sizeof<usize>());
    const err = fd_write(fd, scratch, 1, scratch + 16);
    if (err == Errno.AGAIN || err == Errno.INTR) continue;
    if (err != Errno.SUCCESS) {
      if (fd == 1 && err == Errno.PIPE) exit(0);
      return err;
    }
    off += <i32>load<u32>(scratch + 16);
  }
  return Errno.SUCCESS;
}

export const stdout = new Output(1, 1 << 20);
export const stderr = new Output(2, 64 << 10);

/** Flush both streams and exit with `code`. */
export function exit(code: i32): void {
  stdout.flush();
  stderr.flush();
  proc_exit(<u32>code);
}

/** `stream-processor: <message>` on stderr, then exit with `code`. */
export function fail(message: string, code: i32 = 2): void {
  stderr.text("stream-processor: " + message + "\n");
  exit(code);
}

// ---- input ------------------------------------------------------------------------

/** Read up to `cap` bytes from `fd` into `dst`: the bytes read (0 at the end), or -errno. */
export function readSome(fd: u32, dst: usize, cap: i32): i32 {
  while (true) {
    store<usize>(scratch, dst);
    store<usize>(scratch, <usize>cap, sizeof<usize>());
    const err = fd_read(fd, scratch, 1, scratch + 16);
    if (err == Errno.INTR || err == Errno.AGAIN) continue;
    if (err != Errno.SUCCESS) return -(<i32>err);
    return <i32>load<u32>(scratch + 16);
  }
  return 0; // not reached
}

/** Is `fd` a regular file? (A pipe or terminal is read live: see the run loop.) */
export function isRegularFile(fd: u32): bool {
  if (fd_fdstat_get(fd, scratch) != Errno.SUCCESS) return false;
  return load<u8>(scratch) == FileType.RegularFile;
}

// ---- paths ------------------------------------------------------------------------

let preopenFds: u32[] = [];
let preopenNames: string[] = [];
let preopensRead = false;

function readPreopens(): void {
  if (preopensRead) return;
  preopensRead = true;
  for (let fd: u32 = 3; ; fd++) {
    if (fd_prestat_get(fd, scratch) != Errno.SUCCESS) break;
    if (load<u8>(scratch) != 0) continue; // not a directory
    const len = <i32>load<u32>(scratch, 4);
    const buf = heap.alloc(<usize>max(len, 1));
    if (fd_prestat_dir_name(fd, buf, <usize>len) != Errno.SUCCESS) continue;
    let name = String.UTF8.decodeUnsafe(buf, <usize>len);
    while (name.length > 1 && name.endsWith("/")) name = name.substring(0, name.length - 1);
    preopenFds.push(fd);
    preopenNames.push(name);
  }
}

/** Where a path resolved to: a preopened directory and the path relative to it. */
export class Resolved {
  dirFd: u32 = 0;
  rel: string = "";
}

/** Resolve `path` against the preopened directories; null when none contains it. */
export function resolvePath(path: string): Resolved | null {
  readPreopens();
  let best = -1;
  let bestLen = -1;
  let rest = "";
  const absolute = path.startsWith("/");
  for (let i = 0; i < preopenNames.length; i++) {
    const name = preopenNames[i];
    if (absolute) {
      if (name == "/") { if (bestLen < 1) { best = i; bestLen = 1; rest = path.substring(1); } continue; }
      if (name.startsWith("/") && (path == name || path.startsWith(name + "/")) && name.length > bestLen) {
        best = i; bestLen = name.length; rest = path.substring(min(path.length, name.length + 1));
      }
    } else if (name == "." || name == "" || name == "./") {
      if (bestLen < 0) { best = i; bestLen = 0; rest = path.startsWith("./") ? path.substring(2) : path; }
    }
  }
  if (best < 0) return null;
  const r = new Resolved();
  r.dirFd = preopenFds[best];
  r.rel = rest.length == 0 ? "." : rest;
  return r;
}

/** An error as Node's fs words it: `ENOENT: no such file or directory, open 'x'`. */
export function errnoMessage(err: i32, syscall: string, path: string): string {
  let code = "E" + intText(err);
  let text = "error " + intText(err);
  switch (err) {
    case Errno.NOENT: code = "ENOENT"; text = "no such file or directory"; break;
    case Errno.ACCES: code = "EACCES"; text = "permission denied"; break;
    case Errno.PERM: code = "EPERM"; text = "operation not permitted"; break;
    case Errno.ISDIR: code = "EISDIR"; text = "illegal operation on a directory"; break;
    case Errno.NOTDIR: code = "ENOTDIR"; text = "not a directory"; break;
    case Errno.NOTCAPABLE: code = "ENOTCAPABLE"; text = "not in a directory the WASI runtime granted (wasmtime run --dir)"; break;
    case Errno.NOSPC: code = "ENOSPC"; text = "no space left on device"; break;
    case Errno.IO: code = "EIO"; text = "i/o error"; break;
    case Errno.EXIST: code = "EEXIST"; text = "file already exists"; break;
    case Errno.LOOP: code = "ELOOP"; text = "too many symbolic links encountered"; break;
    case Errno.NAMETOOLONG: code = "ENAMETOOLONG"; text = "name too long"; break;
  }
  return code + ": " + text + ", " + syscall + (path.length > 0 ? " '" + path + "'" : "");
}

let lastError = "";
/** The message of the last failed file operation (Node's wording). */
export function fileError(): string { return lastError; }

function pathBytes(s: string): ArrayBuffer { return String.UTF8.encode(s); }

/** Open `path` for reading; -1 with fileError() set on failure. */
export function openRead(path: string): i32 {
  const r = resolvePath(path);
  if (r == null) { lastError = errnoMessage(Errno.NOTCAPABLE, "open", path); return -1; }
  const p = pathBytes(r.rel);
  const err = path_open(r.dirFd, 1, changetype<usize>(p), <usize>p.byteLength, 0,
    RIGHT_FD_READ | RIGHT_FD_FILESTAT_GET, 0, 0, scratch);
  if (err != Errno.SUCCESS) { lastError = errnoMessage(err, "open", path); return -1; }
  return <i32>load<u32>(scratch);
}

export function closeFd(fd: i32): void { fd_close(<u32>fd); }

/** The whole file at `path` (its bytes at .ptr/.len), or null with fileError() set. */
export class Bytes {
  ptr: usize = 0;
  len: i32 = 0;
}
export function readFile(path: string): Bytes | null {
  const fd = openRead(path);
  if (fd < 0) return null;
  const out = new Bytes();
  let cap = 64 << 10;
  out.ptr = heap.alloc(<usize>cap);
  while (true) {
    if (out.len == cap) {
      const next = heap.alloc(<usize>cap * 2);
      memory.copy(next, out.ptr, <usize>out.len);
      heap.free(out.ptr);
      out.ptr = next;
      cap *= 2;
    }
    const n = readSome(<u32>fd, out.ptr + <usize>out.len, cap - out.len);
    if (n < 0) {
      lastError = errnoMessage(-n, "read", "");
      closeFd(fd);
      return null;
    }
    if (n == 0) break;
    out.len += n;
  }
  closeFd(fd);
  return out;
}

/** Does `path` exist? (-1: cannot tell.) */
export function pathExists(path: string): bool {
  const r = resolvePath(path);
  if (r == null) return false;
  const p = pathBytes(r.rel);
  return path_filestat_get(r.dirFd, 1, changetype<usize>(p), <usize>p.byteLength, scratch) == Errno.SUCCESS;
}

/** The directory part of `path` ("." for a bare name). */
export function dirName(path: string): string {
  const slash = path.lastIndexOf("/");
  if (slash < 0) return ".";
  if (slash == 0) return "/";
  return path.substring(0, slash);
}

function baseName(path: string): string {
  return path.substring(path.lastIndexOf("/") + 1);
}

/**
 * Replace the file at `path` by `len` bytes at `ptr` atomically: a temporary file
 * in the same directory, written and synced (fd_sync), renamed over `path`
 * (path_rename), then the directory synced. "" when done, else the error.
 */
export function writeFileAtomic(path: string, ptr: usize, len: i32): string {
  const dir = dirName(path);
  const r = resolvePath(path);
  if (r == null) return errnoMessage(Errno.NOTCAPABLE, "open", path);
  random_get(scratch, 4);
  const relDir = dirName(r.rel);
  const tmpName = "." + baseName(path) + "." + intText(<i64>load<u32>(scratch)) + ".tmp";
  const tmpRel = relDir == "." && !r.rel.startsWith("./") ? tmpName : relDir + "/" + tmpName;
  const tmpPath = dir == "." && !path.startsWith("./") ? tmpName : dir + "/" + tmpName;
  const tp = pathBytes(tmpRel);
  let err = path_open(r.dirFd, 1, changetype<usize>(tp), <usize>tp.byteLength, OFLAG_CREAT | OFLAG_TRUNC,
    RIGHT_FD_WRITE | RIGHT_FD_SYNC, 0, 0, scratch);
  if (err != Errno.SUCCESS) return errnoMessage(err, "open", tmpPath);
  const fd = load<u32>(scratch);
  err = <u16>writeAll(fd, ptr, len);
  if (err == Errno.SUCCESS) err = fd_sync(fd);
  fd_close(fd);
  if (err != Errno.SUCCESS) {
    path_unlink_file(r.dirFd, changetype<usize>(tp), <usize>tp.byteLength);
    return errnoMessage(err, "write", "");
  }
  const np = pathBytes(r.rel);
  err = path_rename(r.dirFd, changetype<usize>(tp), <usize>tp.byteLength, r.dirFd, changetype<usize>(np), <usize>np.byteLength);
  if (err != Errno.SUCCESS) {
    path_unlink_file(r.dirFd, changetype<usize>(tp), <usize>tp.byteLength);
    return errnoMessage(err, "rename", tmpPath) + " -> '" + path + "'";
  }
  // The rename itself durable: sync the directory (some runtimes cannot; the rename is still atomic).
  const dp = pathBytes(relDir);
  if (path_open(r.dirFd, 1, changetype<usize>(dp), <usize>dp.byteLength, OFLAG_DIRECTORY, RIGHT_FD_SYNC | RIGHT_FD_READ, 0, 0, scratch) == Errno.SUCCESS) {
    const dfd = load<u32>(scratch);
    fd_sync(dfd);
    fd_close(dfd);
  }
  return "";
}

// ---- clocks and randomness ----------------------------------------------------------

/** Milliseconds since the epoch (Date.now()). */
export function nowMs(): f64 {
  clock_time_get(Clock.Realtime, 1000, scratch);
  return Math.floor(<f64>load<u64>(scratch) / 1e6);
}

/** A monotonic clock in nanoseconds, for the summary's timing. */
export function monotonicNs(): u64 {
  clock_time_get(Clock.Monotonic, 1000, scratch);
  return load<u64>(scratch);
}

/** 32 random bits. */
export function randomU32(): u32 {
  random_get(scratch, 4);
  return load<u32>(scratch);
}

