/**
 * npm run alert-cost -- [--records 64] [--per-record 3] [--per-day 1] [--seed 7]
 * The kintone requests a day of owner alerts costs: a day of the simulator's activity mix for `records` customers
 * (`per-record` activities each on average), every event taken as written, run through the writer's own alert
 * moments (server/src/core/alert-moments) and a ledger of `per-day` alerts per record, moment kind and day. Each
 * claimed moment may be its own comment (one request) when its events arrive in separate batches; events of one
 * batch share one comment, so the records alerted are the floor. Prints both, as JSON.
 */
import { Command } from 'commander';
import type { AlertSettings } from '../../contract/src/config';
import type { EngagementEvent } from '../../contract/src/events';
import { alertMoments } from '../../server/src/core/alert-moments';
import { wholeNumber } from '../cli-args';
import { planActivities } from '../marketo-simulator/activities';

const options = new Command('alert-cost')
  .option('--records <n>', 'customers with activity that day', wholeNumber(1, 1_000_000), 64)
  .option('--per-record <n>', 'activities per customer and day, on average', wholeNumber(1, 1_000), 3)
  .option('--per-day <n>', 'alerts per record, moment kind and day (perRecordPerDay)', wholeNumber(1, 10), 1)
  .option('--seed <n>', 'the simulator seed', wholeNumber(0), 7)
  .parse()
  .opts<{ records: number; perRecord: number; perDay: number; seed: number }>();

/** The demo's alert settings: a reply, a form fill, a click on /pricing, a visit to /pricing. */
const settings: AlertSettings = {
  ownerField: 'owner',
  onReply: true,
  onForm: true,
  clickPages: ['/pricing'],
  visitPages: ['/pricing'],
  perRecordPerDay: options.perDay,
  language: 'en',
};

const leads = Array.from({ length: options.records }, (_, i) => ({
  leadId: String(1001 + i),
  email: `customer${i}@example.com`,
}));
const end = new Date('2026-11-28T15:00:00Z');
const activities = planActivities({
  count: options.records * options.perRecord,
  leads,
  type: 'mix',
  spreadMinutes: 24 * 60,
  end,
  seed: options.seed,
});

// Each activity as the event the writer would have written; one record per lead.
const byRecord = new Map<string, EngagementEvent[]>();
activities.forEach((a, i) => {
  const event: EngagementEvent = {
    key: i.toString(16).padStart(32, '0'),
    appId: '1',
    type: a.type,
    leadId: a.lead.leadId,
    email: a.lead.email,
    emailName: a.emailName,
    subject: a.subject,
    snippet: '',
    link: a.type === 'visit' || a.type === 'form' ? (a.page ?? '') : a.link,
    formName: a.formName ?? '',
    campaign: a.campaign,
    campaignId: a.campaignId,
    occurredAt: a.at.toISOString(),
    isBot: false,
    source: 'webhook',
    receivedAt: a.at.toISOString(),
  };
  byRecord.set(a.lead.leadId, [...(byRecord.get(a.lead.leadId) ?? []), event]);
});

// Worst case for requests: every event arrives in a batch of its own, so every claimed moment is a comment.
let claimed = 0;
let recordsAlerted = 0;
const byKind: Record<string, number> = {};
for (const events of byRecord.values()) {
  const taken = new Map<string, number>();
  for (const event of [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))) {
    for (const moment of alertMoments({ written: [event], oldScore: undefined, newScore: undefined }, settings)) {
      const used = taken.get(moment.kind) ?? 0;
      if (used >= settings.perRecordPerDay) continue;
      taken.set(moment.kind, used + 1);
      claimed++;
      byKind[moment.kind] = (byKind[moment.kind] ?? 0) + 1;
    }
  }
  if (taken.size > 0) recordsAlerted++;
}

process.stdout.write(
  `${JSON.stringify(
    {
      records: options.records,
      activities: activities.length,
      perRecordPerDay: options.perDay,
      alertRequestsAtMost: claimed,
      alertRequestsAtLeast: recordsAlerted,
      claimedByKind: byKind,
    },
    null,
    2,
  )}\n`,
);
