/**
 * Page furniture (banners, running heads, page numbers, the notes column),
 * drawn over the finished pages in a pass of its own, replayed like page
 * content (page-replay.ts): a page's furniture is the same drawing when the
 * template, the document info, the page's number, the page count and its
 * orientation are. A template with header or footer images, and furniture
 * whose drawing reports something (a character no font has), is drawn
 * every time.
 */
import { createHash } from 'node:crypto';
import type { BriefWarning } from '../errors.js';
import type { DocumentInfo } from '../model.js';
import type { TemplateManifest } from '../template-manifest.js';
import { Canvas } from './canvas.js';
import { drawPageFurniture, type FurnitureEnv } from './furniture.js';
import type { PageGeometry } from './page-geometry.js';
import { PageRecording, replayPage, type PagePlan } from './page-replay.js';
import type { PageLayout } from './paginate.js';
import type { DocumentInternals } from './pdfkit-internals.js';
import { renderCachesEnabled } from './render-caches.js';
import type { StructureTagger } from './tagging.js';

export function drawFurniture(doc: DocumentInternals, tagger: StructureTagger, pages: readonly PageLayout[], furniture: FurnitureEnv, turned: PageGeometry | undefined, source: { manifest: TemplateManifest; info: DocumentInfo; warnings: readonly BriefWarning[] }): void {
  const documentKey = replayable(furniture) ? createHash('sha256').update(JSON.stringify([source.manifest, source.info, furniture.geometry, turned ?? null, furniture.codeTint])).digest('base64') : undefined;
  for (let index = 0; index < pages.length; index++) {
    doc.switchToPage(index);
    const landscape = turned !== undefined && pages[index]?.landscape === true;
    const plan: PagePlan | undefined = documentKey === undefined ? undefined : { kind: 'furniture', key: `furniture\n${documentKey}\n${index}/${pages.length}${landscape ? 'L' : ''}`, tags: [], tagNumbers: new Map() };
    if (plan && replayPage(plan, doc, tagger)) continue;
    const recording = plan ? new PageRecording(plan) : undefined;
    const [missingBefore, warningsBefore] = [furniture.missing.recorded, source.warnings.length];
    let completed = false;
    try {
      // Banners, running heads, page numbers, notes rulings: Artifacts, outside the structure tree.
      const canvas = new Canvas(doc, tagger, recording);
      canvas.mark('Artifact');
      drawPageFurniture(canvas, index, landscape && turned ? { ...furniture, geometry: turned } : furniture);
      canvas.unmark();
      // What drawing reported (a character no font has, a family the template lacks) would not be reported by a replay.
      completed = furniture.missing.recorded === missingBefore && source.warnings.length === warningsBefore;
    } finally {
      recording?.finish(completed);
    }
  }
}

function replayable(furniture: FurnitureEnv): boolean {
  return renderCachesEnabled() && !furniture.images?.header && !furniture.images?.footer;
}
