// Tells emcc that the imports the guest library declares exist (the box
// serves them), so it does not refuse them as undefined symbols.
mergeInto(LibraryManager.library, {
  poll_oneoff: function () {},
  proc_sigaction: function () {},
});
