// A C++ exception caught, then one nothing catches: the page sees GCC's
// terminate message and the end by SIGABRT, as a terminal does.
#include <cstdio>
#include <stdexcept>

int main() {
  try {
    throw std::logic_error("first");
  } catch (const std::exception& e) {
    std::printf("caught %s\n", e.what());
  }
  throw std::runtime_error("second");
}
