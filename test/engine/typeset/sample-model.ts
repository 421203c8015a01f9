/**
 * Hand-built document models for the typesetter's tests and benchmark (no
 * markup parser, no templates: those are tested on their own).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { BriefError } from '../../../main/engine/errors.js';
import type { Block, DocumentInfo, DocumentModel, Inline } from '../../../main/engine/model.js';
import { templateManifestSchema, type TemplateManifest, type TemplateManifestInput } from '../../../main/engine/template-manifest.js';
import type { TypesetInput } from '../../../main/engine/typeset/index.js';

export const SAMPLE_INFO: DocumentInfo = {
  title: 'U.S.–Japan Alliance: Space, Counterstrike and Force Posture',
  subtitle: 'Background brief for the January 2023 summit',
  author: 'Policy Planning Staff',
  subject: 'Background brief for the January 2023 summit',
  keywords: ['Japan', 'alliance', 'space'],
  date: '2023-01-13',
  classification: 'UNCLASSIFIED',
  lang: 'en-US',
};

export function manifest(input: Partial<TemplateManifestInput> = {}): TemplateManifest {
  return templateManifestSchema.parse({ name: 'Test', ...input });
}

export const text = (t: string): Inline => ({ text: t });
export const para = (...runs: (Inline | string)[]): Block => ({ type: 'paragraph', runs: runs.map((r) => (typeof r === 'string' ? text(r) : r)) });
export const heading = (level: 1 | 2 | 3, title: string, id: string, outline?: boolean): Block => ({
  type: 'heading',
  level,
  runs: [text(title)],
  id,
  ...(outline === false ? { outline } : {}),
});
export const bullets = (...items: (string | Block[])[]): Block => ({
  type: 'list',
  ordered: false,
  start: 1,
  items: items.map((item) => (typeof item === 'string' ? [para(item)] : item)),
});
export const numbered = (...items: (string | Block[])[]): Block => ({ ...(bullets(...items) as Extract<Block, { type: 'list' }>), ordered: true });

/** A paragraph of `words` words of plain prose (deterministic). */
export function prose(words: number, seed = 1): string {
  const vocabulary = (
    'alliance defense posture deterrence counterstrike capability framework agreement treaty cooperation ministers ' +
    'summit strategy budget modernization missile space orbit lunar security region partners commitment forces ' +
    'Okinawa Marine regiment intelligence surveillance reconnaissance hypersonic research development supply meeting'
  ).split(' ');
  const out: string[] = [];
  let state = seed * 7919;
  for (let i = 0; i < words; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out.push(vocabulary[state % vocabulary.length] as string);
  }
  const sentence = out.join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** An RGB PNG drawn by a function of the pixel. */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 255] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const at = y * (width * 3 + 1) + 1 + x * 3;
      raw[at] = r;
      raw[at + 1] = g;
      raw[at + 2] = b;
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A template folder with a chart image, and a resolveAsset confined to it. */
export function sampleTemplateDir(): { dir: string; resolveAsset: (path: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'typeset-template-'));
  mkdirSync(join(dir, 'images'));
  const bars = [0.35, 0.55, 0.8, 0.62, 0.9];
  writeFileSync(
    join(dir, 'images', 'chart.png'),
    makePng(400, 160, (x, y) => {
      const bar = Math.floor(x / 80);
      const inBar = x % 80 > 14 && x % 80 < 66 && y > 160 * (1 - (bars[bar] as number)) && y < 152;
      if (y >= 152 && y < 154) return [90, 100, 115];
      return inBar ? [31, 58, 95] : [255, 255, 255];
    }),
  );
  const resolveAsset = (path: string) => {
    const absolute = resolve(dir, path);
    const inside = relative(dir, absolute);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new BriefError('TEMPLATE_CONFINEMENT', `The template refers to "${path}", outside its own folder.`);
    }
    return absolute;
  };
  return { dir, resolveAsset };
}

