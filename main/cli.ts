/**
 * brief-studio: the command-line face of the engine.
 * Exit codes: 0 done, 2 bad input (message with location), 1 anything else.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { applyHandoutFlags, HANDOUT_FLAGS, HANDOUT_HELP } from './cli-handout.js';
import {
  BriefError,
  closestName,
  everyProblem,
  describeIssue,
  diskFiles,
  unreadableFolderError,
  briefSpecSchema,
  buildBrief,
  builtInSectionsDir,
  builtInTemplatesDir,
  checkTemplate,
  defaultSpec,
  formatLocation,
  isTemplateId,
  isTemplatePath,
  listTemplates,
  loadSectionLibrary,
  PDF_STANDARDS,
  readSpecFile,
  removeLegacyShapingCache,
  resolveSpecPaths,
  resourceRoot,
  shapingSeedDir,
  disableYamlSeed,
  recordYamlSeed,
  useYamlSeed,
  yamlSeedFile,
  disableHyphenationSeed,
  hyphenationSeedFile,
  recordHyphenationSeed,
  saveHyphenationSeed,
  useHyphenationSeed,
  specSectionFolderLocation,
  specSectionLocation,
  specTemplateLocation,
  SPOOLER_FAILURE_CODES,
  userCacheDir,
  whyTemplateUnusable,
  writeFileAtomic,
  toErrorData,
  type BriefErrorData,
  type BriefSpec,
  type BriefWarning,
  type PdfStandard,
  type ShapingCache,
  type TemplateSummary,
} from './engine/index.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

const HELP: Record<string, string> = {
  main: `Usage: brief-studio <command> [options]

Build formatted policy briefs as PDF, offline.

Commands:
  build [SPEC]             build a brief (from a *.brief.yaml, or the default)
  list sections|templates  list what is available
  check TEMPLATE_DIR|ID    validate a template folder (or a built-in template)
  print [SPEC]             build a brief or handout and send it to a printer
  printers                 list the printers and the default

Run "brief-studio <command> --help" for a command's options.
Exit codes: 0 done, 2 bad input, 1 anything else.`,
  build: `Usage: brief-studio build [SPEC] [options] -o OUT.pdf

Builds the brief described by SPEC (a *.brief.yaml). Without SPEC, builds the
default brief: the three mission sections in the memo template, under its own
title block (its title, "Prepared by: Brief Studio", dated 13 January 2023);
the options below replace any part of it (--date, --title, --sections, ...).
A template path in SPEC is read from SPEC's folder; -o never replaces an input.

Options:
  -o, --output FILE         where to write the PDF (default: brief.pdf, or
                            SPEC's name with .pdf, in the current folder; a
                            file already there is replaced)
      --sections a,b,c      section ids, in order (overrides the spec)
      --template ID|DIR     template id or folder (overrides the spec)
      --sections-dir DIR    a folder of your own sections (repeatable; later
                            ids win)
      --templates-dir DIR   a folder of your own templates (repeatable)
      --title TEXT          --subtitle TEXT  --author TEXT  --audience TEXT
      --classification TEXT
      --field NAME=VALUE    a value for a field the template declares
                            (repeatable; separate the names of a people field
                            with ";")
      --date YYYY-MM-DD     the brief's date (default: the spec's, else today;
                            the default brief's is 13 January 2023; a fixed
                            date gives the same PDF bytes every time)
      --toc / --no-toc      add or leave out a table of contents
      --pdf-standard STD    PDF/A-1b, PDF/A-2b, PDF/A-2u or PDF/A-2a for an
                            archival copy (every brief is a tagged PDF/UA file
                            by default)
      --max-pages N         stop with an error past N pages (default 500)
      --markup              print the brief markup the template produced;
                            write no PDF
${HANDOUT_HELP}
  -q, --quiet               no summary line
  -h, --help`,
  print: `Usage: brief-studio print [SPEC] [--printer NAME] [options]

Builds the brief like "build" (same options, no -o) and sends the PDF to a
printer through the system's print spooler (CUPS \`lp\` on Linux and macOS).
Booklets are sent two-sided, flipped on the short edge.

Options:
      --printer NAME        the printer (default: the system's default printer)
${HANDOUT_HELP}
  and every option of "brief-studio build --help" except -o and --markup.
Exit codes: 0 sent, 2 bad input or unknown printer, 1 spooler failure.`,
  printers: `Usage: brief-studio printers [--json]

Lists the printers the print spooler knows, marking the default.`,
  list: `Usage: brief-studio list sections|templates [--json]
                         [--sections-dir DIR]... [--templates-dir DIR]...

Lists the built-in sections or templates and those in the given folders.
A template of yours that a build would stop at (a brief.hbs that does not
compile, say) is listed as one that cannot be used, with the first error at
its file:line (--json: "unusable", with the error's code, message, location).`,
  check: `Usage: brief-studio check TEMPLATE_DIR|ID

Loads the template, compiles every file and renders it against the built-in
sections. Prints each problem as file:line:column: error[CODE]: message (or
warning[CODE]: ...). A name with no slash that is a built-in template's id
(memo) checks that template, as "build --template" reads it; anything else is
a folder. Exit 2 on errors.`,
};

const common = {
  help: { type: 'boolean', short: 'h' },
  'sections-dir': { type: 'string', multiple: true },
  'templates-dir': { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'build':
        return await build(rest, io);
      case 'list':
        return await list(rest, io);
      case 'check':
        return await check(rest, io);
      case 'print':
        return await build(rest, io, 'print');
      case 'printers':
        return await printers(rest, io);
      case '--version':
      case '-v':
        io.out(readVersion());
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP.main!);
        return command === undefined ? 2 : 0;
      default:
        throw usage(`unknown command "${command}"${commandHint(command)}`, 'main');
    }
  } catch (error) {
    return reportError(error, io);
  }
}

async function build(args: string[], io: CliIo, command: 'build' | 'print' = 'build'): Promise<number> {
  const { values, positionals } = parse(args, {
    ...common,
    output: { type: 'string', short: 'o' },
    sections: { type: 'string' },
    template: { type: 'string' },
    title: { type: 'string' },
    subtitle: { type: 'string' },
    author: { type: 'string' },
    audience: { type: 'string' },
    date: { type: 'string' },
    classification: { type: 'string' },
    toc: { type: 'boolean' },
    'no-toc': { type: 'boolean' },
    markup: { type: 'boolean' },
    'max-pages': { type: 'string' },
    'pdf-standard': { type: 'string' },
    field: { type: 'string', multiple: true },
    quiet: { type: 'boolean', short: 'q' },
    ...HANDOUT_FLAGS,
    printer: { type: 'string' },
  }, command);
  if (values.help) return help(io, command);
  if (command === 'build' && values.printer !== undefined) throw usage('--printer is an option of "brief-studio print"', 'build');
  if (command === 'print' && (values.output !== undefined || values.markup)) throw usage('print sends the PDF to a printer: -o and --markup belong to "brief-studio build"', 'print');
  if (positionals.length > 1) throw usage(`expected at most one SPEC file, got ${positionals.length}`, 'build');
  if (values.toc && values['no-toc']) throw usage('--toc and --no-toc contradict each other: give one', command);
  // A file named "-" is never what was meant: that spelling asks for standard output elsewhere.
  if (values.output === '-') throw usage('-o -: the PDF is written to a file; give its name (standard output is not supported)', command);
  assertSeedingBuiltInOnly(values, positionals);

  const specPath = positionals[0] ? resolve(io.cwd, positionals[0]) : undefined;
  // The spec's own paths are relative to its folder; paths on the command line, to the working folder.
  const read = specPath ? await readSpecFile(specPath) : undefined;
  const base = read && specPath ? resolveSpecPaths(read.spec, specPath) : defaultSpec();
  const overridden = applyOverrides(base, {
    title: values.title,
    subtitle: values.subtitle,
    author: values.author,
    audience: values.audience,
    date: values.date,
    classification: values.classification,
    template: values.template && isTemplatePath(values.template) ? resolve(io.cwd, values.template) : values.template,
    sections: values.sections?.split(',').map((s) => s.trim()).filter(Boolean),
    toc: values['no-toc'] ? false : values.toc,
    pdfStandard: parsePdfStandard(values['pdf-standard']),
  });
  const fieldFlags = parseFieldFlags(values.field ?? []);
  const spec = await applyHandoutFlags(fieldFlags.size ? withFieldFlags(overridden, fieldFlags) : overridden, values, io.cwd);

  const templateDirs = existingTemplateFolders((values['templates-dir'] ?? []).map((d) => resolve(io.cwd, d)));
  useBuiltInYamlSeed();
  useBuiltInHyphenationSeed();
  const result = await buildBrief(spec, {
    maxPages: parseMaxPages(values['max-pages']),
    // The spec's folders first, then those on the command line (later ids win).
    sectionDirs: [...(spec.sectionFolders ?? []), ...(values['sections-dir'] ?? []).map((d) => resolve(io.cwd, d))],
    templateDirs,
    // Ids and template named in the spec file are reported at their lines there; those given as flags have no line.
    locate: read && {
      section: values.sections === undefined ? (index) => specSectionLocation(read.source.text, read.source.file, index) : undefined,
      template: values.template === undefined && read.spec.template !== undefined ? specTemplateLocation(read.source.text, read.source.file) : undefined,
      sectionFolder: (dir) => {
        const index = base.sectionFolders?.indexOf(dir) ?? -1;
        return index < 0 ? undefined : specSectionFolderLocation(read.source.text, read.source.file, index);
      },
    },
    fieldSources: { specFile: specPath, commandLineFields: [...fieldFlags.keys()] },
    // Each run is a fresh process: the built-in content comes pre-shaped (see
    // shaping-disk-cache.ts); the user's own words are shaped in memory only.
    shaping: shapingCache(),
  }).catch((error: unknown) => {
    throw values.sections === undefined ? error : atSectionsFlag(error);
  });
  saveHyphenationSeed();
  printWarnings([...result.warnings, ...(await brokenTemplates(templateDirs)), ...unusedSectionFolders(values['sections-dir'] ?? [], io.cwd, spec.sections)], io);
  if (values.markup) {
    io.out(result.markup);
    return 0;
  }
  if (command === 'print') {
    // Loaded only to print: pdf-lib stays out of every build's start-up.
    const { printPdf } = await import('./print/print-pdf.js');
    const job = await printPdf(result.pdf, { printer: values.printer, layout: spec.options.handout?.layout });
    if (!values.quiet) io.err(`Sent ${job.sheets} sheet side${job.sheets === 1 ? '' : 's'} to ${job.printer} (job ${job.jobId}).`);
    if (job.waiting) io.err(`warning[PRINTER_PAUSED]: ${job.waiting}`);
    return 0;
  }
  const output = resolve(io.cwd, values.output ?? defaultOutput(positionals[0]));
  const inputs = { files: [...(specPath ? [specPath] : []), ...result.inputs.files], folders: result.inputs.folders };
  await writeFileAtomic(output, result.pdf, { inputs });
  if (!values.quiet) {
    const sheets = spec.options.handout ? `, ${result.sheetCount} sheet side${result.sheetCount === 1 ? '' : 's'} as ${spec.options.handout.layout}` : '';
    io.err(`Wrote ${output} (${result.pageCount} page${result.pageCount === 1 ? '' : 's'}${sheets}, ${spec.sections.length} section${spec.sections.length === 1 ? '' : 's'}, template ${spec.template}).`);
  }
  return 0;
}

async function printers(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { help: common.help, json: { type: 'boolean' } }, 'printers');
  if (values.help) return help(io, 'printers');
  if (positionals.length > 0) throw usage(`unexpected argument "${positionals[0]}"`, 'printers');
  // Loaded only to list printers: child_process stays out of every build's start-up.
  const { listPrinters } = await import('./print/printers.js');
  const found = await listPrinters();
  if (values.json) io.out(JSON.stringify(found, null, 2));
  else if (found.printers.length === 0) io.err('No printers are set up.');
  else io.out(table(found.printers.map((p) => [p.name, p.isDefault ? '(default)' : '', p.accepting ? p.state : `${p.state}, not accepting jobs`])));
  return 0;
}

/** Built-in YAML comes parsed (yaml-seed.ts); install time only records it. */
function useBuiltInYamlSeed(env: NodeJS.ProcessEnv = process.env): void {
  const seedOut = env.BRIEF_STUDIO_WRITE_YAML_SEED;
  if (seedOut) recordYamlSeed(resolve(seedOut));
  else if (env.BRIEF_STUDIO_CACHE_DIR !== 'off') useYamlSeed(yamlSeedFile());
  else disableYamlSeed();
}

