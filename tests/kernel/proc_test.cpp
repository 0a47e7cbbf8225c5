// Tests of child processes: proc_spawn (program checks, inheritance, file
// actions), proc_fork (what a forked child shares and copies), proc_exec (a new image in the same
// process) and proc_wait (zombies, statuses, WNOHANG, ECHILD), and what a child's end does to
// pipes, orphans and its parent.
#include <array>

#include "abi/wasix/wasix.h"
#include "box_fixture.h"

namespace wb::test {
namespace {

using namespace wasi;

constexpr std::string_view kModule{"\0asm\1\0\0\0", 8};

struct Action {
  uint32_t op, fd, src;
  std::string path;
};

class ProcTest : public BoxTest {
 protected:
  ProcTest() {
    EXPECT_EQ(mkdir("bin"), Errno::Success);
    make_file("bin/prog", kModule);
    parent = proc;
    parent_mem = mem;
  }

  // An array of pointers to NUL-terminated copies of `strings`.
  P strings(const std::vector<std::string>& strings) {
    std::vector<uint32_t> at;
    for (const auto& s : strings) at.push_back(put(s).addr);
    P array = alloc(uint32_t(at.size() * 4) + 4);
    for (size_t i = 0; i < at.size(); ++i) store(P{array.addr + uint32_t(i) * 4}, at[i]);
    return array;
  }
  void store(P at, uint32_t v) { std::memcpy(mem->bytes.data() + at.addr, &v, 4); }

  Res<uint32_t> spawn(std::string_view path, const std::vector<Action>& actions = {},
                      const std::vector<std::string>& args = {"prog", "x"},
                      const std::vector<std::string>& env = {"K=v"}) {
    Call c = call();
    const P p = put(path);
    const P argv = strings(args), envp = strings(env);
    const P acts = alloc(uint32_t(actions.size() * 16) + 16);
    for (size_t i = 0; i < actions.size(); ++i) {
      const Action& a = actions[i];
      const P rec{acts.addr + uint32_t(i) * 16};
      store(rec, a.op);
      store(P{rec.addr + 4}, a.fd);
      store(P{rec.addr + 8}, a.path.empty() ? a.src : put(a.path).addr);
      store(P{rec.addr + 12}, uint32_t(a.path.size()));
    }
    const P out = alloc(4);
    const Errno e =
        wasix::proc_spawn(c, p, uint32_t(path.size()), argv, uint32_t(args.size()), envp,
                          uint32_t(env.size()), acts, uint32_t(actions.size()), out);
    if (e != Errno::Success) return e;
    return u32(out);
  }

  // proc_fork of the current process: the child's pid.
  Res<uint32_t> fork() {
    Call c = call();
    const P buf = alloc(wasix::kMinForkBuffer), out = alloc(4);
    const Errno e = wasix::proc_fork(c, buf, wasix::kMinForkBuffer, out);
    if (e != Errno::Success) return e;
    return u32(out);
  }

  // proc_exec of process `pid`, as if it had called it.
  Errno exec_child(uint32_t pid) {
    as(pid);
    const Errno e = exec("/bin/prog");
    as_parent();
    return e;
  }

  // proc_exec of the current process.
  Errno exec(std::string_view path, const std::vector<std::string>& args = {"next", "y"},
             const std::vector<std::string>& env = {"E=w"}) {
    Call c = call();
    const P p = put(path);
    const P argv = strings(args), envp = strings(env);
    return wasix::proc_exec(c, p, uint32_t(path.size()), argv, uint32_t(args.size()), envp,
                            uint32_t(env.size()));
  }

  // {pid, status} of proc_wait from the parent.
  Res<std::pair<uint32_t, uint32_t>> wait(int32_t pid = -1, uint32_t options = 0) {
    as_parent();
    Call c = call();
    const P status = alloc(4), out = alloc(4);
    const Errno e = outcome(wasix::proc_wait(c, uint32_t(pid), options, status, out));
    if (e != Errno::Success) return e;
    return std::pair{u32(out), u32(status)};
  }

  // Two open files: "f" holding "data", and "g", close-on-exec.
  std::pair<uint32_t, uint32_t> kept_and_cloexec() {
    make_file("f", "data");
    make_file("g", "");
    auto kept = open("f");
    auto dropped = open("g");
    EXPECT_TRUE(kept.ok() && dropped.ok());
    Call c = call();
    EXPECT_EQ(wasix::fd_fdflags_set(c, *dropped, wasix::kCloexec), Errno::Success);
    return {*kept, *dropped};
  }

