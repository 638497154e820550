/** The request floor of the batches the writer was given: what a perfect writer would have spent on them. */
import type { PluginConfig } from '../../contract/src/config';
import { dedupeEvents, isRecordable, leadKeyOf } from '../../server/src/core/batch-plan';
import { engagementEventSchema, type EngagementEvent } from '../../contract/src/events';
import { requestFloor } from '../../contract/src/kintone-record';

export class FloorTally {
  batches = 0;
  floor = 0;

  constructor(
    private readonly appId: string,
    private readonly config: PluginConfig,
  ) {}

  /** One batch as the writer receives it (message bodies). */
  add(bodies: readonly string[]): void {
    const events: EngagementEvent[] = [];
    for (const body of bodies) {
      const parsed = engagementEventSchema.safeParse(safeJson(body));
      if (parsed.success && parsed.data.appId === this.appId) events.push(parsed.data);
    }
    if (events.length === 0) return;
    const recordable = dedupeEvents(events).filter((event) => isRecordable(event, this.config));
    this.batches++;
    this.floor += requestFloor(new Set(recordable.map((event) => leadKeyOf(event, this.config))).size);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
