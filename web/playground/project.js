// The files being edited, which one is shown, and the optimisation level;
// kept in the page's storage (localStorage) so that a reload finds them.

const STORAGE_KEY = 'wasmbox-playground';
const CXX_SOURCE = /\.(cc|cpp|cxx|C)$/;
const SOURCE = /\.(c|cc|cpp|cxx|C)$/;
// A name in the project's one folder.
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

export class Project {
  /**
   * @param {{name: string, text: string}[]} files
   * @param {{active?: string, optimization?: string}} [options]
   */
  constructor(files, { active, optimization = '-O2' } = {}) {
    this.files = files.map((f) => ({ name: f.name, text: f.text }));
    this.active = files.some((f) => f.name === active) ? active : this.files[0]?.name ?? null;
    this.optimization = optimization;
  }

  /** The project kept in `storage`, or null. */
  static restore(storage) {
    try {
      const kept = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
      if (!Array.isArray(kept?.files) || kept.files.length === 0) return null;
      return new Project(kept.files.filter((f) => NAME.test(f.name) && typeof f.text === 'string'), kept);
    } catch {
      return null;
    }
  }

  save(storage) {
    storage.setItem(STORAGE_KEY, JSON.stringify({ files: this.files, active: this.active, optimization: this.optimization }));
  }

  /** 'c++' when any source is C++, else 'c'. */
  get language() {
    return this.files.some((f) => CXX_SOURCE.test(f.name)) ? 'c++' : 'c';
  }

  /** The sources to compile, in order. */
  get sources() {
    return this.files.filter((f) => SOURCE.test(f.name)).map((f) => f.name);
  }

  file(name) {
    return this.files.find((f) => f.name === name) ?? null;
  }

  /** Why `name` cannot be a new file's name, or null when it can. */
  refuses(name) {
    if (!NAME.test(name)) return 'a name is letters, digits, _ . + - (no folders)';
    if (this.file(name)) return `${name} exists already`;
    return null;
  }

  add(name, text = '') {
    this.files.push({ name, text });
    this.active = name;
  }

  rename(from, to) {
    this.file(from).name = to;
    if (this.active === from) this.active = to;
  }

  remove(name) {
    this.files = this.files.filter((f) => f.name !== name);
    if (this.active === name) this.active = this.files[0]?.name ?? null;
  }
}
