import { buildBrief } from './main/engine/render.js';
import { defaultBrief, novelBrief, editedBrief, bookBrief } from './bench/content.js';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { fontsDir } from './main/engine/paths.js';
const c = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontsDir()] }] });
const ty = (src: string) => { const r = c.compile({ mainFileContent: src }); const e = r.takeError(); if (e) throw new Error(JSON.stringify(e.shortDiagnostics)); const d = r.result!; c.pdf(d); return d.numOfPages; };
for (const [name, mk] of [['default', () => defaultBrief()], ['novel', () => novelBrief(3, '/virtual/n3')], ['edit', () => editedBrief(4)], ['book', () => bookBrief(8, '/virtual/book')]] as const) {
  const b = await mk();
  let t = performance.now();
  const r = await buildBrief(b.spec, { files: b.files, sectionDirs: b.sectionDirs, maxPages: 2000 });
  const bs = performance.now() - t; t = performance.now();
  const tp = ty(b.typst);
  console.log(name, 'bs pages', r.pageCount, bs.toFixed(0), 'typst pages', tp, (performance.now() - t).toFixed(0), r.warnings.map(w => w.code).join(','));
  if (name === 'novel') console.log(r.markup.slice(0, 400));
}
