/* setjmp and longjmp for wasi-libc, which has neither, over WebAssembly's
 * exception handling: wasmbox-cc compiles with clang's
 * -mllvm -wasm-enable-sjlj, which turns each function that calls setjmp
 * into one that keeps a table of its setjmp points (the functions below
 * fill and search it) and catches the C longjmp tag; longjmp throws that
 * tag with the jmp_buf and the value. Names and layouts are what LLVM 14's
 * lowering calls and expects: the table, which it allocates with room for
 * four entries plus an end mark, holds {setjmp id, label} pairs ended by
 * an id of 0; a jmp_buf's first word is its setjmp's id. */
#include <stdint.h>
#include <stdlib.h>

struct setjmp_point {
  uint32_t id;
  uint32_t label;
};

/* One thread: the table's new size, read back with getTempRet0, and the
 * ids given out, never 0. */
static uint32_t new_size;
static uint32_t last_id;

uint32_t getTempRet0(void) { return new_size; }

/* Records setjmp point `label` of the calling function, under a new id
 * kept in `env`; returns the table, grown if it was full. */
struct setjmp_point* saveSetjmp(uint32_t* env, uint32_t label, struct setjmp_point* table,
                                uint32_t size) {
  uint32_t i = 0;
  while (i < size && table[i].id != 0) ++i;
  if (i == size) {
    size *= 2;
    table = realloc(table, sizeof *table * (size + 1));
    if (!table) abort();
  }
  if (++last_id == 0) ++last_id;
  *env = last_id;
  table[i] = (struct setjmp_point){last_id, label};
  table[i + 1].id = 0;
  new_size = size;
  return table;
}

/* The label of setjmp `id` if the calling function made it, else 0 (the
 * longjmp goes on to an outer function). */
uint32_t testSetjmp(uint32_t id, const struct setjmp_point* table, uint32_t size) {
  for (uint32_t i = 0; i < size && table[i].id != 0; ++i) {
    if (table[i].id == id) return table[i].label;
  }
  return 0;
}

/* What the C longjmp tag carries: the jmp_buf and setjmp's new answer. */
static struct {
  void* env;
  int val;
} thrown;

_Noreturn void __wasm_longjmp(void* env, int val) {
  thrown.env = env;
  thrown.val = val ? val : 1; /* longjmp(env, 0) makes setjmp answer 1 */
  __builtin_wasm_throw(1, &thrown);
}
