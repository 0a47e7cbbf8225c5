// This file defines args_* and environ_*: one helper computes the sizes
// and copies the strings, so the two calls cannot disagree.
#include <string>
#include <vector>

#include "abi/wasi/wasi.h"

namespace wb::wasi {
namespace {

// Bytes of the strings including each NUL terminator.
uint64_t string_bytes(const std::vector<std::string>& list) {
  uint64_t n = 0;
  for (const auto& s : list) n += s.size() + 1;
  return n;
}

Errno sizes(Call& c, const std::vector<std::string>& list, P count, P size) {
  WB_TRY(c.mem.write_u32(count, uint32_t(list.size())));
  return c.mem.write_u32(size, uint32_t(string_bytes(list)));
}

// Writes the pointer array and the packed NUL-terminated strings, each with
// one copy.
Errno copy(Call& c, const std::vector<std::string>& list, P ptrs, P buf) {
  const uint64_t bytes = string_bytes(list);
  WB_TRY(c.mem.check_range(ptrs, uint64_t(list.size()) * 4));
  WB_TRY(c.mem.check_range(buf, bytes));
  auto& out = c.kernel.scratch().io;
  out.resize(std::max<uint64_t>(bytes, list.size() * 4));
  uint32_t at = 0;
  for (const auto& s : list) {
    std::copy(s.begin(), s.end(), out.begin() + at);
    out[at + s.size()] = 0;
    at += uint32_t(s.size() + 1);
  }
  WB_TRY(c.mem.write(buf, out.data(), uint32_t(bytes)));
  at = buf.addr;
  for (size_t i = 0; i < list.size(); ++i) {
    for (int b = 0; b < 4; ++b) out[i * 4 + b] = uint8_t(at >> (8 * b));
    at += uint32_t(list[i].size() + 1);
  }
  return c.mem.write(ptrs, out.data(), uint32_t(list.size() * 4));
}

}  // namespace

Errno args_get(Call& c, P argv, P buf) { return copy(c, c.proc.args(), argv, buf); }
Errno args_sizes_get(Call& c, P argc, P size) { return sizes(c, c.proc.args(), argc, size); }
Errno environ_get(Call& c, P env, P buf) { return copy(c, c.proc.env(), env, buf); }
Errno environ_sizes_get(Call& c, P count, P size) { return sizes(c, c.proc.env(), count, size); }

}  // namespace wb::wasi
