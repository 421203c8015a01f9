import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInTemplatesDir } from '../../main/engine/paths.js';
import { defaultSpec } from '../../main/engine/spec-schema.js';
import { RenderClient } from '../../main/app/render-client.js';
import { tempAppDirs } from './fixtures.js';
import { spawnStuckWorker, spawnTsWorker } from './ts-worker.js';

const folders = { sectionDirs: [], templateDirs: [] };
const clients: RenderClient[] = [];
const client = (options: Partial<ConstructorParameters<typeof RenderClient>[0]> = {}) => {
  const created = new RenderClient({ spawn: () => spawnTsWorker(), ...options });
  clients.push(created);
  return created;
};

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

describe('render client (worker thread over the real engine)', () => {
  it('renders a brief off the main thread', async () => {
    const outcome = await client().render(defaultSpec(), folders);
    expect(outcome.status).toBe('rendered');
    if (outcome.status !== 'rendered') return;
    expect(Buffer.from(outcome.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(outcome.pageCount).toBeGreaterThan(0);
    expect(outcome.renderMs).toBeGreaterThan(0);
  });

  it('lets the newest request supersede older ones', async () => {
    const renderer = client();
    const spec = defaultSpec();
    const first = renderer.render({ ...spec, title: 'First' }, folders);
    const second = renderer.render({ ...spec, title: 'Second' }, folders);
    const third = renderer.render({ ...spec, title: 'Third' }, folders);
    await expect(first).resolves.toEqual({ status: 'superseded' });
    await expect(second).resolves.toEqual({ status: 'superseded' });
    const last = await third;
    expect(last.status).toBe('rendered');
    // The waiting request was dropped without ever being started.
    expect(renderer.started).toBe(3);
  });

  it('reports engine errors as data with their code', async () => {
    const outcome = await client().render({ ...defaultSpec(), sections: ['no-such-section'] }, folders);
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'SECTION_UNKNOWN' } });
  });

  it('replaces a worker that does not stop when superseded', async () => {
    let spawned = 0;
    const renderer = client({ spawn: () => (spawned++ === 0 ? spawnStuckWorker() : spawnTsWorker()), abortGraceMs: 300 });
    const stuck = renderer.render({ ...defaultSpec(), title: 'Stuck' }, folders);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const fresh = await renderer.render(defaultSpec(), folders);
    await expect(stuck).resolves.toEqual({ status: 'superseded' });
    expect(fresh.status).toBe('rendered');
    expect(spawned).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('stops a render that runs past the time limit and keeps working afterwards', async () => {
    let spawned = 0;
    const renderer = client({ spawn: () => (spawned++ === 0 ? spawnStuckWorker() : spawnTsWorker()), timeoutMs: 3000 });
    await expect(renderer.render(defaultSpec(), folders)).resolves.toMatchObject({ status: 'error', error: { code: 'TEMPLATE_LIMIT' } });
    await expect(renderer.render(defaultSpec(), folders)).resolves.toMatchObject({ status: 'rendered' });
  });

  it('answers at once when the worker cannot start, and starts one for the next request', async () => {
    let spawned = 0;
    const renderer = client({
      spawn: () => {
        if (spawned++ === 0) throw new Error('out of threads');
        return spawnTsWorker();
      },
    });
    // Without the fix this waits for the time limit and then reports TEMPLATE_LIMIT instead.
    const first = await renderer.render(defaultSpec(), folders);
    expect(first.status).toBe('error');
    if (first.status !== 'error') return;
    expect(first.error.code).toBe('IO');
    expect(first.error.message).toContain('out of threads');
    expect((await renderer.render(defaultSpec(), folders)).status).toBe('rendered');
  });

  it('checks a template folder in the worker, reporting located diagnostics as data', async () => {
    const checker = client();
    await expect(checker.check(join(builtInTemplatesDir(), 'memo'))).resolves.toEqual({ status: 'checked', diagnostics: [] });
    const broken = join(tempAppDirs().userTemplates, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'template.yaml'), 'name: Broken\n');
    writeFileSync(join(broken, 'brief.hbs'), '# {{brief.title}}\n{{#each sections}}\n');
    const outcome = await checker.check(broken);
    expect(outcome).toMatchObject({ status: 'checked', diagnostics: [{ severity: 'error', code: 'TEMPLATE_SYNTAX', location: { file: join(broken, 'brief.hbs') } }] });
  });
});
