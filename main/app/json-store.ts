/**
 * A small JSON file in the user-data folder, validated on read (a damaged or
 * hand-edited file falls back to defaults instead of breaking start-up) and
 * written atomically (a crash mid-write never leaves half a file).
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../engine/write-atomic.js';

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
    await mkdir(dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(value, null, 2)}\n`);
  }
}

function readValidated<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
