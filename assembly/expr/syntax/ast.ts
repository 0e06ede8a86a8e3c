// The syntax tree: built by the parser, annotated in place by the checker
// (names resolved, constants folded), walked once by the compiler. Configure
// time only. One node class with a kind keeps AssemblyScript free of casts.

import { setNumber, setString, setBool, setNull, setUndefined, SLOT_SIZE, Tag, tagOf, strPtr, strLen } from "../../value";

export const enum NodeKind {
  // From the parser
  Literal,      // value in `slot`
  Template,     // strings[i] then list[i] … then strings[last]
  Identifier,   // text = name; becomes Alias or is an error
  Unary,        // op = UnaryOp, left
  Binary,       // op = BinaryOp, left right
  Logical,      // op = LogicalOp, left right
  Conditional,  // left ? right : third
  Member,       // left . text
  Call,         // left ( list )
  SplitIndex,   // left.split( list )[ right ]; left is the receiver
  ArrayLit,     // [ list ]; an element may be a Spread
  ObjectLit,    // { list }: key, value, key, value …; a key is a string Literal or a computed expression
  Spread,       // ... left (in array literals and built-in calls)
  Index,        // left[ right ]; also left.name when left may be an array or object
  Arrow,        // ( list ) => left: list = parameter Identifiers, left = the body
  // Resolved by the checker
  Alias,        // id = alias index
  Builtin,      // constant built-in (Math.PI): id = builtin id, value in `slot`
  BuiltinCall,  // global or static function: id, list = args
  MethodCall,   // id = method id, left = receiver, list = args
  Property,     // id = property id, left = receiver
  Local,        // an arrow's parameter: id = local slot
  FunctionRef,  // a built-in function passed as a callback (Number, Math.abs): constant `slot`
}

export const enum LogicalOp { And, Or, Coalesce }

// Leaves share these empty lists (never pushed to); the parser gives calls and
// templates their own. Fewer allocations make configure faster.
const NO_NODES: Node[] = [];
const NO_STRINGS: string[] = [];

/** A syntax-tree node. A field added here must be reset in reset() too. */
export class Node {
  kind: NodeKind;
  start: i32;
  end: i32;
  /** Span of the operator or member name (for runtime spans and messages). */
  opStart: i32 = 0;
  opEnd: i32 = 0;
  op: i32 = 0;
  /** Identifier or member name. */
  text: string = "";
  left: Node | null = null;
  right: Node | null = null;
  third: Node | null = null;
  list: Node[] = NO_NODES;
  /** Template literal pieces (cooked), one more than `list`. */
  strings: string[] = NO_STRINGS;
  /** Longest path to a leaf, counting this node (set by the parser). */
  height: i32 = 1;
  /** Written in parentheses (for `??` mixing and `-x ** y` checks; ends an optional chain). */
  paren: bool = false;
  /** This link of a member/call/index chain was written with `?.`. */
  optional: bool = false;
  /** Chosen by folding a `?:`, `&&`, `||` or `??` whose other side could give an array or object. */
  foldedFromComposite: bool = false;
  /** Resolved alias, builtin, method or property id. */
  id: i32 = -1;
  /** A 16-byte value slot (heap) when the node is a known constant, else 0. */
  slot: usize = 0;

  constructor(kind: NodeKind, start: i32, end: i32) {
    this.kind = kind;
    this.start = start;
    this.end = end;
  }

  /** Every field as `new Node(kind, start, end)` has it. */
  reset(kind: NodeKind, start: i32, end: i32): void {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.opStart = 0;
    this.opEnd = 0;
    this.op = 0;
    this.text = "";
    this.left = null;
    this.right = null;
    this.third = null;
    this.list = NO_NODES;
    this.strings = NO_STRINGS;
    this.height = 1;
    this.paren = false;
    this.optional = false;
    this.foldedFromComposite = false;
    this.id = -1;
    this.slot = 0;
  }

  /** True when the checker (or the parser, for literals) knows the value. */
  // @ts-ignore: decorator
  @inline get isConstant(): bool { return this.slot != 0; }
}

// A tree lives from one parse until the next: the checker and compiler annotate and
// walk it, and nothing keeps a node after compileExpression returns (constants are
// copied into the chunk). So the parser takes nodes from a pool every parse reuses.
const nodePool: Node[] = [];
let nodesTaken: i32 = 0;

/** A node as `new Node(kind, start, end)` would make it, valid until releaseNodes(). */
export function takeNode(kind: NodeKind, start: i32, end: i32): Node {
  if (nodesTaken < nodePool.length) {
    const n = unchecked(nodePool[nodesTaken++]);
    n.reset(kind, start, end);
    return n;
  }
  const n = new Node(kind, start, end);
  nodePool.push(n);
  nodesTaken++;
  return n;
}

/** A new parse starts: every pooled node may be handed out again. */
export function releaseNodes(): void { nodesTaken = 0; }

export function leftOf(n: Node): Node { return changetype<Node>(n.left); }
export function rightOf(n: Node): Node { return changetype<Node>(n.right); }
export function thirdOf(n: Node): Node { return changetype<Node>(n.third); }

// --- constant slots ------------------------------------------------------------
// Constants live in raw heap memory for the life of the module: the VM's constant
// pool points at them and string data is copied out of the AssemblyScript String.


export function newSlot(): usize {
  const p = heap.alloc(SLOT_SIZE);
  store<u64>(p, 0);
  store<u64>(p, 0, 8);
  return p;
}

export function numberSlot(n: f64): usize { const p = newSlot(); setNumber(p, n); return p; }
export function boolSlot(b: bool): usize { const p = newSlot(); setBool(p, b); return p; }
export function nullSlot(): usize { const p = newSlot(); setNull(p); return p; }
export function undefinedSlot(): usize { const p = newSlot(); setUndefined(p); return p; }

/** A slot holding a copy of `s` (UTF-16) in raw heap memory. */
export function stringSlot(s: string): usize {
  const p = newSlot();
  const n = s.length;
  const data = heap.alloc(max(<usize>n << 1, 2));
  memory.copy(data, changetype<usize>(s), <usize>n << 1);
  setString(p, data, n);
  return p;
}

/**
 * A permanent copy of a slot computed at configure time: string data built in
 * the evaluation arena is copied to the heap, because the arena is reset.
 */
export function persistSlot(src: usize): usize {
  const p = newSlot();
  if (tagOf(src) == Tag.String) {
    const n = strLen(src);
    const data = heap.alloc(max(<usize>n << 1, 2));
    memory.copy(data, strPtr(src), <usize>n << 1);
    setString(p, data, n);
  } else {
    store<u64>(p, load<u64>(src));
    store<u64>(p, load<u64>(src, 8), 8);
  }
  return p;
}