  // The helpers act on process `pid` from now on.
  void as(uint32_t pid) {
    proc = kernel.process(pid);
    ASSERT_NE(proc, nullptr);
    mem = static_cast<ByteArrayMemory*>(&proc->memory());
  }
  void as_parent() {
    proc = parent;
    mem = parent_mem;
  }

  Process* parent;
  ByteArrayMemory* parent_mem;
};

TEST_F(ProcTest, SpawnStartsAChildOfTheCallerWithItsArgumentsAndEnvironment) {
  auto pid = spawn("/bin/prog", {}, {"prog", "a b", ""}, {"X=1", "Y="});
  ASSERT_TRUE(pid.ok());
  Process* child = kernel.process(*pid);
  ASSERT_NE(child, nullptr);
  EXPECT_NE(*pid, parent->pid());
  EXPECT_EQ(child->parent, parent->pid());
  EXPECT_EQ(child->args(), (std::vector<std::string>{"prog", "a b", ""}));
  EXPECT_EQ(child->env(), (std::vector<std::string>{"X=1", "Y="}));
  EXPECT_NE(child->program, nullptr);
  EXPECT_EQ(chain_path(child->cwd), "/");

  as(*pid);
  Call c = call();
  const P out = alloc(4);
  EXPECT_EQ(wasix::proc_parent(c, *pid, out), Errno::Success);
  EXPECT_EQ(u32(out), parent->pid());
}

TEST_F(ProcTest, ThePathIsFromTheWorkingDirectory) {
  parent->cwd = kernel.root_chain();
  EXPECT_TRUE(spawn("bin/prog").ok());
  EXPECT_TRUE(spawn("./bin/../bin/prog").ok());
}

TEST_F(ProcTest, OnlyAWebAssemblyModuleCanBeSpawned) {
  make_file("bin/script", "#!/bin/sh\necho hi\n");
  make_file("bin/short", "\0as");
  EXPECT_EQ(spawn("/bin/missing").error(), Errno::NoEnt);
  EXPECT_EQ(spawn("").error(), Errno::NoEnt);
  EXPECT_EQ(spawn("/bin").error(), Errno::Acces);
  EXPECT_EQ(spawn("/dev/null").error(), Errno::Acces);
  EXPECT_EQ(spawn("/bin/script").error(), Errno::NoExec);
  EXPECT_EQ(spawn("/bin/short").error(), Errno::NoExec);
  EXPECT_EQ(spawn("/bin/prog/x").error(), Errno::NotDir);
}

TEST_F(ProcTest, TheChildGetsEveryDescriptorButTheCloseOnExecOnes) {
  const auto [kept, dropped] = kept_and_cloexec();
  auto pid = spawn("/bin/prog");
  ASSERT_TRUE(pid.ok());
  as(*pid);
  EXPECT_EQ(read(kept, 10).value(), "data");
  EXPECT_EQ(read(dropped, 10).error(), Errno::Badf);
  // The preopen is still one, for the child's WASI libc to find.
  EXPECT_EQ(proc->fds().get(kRoot).value()->preopen, "/");
  // The two share the open file, its offset included.
  as_parent();
  EXPECT_EQ(read(kept, 10).value(), "");
}

TEST_F(ProcTest, FileActionsRunInOrderInTheChildOnly) {
  Call c = call();
  const P ends = alloc(8);
  ASSERT_EQ(wasix::fd_pipe(c, ends, P{ends.addr + 4}), Errno::Success);
  const uint32_t r = u32(ends), w = u32(P{ends.addr + 4});
  auto pid = spawn("/bin/prog", {{2, 1, w, ""}, {1, w, 0, ""}, {1, r, 0, ""}, {3, 0, 0, "bin"}});
  ASSERT_TRUE(pid.ok());
  as(*pid);
  EXPECT_EQ(chain_path(proc->cwd), "/bin");
  EXPECT_EQ(read(r, 1).error(), Errno::Badf);
  EXPECT_EQ(write(w, "x").error(), Errno::Badf);
  EXPECT_EQ(write(1, "through the pipe").value(), 16u);
  as_parent();
  EXPECT_EQ(read(r, 100).value(), "through the pipe");
  EXPECT_TRUE(proc->fds().get(w).ok());
}

TEST_F(ProcTest, AFailingFileActionFailsTheSpawn) {
  const uint32_t before = kernel.next_pid();
  EXPECT_EQ(spawn("/bin/prog", {{1, 40, 0, ""}}).error(), Errno::Badf);
  EXPECT_EQ(spawn("/bin/prog", {{2, 1, 41, ""}}).error(), Errno::Badf);
  EXPECT_EQ(spawn("/bin/prog", {{3, 0, 0, "nowhere"}}).error(), Errno::NoEnt);
  EXPECT_EQ(spawn("/bin/prog", {{9, 0, 0, ""}}).error(), Errno::Inval);
  EXPECT_EQ(kernel.next_pid(), before);
}

TEST_F(ProcTest, BadPointersAreFaults) {
  Call c = call();
  const P out = alloc(4);
  const P path = put("/bin/prog");
  const P far{kMemorySize - 2};
  EXPECT_EQ(wasix::proc_spawn(c, path, 9, far, 1, P{0}, 0, P{0}, 0, out), Errno::Fault);
  EXPECT_EQ(wasix::proc_spawn(c, path, 9, P{0}, 0, far, 1, P{0}, 0, out), Errno::Fault);
  EXPECT_EQ(wasix::proc_spawn(c, path, 9, P{0}, 0, P{0}, 0, far, 1, out), Errno::Fault);
  EXPECT_EQ(wasix::proc_spawn(c, path, 9, P{0}, 0, P{0}, 0, P{0}, 0, far), Errno::Fault);
  EXPECT_EQ(wasix::proc_spawn(c, path, 9, P{0}, 0, P{0}, 0, P{0}, 5000, out), Errno::Inval);
  EXPECT_EQ(wasix::proc_wait(c, uint32_t(-1), 0, far, out), Errno::Fault);
}

TEST_F(ProcTest, WaitCollectsAnEndedChildOnce) {
  auto pid = spawn("/bin/prog");
  ASSERT_TRUE(pid.ok());
  EXPECT_EQ(wait().error(), kBlocked);
  EXPECT_EQ(wait(-1, 1).value(), (std::pair<uint32_t, uint32_t>{0, 0}));  // WNOHANG
  kernel.process(*pid)->exit_code = 3;
  kernel.reap(*pid);
  ASSERT_NE(kernel.process(*pid), nullptr);  // a zombie
  EXPECT_EQ(wait().value(), (std::pair<uint32_t, uint32_t>{*pid, 3u << 8}));
  EXPECT_EQ(kernel.process(*pid), nullptr);
  EXPECT_EQ(wait().error(), Errno::Child);
}

TEST_F(ProcTest, AWaitForAChildWaitsForItsOwnEventsAndTheChildsEndWakesIt) {
  auto pid = spawn("/bin/prog");
  ASSERT_TRUE(pid.ok());
  kernel.take_woken();
  EXPECT_EQ(wait().error(), kBlocked);
  EXPECT_TRUE(parent->wait.own_events);
  kernel.reap(*pid);  // SIGCHLD, ignored, still wakes the parent
  EXPECT_EQ(kernel.take_woken(), std::vector<uint32_t>{parent->pid()});
  EXPECT_TRUE(kernel.take_woken().empty());
}

TEST_F(ProcTest, EverySignalSentWakesItsProcessOnce) {
  auto a = spawn("/bin/prog");
  auto b = spawn("/bin/prog");
  ASSERT_TRUE(a.ok() && b.ok());
  kernel.take_woken();
  ASSERT_EQ(kernel.kill(*a, 17), Errno::Success);  // ignored by default
  ASSERT_EQ(kernel.kill(*b, 15), Errno::Success);
  ASSERT_EQ(kernel.kill(*a, 28), Errno::Success);
  EXPECT_EQ(kernel.take_woken(), (std::vector<uint32_t>{*a, *b}));
}

TEST_F(ProcTest, WaitForOneChildLeavesTheOthers) {
  auto first = spawn("/bin/prog");
  auto second = spawn("/bin/prog");
  ASSERT_TRUE(first.ok() && second.ok());
  kernel.reap(*first);
  EXPECT_EQ(wait(int32_t(*second), 1).value().first, 0u);
  EXPECT_EQ(wait(int32_t(*first)).value().first, *first);
  EXPECT_EQ(wait(int32_t(*first)).error(), Errno::Child);
  EXPECT_EQ(wait(int32_t(parent->pid())).error(), Errno::Child);
  EXPECT_EQ(wait(-1, 0x100).error(), Errno::Inval);
}

TEST_F(ProcTest, TheStatusSaysHowTheChildEnded) {
  auto returned = spawn("/bin/prog");
  auto killed = spawn("/bin/prog");
  auto trapped = spawn("/bin/prog");
  kernel.reap(*returned);  // _start returned: status 0
  ASSERT_EQ(kernel.kill(*killed, 15), Errno::Success);
  kernel.reap(*killed);
  kernel.reap(*trapped, /*trapped=*/true);
  EXPECT_EQ(wait(int32_t(*returned)).value().second, 0u);
  EXPECT_EQ(wait(int32_t(*killed)).value().second, 15u);
  EXPECT_EQ(wait(int32_t(*trapped)).value().second, 6u);  // as SIGABRT
}

TEST_F(ProcTest, AChildsEndClosesItsDescriptors) {
  Call c = call();
  const P ends = alloc(8);
  ASSERT_EQ(wasix::fd_pipe(c, ends, P{ends.addr + 4}), Errno::Success);
  const uint32_t r = u32(ends), w = u32(P{ends.addr + 4});
  auto pid = spawn("/bin/prog", {{2, 1, w, ""}});
  ASSERT_TRUE(pid.ok());
  ASSERT_EQ(close(w), Errno::Success);
  EXPECT_EQ(read(r, 10).error(), kBlocked);
  kernel.reap(*pid);
  EXPECT_EQ(read(r, 10).value(), "");  // EOF: no writer left
}

TEST_F(ProcTest, OrphansGoWhenTheyEnd) {
  auto pid = spawn("/bin/prog");
  auto zombie = spawn("/bin/prog");
  kernel.reap(*zombie);
  kernel.reap(parent->pid());
  EXPECT_EQ(kernel.process(*zombie), nullptr);
  ASSERT_NE(kernel.process(*pid), nullptr);
  EXPECT_EQ(kernel.process(*pid)->parent, 0u);
  kernel.reap(*pid);
  EXPECT_EQ(kernel.process(*pid), nullptr);
}

TEST_F(ProcTest, TheParentHearsOfItsChildsEndIfItCatchesSigchld) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, 17, 2, 7), Errno::Success);
  auto pid = spawn("/bin/prog");
  kernel.reap(*pid);
  EXPECT_EQ(parent->signals.take_pending(), 1u << 17);
}

