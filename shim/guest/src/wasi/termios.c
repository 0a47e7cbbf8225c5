/* termios for wasi-libc, over ioctl: the kernel keeps the terminal's
 * attributes as Linux does. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>

int tcgetattr(int fd, struct termios* t) { return ioctl(fd, TCGETS, t); }

int tcsetattr(int fd, int when, const struct termios* t) {
  if (when < TCSANOW || when > TCSAFLUSH) {
    errno = EINVAL;
    return -1;
  }
  return ioctl(fd, TCSETS + when, t);
}

int tcsendbreak(int fd, int duration) {
  (void)duration;
  return ioctl(fd, TCSBRK, 0);
}

int tcdrain(int fd) { return ioctl(fd, TCSBRK, 1); }
int tcflush(int fd, int queue) { return ioctl(fd, TCFLSH, queue); }
int tcflow(int fd, int action) { return ioctl(fd, TCXONC, action); }

pid_t tcgetsid(int fd) {
  pid_t sid;
  return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}

pid_t tcgetpgrp(int fd) {
  pid_t pgrp;
  return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp) { return ioctl(fd, TIOCSPGRP, &pgrp); }

speed_t cfgetospeed(const struct termios* t) { return t->__c_ospeed; }
speed_t cfgetispeed(const struct termios* t) { return t->__c_ispeed; }

static int valid_speed(speed_t s) { return s <= B38400 || (s >= B57600 && s <= B230400); }

int cfsetospeed(struct termios* t, speed_t s) {
  if (!valid_speed(s)) {
    errno = EINVAL;
    return -1;
  }
  t->__c_ospeed = s;
  return 0;
}

int cfsetispeed(struct termios* t, speed_t s) {
  if (!valid_speed(s)) {
    errno = EINVAL;
    return -1;
  }
  t->__c_ispeed = s;
  return 0;
}

int cfsetspeed(struct termios* t, speed_t s) {
  return cfsetospeed(t, s) < 0 ? -1 : cfsetispeed(t, s);
}

void cfmakeraw(struct termios* t) {
  t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  t->c_oflag &= ~OPOST;
  t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t->c_cflag &= ~(CSIZE | PARENB);
  t->c_cflag |= CS8;
  t->c_cc[VMIN] = 1;
  t->c_cc[VTIME] = 0;
}
