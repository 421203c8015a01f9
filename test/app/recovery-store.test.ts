/**
 * Unsaved work in the user-data folder: kept owner-only and atomically, one
 * file per piece of work and window session, removed on save, discard and a
 * normal close, and offered back by the next run after a crash. The handlers
 * restore a brief into a session, and refuse a dropped file that is not a brief.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DocumentSession } from '../../main/app/document-session.js';
import { createRecoveryHandlers } from '../../main/app/recovery-handlers.js';
import { RECOVERY_FOLDER, RecoveryStore } from '../../main/app/recovery-store.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import { SettingsStore } from '../../main/app/settings.js';
import type { HandlerContext } from '../../main/app/ipc-handlers.js';
import type { BriefDraft } from '../../main/shared/ipc-contract.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'brief-studio-recovery-'));
const draft = (title: string): BriefDraft => ({ title, date: '2024-05-06', template: 'memo', sections: ['space-agreement'], options: {} });
const files = (userData: string) => {
  try {
    return readdirSync(join(userData, RECOVERY_FOLDER)).sort();
  } catch {
    return [];
  }
};
const readRecord = (userData: string, name: string) => JSON.parse(readFileSync(join(userData, RECOVERY_FOLDER, name), 'utf8')) as { label: string; content: { draft: BriefDraft } };

describe('recovery store', () => {
  it('keeps the newest version of each piece of work in an owner-only file, and nothing beside it', async () => {
    const userData = tempDir();
    const store = new RecoveryStore(userData);
    const session = {};
    const kept = ['S', 'Su', 'Sum', 'Summit read-ahead'].map((title) => store.keep(session, { kind: 'brief', key: 'brief', label: title, content: { draft: draft(title) } }));
    await Promise.all(kept);
    await store.settle();
    const [name, ...others] = files(userData);
    expect(others).toEqual([]); // one file: no temp files, no copy per keystroke
    expect(name).toMatch(/^[0-9a-f-]{36}-[0-9a-f]{24}\.json$/);
    expect(name).not.toContain('Summit'); // the file name says nothing of the brief
    expect(readRecord(userData, name!)).toMatchObject({ label: 'Summit read-ahead', content: { draft: { title: 'Summit read-ahead' } } });
    expect(statSync(join(userData, RECOVERY_FOLDER, name!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(userData, RECOVERY_FOLDER)).mode & 0o777).toBe(0o700);
  });

  it('forgets work once it is saved or discarded, and all of a session’s work when its window closes normally', async () => {
    const userData = tempDir();
    const store = new RecoveryStore(userData);
    const one = {};
    const two = {};
    await store.keep(one, { kind: 'brief', key: 'brief', label: 'A', content: { draft: draft('A') } });
    await store.keep(one, { kind: 'template', key: 'house', label: 'House', content: { files: [{ path: 'brief.hbs', text: 'x' }] } });
    await store.keep(two, { kind: 'brief', key: 'brief', label: 'B', content: { draft: draft('B') } });
    expect(files(userData)).toHaveLength(3);
    await store.forget(two, 'brief', 'brief');
    expect(files(userData)).toHaveLength(2);
    // A keep still queued when the work is forgotten never writes it back.
    const late = store.keep(two, { kind: 'brief', key: 'brief', label: 'B2', content: { draft: draft('B2') } });
    const forgotten = store.forget(two, 'brief', 'brief');
    await Promise.all([late, forgotten]);
    await store.forgetSession(one);
    expect(files(userData)).toEqual([]);
  });

  it('offers what a crashed run left behind, newest first, and nothing this run keeps', async () => {
    const userData = tempDir();
    let now = Date.parse('2024-05-06T10:00:00Z');
    const crashed = new RecoveryStore(userData, () => new Date((now += 60_000)));
    await crashed.keep({}, { kind: 'brief', key: 'brief', label: 'Older brief', content: { draft: draft('Older brief') } });
    await crashed.keep({}, { kind: 'brief', key: 'brief', label: 'Newer brief', origin: '/home/a/newer.brief.yaml', content: { draft: draft('Newer brief') } });
    // A damaged file (a crash mid-write cannot make one, a disk error can) is not offered.
    writeFileSync(join(userData, RECOVERY_FOLDER, '00000000-0000-0000-0000-000000000000-000000000000000000000000.json'), '{"version":1,"kind":');

    const next = new RecoveryStore(userData);
    await next.keep({}, { kind: 'brief', key: 'brief', label: 'This run', content: { draft: draft('This run') } });
    const offers = await next.offers();
    expect(offers.map((o) => o.label)).toEqual(['Newer brief', 'Older brief']);
    expect(offers[0]).toMatchObject({ kind: 'brief', origin: '/home/a/newer.brief.yaml', content: { draft: { title: 'Newer brief' } } });

    const taken = await next.take(offers[0]!.id);
    expect(taken?.label).toBe('Newer brief');
    expect(await next.discard(offers[1]!.id)).toBe(true);
    expect(await next.discard(offers[1]!.id)).toBe(false);
    expect((await next.offers()).map((o) => o.label)).toEqual([]);
    // This run's own file and the damaged one are still there.
    expect(files(userData)).toHaveLength(2);
  });
});

describe('recovery handlers', () => {
  function setup(userData: string) {
    const recovery = new RecoveryStore(userData);
    const handlers = createRecoveryHandlers({ recovery, recent: new RecentFiles(userData), settings: new SettingsStore(userData) });
    const window = { setDocumentState: vi.fn(), close: vi.fn(), print: vi.fn() };
    const context: HandlerContext = { session: new DocumentSession(), window };
    return { recovery, handlers, context, window };
  }

  it('keeps a brief for its window, and restores it in the next run as an unsaved brief of the same file', async () => {
    const userData = tempDir();
    const documents = tempDir();
    const briefFile = join(documents, 'summit.brief.yaml');
    writeFileSync(briefFile, 'title: Summit\nsections: [space-agreement]\n');
    const first = setup(userData);
    first.context.session.reset(briefFile);
    expect(await first.handlers.keepRecovery({ kind: 'brief', key: 'brief', label: 'Summit (edited)', content: { draft: draft('Summit (edited)') } }, first.context)).toEqual({ ok: true });
    // The app is killed here: nothing closes the window.

    const second = setup(userData);
    const { offers } = await second.handlers.listRecovery({}, second.context);
    expect(offers).toEqual([expect.objectContaining({ kind: 'brief', label: 'Summit (edited)', fileName: 'summit.brief.yaml' })]);
    const restored = await second.handlers.restoreRecovery({ id: offers[0]!.id }, second.context);
    expect(restored).toMatchObject({ status: 'restored', kind: 'brief', fileName: 'summit.brief.yaml', content: { draft: { title: 'Summit (edited)' } } });
    expect(second.context.session).toMatchObject({ filePath: briefFile, dirty: true });
    expect(second.window.setDocumentState).toHaveBeenCalledWith('• summit.brief.yaml — Brief Studio', true);
    // Kept again under the new session, so a second crash loses nothing either; and offered only once.
    await second.recovery.settle();
    expect(files(userData)).toHaveLength(1);
    expect((await second.handlers.listRecovery({}, second.context)).offers).toEqual([]);
  });

  it('says plainly when no copy can be written, and keeps again once it can', async () => {
    const userData = tempDir();
    // A file where the recovery folder belongs: every write into it fails (as a full or read-only disk would).
    writeFileSync(join(userData, RECOVERY_FOLDER), 'not a folder');
    const t = setup(userData);
    const keep = (title: string) => t.handlers.keepRecovery({ kind: 'brief', key: 'brief', label: title, content: { draft: draft(title) } }, t.context);
    const refused = await keep('Summit');
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^Unsaved work cannot be kept for recovery: .*Save your work to keep it safe\.$/);
    expect(refused.message).toContain(join(userData, RECOVERY_FOLDER));
    expect(refused.message).not.toMatch(/\bE[A-Z]{3,}\b/); // no raw errno
    // A burst shares one write: each keep of it hears how that write went.
    const burst = await Promise.all([keep('Summit 2'), keep('Summit 3')]);
    expect(burst.map((done) => done.ok)).toEqual([false, false]);

    rmSync(join(userData, RECOVERY_FOLDER));
    expect(await keep('Summit 4')).toEqual({ ok: true });
    expect(files(userData)).toHaveLength(1);
  });

  it('opens a dropped brief, and says plainly when a dropped file is not one', async () => {
    const userData = tempDir();
    const documents = tempDir();
    mkdirSync(documents, { recursive: true });
    const t = setup(userData);
    const photo = join(documents, 'photo.png');
    writeFileSync(photo, 'not a brief');
    const refused = await t.handlers.openDroppedBrief({ path: photo }, t.context);
    expect(refused).toMatchObject({ status: 'error', error: { code: 'SPEC_INVALID', location: { file: photo } } });
    expect(refused.status === 'error' && refused.error.message).toContain('photo.png is not a brief');
    expect(t.context.session.filePath).toBeUndefined();

    const broken = join(documents, 'broken.brief.yaml');
    writeFileSync(broken, 'title: [unclosed\n');
    const located = await t.handlers.openDroppedBrief({ path: broken }, t.context);
    expect(located).toMatchObject({ status: 'error', error: { location: { file: broken } } });
    expect(located.status === 'error' && located.error.location?.line).toBeGreaterThan(0);

    const good = join(documents, 'summit.brief.yaml');
    writeFileSync(good, 'title: Summit\nsections: [space-agreement]\n');
    expect(await t.handlers.openDroppedBrief({ path: good }, t.context)).toMatchObject({ status: 'opened', fileName: 'summit.brief.yaml', draft: { title: 'Summit' } });
    expect(t.context.session.filePath).toBe(good);
    expect((await t.handlers.listRecent({}, t.context)).briefs).toEqual([{ path: good, fileName: 'summit.brief.yaml', folder: documents }]);
  });
});
