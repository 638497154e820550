import { eventKey } from '../../server/src/core/event-key';
import type { EngagementEvent, EventType } from '../../contract/src/events';

/** A valid event whose key is derived exactly as the ingest derives it. */
export function makeEvent(
  overrides: Partial<Omit<EngagementEvent, 'key'>> & { type?: EventType } = {},
): EngagementEvent {
  const base = {
    appId: '1',
    type: 'open' as EventType,
    leadId: '',
    email: 'taro.yamada@example.co.jp',
    emailName: 'Newsletter',
    subject: 'Hello',
    snippet: '',
    formName: '',
    link: '',
    campaign: 'Campaign',
    campaignId: '1001',
    occurredAt: '2026-11-20T01:02:03.000Z',
    isBot: false,
    source: 'webhook' as const,
    receivedAt: '2026-11-20T01:02:04.000Z',
    ...overrides,
  };
  return { ...base, key: eventKey(base) };
}
