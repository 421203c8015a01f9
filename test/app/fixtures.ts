/** Test fixtures shared by the app and end-to-end tests: user section files, a PDF reader, temp folders. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A valid user section file (`<id>.md`). */
export function sectionFile(id: string, title: string, body = `${title} body paragraph.`): string {
  return `---
id: ${id}
title: ${title}
summary: Summary of ${title}.
tags: [test, ${id}]
sources:
  - id: memo
    title: Internal note
    publisher: Test Office
    date: "2024-03"
---
${body}
`;
}

/** A section file whose front matter breaks on line 3 (an unterminated quote). */
export const BROKEN_SECTION = `---
id: broken-notes
title: "Unfinished
summary: x
---
Body.
`;

export interface AppDirs {
  root: string;
  userData: string;
  userSections: string;
  userTemplates: string;
  documents: string;
}

export function tempAppDirs(prefix = 'brief-studio-app-'): AppDirs {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = { root, userData: join(root, 'user-data'), userSections: join(root, 'user-data', 'sections'), userTemplates: join(root, 'user-data', 'templates'), documents: join(root, 'documents') };
  for (const dir of [dirs.userSections, dirs.userTemplates, dirs.documents]) mkdirSync(dir, { recursive: true });
  return dirs;
}

export interface PdfContent {
  numPages: number;
  pages: string[];
  text: string;
  title: string | undefined;
}

/** Read a PDF back with pdf.js: page count, the text of each page, the document title. */
export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  const meta = await doc.getMetadata();
  const title = (meta.info as { Title?: string }).Title;
  await doc.destroy();
  return { numPages: pages.length, pages, text: pages.join('\n'), title };
}
