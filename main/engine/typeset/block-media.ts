/** Images, rules, vertical space and page breaks. */
import { BriefError } from '../errors.js';
import type { ImageBlock, PageBreakBlock, RuleBlock, SpaceBlock } from '../model.js';
import type { FlowBuilder, FlowContext } from './flow-builder.js';
import { addCaption, captionRuns, nextNumber } from './captions.js';
import { readCheckedImage } from './image-check.js';
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
  let image: ImageInternals | SvgImage;
  try {
    image = /\.svg$/i.test(path) ? openSvg(path) : openChecked(env.doc, path);
  } catch (cause) {
    if (cause instanceof BriefError) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    env.warnings.push({ code: 'IMAGE', message: `The image "${block.src}" could not be used (PNG, JPEG or SVG expected): ${reason}`, location: { file: block.src } });
    return;
  }
  if (!(image.width > 0 && image.height > 0)) return;
  let width = Math.min(block.width ?? image.width, context.width);
  let height = (width * image.height) / image.width;
  const maxHeight = env.contentHeight * MAX_IMAGE_SHARE;
  if (height > maxHeight) {
    width = (width * maxHeight) / height;
    height = maxHeight;
  }
  const x = context.x + (context.width - width) / 2;
  const alt = block.alt.trim();
  if (!alt) env.warnings.push({ code: 'IMAGE', message: `The image "${block.src}" has no alt text: a screen reader announces nothing for it. Write one between the brackets of ![…](${block.src}).`, location: { file: block.src } });
  const figureTag = builder.tag('Figure', alt ? { alt } : {});
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

/** Images opened per document, so an image used twice is embedded once (as PDFKit does for paths). */
const openedImages = new WeakMap<DocumentInternals, Map<string, ImageInternals>>();

function openChecked(doc: DocumentInternals, path: string): ImageInternals {
  let opened = openedImages.get(doc);
  if (!opened) openedImages.set(doc, (opened = new Map<string, ImageInternals>()));
  let image = opened.get(path);
  if (!image) {
    // Read and checked here (a FIFO, a lying header or a bomb is a BriefError); PDFKit gets the bytes.
    image = doc.openImage(readCheckedImage(path).bytes);
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
    draw: () => {},
  });
}

export function addPageBreak(builder: FlowBuilder, _block: PageBreakBlock, context: FlowContext): void {
  builder.pageBreak(builder.tag('Artifact'), context.chain);
}
