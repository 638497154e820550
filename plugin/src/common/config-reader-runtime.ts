/**
 * The building blocks of the record panel's config reader, config-reader.generated.ts, which
 * scripts/plugin/generate-config-reader.ts composes from contract/src/config.ts's configSchema. Each block does what
 * the zod construct of the same name does there — the same value out, the same issues in the same order, with the
 * same paths and messages (the schema's own, else zod's "Invalid input", as zod says it where no locale is loaded) —
 * for the constructs that schema uses and no others, so the panel's bundle carries no schema library.
 * plugin/test/config-reader.test.ts runs both readers over the same inputs.
 */

interface Issue {
  path: PropertyKey[];
  message: string;
  /** zod's `continue`: true lets later checks run; false stops even the length checks. */
  continue?: boolean;
}

interface Payload {
  value: unknown;
  issues: Issue[];
  /** Set by a pipe whose first half failed. */
  aborted?: boolean;
}

export interface Schema {
  run: (payload: Payload) => void;
  /** zod's optin/optout: the key may be absent from the input, and may be left out of the output. */
  optionalIn?: boolean;
  optionalOut?: boolean;
}

export interface Check {
  check: (payload: Payload) => void;
  /** Runs whenever the value has a length (even after another issue), as zod's length checks do. */
  whenHasLength?: boolean;
}

const isObject = (value: unknown): value is Record<PropertyKey, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** zod's wording where the schema gives none and no locale is loaded, as in the panel. */
const newIssue = (message = 'Invalid input', goOn?: boolean): Issue => ({ path: [], message, continue: goOn });

const aborted = (payload: Payload, from = 0) =>
  payload.aborted === true || payload.issues.slice(from).some((issue) => issue.continue !== true);

function withChecks(parse: (payload: Payload) => void, checks: Check[]): Schema {
  return {
    run(payload) {
      parse(payload);
      let stopped = aborted(payload);
      for (const { check, whenHasLength } of checks) {
        if (whenHasLength) {
          const value = payload.value as { length?: unknown } | null | undefined;
          const explicitlyStopped = payload.aborted || payload.issues.some((issue) => issue.continue === false);
          if (explicitlyStopped || value == null || value.length === undefined) continue;
        } else if (stopped) continue;
        const before = payload.issues.length;
        check(payload);
        if (!stopped && payload.issues.length > before) stopped = aborted(payload, before);
      }
    },
  };
}

const typed =
  (is: (value: unknown) => boolean) =>
  (checks: Check[] = []) =>
    withChecks((payload) => {
      if (!is(payload.value)) payload.issues.push(newIssue());
    }, checks);

export const string = typed((value) => typeof value === 'string');
export const number = typed((value) => typeof value === 'number' && Number.isFinite(value));
export const boolean = typed((value) => typeof value === 'boolean');

/** z.int()'s own check: not an integer stops every later check; beyond the safe range does not. */
const safeInt: Check = {
  check: (payload) => {
    const value = payload.value as number;
    if (!Number.isInteger(value)) payload.issues.push(newIssue(undefined, false));
    else if (!Number.isSafeInteger(value)) payload.issues.push(newIssue(undefined, true));
  },
};

/** z.int(): a safe integer, checked before the number's own checks. */
export const int = (checks: Check[] = []) => number([safeInt, ...checks]);

/** z.literal and z.enum. */
export const oneOf = (values: readonly unknown[]) => typed((value) => values.includes(value))();

function prefixed(key: PropertyKey, issues: Issue[]): Issue[] {
  return issues.map((issue) => ({ ...issue, path: [key, ...issue.path] }));
}

