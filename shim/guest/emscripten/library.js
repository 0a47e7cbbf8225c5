// Tells emcc that the imports the guest library declares exist (the box
// serves them), so it does not refuse them as undefined symbols.
mergeInto(LibraryManager.library, {
  __syscall_flock: function () {},
  poll_oneoff: function () {},
  proc_id: function () {},
  proc_parent: function () {},
  proc_raise: function () {},
  proc_sigaction: function () {},
  proc_exec: function () {},
  proc_fork: function () {},
  proc_getpgid: function () {},
  proc_getsid: function () {},
  proc_kill: function () {},
  proc_setpgid: function () {},
  proc_setsid: function () {},
  proc_spawn: function () {},
  proc_wait: function () {},
});
