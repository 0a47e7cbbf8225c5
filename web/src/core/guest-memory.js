// Views of each process's linear memory for the kernel's copy imports. A
// view is rebuilt when the memory has grown (growth detaches the old
// buffer); a range still outside it is refused, never clamped.

export class GuestMemories {
  constructor() {
    /** @type {Map<number, WebAssembly.Memory>} */
    this._memories = new Map();
    /** @type {Map<number, Uint8Array>} */
    this._views = new Map();
  }

  attach(pid, memory) {
    this._memories.set(pid, memory);
    this._views.set(pid, new Uint8Array(memory.buffer));
  }

  detach(pid) {
    this._memories.delete(pid);
    this._views.delete(pid);
  }

  /**
   * The current view if [addr, addr+len) lies inside, else null. A negative
   * address or length (an i32 not made unsigned) is outside too: subarray
   * would count it from the end.
   */
  view(pid, addr, len) {
    let v = this._views.get(pid);
    if (v === undefined || addr < 0 || len < 0) return null;
    if (addr + len > v.length) {
      v = new Uint8Array(this._memories.get(pid).buffer);
      this._views.set(pid, v);
      if (addr + len > v.length) return null;
    }
    return v;
  }

  size(pid) {
    const m = this._memories.get(pid);
    return m ? m.buffer.byteLength : 0;
  }
}