/** The built-in sections' words come hyphenated (hyphenation.ts); install time only records them. */
function useBuiltInHyphenationSeed(env: NodeJS.ProcessEnv = process.env): void {
  const seedOut = env.BRIEF_STUDIO_WRITE_HYPHENATION_SEED;
  if (seedOut) recordHyphenationSeed(resolve(seedOut));
  else if (env.BRIEF_STUDIO_CACHE_DIR !== 'off') useHyphenationSeed(hyphenationSeedFile());
  else disableHyphenationSeed();
}

/** The seeds record what a build shapes, breaks and parses: while one is being recorded (install time), only built-in content may be built. */
const SEED_RECORDING = ['BRIEF_STUDIO_WRITE_SHAPING_SEED', 'BRIEF_STUDIO_WRITE_YAML_SEED', 'BRIEF_STUDIO_WRITE_HYPHENATION_SEED'];
const USER_CONTENT_FLAGS = ['sections-dir', 'templates-dir', 'title', 'subtitle', 'author', 'audience', 'classification', 'field'];

function assertSeedingBuiltInOnly(values: Record<string, unknown>, positionals: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const recording = SEED_RECORDING.filter((name) => env[name]);
  if (recording.length === 0) return;
  const given = [...(positionals.length > 0 ? ['a SPEC file'] : []), ...USER_CONTENT_FLAGS.filter((flag) => values[flag] !== undefined).map((flag) => `--${flag}`)];
  if (typeof values.template === 'string' && isTemplatePath(values.template)) given.push('a template folder');
  if (given.length > 0) throw usage(`${recording.join(', ')} records built-in content into the shipped seeds (install time only); ${given.join(', ')} would put your own text there. Unset it to build your brief.`, 'build');
}

