import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localIsoDate, withBuildDate } from '../../main/engine/spec-schema.js';
import { parseSpec, resolveSpecPaths, stringifySpec } from '../../main/engine/spec.js';

describe('a spec without a date', () => {
  it('parses, stays undated when saved, and is dated the day of the build', () => {
    const spec = parseSpec('title: T\nsections: [force-posture]\n', 'b.yaml');
    expect(spec.date).toBeUndefined();
    expect(stringifySpec(spec)).not.toContain('date');
    expect(withBuildDate(spec, '2024-02-29').date).toBe('2024-02-29');
  });

  it('keeps the spec’s own date over the day of the build', () => {
    const spec = parseSpec('title: T\ndate: 2023-01-13\nsections: [force-posture]\n', 'b.yaml');
    expect(withBuildDate(spec, '2024-02-29').date).toBe('2023-01-13');
  });

  it('takes today from the local calendar', () => {
    expect(localIsoDate(new Date(2024, 1, 29, 23, 59))).toBe('2024-02-29');
    expect(localIsoDate(new Date(987, 0, 1, 0, 0))).toBe('0987-01-01');
  });
});

describe('paths in a spec', () => {
  const spec = (template: string) => parseSpec(`title: T\ntemplate: ${template}\nsections: [force-posture]\n`, 'b.yaml');

  it('resolves a template folder against the spec’s own folder', () => {
    expect(resolveSpecPaths(spec('./house-style'), '/briefs/2024/summit.brief.yaml').template).toBe(join('/briefs/2024', 'house-style'));
    expect(resolveSpecPaths(spec('../shared/house'), '/briefs/2024/summit.brief.yaml').template).toBe(join('/briefs', 'shared', 'house'));
  });

  it('resolves section folders against the spec’s own folder and saves them as written', () => {
    const text = 'title: T\nsectionFolders: [./mine, ../shared/sections, /opt/sections]\nsections: [force-posture]\n';
    const parsed = parseSpec(text, 'b.yaml');
    expect(resolveSpecPaths(parsed, '/briefs/2024/summit.brief.yaml').sectionFolders).toEqual([join('/briefs/2024', 'mine'), join('/briefs', 'shared', 'sections'), '/opt/sections']);
    expect(parseSpec(stringifySpec(parsed), 'again.yaml')).toEqual(parsed);
    expect(stringifySpec(parsed)).toMatch(/template: memo\nsectionFolders:\n {2}- \.\/mine/);
  });

  it('leaves template ids and absolute folders as they are', () => {
    expect(resolveSpecPaths(spec('memo'), '/briefs/summit.brief.yaml').template).toBe('memo');
    expect(resolveSpecPaths(spec('/opt/templates/house'), '/briefs/summit.brief.yaml').template).toBe('/opt/templates/house');
  });
});
