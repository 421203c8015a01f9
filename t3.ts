import { buildBrief } from './main/engine/render.js';
import { parseMarkup } from './main/engine/markup.js';
import { defaultSpec } from './main/engine/spec-schema.js';
import { fontsDir } from './main/engine/paths.js';
import { typstSource } from './bench/typst-doc.js';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { writeFileSync } from 'node:fs';
const spec = defaultSpec();
const r = await buildBrief(spec);
const src = typstSource(parseMarkup(r.markup, { file: 'x' }), { title: spec.title, dateText: '13 January 2023', classification: spec.classification });
writeFileSync('/tmp/bb/brief.typ', src);
let t = performance.now();
const c = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontsDir()] }] });
console.log('create', performance.now() - t);
for (let i = 0; i < 5; i++) {
t = performance.now();
const res = c.compile({ mainFileContent: src });
const err = res.takeError(); if (err) { console.log(err.shortDiagnostics); break; }
const w = res.takeWarnings(); if (w) console.log('warn', w.shortDiagnostics);
const doc = res.result!;
const pdf = c.pdf(doc);
console.log('pages', doc.numOfPages, pdf.length, performance.now() - t);
writeFileSync('/tmp/bb/typst.pdf', pdf);
if (i===2) c.evictCache(0);
}
writeFileSync('/tmp/bb/bs.pdf', r.pdf);
