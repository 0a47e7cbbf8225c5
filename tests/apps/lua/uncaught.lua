-- An error nothing catches: Lua's message and traceback on stderr, status 1.
local function inner() error('boom') end
local function outer() inner() end
print('before')
outer()
