/** Option parsers shared by the command-line tools (commander). */
import { InvalidArgumentError } from 'commander';

/** A whole number from `min` to `max`, or a clear error naming the range. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `must be a whole number from ${min} up`
          : `must be a whole number from ${min} to ${max}`,
      );
    }
    return n;
  };
}
