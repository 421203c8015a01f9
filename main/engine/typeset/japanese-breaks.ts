/**
 * Where a line may break inside Chinese and Japanese text: the Unicode line
 * breaking algorithm (UAX #14, the `linebreak` package PDFKit also uses),
 * narrowed by the kinsoku rules of JIS X 4051 — no line starts with small
 * kana, the prolonged sound mark, an iteration mark, closing brackets or
 * 。、 and the like; no line ends with an opening bracket. Latin words inside
 * Japanese text keep their own rules (spaces, hyphens: line-breaker.ts).
 */
import LineBreaker from 'linebreak';

/** JIS X 4051 characters not to start a line (行頭禁則). */
const NO_LINE_START = new Set(
  Array.from(
    // Closing brackets and quotes; full stops and commas; middle dots, colons, marks; iteration marks; prolonged sound mark; small kana.
    '）」』】〕〉》〙〗｝］〟’”)]}' + '。、，．,.' + '・：；？！‼⁇⁈⁉:;?!' + '々〻ゝゞヽヾ' + 'ー' + 'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ' + '゛゜',
    (c) => c.codePointAt(0) as number,
  ),
);
/** JIS X 4051 characters not to end a line (行末禁則): opening brackets and quotes. */
const NO_LINE_END = new Set(Array.from('（「『【〔〈《〘〖｛［〝‘“([{', (c) => c.codePointAt(0) as number));

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u{20000}-\u{3ffff}]/u;

export function isCjk(cp: number): boolean {
  return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x20000 && cp <= 0x3ffff);
}

/** Whether JIS X 4051 forbids a line break between these two characters. */
export function kinsokuForbids(before: number, after: number): boolean {
  return NO_LINE_START.has(after) || NO_LINE_END.has(before);
}

/** Break opportunities in one paragraph's text, by UTF-16 offset (a line may start there). */
export class CjkBreaks {
  private opportunities: Set<number> | undefined;

  constructor(private readonly text: string) {}

  /** Only text with Chinese or Japanese in it needs the algorithm at all. */
  static for(text: string): CjkBreaks | undefined {
    return CJK.test(text) ? new CjkBreaks(text) : undefined;
  }

  /** May a line start at `offset` (between the character before it and the one at it)? */
  allows(offset: number): boolean {
    if (offset <= 0 || offset >= this.text.length) return false;
    this.opportunities ??= this.compute();
    return this.opportunities.has(offset);
  }

  private compute(): Set<number> {
    const out = new Set<number>();
    const breaker = new LineBreaker(this.text);
    for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
      const at = found.position;
      if (at <= 0 || at >= this.text.length) continue;
      const after = this.text.codePointAt(at) as number;
      const before = codePointBefore(this.text, at);
      if (!kinsokuForbids(before, after)) out.add(at);
    }
    return out;
  }
}

function codePointBefore(text: string, offset: number): number {
  const low = text.charCodeAt(offset - 1);
  if (offset >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(offset - 2) as number;
  }
  return low;
}
