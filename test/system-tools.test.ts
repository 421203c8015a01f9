import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPackages } from './system-tools.js';

describe('system tools the suite needs', () => {
  it('names the package that brings a missing program', () => {
    expect(missingPackages((path) => path !== '/usr/bin/qpdf')).toEqual(['qpdf']);
    expect(missingPackages(() => true)).toEqual([]);
  });

  it('are all installed by .ci/run', () => {
    const ci = readFileSync(resolve(import.meta.dirname, '../.ci/run'), 'utf8');
    const listed = /^packages=\(([^)]*)\)/m.exec(ci)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
    expect(listed.sort()).toEqual(missingPackages(() => false).sort());
  });
});
