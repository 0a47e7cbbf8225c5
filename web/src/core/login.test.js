import { loginArgs, loginEnvironment, loginOf } from './login.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/ash\n';

test('loginOf reads the user\'s home and shell from /etc/passwd', () => {
  expect(loginOf(PASSWD)).toEqual({ user: 'user', home: '/home/user', shell: '/bin/ash' });
  expect(loginOf(PASSWD, 'root')).toEqual({ user: 'root', home: '/root', shell: '/bin/sh' });
});

test('a user without an entry logs in to / with /bin/sh', () => {
  expect(loginOf(PASSWD, 'nobody')).toEqual({ user: 'nobody', home: '/', shell: '/bin/sh' });
  expect(loginOf('')).toEqual({ user: 'user', home: '/', shell: '/bin/sh' });
});

test('the login shell is started as "-name"', () => {
  expect(loginArgs(loginOf(PASSWD))).toEqual(['-ash']);
  expect(loginArgs({ user: 'x', home: '/', shell: 'sh' })).toEqual(['-sh']);
});

test('the environment of a login', () => {
  expect(loginEnvironment(loginOf(PASSWD), 'xterm')).toEqual({
    PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/user', USER: 'user', LOGNAME: 'user', SHELL: '/bin/ash',
    TERM: 'xterm',
  });
});
