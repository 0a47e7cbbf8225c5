// An app as an OCI image layout (opencontainers/image-spec image-layout):
// the runnable image `docker buildx --platform wasi/wasm` makes and that
// containerd's wasm shims (runwasi, Docker's wasm support) run: platform
// wasi/wasm, one gzipped tar layer with the app's files, and the program
// as the entrypoint. `skopeo copy oci:DIR:latest docker://...` pushes it.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { create } from 'tar';

const MEDIA = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
};
const PLATFORM = { architecture: 'wasm', os: 'wasi' };

const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

// When the newest file of the folder was changed: the image's creation,
// so that packing the same files gives the same image.
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    latest = Math.max(latest, lstatSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return new Date(Math.floor(latest / 1000) * 1000).toISOString();
}

// The folder's files as a tar: sorted, without owners, times kept.
async function tarOf(dir) {
  const chunks = [];
  for await (const chunk of create({ cwd: dir, portable: true }, readdirSync(dir).sort())) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Writes the OCI image layout of the app in `dir` to `out` (made if
 * missing), tagged "latest".
 * @param {string} dir
 * @param {string} out
 * @param {{program: string, args?: string[], env?: Record<string, string>, cwd?: string}} manifest
 */
export async function writeOciLayout(dir, out, { program, args = [], env = {}, cwd = '/' }) {
  mkdirSync(join(out, 'blobs', 'sha256'), { recursive: true });
  const blob = (bytes, mediaType) => {
    const digest = sha256(bytes);
    writeFileSync(join(out, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
    return { mediaType, digest, size: bytes.length };
  };
  const json = (value) => Buffer.from(JSON.stringify(value));
  const tar = await tarOf(dir);
  const layer = blob(gzipSync(tar, { level: 9 }), MEDIA.layer);
  const created = newest(dir);
  const config = blob(json({
    created,
    ...PLATFORM,
    config: {
      Entrypoint: [program], Cmd: args, WorkingDir: cwd,
      Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    },
    rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    history: [{ created, created_by: 'wasmbox pack --oci' }],
  }), MEDIA.config);
  const manifest = blob(json({ schemaVersion: 2, mediaType: MEDIA.manifest, config, layers: [layer] }), MEDIA.manifest);
  writeFileSync(join(out, 'index.json'), json({
    schemaVersion: 2,
    mediaType: MEDIA.index,
    manifests: [{ ...manifest, platform: PLATFORM, annotations: { 'org.opencontainers.image.ref.name': 'latest' } }],
  }));
  writeFileSync(join(out, 'oci-layout'), json({ imageLayoutVersion: '1.0.0' }));
}
