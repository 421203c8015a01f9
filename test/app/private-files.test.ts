import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareAppFolders } from '../../main/app/app-folders.js';
import { RecentFiles } from '../../main/app/recent-files.js';
import { SettingsStore } from '../../main/app/settings.js';
import { writeEditableFile } from '../../main/app/template-files.js';

const mode = (path: string): number => statSync(path).mode & 0o777;

// POSIX permissions only mean something off Windows.
describe.skipIf(process.platform === 'win32')('files the app keeps in the user-data folder', () => {
  it('writes settings and recent files readable by the owner only, in an owner-only folder', async () => {
    const userData = join(mkdtempSync(join(tmpdir(), 'brief-private-')), 'Brief Studio');
    await new SettingsStore(userData).update({ lastBriefFolder: '/briefs/secret' });
    await new RecentFiles(userData, 5).add('/briefs/secret/plan.brief.yaml');
    expect(mode(join(userData, 'settings.json'))).toBe(0o600);
    expect(mode(join(userData, 'recent-briefs.json'))).toBe(0o600);
    expect(mode(userData)).toBe(0o700);
  });

  it('tightens a user-data folder an earlier version left readable by others', async () => {
    const userData = join(mkdtempSync(join(tmpdir(), 'brief-private-')), 'Brief Studio');
    mkdirSync(userData, { mode: 0o755 });
    chmodSync(userData, 0o755);
    await new SettingsStore(userData).update({ lastExportFolder: '/exports' });
    expect(mode(userData)).toBe(0o700);
    expect(mode(join(userData, 'settings.json'))).toBe(0o600);
  });

  it('makes the user sections and templates folders owner-only, and template files the user saves 0600', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'brief-private-'));
    const folders = await prepareAppFolders(userData, userData);
    expect(mode(folders.userSectionsDir)).toBe(0o700);
    expect(mode(folders.userTemplatesDir)).toBe(0o700);
    const template = join(folders.userTemplatesDir, 'mine');
    mkdirSync(template);
    await writeEditableFile(template, 'partials/note.hbs', 'Classified note\n');
    expect(mode(join(template, 'partials', 'note.hbs'))).toBe(0o600);
    expect(mode(join(template, 'partials'))).toBe(0o700);
  });

  it('starts with defaults when a store file is a named pipe, instead of waiting on it', () => {
    const userData = mkdtempSync(join(tmpdir(), 'brief-private-'));
    execFileSync('mkfifo', [join(userData, 'settings.json')]);
    expect(new SettingsStore(userData).get()).toEqual({});
  });
});
