// The --state file: the module's snapshot (state_export / state_import), restored
// at start if the file exists and written atomically at exit.

import { state_export, state_import, output_ptr, error_ptr, error_count } from "../index";
import { readFile, fileError, pathExists, dirName, writeFileAtomic, fail } from "./io";
import { area, u32At, text } from "./core";

export function restoreState(path: string): void {
  const bytes = readFile(path);
  if (bytes == null) {
    const problem = fileError();
    if (!problem.startsWith("ENOENT")) fail("cannot read state file '" + path + "': " + problem);
    // Fail now rather than after the whole input if the state can never be saved.
    if (!pathExists(dirName(path))) fail("cannot write state file '" + path + "': its directory does not exist");
    return;
  }
  const at = area(bytes.len);
  memory.copy(at, bytes.ptr, <usize>bytes.len);
  if (state_import(bytes.len) != 0) {
    let message = "snapshot rejected";
    if (error_count() > 0) {
      const e = <usize>error_ptr();
      message = text(e + 28 + <usize>u32At(e + 20), u32At(e + 24));
    }
    fail("cannot restore state from '" + path + "': " + message + " (delete the file to start with an empty state)");
  }
}

export function saveState(path: string): void {
  const len = state_export();
  if (len < 0) fail("cannot write state file '" + path + "': the state is too large to export (over 512 MiB)", 1);
  const problem = writeFileAtomic(path, <usize>output_ptr(), len);
  if (problem.length > 0) fail("cannot write state file '" + path + "': " + problem, 1);
}
