/**
 * One signature per page of a PDF, so the preview can keep the pages an edit
 * did not change instead of drawing them again. A page's signature covers
 * everything its picture depends on: the page object (less /Parent) and,
 * transitively, every object it refers to (content stream, resources, fonts
 * with their embedded subset, images). Equal signatures mean equal pictures.
 *
 * It reads the classic cross-reference table the typesetter writes. A PDF
 * it cannot follow (object streams, a damaged table) gets no signatures,
 * and the preview simply draws every page, as it would without them.
 */
import { createHash } from 'node:crypto';

const decoder = new TextDecoder('latin1');

export function pageSignatures(pdf: Uint8Array): string[] | undefined {
  try {
    return new SignatureReader(pdf).pages();
  } catch {
    return undefined;
  }
}

class SignatureReader {
  private readonly offsets = new Map<number, number>();
  private readonly memo = new Map<number, string>();
  private readonly text: string;

  constructor(private readonly pdf: Uint8Array) {
    this.text = decoder.decode(pdf);
    this.readXref();
  }

  pages(): string[] {
    const trailer = this.text.slice(this.text.lastIndexOf('trailer'));
    const root = ref(trailer, 'Root');
    const pagesRef = ref(this.dictOf(root), 'Pages');
    const out: string[] = [];
    this.collect(pagesRef, out, 0);
    return out;
  }

  private collect(id: number, out: string[], depth: number): void {
    if (depth > 50) throw new Error('page tree too deep');
    const dict = this.dictOf(id);
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
      for (const match of kids.matchAll(/(\d+)\s+0\s+R/g)) this.collect(Number(match[1]), out, depth + 1);
    } else {
      out.push(this.signature(id, new Set(), true));
    }
  }

  /** Hash of an object with each reference replaced by its target's hash (the page's /Parent left out). */
  private signature(id: number, visiting: Set<number>, isPage = false): string {
    const known = this.memo.get(id);
    if (known) return known;
    // A cycle (an outline pointing back at a page) adds nothing to the picture.
    if (visiting.has(id)) return `cycle:${id}`;
    visiting.add(id);
    const { head, stream } = this.object(id);
    let dict = head;
    if (isPage) dict = dict.replace(/\/Parent\s+\d+\s+0\s+R/, '').replace(/\/(Annots|StructParents)\s+(\d+\s+0\s+R|\d+|\[[^\]]*\])/g, '');
    const hash = createHash('sha1');
    hash.update(dict.replace(/(\d+)\s+0\s+R/g, (_m, target: string) => `<${this.signature(Number(target), visiting)}>`));
    if (stream) hash.update(stream);
    const digest = hash.digest('hex');
    visiting.delete(id);
    this.memo.set(id, digest);
    return digest;
  }

  private dictOf(id: number): string {
    return this.object(id).head;
  }

  private object(id: number): { head: string; stream: Uint8Array | undefined } {
    const start = this.offsets.get(id);
    if (start === undefined) throw new Error(`object ${id} is not in the table`);
    const end = this.text.indexOf('endobj', start);
    if (end < 0) throw new Error(`object ${id} does not end`);
    const body = this.text.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    if (streamAt < 0) return { head: body, stream: undefined };
    const dataStart = start + streamAt + body.slice(streamAt).indexOf('\n') + 1;
    const dataEnd = this.text.lastIndexOf('endstream', end);
    return { head: body.slice(0, streamAt), stream: this.pdf.subarray(dataStart, dataEnd) };
  }

  private readXref(): void {
    const at = Number(/startxref\s+(\d+)/.exec(this.text.slice(-100))?.[1]);
    if (!Number.isFinite(at) || !this.text.startsWith('xref', at)) throw new Error('no classic cross-reference table');
    const lines = this.text.slice(at + 4, this.text.indexOf('trailer', at)).trim().split(/\r?\n/);
    let next = 0;
    for (const line of lines) {
      const parts = line.trim().split(/\s+/);
      if (parts.length === 2) next = Number(parts[0]);
      else if (parts.length === 3) {
        if (parts[2] === 'n') this.offsets.set(next, Number(parts[0]));
        next++;
      }
    }
  }
}

function ref(dict: string, key: string): number {
  const match = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  if (!match) throw new Error(`no /${key}`);
  return Number(match[1]);
}
