// Tests of persistent stores (vfs/store.h, vfs/store_format.h): what a
// store commits comes back whole when its files are read again, and a
// crash at any byte of a write gives back the last whole commit.
#include "vfs/store.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "box_fixture.h"
#include "vfs/store_format.h"

namespace wb::test {
namespace {

using wasi::oflag::Creat;

// The host's two files of a store, written as Host::store_write says.
struct HostFiles {
  std::vector<uint8_t> file[2];
  uint32_t active = 0;          // the one written last
  Errno fail = Errno::Success;  // what the next writes answer
  int commits = 0;
  int snapshots = 0;

  Status write(uint32_t f, uint64_t offset, std::span<const uint8_t> bytes) {
    if (fail != Errno::Success) return fail;
    EXPECT_LE(offset, file[f].size());
    file[f].resize(offset);
    file[f].insert(file[f].end(), bytes.begin(), bytes.end());
    if (offset == 0) snapshots++;
    active = f;
    commits++;
    return Errno::Success;
  }
};

class StoreTest : public BoxTest {
 protected:
  StoreTest() {
    host.store_writer = [this](uint32_t id, uint32_t file, uint64_t offset,
                               std::span<const uint8_t> bytes) {
      return files[id].write(file, offset, bytes);
    };
  }

  // Mounts a store at `at` from `from`'s files as they are now: what a
  // page that reloads would find. Returns the new store's id.
  uint32_t mount(std::string_view at, const HostFiles& from = {}) {
    const auto id = uint32_t(files.size() + 1);
    files[id] = from;
    files[id].commits = files[id].snapshots = 0;
    EXPECT_EQ(kernel.mount_store(at, id, from.file[0], from.file[1], 1 << 20), Errno::Success);
    return id;
  }

  Errno fsync(std::string_view path) {
    auto fd = open(path, 0, wasi::right::FdRead | wasi::right::FdSync);
    if (!fd.ok()) return fd.error();
    Call c = call();
    const Errno e = wasi::fd_sync(c, *fd);
    (void)close(*fd);
    return e;
  }

  // Every path under `dir`, relative to it, with what it holds: a file's
  // bytes, a symlink's target, "<dir>" for a directory.
  std::map<std::string, std::string> tree(const std::string& dir) {
    std::map<std::string, std::string> out;
    auto fd = open_dir(dir);
    if (!fd.ok()) return {{"<open failed>", dir}};
    auto entries = list(*fd, 4096);
    (void)close(*fd);
    for (const auto& e : *entries) {
      if (e.name == "." || e.name == "..") continue;
      const std::string path = dir + "/" + e.name;
      if (FileType(e.type) == FileType::Directory) {
        out[e.name] = "<dir>";
        for (auto& [p, v] : tree(path)) out[e.name + "/" + p] = v;
      } else if (FileType(e.type) == FileType::SymbolicLink) {
        out[e.name] = "-> " + *readlink(path);
      } else {
        out[e.name] = contents(path);
      }
    }
    return out;
  }

