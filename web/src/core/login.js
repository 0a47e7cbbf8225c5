// What logging in to a box's base image gives a shell: the user's entry in
// /etc/passwd (its home and login shell) and the environment a login sets.

/**
 * The login of `user` in the text of /etc/passwd.
 * @param {string} passwd
 * @param {string} [user]
 * @returns {{user: string, home: string, shell: string}}
 */
export function loginOf(passwd, user = 'user') {
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields[0] === user && fields.length >= 7) return { user, home: fields[5], shell: fields[6] };
  }
  return { user, home: '/', shell: '/bin/sh' };
}

/** argv of the login shell: its name after a "-", which makes it read the profile. */
export function loginArgs({ shell }) {
  return [`-${shell.slice(shell.lastIndexOf('/') + 1)}`];
}

/**
 * The environment of a login (before the profile the shell reads).
 * @param {{user: string, home: string, shell: string}} login
 * @param {string} term  the terminal's type
 */
export function loginEnvironment({ user, home, shell }, term) {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, USER: user, LOGNAME: user, SHELL: shell, TERM: term };
}
