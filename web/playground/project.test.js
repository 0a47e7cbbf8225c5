import { Project } from './project.js';

const memoryStorage = () => {
  const items = new Map();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, v) };
};

describe('a playground project', () => {
  test('is C unless a source is C++; its sources are the .c/.cpp files in order', () => {
    const p = new Project([{ name: 'main.c', text: '' }, { name: 'util.h', text: '' }, { name: 'util.c', text: '' }]);
    expect([p.language, p.sources, p.active]).toEqual(['c', ['main.c', 'util.c'], 'main.c']);
    p.add('extra.cpp');
    expect([p.language, p.active]).toEqual(['c++', 'extra.cpp']);
  });

  test('refuses names with folders, odd characters, or taken', () => {
    const p = new Project([{ name: 'main.c', text: '' }]);
    expect(p.refuses('util.h')).toBeNull();
    expect(p.refuses('main.c')).toMatch(/exists/);
    expect(p.refuses('../x.c')).toMatch(/no folders/);
    expect(p.refuses('')).toMatch(/no folders/);
  });

  test('renames and removes, keeping a file shown', () => {
    const p = new Project([{ name: 'a.c', text: '1' }, { name: 'b.c', text: '2' }], { active: 'b.c' });
    p.rename('b.c', 'c.c');
    expect(p.active).toBe('c.c');
    p.remove('c.c');
    expect([p.active, p.files]).toEqual(['a.c', [{ name: 'a.c', text: '1' }]]);
  });

  test('is kept in storage and restored; damaged storage restores nothing', () => {
    const storage = memoryStorage();
    expect(Project.restore(storage)).toBeNull();
    new Project([{ name: 'main.c', text: 'int x;' }], { optimization: '-O0' }).save(storage);
    const back = Project.restore(storage);
    expect([back.files, back.active, back.optimization]).toEqual([[{ name: 'main.c', text: 'int x;' }], 'main.c', '-O0']);
    storage.setItem('wasmbox-playground', '{not json');
    expect(Project.restore(storage)).toBeNull();
  });
});
