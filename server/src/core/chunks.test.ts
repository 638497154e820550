import { chunks } from './chunks';

describe('chunks', () => {
  it('splits into pieces of the given size, the last one shorter', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gives one piece when everything fits', () => {
    expect(chunks([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
    expect(chunks([1, 2, 3], 500)).toEqual([[1, 2, 3]]);
  });

  it('gives no piece for no items', () => expect(chunks([], 100)).toEqual([]));

  it('keeps order and loses nothing at the kintone PUT size', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    const pieces = chunks(items, 100);
    expect(pieces.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(pieces.flat()).toEqual(items);
  });

  it('does not change its input', () => {
    const items = [1, 2, 3];
    chunks(items, 2);
    expect(items).toEqual([1, 2, 3]);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the size %p', (size) => {
    expect(() => chunks([1], size)).toThrow('chunk size must be a positive integer');
  });
});
