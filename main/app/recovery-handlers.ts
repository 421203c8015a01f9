/**
 * IPC handlers for unsaved-work recovery, the start screen's recent briefs,
 * and a brief dropped on the window. No Electron here.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { loadSpecFile, toErrorData } from '../engine/index.js';
import { RECOVERY_KINDS, type BriefDraft, type RecoveryContent, type RecoveryKind } from '../shared/ipc-contract.js';
import { draftFromSpec } from './brief-draft.js';
import { BRIEF_EXTENSION, type DocumentSession } from './document-session.js';
import type { HandlerContext, IpcHandlers } from './ipc-handlers.js';
import type { RecentFiles } from './recent-files.js';
import type { RecoveryStore } from './recovery-store.js';
import type { SettingsStore } from './settings.js';

/** The one brief of a window is kept under this key. */
export const BRIEF_KEY = 'brief';

export interface RecoveryHandlerDeps {
  recovery: RecoveryStore | undefined;
  recent: RecentFiles;
  settings: SettingsStore;
}

type Handlers = Pick<IpcHandlers, 'keepRecovery' | 'forgetRecovery' | 'listRecovery' | 'restoreRecovery' | 'discardRecovery' | 'listRecent' | 'openDroppedBrief'>;

/** The brief of this window is saved, discarded or replaced: its recovery copy goes. */
export function forgetBrief(recovery: RecoveryStore | undefined, session: DocumentSession): Promise<void> {
  return recovery ? recovery.forget(session, 'brief', BRIEF_KEY) : Promise.resolve();
}

export interface OpenBriefDeps {
  recovery: RecoveryStore | undefined;
  recent: RecentFiles;
  settings: SettingsStore;
}

/**
 * Open the brief at `path` in the window: its recovery copy (of the brief
 * the window held) goes, the recent list and last folder are updated. A
 * spec that cannot be read throws its located error for the caller to report.
 */
export async function openBriefFile(path: string, { session, window }: HandlerContext, deps: OpenBriefDeps): Promise<{ status: 'opened'; draft: BriefDraft; fileName: string }> {
  const spec = await loadSpecFile(path);
  await forgetBrief(deps.recovery, session);
  session.reset(path);
  session.title = spec.title;
  window.setDocumentState(session.windowTitle(), false);
  await Promise.all([deps.recent.add(path), deps.settings.update({ lastBriefFolder: dirname(path) })]);
  return { status: 'opened', draft: draftFromSpec(spec), fileName: basename(path) };
}

export function createRecoveryHandlers({ recovery, recent, settings }: RecoveryHandlerDeps): Handlers {
  const isKind = (kind: string): kind is RecoveryKind => (RECOVERY_KINDS as readonly string[]).includes(kind);

  return {
    async keepRecovery({ kind, key, label, content }, { session }: HandlerContext) {
      if (!recovery) return { ok: false, message: 'Recovery is not available.' };
      if (kind === 'brief' && !('draft' in content)) return { ok: false, message: 'A brief is kept as its draft.' };
      // Only the brief knows its file; other editors' work names its own place by key.
      const failed = await recovery.keep(session, { kind, key: kind === 'brief' ? BRIEF_KEY : key, label, origin: kind === 'brief' ? session.filePath : undefined, content });
      return failed ? { ok: false, message: recoveryWriteFailure(failed, recovery.dir) } : { ok: true };
    },

    async forgetRecovery({ kind, key }, { session }) {
      await recovery?.forget(session, kind, kind === 'brief' ? BRIEF_KEY : key);
      return { ok: true };
    },

    async listRecovery() {
      const offers = (await recovery?.offers()) ?? [];
      return {
        offers: offers.flatMap((offer) =>
          isKind(offer.kind) ? [{ id: offer.id, kind: offer.kind, key: offer.key, label: offer.label, savedAt: offer.savedAt, ...(offer.origin ? { fileName: basename(offer.origin) } : {}) }] : [],
        ),
      };
    },

    async restoreRecovery({ id }, { session, window }) {
      const offer = await recovery?.take(id);
      if (!offer || !isKind(offer.kind)) return { status: 'error', error: { code: 'IO', message: 'That recovered work is no longer available.' } };
      const content = offer.content as RecoveryContent;
      if (offer.kind !== 'brief') return { status: 'restored', kind: offer.kind, key: offer.key, content };
      // The restored brief saves back to the file it came from, if that is still there.
      const origin = offer.origin && (await isFile(offer.origin)) ? offer.origin : undefined;
      session.reset(origin);
      session.dirty = true;
      const draft = 'draft' in content ? content.draft : undefined;
      session.title = draft?.title ?? '';
      window.setDocumentState(session.windowTitle(), true);
      // Kept again at once under this session, so a second crash loses nothing either.
      if (draft) await recovery!.keep(session, { kind: 'brief', key: BRIEF_KEY, label: offer.label, origin, content });
      return { status: 'restored', kind: 'brief', key: BRIEF_KEY, content, ...(origin ? { fileName: basename(origin) } : {}) };
    },

    async discardRecovery({ id }) {
      const removed = (await recovery?.discard(id)) ?? false;
      return removed ? { ok: true } : { ok: false, message: 'That recovered work is no longer available.' };
    },

    listRecent() {
      return Promise.resolve({ briefs: recent.list().map((path) => ({ path, fileName: basename(path), folder: dirname(path) })) });
    },

    async openDroppedBrief({ path }, context) {
      // The page may only open briefs this way: a dropped photo or a section file gets a plain answer, not a parse error.
      if (!path) return { status: 'error', error: { code: 'IO', message: 'Only files from this computer can be dropped here; use File → Open Brief… instead.' } };
      if (!path.toLowerCase().endsWith(BRIEF_EXTENSION)) {
        return {
          status: 'error',
          error: { code: 'SPEC_INVALID', message: `${basename(path)} is not a brief: drop a ${BRIEF_EXTENSION} file (sections are added from the library).`, location: { file: path } },
        };
      }
      try {
        return await openBriefFile(path, context, { recovery, recent, settings });
      } catch (error) {
        return { status: 'error', error: toErrorData(error) };
      }
    },
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Why no recovery copy could be written, in words a user can act on (never a raw errno). */
function recoveryWriteFailure(error: Error, folder: string): string {
  const reason = (() => {
    switch ((error as NodeJS.ErrnoException).code) {
      case 'ENOSPC':
      case 'EDQUOT':
        return `the disk that holds ${folder} is full`;
      case 'EACCES':
      case 'EPERM':
        return `Brief Studio may not write in ${folder}`;
      case 'EROFS':
        return `${folder} is on a read-only disk`;
      case 'EEXIST':
      case 'ENOTDIR':
        return `${folder} is not a folder`;
      default:
        return `no copy could be written in ${folder}`;
    }
  })();
  return `Unsaved work cannot be kept for recovery: ${reason}. Save your work to keep it safe.`;
}
