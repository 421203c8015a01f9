/**
 * Template data is copied and compared as a JSON round trip would carry it,
 * without the round trip: same copies, same equality, same refusals.
 */
import { describe, expect, it } from 'vitest';
import { plainCopy, samePlainData } from '../../../main/engine/template/plain-data.js';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const values: unknown[] = [
  { brief: { title: 'Harbour', subtitle: '', date: '2024-01-01' }, sections: [{ id: 'a', tags: ['x', 'y'], number: 1, body: '# Title\n\nText' }] },
  { missing: undefined, fn: () => 1, sym: Symbol('s'), list: [undefined, () => 1, Symbol('t'), 1, null], nan: Number.NaN, inf: -Infinity, zero: -0 },
  { date: new Date(Date.UTC(2024, 0, 2)), custom: { toJSON: () => ({ shown: true }) }, gone: { toJSON: () => undefined }, boxed: [new String('s'), new Number(2), new Boolean(false)] },
  { map: new Map([['a', 1]]), set: new Set([1]), nested: [[[{ deep: ['x'] }]]], empty: {}, emptyList: [] },
  JSON.parse('{"__proto__": {"polluted": true}, "b": 1}') as unknown,
  Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }),
  'text',
  42,
  null,
];

describe('plain template data', () => {
  it('copies as a JSON round trip does', () => {
    for (const value of values) {
      const copy = plainCopy(value);
      expect(copy).toStrictEqual(roundTrip(value));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(plainCopy({ a: { b: 1 } }))).toBe(Object.prototype);
  });

  it('is the same exactly when the JSON text is the same', () => {
    const variants: unknown[] = [
      ...values,
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { a: 1, b: 2, c: undefined },
      { a: [1, 2] },
      { a: [1, 2, null] },
      { a: [1, 2, undefined] },
      { a: '1' },
      { a: 1 },
      { a: -0 },
      { a: 0 },
      { a: { b: 'body text' } },
      { a: { b: 'body test' } },
    ];
    for (const a of variants) {
      for (const b of variants) {
        expect(samePlainData(plainCopy(a), plainCopy(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(JSON.stringify(a) === JSON.stringify(b));
      }
    }
  });

  it('refuses what JSON refuses', () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(() => plainCopy(cycle)).toThrow(TypeError);
    expect(() => plainCopy({ big: BigInt(1) })).toThrow(TypeError);
  });
});
