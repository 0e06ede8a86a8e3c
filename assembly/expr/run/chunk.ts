// Bytecode: opcodes, and the Chunk the compiler fills (code bytes, a constant
// pool of 16-byte slots, the source span of each instruction). finish() copies
// code and constants into raw memory, where the VM reads them without touching
// any AssemblyScript object. Operands are little-endian; jumps are forward only (an arrow's
// body is run by a nested call of the VM, not by jumping back).

import { SLOT_SIZE, copySlot } from "../../value";

export const enum Op {
  Const,        // u16 index          push constants[index]
  Load,         // u16 alias          push the alias's value from the state
  Unary,        // u8 UnaryOp         replace top with op(top)
  Binary,       // u8 BinaryOp        pop b, replace a with a op b
  JumpIfFalsy,  // u16 offset         `&&`: falsy top stays and jumps; else pop
  JumpIfTruthy, // u16 offset         `||`: truthy top stays and jumps; else pop
  JumpIfNotNullish, // u16 offset     `??`: non-nullish top stays and jumps; else pop
  PopJumpIfFalsy,   // u16 offset     `?:`: pop; jump if it was falsy
  Jump,         // u16 offset         unconditional
  CallBuiltin,  // u16 id, u8 argc    args on top -> result
  CallMethod,   // u16 id, u8 argc    receiver, args on top -> result
  GetProperty,  // u16 id             receiver on top -> result
  SplitIndex,   // u8 argc            receiver, args, index on top -> result
  Template,     // u8 count           ToString each of `count` values, concatenate
  Return,       //                    top is the result
  CheckReceiver, // u16 method id     TypeError if top is undefined/null (before the arguments run)
  CheckSplit,   // u8 argc            TypeError unless the receiver under argc args is a string
  MakeArray,    // u16 count          count values (spread ones contribute their elements) -> array
  MakeObject,   // u16 pairs          key, value pairs -> object
  Spread,       //                    mark top as a spread element (array, or string -> code points)
  GetIndex,     //                    receiver, key on top -> receiver[key]
  JumpIfNullish, // u16 offset        `?.`: nullish top becomes undefined and jumps to the chain's end
  CallBuiltinArray, // u16 id         an array of the arguments on top -> result (calls with spread)
  Arrow,        // u8 base, u8 count, u16 length  push an arrow whose body (ending in RETURN) follows; skip it
  LoadLocal,    // u8 slot           push an arrow parameter's value
}

/** CheckReceiver's id for `split` (not a method id: split is only x.split(…)[i]). */
export const SPLIT_RECEIVER: i32 = 0xffff;

/** Operand bytes after each opcode. */
export function operandBytes(op: Op): i32 {
  switch (op) {
    case Op.Unary:
    case Op.Binary:
    case Op.SplitIndex:
    case Op.CheckSplit:
    case Op.LoadLocal:
    case Op.Template: return 1;
    case Op.Arrow: return 4;
    case Op.CallBuiltin:
    case Op.CallMethod: return 3;
    case Op.Return:
    case Op.Spread:
    case Op.GetIndex: return 0;
    default: return 2;
  }
}

export function opName(op: Op): string {
  switch (op) {
    case Op.Const: return "CONST";
    case Op.Load: return "LOAD";
    case Op.Unary: return "UNARY";
    case Op.Binary: return "BINARY";
    case Op.JumpIfFalsy: return "JUMP_IF_FALSY";
    case Op.JumpIfTruthy: return "JUMP_IF_TRUTHY";
    case Op.JumpIfNotNullish: return "JUMP_IF_NOT_NULLISH";
    case Op.PopJumpIfFalsy: return "POP_JUMP_IF_FALSY";
    case Op.Jump: return "JUMP";
    case Op.CallBuiltin: return "CALL_BUILTIN";
    case Op.CallMethod: return "CALL_METHOD";
    case Op.GetProperty: return "GET_PROPERTY";
    case Op.SplitIndex: return "SPLIT_INDEX";
    case Op.Template: return "TEMPLATE";
    case Op.Return: return "RETURN";
    case Op.CheckReceiver: return "CHECK_RECEIVER";
    case Op.CheckSplit: return "CHECK_SPLIT";
    case Op.MakeArray: return "MAKE_ARRAY";
    case Op.MakeObject: return "MAKE_OBJECT";
    case Op.Spread: return "SPREAD";
    case Op.GetIndex: return "GET_INDEX";
    case Op.JumpIfNullish: return "JUMP_IF_NULLISH";
    case Op.CallBuiltinArray: return "CALL_BUILTIN_ARRAY";
    case Op.Arrow: return "ARROW";
    case Op.LoadLocal: return "LOAD_LOCAL";
  }
  return "?";
}

