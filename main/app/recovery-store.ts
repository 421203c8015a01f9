/**
 * Unsaved work kept in the user-data folder while the user types, so a crash
 * or a forced quit loses nothing: `recovery/` (owner-only, 0700) holds one
 * file per piece of unsaved work (0600), written atomically (a temp file
 * beside it, renamed into place; never a copy anywhere else).
 *
 * Any editor can keep its buffers here: a piece of work is named by its kind
 * (`brief`, `section`, `template`, …), a key within that kind (a section id,
 * `template-id/partials/x.hbs`) and the window session it belongs to. The
 * file is removed when the work is saved or discarded, and a window that
 * closes normally (its unsaved changes saved or discarded through the close
 * prompt) removes all of its own files. What is left at start-up was left by
 * a crash: it is offered back (restore or discard).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readInputFileSync, writeFileAtomic } from '../engine/index.js';
import { ensurePrivateFolder, PRIVATE_FILE } from './json-store.js';

export const RECOVERY_FOLDER = 'recovery';
/** Largest recovery file read back (a brief draft or a few editor buffers). */
const MAX_RECOVERY_BYTES = 8 * 1024 * 1024;
const FILE_PATTERN = /^([0-9a-f-]{36})-([0-9a-f]{24})\.json$/;

const entrySchema = z
  .object({
    version: z.literal(1),
    kind: z.string().regex(/^[a-z][a-z-]{0,30}$/),
    key: z.string().max(1000),
    /** What the user calls it: the brief's title, a section's id. */
    label: z.string().max(2000),
    /** The saved file this work was opened from, if any. */
    origin: z.string().max(4096).optional(),
    savedAt: z.string().max(40),
    content: z.unknown(),
  })
  .strict();
export type RecoveryRecord = z.infer<typeof entrySchema>;

/** A piece of unsaved work found at start-up, as offered to the user. */
export interface RecoveryOffer extends RecoveryRecord {
  /** Its file name in the recovery folder: how the page names it back. */
  id: string;
}

export interface KeepRequest {
  kind: string;
  key: string;
  label: string;
  origin?: string;
  content: unknown;
}

export class RecoveryStore {
  readonly dir: string;
  /** Each window session's files carry its id, so a new session never overwrites what a crashed one left. */
  private readonly sessions = new WeakMap<object, string>();
  /** Writes and removals of one file run in order, so the last word always wins. */
  private readonly queues = new Map<string, Promise<void>>();
  /** The newest record waiting to be written, per file: a burst of keeps writes once or twice, not once each. */
  private readonly latest = new Map<string, RecoveryRecord>();
  /** The last write of a file that failed (until one succeeds): what a keep of that file reports. */
  private readonly failures = new Map<string, Error>();
  /** Work left by earlier runs, read once at start-up (before this run writes anything). */
  private readonly found: Promise<RecoveryOffer[]>;

  constructor(
    userDataDir: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.dir = join(userDataDir, RECOVERY_FOLDER);
    this.found = this.readAll();
  }

  /** The session id of a window (any object standing for it). */
  sessionId(session: object): string {
    let id = this.sessions.get(session);
    if (!id) {
      id = randomUUID();
      this.sessions.set(session, id);
    }
    return id;
  }

  /**
   * Keep (or replace) a piece of unsaved work of this session. Resolves with
   * the error of the write that holds this request's content (a burst of
   * keeps shares one write), or undefined once it is on disk.
   */
  async keep(session: object, request: KeepRequest): Promise<Error | undefined> {
    const file = this.fileFor(session, request.kind, request.key);
    const record: RecoveryRecord = { version: 1, ...request, savedAt: this.clock().toISOString() };
    this.latest.set(file, record);
    await this.enqueue(file, async () => {
      const newest = this.latest.get(file);
      if (!newest) return;
      this.latest.delete(file);
      try {
        await ensurePrivateFolder(this.dir);
        await writeFileAtomic(join(this.dir, file), JSON.stringify(newest), { mode: PRIVATE_FILE });
        this.failures.delete(file);
      } catch (error) {
        this.failures.set(file, error instanceof Error ? error : new Error(String(error)));
      }
    });
    return this.failures.get(file);
  }

  /** The work was saved or discarded: forget it. */
  forget(session: object, kind: string, key: string): Promise<void> {
    return this.remove(this.fileFor(session, kind, key));
  }

  /** The session ended normally (its window closed after the close prompt): forget all of its work. */
  async forgetSession(session: object): Promise<void> {
    const prefix = `${this.sessionId(session)}-`;
    const names = new Set([...this.queues.keys()].filter((name) => name.startsWith(prefix)));
    for (const name of await this.listFiles()) if (name.startsWith(prefix)) names.add(name);
    await Promise.all([...names].map((name) => this.remove(name)));
  }

  /** What earlier runs left behind and has not been restored or discarded yet. */
  async offers(): Promise<RecoveryOffer[]> {
    const found = await this.found;
    const present = new Set(await this.listFiles());
    return found.filter((offer) => present.has(offer.id));
  }

  /** Take an offer back: its content, and its file is removed (the restoring session keeps its own copy from now on). */
  async take(id: string): Promise<RecoveryOffer | undefined> {
    const offer = (await this.offers()).find((o) => o.id === id);
    if (offer) await this.remove(id);
    return offer;
  }

  /** Discard an offer. */
  async discard(id: string): Promise<boolean> {
    const offer = (await this.offers()).find((o) => o.id === id);
    if (offer) await this.remove(id);
    return offer !== undefined;
  }

  /** Wait for every queued write and removal (tests; quitting). */
  async settle(): Promise<void> {
    await Promise.all(this.queues.values());
  }

  private fileFor(session: object, kind: string, key: string): string {
    const digest = createHash('sha256').update(`${kind}\u0000${key}`).digest('hex').slice(0, 24);
    return `${this.sessionId(session)}-${digest}.json`;
  }

  private remove(file: string): Promise<void> {
    this.latest.delete(file);
    this.failures.delete(file);
    return this.enqueue(file, () => unlink(join(this.dir, file)).catch(() => undefined));
  }

  private enqueue(file: string, step: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(file) ?? Promise.resolve()).then(step).catch(() => undefined);
    this.queues.set(file, next);
    void next.then(() => {
      if (this.queues.get(file) === next) this.queues.delete(file);
    });
    return next;
  }

  private async listFiles(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => FILE_PATTERN.test(name));
    } catch {
      return [];
    }
  }

  private async readAll(): Promise<RecoveryOffer[]> {
    const offers: RecoveryOffer[] = [];
    for (const name of await this.listFiles()) {
      try {
        const parsed = entrySchema.safeParse(JSON.parse(readInputFileSync(join(this.dir, name), { maxBytes: MAX_RECOVERY_BYTES }).toString('utf8')));
        if (parsed.success) offers.push({ ...parsed.data, id: name });
      } catch {
        // A file that cannot be read back is not offered (a damaged one is left for the user to find).
      }
    }
    return offers.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }
}
