import { z } from 'zod';
import { KintoneError } from './errors';
import type { Text } from './messages';

export const faultRuleSchema = z
  .object({
    method: z.string().min(1).optional(),
    path: z.string().startsWith('/').optional(),
    appId: z.string().min(1).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    code: z.string().min(1).optional(),
    message: z.string().optional(),
    times: z.number().int().min(1).optional(),
    probability: z.number().min(0).max(1).optional(),
    /** Do the work, then cut the connection without an answer: a response lost after the write landed. */
    dropResponse: z.boolean().optional(),
    /**
     * With `status`: answer this body as it is instead of kintone's error JSON, as a proxy, load balancer or
     * maintenance page in front of kintone does (JSON without a code, or HTML).
     */
    body: z.string().optional(),
  })
  .strict();

/**
 * Matches requests by effective method (a POST with X-HTTP-Method-Override: GET is a GET), exact
 * path and app. `status` answers an error instead of doing the work; `latencyMs` alone delays and
 * then does the work; `dropResponse` does the work and answers nothing; `times` limits the rule to the
 * next N matching requests.
 */
export type FaultRule = z.infer<typeof faultRuleSchema>;

export interface FaultController {
  add(rule: FaultRule): void;
  clear(): void;
  /** Every rule added since the last clear, with how often it fired. */
  report(): { rule: FaultRule; fired: number }[];
}

export interface FiredFaults {
  latencyMs: number;
  error?: KintoneError;
  dropResponse?: true;
}

export interface FaultTarget {
  method: string;
  path: string;
  appId: string | undefined;
}

/** Codes and texts of kintone for the statuses tests inject most. */
const DEFAULTS: Record<number, { code: string; text: Text }> = {
  409: { code: 'GAIA_CO02', text: (m) => m.revisionConflict },
  429: { code: 'GAIA_TO04', text: (m) => m.tooManyConcurrent },
};

export class Faults implements FaultController {
  private rules: Array<{ rule: FaultRule; remaining: number; fired: number }> = [];
  private added: Array<{ rule: FaultRule; fired: number }> = [];

  add(rule: FaultRule): void {
    const parsed = faultRuleSchema.parse(rule);
    const entry = { rule: parsed, remaining: parsed.times ?? Infinity, fired: 0 };
    this.rules.push(entry);
    this.added.push(entry);
  }

  clear(): void {
    this.rules = [];
    this.added = [];
  }

  report(): { rule: FaultRule; fired: number }[] {
    return this.added.map(({ rule, fired }) => ({ rule, fired }));
  }

  /** Fires every matching rule (consuming `times`): the longest latency, the first error, any drop. */
  fire(target: FaultTarget): FiredFaults {
    let latencyMs = 0;
    let error: KintoneError | undefined;
    let dropResponse = false;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.method !== undefined && rule.method.toUpperCase() !== target.method) continue;
      if (rule.path !== undefined && rule.path !== target.path) continue;
      if (rule.appId !== undefined && rule.appId !== target.appId) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      entry.remaining--;
      entry.fired++;
      latencyMs = Math.max(latencyMs, rule.latencyMs ?? 0);
      if (rule.status !== undefined && !error) error = faultError(rule.status, rule.code, rule.message, rule.body);
      if (rule.dropResponse) dropResponse = true;
    }
    this.rules = this.rules.filter((entry) => entry.remaining > 0);
    return {
      latencyMs,
      ...(error ? { error } : {}),
      ...(dropResponse && !error ? { dropResponse: true as const } : {}),
    };
  }
}

function faultError(
  status: number,
  code: string | undefined,
  message: string | undefined,
  body: string | undefined,
): KintoneError {
  const fallback = DEFAULTS[status];
  const text: Text = message !== undefined ? () => message : (fallback?.text ?? ((m) => m.injectedFault(status)));
  const error = new KintoneError(status, code ?? fallback?.code ?? 'EMULATOR_FAULT', text);
  return body === undefined ? error : Object.assign(error, { rawBody: body });
}