TEST_F(ProcTest, IgnoredSignalsStayIgnoredAndCaughtOnesAreReset) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, 1, 1, 0), Errno::Success);   // SIGHUP ignored
  ASSERT_EQ(wasix::proc_sigaction(c, 15, 2, 7), Errno::Success);  // SIGTERM caught
  auto pid = spawn("/bin/prog");
  const Signals& s = kernel.process(*pid)->signals;
  EXPECT_EQ(s.disposition(1), Disposition::Ignore);
  EXPECT_EQ(s.disposition(15), Disposition::Default);
}

TEST_F(ProcTest, ExecKeepsThePidAndReplacesArgumentsEnvironmentAndProgram) {
  const uint32_t pid = proc->pid();
  const uint32_t next = kernel.next_pid();
  ASSERT_EQ(exec("/bin/prog", {"prog", "a b", ""}, {"X=1"}), Errno::Success);
  EXPECT_EQ(proc->pid(), pid);
  EXPECT_EQ(kernel.process(pid), proc);
  EXPECT_EQ(kernel.next_pid(), next);  // no new process
  EXPECT_EQ(proc->args(), (std::vector<std::string>{"prog", "a b", ""}));
  EXPECT_EQ(proc->env(), (std::vector<std::string>{"X=1"}));
  EXPECT_NE(proc->program, nullptr);
}

