// esbuild plugins for the command-line bundle: each keeps work or code out of
// a cold start that most builds never need. Output bytes do not change.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/**
 * UnicodeTrie tables (fontkit's shapers, unicode-properties, linebreak) are
 * inflated from compressed data when their modules load: tens of
 * milliseconds, mostly for scripts a brief never uses. Each trie is built on
 * its first lookup instead; the packages only ever call `trie.get`.
 */
/** unicode-properties' trie, inflated at build time (beside the bundle in dist/). */
export const INFLATED_TRIE_FILE = 'unicode-properties.trie';

export const lazyUnicodeTries = {
  name: 'lazy-unicode-tries',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]unicode-trie[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replace(
          'module.exports = UnicodeTrie;',
          `class LazyUnicodeTrie {
  constructor(data) {
    this.source = data;
  }
  get(codePoint) {
    const data = typeof this.source === 'function' ? this.source() : this.source;
    const trie = new UnicodeTrie(data);
    this.source = undefined;
    this.get = (c) => trie.get(c);
    return trie.get(codePoint);
  }
}
module.exports = LazyUnicodeTrie;`,
        ),
        loader: 'js',
      };
    });
    // Where a trie's compressed data is decoded inline, decode it lazily too.
    build.onLoad({ filter: /[\\/]node_modules[\\/]fontkit[\\/]dist[\\/]module\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/new \(0, (\$\w+\$unicodetrie)\)\(/g, 'new (0, $1)(() => ');
      return { contents, loader: 'js' };
    });
    // unicode-properties' trie is looked up for every glyph of every build
    // (fontkit asks whether it is a mark), so it is inflated here, once, into
    // dist/; the build reads the inflated table back and falls back to
    // inflating the package's own data when that file is missing or damaged.
    build.onLoad({ filter: /[\\/]node_modules[\\/]unicode-properties[\\/]dist[\\/]module\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const call = /new \(0, (\$\w+\$unicodetrie)\)\(\(0, (\$\w+\$base64js)\)\.toByteArray\("([^"]+)"\)\)/;
      const match = call.exec(source);
      if (!match) throw new Error('unicode-properties: its trie data was not found where expected; update the lazy-unicode-tries plugin');
      const [, trieName, base64Name, data] = match;
      const UnicodeTrie = createRequire(args.path)('unicode-trie');
      const trie = new UnicodeTrie(Buffer.from(data, 'base64'));
      const table = Buffer.alloc(8 + trie.data.byteLength);
      table.writeUInt32LE(trie.highStart, 0);
      table.writeUInt32LE(trie.errorValue, 4);
      Buffer.from(trie.data.buffer, trie.data.byteOffset, trie.data.byteLength).copy(table, 8);
      await mkdir('dist', { recursive: true });
      await writeFile(join('dist', INFLATED_TRIE_FILE), table);
      const inflatedData = new Uint32Array(trie.data.length);
      inflatedData.set(trie.data);
      const check = tableCheck(trie.highStart, trie.errorValue, inflatedData);
      const readInflated = `() => {
  try {
    const table = require("node:fs").readFileSync(require("node:path").join(__dirname, ${JSON.stringify(INFLATED_TRIE_FILE)}));
    if (table.byteLength === ${table.byteLength}) {
      const data = new Uint32Array(table.byteLength / 4 - 2);
      new Uint8Array(data.buffer).set(table.subarray(8));
      const highStart = table.readUInt32LE(0);
      const errorValue = table.readUInt32LE(4);
      if ((${tableCheck.toString()})(highStart, errorValue, data) === ${check}) return { highStart, errorValue, data };
    }
  } catch {}
  return (0, ${base64Name}).toByteArray(${JSON.stringify(data)});
}`;
      return { contents: source.replace(call, () => `new (0, ${trieName})(${readInflated})`), loader: 'js' };
    });
  },
};

/**
 * A check of the inflated trie file against damage (FNV-1a over its 32-bit
 * words; no hashing module to load at every start). Written out into the
 * bundle by its source, so install time and run time compute it alike.
 */
function tableCheck(highStart, errorValue, data) {
  let sum = Math.imul(0x811c9dc5 ^ highStart, 16777619);
  sum = Math.imul(sum ^ errorValue, 16777619);
  for (let i = 0; i < data.length; i++) sum = Math.imul(sum ^ data[i], 16777619);
  return sum >>> 0;
}

/**
 * fontkit needs Brotli only for WOFF2 fonts, and the decoder brings a 1.3 MB
 * dictionary. It is loaded from fontkit's own dependencies on the first WOFF2
 * font rather than compiled into every start.
 */
