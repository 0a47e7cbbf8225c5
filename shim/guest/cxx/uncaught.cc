// What a C++ exception that nothing caught does, as with GCC's runtime:
// "terminate called after throwing an instance of 'T'" and its what() on
// stderr, then SIGABRT (status 134 in a shell). With WebAssembly
// exceptions such an exception leaves _start instead of calling
// std::terminate; the runtime catches it there and hands it back here
// (the module exports the C++ tag, so the runtime can read the thrown
// object). Linked into every C++ program built with exceptions.
#include <cxxabi.h>
#include <unwind.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>

namespace {

void describe_current() {
  const std::type_info* type = abi::__cxa_current_exception_type();
  if (!type) return;
  int status = 0;
  char* name = abi::__cxa_demangle(type->name(), nullptr, nullptr, &status);
  std::fprintf(stderr, "terminate called after throwing an instance of '%s'\n",
               status == 0 && name ? name : type->name());
  std::free(name);
  try {
    throw;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "  what():  %s\n", e.what());
  } catch (...) {
  }
}

}  // namespace

// `thrown`: what the C++ tag carried, the exception's unwind header.
extern "C" __attribute__((export_name("__wasmbox_uncaught"))) void __wasmbox_uncaught(
    _Unwind_Exception* thrown) {
  try {
    // Thrown again, to catch it: it is then the current exception.
    _Unwind_RaiseException(thrown);
  } catch (...) {
    describe_current();
  }
  // Emscripten's standalone abort() is _Exit(1): SIGABRT first.
  std::raise(SIGABRT);
  std::abort();
}
