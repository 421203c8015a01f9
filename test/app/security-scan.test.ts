import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, '../../scripts/security-scan.mjs');

function scan(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

function insecureApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brief-studio-insecure-'));
  writeFileSync(
    join(dir, 'main.js'),
    `const { BrowserWindow } = require('electron');
const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
win.loadURL('https://example.org');
`,
  );
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><script src="app.js"></script></body></html>');
  return dir;
}

describe('security scan (electronegativity)', () => {
  it('finds no HIGH or MEDIUM issue in the app sources, and fails an insecure app', async () => {
    const [app, insecure] = await Promise.all([scan([]), scan(['--input', insecureApp()])]);

    expect(app.output).toMatch(/security scan: \d+ finding\(s\), 0 HIGH\/MEDIUM, 0 unparsed/);
    expect(app.code).toBe(0);

    // The same script must catch what it is there to catch.
    expect(insecure.code).toBe(1);
    expect(insecure.output).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(insecure.output).toMatch(/MEDIUM\s+SANDBOX_JS_CHECK/);
    expect(insecure.output).toMatch(/HIGH\s+LIMIT_NAVIGATION_GLOBAL_CHECK/);
    expect(insecure.output).toMatch(/MEDIUM\s+CSP_GLOBAL_CHECK/);
  }, 300_000);
});
