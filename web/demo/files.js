// Files in and out of the demo's box: files the user picks or drops on
// the terminal go into the home folder, and a file of the box named in
// the download field is offered for download.

const MAX_BYTES = 64 << 20;

// `name` as a path of the box: relative ones are the home folder's.
const inBox = (home, name) => (name.startsWith('/') ? name : `${home}/${name}`);

/**
 * @param {object} ui
 * @param {import('wasmbox').WorkerBox} ui.box
 * @param {string} ui.home
 * @param {HTMLElement} ui.dropZone  where files may be dropped
 * @param {HTMLInputElement} ui.picker  an <input type="file" multiple>
 * @param {HTMLFormElement} ui.downloadForm  with an input named "path"
 * @param {(text: string) => void} ui.tell  a line for the user
 */
export function wireFiles({ box, home, dropZone, picker, downloadForm, tell }) {
  async function put(files) {
    const names = [];
    for (const file of files) {
      if (file.size > MAX_BYTES) {
        tell(`${file.name} is larger than ${MAX_BYTES >> 20} MB: not copied`);
        continue;
      }
      try {
        await box.writeFile(inBox(home, file.name), new Uint8Array(await file.arrayBuffer()));
        names.push(file.name);
      } catch (e) {
        tell(`${file.name}: ${e.message}`);
      }
    }
    if (names.length) tell(`copied into ~: ${names.join(', ')}`);
  }

  picker.addEventListener('change', () => {
    put([...picker.files]).finally(() => { picker.value = ''; });
  });
  dropZone.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  dropZone.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    put([...e.dataTransfer.files]);
  });

  downloadForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = downloadForm.elements.path.value.trim();
    if (!name) return;
    try {
      const bytes = await box.readFile(inBox(home, name));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([bytes]));
      link.download = name.split('/').pop();
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    } catch (err) {
      tell(err.message);
    }
  });
}