  std::map<uint32_t, HostFiles> files;
};

TEST_F(StoreTest, FilesDirectoriesLinksAndMetadataComeBack) {
  const uint32_t id = mount("/home");
  ASSERT_EQ(mkdir("home/docs"), Errno::Success);
  make_file("home/docs/note.txt", "hi\n");
  make_file("home/big", std::string(200000, 'x'));
  ASSERT_EQ(symlink("docs/note.txt", "home/link"), Errno::Success);
  ASSERT_EQ(link("home/docs/note.txt", "home/hard"), Errno::Success);
  ASSERT_EQ(mkdir("home/empty"), Errno::Success);
  ASSERT_EQ(kernel.commit_stores(), Errno::Success);
  auto before = stat_of("home/docs/note.txt");
  ASSERT_TRUE(before.ok());

  mount("/again", files[id]);
  EXPECT_EQ(tree("again"), tree("home"));
  EXPECT_EQ(contents("again/link"), "hi\n");
  auto after = stat_of("again/docs/note.txt");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->ino, before->ino);
  EXPECT_EQ(after->nlink, 2u);
  EXPECT_EQ(after->mtim, before->mtim);
  EXPECT_EQ(after->size, 3u);
  EXPECT_EQ(stat_of("again/hard")->ino, after->ino);
  EXPECT_NE(after->dev, before->dev);
  // New inodes get numbers of their own.
  make_file("again/new", "n");
  EXPECT_GT(stat_of("again/new")->ino, stat_of("again/big")->ino);
}

TEST_F(StoreTest, ClosingAWrittenFileCommitsAndReadingDoesNot) {
  const uint32_t id = mount("/home");
  make_file("home/a", "one");
  EXPECT_EQ(files[id].commits, 1);
  EXPECT_EQ(contents("home/a"), "one");
  EXPECT_EQ(files[id].commits, 1);
  auto fd = open("home/a", 0);
  ASSERT_TRUE(fd.ok());
  ASSERT_TRUE(write(*fd, "two").ok());
  EXPECT_EQ(files[id].commits, 1);  // not yet: the file is open
  Call c = call();
  ASSERT_EQ(wasi::fd_sync(c, *fd), Errno::Success);
  EXPECT_EQ(files[id].commits, 2);
  ASSERT_EQ(close(*fd), Errno::Success);
  EXPECT_EQ(files[id].commits, 2);  // nothing changed since the sync
  mount("/again", files[id]);
  EXPECT_EQ(contents("again/a"), "two");
}

TEST_F(StoreTest, RenamesRemovalsAndChangesOfMetadataComeBack) {
  const uint32_t id = mount("/home");
  ASSERT_EQ(mkdir("home/d"), Errno::Success);
  make_file("home/d/f", "f");
  make_file("home/gone", "g");
  make_file("home/keep", "k");
  ASSERT_EQ(rename("home/d/f", "home/moved"), Errno::Success);
  ASSERT_EQ(rename("home/d", "home/d2"), Errno::Success);
  ASSERT_EQ(unlink("home/gone"), Errno::Success);
  Call c = call();
  const std::string keep = "home/keep";
  ASSERT_EQ(wasi::path_filestat_set_times(c, kRoot, 0, put(keep), uint32_t(keep.size()), 5, 7,
                                          wasi::fstflag::Atim | wasi::fstflag::Mtim),
            Errno::Success);
  ASSERT_EQ(kernel.commit_stores(), Errno::Success);
  mount("/again", files[id]);
  EXPECT_EQ(tree("again"),
            (std::map<std::string, std::string>{{"d2", "<dir>"}, {"keep", "k"}, {"moved", "f"}}));
  EXPECT_EQ(stat_of("again/keep")->mtim, 7u);
  EXPECT_EQ(stat_of("again/keep")->atim, 5u);
}

TEST_F(StoreTest, ARemovalOrRenameIsKeptWhenTheCallReturns) {
  const uint32_t id = mount("/home");
  make_file("home/a", "a");
  make_file("home/b", "b");
  ASSERT_EQ(unlink("home/a"), Errno::Success);
  ASSERT_EQ(rename("home/b", "home/c"), Errno::Success);
  ASSERT_EQ(mkdir("home/d"), Errno::Success);
  mount("/again", files[id]);
  EXPECT_EQ(tree("again"), (std::map<std::string, std::string>{{"c", "b"}, {"d", "<dir>"}}));
}

TEST_F(StoreTest, AFileWrittenAfterItsLastNameWentIsNotBroughtBack) {
  const uint32_t id = mount("/home");
  auto fd = open("home/tmp", Creat);
  ASSERT_TRUE(fd.ok());
  ASSERT_EQ(unlink("home/tmp"), Errno::Success);
  ASSERT_TRUE(write(*fd, "scratch").ok());
  ASSERT_EQ(close(*fd), Errno::Success);
  ASSERT_EQ(kernel.commit_stores(), Errno::Success);
  mount("/again", files[id]);
  EXPECT_TRUE(tree("again").empty());
}

// Each commit's bytes cut at every length gives back exactly the tree of
// the last whole commit: a crash in the middle of a write loses that
// write only, and no file is ever half-written.
TEST_F(StoreTest, ACutAtAnyByteGivesBackTheLastWholeCommit) {
  const uint32_t id = mount("/home");
  std::vector<std::map<std::string, std::string>> states{{}};
  std::vector<size_t> ends{0};
  const auto committed = [&] {
    states.push_back(tree("home"));
    ends.push_back(files[id].file[files[id].active].size());
  };
  for (int i = 0; i < 6; ++i) {
    make_file("home/f" + std::to_string(i % 3), std::string(100 + i * 37, char('a' + i)));
    committed();  // at its close
    if (i == 3) {
      ASSERT_EQ(rename("home/f0", "home/renamed"), Errno::Success);
      ASSERT_EQ(kernel.commit_stores(), Errno::Success);
      committed();
    }
  }
  ASSERT_EQ(files[id].commits, 7);
  ASSERT_EQ(files[id].snapshots, 1);  // the first commit only
  const HostFiles whole = files[id];
  for (size_t cut = 0; cut <= ends.back(); ++cut) {
    const uint32_t m = mark();
    HostFiles torn = whole;
    torn.file[torn.active].resize(cut);
    const size_t last = std::upper_bound(ends.begin(), ends.end(), cut) - ends.begin() - 1;
    const std::string at = "cut" + std::to_string(cut);
    mount("/" + at, torn);
    ASSERT_EQ(tree(at), states[last]) << "cut at " << cut;
    release(m);
  }
}

TEST_F(StoreTest, ADamagedByteEndsTheStoreAtTheCommitBefore) {
  const uint32_t id = mount("/home");
  make_file("home/a", "first");
  make_file("home/b", "second");
  make_file("home/a", "third");
  HostFiles damaged = files[id];
  auto& f = damaged.file[damaged.active];
  f[f.size() - 2] ^= 0x40;  // inside the last commit's data
  mount("/again", damaged);
  EXPECT_EQ(contents("again/a"), "first");
  EXPECT_EQ(contents("again/b"), "second");
  damaged.file[damaged.active][0] ^= 1;  // the snapshot's header
  mount("/none", damaged);
  EXPECT_TRUE(tree("none").empty());
}

TEST_F(StoreTest, AFileThatOutgrewItsDataIsReplacedByASnapshot) {
  const uint32_t id = mount("/home");
  make_file("home/other", "kept");
  const std::string big(300000, 'z');
  for (int i = 0; i < 30; ++i) {
    const uint32_t m = mark();
    make_file("home/log", big.substr(0, 100000 + i));
    release(m);
  }
  EXPECT_GE(files[id].snapshots, 2);
  const auto& now = files[id];
  EXPECT_LT(now.file[now.active].size(), 3 * 100000u + (1 << 20));
  mount("/again", files[id]);
  EXPECT_EQ(contents("again/log").size(), 100029u);
  EXPECT_EQ(contents("again/other"), "kept");
  // A snapshot cut short leaves the other file, the store before it.
  HostFiles torn = files[id];
  torn.file[torn.active].resize(torn.file[torn.active].size() / 2);
  mount("/torn", torn);
  EXPECT_EQ(contents("torn/other"), "kept");
  EXPECT_GE(contents("torn/log").size(), 100000u);
}

TEST_F(StoreTest, AFullStorageFailsTheSyncAndTheChangesGoOutLater) {
  const uint32_t id = mount("/home");
  make_file("home/a", "a");
  files[id].fail = Errno::NoSpc;
  auto fd = open("home/a", 0);
  ASSERT_TRUE(fd.ok());
  ASSERT_TRUE(write(*fd, "b").ok());
  Call c = call();
  EXPECT_EQ(wasi::fd_sync(c, *fd), Errno::NoSpc);
  ASSERT_EQ(close(*fd), Errno::Success);
  EXPECT_EQ(contents("home/a"), "b");  // the box keeps working
  files[id].fail = Errno::Success;
  ASSERT_EQ(kernel.commit_stores(), Errno::Success);
  mount("/again", files[id]);
  EXPECT_EQ(contents("again/a"), "b");
}

TEST_F(StoreTest, DataPastTheCapacityIsENOSPC) {
  ASSERT_EQ(kernel.mount_store("/small", 99, {}, {}, 1000), Errno::Success);
  auto fd = open("small/f", Creat);
  ASSERT_TRUE(fd.ok());
  EXPECT_EQ(write(*fd, std::string(1001, 'x')).error(), Errno::NoSpc);
  EXPECT_TRUE(write(*fd, std::string(1000, 'x')).ok());
  ASSERT_EQ(close(*fd), Errno::Success);
}

TEST(StoreFormat, GarbageReadsAsNoStore) {
  std::vector<uint8_t> junk(4096);
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = uint8_t(i * 7 + 3);
  EXPECT_EQ(read_store(junk).length, 0u);
  EXPECT_EQ(read_store({}).length, 0u);
}

TEST_F(StoreTest, AStoreAskingForMoreThanItsCapacityIsRefused) {
  CommitWriter w(1, 0, true);
  w.dir(1, {}, std::vector<std::pair<std::string_view, uint64_t>>{{"huge", 2}});
  w.file(2, {}, 1ull << 40, 0, {});  // 1 TiB, from a commit of bytes
  const auto bytes = std::move(w).finish();
  EXPECT_EQ(kernel.mount_store("/big", 9, bytes, {}, 1 << 20), Errno::NoSpc);
}

TEST_F(StoreTest, ANewFileNeverTakesTheNumberOfOneRemoved) {
  const uint32_t id = mount("/home");
  make_file("home/secret", std::string(2000, 'S'));
  const uint64_t old = stat_of("home/secret")->ino;
  ASSERT_EQ(unlink("home/secret"), Errno::Success);
  const uint32_t again = mount("/again", files[id]);
  make_file("again/new", "");
  EXPECT_GT(stat_of("again/new")->ino, old);
  auto fd = open("again/new", 0);
  ASSERT_TRUE(fd.ok());
  Call c = call();
  const P buf = put("x");
  const P iov = alloc(8);
  put_iov(iov, buf, 1);
  const P n = alloc(4);
  ASSERT_EQ(outcome(wasi::fd_pwrite(c, *fd, iov, 1, 900, n)), Errno::Success);
  ASSERT_EQ(close(*fd), Errno::Success);
  mount("/third", files[again]);
  EXPECT_EQ(contents("third/new"), std::string(900, '\0') + "x");
}

}  // namespace
}  // namespace wb::test
