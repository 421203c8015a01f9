/** The part of `hyphen` (TeX patterns, Liang's algorithm) the typesetter uses (the package ships no types). */
interface HyphenModule {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string;
}
declare module 'hyphen/en-us' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/en-gb' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/fr' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/es' {
  const module: HyphenModule;
  export default module;
}
declare module 'hyphen/it' {
  const module: HyphenModule;
  export default module;
}
