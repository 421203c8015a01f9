/**
 * Export and Print make exactly what the preview shows, unsaved section and
 * template edits included (main reads them from memory; nothing is written
 * for them). Before either goes ahead, the user is told plainly which files
 * have unsaved changes and chooses: save them all first, go on without
 * saving (the files stay as they are on disk), or cancel.
 */
import type { BriefDraft, BriefStudioApi, TemplateEdit, UnsavedInput } from '../../main/shared/ipc-contract.js';
import { askChoice } from './page-dialogs.js';

export interface OutputEditors {
  /** Wait until main holds the text on screen (an edit still waiting to be sent). */
  flush(): Promise<void>;
  /** Save every editor's unsaved files; false when one could not be saved (the editor has said why). */
  saveAll(): Promise<boolean>;
}

export type OutputRequest = { draft: BriefDraft; templateEdit?: TemplateEdit };
/** `include`: go on with the unsaved edits; `saved`: they were saved first; `none`: there were none. */
export type UnsavedDecision = 'none' | 'include' | 'saved' | 'cancel';
/** The answer an export already got, kept for its retry ("Choose another location"). */
export type KeptDecision = Exclude<UnsavedDecision, 'cancel'>;

const WORDS = {
  export: { thing: 'PDF', verb: 'Export', made: 'exported' },
  print: { thing: 'printout', verb: 'Print', made: 'printed' },
} as const;

/** “a.md” (section) and “house/brief.hbs” (template). */
export function describeUnsaved(files: UnsavedInput[]): string {
  const names = files.map((file) => `“${file.fileName}” (${file.kind})`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}` : (names[0] ?? '');
}

/**
 * Ask main which files of this request are unsaved and let the user choose.
 * `briefSections`: the brief's own sections, to say so when the preview also
 * shows a section only because it is open in the section editor.
 * `kept`: the answer this same export already got (a retry after the target
 * folder refused the file); the user is not asked again for it.
 */
export async function decideUnsaved(
  api: BriefStudioApi,
  request: OutputRequest,
  briefSections: readonly string[],
  editors: OutputEditors | undefined,
  action: 'export' | 'print',
  kept?: KeptDecision,
): Promise<UnsavedDecision> {
  const words = WORDS[action];
  // "Export without saving" stands: main includes whatever the preview shows.
  if (kept === 'include') return 'include';
  const { files } = await api.listUnsavedInputs(request);
  if (kept && !files.length) return 'none';
  // "Save all and export" stands too: what was typed since is saved the same way.
  if (kept === 'saved') return editors && (await editors.saveAll()) ? 'saved' : 'cancel';
  const extra = request.draft.sections.filter((id) => !briefSections.includes(id));
  const extraNote = extra.length
    ? ` “${extra.join('”, “')}” is in the preview because it is open in the section editor; it is not one of the brief's sections, and the ${words.thing} includes it as shown.`
    : '';
  if (!files.length) {
    if (!extra.length) return 'none';
    const choice = await askChoice(
      'Section not in the brief',
      extraNote.trim(),
      [
        { value: 'cancel', label: 'Cancel' },
        { value: 'go', label: words.verb, primary: true },
      ],
      'cancel',
    );
    return choice === 'go' ? 'none' : 'cancel';
  }
  const choice = await askChoice(
    'Unsaved changes',
    `The preview shows changes not saved yet in ${describeUnsaved(files)}. The ${words.thing} is made from exactly what the preview shows.${extraNote}`,
    [
      { value: 'cancel', label: 'Cancel' },
      { value: 'include', label: `${words.verb} without saving` },
      { value: 'save', label: `Save all and ${words.verb.toLowerCase()}`, primary: true },
    ],
    'cancel',
  );
  if (choice === 'cancel') return 'cancel';
  if (choice === 'include') return 'include';
  return editors && (await editors.saveAll()) ? 'saved' : 'cancel';
}

/** What the page says when main still found unsaved edits it was not told to include (a save that did not happen). */
export function stillUnsavedMessage(files: UnsavedInput[], action: 'export' | 'print'): string {
  return `${describeUnsaved(files)} still ${files.length === 1 ? 'has' : 'have'} unsaved changes, so nothing was ${WORDS[action].made}. Save or close the editor, then try again.`;
}
