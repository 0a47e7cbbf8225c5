// TarWriter: tar archives built entry by entry in tests, as tar(1) writes
// them (images unpacked, images mounted).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wb::test {

// Builds tar archives entry by entry, as tar(1) writes them.
class TarWriter {
 public:
  TarWriter& add(std::string_view name, char type, std::string_view data = "",
                 std::string_view link = "", uint64_t mtime = 1700000000, uint32_t mode = 0644) {
    std::string h(512, '\0');
    put(h, 0, name.substr(0, 100));
    put(h, 100, octal(mode, 7));
    put(h, 124, octal(data.size(), 11));
    put(h, 136, octal(mtime, 11));
    h[156] = type;
    put(h, 157, link);
    put(h, 257, "ustar");
    put(h, 263, "00");
    if (name.size() > 100) put(h, 345, name.substr(100));  // not real ustar: tests the prefix
    std::string sum = std::string(8, ' ');
    put(h, 148, sum);
    unsigned total = 0;
    for (unsigned char c : h) total += c;
    put(h, 148, octal(total, 6));
    h[154] = '\0';
    bytes_ += h;
    bytes_ += data;
    bytes_.append((512 - data.size() % 512) % 512, '\0');
    return *this;
  }
  // A pax extended header for the next entry.
  TarWriter& pax(std::string_view key, std::string_view value) {
    std::string record = " " + std::string(key) + "=" + std::string(value) + "\n";
    std::string len = std::to_string(record.size() + 2);
    if (len.size() + record.size() != std::stoul(len)) len = std::to_string(record.size() + 3);
    return add("PaxHeader", 'x', len + record);
  }
  std::string finish() const { return bytes_ + std::string(1024, '\0'); }

 private:
  static void put(std::string& h, size_t at, std::string_view s) { h.replace(at, s.size(), s); }
  static std::string octal(uint64_t v, int width) {
    std::string s(size_t(width), '0');
    for (int i = width - 1; i >= 0 && v; --i, v >>= 3) s[size_t(i)] = char('0' + (v & 7));
    return s;
  }
  std::string bytes_;
};

// An archive whose entries are named by a pax header (a 150-character
// name) and by a GNU long name ("gnu-long-name"), holding "pax" and "gnu".
inline std::string long_names_archive() {
  return TarWriter()
      .pax("path", std::string(150, 'n'))
      .add("short", '0', "pax")
      .add("././@LongLink", 'L', "gnu-long-name")
      .add("cut", '0', "gnu")
      .finish();
}

}  // namespace wb::test
