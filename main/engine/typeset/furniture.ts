/**
 * Page furniture: classification banners, running header and footer, the
 * notes column. Drawn in a second pass over the finished pages (so "Page X of
 * Y" knows Y), each page's furniture in one group of its own, kept apart from
 * the content so it can be marked as an artifact and so a page's content can
 * be placed on a handout sheet without it.
 */
import type { DocumentInfo } from '../model.js';
import { formatDate } from '../template/dates.js';
import { bannerColor, type TemplateManifest, type TextStyle } from '../template-manifest.js';
import type { Canvas } from './canvas.js';
import { bandEdges, onPage, placeFurnitureImage, type FurnitureImageEnv, type PlacedFurnitureImage } from './furniture-images.js';
import { breakLines, tokenize, type Line } from './line-breaker.js';
import { drawLine, type Align } from './line-drawer.js';
import { MissingGlyphs, PAGE_FURNITURE } from './missing-glyphs.js';
import type { PageGeometry } from './page-geometry.js';
import type { StyleSheet } from './styles.js';
import type { SpanBuilder } from './text-runs.js';

export interface FurnitureEnv {
  readonly manifest: TemplateManifest;
  readonly info: DocumentInfo;
  readonly sheet: StyleSheet;
  readonly spans: SpanBuilder;
  readonly geometry: PageGeometry;
  readonly pageCount: number;
  readonly missing: MissingGlyphs;
  readonly codeTint: string;
  /** Header and footer images (logos), placed once per document by placeFurnitureImages. */
  readonly images?: FurnitureImages;
}

export interface FurnitureImages {
  readonly header?: PlacedFurnitureImage;
  readonly footer?: PlacedFurnitureImage;
}

/** Open and size the header and footer images of the template, if any. */
export function placeFurnitureImages(env: Omit<FurnitureEnv, 'images'>, imageEnv: FurnitureImageEnv): FurnitureImages {
  const { header, footer } = env.manifest;
  if (!header.image && !footer.image) return {};
  for (const place of ['header', 'footer'] as const) {
    const line = env.manifest[place];
    const image = line.image;
    const slot = image ? line[image.align] : '';
    // The line is left out of the first page with skipFirstPage: a first-page-only image then shares no page with it.
    if (image && slot.trim() && !(line.skipFirstPage && image.pages === 'first')) {
      imageEnv.warnings.push({
        code: 'IMAGE',
        message: `The ${place} image "${image.src}" is drawn over the ${place}'s ${image.align} slot ("${slot}") on the pages that show both: give the image another align, or leave that slot empty.`,
        location: { file: image.src },
      });
    }
  }
  const layout = furnitureLayout(env);
  const live = env.geometry.live;
  const edges = bandEdges(env.geometry.height, layout.banner?.top, layout.banner?.height ?? 0);
  return {
    header: header.image && placeFurnitureImage(imageEnv, 'header', header.image, { x: live.x, width: live.width, top: edges.top, bottom: layout.headerTop + layout.headerHeight }),
    footer: footer.image && placeFurnitureImage(imageEnv, 'footer', footer.image, { x: live.x, width: live.width, top: layout.footerTop, bottom: edges.bottom }),
  };
}

/** Gap between the running header/footer and the text area. */
const RUNNING_GAP = 22;
const BANNER_PAD = 3.5;
/** Least space between a banner and the running header or footer. */
const BANNER_CLEARANCE = 4;
const SLOT_GAP = 12;
const WHITE = '#ffffff';
const DARK_INK = '#1a1a1a';

export function formatDocumentDate(info: DocumentInfo, manifest: TemplateManifest): string {
  try {
    return formatDate(info.date, manifest.dateFormat);
  } catch {
    return info.date;
  }
}

export function expandTokens(template: string, values: Record<string, string>): string {
  return template.replace(/\{(page|pages|title|date|classification|author)\}/g, (_, name: string) => values[name] ?? '');
}

