/**
 * Deterministic, realistic email activity: each "send" to a lead yields Send Email, then Delivered or a
 * (hard/soft) bounce, maybe a bot open right after delivery (security scanners), human opens, clicks
 * and rarely an unsubscribe, all inside [since, until). `otherPerEmail` adds that many activities of other types
 * (web visits, data value changes, scores, lists…) per email activity, spread over the same range: a real log is
 * mostly those, so pages filtered to email types come back sparse. `webPerEmail` adds that many web activities per email
 * activity: visits to the catalog's pages (most of them outside the demo's /pricing and /contact) and a few form fills.
 */
import { z } from 'zod';
import {
  BOT_PATTERNS,
  DESKTOP,
  DEVICES,
  HARD_BOUNCE,
  SOFT_BOUNCE,
  buildAttributes,
  type AttributeContext,
  webPrimary,
} from './attributes';
import { CATALOG_FORMS, CATALOG_LINKS, CATALOG_PAGES } from './catalog';
import { pick, seededRandom } from './random';
import type { ActivityDraft } from './store';
import { ACTIVITY_TYPES, OTHER_ACTIVITY_TYPES, type ActivityTypeId } from './types';

export const seedOptionsSchema = z
  .object({
    count: z.number().int().min(0).max(1_000_000),
    since: z.coerce.date(),
    until: z.coerce.date(),
    seed: z.number().int().default(1),
    otherPerEmail: z.number().min(0).max(100).default(0),
    webPerEmail: z.number().min(0).max(100).default(0),
  })
  .strict()
  .refine((o) => o.since.getTime() < o.until.getTime(), { message: 'since must be before until' });

export type SeedOptions = z.input<typeof seedOptionsSchema>;

export interface SeedSources {
  leadIds: readonly number[];
  emails: readonly { id: number; campaignId: number }[];
  leadEmail(leadId: number): string;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export function planSeedActivities(options: SeedOptions, sources: SeedSources): ActivityDraft[] {
  const { count, since, until, seed, otherPerEmail, webPerEmail } = seedOptionsSchema.parse(options);
  if (sources.leadIds.length === 0 || sources.emails.length === 0)
    throw new Error('no leads or emails to seed activity for');
  const random = seededRandom(seed);
  const start = since.getTime();
  const end = until.getTime();
  const between = (min: number, max: number): number => min + Math.floor(random() * (max - min));
  const drafts: ActivityDraft[] = [];

  while (drafts.length < count) {
    const leadId = pick(random, sources.leadIds);
    const email = pick(random, sources.emails);
    const ctx: AttributeContext = {
      mailingId: email.id,
      campaignRunId: email.campaignId * 100 + between(1, 99),
      link: pick(random, CATALOG_LINKS),
      botPattern: undefined,
      device: pick(random, DEVICES),
      bounce: HARD_BOUNCE,
      leadEmail: sources.leadEmail(leadId),
      clientIp: `203.0.113.${String(between(1, 255))}`,
      page: CATALOG_PAGES[0]!,
      form: CATALOG_FORMS[0]!,
      referrer: '',
    };
    const sent = between(start, end);
    const events: ActivityDraft[] = [];
    const push = (type: ActivityTypeId, at: number, overrides: Partial<AttributeContext> = {}): void => {
      if (at < end)
        events.push({
          leadId,
          activityTypeId: type,
          emailId: email.id,
          at,
          attributes: buildAttributes(type, { ...ctx, ...overrides }),
        });
    };

    push(ACTIVITY_TYPES.sendEmail, sent);
    const outcome = random();
    if (outcome < 0.04) push(ACTIVITY_TYPES.emailBounced, sent + between(5 * SECOND, 2 * MINUTE));
    else if (outcome < 0.08)
      push(ACTIVITY_TYPES.emailBouncedSoft, sent + between(5 * SECOND, 2 * MINUTE), { bounce: SOFT_BOUNCE });
    else {
      const delivered = sent + between(2 * SECOND, 90 * SECOND);
      push(ACTIVITY_TYPES.emailDelivered, delivered);
      if (random() < 0.12) {
        // Link scanners open and click within a second or two of delivery.
        const bot = { botPattern: pick(random, BOT_PATTERNS), device: DESKTOP };
        push(ACTIVITY_TYPES.openEmail, delivered + between(0, 2 * SECOND), bot);
        if (random() < 0.5) push(ACTIVITY_TYPES.clickEmail, delivered + between(1 * SECOND, 3 * SECOND), bot);
      }
      if (random() < 0.55) {
        const opened = delivered + between(MINUTE, 48 * HOUR);
        push(ACTIVITY_TYPES.openEmail, opened);
        if (random() < 0.2) push(ACTIVITY_TYPES.openEmail, opened + between(MINUTE, 24 * HOUR));
        if (random() < 0.35) push(ACTIVITY_TYPES.clickEmail, opened + between(10 * SECOND, HOUR));
        if (random() < 0.04) push(ACTIVITY_TYPES.unsubscribeEmail, opened + between(30 * SECOND, 2 * HOUR));
      }
    }
    drafts.push(...events.slice(0, count - drafts.length));
  }
  const others = Math.round(count * otherPerEmail);
  for (let i = 0; i < others; i++)
    drafts.push(otherActivity(random, between(start, end), pick(random, sources.leadIds)));
  const web = Math.round(count * webPerEmail);
  for (let i = 0; i < web; i++)
    drafts.push(webActivity(random, between(start, end), pick(random, sources.leadIds), sources));
  return drafts.sort((a, b) => a.at - b.at);
}

/** A visit (six in seven) or a form fill, as Marketo logs them for a known lead. */
function webActivity(random: () => number, at: number, leadId: number, sources: SeedSources): ActivityDraft {
  const type: ActivityTypeId = random() < 6 / 7 ? ACTIVITY_TYPES.visitWebpage : ACTIVITY_TYPES.fillOutForm;
  const ctx = {
    mailingId: 0,
    campaignRunId: 0,
    link: '',
    botPattern: undefined,
    device: DESKTOP,
    bounce: HARD_BOUNCE,
    leadEmail: sources.leadEmail(leadId),
    clientIp: `203.0.113.${String(1 + Math.floor(random() * 254))}`,
    page: pick(random, CATALOG_PAGES),
    form: pick(random, CATALOG_FORMS),
    referrer: random() < 0.5 ? '' : 'https://www.google.com/',
  } satisfies AttributeContext;
  return { leadId, activityTypeId: type, at, fields: webPrimary(type, ctx), attributes: buildAttributes(type, ctx) };
}

function otherActivity(random: () => number, at: number, leadId: number): ActivityDraft {
  const type = pick(random, OTHER_ACTIVITY_TYPES);
  const primaryId = 100 + Math.floor(random() * 900);
  return {
    leadId,
    activityTypeId: type.id,
    at,
    fields: {
      ...(type.byCampaign ? { campaignId: 5000 + Math.floor(random() * 50) } : {}),
      ...(type.primary
        ? { primaryAttributeValueId: primaryId, primaryAttributeValue: `${type.primary} ${String(primaryId)}` }
        : {}),
    },
    attributes: type.id === 1 ? [{ name: 'Webpage URL', value: `/products/${String(primaryId)}` }] : [],
  };
}
