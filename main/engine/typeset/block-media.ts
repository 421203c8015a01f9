/** Images, rules, vertical space and page breaks. */
import { BriefError, type BriefWarning, type SourceLocation } from '../errors.js';
import type { FileProvider } from '../file-provider.js';
import type { ImageBlock, PageBreakBlock, RuleBlock, SpaceBlock } from '../model.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';
import { addCaption, captionRuns, nextNumber } from './captions.js';
import { readCheckedImage } from './image-check.js';
import { askedSize, fitInto, oversizeWarning } from './image-box.js';
import type { ImageInternals, DocumentInternals } from './pdfkit-internals.js';
import { drawSvg, openSvg, type SvgImage } from './svg-image.js';

const FIGURE_SPACE = 8;
const RULE_SPACE = 9;
/** An image never takes more than this share of the text area's height. */
const MAX_IMAGE_SHARE = 0.85;

export function addImage(builder: FlowBuilder, block: ImageBlock, context: FlowContext): void {
  const env = builder.env;
  // A section's own image was resolved (and confined to its folder) before typesetting; resolveAsset confines the rest to the template folder.
  const path = block.file ?? env.resolveAsset(block.src);
  // A section's picture is reported at its place in the section file; the template's at its path.
  const where = block.at ?? { file: block.src };
  let image: ImageInternals | SvgImage;
  try {
    image = openImage(env.doc, path, env.files);
  } catch (cause) {
    env.warnings.push(imageWarning(cause, `The image "${block.src}"`, where));
    return;
  }
  if (!(image.width > 0 && image.height > 0)) return;
  const natural = { width: image.width, height: image.height };
  const wanted = askedSize(natural, block);
  // An image never takes more than the column's width or most of its height.
  const room = { width: context.width, height: env.contentHeight * MAX_IMAGE_SHARE };
  const { width, height, scaled } = fitInto(wanted, room);
  if (scaled) env.warnings.push(oversizeWarning(block.src, where, { ...natural, units: 'svg' in image ? 'SVG units' : 'pixels' }, wanted, room, { width, height }, 'the room it has in the column', 'Give it a smaller width= or height= to place it at the size you mean.'));
  const align = block.align ?? 'center';
  const x = align === 'left' ? context.x : align === 'right' ? context.x + context.width - width : context.x + (context.width - width) / 2;
  const alt = block.alt.trim();
  if (!alt) env.warnings.push({ code: 'IMAGE', message: `The image "${block.src}" has no alt text: a screen reader announces nothing for it. Write one between the brackets of ![…](${block.src}).`, location: where });
  const figureTag = builder.tag('Figure', alt ? { alt } : {});
  keepLineBefore(builder);
  builder.push({
    height,
    gapBefore: builder.gap(FIGURE_SPACE),
    keepWithNext: block.caption !== undefined,
    chain: context.chain,
    block: figureTag,
    draw: (canvas, top) => {
      if ('svg' in image) {
        canvas.flush();
        drawSvg(env.doc, image, x + canvas.offsetX, top, width, height);
      } else canvas.image(image, x, top, width, height);
    },
  });
  builder.spaceAfter(block.caption ? 4 : FIGURE_SPACE);
  if (block.caption) {
    const label = env.manifest.figures.label;
    addCaption(builder, captionRuns(label, nextNumber(builder, label), block.caption), context, figureTag, false);
    builder.spaceAfter(FIGURE_SPACE);
  }
}

/** Text whose last line goes with a figure after it: paragraphs (a kicker, an introducing sentence) and headings. */
const LEADS_INTO_FIGURE = new Set(['P', 'H1', 'H2', 'H3']);

/**
 * The line just before an image goes with it to the next page when the image
 * does not fit (a kicker or a sentence introducing the figure is never left
 * alone at the foot of the page). What is not a line of text — a box's edge,
 * a page break, another figure, a caption, a table row — is left be.
 */
function keepLineBefore(builder: FlowBuilder): void {
  const previous = builder.items[builder.items.length - 1];
  if (previous && previous.textLines === 1 && !previous.edge && LEADS_INTO_FIGURE.has(previous.block.role)) previous.keepWithNext = true;
}

/** A PNG, JPEG (checked before decoding) or SVG image. */
export function openImage(doc: DocumentInternals, path: string, files: FileProvider): ImageInternals | SvgImage {
  return /\.svg$/i.test(path) ? openSvg(path, files) : openCheckedImage(doc, path, files);
}

/** An image that cannot be used is left out with a warning; a located error (a lying header, a bomb) is thrown on. */
export function imageWarning(cause: unknown, what: string, location: SourceLocation): BriefWarning {
  if (cause instanceof BriefError) throw cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  // A file that is not there is a wrong path (or a picture not yet copied in), not a wrong format.
  if (code === 'ENOENT' || code === 'ENOTDIR') return { code: 'IMAGE', message: `${what} was not found, so it is left out. Check the path (it is read from the folder of the file that names it).`, location };
  const reason = cause instanceof Error ? cause.message : String(cause);
  return { code: 'IMAGE', message: `${what} could not be used (PNG, JPEG or SVG expected): ${reason}`, location };
}

/** Images opened per document, so an image used twice is embedded once (as PDFKit does for paths). */
const openedImages = new WeakMap<DocumentInternals, Map<string, ImageInternals>>();

export function openCheckedImage(doc: DocumentInternals, path: string, files: FileProvider): ImageInternals {
  let opened = openedImages.get(doc);
  if (!opened) openedImages.set(doc, (opened = new Map<string, ImageInternals>()));
  let image = opened.get(path);
  if (!image) {
    // Read and checked here (a FIFO, a lying header or a bomb is a BriefError); PDFKit gets the bytes.
    image = doc.openImage(readCheckedImage(path, files).bytes);
    opened.set(path, image);
  }
  return image;
}

export function addRule(builder: FlowBuilder, _block: RuleBlock, context: FlowContext): void {
  const color = builder.env.manifest.colors.rule;
  builder.push({
    height: 1,
    gapBefore: builder.gap(RULE_SPACE),
    keepWithNext: false,
    chain: context.chain,
    block: builder.tag('Artifact'),
    discardAtTop: true,
    drawKey: `rule|${context.x}|${context.width}|${color}`,
    draw: (canvas, top) => canvas.line(context.x, top + 0.5, context.x + context.width, top + 0.5, 0.75, color),
  });
  builder.spaceAfter(RULE_SPACE);
}

export function addSpace(builder: FlowBuilder, block: SpaceBlock, context: FlowContext): void {
  const height = Math.max(0, Math.min(block.height, builder.env.contentHeight));
  builder.push({
    height,
    gapBefore: builder.gap(0),
    keepWithNext: false,
    chain: context.chain,
    block: builder.tag('Artifact'),
    discardAtTop: true,
    drawKey: '',
    draw: () => {},
  });
}

export function addPageBreak(builder: FlowBuilder, _block: PageBreakBlock, context: FlowContext): void {
  builder.pageBreak(builder.tag('Artifact'), context.chain);
}
