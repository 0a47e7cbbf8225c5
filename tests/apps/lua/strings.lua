-- Strings: formatting, patterns, packing, utf8.
print(string.format('%5d|%-5s|%05.1f|%x|%q|%g|%a', 42, 'ab', 3.14159, 255, 'a\n"b"', 1e20, 1.0))
print(string.format('%.14g %.3f %e %i', 1 / 3, 2 / 3, 12345.678, -7))
print(('hello world'):upper(), ('Hello'):lower(), ('abc'):rep(3, '-'), ('abc'):reverse(), #('abc'):rep(1000))
print(string.find('hello world', 'o w'), string.find('hello', 'l+'), string.match('key = value', '(%w+)%s*=%s*(%w+)'))
print(string.gsub('hello world', 'o', '0'), string.gsub('abc', '%w', '%0%0'), string.gsub('$x and $y', '%$(%w+)', { x = 1, y = 'two' }))
for word, n in string.gmatch('a=1, b=22, c=333', '(%a)=(%d+)') do io.write(word, ':', n, ' ') end
print()
print(string.byte('ABC', 1, -1), string.char(72, 105), ('%d items'):format(3))
print(string.pack('<i4', 100):byte(1, -1))
print(string.unpack('<i2 i2', string.pack('<i2 i2', -2, 300)))
print(string.packsize('i4 i8 d'), string.unpack('z', 'hello\0world'))
print(utf8.char(72, 228, 8364, 128512), utf8.len('häll€'), utf8.codepoint('€'))
for p, c in utf8.codes('aé€') do io.write(p, '=', c, ' ') end
print()
print(tostring(nil), tostring(true), tonumber('0x10'), tonumber('10', 2), tonumber('  12  '), tonumber('z', 36), tonumber('1e2'))
print(('x'):rep(0) == '', ('%s'):format(nil), select('#', 'a', nil, 'c'), select(-1, 1, 2, 3))
print(table.concat({ 1, 2, 3 }, ', '), ('CSV,split,,me'):gsub(',', ';'))