export function drawPageFurniture(canvas: Canvas, pageIndex: number, env: FurnitureEnv): void {
  const outer = env.missing.current;
  env.missing.current = PAGE_FURNITURE;
  canvas.begin();
  const layout = furnitureLayout(env);
  if (env.geometry.notes) drawNotesColumn(canvas, env);
  if (layout.banner) drawBanners(canvas, env, layout.banner);

  const values = {
    page: String(pageIndex + 1),
    pages: String(env.pageCount),
    title: env.info.title,
    date: formatDocumentDate(env.info, env.manifest),
    classification: (env.info.classification ?? '').toUpperCase(),
    author: env.info.author ?? '',
  };
  const { header, footer } = env.manifest;
  const live = env.geometry.live;
  for (const image of [env.images?.header, env.images?.footer]) if (image && onPage(image.pages, pageIndex)) image.draw(canvas);
  if (!(header.skipFirstPage && pageIndex === 0)) {
    const drawn = drawSlots(canvas, env, 'header', header, values, layout.headerTop);
    if (header.rule && drawn) canvas.line(live.x, layout.headerTop + layout.headerHeight + 3, live.x + live.width, layout.headerTop + layout.headerHeight + 3, 0.5, env.manifest.colors.rule);
  }
  if (!(footer.skipFirstPage && pageIndex === 0)) {
    const drawn = drawSlots(canvas, env, 'footer', footer, values, layout.footerTop);
    if (footer.rule && drawn) canvas.line(live.x, layout.footerTop - 4, live.x + live.width, layout.footerTop - 4, 0.5, env.manifest.colors.rule);
  }
  canvas.end();
  canvas.flush();
  env.missing.current = outer;
}

interface BannerLayout {
  text: string;
  style: TextStyle;
  color: string;
  lineHeight: number;
  /** Top of the bar (or text box) at the top of the page; the bottom one mirrors it. */
  top: number;
  height: number;
}

interface FurnitureLayout {
  banner?: BannerLayout;
  headerTop: number;
  headerHeight: number;
  footerTop: number;
}

function furnitureLayout(env: FurnitureEnv): FurnitureLayout {
  const { manifest, info, geometry, sheet } = env;
  const margins = geometry.margins;
  let banner: BannerLayout | undefined;
  // A banner is always upper case, however the marking was typed.
  const marking = info.classification?.trim().toUpperCase();
  if (manifest.banner.enabled && marking) {
    const style = sheet.style('banner');
    const lineHeight = style.size * style.leading;
    const height = lineHeight + 2 * BANNER_PAD;
    const top = Math.min(18, Math.max(4, margins.top * 0.2));
    banner = { text: marking, style, color: bannerColor(manifest, marking), lineHeight, top, height };
  }
  const headerStyle = sheet.style('header');
  const footerStyle = sheet.style('footer');
  const headerHeight = headerStyle.size * headerStyle.leading;
  const footerHeight = footerStyle.size * footerStyle.leading;
  let headerTop = margins.top - RUNNING_GAP - headerHeight;
  let footerTop = geometry.height - margins.bottom + RUNNING_GAP;
  if (banner) {
    // Where the banner takes the usual gap, centre the line between the bar and the text area rather than press it against the bar.
    const barBottom = banner.top + banner.height;
    const lowestBarTop = geometry.height - barBottom;
    if (headerTop < barBottom + BANNER_CLEARANCE) {
      headerTop = Math.max(barBottom + BANNER_CLEARANCE, barBottom + (margins.top - barBottom - headerHeight) / 2);
    }
    const textBottom = geometry.height - margins.bottom;
    if (footerTop > lowestBarTop - BANNER_CLEARANCE - footerHeight) {
      footerTop = Math.min(lowestBarTop - BANNER_CLEARANCE - footerHeight, textBottom + (lowestBarTop - textBottom - footerHeight) / 2);
    }
  }
  return { banner, headerTop, headerHeight, footerTop };
}

function singleLine(env: FurnitureEnv, text: string, style: TextStyle, color: string, maxWidth: number): Line | undefined {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  if (!flat) return undefined;
  const line = breakLines(tokenize(env.spans.spans([{ text: flat }], style, color)), Number.POSITIVE_INFINITY)[0];
  if (!line || line.width <= maxWidth) return line;
  // Too long for its slot: shorten with an ellipsis.
  const chars = Array.from(flat);
  let low = 0;
  let high = chars.length;
  let best: Line | undefined;
  while (low < high) {
    const mid = Math.floor((low + high + 1) / 2);
    const candidate = breakLines(tokenize(env.spans.spans([{ text: `${chars.slice(0, mid).join('').trimEnd()}…` }], style, color)), Number.POSITIVE_INFINITY)[0];
    if (candidate && candidate.width <= maxWidth) {
      best = candidate;
      low = mid;
    } else high = mid - 1;
  }
  return best;
}

