// The disassembler: one line per instruction (offset, opcode, operands, and
// what they name), used by bytecode snapshot tests and the CLI's --disasm.
//
//   0000  LOAD              0  press
//   0003  CONST             1  4.00001
//   0006  BINARY          Add
//   0008  RETURN

import { Chunk, Op, opName, operandBytes, SPLIT_RECEIVER } from "../run/chunk";
import { builtinName, methodName } from "../lib/builtins";
import { valueText } from "../syntax/diagnostic";
import { SLOT_SIZE } from "../../value";
import { intText } from "../../text";

const BINARY_NAMES: string[] = [
  "Add", "Sub", "Mul", "Div", "Mod", "Exp", "Lt", "Le", "Gt", "Ge", "Eq", "Ne",
  "StrictEq", "StrictNe", "BitAnd", "BitOr", "BitXor", "Shl", "Shr", "UShr", "In",
];
const UNARY_NAMES: string[] = ["Neg", "Plus", "Not", "BitNot", "Typeof", "Void"];

export function disassembleChunk(chunk: Chunk, source: string, aliases: string[]): string {
  let out = "";
  const code = chunk.codePtr;
  let ip = 0;
  let spanAt = 0;
  while (ip < chunk.codeLength) {
    const op = <Op>byteAt(code, ip);
    let line = pad4(ip) + "  " + padRight(opName(op), 20);
    switch (op) {
      case Op.Const: {
        const k = u16At(code, ip + 1);
        line += padLeft(intText(k), 4) + "  " + valueText(chunk.constPtr + <usize>k * SLOT_SIZE);
        break;
      }
      case Op.Load: {
        const a = u16At(code, ip + 1);
        line += padLeft(intText(a), 4) + "  " + (a < aliases.length ? aliases[a] : "?");
        break;
      }
      case Op.Unary: line += padLeft(UNARY_NAMES[byteAt(code, ip + 1)], 4); break;
      case Op.Binary: line += padLeft(BINARY_NAMES[byteAt(code, ip + 1)], 4); break;
      case Op.JumpIfFalsy:
      case Op.JumpIfTruthy:
      case Op.JumpIfNotNullish:
      case Op.PopJumpIfFalsy:
      case Op.JumpIfNullish:
      case Op.Jump: {
        const d = u16At(code, ip + 1);
        line += padLeft(intText(d), 4) + "  -> " + pad4(ip + 3 + d);
        break;
      }
      case Op.CallBuiltin: {
        const id = u16At(code, ip + 1);
        line += padLeft(intText(id), 4) + "  " + builtinName(id) + " argc=" + intText(byteAt(code, ip + 3));
        break;
      }
      case Op.CallMethod: {
        const id = u16At(code, ip + 1);
        line += padLeft(intText(id), 4) + "  ." + methodName(id) + " argc=" + intText(byteAt(code, ip + 3));
        break;
      }
      case Op.GetProperty: {
        const id = u16At(code, ip + 1);
        line += padLeft(intText(id), 4) + "  ." + spanText(chunk, spanAt, source);
        break;
      }
      case Op.SplitIndex: line += padLeft(intText(byteAt(code, ip + 1)), 4) + "  argc"; break;
      case Op.CheckReceiver: {
        const id = u16At(code, ip + 1);
        line += padLeft(intText(id), 4) + "  ." + (id == SPLIT_RECEIVER ? "split" : methodName(id));
        break;
      }
      case Op.CheckSplit: line += padLeft(intText(byteAt(code, ip + 1)), 4) + "  argc"; break;
      case Op.Template: line += padLeft(intText(byteAt(code, ip + 1)), 4) + "  values"; break;
      case Op.MakeArray: line += padLeft(intText(u16At(code, ip + 1)), 4) + "  values"; break;
      case Op.MakeObject: line += padLeft(intText(u16At(code, ip + 1)), 4) + "  pairs"; break;
      case Op.CallBuiltinArray: {
        const id = u16At(code, ip + 1);
        line += padLeft(intText(id), 4) + "  " + builtinName(id) + " (arguments as an array)";
        break;
      }
      case Op.Arrow: {
        const d = u16At(code, ip + 3);
        line += padLeft(intText(byteAt(code, ip + 2)), 4) + "  params from local " + intText(byteAt(code, ip + 1)) + ", body to " + pad4(ip + 5 + d);
        break;
      }
      case Op.LoadLocal: line += padLeft(intText(byteAt(code, ip + 1)), 4) + "  " + spanText(chunk, spanAt, source); break;
      default: break;
    }
    out += trimEnd(line) + "\n";
    ip += 1 + operandBytes(op);
    spanAt += 3;
  }
  return out;
}

function spanText(chunk: Chunk, spanAt: i32, source: string): string {
  if (spanAt + 2 >= chunk.spanCount) return "";
  const at = chunk.spansPtr + (<usize>spanAt << 2);
  return source.substring(load<i32>(at, 4), load<i32>(at, 8));
}

function byteAt(code: usize, i: i32): i32 { return <i32>load<u8>(code + <usize>i); }

function u16At(code: usize, i: i32): i32 { return byteAt(code, i) | (byteAt(code, i + 1) << 8); }

function pad4(n: i32): string {
  let s = intText(n);
  while (s.length < 4) s = "0" + s;
  return s;
}

function padRight(s: string, w: i32): string {
  while (s.length < w) s += " ";
  return s;
}

function padLeft(s: string, w: i32): string {
  while (s.length < w) s = " " + s;
  return s;
}

function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) == 32) e--;
  return s.substring(0, e);
}