function shapingCache(env: NodeJS.ProcessEnv = process.env): ShapingCache {
  // Install time only (scripts/build-cli.mjs): shape the built-in content into the shipped seed.
  const seedOut = env.BRIEF_STUDIO_WRITE_SHAPING_SEED;
  if (seedOut) return { recordDir: resolve(seedOut) };
  removeLegacyShapingCache(userCacheDir(env));
  return { seedDirs: env.BRIEF_STUDIO_CACHE_DIR !== 'off' ? [shapingSeedDir()] : [] };
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...common, json: { type: 'boolean' } }, 'list');
  if (values.help) return help(io, 'list');
  const what = positionals[0];
  const dirs = (key: 'sections-dir' | 'templates-dir'): string[] => (values[key] ?? []).map((d) => resolve(io.cwd, d));
  if (what === 'sections') {
    const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: dirs('sections-dir') });
    printWarnings(library.warnings, io);
    const rows = library.order.map((id) => library.sections.get(id)!).map((s) => ({ id: s.id, title: s.title, summary: s.summary, tags: s.tags, builtIn: s.builtIn, file: s.file }));
    if (values.json) io.out(JSON.stringify(rows, null, 2));
    else io.out(table(rows.map((r) => [r.id, r.title, r.builtIn ? '' : '(yours)'])));
    return 0;
  }
  if (what === 'templates') {
    const listing = await listTemplates({ builtInDir: builtInTemplatesDir(), userDirs: existingTemplateFolders(dirs('templates-dir')) });
    for (const problem of listing.problems) io.err(`warning[TEMPLATE]: ${problem.describe()}`);
    const templates = await listedTemplates(listing.templates);
    for (const t of templates) {
      if (t.unusable) io.err(`warning[TEMPLATE]: ${formatLocation(t.unusable.location) || t.dir}: the template "${t.id}" cannot be used until this is fixed: ${t.unusable.message}`);
    }
    if (values.json) io.out(JSON.stringify(templates, null, 2));
    else io.out(table(templates.map((t) => [t.id, t.name, templateNote(t)])));
    return 0;
  }
  throw usage(what ? `cannot list "${what}" (sections or templates)` : 'say what to list: sections or templates', 'list');
}

