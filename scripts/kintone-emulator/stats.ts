export interface EmulatorStats {
  /** Requests of the current kintone day per app: every call with a valid credential, whatever its outcome. */
  requestsByApp: Record<string, number>;
  /** Every request to /k/..., including ones refused before authentication or by the concurrency limit. */
  requestsTotal: number;
  /** Highest number of /k/... requests in flight at once, counting one being refused with 429. */
  maxConcurrentSeen: number;
  /** Records GETs that asked for totalCount, which kintone documents as slowing the query down. */
  totalCountRequests: number;
  /** Writes refused because a record's revision had moved on (409 GAIA_CO02): concurrent writers colliding. */
  revisionConflicts: number;
}

/** kintone's daily request counter resets at 09:00 JST, i.e. midnight UTC. */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class RequestStats {
  private inFlight = 0;
  private total = 0;
  private maxSeen = 0;
  private day = dayOf(Date.now());
  private byApp = new Map<string, number>();
  private totalCounts = 0;
  private conflicts = 0;

  /** Registers an arriving request; false when it would exceed `limit` requests in flight. */
  enter(limit: number): boolean {
    this.total++;
    this.maxSeen = Math.max(this.maxSeen, this.inFlight + 1);
    if (this.inFlight >= limit) return false;
    this.inFlight++;
    return true;
  }

  leave(): void {
    this.inFlight--;
  }

  get running(): number {
    return this.inFlight;
  }

  countApp(appId: string): void {
    const today = dayOf(Date.now());
    if (today !== this.day) {
      this.day = today;
      this.byApp.clear();
    }
    this.byApp.set(appId, (this.byApp.get(appId) ?? 0) + 1);
  }

  countTotalCount(): void {
    this.totalCounts++;
  }

  countConflict(): void {
    this.conflicts++;
  }

  snapshot(): EmulatorStats {
    return {
      requestsByApp: Object.fromEntries(this.byApp),
      requestsTotal: this.total,
      maxConcurrentSeen: this.maxSeen,
      totalCountRequests: this.totalCounts,
      revisionConflicts: this.conflicts,
    };
  }

  reset(): void {
    this.total = 0;
    this.totalCounts = 0;
    this.conflicts = 0;
    this.maxSeen = 0;
    this.byApp.clear();
  }
}
