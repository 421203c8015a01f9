/**
 * Draw the paginated flow: one PDF page per laid-out page, block by block
 * (the operators of one block are handed over together, so each block can be
 * wrapped in its structure tag), box decorations just before the first item
 * of their box on the page. A page laid out as one drawn before in this
 * process is replayed instead (page-replay.ts).
 */
import { Canvas, type CanvasRecorder } from './canvas.js';
import type { Container, FlowItem } from './flow.js';
import type { PlacedHeading } from './outline.js';
import type { Pacer } from './pacer.js';
import { PageRecording, planPage, replayPage } from './page-replay.js';
import type { PageLayout } from './paginate.js';
import type { DocumentInternals } from './pdfkit-internals.js';
import type { StructureTagger } from './tagging.js';

/** What drawing one page reads and adds to across pages. */
interface DocumentState {
  readonly doc: DocumentInternals;
  readonly tagger?: StructureTagger;
  readonly headings: PlacedHeading[];
  readonly destinations: Set<string>;
  /** A table's header row repeated on a continuation page is furniture: the tree has it once. */
  readonly drawnItems: Set<FlowItem>;
}

export async function renderPages(doc: DocumentInternals, pages: readonly PageLayout[], pacer: Pacer, tagger?: StructureTagger, landscapeSize?: [number, number]): Promise<PlacedHeading[]> {
  const state: DocumentState = { doc, tagger, headings: [], destinations: new Set(), drawnItems: new Set() };
  for (let pageIndex = 0; pageIndex < pages.length; pageIndex++) {
    const page = pages[pageIndex] as PageLayout;
    // A landscape page has a landscape MediaBox (not /Rotate): why in column-runs.ts.
    if (page.landscape && landscapeSize) doc.addPage({ size: landscapeSize, margin: 0 });
    else doc.addPage();
    const plan = tagger ? planPage(page, state.drawnItems, [doc.page.width, doc.page.height]) : undefined;
    if (plan && tagger && replayPage(plan, doc, tagger)) {
      for (const { item, top } of [...page.placed, ...page.notes]) {
        placeDestinations(state, item, top, pageIndex);
        state.drawnItems.add(item);
      }
      tagger.finishPage();
    } else {
      const recording = plan ? new PageRecording(plan) : undefined;
      let completed = false;
      try {
        drawPage(state, page, pageIndex, recording);
        completed = true;
      } finally {
        recording?.finish(completed);
      }
    }
    await pacer.pause();
  }
  return state.headings;
}

function drawPage(state: DocumentState, page: PageLayout, pageIndex: number, recorder: CanvasRecorder | undefined): void {
  const { doc, tagger, drawnItems } = state;
  const canvas = new Canvas(doc, tagger, recorder);
  canvas.begin();
  // A box split between two columns has a fragment in each: key them by column too.
  const fragments = new Map<Container, Map<number, PageLayout['fragments'][number]>>();
  for (const fragment of page.fragments) {
    const byColumn = fragments.get(fragment.container) ?? new Map<number, PageLayout['fragments'][number]>();
    byColumn.set(fragment.dx ?? 0, fragment);
    fragments.set(fragment.container, byColumn);
  }
  const decorated = new Set<string>();
  const containerIds = new Map<Container, number>();
  let block = -1;
  for (const { item, top, dx = 0 } of [...page.placed, ...page.notes]) {
    if (item.block.index !== block) {
      canvas.flush();
      block = item.block.index;
    }
    canvas.offsetX = dx;
    const scopes = item.owner ? [...item.chain, item.owner] : item.chain;
    for (const container of scopes) {
      if (!containerIds.has(container)) containerIds.set(container, containerIds.size);
      const key = `${containerIds.get(container)}@${dx}`;
      if (decorated.has(key)) continue;
      decorated.add(key);
      const fragment = fragments.get(container)?.get(dx);
      if (fragment && container.decorate) {
        canvas.mark('Artifact');
        container.decorate(canvas, fragment);
      }
    }
    placeDestinations(state, item, top, pageIndex);
    const repeated = drawnItems.has(item);
    drawnItems.add(item);
    canvas.mark(repeated || item.block.role === 'Artifact' ? 'Artifact' : item.block);
    item.draw(canvas, top, repeated);
  }
  canvas.offsetX = 0;
  canvas.unmark();
  tagger?.finishPage();
  canvas.end();
  canvas.flush();
}

/** Named destinations at a heading (with its outline entry) and at footnote marks, the first time each name is met. */
function placeDestinations(state: DocumentState, item: FlowItem, top: number, pageIndex: number): void {
  const { destinations } = state;
  if (item.anchor && !destinations.has(item.anchor.id)) {
    destinations.add(item.anchor.id);
    state.doc.addNamedDestination(item.anchor.id, 'XYZ', null, top, null);
    state.headings.push({ anchor: item.anchor, pageIndex, top });
  }
  for (const name of item.marks ?? []) {
    if (destinations.has(name)) continue;
    destinations.add(name);
    state.doc.addNamedDestination(name, 'XYZ', null, top, null);
  }
}