type ListedTemplate = TemplateSummary & { replacesBuiltIn?: true; unusable?: BriefErrorData };

/**
 * One entry per id, the one a build uses: a folder of yours named like a
 * built-in template replaces it. Yours are compiled, so one a build would
 * stop at says why (the built-in ones ship checked).
 */
async function listedTemplates(all: TemplateSummary[]): Promise<ListedTemplate[]> {
  const used = all.filter((t, index) => all.findIndex((other) => other.id === t.id) === index);
  return Promise.all(
    used.map(async (t): Promise<ListedTemplate> => {
      if (t.builtIn) return t;
      const replacesBuiltIn = all.some((other) => other.id === t.id && other.builtIn);
      const problem = await whyTemplateUnusable(t.dir);
      return { ...t, ...(replacesBuiltIn ? { replacesBuiltIn: true } : {}), ...(problem ? { unusable: toErrorData(problem) } : {}) };
    }),
  );
}

/** The description, and for one of yours what sets it apart: whether it replaces a built-in one, why it cannot be used (file:line in its folder). */
function templateNote(t: ListedTemplate): string {
  if (t.builtIn) return t.description;
  const yours = `${t.description} (yours${t.replacesBuiltIn ? ', used instead of the built-in one' : ''})`;
  if (!t.unusable) return yours;
  const where = t.unusable.location && formatLocation({ ...t.unusable.location, file: relative(realFolder(t.dir), t.unusable.location.file) || t.id });
  return `${yours}; cannot be used: ${where ? `${where}: ` : ''}${t.unusable.message.split('\n')[0]}`;
}

