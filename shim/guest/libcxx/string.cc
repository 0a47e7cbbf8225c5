// libc++'s string.cpp for the wasi toolchain, whose libc++ Debian built
// without exceptions: in its copy, basic_string's members (at, the length
// checks) and the conversions (std::stoi and the rest) abort where they
// should throw. This file takes its place in the archive (see
// web/src/toolchain/wasi-cxx-runtime.js), built with exceptions: the same
// explicit instantiations, from the same headers, and the conversions
// written here with the exceptions and messages libc++ gives.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cwchar>
#include <limits>
#include <stdexcept>
#include <string>

_LIBCPP_BEGIN_NAMESPACE_STD

#define WASMBOX_INSTANTIATE(...) template __VA_ARGS__;
#ifdef _LIBCPP_ABI_STRING_OPTIMIZED_EXTERNAL_INSTANTIATION
_LIBCPP_STRING_UNSTABLE_EXTERN_TEMPLATE_LIST(WASMBOX_INSTANTIATE, char)
_LIBCPP_STRING_UNSTABLE_EXTERN_TEMPLATE_LIST(WASMBOX_INSTANTIATE, wchar_t)
#else
_LIBCPP_STRING_V1_EXTERN_TEMPLATE_LIST(WASMBOX_INSTANTIATE, char)
_LIBCPP_STRING_V1_EXTERN_TEMPLATE_LIST(WASMBOX_INSTANTIATE, wchar_t)
#endif
#undef WASMBOX_INSTANTIATE

template string operator+<char, char_traits<char>, allocator<char>>(char const*, string const&);

namespace {

[[noreturn]] void no_conversion(const char* func) {
  throw invalid_argument(string(func) + ": no conversion");
}
[[noreturn]] void out_of_range_in(const char* func) {
  throw out_of_range(string(func) + ": out of range");
}

// Runs libc's conversion `convert` on `s` as libc++ does: errno kept,
// ERANGE is out_of_range, nothing read is invalid_argument, `idx` gets
// how much was read.
template <class T, class Char, class Convert>
T convert(const char* func, const basic_string<Char>& s, size_t* idx, Convert convert) {
  const Char* start = s.c_str();
  Char* end = nullptr;
  const int saved = errno;
  errno = 0;
  const T value = convert(start, &end);
  const int failure = errno;
  errno = saved;
  if (failure == ERANGE) out_of_range_in(func);
  if (end == start) no_conversion(func);
  if (idx) *idx = static_cast<size_t>(end - start);
  return value;
}

// An int read as a long that must fit.
template <class Char, class Convert>
int as_int(const char* func, const basic_string<Char>& s, size_t* idx, Convert read) {
  const long value = convert<long>(func, s, idx, read);
  if (value < numeric_limits<int>::min() || value > numeric_limits<int>::max())
    out_of_range_in(func);
  return static_cast<int>(value);
}

template <class T>
string narrow(const char* format, T value) {
  const int n = snprintf(nullptr, 0, format, value);
  string out(static_cast<size_t>(n), '\0');
  snprintf(out.data(), out.size() + 1, format, value);
  return out;
}

// swprintf says only that the buffer was too small: it grows until it fits.
template <class T>
wstring wide(const wchar_t* format, T value) {
  wstring out(64, L'\0');
  for (;;) {
    const int n = swprintf(out.data(), out.size() + 1, format, value);
    if (n >= 0) {
      out.resize(static_cast<size_t>(n));
      return out;
    }
    out.resize(out.size() * 4);
  }
}

}  // namespace

int stoi(const string& s, size_t* idx, int base) {
  return as_int("stoi", s, idx, [base](const char* p, char** e) { return strtol(p, e, base); });
}
long stol(const string& s, size_t* idx, int base) {
  return convert<long>("stol", s, idx,
                       [base](const char* p, char** e) { return strtol(p, e, base); });
}
unsigned long stoul(const string& s, size_t* idx, int base) {
  return convert<unsigned long>("stoul", s, idx,
                                [base](const char* p, char** e) { return strtoul(p, e, base); });
}
long long stoll(const string& s, size_t* idx, int base) {
  return convert<long long>("stoll", s, idx,
                            [base](const char* p, char** e) { return strtoll(p, e, base); });
}
unsigned long long stoull(const string& s, size_t* idx, int base) {
  return convert<unsigned long long>(
      "stoull", s, idx, [base](const char* p, char** e) { return strtoull(p, e, base); });
}
float stof(const string& s, size_t* idx) { return convert<float>("stof", s, idx, strtof); }
double stod(const string& s, size_t* idx) { return convert<double>("stod", s, idx, strtod); }
long double stold(const string& s, size_t* idx) {
  return convert<long double>("stold", s, idx, strtold);
}

int stoi(const wstring& s, size_t* idx, int base) {
  return as_int("stoi", s, idx,
                [base](const wchar_t* p, wchar_t** e) { return wcstol(p, e, base); });
}
long stol(const wstring& s, size_t* idx, int base) {
  return convert<long>("stol", s, idx,
                       [base](const wchar_t* p, wchar_t** e) { return wcstol(p, e, base); });
}
unsigned long stoul(const wstring& s, size_t* idx, int base) {
  return convert<unsigned long>(
      "stoul", s, idx, [base](const wchar_t* p, wchar_t** e) { return wcstoul(p, e, base); });
}
long long stoll(const wstring& s, size_t* idx, int base) {
  return convert<long long>("stoll", s, idx,
                            [base](const wchar_t* p, wchar_t** e) { return wcstoll(p, e, base); });
}
unsigned long long stoull(const wstring& s, size_t* idx, int base) {
  return convert<unsigned long long>(
      "stoull", s, idx, [base](const wchar_t* p, wchar_t** e) { return wcstoull(p, e, base); });
}
float stof(const wstring& s, size_t* idx) { return convert<float>("stof", s, idx, wcstof); }
double stod(const wstring& s, size_t* idx) { return convert<double>("stod", s, idx, wcstod); }
long double stold(const wstring& s, size_t* idx) {
  return convert<long double>("stold", s, idx, wcstold);
}

string to_string(int v) { return narrow("%d", v); }
string to_string(unsigned v) { return narrow("%u", v); }
string to_string(long v) { return narrow("%ld", v); }
string to_string(unsigned long v) { return narrow("%lu", v); }
string to_string(long long v) { return narrow("%lld", v); }
string to_string(unsigned long long v) { return narrow("%llu", v); }
string to_string(float v) { return narrow("%f", static_cast<double>(v)); }
string to_string(double v) { return narrow("%f", v); }
string to_string(long double v) { return narrow("%Lf", v); }

wstring to_wstring(int v) { return wide(L"%d", v); }
wstring to_wstring(unsigned v) { return wide(L"%u", v); }
wstring to_wstring(long v) { return wide(L"%ld", v); }
wstring to_wstring(unsigned long v) { return wide(L"%lu", v); }
wstring to_wstring(long long v) { return wide(L"%lld", v); }
wstring to_wstring(unsigned long long v) { return wide(L"%llu", v); }
wstring to_wstring(float v) { return wide(L"%f", static_cast<double>(v)); }
wstring to_wstring(double v) { return wide(L"%f", v); }
wstring to_wstring(long double v) { return wide(L"%Lf", v); }

_LIBCPP_END_NAMESPACE_STD