TEST_F(ProcTest, ExecClosesTheCloseOnExecDescriptorsOnly) {
  const auto [kept, dropped] = kept_and_cloexec();
  ASSERT_EQ(exec("/bin/prog"), Errno::Success);
  EXPECT_EQ(read(kept, 10).value(), "data");
  EXPECT_EQ(read(dropped, 10).error(), Errno::Badf);
  EXPECT_EQ(proc->fds().get(kRoot).value()->preopen, "/");
}

TEST_F(ProcTest, ExecKeepsIgnoredSignalsAndResetsCaughtOnes) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, 1, 1, 0), Errno::Success);
  ASSERT_EQ(wasix::proc_sigaction(c, 15, 2, 7), Errno::Success);
  ASSERT_EQ(exec("/bin/prog"), Errno::Success);
  EXPECT_EQ(proc->signals.disposition(1), Disposition::Ignore);
  EXPECT_EQ(proc->signals.disposition(15), Disposition::Default);
}

TEST_F(ProcTest, AFailedExecChangesNothing) {
  make_file("bin/script", "#!/bin/sh\n");
  make_file("g", "");
  auto fd = open("g");
  ASSERT_TRUE(fd.ok());
  Call c = call();
  ASSERT_EQ(wasix::fd_fdflags_set(c, *fd, wasix::kCloexec), Errno::Success);
  const auto args = proc->args();
  EXPECT_EQ(exec("/bin/missing"), Errno::NoEnt);
  EXPECT_EQ(exec("/bin"), Errno::Acces);
  EXPECT_EQ(exec("/bin/script"), Errno::NoExec);
  const P far{kMemorySize - 2};
  const P path = put("/bin/prog");
  EXPECT_EQ(wasix::proc_exec(c, path, 9, far, 1, P{0}, 0), Errno::Fault);
  EXPECT_EQ(wasix::proc_exec(c, path, 9, P{0}, 0, far, 1), Errno::Fault);
  EXPECT_EQ(wasix::proc_exec(c, far, 9, P{0}, 0, P{0}, 0), Errno::Fault);
  EXPECT_EQ(proc->args(), args);
  EXPECT_TRUE(proc->fds().get(*fd).ok());
}

