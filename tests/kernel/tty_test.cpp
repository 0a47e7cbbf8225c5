// Tests of the terminal's line discipline and output processing (Tty), and
// of the terminal as the box's stdin.
#include "tty/tty.h"

#include <gtest/gtest.h>

#include <string>

#include "abi/wasix/wasix.h"
#include "box_fixture.h"

namespace wb::test {
namespace {

// A host with a clock the test moves, recording the screen.
class ScreenHost final : public Host {
 public:
  uint64_t realtime_ns() override { return now; }
  uint64_t monotonic_ns() override { return now; }
  uint64_t cputime_ns() override { return 0; }
  void random(std::span<uint8_t>) override {}
  Result<size_t> stream_write(uint32_t stream, std::span<const uint8_t> bytes) override {
    screen[stream].append(bytes.begin(), bytes.end());
    return bytes.size();
  }
  bool stream_isatty(uint32_t) override { return true; }
  HostFs* fs() override { return nullptr; }
  std::unique_ptr<GuestMemory> guest_memory(uint32_t) override { return nullptr; }

  uint64_t now = 1'000'000'000;
  std::string screen[3];
};

class TtyUnitTest : public ::testing::Test {
 protected:
  uint32_t type(std::string_view keys) {
    return tty.receive({reinterpret_cast<const uint8_t*>(keys.data()), keys.size()});
  }
  // One read of up to `max` bytes; "<block>" or "<again>" when it cannot.
  std::string read(size_t max = 256, bool nonblock = false) {
    std::string buf(max, '\0');
    auto n = tty.read({reinterpret_cast<uint8_t*>(buf.data()), buf.size()}, nonblock);
    if (!n.ok()) return n.would_block() ? "<block>" : "<again>";
    return buf.substr(0, *n);
  }
  std::string screen() { return std::exchange(host.screen[1], ""); }
  void change(uint32_t Termios::*flags, uint32_t clear, uint32_t set = 0) {
    Termios t = tty.termios();
    t.*flags = (t.*flags & ~clear) | set;
    tty.set_termios(t, false);
  }
  void raw(uint8_t min, uint8_t time) {
    Termios t = tty.termios();
    t.lflag &= ~(tc::Icanon | tc::Echo);
    t.cc[tc::Vmin] = min;
    t.cc[tc::Vtime] = time;
    tty.set_termios(t, false);
  }

