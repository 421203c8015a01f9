/**
 * The live preview, drawn by pdf.js: the pages at the chosen zoom, a strip
 * of thumbnails, and the page count. A new PDF replaces the old one without
 * blanking: the page in view is drawn first (off-screen) and swapped in;
 * the pages and thumbnails near the view are drawn next, and the rest once
 * edits pause (an edit stops drawing out of view, to leave the machine to
 * rendering it). A page whose signature
 * (from the render worker) is unchanged keeps its old drawing. A newer PDF
 * arriving mid-draw cancels the older drawing.
 */
import { AnnotationMode, getDocument, GlobalWorkerOptions, PDFWorker, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { byId, el } from './dom.js';
import { pagesInView } from './page-visibility.js';

GlobalWorkerOptions.workerSrc = workerUrl;

// One pdf.js worker for every preview: starting a worker per document would
// reload and recompile its script on each edit.
let sharedWorker: PDFWorker | undefined;
const pdfWorker = (): PDFWorker => (sharedWorker ??= new PDFWorker());

/** pdf.js draws 1 unit per CSS pixel at scale 1; 100 % means real size (a point is 1/72 in, a CSS pixel 1/96 in). */
const REAL_SIZE = 96 / 72;
const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const THUMB_WIDTH = 112;
/** Pages and thumbnails out of view are drawn once edits pause this long. */
export const DRAW_REST_AFTER_MS = 150;
/** The page list's padding and the gap between pages (app.css .preview-pages), to know which pages are in view before they are laid out. */
const LIST_PADDING = 24;
const PAGE_GAP = 20;

export type Zoom = number | 'fit';

/** Why the pages on screen do not match the form. */
export interface StaleMark {
  kind: 'pending' | 'error';
  reason: string;
}

interface PageView {
  number: number;
  hash: string | undefined;
  scale: number;
  element: HTMLElement;
  /** Drawn for this document at this scale (false: blank, or an older drawing shown dimmed until it is redrawn). */
  drawn: boolean;
  canvas: HTMLCanvasElement | undefined;
  page: PDFPageProxy;
  thumb: HTMLElement;
  thumbDrawn: boolean;
  /** The old thumbnail, shown until this one is drawn. */
  oldThumb: HTMLCanvasElement | undefined;
}

export class PdfPreview {
  private document: PDFDocumentProxy | undefined;
  private generation = 0;
  private zoom: Zoom = 'fit';
  private readonly pages = byId('preview-pages');
  private readonly thumbs = byId('thumbnails');
  private readonly staleLabel = byId('preview-stale');
  private readonly zoomSelect = byId<HTMLSelectElement>('zoom-level');
  private readonly observer: IntersectionObserver;
  private readonly lazyPages: IntersectionObserver;
  private readonly lazyThumbs: IntersectionObserver;
  private views: PageView[] = [];
  private hashes: string[] | undefined;
  private resizeTimer: number | undefined;
  /** PDFs being loaded and drawn by `show`; a resize or zoom meanwhile is applied once they are up. */
  private showing = 0;
  private redrawWhenShown = false;
  /** Lazy drawing runs one page at a time, behind whatever the user is looking at. */
  private drawing: Promise<void> = Promise.resolve();

  constructor() {
    this.zoomSelect.addEventListener('change', () => this.setZoom(this.zoomSelect.value === 'fit' ? 'fit' : Number(this.zoomSelect.value)));
    byId('zoom-in').addEventListener('click', () => this.step(1));
    byId('zoom-out').addEventListener('click', () => this.step(-1));
    this.observer = new IntersectionObserver((entries) => this.onVisible(entries), { root: this.pages, threshold: [0.5] });
    this.lazyPages = new IntersectionObserver((entries) => this.drawNear(entries, 'page'), { root: this.pages, rootMargin: '50% 0px' });
    this.lazyThumbs = new IntersectionObserver((entries) => this.drawNear(entries, 'thumb'), { root: this.thumbs, rootMargin: '50% 0px' });
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

  /** Show a new PDF; resolves once the pages in view are on screen (or it was overtaken by a newer one). */
  async show(bytes: Uint8Array, pageHashes?: string[]): Promise<void> {
    const generation = ++this.generation;
    this.hold();
    this.showing++;
    try {
      // pdf.js takes ownership of the buffer it is given; keep the caller's intact.
      const task = getDocument({ data: bytes.slice(), worker: pdfWorker(), isEvalSupported: false, enableXfa: false, useSystemFonts: false });
      const next = await task.promise;
      if (generation !== this.generation) {
        void next.destroy();
        return;
      }
      const drawn = await this.draw(next, generation, pageHashes);
      if (!drawn) {
        void next.destroy();
        return;
      }
      const previous = this.document;
      this.document = next;
      this.hashes = pageHashes;
      if (previous !== next) void previous?.destroy();
    } finally {
      this.showing--;
      if (this.showing === 0 && this.redrawWhenShown) {
        this.redrawWhenShown = false;
        void this.redraw();
      }
      // The rest of the pages were held back while this PDF was shown (even if it failed to load).
      if (this.showing === 0) this.drawRestLater();
    }
  }

  /**
   * No pages: the empty state, with its hint to tick sections (`hint` false:
   * a brief with sections whose pages are not drawn yet, or cannot be).
   */
  clear(hint = true): void {
    this.generation++;
    void this.document?.destroy();
    this.document = undefined;
    this.views = [];
    this.hashes = undefined;
    this.lazyPages.disconnect();
    this.lazyThumbs.disconnect();
    this.pages.replaceChildren();
    this.thumbs.replaceChildren();
    this.markStale(false);
    this.pages.dataset.pageCount = '0';
    this.showEmpty(true);
    if (!hint) byId('preview-empty').hidden = true;
  }

  /**
   * Keep the last good preview on screen but mark it as not matching the form:
   * greyed, with a one-line label (the reason in its tooltip and for screen
   * readers), until a fresh render is drawn.
   */
  markStale(stale: boolean | StaleMark): void {
    const mark: StaleMark | undefined = stale === true ? { kind: 'error', reason: 'the last edit could not be previewed' } : stale || undefined;
    // Nothing on screen to mistake for current.
    const shown = mark !== undefined && this.views.length > 0;
    this.pages.classList.toggle('is-stale', shown);
    if (shown) this.pages.dataset.stale = mark.kind;
    else delete this.pages.dataset.stale;
    this.staleLabel.hidden = !shown;
    this.staleLabel.dataset.kind = mark?.kind ?? '';
    this.staleLabel.title = shown ? mark.reason : '';
    if (!shown) this.staleLabel.replaceChildren();
    // One short line over the pages; an error's full text is in the Problems strip, and read out here after the line.
    else if (mark.kind === 'error') this.staleLabel.replaceChildren('Out of date — see Problems', el('span', { class: 'visually-hidden' }, `: ${mark.reason}`));
    else this.staleLabel.replaceChildren(`Out of date — ${mark.reason}`);
  }

  /** Whether the pages on screen are marked as not matching the form. */
  get stale(): StaleMark['kind'] | undefined {
    return this.pages.dataset.stale as StaleMark['kind'] | undefined;
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
      await this.draw(doc, ++this.generation, this.hashes);
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

  /**
   * Lay out every page (sized, not drawn), keep the drawings of unchanged
   * pages, draw the changed pages in view, then swap. False when a newer
   * generation took over.
   */
  private async draw(doc: PDFDocumentProxy, generation: number, hashes: string[] | undefined): Promise<boolean> {
    const ratio = window.devicePixelRatio || 1;
    const pdfPages = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
    if (generation !== this.generation) return false;
    const old = this.views;
    const views = pdfPages.map((page, index): PageView => {
      const number = index + 1;
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      if (number === 1) this.firstPageWidth = x1 - x0;
      const scale = this.zoom === 'fit' ? this.fitScale(x1 - x0) : this.zoom * REAL_SIZE;
      const width = Math.floor((x1 - x0) * scale);
      const height = Math.floor((y1 - y0) * scale);
      const before = old[index];
      const hash = hashes?.[index];
      const same = before !== undefined && hash !== undefined && before.hash === hash && before.scale === scale;
      const element = el('div', { class: 'page', id: `page-${number}`, 'data-page-number': number, role: 'img', 'aria-label': `Page ${number} of ${doc.numPages}` });
      element.style.width = `${width}px`;
      element.style.height = `${height}px`;
      // An older drawing of this page stands in (dimmed) until the new one is drawn, rather than a blank page.
      // (Moved in at the swap: moving it now would blank the page still on screen if this update is overtaken.)
      const canvas = before?.canvas && before.scale === scale ? before.canvas : undefined;
      const drawn = same && before.drawn;
      if (!drawn) element.dataset.state = 'pending';
      const thumb = el('button', { type: 'button', class: 'thumb', 'data-page-number': number, 'aria-label': `Go to page ${number}` }, el('span', { class: 'thumb-canvas' }), el('span', { class: 'thumb-number' }, String(number)));
      thumb.addEventListener('click', () => document.getElementById(`page-${number}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
      const thumbDrawn = before !== undefined && hash !== undefined && before.hash === hash && before.thumbDrawn;
      const oldThumb = before?.thumb.querySelector('canvas') ?? undefined;
      return { number, hash, scale, element, drawn, canvas, page, thumb, thumbDrawn, oldThumb };
    });
    // The page the user is looking at is drawn before the swap, so it changes in one step; other pages
    // in view (the edge of the next one) keep their older drawing, dimmed, and are drawn next.
    let drawnBeforeSwap = 0;
    const [main, ...alsoInView] = this.inView(views);
    if (main && !main.drawn) {
      drawnBeforeSwap++;
      const canvas = await renderToCanvas(main.page, main.scale, ratio);
      if (generation !== this.generation) return false;
      this.attach(main, canvas);
    }
    for (const view of views) {
      if (view.canvas && !view.element.dataset.fresh) view.element.append(view.canvas);
      if (view.oldThumb) view.thumb.querySelector('.thumb-canvas')?.append(view.oldThumb);
      view.oldThumb = undefined;
    }
    const scrollTop = this.pages.scrollTop;
    this.observer.disconnect();
    this.lazyPages.disconnect();
    this.lazyThumbs.disconnect();
    this.views = views;
    this.pages.replaceChildren(...views.map((v) => v.element));
    this.pages.scrollTop = scrollTop;
    this.pages.dataset.pageCount = String(doc.numPages);
    // For the e2e suite's timing: how much of this update was drawn before it showed, and how much was kept.
    this.pages.dataset.drawnBeforeSwap = String(drawnBeforeSwap);
    this.pages.dataset.reused = String(views.filter((v) => v.drawn && !v.element.dataset.fresh).length);
    this.thumbs.replaceChildren(...views.map((v) => v.thumb));
    for (const view of views) {
      this.observer.observe(view.element);
      if (!view.drawn) this.lazyPages.observe(view.element);
      if (!view.thumbDrawn) this.lazyThumbs.observe(view.thumb);
      delete view.element.dataset.fresh;
    }
    for (const view of alsoInView) this.enqueue(view, 'page', generation);
    this.drawRestLater();
    this.showEmpty(false);
    return true;
  }

  /** The views the user can see, the most visible first (page-visibility.ts); they are not laid out yet, so from their sizes. */
  private inView(views: PageView[]): PageView[] {
    const heights = views.map((view) => parseFloat(view.element.style.height));
    const geometry = { scrollTop: this.pages.scrollTop, viewHeight: this.pages.clientHeight, padding: LIST_PADDING, gap: PAGE_GAP };
    return pagesInView(heights, geometry).map((index) => views[index]!);
  }

  private attach(view: PageView, canvas: HTMLCanvasElement): void {
    view.canvas = canvas;
    view.drawn = true;
    view.element.replaceChildren(canvas);
    view.element.dataset.fresh = 'true';
    delete view.element.dataset.state;
  }

  /** Pages and thumbnails that come near the view are drawn first, one at a time. */
  private drawNear(entries: IntersectionObserverEntry[], what: 'page' | 'thumb'): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const view = this.views[Number((entry.target as HTMLElement).dataset.pageNumber) - 1];
      if (!view) continue;
      (what === 'page' ? this.lazyPages : this.lazyThumbs).unobserve(entry.target);
      this.enqueue(view, what, this.generation);
    }
  }

  /**
   * An edit is on its way: stop drawing pages and thumbnails out of view, which would
   * compete with rendering it (on a two-core machine, for the same cores).
   */
  hold(): void {
    this.holds++;
    this.background?.abort();
    this.background = undefined;
    this.drawRestLater();
  }

  /**
   * The pages and thumbnails out of view are drawn after a pause without edits, in page
   * order, so a scroll finds them drawn; a newer PDF or an edit stops this at once.
   */
  private drawRestLater(): void {
    window.clearTimeout(this.restTimer);
    this.restTimer = window.setTimeout(() => {
      // A PDF being shown replaces these views (and destroys their document); it calls this again once it is up.
      if (this.showing > 0) return;
      const generation = this.generation;
      // Nearest the page in view first.
      const at = this.inView(this.views)[0]?.number ?? 1;
      const order = [...this.views].sort((a, b) => Math.abs(a.number - at) - Math.abs(b.number - at) || a.number - b.number);
      for (const view of order) this.enqueue(view, 'page', generation);
      for (const view of order) this.enqueue(view, 'thumb', generation);
    }, DRAW_REST_AFTER_MS);
  }

  private restTimer: number | undefined;
  /** Edits so far: drawing queued before the newest edit is dropped (the rest is queued again after a pause). */
  private holds = 0;
  /** Stops the drawing under way out of view. */
  private background: AbortController | undefined;

  private enqueue(view: PageView, what: 'page' | 'thumb', generation: number): void {
    const number = view.number;
    const holds = this.holds;
    // Still the page on screen, of the document shown, and no edit since: checked again after every wait.
    const wanted = () => generation === this.generation && holds === this.holds && this.views[number - 1] === view && !(what === 'page' ? view.drawn : view.thumbDrawn);
    this.drawing = this.drawing.then(async () => {
      if (!wanted()) return;
      await new Promise((resolve) => window.setTimeout(resolve, 0));
      if (!wanted()) return;
      const ratio = window.devicePixelRatio || 1;
      const background = new AbortController();
      this.background = background;
      try {
        if (what === 'page' && !view.drawn) {
          const canvas = await renderToCanvas(view.page, view.scale, ratio, background.signal);
          if (generation === this.generation) {
            this.attach(view, canvas);
            delete view.element.dataset.fresh;
          }
        } else if (what === 'thumb' && !view.thumbDrawn) {
          const [x0, , x1] = view.page.view as [number, number, number, number];
          const canvas = await renderToCanvas(view.page, THUMB_WIDTH / (x1 - x0), ratio, background.signal);
          if (generation === this.generation) {
            view.thumb.querySelector('.thumb-canvas')?.replaceChildren(canvas);
            view.thumbDrawn = true;
          }
        }
      } catch {
        // Stopped for an edit (it is drawn again later if still needed), or the document was
        // replaced (and destroyed) mid-drawing: the newer one draws its own.
      } finally {
        if (this.background === background) this.background = undefined;
      }
    });
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

/** `signal`: cancels the drawing (the promise rejects). */
export async function renderToCanvas(page: PDFPageProxy, scale: number, ratio: number, signal?: AbortSignal): Promise<HTMLCanvasElement> {
  signal?.throwIfAborted();
  // pdf.js never settles a drawing started on a page whose document is already destroyed (it waits for
  // a worker answer that cannot come): refuse it here rather than hang whatever waits on it.
  if (page.destroyed) throw new Error(`page ${page.pageNumber} belongs to a document that was closed`);
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  // CSSOM sizing: allowed under the page's CSP (unlike style attributes in markup).
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  // pdf.js draws for the 'display' intent one chunk per animation frame, so an off-screen page waits for
  // frames; the 'print' intent chains its chunks, and between them input (a keystroke) goes first.
  // Annotations are off either way: the brief's links draw nothing, and the preview has no annotation layer.
  const task = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0], intent: 'print', annotationMode: AnnotationMode.DISABLE });
  task.onContinue = (resume: () => void) => void scheduler.yield().then(resume);
  const cancel = () => task.cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await task.promise;
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
  return canvas;
}
