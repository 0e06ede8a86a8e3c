// A growable byte area in linear memory: the input, output and error areas.
// Growth doubles and happens only when a batch needs more than any before it,
// so steady-state processing never allocates.

// The largest area: the stub allocator traps on blocks of 1 GiB and more, and
// doubling from below this ceiling never passes it.
const AREA_MAX: usize = 1 << 29; // 512 MiB

export class Area {
  ptr: usize = 0;
  capacity: usize = 0;
  length: usize = 0;

  /** Make room for `extra` more bytes after `length`. False if it cannot grow that far. */
  // @ts-ignore: decorator (inlined: called per output record)
  @inline reserve(extra: usize): bool {
    const need = this.length + extra;
    return need <= this.capacity || this.grow(need);
  }

  private grow(need: usize): bool {
    if (need > AREA_MAX) return false;
    let cap = this.capacity == 0 ? <usize>4096 : this.capacity;
    while (cap < need) cap <<= 1;
    this.ptr = this.ptr == 0 ? heap.alloc(cap) : heap.realloc(this.ptr, cap);
    this.capacity = cap;
    return true;
  }

  /** Replace the contents by `size` bytes of room; old contents may be lost. */
  resetTo(size: usize): bool {
    this.length = 0;
    if (size > this.capacity) {
      // Nothing to keep: allocate fresh rather than copy.
      if (size > AREA_MAX) return false;
      let cap = this.capacity == 0 ? <usize>4096 : this.capacity;
      while (cap < size) cap <<= 1;
      if (this.ptr != 0) heap.free(this.ptr);
      this.ptr = heap.alloc(cap);
      this.capacity = cap;
    }
    return true;
  }

  // @ts-ignore: decorator
  @inline get end(): usize { return this.ptr + this.length; }

  /** Append a u32 (caller reserved room). */
  // @ts-ignore: decorator
  @inline putU32(v: u32): void { store<u32>(this.ptr + this.length, v); this.length += 4; }

  /** Pad with zeros to a multiple of 4 (caller reserved room). */
  // @ts-ignore: decorator
  @inline pad4(): void {
    while ((this.length & 3) != 0) { store<u8>(this.ptr + this.length, 0); this.length++; }
  }
}

export const inputArea = new Area();
export const outputArea = new Area();
export const errorArea = new Area();