  ScreenHost host;
  Tty tty{host, 1};
};

TEST_F(TtyUnitTest, CanonicalReadReturnsOneEditedLine) {
  type("ab\r");
  EXPECT_EQ(screen(), "ab\r\n");
  EXPECT_EQ(read(), "ab\n");
  EXPECT_EQ(read(), "<block>");
}

TEST_F(TtyUnitTest, AnUnfinishedLineIsNotReadable) {
  type("abc");
  EXPECT_FALSE(tty.poll_read().ready);
  EXPECT_EQ(tty.poll_read().host_input, 0u);
  EXPECT_EQ(read(), "<block>");
  EXPECT_EQ(read(256, true), "<again>");
  type("\n");
  EXPECT_TRUE(tty.poll_read().ready);
  EXPECT_EQ(tty.poll_read().nbytes, 4u);
}

TEST_F(TtyUnitTest, EachReadStopsAtALineEnd) {
  type("one\ntwo\n");
  EXPECT_EQ(read(), "one\n");
  EXPECT_EQ(read(2), "tw");
  EXPECT_EQ(read(), "o\n");
}

TEST_F(TtyUnitTest, EraseRubsOutOneCharacter) {
  type("abc\x7f\n");
  EXPECT_EQ(read(), "ab\n");
  EXPECT_EQ(screen(), "abc\b \b\r\n");
}

TEST_F(TtyUnitTest, EraseTakesAWholeUtf8Sequence) {
  type("a\xc3\xa9\x7f\n");
  EXPECT_EQ(read(), "a\n");
  EXPECT_EQ(screen(), "a\xc3\xa9\b \b\r\n");
}

TEST_F(TtyUnitTest, EraseOfAControlCharacterRubsOutItsCaretForm) {
  type("\x01");
  EXPECT_EQ(screen(), "^A");
  type("\x7f");
  EXPECT_EQ(screen(), "\b \b\b \b");
}

TEST_F(TtyUnitTest, EraseOfATabGoesBackToWhereItStarted) {
  type("ab\t\x7f");
  EXPECT_EQ(screen(), "ab\t\b \b\b \b\b \b\b \b\b \b\b \b");
}

TEST_F(TtyUnitTest, EraseWithoutEchoeEchoesTheEraseCharacter) {
  change(&Termios::lflag, tc::Echoe);
  type("ab\x7f");
  EXPECT_EQ(screen(), "ab^?");
}

TEST_F(TtyUnitTest, EraseOnAnEmptyLineDoesNothing) {
  type("\x7f\x15\x17");
  EXPECT_EQ(screen(), "");
}

TEST_F(TtyUnitTest, KillRubsOutTheLine) {
  type("hey\x15");
  EXPECT_EQ(screen(), "hey\b \b\b \b\b \b");
  type("x\n");
  EXPECT_EQ(read(), "x\n");
}

TEST_F(TtyUnitTest, KillWithoutEchokeEchoesItAndANewline) {
  change(&Termios::lflag, tc::Echoke);
  type("hey\x15");
  EXPECT_EQ(screen(), "hey^U\r\n");
}

TEST_F(TtyUnitTest, WordEraseTakesTheLastWordAndTheBlanksAfterIt) {
  type("foo bar  \x17\n");
  EXPECT_EQ(read(), "foo \n");
}

TEST_F(TtyUnitTest, EofEndsALineWithoutBeingPartOfIt) {
  type("ab\x04");
  EXPECT_EQ(read(), "ab");
  EXPECT_EQ(screen(), "ab");
}

TEST_F(TtyUnitTest, EofOnAnEmptyLineReadsAsEndOfFileOnce) {
  type("\x04x\n");
  EXPECT_EQ(read(), "");
  EXPECT_EQ(read(), "x\n");
}

TEST_F(TtyUnitTest, LiteralNextTakesTheNextByteAsData) {
  type("\x16\x03\x16\x7f\n");
  EXPECT_EQ(read(), "\x03\x7f\n");
}

TEST_F(TtyUnitTest, ReprintShowsTheLineAgain) {
  type("ab\x12");
  EXPECT_EQ(screen(), "ab^R\r\nab");
}

TEST_F(TtyUnitTest, IntrRaisesSigintAndDropsTypedInput) {
  type("done\nab");
  EXPECT_EQ(type("\x03"), 1u << sig::INT);
  EXPECT_EQ(screen(), "done\r\nab^C");
  EXPECT_EQ(read(), "<block>");
}

TEST_F(TtyUnitTest, QuitAndSuspRaiseTheirSignals) {
  EXPECT_EQ(type("\x1c"), 1u << sig::QUIT);
  EXPECT_EQ(type("\x1a"), 1u << sig::TSTP);
}

TEST_F(TtyUnitTest, WithoutIsigIntrIsData) {
  change(&Termios::lflag, tc::Isig);
  EXPECT_EQ(type("\x03\n"), 0u);
  EXPECT_EQ(read(), "\x03\n");
}

TEST_F(TtyUnitTest, AnyByteCanBeTheInterruptKey) {
  Termios t = tty.termios();
  t.cc[tc::Vintr] = 0x07;
  tty.set_termios(t, false);
  EXPECT_EQ(type("\x07"), 1u << sig::INT);
  EXPECT_EQ(type("\x03"), 0u);
}

TEST_F(TtyUnitTest, WithoutIcrnlReturnIsData) {
  change(&Termios::iflag, tc::Icrnl);
  type("a\rb\n");
  EXPECT_EQ(read(), "a\rb\n");
}

TEST_F(TtyUnitTest, IgncrDropsReturns) {
  change(&Termios::iflag, 0, tc::Igncr);
  type("a\r\n");
  EXPECT_EQ(read(), "a\n");
}

TEST_F(TtyUnitTest, WithoutEchoNothingIsShownButEchonlShowsNewlines) {
  change(&Termios::lflag, tc::Echo, tc::Echonl);
  type("secret\n");
  EXPECT_EQ(screen(), "\r\n");
  EXPECT_EQ(read(), "secret\n");
}

TEST_F(TtyUnitTest, ALongLineKeepsItsFirst4095BytesAndItsEnd) {
  type(std::string(5000, 'x') + "\n");
  EXPECT_EQ(read(8192), std::string(4095, 'x') + "\n");
}

TEST_F(TtyUnitTest, AHundredKilobytePasteLosesNothing) {
  std::string paste;
  for (int i = 0; i < 2000; ++i) paste += "line " + std::to_string(i) + " of the paste\n";
  ASSERT_GT(paste.size(), 40'000u);
  type(paste + paste);
  std::string got;
  for (std::string r; (r = read()) != "<block>";) got += r;
  EXPECT_EQ(got, paste + paste);
}

TEST_F(TtyUnitTest, NonCanonicalBytesAreReadableAtOnce) {
  raw(1, 0);
  type("\x1b[A");
  EXPECT_EQ(screen(), "");
  EXPECT_EQ(read(), "\x1b[A");
}

TEST_F(TtyUnitTest, SwitchingToNonCanonicalReleasesTheEditedLine) {
  type("ab");
  raw(1, 0);
  EXPECT_EQ(read(), "ab");
}

TEST_F(TtyUnitTest, SwitchingToCanonicalKeepsUnreadBytesReadable) {
  raw(1, 0);
  type("xy");
  change(&Termios::lflag, 0, tc::Icanon);
  EXPECT_EQ(read(), "xy");
}

TEST_F(TtyUnitTest, MinWaitsForThatManyBytes) {
  raw(3, 0);
  type("ab");
  EXPECT_FALSE(tty.poll_read().ready);
  EXPECT_EQ(read(), "<block>");
  type("c");
  EXPECT_EQ(read(), "abc");
}

TEST_F(TtyUnitTest, MinZeroTimeZeroNeverWaits) {
  raw(0, 0);
  EXPECT_EQ(read(), "");
}

TEST_F(TtyUnitTest, TimeAloneWaitsThatLongForTheFirstByte) {
  raw(0, 5);
  EXPECT_EQ(read(), "<block>");
  EXPECT_EQ(tty.poll_read().deadline, host.now + 500'000'000);
  host.now += 200'000'000;
  EXPECT_EQ(read(), "<block>");
  EXPECT_EQ(tty.poll_read().deadline, host.now + 300'000'000);  // from the first try
  host.now += 300'000'000;
  EXPECT_EQ(read(), "");
}

TEST_F(TtyUnitTest, TimeAloneReturnsAByteAsSoonAsItComes) {
  raw(0, 5);
  EXPECT_EQ(read(), "<block>");
  type("k");
  EXPECT_EQ(read(), "k");
}

TEST_F(TtyUnitTest, MinWithTimeReturnsWhatCameOnceInputPauses) {
  raw(4, 1);
  EXPECT_EQ(read(), "<block>");
  EXPECT_FALSE(tty.poll_read().deadline);  // no timer before the first byte
  type("ab");
  EXPECT_EQ(read(), "<block>");
  host.now += 100'000'000;
  EXPECT_EQ(read(), "ab");
}

TEST_F(TtyUnitTest, NonBlockingReadsTakeWhatThereIs) {
  raw(4, 0);
  EXPECT_EQ(read(256, true), "<again>");
  type("a");
  EXPECT_EQ(read(256, true), "a");
}

TEST_F(TtyUnitTest, AfterHangupReadsDrainThenSeeEndOfFile) {
  type("ab\ncd");
  tty.hangup();
  EXPECT_EQ(read(), "ab\n");
  EXPECT_EQ(read(), "");
  EXPECT_TRUE(tty.poll_read().ready);
}

TEST_F(TtyUnitTest, FlushDropsTypedInput) {
  type("one\ntw");
  tty.flush_input();
  type("o\n");
  EXPECT_EQ(read(), "o\n");
}

TEST_F(TtyUnitTest, OutputTurnsNewlinesIntoCarriageReturnNewline) {
  const std::string text = "a\nb";
  ASSERT_EQ(tty.write(2, {reinterpret_cast<const uint8_t*>(text.data()), text.size()}).value(), 3u);
  EXPECT_EQ(host.screen[2], "a\r\nb");
}

TEST_F(TtyUnitTest, WithoutOpostOutputIsUntouched) {
  change(&Termios::oflag, tc::Opost);
  const std::string text = "a\nb";
  (void)tty.write(1, {reinterpret_cast<const uint8_t*>(text.data()), text.size()});
  EXPECT_EQ(screen(), "a\nb");
}

TEST_F(TtyUnitTest, OcrnlAndOnocrRewriteReturns) {
  change(&Termios::oflag, tc::Onlcr, tc::Ocrnl | tc::Onocr);
  const std::string text = "\rx\r";
  (void)tty.write(1, {reinterpret_cast<const uint8_t*>(text.data()), text.size()});
  EXPECT_EQ(screen(), "x\n");
}

TEST_F(TtyUnitTest, WindowSizeChangesOnlyWhenItDiffers) {
  EXPECT_FALSE(tty.set_winsize(tty.winsize()));
  EXPECT_TRUE(tty.set_winsize({50, 132, 0, 0}));
  EXPECT_EQ(tty.winsize().cols, 132);
}

// The terminal as the box's stdin.
class TerminalStdinTest : public TerminalBoxTest {};

TEST_F(TerminalStdinTest, ReadsTakeEditedLinesAndTheScreenShowsTheEcho) {
  feed_stdin("hi\x7fo\r");
  EXPECT_EQ(read(0, 64).value(), "ho\n");
  EXPECT_EQ(host.out[1], "hi\b \bo\r\n");
}

TEST_F(TerminalStdinTest, ProgramOutputGoesThroughOutputProcessing) {
  ASSERT_TRUE(write(1, "a\n").ok());
  EXPECT_EQ(host.out[1], "a\r\n");
}

TEST_F(TerminalStdinTest, InterruptEndsTheForegroundProcessWith130) {
  feed_stdin("\x03");
  EXPECT_EQ(proc->exit_code, 130u);
  EXPECT_EQ(proc->term_signal, uint32_t(sig::INT));
}

TEST_F(TerminalStdinTest, ACaughtInterruptWaitsForTheHandler) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, sig::INT, 2, 1), Errno::Success);
  feed_stdin("ab\x03");
  EXPECT_FALSE(proc->exit_code);
  EXPECT_EQ(proc->signals.take_pending(), 1u << sig::INT);
  EXPECT_EQ(proc->signals.take_pending(), 0u);
  EXPECT_EQ(proc->signals.entry, 1u);
  EXPECT_EQ(host.out[1], "ab^C");
}

