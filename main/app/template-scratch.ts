/**
 * Scratch copies of a template with the editor's unsaved buffers laid over
 * its files, so the engine can check and preview what the user is typing
 * without anything being saved. Each purpose (checking, previewing) keeps
 * its own copy per template, `<scratch>/<purpose>/<id>`, so the folder name
 * (the template id) is the real one and two purposes never write under each
 * other. A copy is brought up to date file by file: only what changed is
 * rewritten, and every rewrite gets a fresh modification time, because the
 * engine's compile cache keys on modification times and sizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { readInputFile } from '../engine/read-input.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BriefError } from '../engine/errors.js';
import type { TemplateOverlay } from '../shared/ipc-contract.js';
import { editablePath } from './template-files.js';
import { walkTemplate } from './template-walk.js';

export type ScratchPurpose = 'check' | 'preview';

interface ScratchCopy {
  /** For each file in the copy, what it was made from: "file:mtime:size" or "text:<buffer>". */
  made: Map<string, string>;
  /** Calls for one copy run one after another. */
  queue: Promise<unknown>;
}

export class TemplateScratch {
  private root: string | undefined;
  private readonly copies = new Map<string, ScratchCopy>();
  private lastStamp = 0;

  /** `root`: a private folder for the copies; by default a fresh one under the system's temp folder. */
  constructor(private readonly rootOption?: string) {}

  /**
   * Bring `<scratch>/<purpose>/<id>` in line with the template folder `sourceDir`
   * plus `overlay`, and return its real path.
   */
  prepare(purpose: ScratchPurpose, id: string, sourceDir: string, overlay: TemplateOverlay): Promise<string> {
    // The id names a folder inside the scratch root: nothing that could climb out of it.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return Promise.reject(new BriefError('TEMPLATE_UNKNOWN', `\`${id}\` is not a template id.`));
    const key = `${purpose}/${id}`;
    let copy = this.copies.get(key);
    if (!copy) {
      copy = { made: new Map(), queue: Promise.resolve() };
      this.copies.set(key, copy);
    }
    const run = copy.queue.then(() => this.sync(copy, join(this.scratchRoot(), purpose, id), sourceDir, overlay));
    copy.queue = run.catch(() => undefined);
    return run;
  }

  /** Remove the copies; synchronous, as it runs while the app quits. */
  dispose(): void {
    const root = this.root;
    this.root = undefined;
    this.copies.clear();
    if (root && root !== this.rootOption) rmSync(root, { recursive: true, force: true });
    else if (root) for (const purpose of ['check', 'preview']) rmSync(join(root, purpose), { recursive: true, force: true });
  }

  private scratchRoot(): string {
    this.root ??= this.rootOption ?? mkdtempSync(join(tmpdir(), 'brief-studio-scratch-'));
    return this.root;
  }

  private async sync(copy: ScratchCopy, target: string, sourceDir: string, overlay: TemplateOverlay): Promise<string> {
    await mkdir(target, { recursive: true, mode: 0o700 });
    const root = await realpath(target);
    const source = await realpath(sourceDir);
    const wanted = new Map<string, { made: string; write: () => Promise<Uint8Array | string> }>();

    for (const file of (await walkTemplate(source)).files) {
      wanted.set(file.path, { made: `file:${file.mtimeMs}:${file.size}`, write: () => readInputFile(file.real) });
    }
    for (const buffer of overlay) {
      const path = buffer.path.replace(/\\/g, '/');
      // The same confinement as saving: an overlay names a template file inside the copy, nothing else.
      editablePath(root, path);
      wanted.set(path, { made: `text:${buffer.text}`, write: () => Promise.resolve(buffer.text) });
    }

    for (const [path, { made, write }] of wanted) {
      if (copy.made.get(path) === made) continue;
      const file = join(root, ...path.split('/'));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, await write());
      const stamp = this.nextStamp();
      await utimes(file, stamp, stamp);
      copy.made.set(path, made);
    }
    for (const path of await listFiles(root)) {
      if (wanted.has(path)) continue;
      await rm(join(root, ...path.split('/')), { force: true });
      copy.made.delete(path);
    }
    return root;
  }

  /** A modification time later than any given before (seconds), so a rewrite never looks unchanged. */
  private nextStamp(): number {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return this.lastStamp / 1000;
  }
}

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, ...prefix.split('/').filter(Boolean)), { withFileTypes: true })) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) found.push(...(await listFiles(root, `${path}/`)));
    else found.push(path);
  }
  return found;
}

/** A failure to prepare a copy, as a sentence for the user (a BriefError from confinement passes through). */
export function scratchFailure(error: unknown): BriefError {
  if (error instanceof BriefError) return error;
  return new BriefError('IO', `The unsaved template could not be prepared for checking and previewing: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
