/**
 * The faces a template names: family + weight/slant → a fontkit Font (parsed
 * once per process) → a Face. Faces are created on first use, so the 5 MB
 * Japanese font is only read when a text has a character the earlier
 * families lack.
 *
 * A Face belongs to no document: it is the same object in every render, so
 * what layout makes from it (spans, lines, flow items) can be kept from one
 * render to the next (block-memo.ts). Measuring goes through a font of the
 * process's own; a document embeds a font when it first draws with it
 * (document-fonts.ts), so its fonts are numbered in drawing order whatever
 * layout reused.
 */
import type { Font } from 'fontkit';
import type { BriefWarning } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import type { TemplateManifest } from '../template-manifest.js';
import { BUILT_IN_FAMILIES, builtInFontPath, fileForVariant, loadFontFile, type FaceVariant, type FamilyFiles } from './font-files.js';
import { measuringFont } from './document-fonts.js';
import type { EmbeddedFont } from './pdfkit-internals.js';

export interface Face {
  readonly family: string;
  readonly font: Font;
  /** The process's own embedded font for `font`, for measuring only (a document draws with its own). */
  readonly measurer: EmbeddedFont;
  /** Ascender and descender in 1000 units per em (descender negative). */
  readonly ascender: number;
  readonly descender: number;
}

const DEFAULT_FAMILY = 'serif';

export class FontBook {
  private readonly faces = new Map<string, Face>();
  private readonly chains = new Map<string, string[]>();
  private readonly warnedFamilies = new Set<string>();

  constructor(
    private readonly manifest: TemplateManifest,
    private readonly resolveAsset: (relativePath: string) => string,
    private readonly warnings: BriefWarning[],
    /** Where a template's own font files are read from; the built-in fonts ship with the app. */
    private readonly files: FileProvider = diskFiles,
    /** Told each time a family that is not there is asked for (warned about once). */
    private readonly onUnknownFamily: () => void = () => {},
  ) {}

  /** The face for a family; unknown families fall back to serif with one warning. */
  face(family: string, bold: boolean, italic: boolean): Face {
    const known = this.knownFamily(family);
    const variant: FaceVariant = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
    const key = `${known}/${variant}`;
    let face = this.faces.get(key);
    if (!face) {
      face = sharedFace(known, this.loadFamilyFont(known, variant));
      this.faces.set(key, face);
    }
    return face;
  }

  /** Families tried in order for a character: the chosen one, then the manifest's fallbacks. */
  fallbackChain(family: string): readonly string[] {
    const known = this.knownFamily(family);
    let chain = this.chains.get(known);
    if (!chain) {
      chain = [known];
      for (const name of this.manifest.fonts.fallback) {
        const fallback = this.knownFamily(name);
        if (!chain.includes(fallback)) chain.push(fallback);
      }
      this.chains.set(known, chain);
    }
    return chain;
  }

  hasFamily(name: string): boolean {
    return name in this.manifest.fonts.families || name in BUILT_IN_FAMILIES;
  }

  private knownFamily(name: string): string {
    if (this.hasFamily(name)) return name;
    this.onUnknownFamily();
    if (!this.warnedFamilies.has(name)) {
      this.warnedFamilies.add(name);
      this.warnings.push({
        code: 'TEMPLATE',
        message: `The font family "${name}" is neither built in (serif, sans, jp, mono) nor declared under fonts.families; serif is used instead.`,
      });
    }
    return DEFAULT_FAMILY;
  }

  private loadFamilyFont(family: string, variant: FaceVariant): Font {
    const templateFiles: FamilyFiles | undefined = this.manifest.fonts.families[family];
    if (templateFiles) return loadFontFile(this.resolveAsset(fileForVariant(templateFiles, variant)), { prove: true, files: this.files });
    const builtIn = BUILT_IN_FAMILIES[family] as FamilyFiles;
    return loadFontFile(builtInFontPath(fileForVariant(builtIn, variant)));
  }
}

/** One Face per family name and font for the whole process. */
const sharedFaces = new WeakMap<Font, Map<string, Face>>();

function sharedFace(family: string, font: Font): Face {
  let byFamily = sharedFaces.get(font);
  if (!byFamily) sharedFaces.set(font, (byFamily = new Map<string, Face>()));
  let face = byFamily.get(family);
  if (!face) {
    const measurer = measuringFont(font);
    face = { family, font, measurer, ascender: measurer.ascender, descender: measurer.descender };
    byFamily.set(family, face);
  }
  return face;
}