function realFolder(dir: string): string {
  try {
    return diskFiles.realpathSync(dir);
  } catch {
    return dir;
  }
}

async function check(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { help: common.help }, 'check');
  if (values.help) return help(io, 'check');
  if (positionals.length !== 1) throw usage('expected one TEMPLATE_DIR', 'check');
  const diagnostics = await checkTemplate(templateToCheck(positionals[0]!, io.cwd));
  for (const d of diagnostics) {
    const where = formatLocation(d.location);
    io.err(`${where ? `${where}: ` : ''}${d.severity}[${d.code}]: ${d.message}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors === 0) io.err(`Template OK${diagnostics.length ? ` (${diagnostics.length} warning${diagnostics.length === 1 ? '' : 's'})` : ''}.`);
  return errors === 0 ? 0 : 2;
}

/**
 * The id of a built-in template (`check memo`) as `build --template` reads it,
 * even with a folder of that name here; any other name is a folder (`./memo`
 * checks the folder).
 */
function templateToCheck(given: string, cwd: string): string {
  const path = resolve(cwd, given);
  if (isTemplatePath(given) || !isTemplateId(given)) return path;
  const builtIn = join(builtInTemplatesDir(), given);
  return existsSync(builtIn) ? builtIn : path;
}

interface Overrides {
  title?: string;
  subtitle?: string;
  author?: string;
  audience?: string;
  date?: string;
  classification?: string;
  template?: string;
  sections?: string[];
  toc?: boolean;
  pdfStandard?: PdfStandard;
}

function parsePdfStandard(value: string | undefined): PdfStandard | undefined {
  if (value === undefined) return undefined;
  const match = PDF_STANDARDS.find((standard) => standard.toLowerCase() === value.trim().toLowerCase());
  if (match) return match;
  throw new BriefError('SPEC_INVALID', `--pdf-standard: expected one of ${PDF_STANDARDS.join(', ')}, got "${value}"`, { location: { file: 'command line' } });
}

/** Command-line values win over the spec; the result is validated like a spec file. */
function applyOverrides(spec: BriefSpec, o: Overrides): BriefSpec {
  const merged = {
    ...spec,
    ...definedOnly({ title: o.title, subtitle: o.subtitle, author: o.author, audience: o.audience, date: o.date, classification: o.classification, template: o.template, sections: o.sections }),
    options: { ...spec.options, ...definedOnly({ toc: o.toc, pdfStandard: o.pdfStandard }) },
  };
  const result = briefSpecSchema.safeParse(merged);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const flag = `--${String(issue.path[0] ?? 'options')}`;
  // Repeat what was typed, as the other flags' errors do.
  const given = (o as Record<string, unknown>)[String(issue.path[0])];
  const got = typeof given === 'string' && given !== '' ? `, got "${given}"` : '';
  throw new BriefError('SPEC_INVALID', `${flag}: ${describeIssue({ ...issue, path: [] })}${got}`, { location: { file: 'command line' } });
}

/** `--field name=value`, repeatable; the value is text (people separated by `;`). */
function parseFieldFlags(flags: string[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const flag of flags) {
    const match = /^([A-Za-z][A-Za-z0-9_]*)=([\s\S]*)$/.exec(flag);
    if (!match) throw new BriefError('SPEC_INVALID', `--field: expected name=value (a name of letters, digits and underscores), got "${flag}"`, { location: { file: 'command line' } });
    fields.set(match[1]!, match[2]!);
  }
  return fields;
}

/** Command-line fields win over the spec's (the engine splits a people field's text at `;`). */
function withFieldFlags(spec: BriefSpec, flags: Map<string, string>): BriefSpec {
  return { ...spec, fields: { ...spec.fields, ...Object.fromEntries(flags) } };
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage(parseArgsProblem(error, Object.keys(options)), command);
  }
}

/** Node's parseArgs messages, said for this command line: an unknown option with the one meant, a value that starts with a dash. */
function parseArgsProblem(error: unknown, known: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const meant = option.startsWith('--') ? closestName(option.slice(2).split('=')[0]!, known) : undefined;
    return `unknown option ${option}${meant ? `; did you mean --${meant}?` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option && /ambiguous/.test(message)) {
    return `${option} needs a value; a value that starts with a dash is written ${option}=<value>`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option && /argument missing/.test(message)) return `${option.replace(/ <value>$/, '')} needs a value`;
  return message;
}

class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
  }
}

