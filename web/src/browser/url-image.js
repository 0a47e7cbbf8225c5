// A wasmbox image at a URL, read block by block as the box reads it
// (core/host-files.js ImageSource): each read is a synchronous HTTP range
// request, which a worker may make (the kernel answers a read at once).
// A server that ignores ranges sends the whole image once, which is kept.

/**
 * @param {string} url  absolute
 * @returns {import('../core/host-files.js').ImageSource}
 */
export function urlImage(url) {
  let whole = null;
  return {
    read(offset, length) {
      if (whole) return whole.subarray(offset, offset + length);
      const request = new XMLHttpRequest();
      request.open('GET', url, false);
      request.responseType = 'arraybuffer';
      request.setRequestHeader('Range', `bytes=${offset}-${offset + length - 1}`);
      request.send();
      if (request.status === 200) {
        whole = new Uint8Array(request.response);
        return whole.subarray(offset, offset + length);
      }
      if (request.status === 416) return new Uint8Array(0);  // past its end
      if (request.status !== 206) throw new Error(`${url}: HTTP ${request.status}`);
      return new Uint8Array(request.response);
    },
    shared: url,
  };
}
