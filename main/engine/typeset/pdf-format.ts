/** Number and colour formatting for content-stream operators. */

/** Three decimals are finer than any printer; no exponents, no "-0". */
export function num(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? '0' : String(rounded);
}

const rgbCache = new Map<string, string>();

/** "#1f3a5f" → "0.122 0.227 0.373" (the operands of rg/RG). */
export function rgbOperands(hex: string): string {
  let out = rgbCache.get(hex);
  if (!out) {
    const value = Number.parseInt(hex.slice(1), 16);
    out = `${num(((value >> 16) & 255) / 255)} ${num(((value >> 8) & 255) / 255)} ${num((value & 255) / 255)}`;
    rgbCache.set(hex, out);
  }
  return out;
}

/** Mix a colour with white: `amount` 0 keeps it, 1 gives white (tints for backgrounds). */
export function tint(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const mix = (channel: number) => Math.round(channel + (255 - channel) * amount);
  const r = mix((value >> 16) & 255);
  const g = mix((value >> 8) & 255);
  const b = mix(value & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}
