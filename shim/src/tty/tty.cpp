// This file defines the terminal's line discipline and output processing,
// after Linux's n_tty.
#include "tty/tty.h"

#include <algorithm>
#include <cstring>

#include "host.h"

namespace wb {
namespace {

constexpr size_t kMaxLine = 4095;  // Linux's limit on a canonical line
constexpr uint64_t kDecisecond = 100'000'000;

bool is_control(uint8_t c) { return c < 0x20 || c == 0x7f; }
bool is_continuation(uint8_t c) { return (c & 0xc0) == 0x80; }
// What WERASE keeps erasing once it has seen one (BSD's ALTWERASE).
bool is_word(uint8_t c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_' ||
         c >= 0x80;
}

}  // namespace

Tty::Tty(Host& host, uint32_t screen) : host_(host), screen_(screen) {}

void Tty::set_termios(const Termios& t, bool flush) {
  if (flush) flush_input();
  const bool was_canonical = termios_.canonical();
  termios_ = t;
  if (was_canonical && !t.canonical()) {
    // The line being edited becomes readable as it is.
    for (uint8_t c : line_) append(c);
    line_.clear();
    line_ends_.clear();
  } else if (!was_canonical && t.canonical() && available() > 0) {
    line_ends_.push_back(received_);
  }
  literal_next_ = false;
  read_started_ns_.reset();
}

bool Tty::set_winsize(const WinSize& w) {
  if (w == winsize_) return false;
  winsize_ = w;
  return true;
}

void Tty::flush_input() {
  line_.clear();
  buffer_.clear();
  head_ = 0;
  taken_ = received_;
  line_ends_.clear();
  literal_next_ = false;
}

uint32_t Tty::receive(std::span<const uint8_t> bytes) {
  uint32_t signals = 0;
  if (!bytes.empty()) last_input_ns_ = host_.monotonic_ns();
  for (uint8_t c : bytes) receive_byte(c, signals);
  return signals;
}

void Tty::receive_byte(uint8_t c, uint32_t& signals) {
  const Termios& t = termios_;
  if (t.iflag & tc::Istrip) c &= 0x7f;
  if (!literal_next_) {
    if (c == '\r') {
      if (t.iflag & tc::Igncr) return;
      if (t.iflag & tc::Icrnl) c = '\n';
    } else if (c == '\n' && (t.iflag & tc::Inlcr)) {
      c = '\r';
    }
    if (t.lflag & tc::Isig) {
      const int s = t.is(tc::Vintr, c)   ? sig::INT
                    : t.is(tc::Vquit, c) ? sig::QUIT
                    : t.is(tc::Vsusp, c) ? sig::TSTP
                                         : 0;
      if (s != 0) {
        if (!(t.lflag & tc::Noflsh)) flush_input();
        echo(c);
        signals |= 1u << s;
        return;
      }
    }
  }
  if (t.canonical()) return canonical_byte(c);
  append(c);
  echo(c);
}

void Tty::canonical_byte(uint8_t c) {
  const Termios& t = termios_;
  const bool ext = t.lflag & tc::Iexten;
  if (literal_next_) {
    literal_next_ = false;
  } else if (t.is(tc::Verase, c)) {
    return erase(tc::Verase);
  } else if (t.is(tc::Vkill, c)) {
    return erase(tc::Vkill);
  } else if (ext && t.is(tc::Vwerase, c)) {
    return erase(tc::Vwerase);
  } else if (ext && t.is(tc::Vlnext, c)) {
    literal_next_ = true;
    // Shows "^" under the cursor until the next character replaces it.
    if ((t.lflag & tc::Echo) && (t.lflag & tc::Echoctl))
      emit({reinterpret_cast<const uint8_t*>("^\b"), 2});
    return;
  } else if (ext && t.is(tc::Vreprint, c)) {
    return reprint();
  } else if (c == '\n' || t.is(tc::Veol, c) || t.is(tc::Veol2, c)) {
    echo(c);
    line_.push_back(c);
    return commit_line();
  } else if (t.is(tc::Veof, c)) {
    return commit_line();  // not part of the line; alone, it reads as end of file
  }
  if (line_.size() >= kMaxLine) return;  // a full line takes only its end
  if (line_.empty()) line_column_ = column_;
  line_.push_back(c);
  echo(c);
}

void Tty::commit_line() {
  for (uint8_t c : line_) append(c);
  line_.clear();
  line_ends_.push_back(received_);
}

void Tty::append(uint8_t c) {
  buffer_.push_back(c);
  ++received_;
}

// ERASE takes one character (a whole UTF-8 sequence), WERASE a word and
// the blanks after it, KILL the line; each is rubbed out on the screen
// when ECHOE (ECHOKE for KILL) asks for it.
void Tty::erase(int slot) {
  const Termios& t = termios_;
  if (line_.empty()) return;
  const bool echoing = t.lflag & tc::Echo;
  if (slot == tc::Vkill) {
    const uint32_t visual = tc::Echo | tc::Echok | tc::Echoke | tc::Echoe;
    if ((t.lflag & visual) != visual) {
      line_.clear();
      if (!echoing) return;
      echo(t.cc[tc::Vkill]);
      if (t.lflag & tc::Echok) echo('\n');
      return;
    }
  }
  const bool rub_out = echoing && (slot != tc::Verase || (t.lflag & tc::Echoe));
  bool seen_word = false;
  while (!line_.empty()) {
    size_t start = line_.size() - 1;
    if (t.iflag & tc::Iutf8)
      while (start > 0 && is_continuation(line_[start])) --start;
    const uint8_t c = line_[start];
    if (slot == tc::Vwerase) {
      if (is_word(c))
        seen_word = true;
      else if (seen_word)
        break;
    }
    const size_t width = line_width(line_.size()) - line_width(start);
    line_.resize(start);
    if (rub_out)
      echo_erase(width);
    else if (echoing)
      echo(t.cc[tc::Verase]);
    if (slot == tc::Verase) break;
  }
}

// The screen column after showing line_[0, end) from where the line began.
size_t Tty::line_width(size_t end) const {
  const bool ctl = termios_.lflag & tc::Echoctl;
  size_t col = line_column_;
  for (size_t i = 0; i < end; ++i) {
    const uint8_t c = line_[i];
    if (c == '\t')
      col = (col | 7) + 1;
    else if (is_control(c))
      col += ctl ? 2 : 0;
    else if (!is_continuation(c))
      ++col;
  }
  return col;
}

void Tty::echo_erase(size_t width) {
  static constexpr uint8_t kRubOut[] = {'\b', ' ', '\b'};
  for (size_t i = 0; i < width; ++i) emit(kRubOut);
}

void Tty::reprint() {
  if (!(termios_.lflag & tc::Echo)) return;
  echo(termios_.cc[tc::Vreprint]);
  echo('\n');
  line_column_ = column_;
  for (uint8_t c : line_) echo(c);
}

void Tty::echo(uint8_t c) {
  const uint32_t l = termios_.lflag;
  if (!(l & tc::Echo)) {
    if (c == '\n' && (l & tc::Echonl)) emit({&c, 1});
    return;
  }
  if (is_control(c) && c != '\t' && c != '\n' && (l & tc::Echoctl)) {
    const uint8_t caret[] = {'^', uint8_t(c ^ 0x40)};
    return emit(caret);
  }
  emit({&c, 1});
}

void Tty::emit(std::span<const uint8_t> bytes) { (void)write(screen_, bytes); }

Result<size_t> Tty::write(uint32_t stream, std::span<const uint8_t> bytes) {
  out_.clear();
  for (uint8_t c : bytes) post(c, out_);
  WB_ASSIGN(size_t n, host_.stream_write(stream, out_));
  return n == out_.size() ? bytes.size() : std::min(n, bytes.size());
}

// Output processing of one byte, and where it leaves the cursor.
void Tty::post(uint8_t c, std::vector<uint8_t>& out) {
  const uint32_t o = termios_.oflag & tc::Opost ? termios_.oflag : 0;
  switch (c) {
    case '\n':
      if (o & tc::Onlcr) {
        out.push_back('\r');
        column_ = 0;
      } else if (o & tc::Onlret) {
        column_ = 0;
      }
      break;
    case '\r':
      if ((o & tc::Onocr) && column_ == 0) return;
      if (o & tc::Ocrnl) {
        c = '\n';
        if (o & tc::Onlret) column_ = 0;
      } else {
        column_ = 0;
      }
      break;
    case '\t':
      column_ = (column_ | 7) + 1;
      break;
    case '\b':
      if (column_ > 0) --column_;
      break;
    default:
      if (!is_control(c) && !is_continuation(c)) ++column_;
  }
  out.push_back(c);
}

Blocking<size_t> Tty::read(std::span<uint8_t> out, bool nonblock) {
  read_deadline_ns_.reset();
  if (out.empty()) return size_t{0};
  const uint64_t avail = available();
  if (termios_.canonical()) {
    if (line_ends_.empty()) {
      if (hungup_) return size_t{0};
      return again_or_block(nonblock);
    }
    const uint64_t end = line_ends_.front();
    const size_t n = take(out, end - taken_);
    if (taken_ == end) line_ends_.pop_front();
    return n;
  }
  if (nonblock || hungup_)
    return avail > 0 || hungup_ ? Blocking<size_t>(take(out, avail)) : Errno::Again;
  const uint64_t time = termios_.cc[tc::Vtime] * kDecisecond;
  const uint8_t min = termios_.cc[tc::Vmin];
  if (min == 0) {
    // TIME alone: wait that long for the first byte.
    if (avail > 0 || time == 0) {
      read_started_ns_.reset();
      return take(out, avail);
    }
    const uint64_t now = host_.monotonic_ns();
    if (!read_started_ns_) read_started_ns_ = now;
    if (now >= *read_started_ns_ + time) {
      read_started_ns_.reset();
      return size_t{0};
    }
    read_deadline_ns_ = *read_started_ns_ + time;
    return kWouldBlock;
  }
  // MIN bytes, or with TIME, whatever came once input pauses that long.
  if (avail >= std::min<uint64_t>(min, out.size())) return take(out, avail);
  if (avail > 0 && time > 0) {
    if (host_.monotonic_ns() >= last_input_ns_ + time) return take(out, avail);
    read_deadline_ns_ = last_input_ns_ + time;
  }
  return kWouldBlock;
}

size_t Tty::take(std::span<uint8_t> out, uint64_t limit) {
  const size_t n = size_t(std::min<uint64_t>(out.size(), limit));
  if (n == 0) return 0;  // the buffer may not exist yet
  std::memcpy(out.data(), buffer_.data() + head_, n);
  head_ += n;
  taken_ += n;
  if (head_ == buffer_.size()) {
    buffer_.clear();
    head_ = 0;
  } else if (head_ >= 65536 && head_ * 2 >= buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + std::ptrdiff_t(head_));
    head_ = 0;
  }
  return n;
}

Readiness Tty::poll_read() const {
  Readiness r;
  const uint64_t avail = available();
  bool due;
  if (termios_.canonical()) {
    due = !line_ends_.empty();
    r.nbytes = due ? line_ends_.back() - taken_ : 0;
  } else {
    const uint8_t min = termios_.cc[tc::Vmin];
    due = avail >= (termios_.cc[tc::Vtime] == 0 && min > 0 ? min : 1);
    r.nbytes = avail;
  }
  r.hangup = hungup_ && avail == 0;
  r.ready = due || hungup_;
  if (!r.ready) r.host_input = 0;
  r.deadline = read_deadline_ns_;
  return r;
}

}  // namespace wb
