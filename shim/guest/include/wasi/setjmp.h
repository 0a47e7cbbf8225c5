/* <setjmp.h>, which wasi-libc lacks: setjmp and longjmp over WebAssembly's
 * exception handling (shim/guest/additions/wasi/setjmp.c; wasmbox-cc
 * compiles with -mllvm -wasm-enable-sjlj, which lowers the calls).
 * sigsetjmp is setjmp: the box's signal mask is never changed by a
 * handler's longjmp. */
#ifndef WASMBOX_SETJMP_H
#define WASMBOX_SETJMP_H

#ifdef __cplusplus
extern "C" {
#endif

/* The first word is the setjmp's id; the rest as musl's, for programs that
 * copy or size it. */
typedef struct __jmp_buf_tag {
  unsigned long __jb[6];
  int __fl;
  unsigned long __ss[128 / sizeof(long)];
} jmp_buf[1];
typedef jmp_buf sigjmp_buf;

int setjmp(jmp_buf) __attribute__((__returns_twice__));
__attribute__((__noreturn__)) void longjmp(jmp_buf, int);
int _setjmp(jmp_buf) __attribute__((__returns_twice__));
__attribute__((__noreturn__)) void _longjmp(jmp_buf, int);

#define sigsetjmp(env, savemask) setjmp(env)
#define siglongjmp(env, val) longjmp(env, val)

#ifdef __cplusplus
}
#endif

#endif
