-- Errors: pcall, error objects and levels, xpcall with a traceback, deep
-- recursion ending in Lua's own stack overflow error.
print(pcall(error, 'plain'))
print(pcall(error, 'no position', 0))
print(pcall(error, { code = 42 }))
print(select(2, pcall(error, setmetatable({}, { __tostring = function() return 'custom' end }))) ~= nil)
local function lvl() error('from the caller', 2) end
print(pcall(function() lvl() end))
print(pcall(function() local x = nil; return x.field end))
print(pcall(function() return 1 + {} end))
print(pcall(function() return #5 end))
print(pcall(string.rep))
print(pcall(setmetatable, 1, {}))
print(xpcall(function() error('traced') end, function(m) return 'handled: ' .. m end))
local ok, tb = xpcall(function() local t = nil; t.x = 1 end, debug.traceback)
print(ok, (tb:gsub('\n.*', '')))
local function deep(n) return n == 0 and 0 or 1 + deep(n - 1) end
print(deep(10000))
local ok2, msg = pcall(function() local function inf(n) return inf(n + 1) + 1 end; return inf(1) end)
print(ok2, msg:match('stack overflow') ~= nil)
print(pcall(load, 'return +'))
print(load('return 1 +'))
local f = load('local a, b = ...; return a * b')
print(f(6, 7))
local env = { print = print, x = 5 }
print(load('x = x + 1; return x', 'chunk', 't', env)(), env.x)
print(string.format('%s', select(2, pcall(error))))
assert(pcall(assert, false, 'assert message') == false)
print(select(2, pcall(assert, false, 'assert message')), select(2, pcall(assert, nil)))
