-- Tables and numbers: sorting, integers and floats as Lua 5.4 keeps them.
local t = { 5, 2, 8, 1, 9, 3 }
table.sort(t)
print(table.concat(t, ' '))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, ' '))
local words = { 'pear', 'Apple', 'fig', 'banana' }
table.sort(words, function(a, b) return a:lower() < b:lower() end)
print(table.concat(words, ','))
table.insert(t, 1, 0); table.insert(t, 100); print(table.remove(t), table.remove(t, 1), #t)
print(table.unpack({ 1, 2, 3 }, 2), table.move({ 1, 2, 3 }, 1, 3, 2)[3], #table.pack(1, nil, 3), table.pack(1, nil, 3).n)
local keys = {}
for k in pairs({ a = 1, b = 2, c = 3 }) do keys[#keys + 1] = k end
table.sort(keys); print(table.concat(keys))
print(7 // 2, 7.0 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 % 2, 2 ^ 10, 10 / 2, 3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 62, 256 >> 4)
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger, math.type(1), math.type(1.0), math.type('1'))
print(math.floor(3.7), math.ceil(3.2), math.abs(-4), math.max(3, 9, 1), math.min(2.5, -1), math.fmod(7, 3), math.huge, -math.huge)
print(math.tointeger(3.0), math.tointeger(3.5), math.sqrt(2), math.pi, math.sin(0), math.exp(1), math.log(8, 2), math.log(100, 10))
print(1e15, 1e16, 2 ^ 53, 0.1 + 0.2, 100 // 1e300, 3 == 3.0, math.ult(1, -1), 1 / 0 > 0, -0.0)
print(string.format('%.17g', 0.1), 9007199254740993, 123456789012 * 1000)
math.randomseed(42)
local r = math.random(1, 100)
print(r >= 1 and r <= 100, math.random() < 1)
local grid = {}
for i = 1, 3 do grid[i] = {} for j = 1, 3 do grid[i][j] = i * j end end
print(grid[2][3], #grid, next({}), rawlen({ 1, 2 }), rawequal(grid, grid), rawget(grid, 1)[1])
