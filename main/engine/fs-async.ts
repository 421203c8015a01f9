/**
 * The engine's asynchronous file calls, over Node's callback API. The same
 * calls from `node:fs/promises` would do, but loading that module also loads
 * readline and the file watchers it offers (2.5 ms of every command-line
 * build's CPU, for nothing the engine uses).
 */
import * as fs from 'node:fs';
import { promisify } from 'node:util';

export const access = promisify(fs.access);
export const lstat = promisify(fs.lstat);
export const readdir = promisify(fs.readdir);
export const readlink = promisify(fs.readlink);
// The native one, as node:fs/promises has it: it resolves letter case, short names and mapped drives too.
export const realpath = promisify(fs.realpath.native);
export const rename = promisify(fs.rename);
export const stat = promisify(fs.stat);
export const unlink = promisify(fs.unlink);

/** Open descriptors: read or written whole, then closed. */
export const open = promisify(fs.open);
export const fstat = promisify(fs.fstat);
export const fchmod = promisify(fs.fchmod);
export const fchown = promisify(fs.fchown);
export const readFile = promisify(fs.readFile);
export const writeFile = promisify(fs.writeFile);
export const fsync = promisify(fs.fsync);
export const close = promisify(fs.close);