TEST_F(TerminalStdinTest, AnIgnoredInterruptDoesNothing) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, sig::INT, 1, 0), Errno::Success);
  feed_stdin("\x03");
  EXPECT_FALSE(proc->exit_code);
  EXPECT_EQ(proc->signals.take_pending(), 0u);
}

TEST_F(TerminalStdinTest, KillDeliversOneSignalAsTheProcessDisposedOfIt) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, sig::INT, 2, 1), Errno::Success);
  EXPECT_EQ(kernel.kill(proc->pid(), sig::INT), Errno::Success);
  EXPECT_EQ(proc->signals.take_pending(), 1u << sig::INT);
  EXPECT_EQ(kernel.kill(proc->pid(), 15), Errno::Success);
  EXPECT_EQ(proc->exit_code, 143u);
  EXPECT_EQ(proc->term_signal, 15u);
  EXPECT_EQ(kernel.kill(proc->pid(), 15), Errno::Srch);
  EXPECT_EQ(kernel.kill(proc->pid() + 1, 15), Errno::Srch);
}

TEST_F(TerminalStdinTest, KillRefusesAnUnknownSignal) {
  EXPECT_EQ(kernel.kill(proc->pid(), 0), Errno::Inval);
  EXPECT_EQ(kernel.kill(proc->pid(), 32), Errno::Inval);
}

