/**
 * The part of `hyphen` (TeX patterns, Liang's algorithm) the typesetter uses (the package ships no types).
 * Imported by file: the package has no exports map, and Node's ES modules do not resolve folder imports.
 */
interface HyphenModule {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string;
  /** The compiled patterns (levels table, trie, exceptions) that liang.ts walks. */
  patterns: import('./liang.js').CompiledPatterns;
}
declare module 'hyphen/en-us/index.js' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/en-gb/index.js' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/fr/index.js' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/es/index.js' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/it/index.js' {
  const module: HyphenModule;
  export default module;
}
