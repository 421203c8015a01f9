/**
 * A small JSON file in the user-data folder, validated on read (a damaged or
 * hand-edited file falls back to defaults instead of breaking start-up) and
 * written atomically (a crash mid-write never leaves half a file). Recent
 * files and settings name a user's briefs: the file is readable by its owner
 * only (0600), and so is its folder (0700).
 */
import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { readInputFileSync, writeFileAtomic } from '../engine/index.js';

export class JsonStore<T> {
  private value: T;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    fallback: T,
  ) {
    this.value = readValidated(file, schema) ?? fallback;
  }

  get(): T {
    return this.value;
  }

  /** Replace the value; writes are queued so the file always ends with the latest one. */
  set(value: T): Promise<void> {
    this.value = value;
    this.pending = this.pending.then(() => this.write(value)).catch(() => undefined);
    return this.pending;
  }

  private async write(value: T): Promise<void> {
    await ensurePrivateFolder(dirname(this.file));
    await writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`, { mode: PRIVATE_FILE });
  }
}

/** Settings and recent files are a few kilobytes; anything else there (a pipe, a huge file) is not ours to read. */
const MAX_STORE_BYTES = 1024 * 1024;

export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

/** Create the folder owner-only, and tighten it if an earlier version made it readable by others. */
export async function ensurePrivateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_FOLDER });
  await chmod(dir, PRIVATE_FOLDER);
}

function readValidated<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(readInputFileSync(file, { maxBytes: MAX_STORE_BYTES }).toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
