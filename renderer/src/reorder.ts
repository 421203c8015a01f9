/** Pure list moves behind drag-and-drop and keyboard reordering. */

/** A copy of `items` with the item at `from` moved to index `to` (clamped). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved as T);
  return out;
}

/** Move `id` so it lands just before `beforeId` (or at the end when undefined). */
export function moveBefore<T>(items: readonly T[], id: T, beforeId: T | undefined): T[] {
  if (id === beforeId) return [...items];
  const rest = items.filter((item) => item !== id);
  const index = beforeId === undefined ? rest.length : rest.indexOf(beforeId);
  rest.splice(index < 0 ? rest.length : index, 0, id);
  return rest;
}
