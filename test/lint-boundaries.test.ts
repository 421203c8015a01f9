/**
 * The boundaries eslint.config.js draws: the faces (main/cli*.ts,
 * main/print, main/app) reach the engine only through main/engine/index.ts;
 * the renderer imports only main/shared (its own files and npm packages
 * aside); the engine imports no Electron and nothing of a face or the page.
 * A fixture with a forbidden import, linted with the project's own config at
 * a path where the rule applies, fails; the real tree passes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const RULE = 'no-restricted-imports';

/** Paths no file holds: the type-aware project config lints them as text, with TypeScript's default project. */
const FIXTURES = {
  app: 'main/app/lint-boundary-fixture.ts',
  cli: 'main/cli-lint-boundary-fixture.ts',
  print: 'main/print/lint-boundary-fixture.ts',
  renderer: 'renderer/src/lint-boundary-fixture.ts',
  engine: 'main/engine/lint-boundary-fixture.ts',
  engineDeep: 'main/engine/template/lint-boundary-fixture.ts',
};

const projectLint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: Object.values(FIXTURES) } } } },
});

async function restrictions(filePath: string, code: string): Promise<string[]> {
  const [result] = await projectLint.lintText(code, { filePath });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('lint boundaries', () => {
  it('fails a face that reaches into an engine module, and passes one that uses the index', { timeout: 240_000 }, async () => {
    expect(await restrictions(FIXTURES.app, "import { buildBrief } from '../engine/render.js';\nexport const build = buildBrief;\n")).toEqual([
      expect.stringContaining('main/engine/index.ts'),
    ]);
    expect(await restrictions(FIXTURES.app, "import type { TemplateDiagnostic } from '../engine/template/index.js';\nexport type D = TemplateDiagnostic;\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.cli, "import { loadSectionLibrary } from './engine/sections.js';\nexport const load = loadSectionLibrary;\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.print, "export { BriefError } from '../engine/errors.js';\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.app, "import { buildBrief } from '../engine/index.js';\nexport const build = buildBrief;\n")).toEqual([]);
  });

  it('fails a renderer file that imports anything of main but main/shared, or Node, or Electron', { timeout: 120_000 }, async () => {
    expect(await restrictions(FIXTURES.renderer, "import type { BriefSpec } from '../../main/engine/index.js';\nexport type Spec = BriefSpec;\n")).toEqual([
      expect.stringContaining('main/shared/'),
    ]);
    expect(await restrictions(FIXTURES.renderer, "import type { HandlerDeps } from '../../main/app/ipc-handlers.js';\nexport type Deps = HandlerDeps;\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.renderer, "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.renderer, "import { ipcRenderer } from 'electron';\nexport const ipc = ipcRenderer;\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.renderer, "import type { BriefErrorData } from '../../main/shared/engine-data.js';\nexport type E = BriefErrorData;\n")).toEqual([]);
  });

  it('fails an engine file that imports Electron or a face', { timeout: 120_000 }, async () => {
    expect(await restrictions(FIXTURES.engine, "import { app } from 'electron';\nexport const electronApp = app;\n")).toEqual([expect.stringContaining('Electron')]);
    expect(await restrictions(FIXTURES.engine, "import { EditBuffers } from '../app/edit-buffers.js';\nexport const Buffers = EditBuffers;\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.engineDeep, "import { listPrinters } from '../../print/printers.js';\nexport const printers = listPrinters;\n")).toHaveLength(1);
    expect(await restrictions(FIXTURES.engineDeep, "import { diskFiles } from '../file-provider.js';\nexport const files = diskFiles;\n")).toEqual([]);
  });

  it('passes the real tree', { timeout: 240_000 }, async () => {
    // The project's boundary rules, with a parser that needs no type information (the whole tree parses in seconds).
    const { default: config } = (await import(pathToFileURL(resolve(root, 'eslint.config.js')).href)) as { default: Linter.Config[] };
    const boundaries = config.filter((entry) => entry.rules?.[RULE] !== undefined);
    expect(boundaries.length).toBeGreaterThanOrEqual(3);
    const treeLint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        // Only the boundary rules run here, so other rules' disable comments are not this test's business.
        { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, linterOptions: { reportUnusedDisableDirectives: 'off' } },
        ...boundaries,
      ],
    });
    const results = await treeLint.lintFiles(['main/**/*.ts', 'renderer/**/*.ts']);
    expect(results.length).toBeGreaterThan(100);
    expect(results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}: ${m.message}`))).toEqual([]);
  });
});
