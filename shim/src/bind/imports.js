// The kernel's imports (declared in imports.h), served by the host object
// the runtime passes as Module.wasmboxHost (web/src/core/kernel.js).
//
// Kernel memory is reached through wbHeap(end), not Emscripten's views: in
// the build on shared memory another instance may have grown the memory,
// and Emscripten would check its views at every access (a getter each).
mergeInto(LibraryManager.library, {
  // A view of kernel memory that covers [0, end).
  $wbHeap: function (end) {
    var heap = Module['HEAPU8'];
    if (end > heap.length) {
      updateGlobalBufferAndViews(wasmMemory.buffer);
      heap = Module['HEAPU8'];
    }
    return heap;
  },
  // Addresses arrive as signed i32: made unsigned first, so an address at
  // or above 2 GiB is one, never a negative index that JS would ignore.
  wb_js_guest_read__deps: ['$wbHeap'],
  wb_js_guest_read: function (pid, dst, src, len) {
    dst >>>= 0; src >>>= 0; len >>>= 0;
    var g = Module['wasmboxHost'].guestView(pid, src, len);
    if (!g) return -1;
    var heap = wbHeap(dst + len);
    if (len <= 16) {
      for (var i = 0; i < len; i++) heap[dst + i] = g[src + i];
    } else {
      heap.set(g.subarray(src, src + len), dst);
    }
    return 0;
  },
  wb_js_guest_write__deps: ['$wbHeap'],
  wb_js_guest_write: function (pid, dst, src, len) {
    dst >>>= 0; src >>>= 0; len >>>= 0;
    var g = Module['wasmboxHost'].guestView(pid, dst, len);
    if (!g) return -1;
    var heap = wbHeap(src + len);
    if (len <= 16) {
      for (var i = 0; i < len; i++) g[dst + i] = heap[src + i];
    } else {
      g.set(heap.subarray(src, src + len), dst);
    }
    return 0;
  },
  wb_js_guest_size: function (pid) {
    return Module['wasmboxHost'].guestSize(pid);
  },
  wb_js_clock: function (id) {
    return Module['wasmboxHost'].clock(id);
  },
  // WebCrypto fills no view of shared memory: a copy goes in.
  wb_js_random__deps: ['$wbHeap'],
  wb_js_random: function (dst, len) {
    var bytes = new Uint8Array(len);
    Module['wasmboxHost'].random(bytes);
    wbHeap(dst + len).set(bytes, dst);
  },
  wb_js_stream_write__deps: ['$wbHeap'],
  wb_js_stream_write: function (stream, src, len) {
    return Module['wasmboxHost'].streamWrite(stream, wbHeap(src + len).subarray(src, src + len));
  },
  wb_js_stream_isatty: function (stream) {
    return Module['wasmboxHost'].isatty(stream) ? 1 : 0;
  },
  wb_js_interrupt_key: function (key) {
    Module['wasmboxHost'].interruptKey(key);
  },
  wb_js_image_read__deps: ['$wbHeap'],
  wb_js_image_read: function (image, offset, dst, len) {
    var bytes = Module['wasmboxHost'].imageRead(image, offset, len);
    if (typeof bytes === 'number') return bytes;
    wbHeap(dst + bytes.length).set(bytes, dst);
    return bytes.length;
  },
  // The commit is a view of kernel memory, valid during the call only.
  wb_js_store_write__deps: ['$wbHeap'],
  wb_js_store_write: function (store, file, offset, src, len) {
    return Module['wasmboxHost'].storeWrite(store, file, offset, wbHeap(src + len).subarray(src, src + len));
  },

  // Host directories: forwarded to Module.wasmboxHost.fs with decoded
  // strings; results land in kernel memory.
  // TextDecoder reads no view of shared memory: it decodes a copy.
  $wbStr__deps: ['$wbHeap'],
  $wbStr: function (ptr, len) {
    return new TextDecoder().decode(wbHeap(ptr + len).slice(ptr, ptr + len));
  },
  $wbPutStat__deps: ['$wbHeap'],
  $wbPutStat: function (out, st) {
    if (typeof st === 'number') return st;
    var v = new DataView(wbHeap(out + 64).buffer);
    var perm = BigInt(st.perm === undefined ? -1 : st.perm);  // -1: none (no BigInt literals in Emscripten 3.1.6's parser)
    var f = [BigInt(st.type), st.ino, BigInt(st.nlink), st.size, st.atim, st.mtim, st.ctim, BigInt.asUintN(64, perm)];
    for (var i = 0; i < 8; i++) v.setBigUint64(out + i * 8, f[i], true);
    return 0;
  },
  wb_js_fs_lstat__deps: ['$wbStr', '$wbPutStat'],
  wb_js_fs_lstat: function (mount, path, len, out) {
    return wbPutStat(out, Module['wasmboxHost'].fs.lstat(mount, wbStr(path, len)));
  },
  wb_js_fs_open__deps: ['$wbStr'],
  wb_js_fs_open: function (mount, path, len, flags) {
    return Module['wasmboxHost'].fs.open(mount, wbStr(path, len), flags);
  },
  wb_js_fs_close: function (handle) {
    Module['wasmboxHost'].fs.close(handle);
  },
  wb_js_fs_pread__deps: ['$wbHeap'],
  wb_js_fs_pread: function (handle, buf, len, offset) {
    return Module['wasmboxHost'].fs.pread(handle, wbHeap(buf + len).subarray(buf, buf + len), offset);
  },
  wb_js_fs_pwrite__deps: ['$wbHeap'],
  wb_js_fs_pwrite: function (handle, buf, len, offset) {
    return Module['wasmboxHost'].fs.pwrite(handle, wbHeap(buf + len).subarray(buf, buf + len), offset);
  },
  wb_js_fs_fstat__deps: ['$wbPutStat'],
  wb_js_fs_fstat: function (handle, out) {
    return wbPutStat(out, Module['wasmboxHost'].fs.fstat(handle));
  },
  wb_js_fs_ftruncate: function (handle, size) {
    return Module['wasmboxHost'].fs.ftruncate(handle, size);
  },
  wb_js_fs_fsync: function (handle) {
    return Module['wasmboxHost'].fs.fsync(handle);
  },
  wb_js_fs_utimes__deps: ['$wbStr'],
  wb_js_fs_utimes: function (mount, path, len, atim, mtim) {
    return Module['wasmboxHost'].fs.utimes(mount, wbStr(path, len), atim, mtim);
  },
  wb_js_fs_mkdir__deps: ['$wbStr'],
  wb_js_fs_mkdir: function (mount, path, len) {
    return Module['wasmboxHost'].fs.mkdir(mount, wbStr(path, len));
  },
  wb_js_fs_rmdir__deps: ['$wbStr'],
  wb_js_fs_rmdir: function (mount, path, len) {
    return Module['wasmboxHost'].fs.rmdir(mount, wbStr(path, len));
  },
  wb_js_fs_unlink__deps: ['$wbStr'],
  wb_js_fs_unlink: function (mount, path, len) {
    return Module['wasmboxHost'].fs.unlink(mount, wbStr(path, len));
  },
  wb_js_fs_rename__deps: ['$wbStr'],
  wb_js_fs_rename: function (mount, from, fromLen, to, toLen) {
    return Module['wasmboxHost'].fs.rename(mount, wbStr(from, fromLen), wbStr(to, toLen));
  },
  wb_js_fs_link__deps: ['$wbStr'],
  wb_js_fs_link: function (mount, from, fromLen, to, toLen) {
    return Module['wasmboxHost'].fs.link(mount, wbStr(from, fromLen), wbStr(to, toLen));
  },
  wb_js_fs_symlink__deps: ['$wbStr'],
  wb_js_fs_symlink: function (mount, target, targetLen, path, len) {
    return Module['wasmboxHost'].fs.symlink(mount, wbStr(target, targetLen), wbStr(path, len));
  },
  wb_js_fs_readlink__deps: ['$wbStr', '$wbHeap'],
  wb_js_fs_readlink: function (mount, path, len, out, cap) {
    var target = Module['wasmboxHost'].fs.readlink(mount, wbStr(path, len));
    if (typeof target === 'number') return target;
    var bytes = new TextEncoder().encode(target);
    if (bytes.length <= cap) wbHeap(out + bytes.length).set(bytes, out);
    return bytes.length;
  },
  wb_js_fs_readdir__deps: ['$wbStr', '$wbHeap'],
  wb_js_fs_readdir: function (mount, path, len, out, cap) {
    var entries = Module['wasmboxHost'].fs.readdir(mount, wbStr(path, len));
    if (typeof entries === 'number') return entries;
    var enc = new TextEncoder();
    var names = entries.map(function (e) { return enc.encode(e.name); });
    var size = 0;
    for (var i = 0; i < names.length; i++) size += 13 + names[i].length;
    if (size > cap) return size;
    var heap = wbHeap(out + size);
    var v = new DataView(heap.buffer);
    var at = out;
    for (var i = 0; i < entries.length; i++) {
      v.setUint8(at, entries[i].type);
      v.setBigUint64(at + 1, entries[i].ino, true);
      v.setUint32(at + 9, names[i].length, true);
      heap.set(names[i], at + 13);
      at += 13 + names[i].length;
    }
    return size;
  },
});