/** Every block type, about four Letter pages with default margins. */
export function sampleModel(): DocumentModel {
  return {
    blocks: [
      { type: 'paragraph', style: 'title', runs: [text(SAMPLE_INFO.title)] },
      { type: 'paragraph', style: 'subtitle', runs: [text(SAMPLE_INFO.subtitle as string)] },
      { type: 'paragraph', style: 'meta', runs: [{ text: 'Prepared for: ', bold: true }, text('Meeting participants')] },
      { type: 'paragraph', style: 'meta', runs: [{ text: 'Date: ', bold: true }, text('13 January 2023')] },
      { type: 'rule' },
      {
        type: 'callout',
        kind: 'bluf',
        title: 'Bottom line up front',
        blocks: [
          bullets(
            [para({ text: 'Space. ', bold: true }, 'A new framework agreement extends Article 5 of the Security Treaty to attacks to, from and within outer space.')],
            [para({ text: 'Counterstrike. ', bold: true }, 'Japan will acquire conventional long-range missiles; talks on co-development start this year.')],
            [para({ text: 'Force posture. ', bold: true }, 'The Marine regiment on Okinawa becomes a littoral regiment by 2025.')],
          ),
        ],
      },
      { type: 'toc', title: 'Contents' },
      {
        type: 'section',
        id: 'space-agreement',
        blocks: [
          heading(1, 'Space agreement', 'space-agreement'),
          para(
            'Leaders from Japan and the United States capped off the busy week with the signing of a new space agreement that recognizes the two nations’ mutual interest in peaceful space exploration and use of the moon and other celestial bodies. ',
            { text: 'The U.S.–Japan Space Cooperation Framework Agreement', italic: true },
            ' is designed to preserve and encourage the safe and responsible conduct of outer-space activities in Earth’s orbit, on the moon, and beyond.',
          ),
          para(
            'Notably, the agreement clarifies that attacks to, from, and within outer space could invoke ',
            { text: 'Article 5', bold: true },
            ' of the U.S.–Japan Security Treaty. Prime Minister Fumio Kishida (岸田文雄) called it a historic step. See ',
            { text: 'the force posture section', href: '#force-posture' },
            ' and the ',
            { text: 'NASA statement', href: 'https://www.nasa.gov/' },
            ' for details.',
          ),
          {
            type: 'quote',
            blocks: [
              para(
                'In this era of space exploration, every announcement and advancement is not an achievement for just a single country. It is a victory for all of humanity, and that is how the U.S. chooses to lead this effort with Japan and others in the 21st century.',
              ),
            ],
            attribution: [text('Bill Nelson, NASA Administrator, 13 January 2023')],
          },
          heading(2, 'Key provisions', 'key-provisions'),
          numbered('Joint research on lunar exploration and the Artemis program.', [
            para('Data sharing on space situational awareness, including:'),
            bullets('orbital debris tracking;', 'early warning of threats to satellites;', [
              para('coordination with partners:'),
              bullets('Australia', 'United Kingdom'),
            ]),
          ], 'A standing consultation mechanism between ministries.'),
          para(prose(140, 2)),
          { type: 'image', src: 'images/chart.png', alt: 'Defense spending as a share of GDP, 2019–2027', width: 300 },
          para({ text: 'Figure 1. ', bold: true }, 'Illustrative defense-spending path (share of GDP).'),
        ],
      },
      {
        type: 'section',
        id: 'counterstrike-capability',
        blocks: [
          heading(1, 'Counterstrike capability', 'counterstrike'),
          para(
            'Since the conclusion of World War II, Japan’s constitution has limited its military to an exclusive self-defense capacity. The newly increased budget and assistance from the United States will now see Japan acquire conventional counterstrike capabilities designed to defend the nation from a foreign missile attack. Such long-range missiles are typically capable of striking targets about 900 to 1,800 miles away.',
          ),
          {
            type: 'callout',
            kind: 'key-facts',
            title: 'Key facts',
            blocks: [
              bullets(
                'Japan plans to double defense spending to 2% of GDP by 2027.',
                'Counterstrike missiles reach roughly 900 to 1,800 miles.',
                'Talks on co-development of long-range missiles begin in 2023.',
              ),
            ],
          },
          {
            type: 'table',
            align: ['left', 'right', 'center'],
            header: [[text('Capability')], [text('Range (miles)')], [text('Status')]],
            rows: [
              [[text('Tomahawk cruise missile')], [text('1,000')], [text('Purchase')]],
              [[text('Upgraded Type 12 anti-ship missile')], [text('620–1,000')], [text('Development')]],
              [[text('Hypersonic glide vehicle')], [text('up to 1,800')], [text('Research')]],
              [[text('Integrated air and missile defense')], [text('—')], [text('Planning')]],
            ],
          },
          para(prose(180, 3)),
          para(prose(120, 4)),
          { type: 'code', text: 'budget.defense  = 43.0 trillion yen (FY2023–FY2027)\nbudget.gdpShare = 2.0 %   # target for 2027' },
        ],
      },
      { type: 'page-break' },
      {
        type: 'section',
        id: 'force-posture',
        blocks: [
          heading(1, 'Force posture', 'force-posture'),
          para(
            'The meeting followed a flurry of activity between the two nations at numerous levels of government, including an overhaul of the U.S.–Japan defense posture which will see an expansion of Japanese forces and a restructuring of U.S. Marine Corps forces on and around Okinawa.',
          ),
          { type: 'space', height: 6 },
          heading(2, 'Talking points', 'talking-points'),
          bullets(
            'We welcome Japan’s historic increase in defense spending.',
            'The littoral regiment strengthens deterrence in the first island chain.',
            'Consultation will continue at every level of government.',
          ),
          para(prose(160, 5)),
          heading(3, 'Sources', 'sources', false),
          { type: 'paragraph', style: 'note', runs: [text('1. The Epoch Times, “Biden, Kishida Expand US–Japan Alliance”, 13 January 2023.')] },
        ],
      },
    ],
  };
}

export function sampleInput(overrides: Partial<TypesetInput> = {}): TypesetInput {
  const template = sampleTemplateDir();
  return {
    model: sampleModel(),
    info: SAMPLE_INFO,
    manifest: manifest({ header: { left: '{title}', right: '{date}', rule: true, skipFirstPage: true }, toc: { enabled: true, depth: 2 } }),
    templateDir: template.dir,
    resolveAsset: template.resolveAsset,
    ...overrides,
  };
}