Errno kill_from(Call& c, int32_t pid, uint32_t sig) {
  return wasix::proc_kill(c, uint32_t(pid), sig);
}

TEST_F(ProcTest, KillEndsAChildBeforeItRuns) {
  auto pid = spawn("/bin/prog");
  ASSERT_TRUE(pid.ok());
  Call c = call();
  EXPECT_EQ(kill_from(c, int32_t(*pid), 0), Errno::Success);  // only a check
  EXPECT_FALSE(kernel.process(*pid)->has_ended());
  EXPECT_EQ(kill_from(c, int32_t(*pid), 15), Errno::Success);
  EXPECT_EQ(kernel.process(*pid)->term_signal, 15u);
  kernel.reap(*pid);
  EXPECT_EQ(wait(int32_t(*pid)).value(), (std::pair{*pid, 15u}));
  EXPECT_EQ(kill_from(c, int32_t(*pid), 0), Errno::Srch);  // collected: gone
}

TEST_F(ProcTest, KillOfAZombieSucceedsAndChangesNothing) {
  auto pid = spawn("/bin/prog");
  kernel.process(*pid)->exit(3);
  kernel.reap(*pid);
  Call c = call();
  EXPECT_EQ(kill_from(c, int32_t(*pid), 9), Errno::Success);
  EXPECT_EQ(wait(int32_t(*pid)).value(), (std::pair{*pid, 3u << 8}));
}

TEST_F(ProcTest, KillZeroSignalsEveryProcessAndMinusOneAllButTheCaller) {
  auto a = spawn("/bin/prog");
  auto b = spawn("/bin/prog");
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, 10, 2, 7), Errno::Success);  // the caller catches SIGUSR1
  EXPECT_EQ(kill_from(c, -1, 10), Errno::Success);
  EXPECT_EQ(kernel.process(*a)->term_signal, 10u);
  EXPECT_EQ(kernel.process(*b)->term_signal, 10u);
  EXPECT_EQ(parent->signals.take_pending(), 0u);
  EXPECT_EQ(kill_from(c, 0, 10), Errno::Success);
  EXPECT_EQ(parent->signals.take_pending(), 1u << 10);
}

TEST_F(ProcTest, KillChecksItsArguments) {
  Call c = call();
  EXPECT_EQ(kill_from(c, 999, 15), Errno::Srch);
  EXPECT_EQ(kill_from(c, int32_t(parent->pid()), 32), Errno::Inval);
  EXPECT_EQ(kill_from(c, int32_t(parent->pid()), 0), Errno::Success);
  EXPECT_FALSE(parent->has_ended());
}

class BigPipeTest : public BoxTest {
 protected:
  static KernelConfig config() {
    KernelConfig c = small_config();
    c.pipe_capacity = 1 << 20;
    return c;
  }
  BigPipeTest() : BoxTest(config()) {}
};

