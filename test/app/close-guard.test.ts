import { describe, expect, it, vi } from 'vitest';
import { guardUnsavedChanges } from '../../main/app/close-guard.js';
import { DocumentSession } from '../../main/app/document-session.js';
import { BrowserWindow } from './fake-electron.js';

function setup(choice: 'save' | 'discard' | 'cancel', dirty: boolean) {
  const window = new BrowserWindow({});
  const session = new DocumentSession();
  session.dirty = dirty;
  session.filePath = '/docs/summit.brief.yaml';
  const ask = vi.fn(() => Promise.resolve(choice));
  const requestSaveAndClose = vi.fn();
  guardUnsavedChanges(window, { session, ask, requestSaveAndClose });
  return { window, session, ask, requestSaveAndClose };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('closing with unsaved changes', () => {
  it('closes at once when there is nothing to save', () => {
    const { window, ask } = setup('cancel', false);
    window.close();
    expect(window.closed).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks first, naming the brief, and stays open on Cancel', async () => {
    const { window, ask } = setup('cancel', true);
    window.close();
    await settle();
    expect(ask).toHaveBeenCalledWith('summit.brief.yaml');
    expect(window.closed).toBe(false);
  });

  it("closes without saving on Don't Save", async () => {
    const { window, requestSaveAndClose } = setup('discard', true);
    window.close();
    await settle();
    expect(window.closed).toBe(true);
    expect(requestSaveAndClose).not.toHaveBeenCalled();
  });

  it('asks the page to save and close on Save, and lets the window go once saved', async () => {
    const { window, session, requestSaveAndClose } = setup('save', true);
    window.close();
    await settle();
    expect(requestSaveAndClose).toHaveBeenCalledOnce();
    expect(window.closed).toBe(false);
    session.dirty = false; // the page saved
    window.close();
    expect(window.closed).toBe(true);
  });

  it('shows one prompt however often close is pressed', async () => {
    const { window, ask } = setup('cancel', true);
    window.close();
    window.close();
    window.close();
    await settle();
    expect(ask).toHaveBeenCalledOnce();
  });
});
