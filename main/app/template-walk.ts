/**
 * The files of a template folder, found the way the engine would accept
 * them: every path is checked by the engine's own confinement, so a
 * symbolic link is followed only while it stays inside the folder. Links
 * that lead out, and anything that is not a regular file, are left behind
 * and named, never read.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { confinedPath } from '../engine/index.js';

export interface TemplateFileFound {
  /** Relative to the template folder, `/`-separated. */
  path: string;
  /** Real path, checked to be inside the template folder. */
  real: string;
  size: number;
  mtimeMs: number;
}

export interface TemplateWalk {
  files: TemplateFileFound[];
  /** Relative paths left out, each with the reason. */
  skipped: { path: string; reason: string }[];
}

export interface WalkLimits {
  maxFiles: number;
  maxBytes: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxFiles: 2000, maxBytes: 200 * 1024 * 1024 };

export class TemplateTooLarge extends Error {}

/** `root` must be a real path (the engine's confinement compares real paths). */
export async function walkTemplate(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<TemplateWalk> {
  const walk: TemplateWalk = { files: [], skipped: [] };
  const visited = new Set<string>();
  let bytes = 0;

  const visit = async (realFolder: string, prefix: string): Promise<void> => {
    if (visited.has(realFolder)) return; // a link loop inside the template
    visited.add(realFolder);
    const entries: Dirent[] = await readdir(realFolder, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = `${prefix}${entry.name}`;
      let real: string;
      try {
        real = confinedPath(root, join(...path.split('/')), 'File');
      } catch (error) {
        walk.skipped.push({ path, reason: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const info = await stat(real);
      if (info.isDirectory()) {
        await visit(real, `${path}/`);
      } else if (info.isFile()) {
        bytes += info.size;
        walk.files.push({ path, real, size: info.size, mtimeMs: info.mtimeMs });
        if (walk.files.length > limits.maxFiles || bytes > limits.maxBytes) {
          throw new TemplateTooLarge(`The template folder holds more than ${limits.maxFiles} files or ${Math.round(limits.maxBytes / (1024 * 1024))} MB.`);
        }
      } else {
        walk.skipped.push({ path, reason: 'is not a regular file' });
      }
    }
  };
  await visit(root, '');
  return walk;
}
