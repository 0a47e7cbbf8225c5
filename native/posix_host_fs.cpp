// This file defines PosixHostFs and the one mapping from host errno values
// to the kernel's.
#include "posix_host_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace wb {
namespace {

Errno from_errno(int e) {
  switch (e) {
    case ENOENT:
      return Errno::NoEnt;
    case EEXIST:
      return Errno::Exist;
    case ENOTDIR:
      return Errno::NotDir;
    case EISDIR:
      return Errno::IsDir;
    case ENOTEMPTY:
      return Errno::NotEmpty;
    case EACCES:
      return Errno::Acces;
    case EPERM:
      return Errno::Perm;
    case EINVAL:
      return Errno::Inval;
    case ELOOP:
      return Errno::Loop;
    case ENAMETOOLONG:
      return Errno::NameTooLong;
    case EXDEV:
      return Errno::Xdev;
    case ENOSPC:
      return Errno::NoSpc;
    case EBADF:
      return Errno::Badf;
    case EBUSY:
      return Errno::Busy;
    case EMFILE:
      return Errno::Mfile;
    case EROFS:
      return Errno::Rofs;
    case EFBIG:
      return Errno::Fbig;
    case EMLINK:
      return Errno::Mlink;
    case ETXTBSY:
      return Errno::TxtBsy;
    default:
      return Errno::Io;
  }
}

Errno last_error() { return from_errno(errno); }

uint64_t ns(const timespec& t) { return uint64_t(t.tv_sec) * 1000000000ull + uint64_t(t.tv_nsec); }

FileType type_of(mode_t m) {
  if (S_ISREG(m)) return FileType::RegularFile;
  if (S_ISDIR(m)) return FileType::Directory;
  if (S_ISLNK(m)) return FileType::SymbolicLink;
  if (S_ISCHR(m)) return FileType::CharacterDevice;
  if (S_ISBLK(m)) return FileType::BlockDevice;
  return FileType::Unknown;
}

HostStat to_host(const struct stat& st) {
  return HostStat{type_of(st.st_mode),   uint64_t(st.st_ino),
                  uint64_t(st.st_nlink), uint64_t(st.st_size),
                  ns(st.st_atim),        ns(st.st_mtim),
                  ns(st.st_ctim),        uint32_t(st.st_mode & 07777)};
}

Status check(int r) { return r == 0 ? Errno::Success : last_error(); }

timespec to_timespec(std::optional<uint64_t> t) {
  if (!t) return timespec{0, UTIME_OMIT};
  return timespec{time_t(*t / 1000000000ull), long(*t % 1000000000ull)};
}

}  // namespace

std::string PosixHostFs::full(uint32_t mount, std::string_view path) const {
  std::string p = roots_.at(mount);
  if (!path.empty()) p.append("/").append(path);
  return p;
}

Result<HostStat> PosixHostFs::lstat(uint32_t mount, std::string_view path) {
  struct stat st {};
  if (::lstat(full(mount, path).c_str(), &st) != 0) return last_error();
  return to_host(st);
}

Result<int32_t> PosixHostFs::open(uint32_t mount, std::string_view path, uint32_t flags) {
  using namespace host_open;
  int f = O_NOFOLLOW | O_CLOEXEC;
  f |= (flags & Write) ? ((flags & Read) ? O_RDWR : O_WRONLY) : O_RDONLY;
  if (flags & Create) f |= O_CREAT;
  if (flags & Exclusive) f |= O_EXCL;
  if (flags & Truncate) f |= O_TRUNC;
  const int fd = ::open(full(mount, path).c_str(), f, 0666);
  if (fd < 0) return last_error();
  return int32_t(fd);
}

void PosixHostFs::close(int32_t handle) { ::close(handle); }

Result<size_t> PosixHostFs::pread(int32_t handle, std::span<uint8_t> out, uint64_t offset) {
  const ssize_t n = ::pread(handle, out.data(), out.size(), off_t(offset));
  if (n < 0) return last_error();
  return size_t(n);
}

Result<size_t> PosixHostFs::pwrite(int32_t handle, std::span<const uint8_t> in, uint64_t offset) {
  const ssize_t n = ::pwrite(handle, in.data(), in.size(), off_t(offset));
  if (n < 0) return last_error();
  return size_t(n);
}

Result<HostStat> PosixHostFs::fstat(int32_t handle) {
  struct stat st {};
  if (::fstat(handle, &st) != 0) return last_error();
  return to_host(st);
}

Status PosixHostFs::ftruncate(int32_t handle, uint64_t size) {
  return check(::ftruncate(handle, off_t(size)));
}

Status PosixHostFs::fsync(int32_t handle) { return check(::fsync(handle)); }

Status PosixHostFs::utimes(uint32_t mount, std::string_view path, std::optional<uint64_t> atim,
                           std::optional<uint64_t> mtim) {
  const auto coarse = [&](std::optional<uint64_t> t) {
    return t ? std::optional(*t - *t % time_granularity_ns) : t;
  };
  const timespec times[2] = {to_timespec(coarse(atim)), to_timespec(coarse(mtim))};
  return check(::utimensat(AT_FDCWD, full(mount, path).c_str(), times, AT_SYMLINK_NOFOLLOW));
}

Status PosixHostFs::mkdir(uint32_t mount, std::string_view path) {
  return check(::mkdir(full(mount, path).c_str(), 0777));
}

Status PosixHostFs::rmdir(uint32_t mount, std::string_view path) {
  return check(::rmdir(full(mount, path).c_str()));
}

Status PosixHostFs::unlink(uint32_t mount, std::string_view path) {
  return check(::unlink(full(mount, path).c_str()));
}

Status PosixHostFs::rename(uint32_t mount, std::string_view from, std::string_view to) {
  return check(::rename(full(mount, from).c_str(), full(mount, to).c_str()));
}

Status PosixHostFs::link(uint32_t mount, std::string_view from, std::string_view to) {
  return check(::link(full(mount, from).c_str(), full(mount, to).c_str()));
}

Status PosixHostFs::symlink(uint32_t mount, std::string_view target, std::string_view path) {
  return check(::symlink(std::string(target).c_str(), full(mount, path).c_str()));
}

Result<std::string> PosixHostFs::readlink(uint32_t mount, std::string_view path) {
  std::string buf(4096, '\0');
  const ssize_t n = ::readlink(full(mount, path).c_str(), buf.data(), buf.size());
  if (n < 0) return last_error();
  buf.resize(size_t(n));
  return buf;
}

Result<std::vector<HostDirent>> PosixHostFs::readdir(uint32_t mount, std::string_view path) {
  DIR* d = ::opendir(full(mount, path).c_str());
  if (!d) return last_error();
  std::vector<HostDirent> out;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    FileType t = FileType::Unknown;
    switch (e->d_type) {
      case DT_REG:
        t = FileType::RegularFile;
        break;
      case DT_DIR:
        t = FileType::Directory;
        break;
      case DT_LNK:
        t = FileType::SymbolicLink;
        break;
      case DT_CHR:
        t = FileType::CharacterDevice;
        break;
      case DT_BLK:
        t = FileType::BlockDevice;
        break;
      default:
        break;
    }
    out.push_back({std::string(name), t, uint64_t(e->d_ino)});
  }
  ::closedir(d);
  return out;
}

}  // namespace wb
