// C++ as natively (tests/runtime/toolchain.test.js compares this program's
// output in the box, built with each toolchain, with g++'s): RTTI and
// dynamic_cast, iostreams and string streams, <chrono>, <random>'s
// engines, the containers and algorithms, exceptions thrown by the library
// and by the program, destructors run while unwinding.
#include <algorithm>
#include <bitset>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Square : Shape {
  double side;
  explicit Square(double s) : side(s) {}
  double area() const override { return side * side; }
};
struct Circle : Shape {
  double radius;
  explicit Circle(double r) : radius(r) {}
  double area() const override { return 3 * radius * radius; }
};

struct Noisy {
  const char* name;
  ~Noisy() { std::cout << "destroyed " << name << '\n'; }
};

// Bits from a string of 0s and 1s (std::bitset throws invalid_argument
// for any other character).
static unsigned long parse(const std::string& s) {
  Noisy guard{"guard"};
  if (s.empty()) throw std::runtime_error("empty input");
  return std::bitset<8>(s).to_ulong();
}

int main() {
  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(std::make_unique<Square>(2));
  shapes.push_back(std::make_unique<Circle>(1));
  for (const auto& s : shapes) {
    const Shape& shape = *s;
    std::cout << (dynamic_cast<const Square*>(&shape) ? "square " : "not a square ") << shape.area()
              << (typeid(shape) == typeid(Circle) ? " circle" : "") << '\n';
  }

  std::mt19937 engine(42);  // the engines' output is the standard's
  std::cout << "mt19937";
  for (int i = 0; i < 3; ++i) std::cout << ' ' << engine();
  std::cout << '\n';

  const auto start = std::chrono::steady_clock::now();
  std::cout << "steady clock moves forward: " << (std::chrono::steady_clock::now() >= start) << '\n';
  std::cout << "one minute in ms: " << std::chrono::milliseconds(std::chrono::minutes(1)).count() << '\n';

  std::vector<int> v(10);
  std::iota(v.begin(), v.end(), 1);
  std::reverse(v.begin(), v.end());
  std::sort(v.begin(), v.begin() + 5);
  std::map<std::string, int> counts;
  for (const char* w : {"pear", "fig", "pear", "apple"}) ++counts[w];
  for (const auto& [word, n] : counts) std::cout << word << '=' << n << ' ';
  std::cout << "sum=" << std::accumulate(v.begin(), v.end(), 0) << " first=" << v.front() << '\n';

  std::ostringstream os;
  os << std::hex << 255 << ' ' << std::dec << std::setw(6) << std::setfill('*') << 42 << ' ' << std::fixed
     << std::setprecision(2) << 3.14159;
  std::cout << os.str() << '\n';
  std::istringstream is("7 8 9");
  int a = 0, b = 0, c = 0;
  is >> a >> b >> c;
  std::cout << "read " << a + b + c << '\n';

  for (const char* input : {"101", "", "12"}) {
    try {
      std::cout << "parsed " << parse(input) << '\n';
    } catch (const std::invalid_argument& e) {
      std::cout << "invalid_argument from the library\n";
    } catch (const std::exception& e) {
      std::cout << "error: " << e.what() << '\n';
    }
  }
  try {
    std::vector<int>(3).at(7);
  } catch (const std::out_of_range&) {
    std::cout << "out_of_range\n";
  }
  // Conversions the library itself compiled (libc++.a, not the headers).
  for (const char* text : {"42", "x", "99999999999", " -7z"}) {
    try {
      size_t used = 0;
      const int v = std::stoi(text, &used);
      std::cout << "stoi " << v << " used " << used << '\n';
    } catch (const std::invalid_argument&) {
      std::cout << "stoi: invalid_argument\n";
    } catch (const std::out_of_range&) {
      std::cout << "stoi: out_of_range\n";
    }
  }
  std::cout << std::stod("2.5e3") << ' ' << std::stoull("ff", nullptr, 16) << ' ' << std::to_string(-12) << ' '
            << std::to_string(1.5) << ' ' << std::stoll("-9000000000") << '\n';
  try {
    std::string("abc").at(5);
  } catch (const std::out_of_range&) {
    std::cout << "string out_of_range\n";
  }
  try {
    throw Square(3);
  } catch (const Shape& s) {
    std::cout << "caught a shape of area " << s.area() << '\n';
  }
}
