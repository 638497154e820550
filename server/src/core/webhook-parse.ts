/**
 * A webhook body as Marketo can send it, read without trusting its Content-Type: Marketo's default label is
 * undocumented and an admin may set another, so a body that is JSON is read as JSON (the webhook then wants an
 * object) and anything else as a form ("Webhooks": any data format, Request Token Encoding JSON or Form/Url).
 */
import type { WebhookProblem } from './webhook-body';

export type ParsedWebhookBody = { ok: true; value: unknown } | { ok: false; problem: WebhookProblem };

/**
 * Marketo encloses string-type tokens in double quotes itself; a template that quotes them too renders
 * "trigger": ""Opens Email"". Recognised only to say what to do about it.
 */
const DOUBLY_QUOTED = /:\s*""[^",}\s]/;

export function parseWebhookBody(body: Buffer): ParsedWebhookBody {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, problem: { field: '(body)', message: 'is not valid UTF-8' } };
  }
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: { field: '(body)', message: 'is empty' } };
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch (cause) {
    return trimmed.startsWith('{') || trimmed.startsWith('[') ? invalidJson(trimmed, cause) : parseForm(trimmed);
  }
}

function invalidJson(text: string, cause: unknown): ParsedWebhookBody {
  const hint = DOUBLY_QUOTED.test(text)
    ? '; the template quotes tokens that Marketo already quotes: copy the template from the plug-in settings again'
    : '';
  return { ok: false, problem: { field: '(body)', message: `is not valid JSON (${(cause as Error).message})${hint}` } };
}

function parseForm(text: string): ParsedWebhookBody {
  // No prototype: keys named __proto__, constructor or toString are fields like any other.
  const value: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, entry] of new URLSearchParams(text)) {
    if (Object.hasOwn(value, key)) return { ok: false, problem: { field: key, message: 'is sent more than once' } };
    value[key] = unquoted(entry);
  }
  return { ok: true, value };
}

/**
 * Whether Marketo also quotes string-type tokens under Form/Url encoding is undocumented: a value that is exactly
 * one JSON string literal is read as that string, so both renderings mean the same.
 */
function unquoted(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}
