// The WASI preview1 functions the command uses: its only imports.

// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "args_sizes_get")
export declare function args_sizes_get(argc: usize, argvBufSize: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "args_get")
export declare function args_get(argv: usize, argvBuf: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_read")
export declare function fd_read(fd: u32, iovs: usize, iovsLen: usize, nread: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_write")
export declare function fd_write(fd: u32, iovs: usize, iovsLen: usize, nwritten: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_close")
export declare function fd_close(fd: u32): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_sync")
export declare function fd_sync(fd: u32): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_fdstat_get")
export declare function fd_fdstat_get(fd: u32, stat: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_prestat_get")
export declare function fd_prestat_get(fd: u32, prestat: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "fd_prestat_dir_name")
export declare function fd_prestat_dir_name(fd: u32, path: usize, pathLen: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "path_open")
export declare function path_open(dirFd: u32, dirFlags: u32, path: usize, pathLen: usize, oflags: u16,
  rightsBase: u64, rightsInheriting: u64, fdFlags: u16, fd: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "path_filestat_get")
export declare function path_filestat_get(dirFd: u32, flags: u32, path: usize, pathLen: usize, stat: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "path_rename")
export declare function path_rename(fd: u32, oldPath: usize, oldLen: usize, newFd: u32, newPath: usize, newLen: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "path_unlink_file")
export declare function path_unlink_file(fd: u32, path: usize, pathLen: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "clock_time_get")
export declare function clock_time_get(id: u32, precision: u64, time: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "random_get")
export declare function random_get(buf: usize, len: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "proc_exit")
export declare function proc_exit(code: u32): void;

export const enum Errno {
  SUCCESS = 0, ACCES = 2, AGAIN = 6, BADF = 8, EXIST = 20, INTR = 27, INVAL = 28, IO = 29, ISDIR = 31,
  LOOP = 32, NAMETOOLONG = 37, NOENT = 44, NOSPC = 51, NOTCAPABLE = 76, NOTDIR = 54, PERM = 63, PIPE = 64,
}

export const enum FileType { Unknown = 0, BlockDevice = 1, CharacterDevice = 2, Directory = 3, RegularFile = 4 }

export const enum Clock { Realtime = 0, Monotonic = 1, ProcessCputime = 2 }

// Rights (WASI preview1).
export const RIGHT_FD_READ: u64 = 1 << 1;
export const RIGHT_FD_SYNC: u64 = 1 << 4;
export const RIGHT_FD_WRITE: u64 = 1 << 6;
export const RIGHT_FD_FILESTAT_GET: u64 = 1 << 21;
export const RIGHTS_ALL: u64 = 0x1fffffff;

// path_open oflags
export const OFLAG_CREAT: u16 = 1;
export const OFLAG_DIRECTORY: u16 = 2;
export const OFLAG_EXCL: u16 = 4;
export const OFLAG_TRUNC: u16 = 8;
