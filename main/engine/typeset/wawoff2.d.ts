/** wawoff2's Emscripten decoder (the package ships no types); see web-fonts.ts. */
declare module 'wawoff2/build/decompress_binding.js' {
  const module: {
    onRuntimeInitialized?: () => void;
    calledRun?: boolean;
    decompress(bytes: Uint8Array): Uint8Array | false;
  };
  export default module;
}