function drawSlots(
  canvas: Canvas,
  env: FurnitureEnv,
  styleName: 'header' | 'footer',
  slots: TemplateManifest['header'],
  values: Record<string, string>,
  top: number,
): boolean {
  const style = env.sheet.style(styleName);
  const color = env.sheet.color(styleName);
  const live = env.geometry.live;
  const texts = { left: expandTokens(slots.left, values), center: expandTokens(slots.center, values), right: expandTokens(slots.right, values) };
  if (!texts.left.trim() && !texts.center.trim() && !texts.right.trim()) return false;
  const height = style.size * style.leading;
  const baseline = top + (height - style.size) / 2 + style.size * 0.8;
  const full = live.width;
  const line = (text: string, maxWidth: number) => (text.trim() ? singleLine(env, text, style, color, Math.max(maxWidth, 1)) : undefined);

  // The centre slot is centred on the page; the sides share what is left, the right one measured first.
  const alone = [texts.left, texts.center, texts.right].filter((text) => text.trim()).length === 1;
  const center = line(texts.center, alone ? full : full / 3);
  const sideRoom = center ? full / 2 - center.width / 2 - SLOT_GAP : full - SLOT_GAP;
  const right = line(texts.right, alone ? full : center ? sideRoom : full / 3);
  const left = line(texts.left, alone ? full : center ? sideRoom : full - (right ? right.width + SLOT_GAP : 0));
  const place = (drawn: Line | undefined, align: Align) => {
    if (drawn) drawLine(canvas, drawn, { x: live.x, width: full, align, top, height, baseline, codeTint: env.codeTint });
  };
  place(left, 'left');
  place(center, 'center');
  place(right, 'right');
  return true;
}

function drawBanners(canvas: Canvas, env: FurnitureEnv, banner: BannerLayout): void {
  const filled = env.manifest.banner.filled;
  const { width, height: pageHeight } = env.geometry;
  const style = filled ? { ...banner.style, bold: true } : banner.style;
  const line = singleLine(env, banner.text, style, filled ? inkOn(banner.color) : banner.color, width - 2 * env.geometry.margins.left);
  if (!line) return;
  for (const top of [banner.top, pageHeight - banner.top - banner.height]) {
    if (filled) canvas.fillRect(0, top, width, banner.height, banner.color);
    const lineTop = top + BANNER_PAD;
    const baseline = lineTop + (banner.lineHeight - style.size) / 2 + style.size * 0.8;
    drawLine(canvas, line, { x: 0, width, align: 'center', top: lineTop, height: banner.lineHeight, baseline, codeTint: env.codeTint });
  }
}

function drawNotesColumn(canvas: Canvas, env: FurnitureEnv): void {
  const column = env.geometry.notes;
  if (!column) return;
  const notes = env.manifest.notes;
  const base = env.sheet.style('header');
  // Tracked capitals, but under a tenth of the size: wider gaps read as spaces when the text is copied or searched.
  const style: TextStyle = { ...base, bold: true, uppercase: true, letterSpacing: Math.max(base.letterSpacing, base.size * 0.075) };
  const labelHeight = style.size * style.leading;
  const label = notes.label.trim() ? singleLine(env, notes.label, style, env.manifest.colors.muted, column.width) : undefined;
  if (label) {
    drawLine(canvas, label, { x: column.x, width: column.width, align: 'left', top: column.y, height: labelHeight, baseline: column.y + style.size, codeTint: env.codeTint });
  }
  const first = column.y + (label ? labelHeight : 0) + notes.lineSpacing;
  const bottom = column.y + column.height;
  for (let y = first; y <= bottom + 0.01; y += notes.lineSpacing) {
    canvas.line(column.x, y, column.x + column.width, y, 0.5, env.manifest.colors.rule);
  }
}

/** White text on a dark bar, dark text on a light one (top secret's orange): whichever contrasts more. */
function inkOn(background: string): string {
  const value = Number.parseInt(background.slice(1), 16);
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear((value >> 16) & 255) + 0.7152 * linear((value >> 8) & 255) + 0.0722 * linear(value & 255);
  const againstWhite = 1.05 / (luminance + 0.05);
  const againstDark = (luminance + 0.05) / (0.0103 + 0.05);
  return againstWhite >= againstDark ? WHITE : DARK_INK;
}
