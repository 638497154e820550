/**
 * Marketo's REST limits: 100 calls per 20 s sliding window (606), 10 concurrent calls (615) and a daily
 * quota of 50,000 calls (607) that resets at midnight US Central time. Each can be switched off (false).
 */
import { marketoError } from './errors';

export interface LimitSettings {
  rateLimit: { max: number; windowMs: number } | false;
  maxConcurrent: number | false;
  dailyQuota: number | false;
}

export const DEFAULT_LIMITS: LimitSettings = {
  rateLimit: { max: 100, windowMs: 20_000 },
  maxConcurrent: 10,
  dailyQuota: 50_000,
};

/** Guess: Marketo's docs say the quota resets at 12:00 AM CST; the emulator uses UTC-6 all year. */
const quotaDay = (ms: number): string => new Date(ms - 6 * 3_600_000).toISOString().slice(0, 10);

export class Limits {
  settings: LimitSettings;
  private inFlight = 0;
  private maxSeen = 0;
  private recent: number[] = [];
  private day: string;
  private used = 0;

  constructor(
    settings: LimitSettings,
    private readonly now: () => number,
  ) {
    this.settings = settings;
    this.day = quotaDay(now());
  }

  /**
   * Admits one /rest call or throws 615/606/607. A refused call takes no concurrency slot, and (a guess)
   * does not count in the rate window or the daily quota. Call `leave()` after an admitted call.
   */
  enter(): void {
    const { rateLimit, maxConcurrent, dailyQuota } = this.settings;
    this.maxSeen = Math.max(this.maxSeen, this.inFlight + 1);
    if (maxConcurrent !== false && this.inFlight >= maxConcurrent) throw marketoError('615');
    const now = this.now();
    if (rateLimit !== false) {
      this.recent = this.recent.filter((t) => t > now - rateLimit.windowMs);
      if (this.recent.length >= rateLimit.max) throw marketoError('606');
    }
    this.rollDay(now);
    if (dailyQuota !== false && this.used >= dailyQuota) throw marketoError('607');
    this.recent.push(now);
    this.used++;
    this.inFlight++;
  }

  leave(): void {
    this.inFlight--;
  }

  get dailyUsed(): number {
    this.rollDay(this.now());
    return this.used;
  }

  get quotaDay(): string {
    this.rollDay(this.now());
    return this.day;
  }

  get maxConcurrentSeen(): number {
    return this.maxSeen;
  }

  resetCounters(): void {
    this.maxSeen = 0;
    this.recent = [];
    this.used = 0;
  }

  private rollDay(now: number): void {
    const today = quotaDay(now);
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
  }
}
