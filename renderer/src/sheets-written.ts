/** What an exported handout holds, in words: the sheet sides written and the brief's pages on them. */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `sides`: pages of the file written; `pagesOnSheets`: the brief's pages placed on them (all copies), when main said. */
export function describeSheetsWritten(sides: number, pagesOnSheets?: number): string {
  const written = count(sides, 'sheet side', 'sheet sides');
  return pagesOnSheets === undefined ? written : `${written} (${count(pagesOnSheets, 'page', 'pages')} on ${sides === 1 ? 'it' : 'them'})`;
}
