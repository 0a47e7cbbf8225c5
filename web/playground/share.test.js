import { deflateRawSync } from 'node:zlib';

import { packText, shareFragment, sharedFiles, unpackText } from './share.js';

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

describe('share links', () => {
  test('#code= is the base64url, unpadded, of the raw DEFLATE of the UTF-8 text', async () => {
    const text = 'int main(void) { return 0; } /* é */\n';
    const data = await packText(text);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await unpackText(data)).toBe(text);
    // What any other deflate-raw encoder makes opens too.
    expect(await sharedFiles(`#code=${base64url(deflateRawSync(Buffer.from(text)))}`)).toEqual([{ name: 'main.c', text }]);
  });

  test('one main.c or main.cpp is #code= or #cpp=; other files are #files=', async () => {
    const c = [{ name: 'main.c', text: 'c' }];
    const cpp = [{ name: 'main.cpp', text: 'c++' }];
    const several = [{ name: 'main.c', text: '#include "util.h"' }, { name: 'util.h', text: '#pragma once' }];
    for (const [files, kind] of [[c, 'code'], [cpp, 'cpp'], [several, 'files']]) {
      const fragment = await shareFragment(files);
      expect(fragment.startsWith(`${kind}=`)).toBe(true);
      expect(await sharedFiles(fragment)).toEqual(files);
    }
  });

  test('a fragment that shares nothing is null; a damaged one throws', async () => {
    expect(await sharedFiles('')).toBeNull();
    expect(await sharedFiles('#top')).toBeNull();
    await expect(sharedFiles('#code=AAAA')).rejects.toThrow();
    await expect(sharedFiles(`#files=${await packText('[1]')}`)).rejects.toThrow('not a set of files');
  });
});