const usage = (message: string, command: string): UsageError => new UsageError(message, command);

function help(io: CliIo, command: string): number {
  io.out(HELP[command]!);
  return 0;
}

const COMMANDS = ['build', 'list', 'check', 'print', 'printers'];

/** " (did you mean "build"?)" for a mistyped command, or "". */
/** What lists are called: "brief-studio sections" is "brief-studio list sections". */
const LISTS = ['sections', 'templates'];

function commandHint(command: string): string {
  const list = closestName(command, LISTS);
  if (list) return `; did you mean "list ${list}"?`;
  const best = closestName(command, COMMANDS);
  return best ? `; did you mean "${best}"?` : '';
}

/** An id given with --sections is wrong on the command line, not in a field of a spec ("sections.0"). */
function atSectionsFlag(error: unknown): unknown {
  if (!(error instanceof BriefError) || !everyProblem(error).some((problem) => problem instanceof BriefError && problem.field?.startsWith('sections.'))) return error;
  const [first, ...others] = everyProblem(error).map((problem) => {
    if (!(problem instanceof BriefError) || !problem.field?.startsWith('sections.')) return problem;
    const item = Number(problem.field.slice('sections.'.length)) + 1;
    return new BriefError(problem.code, `--sections, item ${item}: ${problem.message}`, { location: { file: 'command line' }, cause: problem });
  });
  return Object.assign(first as BriefError, { others });
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    // USAGE is the CLI's own code (the engine never raises it): scripts can tell a mistyped command from bad input files.
    io.err(`brief-studio: error[USAGE]: ${error.message}\nRun "brief-studio ${error.command === 'main' ? '' : `${error.command} `}--help" for usage.`);
    return 2;
  }
  if (error instanceof BriefError) {
    // A file's every problem at once (YAML checks find them together), not one per run.
    for (const problem of everyProblem(error)) if (problem instanceof BriefError) io.err(`error[${problem.code}]: ${problem.describe()}`);
    return SPOOLER_FAILURE_CODES.includes(error.code) ? 1 : 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`brief-studio: unexpected error: ${message}`);
  if (process.env.BRIEF_STUDIO_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
  return 1;
}

