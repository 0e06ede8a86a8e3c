// A compiled regular expression: its bytecode (i32 words, jumps relative to the
// instruction) and a descriptor, both in heap memory made once at configure time.
// The matcher (matcher.ts) runs the bytecode; nothing here allocates per message.

export const enum Op {
  Match,      //                         the whole pattern matched
  Char,       // c                       one character (code unit; code point with u)
  Any,        //                         any character (`.` with s)
  Dot,        //                         any but a line terminator
  Class,      // negated n lo hi …       n sorted ranges
  Bol, BolM, Eol, EolM, WordB, NotWordB,
  SplitNext,  // off                     try the next instruction, then pc + off
  SplitJump,  // off                     try pc + off, then the next instruction
  Jump,       // off
  Save,       // n                       capture register n = position
  BackRef,    // group
  Look,       // negated off             lookahead; its body ends with LookEnd; off: after it
  LookEnd,
  RepInit,    // r                       loop counter r = 0
  Rep,        // r min max greedy off    loop head; off: the loop's exit
  RepEnter,   // r from to               an iteration starts: its position, captures from..to reset
  RepEnd,     // r off                   an iteration ends: empty check, count, back to the head
  Star,       // r min max               a greedy loop over the one-character instruction that follows,
              //                         then StarBack r; register r: the position where giving back stops
  StarBack,   // r                       resumed by backtracking only: give back one character
}

/** Words the instruction `op` at code[at] takes, its operands included. */
export function opSize(op: i32, code: i32[], at: i32): i32 {
  switch (op) {
    case Op.Class: return 3 + (code[at + 2] << 1);
    case Op.Char: case Op.SplitNext: case Op.SplitJump: case Op.Jump: case Op.Save: case Op.BackRef: case Op.RepInit: return 2;
    case Op.Look: case Op.RepEnd: return 3;
    case Op.Star: return 4;
    case Op.StarBack: return 2;
    case Op.RepEnter: return 4;
    case Op.Rep: return 6;
  }
  return 1;
}

export const enum Flag { Global = 1, IgnoreCase = 2, Multiline = 4, DotAll = 8, Unicode = 16 }

/** Loop bound standing for "no maximum". */
export const INFINITE: i32 = 0x7fffffff;

/**
 * Steps allowed per evaluation of a mapping (choice points resumed, loop
 * iterations, one per 256 characters a one-character loop takes), plus 16 for
 * each character of every string a method searches. Past it the evaluation is
 * the error regex_limit.
 */
export const STEP_LIMIT: i32 = 10000000;

// Descriptor, 40 bytes: what a RegExp value slot points at.
export const D_CODE: usize = 0;       // u32 bytecode address
export const D_FLAGS: usize = 4;      // u32 Flag bits
export const D_TEXT: usize = 8;       // u32 "/source/flags" (UTF-16), the value's ToString
export const D_TEXT_LEN: usize = 12;  // i32 its length
export const D_SOURCE_LEN: usize = 16;// i32 source length (the text from unit 1)
export const D_GROUPS: usize = 20;    // i32 capture groups, group 0 included
export const D_REGS: usize = 24;      // i32 registers the matcher needs
export const D_NAMES: usize = 28;     // u32 named groups: (group, name address, name length) i32 triples
export const D_NAME_COUNT: usize = 32;// i32 their number
export const DESCRIPTOR_SIZE: usize = 40;

// @ts-ignore: decorator
@inline export function flagsOf(d: usize): i32 { return load<i32>(d, D_FLAGS); }
// @ts-ignore: decorator
@inline export function groupsOf(d: usize): i32 { return load<i32>(d, D_GROUPS); }
