import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFiles, overlayFiles } from '../../../main/engine/file-provider.js';
import { buildTemplateContext, loadTemplate } from '../../../main/engine/template/index.js';
import { BUILT_IN_DIR, makeSection, makeSpec, removeTemplates, writeTemplate } from './support.js';

afterAll(removeTemplates);

describe('the last template output kept by its data', () => {
  it('fills the template in again whenever the data, the limits or the template change', async () => {
    const dir = writeTemplate({ 'template.yaml': 'name: Kept\n', 'brief.hbs': '# {{brief.title}}\n\n{{#each sections}}{{title}}\n\n{{/each}}' });
    const template = await loadTemplate(dir, { builtInDir: BUILT_IN_DIR });
    const context = (title: string, sectionTitle: string) => buildTemplateContext(makeSpec({ title, sections: ['alpha'] }), [makeSection('alpha', { title: sectionTitle })], template);

    const first = template.renderMarkup(context('Harbour brief', 'Piers'));
    expect(first).toContain('# Harbour brief');
    expect(template.renderMarkup(context('Harbour brief', 'Piers'))).toBe(first);
    const second = template.renderMarkup(context('Harbour brief', 'Cranes'));
    expect(second).toContain('Cranes');
    expect(second).not.toContain('Piers');
    expect(template.renderMarkup(context('Harbour brief', 'Piers'))).toBe(first);
    // The same data under a tighter limit is measured again, not handed the kept output.
    expect(() => template.renderMarkup(context('Harbour brief', 'Piers'), { maxOutputBytes: 10 })).toThrow(expect.objectContaining({ code: 'TEMPLATE_LIMIT' }));

    // The template changed in the editor: the same data gives the new output.
    const files = overlayFiles(diskFiles, new Map([[join(dir, 'brief.hbs'), { content: 'Changed: {{brief.title}}\n', mtimeMs: 5 }]]));
    const changed = await loadTemplate(dir, { builtInDir: BUILT_IN_DIR, files });
    expect(changed.renderMarkup(context('Harbour brief', 'Piers'))).toContain('Changed: Harbour brief');
  });
});
