-- Coroutines, metatables, closures, goto and to-be-closed variables.
local gen = coroutine.wrap(function(a)
  for i = 1, 3 do a = coroutine.yield(a + i) end
  return 'done'
end)
print(gen(10), gen(20), gen(30), gen(40))
local co = coroutine.create(function(x) local y = coroutine.yield(x * 2); error('inside ' .. y) end)
print(coroutine.resume(co, 5))
print(coroutine.resume(co, 'co'))
print(coroutine.status(co), coroutine.isyieldable(), coroutine.running())
local function producer() return coroutine.wrap(function() for i = 1, 4 do coroutine.yield(i * i) end end) end
local sum = 0
for v in producer() do sum = sum + v end
print('sum of squares', sum)
-- A yield across pcall.
local c2 = coroutine.wrap(function() local ok, v = pcall(function() return coroutine.yield('y') + 1 end); return ok, v end)
print(c2(), c2(41))

local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__lt = function(a, b) return a:len() < b:len() end
Vec.__le = function(a, b) return a:len() <= b:len() end
Vec.__tostring = function(v) return ('(%g, %g)'):format(v.x, v.y) end
Vec.__concat = function(a, b) return tostring(a) .. tostring(b) end
Vec.__call = function(v, k) return v[k] end
Vec.__len = function() return 2 end
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
function Vec:len() return math.sqrt(self.x ^ 2 + self.y ^ 2) end
local a, b = Vec.new(1, 2), Vec.new(3, 4)
print(tostring(a + b), a == Vec.new(1, 2), a < b, b <= a, a .. b, a('y'), #a, getmetatable(a) == Vec)
local log = {}
local proxy = setmetatable({}, { __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end,
  __index = function(_, k) return 'default ' .. k end })
proxy.one = 1; proxy.two = 2
print(proxy.one, proxy.three, table.concat(log, ','))
local weak = setmetatable({}, { __mode = 'k' })
weak[{}] = 1; collectgarbage(); collectgarbage()
print('weak entries after collection', next(weak))

local function counter() local n = 0; return function() n = n + 1; return n end end
local c1, c3 = counter(), counter()
print(c1(), c1(), c3())
for i = 1, 3 do
  for j = 1, 3 do
    if j == 2 then goto continue end
    io.write(i, j, ' ')
    ::continue::
  end
end
print()
do
  local res <close> = setmetatable({}, { __close = function(_, err) print('closed', err) end })
  local k <const> = 10
  print('in block', k)
end
print(pcall(function()
  local r <close> = setmetatable({}, { __close = function(_, err) print('closing on', err) end })
  error('oops', 0)
end))
