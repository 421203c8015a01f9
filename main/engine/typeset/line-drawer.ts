/** One laid-out line onto the canvas: alignment, justification, code tints, link areas. */
import type { Canvas } from './canvas.js';
import { DEFAULT_MAX_EXTRA_EM, type Line } from './line-breaker.js';
import type { LinkTarget } from './text-runs.js';

export type Align = 'left' | 'right' | 'center' | 'justify';

export interface LinePlacement {
  x: number;
  width: number;
  align: Align;
  /** Top of the line box and its height (code tints and link areas cover it). */
  top: number;
  height: number;
  baseline: number;
  /** Background behind inline code. */
  codeTint: string;
  /** Most room justification adds to one space, in em: a looser line stops short of the margin rather than open a river. */
  maxExtraEm?: number;
}

export function drawLine(canvas: Canvas, line: Line, at: LinePlacement): void {
  const free = at.width - line.width;
  let x = at.x;
  let extra = 0;
  if (at.align === 'center') x += free / 2;
  else if (at.align === 'right') x += free;
  else if (at.align === 'justify' && !line.last && line.glues > 0) {
    // Spaces stretch to fill the line, or shrink when the breaker set it a little tight.
    const size = line.frags[0]?.style.size ?? 10;
    extra = Math.min(free / line.glues, size * (at.maxExtraEm ?? DEFAULT_MAX_EXTRA_EM));
  }

  // Tints first, so the text is drawn over them; one tint per run of code, spaces included.
  let cursor = x;
  let tintStart = Number.NaN;
  let tintEnd = Number.NaN;
  const closeTint = () => {
    if (tintEnd > tintStart) canvas.fillRect(tintStart - 1.5, at.top + at.height * 0.1, tintEnd - tintStart + 3, at.height * 0.8, at.codeTint);
    tintStart = tintEnd = Number.NaN;
  };
  for (const frag of line.frags) {
    const width = frag.width + (frag.glue ? extra : 0);
    if (frag.style.code && !frag.glue) {
      if (Number.isNaN(tintStart)) tintStart = cursor;
      tintEnd = cursor + width;
    } else if (!frag.style.code) closeTint();
    cursor += width;
  }
  closeTint();

  cursor = x;
  let linkStart = 0;
  let linkEnd = 0;
  let linkTarget: LinkTarget | undefined;
  const closeLink = () => {
    if (linkTarget) canvas.link(linkStart, at.top, linkEnd - linkStart, at.height, linkTarget);
    linkTarget = undefined;
  };
  for (const frag of line.frags) {
    const gap = frag.glue ? extra : 0;
    if (!frag.glue) {
      // A link's area runs across the spaces between its words.
      const target = frag.style.link;
      if (!linkTarget || !target || !sameTarget(target, linkTarget)) {
        closeLink();
        if (target) {
          linkTarget = target;
          linkStart = cursor;
        }
      }
      if (linkTarget) linkEnd = cursor + frag.width;
    }
    canvas.text(frag, cursor, at.baseline, gap);
    cursor += frag.width + gap;
  }
  closeLink();
}

function sameTarget(a: LinkTarget, b: LinkTarget): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'uri' ? a.uri === (b as typeof a).uri : a.name === (b as typeof a).name;
}