TEST_F(TerminalStdinTest, SigkillAndSigstopCannotBeCaughtOrIgnored) {
  Call c = call();
  EXPECT_EQ(wasix::proc_sigaction(c, sig::KILL, 2, 1), Errno::Inval);
  EXPECT_EQ(wasix::proc_sigaction(c, sig::STOP, 1, 0), Errno::Inval);
  EXPECT_EQ(wasix::proc_sigaction(c, sig::KILL, 0, 0), Errno::Success);
  EXPECT_EQ(kernel.kill(proc->pid(), sig::KILL), Errno::Success);
  EXPECT_EQ(proc->exit_code, 137u);
}

TEST_F(TerminalStdinTest, QuitEndsTheProcessWith131) {
  feed_stdin("\x1c");
  EXPECT_EQ(proc->exit_code, 131u);
}

TEST_F(TerminalStdinTest, ACaughtResizeIsPending) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, sig::WINCH, 2, 1), Errno::Success);
  kernel.resize_terminal({30, 100, 0, 0});
  kernel.resize_terminal({30, 100, 0, 0});  // no change, no signal
  EXPECT_EQ(proc->signals.take_pending(), 1u << sig::WINCH);
}

TEST_F(TerminalStdinTest, TheHostHearsOfTheInterruptKeyOnlyWhileItWouldEndTheProcess) {
  Call c = call();
  ASSERT_EQ(wasix::proc_sigaction(c, sig::INT, 2, 1), Errno::Success);
  EXPECT_EQ(host.interrupt, -1);
  ASSERT_EQ(wasix::proc_sigaction(c, sig::INT, 0, 0), Errno::Success);
  EXPECT_EQ(host.interrupt, 3);
  Termios t = kernel.tty().termios();
  t.cc[tc::Vintr] = 0x07;
  kernel.set_termios(t, false);
  EXPECT_EQ(host.interrupt, 7);
  t.lflag &= ~tc::Isig;
  kernel.set_termios(t, false);
  EXPECT_EQ(host.interrupt, -1);
}

