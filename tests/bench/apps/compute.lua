-- Work for bench:apps: calls, string building, tables and sorting.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local parts = {}
for i = 1, 200000 do parts[#parts + 1] = string.format('%d:%x', i, i * 31) end
local joined = table.concat(parts, ',')
local count = 0
for _ in joined:gmatch('%d+:') do count = count + 1 end
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
print(fib(30), #joined, count, t[1], t[#t])
