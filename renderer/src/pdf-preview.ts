/**
 * The live preview, drawn by pdf.js: every page at the chosen zoom, a strip
 * of thumbnails, and the page count. A new PDF is drawn off-screen and swapped
 * in whole, so the preview never flickers or shows half an update; a newer
 * PDF arriving mid-draw cancels the older drawing.
 */
import { getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { byId, el } from './dom.js';

GlobalWorkerOptions.workerSrc = workerUrl;

// One pdf.js worker for every preview: starting a worker per document would
// reload and recompile its script on each edit.
let sharedWorker: PDFWorker | undefined;
const pdfWorker = (): PDFWorker => (sharedWorker ??= new PDFWorker());

/** pdf.js draws 1 unit per CSS pixel at scale 1; 100 % means real size (a point is 1/72 in, a CSS pixel 1/96 in). */
const REAL_SIZE = 96 / 72;
const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const THUMB_WIDTH = 112;

export type Zoom = number | 'fit';

export class PdfPreview {
  private document: PDFDocumentProxy | undefined;
  private generation = 0;
  private zoom: Zoom = 'fit';
  private readonly pages = byId('preview-pages');
  private readonly thumbs = byId('thumbnails');
  private readonly zoomSelect = byId<HTMLSelectElement>('zoom-level');
  private readonly observer: IntersectionObserver;
  private resizeTimer: number | undefined;
  /** PDFs being loaded and drawn by `show`; a resize or zoom meanwhile is applied once they are up. */
  private showing = 0;
  private redrawWhenShown = false;

  constructor() {
    this.zoomSelect.addEventListener('change', () => this.setZoom(this.zoomSelect.value === 'fit' ? 'fit' : Number(this.zoomSelect.value)));
    byId('zoom-in').addEventListener('click', () => this.step(1));
    byId('zoom-out').addEventListener('click', () => this.step(-1));
    this.observer = new IntersectionObserver((entries) => this.onVisible(entries), { root: this.pages, threshold: [0.5] });
    new ResizeObserver(() => {
      if (this.zoom !== 'fit') return;
      clearTimeout(this.resizeTimer);
      this.resizeTimer = window.setTimeout(() => void this.redraw(), 120);
    }).observe(this.pages);
  }

  get pageCount(): number {
    return this.document?.numPages ?? 0;
  }

  get loaded(): PDFDocumentProxy | undefined {
    return this.document;
  }

  /** Show a new PDF; resolves once it is on screen (or was overtaken by a newer one). */
  async show(bytes: Uint8Array): Promise<void> {
    const generation = ++this.generation;
    this.showing++;
    try {
      // pdf.js takes ownership of the buffer it is given; keep the caller's intact.
      const task = getDocument({ data: bytes.slice(), worker: pdfWorker(), isEvalSupported: false, enableXfa: false, useSystemFonts: false });
      const next = await task.promise;
      if (generation !== this.generation) {
        void next.destroy();
        return;
      }
      const drawn = await this.draw(next, generation);
      if (!drawn) {
        void next.destroy();
        return;
      }
      const previous = this.document;
      this.document = next;
      void previous?.destroy();
    } finally {
      this.showing--;
      if (this.showing === 0 && this.redrawWhenShown) {
        this.redrawWhenShown = false;
        void this.redraw();
      }
    }
  }

  /** Back to the empty state (no sections chosen). */
  clear(): void {
    this.generation++;
    void this.document?.destroy();
    this.document = undefined;
    this.pages.replaceChildren();
    this.thumbs.replaceChildren();
    this.pages.classList.remove('is-stale');
    this.pages.dataset.pageCount = '0';
    this.showEmpty(true);
  }

  /** Keep the last good preview on screen but mark it as not matching the form. */
  markStale(stale: boolean): void {
    this.pages.classList.toggle('is-stale', stale);
  }

  step(direction: 1 | -1): void {
    const current = this.effectiveZoom();
    const next = direction > 0 ? ZOOM_STEPS.find((z) => z > current + 0.001) : [...ZOOM_STEPS].reverse().find((z) => z < current - 0.001);
    this.setZoom(next ?? (direction > 0 ? ZOOM_STEPS.at(-1)! : ZOOM_STEPS[0]!));
  }

  setZoom(zoom: Zoom): void {
    this.zoom = zoom;
    this.zoomSelect.value = zoom === 'fit' ? 'fit' : String(zoom);
    void this.redraw();
  }

  private async redraw(): Promise<void> {
    // Redrawing now would overtake (and drop) the PDF being shown; it is redrawn at the new size once it is up.
    if (this.showing > 0) {
      this.redrawWhenShown = true;
      return;
    }
    const doc = this.document;
    if (!doc) return;
    try {
      await this.draw(doc, ++this.generation);
    } catch (error) {
      // A newer PDF replaced (and destroyed) this one mid-drawing: it draws itself.
      if (doc === this.document) throw error;
    }
  }

  private effectiveZoom(): number {
    if (this.zoom !== 'fit') return this.zoom;
    const width = this.firstPageWidth ?? 612;
    return this.fitScale(width) / REAL_SIZE;
  }

  private firstPageWidth: number | undefined;

  private fitScale(pageWidthPt: number): number {
    const available = Math.max(200, this.pages.clientWidth - 48);
    return Math.min(available / pageWidthPt, 3 * REAL_SIZE);
  }

  /** Draw every page off-screen, then swap. False when a newer generation took over. */
  private async draw(doc: PDFDocumentProxy, generation: number): Promise<boolean> {
    const ratio = window.devicePixelRatio || 1;
    const pageViews: HTMLElement[] = [];
    const thumbViews: HTMLElement[] = [];
    const pdfPages: PDFPageProxy[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      if (generation !== this.generation) return false;
      pdfPages.push(page);
      const [x0, , x1] = page.view as [number, number, number, number];
      if (number === 1) this.firstPageWidth = x1 - x0;
      const scale = this.zoom === 'fit' ? this.fitScale(x1 - x0) : this.zoom * REAL_SIZE;
      const canvas = await renderToCanvas(page, scale, ratio);
      if (generation !== this.generation) return false;
      const label = `Page ${number} of ${doc.numPages}`;
      pageViews.push(el('div', { class: 'page', id: `page-${number}`, 'data-page-number': number, role: 'img', 'aria-label': label }, canvas));
      const thumb = el('button', { type: 'button', class: 'thumb', 'data-page-number': number, 'aria-label': `Go to page ${number}` }, el('span', { class: 'thumb-canvas' }), el('span', { class: 'thumb-number' }, String(number)));
      thumb.addEventListener('click', () => document.getElementById(`page-${number}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
      thumbViews.push(thumb);
    }
    const scrollTop = this.pages.scrollTop;
    this.observer.disconnect();
    this.pages.replaceChildren(...pageViews);
    this.pages.scrollTop = scrollTop;
    this.pages.dataset.pageCount = String(doc.numPages);
    this.thumbs.replaceChildren(...thumbViews);
    for (const view of pageViews) this.observer.observe(view);
    this.showEmpty(false);
    // Thumbnails are secondary: drawn after the pages are up, without holding up the update.
    void this.drawThumbnails(pdfPages, thumbViews, generation, ratio);
    return true;
  }

  private async drawThumbnails(pages: PDFPageProxy[], views: HTMLElement[], generation: number, ratio: number): Promise<void> {
    try {
      for (const [index, page] of pages.entries()) {
        if (generation !== this.generation) return;
        const [x0, , x1] = page.view as [number, number, number, number];
        const canvas = await renderToCanvas(page, THUMB_WIDTH / (x1 - x0), ratio);
        if (generation !== this.generation) return;
        views[index]?.querySelector('.thumb-canvas')?.replaceChildren(canvas);
      }
    } catch {
      // The document was replaced (and destroyed) mid-drawing; the newer one draws its own.
    }
  }

  private showEmpty(empty: boolean): void {
    byId('preview-empty').hidden = !empty;
    const count = Number(this.pages.dataset.pageCount ?? 0);
    byId('page-count').textContent = empty ? '' : `${count} ${count === 1 ? 'page' : 'pages'}`;
  }

  private onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const number = (entry.target as HTMLElement).dataset.pageNumber;
      for (const thumb of this.thumbs.querySelectorAll<HTMLElement>('.thumb')) {
        const current = thumb.dataset.pageNumber === number;
        thumb.classList.toggle('is-current', current);
        if (current) thumb.setAttribute('aria-current', 'page');
        else thumb.removeAttribute('aria-current');
      }
    }
  }
}

export async function renderToCanvas(page: PDFPageProxy, scale: number, ratio: number): Promise<HTMLCanvasElement> {
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  // CSSOM sizing: allowed under the page's CSP (unlike style attributes in markup).
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  await page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
  return canvas;
}
