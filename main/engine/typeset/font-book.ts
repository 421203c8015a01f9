/**
 * The faces one document uses: family + weight/slant → a fontkit Font (parsed
 * once per process) → PDFKit's embedded font for this document. Faces are
 * created on first use, so the 5 MB Japanese font is only read when a text
 * has a character the earlier families lack.
 */
import type { Font } from 'fontkit';
import type { BriefWarning } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';
import type { TemplateManifest } from '../template-manifest.js';
import { BUILT_IN_FAMILIES, builtInFontPath, fileForVariant, loadFontFile, type FaceVariant, type FamilyFiles } from './font-files.js';
import { embeddedFontFor, type DocumentInternals, type EmbeddedFont } from './pdfkit-internals.js';
import { attachShapingMemo } from './shaping-memo.js';
import { useHarfBuzz } from './harfbuzz-shaper.js';
import { useDirectEncode } from './glyph-encode.js';
import { cacheSubset } from './render-caches.js';
import { useLeanSubset } from './lean-subset.js';
import { useStableGlyphIds } from './stable-glyph-ids.js';

export interface Face {
  readonly family: string;
  readonly font: Font;
  readonly embedded: EmbeddedFont;
  /** Ascender and descender in 1000 units per em (descender negative). */
  readonly ascender: number;
  readonly descender: number;
}

const DEFAULT_FAMILY = 'serif';

export class FontBook {
  private readonly faces = new Map<string, Face>();
  private readonly embedded = new Map<Font, EmbeddedFont>();
  private readonly chains = new Map<string, string[]>();
  private readonly warnedFamilies = new Set<string>();

  constructor(
    private readonly doc: DocumentInternals,
    private readonly manifest: TemplateManifest,
    private readonly resolveAsset: (relativePath: string) => string,
    private readonly warnings: BriefWarning[],
    /** Where a template's own font files are read from; the built-in fonts ship with the app. */
    private readonly files: FileProvider = diskFiles,
  ) {}

  /** The face for a family; unknown families fall back to serif with one warning. */
  face(family: string, bold: boolean, italic: boolean): Face {
    const known = this.knownFamily(family);
    const variant: FaceVariant = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
    const key = `${known}/${variant}`;
    let face = this.faces.get(key);
    if (!face) {
      const font = this.loadFamilyFont(known, variant);
      let embedded = this.embedded.get(font);
      if (!embedded) {
        embedded = embeddedFontFor(this.doc, key, font);
        attachShapingMemo(embedded);
        useHarfBuzz(embedded);
        useDirectEncode(embedded);
        cacheSubset(embedded);
        useLeanSubset(embedded);
        useStableGlyphIds(embedded);
        this.embedded.set(font, embedded);
      }
      face = { family: known, font, embedded, ascender: embedded.ascender, descender: embedded.descender };
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
