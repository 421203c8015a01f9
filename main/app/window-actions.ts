/** The handlers' view of a BrowserWindow: its title, closing it and printing it. */
import type { BrowserWindow } from 'electron';
import type { PrintRequest, WindowActions } from './ipc-handlers.js';

export function windowActions(window: BrowserWindow): WindowActions {
  return {
    setDocumentState(title, edited) {
      window.setTitle(title);
      // macOS shows the dot in the close button; elsewhere the title carries it.
      window.setDocumentEdited(edited);
    },
    close() {
      window.close();
    },
    print(request: PrintRequest) {
      // The page has laid out its print view (one image per PDF page); the
      // system dialog prints that view on paper of the brief's own size.
      return new Promise((resolve) => {
        window.webContents.print({ silent: false, printBackground: true, pageSize: request.pageSize, margins: { marginType: 'none' } }, (printed, failureReason) =>
          resolve({ printed, failureReason }),
        );
      });
    },
  };
}
