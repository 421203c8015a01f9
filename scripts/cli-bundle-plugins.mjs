// esbuild plugins for the command-line bundle: each keeps work or code out of
// a cold start that most builds never need. Output bytes do not change.
import { readFile } from 'node:fs/promises';

/**
 * UnicodeTrie tables (fontkit's shapers, unicode-properties, linebreak) are
 * inflated from compressed data when their modules load: tens of
 * milliseconds, mostly for scripts a brief never uses. Each trie is built on
 * its first lookup instead; the packages only ever call `trie.get`.
 */
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
    build.onLoad({ filter: /[\\/]node_modules[\\/](fontkit|unicode-properties)[\\/]dist[\\/]module\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(/new \(0, (\$\w+\$unicodetrie)\)\(/g, 'new (0, $1)(() => ');
      return { contents, loader: 'js' };
    });
  },
};

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
 * Hyphenation patterns for languages other than US English build their
 * tables when their modules load; in the bundle they load on first use. The
 * typesetter reads only `patterns` (main/engine/typeset/hyphenation.ts, on a
 * language's first word); `hyphenateSync` stays for anyone else.
 */
export const lazyHyphenPatterns = {
  name: 'lazy-hyphen-patterns',
  setup(build) {
    build.onResolve({ filter: /^hyphen\/(en-gb|es|fr|it)\/index\.js$/ }, async (args) => {
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
