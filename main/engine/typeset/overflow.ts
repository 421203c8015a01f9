/** The soft page limit (`maxPages` in template.yaml): how far past it the brief runs. */
import type { BriefWarning } from '../errors.js';
import type { PageLayout } from './paginate.js';

export function overflowWarning(pages: readonly PageLayout[], limit: number, area: { top: number; bottom: number }, bodyLineHeight: number): BriefWarning | undefined {
  if (pages.length <= limit) return undefined;
  const pageHeight = area.bottom - area.top;
  let overflowHeight = 0;
  for (const page of pages.slice(limit)) overflowHeight += Math.max(page.contentBottom - area.top, 0);
  const overflowPages = overflowHeight / pageHeight;
  const whole = Math.floor(overflowPages);
  const percent = Math.round((overflowPages - whole) * 100);
  const lines = Math.max(1, Math.round(overflowHeight / bodyLineHeight));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let amount: string;
  if (whole === 0) amount = `about ${Math.max(percent, 1)}% of a page`;
  else if (percent === 0) amount = plural(whole, 'page');
  else amount = `${plural(whole, 'page')} and about ${percent}%`;
  return {
    code: 'CONTENT_OVERFLOW',
    message: `The brief runs ${pages.length} pages, ${amount} over the template's ${limit}-page limit: about ${plural(lines, 'line')} of body text to cut.`,
  };
}
