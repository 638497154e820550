export interface MarketoEmulatorStats {
  /** Every request to an emulated path (identity and /rest), whatever its outcome. */
  total: number;
  byPath: Record<string, number>;
  /** Refusals by Marketo error code (601, 602, 606, 607, 615, injected codes, ...). */
  errorsByCode: Record<string, number>;
  /** /rest calls counted against today's quota. */
  dailyUsed: number;
  /** Highest number of /rest calls in flight at once, counting one being refused with 615. */
  maxConcurrentSeen: number;
}

export class RequestStats {
  private total = 0;
  private byPath = new Map<string, number>();
  private errorsByCode = new Map<string, number>();

  count(path: string): void {
    this.total++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
  }

  countError(code: string): void {
    this.errorsByCode.set(code, (this.errorsByCode.get(code) ?? 0) + 1);
  }

  snapshot(limits: { dailyUsed: number; maxConcurrentSeen: number }): MarketoEmulatorStats {
    return {
      total: this.total,
      byPath: Object.fromEntries(this.byPath),
      errorsByCode: Object.fromEntries(this.errorsByCode),
      dailyUsed: limits.dailyUsed,
      maxConcurrentSeen: limits.maxConcurrentSeen,
    };
  }

  reset(): void {
    this.total = 0;
    this.byPath.clear();
    this.errorsByCode.clear();
  }
}