/** z.object: known keys in the shape's order, unknown keys dropped. */
export function object(shape: Record<string, Schema>, checks: Check[] = []): Schema {
  return withChecks((payload) => {
    const input = payload.value;
    if (!isObject(input)) {
      payload.issues.push(newIssue());
      return;
    }
    const output: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(shape)) {
      const result: Payload = { value: input[key], issues: [] };
      schema.run(result);
      const present = key in input;
      if (!present && schema.optionalIn && schema.optionalOut) continue;
      payload.issues.push(...prefixed(key, result.issues));
      if (!present && !schema.optionalIn) {
        if (result.issues.length === 0) payload.issues.push({ ...newIssue(), path: [key] });
        continue;
      }
      if (result.value !== undefined || present) output[key] = result.value;
    }
    payload.value = output;
  }, checks);
}

export function array(element: Schema, checks: Check[] = []): Schema {
  return withChecks((payload) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push(newIssue());
      return;
    }
    // Array.from, not map: a hole is read as undefined, as zod reads it.
    payload.value = Array.from(input, (item: unknown, index) => {
      const result: Payload = { value: item, issues: [] };
      element.run(result);
      payload.issues.push(...prefixed(index, result.issues));
      return result.value;
    });
  }, checks);
}

export function optional(inner: Schema): Schema {
  return {
    run: (payload) => {
      if (payload.value !== undefined) inner.run(payload);
    },
    optionalIn: true,
    optionalOut: true,
  };
}

/** z.pipe(first, z.transform(fn)): the transform only sees a value that passed. */
export function pipe(first: Schema, then: Schema): Schema {
  return {
    run(payload) {
      first.run(payload);
      if (payload.issues.length > 0) payload.aborted = true;
      else then.run(payload);
    },
    optionalIn: first.optionalIn,
    optionalOut: then.optionalOut,
  };
}

export function transform(fn: (value: never) => unknown): Schema {
  return {
    run: (payload) => {
      payload.value = fn(payload.value as never);
    },
    optionalIn: true,
  };
}

/** z.discriminatedUnion: the option named by the input's `key`. */
export function discriminatedUnion(key: string, options: Record<string, Schema>): Schema {
  return withChecks((payload) => {
    const input = payload.value;
    if (!isObject(input)) {
      payload.issues.push(newIssue());
      return;
    }
    const tag = input[key];
    const option = typeof tag === 'string' && Object.hasOwn(options, tag) ? options[tag] : undefined;
    if (option) option.run(payload);
    else payload.issues.push({ ...newIssue(), path: [key] });
  }, []);
}

export const trim: Check = {
  check: (payload) => {
    payload.value = (payload.value as string).trim();
  },
};

const lengthOf = (value: unknown) =>
  typeof value === 'string' ? [...value].length : (value as { length: number }).length;

/** A check that `test` passes; its issue lets later checks run. */
const bound = (test: (value: never) => boolean, message?: string, whenHasLength?: boolean): Check => ({
  check: (payload) => {
    if (!test(payload.value as never)) payload.issues.push(newIssue(message, true));
  },
  whenHasLength,
});

export const minLength = (minimum: number, message?: string) =>
  bound((value) => lengthOf(value) >= minimum, message, true);
export const maxLength = (maximum: number, message?: string) =>
  bound((value) => lengthOf(value) <= maximum, message, true);
export const gte = (minimum: number, message?: string) => bound((value: number) => value >= minimum, message);
export const lte = (maximum: number, message?: string) => bound((value: number) => value <= maximum, message);
/** z.refine(fn, message). */
export const refine = bound;

/** A z.superRefine that adds the problems a plain function finds. */
export const problems = (fn: (value: never) => Array<{ path: string[]; message: string }>): Check => ({
  check: (payload) => {
    for (const { path, message } of fn(payload.value as never)) {
      payload.issues.push({ path: [...path], message, continue: true });
    }
  },
});

export type ReadResult =
  { ok: true; value: unknown } | { ok: false; problems: Array<{ path: string; message: string }> };

export function read(schema: Schema, value: unknown): ReadResult {
  const payload: Payload = { value, issues: [] };
  schema.run(payload);
  if (payload.issues.length === 0) return { ok: true, value: payload.value };
  return {
    ok: false,
    problems: payload.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  };
}
