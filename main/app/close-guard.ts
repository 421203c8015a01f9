/**
 * Closing a window with unsaved changes asks first: Save, Don't Save or
 * Cancel. Saving happens in the page (it holds the edits); once the save
 * lands, the page closes the window again and this guard lets it go.
 */
import type { DocumentSession } from './document-session.js';
import type { UnsavedChoice } from './ipc-handlers.js';

export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
}

export interface CloseGuardOptions {
  session: DocumentSession;
  ask(documentName: string): Promise<UnsavedChoice>;
  /** Ask the page to save and then close. */
  requestSaveAndClose(): void;
}

export function guardUnsavedChanges(window: GuardedWindow, options: CloseGuardOptions): void {
  let discarding = false;
  let asking = false;
  window.on('close', (event) => {
    if (discarding || !options.session.dirty) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    const name = options.session.fileName ?? (options.session.title.trim() || 'Untitled brief');
    void options
      .ask(name)
      .then((choice) => {
        if (choice === 'save') options.requestSaveAndClose();
        else if (choice === 'discard') {
          discarding = true;
          window.close();
        }
      })
      .finally(() => {
        asking = false;
      });
  });
}
