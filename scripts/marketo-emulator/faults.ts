import { z } from 'zod';
import { HttpError, marketoError, type MarketoError } from './errors';

export const faultRuleSchema = z
  .object({
    /** Exact path, e.g. /rest/v1/activities.json; omitted = every emulated path (identity too). */
    path: z.string().startsWith('/').optional(),
    /** Answer HTTP 200 `success:false` with this Marketo error code (e.g. '604', '611', '606'). */
    code: z.string().regex(/^\d+$/).optional(),
    message: z.string().optional(),
    /** Answer this HTTP status instead (a gateway failure); wins over `code`. */
    status: z.number().int().min(400).max(599).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    times: z.number().int().min(1).optional(),
    probability: z.number().min(0).max(1).optional(),
  })
  .strict();

/**
 * `latencyMs` alone delays, then does the work (holding a concurrency slot, so it can provoke 615);
 * `code`/`status` answer an error instead of the work; `times` limits the rule to the next N matches.
 */
export type FaultRule = z.input<typeof faultRuleSchema>;

export interface FaultController {
  add(rule: FaultRule): void;
  clear(): void;
  /** Every rule added since the last clear, with how often it fired. */
  report(): { rule: FaultRule; fired: number }[];
}

export interface FiredFaults {
  latencyMs: number;
  error?: MarketoError | HttpError;
}

export class Faults implements FaultController {
  private rules: Array<{ rule: z.output<typeof faultRuleSchema>; remaining: number; fired: number }> = [];
  private added: typeof this.rules = [];

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

  /** Fires every matching rule (consuming `times`): the longest latency and the first error. */
  fire(path: string): FiredFaults {
    let latencyMs = 0;
    let error: MarketoError | HttpError | undefined;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.path !== undefined && rule.path !== path) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      entry.remaining--;
      entry.fired++;
      latencyMs = Math.max(latencyMs, rule.latencyMs ?? 0);
      if (!error) {
        if (rule.status !== undefined)
          error = new HttpError(rule.status, rule.message ?? `Injected HTTP ${String(rule.status)}`);
        else if (rule.code !== undefined) error = marketoError(rule.code, rule.message);
      }
    }
    this.rules = this.rules.filter((entry) => entry.remaining > 0);
    return error ? { latencyMs, error } : { latencyMs };
  }
}
