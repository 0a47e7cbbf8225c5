// The editor: CodeMirror 6 with C/C++ highlighting, one document per file
// (each keeps its own undo history), and clang's diagnostics as marks on
// the lines they name (@codemirror/lint).
import { cpp } from '@codemirror/lang-cpp';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';

/**
 * An editor in `parent`; `onChange` hears the shown file's text as it is
 * edited.
 * @param {HTMLElement} parent
 * @param {{onChange: (text: string) => void}} handlers
 */
export function createEditor(parent, { onChange }) {
  const extensions = [
    basicSetup,
    cpp(),
    oneDark,
    lintGutter(),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }),
  ];
  const view = new EditorView({ parent, state: EditorState.create({ extensions }) });
  const states = new Map();
  let shown = null;
  return {
    view,
    /** Shows file `name` (its text the first time it is shown). */
    show(name, text) {
      if (shown !== null) states.set(shown, view.state);
      shown = name;
      const kept = states.get(name);
      view.setState(kept && kept.doc.toString() === text ? kept : EditorState.create({ doc: text, extensions }));
    },
    /** Forgets a file's document (deleted or renamed). */
    forget(name) {
      states.delete(name);
      if (shown === name) shown = null;
    },
    /** Marks the diagnostics (parseDiagnostics's) on the file shown. */
    mark(diagnostics) {
      const doc = view.state.doc;
      const marks = diagnostics.map((d) => {
        const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
        const from = Math.min(line.from + Math.max(d.column - 1, 0), line.to);
        const word = /^\w+/.exec(doc.sliceString(from, line.to))?.[0].length ?? 1;
        return { from, to: Math.min(from + word, line.to), severity: d.severity, message: d.message, source: 'clang' };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
    focus: () => view.focus(),
  };
}
