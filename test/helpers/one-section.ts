/**
 * Build a brief around one section a test writes itself: the section file
 * goes into a fresh folder, the brief is built in-process through
 * buildBrief, as the app's preview and the CLI do.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Document } from 'yaml';
import { buildBrief, type BuildResult } from '../../main/engine/render.js';
import { clearSectionCache } from '../../main/engine/sections.js';
import { briefSpecSchema, type BriefSpecInput } from '../../main/engine/spec-schema.js';

export const bareTemplate = resolve(import.meta.dirname, '..', 'fixtures', 'templates', 'bare');

export interface SectionFile {
  /** Front-matter fields; `id` is set by the builder. */
  front: Record<string, unknown>;
  body: string;
}

/** The text of a section file: YAML front matter (as the yaml library writes it) and the body. */
export function sectionText(id: string, section: SectionFile): string {
  const yaml = new Document({ id, ...section.front }).toString({ lineWidth: 0 });
  return `---\n${yaml}---\n${section.body}`;
}

/** A minimal valid front matter to start from. */
export function plainFront(): Record<string, unknown> {
  return {
    title: 'Section',
    summary: 'A section written by a test.',
    sources: [{ id: 's1', title: 'A source', publisher: 'A publisher', date: '2024' }],
  };
}

let counter = 0;

/**
 * Build a brief of one section (raw file text, or fields and body). Each call
 * gets its own folder and section id, so no cache can hand back an earlier
 * section. Rejects with whatever the engine throws.
 */
export async function buildOneSection(section: SectionFile | ((id: string) => string), spec: Partial<BriefSpecInput> = {}): Promise<BuildResult> {
  const id = `case-${process.pid}-${++counter}`;
  const dir = mkdtempSync(join(tmpdir(), 'one-section-'));
  try {
    writeFileSync(join(dir, `${id}.md`), typeof section === 'function' ? section(id) : sectionText(id, section));
    const full = briefSpecSchema.parse({ title: 'Test brief', date: '2024-05-01', template: bareTemplate, ...spec, sections: [id] });
    return await buildBrief(full, { sectionDirs: [dir] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // Each id is used once: drop parsed sections so a long run does not hold them all.
    if (counter % 200 === 0) clearSectionCache();
  }
}
