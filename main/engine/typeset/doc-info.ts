/** The PDF's document information: everything fixed by the input, nothing by the clock. */
import type { DocumentInfo } from '../model.js';

export const PRODUCER = 'Brief Studio';

/** Midnight UTC of the brief's date: the same input gives the same bytes. */
export function documentDate(isoDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return new Date(Date.UTC(2000, 0, 1));
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export function infoDictionary(info: DocumentInfo): Record<string, string | Date> {
  const date = documentDate(info.date);
  const out: Record<string, string | Date> = { Title: info.title };
  if (info.author) out.Author = info.author;
  const subject = info.subject ?? info.subtitle;
  if (subject) out.Subject = subject;
  if (info.keywords && info.keywords.length > 0) out.Keywords = info.keywords.join(', ');
  out.Creator = PRODUCER;
  out.Producer = PRODUCER;
  out.CreationDate = date;
  out.ModDate = date;
  return out;
}