// Raw mode, as a full-screen program sets it.
static Termios raw_mode(Termios t) {
  t.lflag &= ~(tc::Icanon | tc::Echo | tc::Isig);
  return t;
}

TEST_F(TerminalStdinTest, AJobEndedBySignalGetsItsTerminalSettingsBack) {
  const Termios before = kernel.tty().termios();
  kernel.set_termios(raw_mode(before), false);
  ASSERT_EQ(kernel.kill(proc->pid(), 15), Errno::Success);
  kernel.reap(proc->pid());
  EXPECT_EQ(kernel.tty().termios().lflag, before.lflag);
}

TEST_F(TerminalStdinTest, AJobThatTrappedGetsItsTerminalSettingsBack) {
  const Termios before = kernel.tty().termios();
  kernel.set_termios(raw_mode(before), false);
  kernel.reap(proc->pid(), /*trapped=*/true);
  EXPECT_EQ(kernel.tty().termios().lflag, before.lflag);
}

TEST_F(TerminalStdinTest, AProgramThatExitsKeepsTheSettingsItLeft) {
  const Termios raw = raw_mode(kernel.tty().termios());
  kernel.set_termios(raw, false);
  proc->exit_code = 0;
  kernel.reap(proc->pid());
  EXPECT_EQ(kernel.tty().termios().lflag, raw.lflag);
}

TEST_F(TerminalStdinTest, SigactionChecksItsArguments) {
  Call c = call();
  EXPECT_EQ(wasix::proc_sigaction(c, 0, 2, 1), Errno::Inval);
  EXPECT_EQ(wasix::proc_sigaction(c, 32, 2, 1), Errno::Inval);
  EXPECT_EQ(wasix::proc_sigaction(c, sig::INT, 3, 1), Errno::Inval);
}

TEST_F(TerminalStdinTest, AResizeIsIgnoredByDefault) {
  kernel.resize_terminal({30, 100, 0, 0});
  EXPECT_FALSE(proc->exit_code);
  EXPECT_EQ(kernel.tty().winsize().cols, 100);
}

TEST_F(TerminalStdinTest, DevTtyIsTheTerminal) {
  auto fd = open("dev/tty");
  ASSERT_TRUE(fd.ok());
  ASSERT_TRUE(write(*fd, "x\n").ok());
  EXPECT_EQ(host.out[1], "x\r\n");
  feed_stdin("y\n");
  EXPECT_EQ(read(*fd, 8).value(), "y\n");
}

TEST_F(TerminalStdinTest, TtyGetReportsSizeTerminalsEchoAndLineBuffering) {
  kernel.resize_terminal({30, 100, 0, 0});
  Call c = call();
  const P out = alloc(24);
  ASSERT_EQ(wasix::tty_get(c, out), Errno::Success);
  EXPECT_EQ(u32(out), 100u);
  EXPECT_EQ(u32(P{out.addr + 4}), 30u);
  EXPECT_EQ(str(P{out.addr + 16}, 5), std::string("\1\1\1\1\1", 5));
}

TEST_F(TerminalStdinTest, TtySetTurnsOffEchoAndLineBuffering) {
  Call c = call();
  const P state = alloc(24);
  ASSERT_EQ(wasix::tty_get(c, state), Errno::Success);
  mem->bytes[state.addr + 19] = 0;  // echo
  mem->bytes[state.addr + 20] = 0;  // line buffered
  ASSERT_EQ(wasix::tty_set(c, state), Errno::Success);
  EXPECT_FALSE(kernel.tty().termios().lflag & (tc::Echo | tc::Icanon));
  feed_stdin("k");
  EXPECT_EQ(read(0, 8).value(), "k");
  EXPECT_EQ(host.out[1], "");
  mem->bytes[state.addr + 19] = 2;
  EXPECT_EQ(wasix::tty_set(c, state), Errno::Inval);
}

class NoTerminalTest : public BoxTest {};

TEST_F(NoTerminalTest, TtyGetReportsNoTerminals) {
  Call c = call();
  const P out = alloc(24);
  ASSERT_EQ(wasix::tty_get(c, out), Errno::Success);
  EXPECT_EQ(str(P{out.addr + 16}, 3), std::string("\0\0\0", 3));
}

TEST_F(NoTerminalTest, ThereIsNoDevTty) { EXPECT_EQ(open("dev/tty").error(), Errno::NoEnt); }

}  // namespace
}  // namespace wb::test