/** A finished chunk in raw memory, where the VM and the disassembler read it. */
export class Chunk {
  codePtr: usize = 0;
  codeLength: i32 = 0;
  /** 16-byte constant slots, in pool order. */
  constPtr: usize = 0;
  constCount: i32 = 0;
  /** Per instruction three i32: code offset, span start, span end. */
  spansPtr: usize = 0;
  spanCount: i32 = 0;
}

/**
 * Builds one chunk at a time. There is one writer, reused by every compile:
 * its arrays keep their capacity, so a config of thousands of mappings does not
 * leave thousands of outgrown buffers behind (configure time is mostly memory).
 */
export class ChunkWriter {
  code: u8[] = [];
  /** Slot addresses of the constants, in pool order. */
  constants: usize[] = [];
  /** Per instruction: code offset, span start, span end. */
  spans: i32[] = [];

  /** Start a new chunk. */
  reset(): void {
    this.code.length = 0;
    this.constants.length = 0;
    this.spans.length = 0;
  }

  /** Append an opcode, remembering the source span it came from. */
  op(op: Op, start: i32, end: i32): void {
    this.spans.push(this.code.length);
    this.spans.push(start);
    this.spans.push(end);
    this.code.push(<u8>op);
  }

  byte(b: i32): void { this.code.push(<u8>b); }

  u16(v: i32): void {
    this.code.push(<u8>(v & 0xff));
    this.code.push(<u8>((v >> 8) & 0xff));
  }

  /** Index of a constant equal in all 16 bytes to `slot`, added if new. */
  constant(slot: usize): i32 {
    for (let i = 0; i < this.constants.length; i++) {
      const c = this.constants[i];
      if (load<u64>(c) == load<u64>(slot) && load<u64>(c, 8) == load<u64>(slot, 8)) return i;
    }
    this.constants.push(slot);
    return this.constants.length - 1;
  }

  /** Patch the u16 operand at `at` with the distance from just after it to the end of code. */
  patchJump(at: i32): i32 {
    const distance = this.code.length - (at + 2);
    this.code[at] = <u8>(distance & 0xff);
    this.code[at + 1] = <u8>((distance >> 8) & 0xff);
    return distance;
  }

  /** Copy code, constants and spans into raw memory. */
  finish(): Chunk {
    const chunk = new Chunk();
    const n = this.code.length;
    chunk.codeLength = n;
    chunk.codePtr = heap.alloc(max(<usize>n, 1));
    for (let i = 0; i < n; i++) store<u8>(chunk.codePtr + <usize>i, unchecked(this.code[i]));
    const k = this.constants.length;
    chunk.constCount = k;
    chunk.constPtr = heap.alloc(max(<usize>k, 1) * SLOT_SIZE);
    for (let i = 0; i < k; i++) copySlot(chunk.constPtr + <usize>i * SLOT_SIZE, unchecked(this.constants[i]));
    const m = this.spans.length;
    chunk.spanCount = m;
    chunk.spansPtr = heap.alloc(max(<usize>m, 1) << 2);
    for (let i = 0; i < m; i++) store<i32>(chunk.spansPtr + (<usize>i << 2), unchecked(this.spans[i]));
    return chunk;
  }
}

/** The writer every compile uses (compiles do not nest). */
export const chunkWriter = new ChunkWriter();
