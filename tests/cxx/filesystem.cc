// <filesystem> as natively, on the box's files (the directory to work in is
// the first argument).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  const fs::path dir = fs::path(argc > 1 ? argv[1] : ".") / "fs-test";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "a.txt") << "alpha\nbeta\n";
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  for (const auto& n : names) std::cout << "entry " << n << '\n';
  std::cout << "size " << fs::file_size(dir / "a.txt") << '\n';
  std::cout << "is_directory " << fs::is_directory(dir / "sub") << '\n';
  fs::rename(dir / "a.txt", dir / "b.txt");
  std::cout << "renamed " << fs::exists(dir / "b.txt") << fs::exists(dir / "a.txt") << '\n';
  try {
    (void)fs::file_size(dir / "missing");
  } catch (const fs::filesystem_error& e) {
    std::cout << "no such file: " << (e.code() == std::errc::no_such_file_or_directory) << '\n';
  }
  std::cout << "removed " << fs::remove_all(dir) << '\n';
  std::cout << "gone " << !fs::exists(dir) << '\n';
}