/**
 * Template folders named on the command line must be folders: the engine
 * passes over a missing one (the app's own folder may not exist yet), but a
 * mistyped --templates-dir would otherwise build with the built-in templates
 * and say nothing. (Section folders are checked by the engine.)
 */
function existingTemplateFolders(dirs: string[]): string[] {
  for (const dir of dirs) {
    try {
      diskFiles.listFolderSync(dir);
    } catch (error) {
      throw unreadableFolderError('template folder', dir, error);
    }
  }
  return dirs;
}

/** Templates in the user's folders that cannot be read: not used by this brief (it built), but worth a word. */
async function brokenTemplates(userDirs: string[]): Promise<BriefWarning[]> {
  if (!userDirs.length) return [];
  const { problems } = await listTemplates({ builtInDir: builtInTemplatesDir(), userDirs });
  return problems.map((p) => ({ code: 'TEMPLATE', message: `a template that cannot be used until this is fixed: ${p.message}`, location: p.location }));
}

/**
 * A --sections-dir folder none of whose sections is in the brief: most likely
 * the sections were meant to be named with --sections (without it the default
 * brief's are built), so say so rather than build a brief without them.
 */
function unusedSectionFolders(dirs: readonly string[], cwd: string, used: readonly string[]): BriefWarning[] {
  return dirs.flatMap((dir) => {
    let ids: string[];
    try {
      // As the library reads a folder: <id>.md files, hidden ones left out.
      ids = readdirSync(resolve(cwd, dir))
        .filter((name) => name.endsWith('.md') && !name.startsWith('.'))
        .map((name) => name.slice(0, -3))
        .sort();
    } catch {
      return []; // a missing folder is reported where sections are loaded
    }
    if (ids.length === 0 || ids.some((id) => used.includes(id))) return [];
    const some = ids.slice(0, 3).join(', ');
    return [
      {
        code: 'SECTIONS_UNUSED' as const,
        message: `--sections-dir ${dir}: none of its sections (${some}${ids.length > 3 ? ', …' : ''}) is in the brief, whose sections are ${used.join(', ')}; add the ones you want to --sections (or to the spec's sections:)`,
        location: { file: 'command line' },
      },
    ];
  });
}

function printWarnings(warnings: BriefWarning[], io: CliIo): void {
  for (const w of warnings) {
    const where = formatLocation(w.location);
    io.err(`warning[${w.code}]: ${where ? `${where}: ` : ''}${w.message}`);
  }
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function parseMaxPages(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const pages = Number(value);
  if (!Number.isInteger(pages) || pages < 1 || pages > 100_000) {
    throw new BriefError('SPEC_INVALID', `--max-pages: expected a whole number of pages from 1 to 100000, got "${value}"`, { location: { file: 'command line' } });
  }
  return pages;
}

function defaultOutput(specArg: string | undefined): string {
  if (!specArg) return 'brief.pdf';
  return specArg.replace(/\\/g, '/').split('/').pop()!.replace(/(\.brief)?\.ya?ml$/i, '') + '.pdf';
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(resourceRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
