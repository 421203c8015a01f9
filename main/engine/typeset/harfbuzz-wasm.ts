/**
 * HarfBuzz's WebAssembly build (harfbuzzjs/dist/harfbuzz.wasm), started
 * synchronously the first time a word needs it.
 *
 * The package's own Emscripten glue starts only asynchronously (it awaits an
 * import before anything else). Line breaking measures words in the middle of
 * synchronous work, so with the glue every build had to load HarfBuzz up
 * front, although a build of the built-in content finds every word in the
 * shipped shaping seed and never shapes one: 18 ms of a cold build's CPU and
 * 4 MB of its memory for nothing. Started here on first need, it costs about
 * 5 ms when it is needed (V8 compiles WebAssembly functions lazily) and
 * nothing otherwise, and which shaper a word gets never depends on timing.
 *
 * The build imports five host functions. Shaping calls only one of them,
 * growing the heap (done as Emscripten's glue does it); the others end the
 * program (abort, exit: an error here) or belong to parts of its C library
 * that shaping does not reach (a timer, a keep-alive hook). A build of the
 * package that asks for anything else fails to instantiate, and the caller
 * falls back to fontkit; a test checks that the pinned build loads.
 */
import { readFileSync } from 'node:fs';

/** The raw functions of HarfBuzz the shaper calls (pointers are numbers). */
export interface HbExports {
  malloc(size: number): number;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_font_create(face: number): number;
  hb_buffer_create(): number;
  hb_buffer_clear_contents(buffer: number): void;
  hb_buffer_add_utf16(buffer: number, text: number, length: number, offset: number, itemLength: number): void;
  hb_buffer_guess_segment_properties(buffer: number): void;
  hb_shape(font: number, buffer: number, features: number, featureCount: number): void;
  hb_buffer_get_length(buffer: number): number;
  hb_buffer_get_glyph_infos(buffer: number, length: number): number;
  hb_buffer_get_glyph_positions(buffer: number, length: number): number;
}

export interface HarfBuzzWasm {
  api: HbExports;
  /** The heap as it is now: a call that grew the heap detaches views made before it. */
  heap(): { u8: Uint8Array; u16: Uint16Array; u32: Uint32Array; i32: Int32Array };
}

const PAGE = 65536;
/** Emscripten's ceiling for a 32-bit heap, and for growing past what was asked. */
const MAX_HEAP = 2 ** 31;
const MAX_OVERGROWTH = 96 * 2 ** 20;

export function startHarfBuzz(wasmFile: string): HarfBuzzWasm {
  const stop = (what: string) => () => {
    throw new Error(`HarfBuzz stopped (${what})`);
  };
  const imports = {
    env: {
      // Called only once the instance runs, by when `memory` below is set.
      emscripten_resize_heap: (requested: number) => growHeap(memory, requested >>> 0),
      _abort_js: stop('abort'),
      _setitimer_js: () => 0,
      _emscripten_runtime_keepalive_clear: () => {},
    },
    wasi_snapshot_preview1: { proc_exit: stop('exit') },
  };
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmFile)), imports);
  const exports = instance.exports as unknown as HbExports & { memory: WebAssembly.Memory; __wasm_call_ctors(): void };
  const memory = exports.memory;
  exports.__wasm_call_ctors();

  let buffer: ArrayBuffer | undefined;
  let views: ReturnType<HarfBuzzWasm['heap']> | undefined;
  return {
    api: exports,
    heap: () => {
      if (!views || buffer !== memory.buffer) {
        buffer = memory.buffer;
        views = { u8: new Uint8Array(buffer), u16: new Uint16Array(buffer), u32: new Uint32Array(buffer), i32: new Int32Array(buffer) };
      }
      return views;
    },
  };
}

/** Grow by a fifth at least (fewer, larger steps), as Emscripten's glue does; 1 if the heap now holds `requested` bytes. */
function growHeap(memory: WebAssembly.Memory, requested: number): number {
  const old = memory.buffer.byteLength;
  if (requested > MAX_HEAP) return 0;
  const wanted = Math.min(MAX_HEAP, Math.ceil(Math.max(requested, Math.min(old * 1.2, requested + MAX_OVERGROWTH)) / PAGE) * PAGE);
  for (const size of [wanted, Math.ceil(requested / PAGE) * PAGE]) {
    try {
      memory.grow((size - old) / PAGE);
      return 1;
    } catch {
      // Not that much room: try the least that will do.
    }
  }
  return 0;
}