TEST_F(BigPipeTest, APipeHoldsItsConfiguredCapacityAndGrowsToIt) {
  Call c = call();
  const P ends = alloc(8);
  ASSERT_EQ(wasix::fd_pipe(c, ends, P{ends.addr + 4}), Errno::Success);
  const uint32_t r = u32(ends), w = u32(P{ends.addr + 4});
  std::string all;
  const uint32_t m = mark();
  for (int i = 0; all.size() < (1u << 20); ++i) {
    release(m);
    const std::string chunk(std::min<size_t>(50000, (1u << 20) - all.size()), char('a' + i % 26));
    ASSERT_EQ(write(w, chunk).value(), chunk.size());
    all += chunk;
    if (i == 3) {  // some read out mid-way: the ring wraps as it grows
      EXPECT_EQ(read(r, 70000).value(), all.substr(0, 70000));
      all.erase(0, 70000);
    }
  }
  EXPECT_EQ(write(w, "x").error(), kBlocked);
  std::string got;
  while (got.size() < all.size()) {
    release(m);
    got += read(r, 65536).value();
  }
  EXPECT_EQ(got, all);
}

}  // namespace
}  // namespace wb::test

namespace wb::test {
namespace {

TEST_F(ProcTest, AForkedChildGoesOnWithTheParentsArgumentsEnvironmentAndDirectory) {
  ASSERT_EQ(mkdir("work"), Errno::Success);
  auto work = resolve(kernel.root_chain(), "/work", Follow::Yes);
  ASSERT_TRUE(work.ok());
  parent->cwd = take_dir_chain(*work);
  auto pid = fork();
  ASSERT_TRUE(pid.ok());
  Process* child = kernel.process(*pid);
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(child->parent, parent->pid());
  EXPECT_EQ(child->args(), parent->args());
  EXPECT_EQ(child->env(), parent->env());
  EXPECT_EQ(chain_path(child->cwd), "/work");
  EXPECT_EQ(child->program, nullptr);  // the runtime copies the parent's instance
}

TEST_F(ProcTest, AForkedChildSharesEveryDescriptorCloseOnExecOnesToo) {
  const auto [kept, cloexec] = kept_and_cloexec();
  auto pid = fork();
  ASSERT_TRUE(pid.ok());
  as(*pid);
  EXPECT_EQ(read(kept, 2).value(), "da");
  Call c = call();
  const P flags = alloc(4);
  ASSERT_EQ(wasix::fd_fdflags_get(c, cloexec, flags), Errno::Success);
  EXPECT_EQ(u32(flags), wasix::kCloexec);
  as_parent();
  EXPECT_EQ(read(kept, 10).value(), "ta");  // one offset: the open file is shared
}

TEST_F(ProcTest, APipeSeesItsEndOnlyWhenTheForkedCopiesClose) {
  Call c = call();
  const P ends = alloc(8);
  ASSERT_EQ(wasix::fd_pipe(c, ends, P{ends.addr + 4}), Errno::Success);
  const uint32_t r = u32(ends), w = u32(P{ends.addr + 4});
  auto pid = fork();
  ASSERT_TRUE(pid.ok());
  ASSERT_EQ(close(w), Errno::Success);
  EXPECT_EQ(read(r, 10).error(), kBlocked);  // the child still holds a writer
  as(*pid);
  EXPECT_EQ(write(w, "hi").value(), 2u);
  kernel.reap(*pid);
  as_parent();
  EXPECT_EQ(read(r, 10).value(), "hi");
  EXPECT_EQ(read(r, 10).value(), "");
}

TEST_F(ProcTest, AForkedChildKeepsSignalDispositionsButNoPendingSignal) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, 1, 1, 0), Errno::Success);   // SIGHUP ignored
  ASSERT_EQ(wasix::proc_sigaction(c, 15, 2, 7), Errno::Success);  // SIGTERM caught
  ASSERT_EQ(kernel.kill(parent->pid(), 15), Errno::Success);
  auto pid = fork();
  ASSERT_TRUE(pid.ok());
  Signals& s = kernel.process(*pid)->signals;
  EXPECT_EQ(s.disposition(1), Disposition::Ignore);
  EXPECT_EQ(s.disposition(15), Disposition::Catch);
  EXPECT_EQ(s.entry, 7u);
  EXPECT_EQ(s.take_pending(), 0u);
  EXPECT_EQ(parent->signals.take_pending(), 1u << 15);
}

TEST_F(ProcTest, TheParentWaitsForAForkedChildAsForASpawnedOne) {
  auto pid = fork();
  ASSERT_TRUE(pid.ok());
  EXPECT_EQ(wait().error(), kBlocked);
  kernel.process(*pid)->exit_code = 9;
  kernel.reap(*pid);
  EXPECT_EQ(wait().value(), (std::pair<uint32_t, uint32_t>{*pid, 9u << 8}));
}

