/**
 * Everything the engine keeps from one build for the next in the same
 * process: the render caches (whole documents, pages, lines, words, streams,
 * font subsets), the build memos (front matter, template output, coverage,
 * the kept model) and the markup memo. The app's preview lives on them. A
 * process that builds one brief and exits (the command line) has nothing to
 * reuse, and keeping it all would only cost memory (2 MB of a cold build's
 * peak) and the hashing that keys it. Output is the same either way (tested).
 */
import { setBuildMemosEnabled } from './build-memos.js';
import { setMarkupMemoEnabled } from './markup.js';
import { setRenderCachesEnabled } from './typeset/render-caches.js';

export function setReuseAcrossBuilds(on: boolean): void {
  setRenderCachesEnabled(on);
  setBuildMemosEnabled(on);
  setMarkupMemoEnabled(on);
}
