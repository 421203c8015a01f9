/**
 * A .brief.yaml dropped on the window opens it. Main checks the file (a brief
 * by name, then read and validated like any opened brief); anything else gets
 * a plain message. Drags inside the page (reordering sections) are not files
 * and are left alone.
 */
import { byId } from './dom.js';

const BRIEF_EXTENSION = '.brief.yaml';

export interface DropTarget {
  /** Open the dropped file; `isBrief`: its name says it is a brief (only then is the user asked about unsaved edits). */
  open(path: string, isBrief: boolean): Promise<void>;
  pathForFile(file: File): string;
}

export function acceptBriefDrops(target: DropTarget): void {
  const overlay = byId('drop-overlay');
  let depth = 0;
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const hide = () => {
    depth = 0;
    overlay.hidden = true;
  };
  document.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    depth++;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', (event) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  // Without this the window would navigate to the dropped file.
  document.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    hide();
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    void target.open(target.pathForFile(file), file.name.toLowerCase().endsWith(BRIEF_EXTENSION));
  });
}
