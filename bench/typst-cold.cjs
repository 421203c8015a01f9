'use strict';
// Typst's cold process for the benchmark: a fresh node process that loads the
// compiler, reads the fonts from assets/fonts, compiles one Typst file and
// writes its PDF. Usage: node bench/typst-cold.cjs <source.typ> <out.pdf>
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [source, out] = process.argv.slice(2);
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [join(__dirname, '..', 'assets', 'fonts')] }] });
const result = compiler.compile({ mainFileContent: readFileSync(source, 'utf8') });
const error = result.takeError();
if (error || !result.result) {
  process.stderr.write(`typst: ${JSON.stringify(error ? error.shortDiagnostics : 'no document')}\n`);
  process.exit(1);
}
writeFileSync(out, compiler.pdf(result.result));