TEST_F(ProcTest, ForkChecksItsBufferAndResultBeforeMakingAChild) {
  Call c = call();
  const uint32_t before = kernel.next_pid();
  const P buf = alloc(wasix::kMinForkBuffer), out = alloc(4);
  const P far{kMemorySize - 2};
  EXPECT_EQ(wasix::proc_fork(c, buf, wasix::kMinForkBuffer - 1, out), Errno::Inval);
  EXPECT_EQ(wasix::proc_fork(c, far, wasix::kMinForkBuffer, out), Errno::Fault);
  EXPECT_EQ(wasix::proc_fork(c, buf, uint32_t(-1), out), Errno::Fault);
  EXPECT_EQ(wasix::proc_fork(c, buf, wasix::kMinForkBuffer, far), Errno::Fault);
  EXPECT_EQ(kernel.next_pid(), before);
}

TEST_F(ProcTest, ABoxHoldsABoundedNumberOfProcesses) {
  std::vector<uint32_t> children;
  for (;;) {
    auto pid = fork();
    if (!pid.ok()) {
      EXPECT_EQ(pid.error(), Errno::Again);
      break;
    }
    children.push_back(*pid);
    ASSERT_LE(children.size(), kMaxProcesses);
  }
  EXPECT_EQ(spawn("/bin/prog").error(), Errno::Again);
  // A zombie still counts; one collected makes room.
  kernel.reap(children.back());
  EXPECT_EQ(fork().error(), Errno::Again);
  ASSERT_TRUE(wait(int32_t(children.back())).ok());
  EXPECT_TRUE(fork().ok());
}

}  // namespace
}  // namespace wb::test

