import { parseDiagnostics } from './diagnostics.js';

test('clang\'s diagnostics are read back from what the terminal showed, colours and all', () => {
  const text = '\x1b[1mmain.c:3:10: \x1b[0m\x1b[0;1;31merror: \x1b[0m\x1b[1muse of undeclared identifier \'y\'\x1b[0m\r\n' +
    '    3 |   return y;\r\n      |          ^\r\n' +
    'util.h:1:5: warning: unused variable \'x\' [-Wunused-variable]\n' +
    'main.c:1:1: note: previous definition is here\n' +
    'wasm-ld: error: /tmp/0.o: undefined symbol: f\n1 error generated.\n';
  expect(parseDiagnostics(text)).toEqual([
    { file: 'main.c', line: 3, column: 10, severity: 'error', message: 'use of undeclared identifier \'y\'' },
    { file: 'util.h', line: 1, column: 5, severity: 'warning', message: 'unused variable \'x\' [-Wunused-variable]' },
    { file: 'main.c', line: 1, column: 1, severity: 'info', message: 'previous definition is here' },
  ]);
});
