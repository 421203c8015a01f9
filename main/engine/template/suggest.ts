/** "Did you mean …?" for a misspelt name: the closest known name within a small edit distance. */

export function closestName(name: string, known: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Allow about one slip per three letters, at most three; a name of one or two letters only differs in case.
  const allowed = name.length < 3 ? 0 : Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  if (best !== undefined && best !== name && bestDistance <= allowed) return best;
  // A name cut short ("prio" for "priority").
  const prefixed = name.length >= 3 ? known.filter((candidate) => candidate.toLowerCase().startsWith(wanted)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** " (did you mean `x`?)" or "". */
export function didYouMean(name: string, known: readonly string[]): string {
  const best = closestName(name, known);
  return best === undefined ? '' : ` (did you mean \`${best}\`?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
