/**
 * `brief-studio check DIR` and the template editor's live diagnostics: load
 * the folder, compile every file, fill it with sample briefs, parse the
 * markup it produces and look at what that markup asks for (images, callout
 * kinds, styles). Everything found is reported, errors first.
 */
import { basename, dirname, join } from 'node:path';
import { BriefError } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import { parseMarkup } from '../markup.js';
import type { Block } from '../model.js';
import { builtInSectionsDir } from '../paths.js';
import type { Section } from '../section-schema.js';
import { loadSectionLibrary } from '../sections.js';
import { DEFAULT_STYLES, type TemplateManifest } from '../template-manifest.js';
import { MAIN_FILE, MANIFEST_FILE } from './build-template.js';
import { readCheckedImage } from '../typeset/image-check.js';
import { openSvg } from '../typeset/svg-image.js';
import { buildTemplateContext } from './context.js';
import { errorDiagnostic, type TemplateDiagnostic } from './diagnostics.js';
import { sampleFieldValues } from './fields.js';
import { cachedBuild } from './load-template.js';
import { lineOfText, outputLineOrigin, type TemplateSource } from './output-origin.js';
import { SAMPLE_SECTION, sampleSpecs } from './sample-brief.js';
import { templateImagePath, templateImagePlace } from './template-images.js';

export interface CheckTemplateOptions {
  /** Sections to fill the template with; default: the built-in library. */
  sections?: Section[];
  /** Where the template's files are read from (default: the disk; the editor's unsaved buffers over it in the app). */
  files?: FileProvider;
}

export async function checkTemplate(dir: string, options: CheckTemplateOptions = {}): Promise<TemplateDiagnostic[]> {
  const files = options.files ?? diskFiles;
  if (!present(join(dir, MANIFEST_FILE), files)) {
    return [{ severity: 'error', code: 'TEMPLATE_UNKNOWN', message: notATemplateFolder(dir, files), location: { file: dir } }];
  }
  const build = await cachedBuild(dir, files);
  const diagnostics = [...build.diagnostics];
  if (!build.render || !build.manifest) return diagnostics;

  const sections = options.sections?.length ? options.sections : await builtInSections();
  const mainFile = join(build.root, MAIN_FILE);
  const seen = new Set<string>();
  const add = (diagnostic: TemplateDiagnostic): void => {
    const key = JSON.stringify(diagnostic);
    if (!seen.has(key)) diagnostics.push(diagnostic);
    seen.add(key);
  };

  for (const [index, sample] of sampleSpecs(dirId(build.root), sections).entries()) {
    // The first sample fills every declared field, the second only the required ones.
    const fields = sampleFieldValues(build.manifest.fields, index === 0);
    const context = buildTemplateContext(sample.spec, sample.sections, { id: dirId(build.root), manifest: build.manifest }, fields);
    let markup: string;
    try {
      markup = build.render(context);
    } catch (error) {
      const found = errorDiagnostic(error);
      add({ ...found, message: `${found.message} (while filling in ${sample.label})` });
      continue;
    }
    let blocks: Block[];
    try {
      blocks = parseMarkup(markup, { file: `${mainFile} (output)` }).blocks;
    } catch (error) {
      const found = errorDiagnostic(error);
      const line = found.location?.line;
      // The line of brief.hbs or a partial that wrote it, when one alone could have.
      const origin = line === undefined ? undefined : outputLineOrigin(build.sources ?? [], lineOfText(markup, line));
      add({
        severity: 'error',
        code: found.code,
        message: `The markup this template produces is not valid${line ? ` at output line ${line}` : ''}: ${found.message.replace(/^Brief markup: /, '')}`,
        location: origin ?? { file: mainFile },
      });
      continue;
    }
    for (const found of checkBlocks(blocks, build.root, build.manifest, mainFile, build.sources ?? [], files)) add(found);
  }
  return diagnostics;
}

async function builtInSections(): Promise<Section[]> {
  try {
    const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir() });
    const sections = library.order.map((id) => library.sections.get(id)!).filter(Boolean);
    return sections.length ? sections : [SAMPLE_SECTION];
  } catch {
    return [SAMPLE_SECTION];
  }
}

/** What the produced markup refers to: images in the folder, callout kinds and styles the manifest defines. */
function checkBlocks(blocks: Block[], root: string, manifest: TemplateManifest, file: string, sources: readonly TemplateSource[], files: FileProvider): TemplateDiagnostic[] {
  const found: TemplateDiagnostic[] = [];
  const styles = new Set([...Object.keys(DEFAULT_STYLES), ...Object.keys(manifest.styles)]);
  const visit = (list: Block[]): void => {
    for (const block of list) {
      switch (block.type) {
        case 'image': {
          // Outside the folder or not there: the same located error a build stops with (template-images.ts).
          const place = templateImagePlace(sources, block.src, { file });
          try {
            const path = templateImagePath(root, block.src, place, files);
            // A lying header, a bomb or a pipe is an error here too; an SVG must give its size.
            if (/\.svg$/i.test(path)) openSvg(path, files);
            else readCheckedImage(path, files);
          } catch (error) {
            if (error instanceof BriefError) found.push({ ...errorDiagnostic(error), location: error.location ?? place });
            // Not a PNG or JPEG: a build leaves it out with a warning, and so does the check.
            else found.push({ severity: 'warning', code: 'IMAGE', message: `Image \`${block.src}\` cannot be used: ${error instanceof Error ? error.message : String(error)}.`, location: place });
          }
          break;
        }
        case 'callout':
          if (!(block.kind in manifest.callouts) && !('default' in manifest.callouts)) {
            found.push({ severity: 'warning', code: 'TEMPLATE', message: `Callout kind \`${block.kind}\` has no entry under callouts in ${MANIFEST_FILE}; it gets the default look.`, location: { file } });
          }
          visit(block.blocks);
          break;
        case 'paragraph':
          if (block.style && !styles.has(block.style)) {
            found.push({ severity: 'warning', code: 'TEMPLATE', message: `Style \`${block.style}\` is not defined under styles in ${MANIFEST_FILE}; body text style is used.`, location: { file } });
          }
          break;
        case 'section':
        case 'columns':
        case 'quote':
          visit(block.blocks);
          break;
        case 'list':
          block.items.forEach(visit);
          break;
        default:
          break;
      }
    }
  };
  visit(blocks);
  return found;
}

/** What is at `dir` instead of a template folder: nothing, a file (the template.yaml itself, say), or a folder without one. */
function notATemplateFolder(dir: string, files: FileProvider): string {
  let info;
  try {
    info = files.statSync(dir);
  } catch {
    info = undefined;
  }
  if (!info) return `${dir} does not exist; give the path of a template folder (the one that holds ${MANIFEST_FILE}).`;
  if (!info.isDirectory) return basename(dir) === MANIFEST_FILE ? `give the template's folder (${dirname(dir)}), not its ${MANIFEST_FILE}.` : `${dir} is a file, not a template folder.`;
  return `${dir} is not a template folder: it has no ${MANIFEST_FILE}.`;
}

function present(path: string, files: FileProvider): boolean {
  try {
    return files.statSync(path) !== undefined;
  } catch {
    return false;
  }
}

function dirId(root: string): string {
  return root.split(/[\\/]/).filter(Boolean).pop() ?? 'template';
}