// Process groups and sessions, as a shell's job control uses them.
namespace wb::test {
namespace {

class GroupTest : public ProcTest {
 protected:
  Errno setpgid(uint32_t pid, uint32_t pgid) {
    Call c = call();
    return wasix::proc_setpgid(c, pid, pgid);
  }
  // What a call writes to its one result (a u32), or its errno.
  template <class Fn>
  Res<uint32_t> result_of(Fn fn) {
    Call c = call();
    const P out = alloc(4);
    const Errno e = fn(c, out);
    if (e != Errno::Success) return e;
    return u32(out);
  }
  Res<uint32_t> getpgid(uint32_t pid) {
    return result_of([&](Call& c, P out) { return wasix::proc_getpgid(c, pid, out); });
  }
  Res<uint32_t> setsid() {
    return result_of([](Call& c, P out) { return wasix::proc_setsid(c, out); });
  }
  Errno kill(int32_t pid, uint32_t sig) {
    Call c = call();
    return wasix::proc_kill(c, uint32_t(pid), sig);
  }
  // A child of the parent, started: `ended` if it has.
  uint32_t child() {
    as_parent();
    auto pid = spawn("/bin/prog");
    EXPECT_TRUE(pid.ok());
    return pid.ok() ? *pid : 0;
  }
};

TEST_F(GroupTest, TheProcessTheHostStartsLeadsASessionAndTheForegroundGroup) {
  const uint32_t me = parent->pid();
  EXPECT_EQ(getpgid(0).value(), me);
  EXPECT_EQ(parent->sid, me);
  EXPECT_EQ(kernel.foreground_group(), me);
  // A session leader cannot move to another group, nor start a session.
  EXPECT_EQ(setpgid(0, 0), Errno::Perm);
  EXPECT_EQ(setsid().error(), Errno::Perm);
}

TEST_F(GroupTest, AChildStartsInItsParentsGroupAndCanLeadItsOwn) {
  const uint32_t a = child(), b = child();
  EXPECT_EQ(getpgid(a).value(), parent->pid());
  EXPECT_EQ(kernel.process(a)->sid, parent->sid);
  // The parent puts a in a group of its own, then b in a's group (a pipeline).
  EXPECT_EQ(setpgid(a, a), Errno::Success);
  EXPECT_EQ(setpgid(b, a), Errno::Success);
  EXPECT_EQ(getpgid(b).value(), a);
  // b's own call to do the same, as a shell's child makes it too, is fine.
  as(b);
  EXPECT_EQ(setpgid(0, a), Errno::Success);
  as_parent();
  // A forked child of b starts in a's group.
  as(b);
  auto grandchild = fork();
  ASSERT_TRUE(grandchild.ok());
  EXPECT_EQ(kernel.process(*grandchild)->pgid, a);
}

// Side by side, a pipeline's first process may have ended before the
// shell forks the next: a group lasts while a member has not been waited
// for, zombies included, as on Linux.
TEST_F(GroupTest, AGroupWhoseMembersEndedLastsUntilTheyAreWaitedFor) {
  const uint32_t a = child(), b = child();
  kernel.reap(a);  // ended before its parent set its group: a zombie
  EXPECT_EQ(setpgid(a, a), Errno::Success);
  EXPECT_EQ(setpgid(b, a), Errno::Success);
  EXPECT_EQ(kernel.set_foreground_group(*kernel.process(b), a), Errno::Success);
  ASSERT_TRUE(wait(int32_t(a)).ok());  // a is gone; b alone is in the group
  EXPECT_EQ(kernel.set_foreground_group(*parent, a), Errno::Success);
  kernel.reap(b);
  ASSERT_TRUE(wait(int32_t(b)).ok());
  EXPECT_EQ(setpgid(child(), a), Errno::Perm);  // no member left
}

TEST_F(GroupTest, SetpgidChecksAsLinuxDoes) {
  const uint32_t a = child();
  EXPECT_EQ(setpgid(999, 0), Errno::Srch);            // no such process
  EXPECT_EQ(setpgid(a, 424242), Errno::Perm);         // no such group in the session
  EXPECT_EQ(setpgid(a, uint32_t(-5)), Errno::Inval);  // a negative group
  as(a);
  EXPECT_EQ(setpgid(parent->pid(), 0), Errno::Srch);  // not the caller's child
  as_parent();
  ASSERT_EQ(exec_child(a), Errno::Success);
  EXPECT_EQ(setpgid(a, 0), Errno::Acces);  // it has exec'd
}

TEST_F(GroupTest, SetsidMakesANewSessionForOneThatLeadsNoGroup) {
  const uint32_t a = child();
  as(a);
  EXPECT_EQ(setsid().value(), a);
  EXPECT_EQ(proc->sid, a);
  EXPECT_EQ(proc->pgid, a);
  EXPECT_EQ(setsid().error(), Errno::Perm);  // now a group leader
  as_parent();
  // In another session: the parent cannot move it, nor join its group.
  EXPECT_EQ(setpgid(a, parent->pid()), Errno::Perm);
}

TEST_F(GroupTest, KillReachesTheGroupItNames) {
  const uint32_t a = child(), b = child(), c = child();
  ASSERT_EQ(setpgid(a, a), Errno::Success);
  ASSERT_EQ(setpgid(b, a), Errno::Success);
  EXPECT_EQ(kill(-int32_t(a), 15), Errno::Success);
  EXPECT_TRUE(kernel.process(a)->has_ended());
  EXPECT_TRUE(kernel.process(b)->has_ended());
  EXPECT_FALSE(kernel.process(c)->has_ended());
  EXPECT_EQ(kill(-424242, 15), Errno::Srch);
  // 0: the caller's own group, c and the parent.
  as(c);
  EXPECT_EQ(kill(0, 15), Errno::Success);
  EXPECT_TRUE(kernel.process(c)->has_ended());
  EXPECT_TRUE(parent->has_ended());
}

TEST_F(GroupTest, WaitpidSelectsByGroup) {
  const uint32_t a = child(), b = child();
  ASSERT_EQ(setpgid(a, a), Errno::Success);
  kernel.reap(a);
  kernel.reap(b);
  EXPECT_EQ(wait(0).value().first, b);  // the parent's group: b only
  EXPECT_EQ(wait(0, 1).error(), Errno::Child);
  EXPECT_EQ(wait(-int32_t(a)).value().first, a);
}

TEST_F(GroupTest, TheTerminalsKeysReachTheForegroundGroupOnly) {
  const uint32_t a = child(), b = child();
  ASSERT_EQ(setpgid(a, a), Errno::Success);
  EXPECT_EQ(kernel.set_foreground_group(*parent, a), Errno::Success);
  EXPECT_EQ(kernel.foreground_group(), a);
  kernel.signal_foreground(1u << 2);  // ^C
  EXPECT_TRUE(kernel.process(a)->has_ended());
  EXPECT_FALSE(kernel.process(b)->has_ended());
  EXPECT_FALSE(parent->has_ended());
  EXPECT_EQ(kernel.set_foreground_group(*parent, 424242), Errno::Perm);
  EXPECT_EQ(kernel.set_foreground_group(*parent, 0), Errno::Inval);
  EXPECT_EQ(kernel.set_foreground_group(*parent, parent->pid()), Errno::Success);
}

}  // namespace
}  // namespace wb::test