export const brotliOnDemand = {
  name: 'brotli-on-demand',
  setup(build) {
    build.onResolve({ filter: /^brotli\/decompress(\.js)?$/ }, () => ({ path: 'brotli-on-demand', namespace: 'brotli-on-demand' }));
    build.onLoad({ filter: /.*/, namespace: 'brotli-on-demand' }, () => ({
      contents: `let decompress;
module.exports = function brotliDecompress(buffer, outSize) {
  if (!decompress) {
    const { dirname } = require('node:path');
    const fromBundle = require('node:module').createRequire(__filename);
    const fontkitDir = dirname(fromBundle.resolve('fontkit'));
    decompress = fromBundle(fromBundle.resolve('brotli/decompress.js', { paths: [fontkitDir] }));
  }
  return decompress(buffer, outSize);
};`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * Hyphenation patterns build their tables when their modules load; in the
 * bundle they load on first use. The typesetter reads only `patterns`
 * (main/engine/typeset/hyphenation.ts, on a language's first word the
 * shipped seed does not know: US English too, since the built-in sections'
 * words come hyphenated); `hyphenateSync` stays for anyone else.
 */
export const lazyHyphenPatterns = {
  name: 'lazy-hyphen-patterns',
  setup(build) {
    build.onResolve({ filter: /^hyphen\/(en-us|en-gb|es|fr|it)\/index\.js$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await build.resolve(args.path, { kind: 'require-call', resolveDir: args.resolveDir, pluginData: 'real' });
      if (real.errors.length > 0) return undefined;
      return { path: real.path, namespace: 'lazy-hyphen', pluginData: real.path };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-hyphen' }, (args) => ({
      contents: `let patterns;
module.exports = {
  hyphenateSync(...args) {
    patterns ??= require(${JSON.stringify(args.path)});
    return patterns.hyphenateSync(...args);
  },
  get patterns() {
    patterns ??= require(${JSON.stringify(args.path)});
    return patterns.patterns;
  },
};`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * Modules whose loading builds tables that most builds never use, loaded on
 * first use instead: AES from @noble/ciphers (PDFKit imports it for encrypted
 * PDFs, which briefs never are), fflate (its inflate tables; image checks
 * use it only for a PNG) and entities (markdown-it decodes HTML entities
 * such as `&eacute;` with it; its table is built from a long string at load).
 * Each name the importers use reads the real module's export on access.
 */
const LAZY_MODULES = {
  '@noble/ciphers/aes': ['cbc', 'ecb'],
  fflate: ['Unzlib'],
  entities: ['decodeHTML'],
};

export const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    const names = Object.keys(LAZY_MODULES).map((name) => name.replace(/[/.]/g, (c) => `\\${c}`));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { real: true } });
      if (real.errors.length > 0) return undefined;
      // Named after the package rather than its file, so that esbuild reads the stand-in as CommonJS whatever the real file's extension.
      return { path: args.path, namespace: 'lazy-module', pluginData: { real: real.path, exports: LAZY_MODULES[args.path] } };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.pluginData.real)}));
module.exports = {
${args.pluginData.exports.map((name) => `  get ${name}() { return load().${name}; },`).join('\n')}
};`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * Node's own modules that cost milliseconds to load and that a command-line
 * build does not use, loaded on first use instead: crypto (the app's caches
 * and memos hash their keys; the command line keeps nothing between builds).
 * Importers get the same names, each reading the real module on access.
 */
const LAZY_BUILTINS = ['node:crypto'];

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const names = LAZY_BUILTINS.map((name) => name.replace(/[/.]/g, (c) => `\\${c}`));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) =>
      // The stand-in's own require is the real module.
      args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-builtin' },
    );
    // Every name the module exports (read from Node itself here), so no importer finds one missing.
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => ({
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(args.path)}));
module.exports = {
${Object.keys(await import(args.path))
  .filter((name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name))
  .map((name) => `  get ${name}() { return load().${name}; },`)
  .join('\n')}
};`,
      loader: 'js',
    }));
  },
};

/**
 * Hyphenation patterns are one large array literal per language; V8 reads
 * the same data several times faster as JSON (`JSON.parse` of a string) than
 * as code. Each pattern file is evaluated here and stored as JSON, provided
 * JSON holds it exactly.
 */
export const patternsAsJson = {
  name: 'patterns-as-json',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]hyphen[\\/]patterns[\\/][\w-]+\.js$/ }, (args) => {
      const patterns = createRequire(args.path)(args.path);
      const json = JSON.stringify(patterns);
      if (!isDeepStrictEqual(JSON.parse(json), patterns)) return undefined; // not plain data: bundled as it is
      return { contents: `module.exports = JSON.parse(${JSON.stringify(json)});`, loader: 'js' };
    });
  },
};
