import { randomBytes } from 'node:crypto';
import type { Messages, Text } from './messages';

/** A kintone error answer; texts are rendered in the request's language when sent. */
export class KintoneError extends Error {
  /** Sent as the whole answer instead of kintone's error JSON (injected faults of what stands in front of kintone). */
  rawBody?: string;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly fieldErrors?: ReadonlyMap<string, readonly Text[]>,
  ) {
    super(code);
  }
}

export interface ErrorBody {
  id: string;
  code: string;
  message: string;
  errors?: Record<string, { messages: string[] }>;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random [A-Za-z0-9] string; kintone error ids look like this (20 chars), API tokens too (40). */
export function randomId(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length];
  return out;
}

export function renderError(error: KintoneError, m: Messages): ErrorBody {
  const body: ErrorBody = { id: randomId(20), code: error.code, message: error.text(m) };
  if (error.fieldErrors) {
    body.errors = {};
    for (const [key, texts] of error.fieldErrors) body.errors[key] = { messages: texts.map((t) => t(m)) };
  }
  return body;
}

/** Collects CB_VA01 entries keyed like kintone ("record.code.value", "records[2].code.value"). */
export class FieldErrorCollector {
  private readonly entries = new Map<string, Text[]>();

  add(key: string, text: Text): void {
    const list = this.entries.get(key);
    if (list) list.push(text);
    else this.entries.set(key, [text]);
  }

  get empty(): boolean {
    return this.entries.size === 0;
  }

  toError(): KintoneError {
    return new KintoneError(400, 'CB_VA01', (m) => m.invalidInput, this.entries);
  }
}

export const requiredParam = (name: string): KintoneError => invalidParam(name, (m) => m.requiredParam);

export function invalidParam(name: string, text: Text): KintoneError {
  const errors = new FieldErrorCollector();
  errors.add(name, text);
  return errors.toError();
}
