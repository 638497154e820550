/**
 * Activity attributes per type, with Marketo's attribute names. Names come from the activity type
 * definitions (GET /rest/v1/activities/types.json) and the "Filtering email bot activity" docs; the
 * value vocabularies (Device, Platform, bounce Category/Details, bot patterns) are guesses that look
 * like what instances return.
 */
import type { CatalogForm, CatalogPage } from './catalog';
import { ACTIVITY_TYPES, type ActivityAttribute, type ActivityTypeId } from './types';

export interface Device {
  device: string;
  platform: string;
  mobile: boolean;
}

export const DESKTOP: Device = { device: 'Desktop', platform: 'Windows', mobile: false };

export const DEVICES: readonly Device[] = [
  DESKTOP,
  { device: 'Desktop', platform: 'Mac OS', mobile: false },
  { device: 'iPhone', platform: 'iOS', mobile: true },
  { device: 'Android Phone', platform: 'Android', mobile: true },
];

/** Docs: bots get "Is Bot Activity" true and the method; humans false and "N/A". Pattern wording is a guess. */
export const BOT_PATTERNS: readonly string[] = [
  'Match with IAB list',
  'Match with proximity pattern',
  'Match with hidden link',
];
export const NOT_A_BOT = 'N/A';

export interface Bounce {
  category: string;
  subcategory: string;
  details: string;
}

/** Guess: Category 1 is a hard bounce, 2-4 soft ones; Details carries the SMTP reply. */
export const HARD_BOUNCE: Bounce = {
  category: '1',
  subcategory: '1003',
  details: '550 5.1.1 Recipient address rejected: User unknown',
};
export const SOFT_BOUNCE: Bounce = { category: '3', subcategory: '3004', details: '452 4.2.2 Mailbox full' };

export interface AttributeContext {
  mailingId: number;
  campaignRunId: number;
  link: string;
  /** A pattern from BOT_PATTERNS for a bot, undefined for a human. */
  botPattern: string | undefined;
  device: Device;
  bounce: Bounce;
  leadEmail: string;
  clientIp: string;
  /** The page a visit is to. */
  page: CatalogPage;
  /** The form filled out, on its page. */
  form: CatalogForm;
  /** Where the visitor came from ('' for a direct visit). */
  referrer: string;
}

const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

/** A visit's or form fill's primary attribute: the page as host + path, or the form's name (Activities docs). */
export function webPrimary(type: ActivityTypeId, ctx: Pick<AttributeContext, 'page' | 'form'>) {
  return type === ACTIVITY_TYPES.visitWebpage
    ? { primaryAttributeValueId: ctx.page.id, primaryAttributeValue: ctx.page.page }
    : { primaryAttributeValueId: ctx.form.id, primaryAttributeValue: ctx.form.name };
}

const attr = (name: string, value: ActivityAttribute['value']): ActivityAttribute => ({ name, value });

export function buildAttributes(type: ActivityTypeId, ctx: AttributeContext): ActivityAttribute[] {
  // Guess: Marketo also carries the primary attribute (Mailing ID) in primaryAttributeValueId and does
  // not always repeat it in attributes; the emulator always repeats it, as the sync reads either.
  const common = [attr('Campaign Run ID', ctx.campaignRunId), attr('Mailing ID', ctx.mailingId)];
  const engagement = [
    attr('Is Bot Activity', ctx.botPattern !== undefined),
    attr('Bot Activity Pattern', ctx.botPattern ?? NOT_A_BOT),
    attr('Is Mobile Device', ctx.device.mobile),
    attr('Device', ctx.device.device),
    attr('Platform', ctx.device.platform),
  ];
  switch (type) {
    case ACTIVITY_TYPES.visitWebpage:
      return [
        attr('Client IP Address', ctx.clientIp),
        attr('Query Parameters', 'utm_source=marketo'),
        attr('Referrer URL', ctx.referrer),
        attr('Search Engine', ''),
        attr('Search Query', ''),
        attr('User Agent', USER_AGENT),
        attr('Webpage URL', ctx.page.path),
      ];
    case ACTIVITY_TYPES.fillOutForm:
      return [
        attr('Client IP Address', ctx.clientIp),
        attr('Form Fields', JSON.stringify({ Email: ctx.leadEmail })),
        attr('Query Parameters', ''),
        // The page the form was filled out on.
        attr('Referrer URL', `https://${ctx.form.page.page}`),
        attr('User Agent', USER_AGENT),
        attr('Webpage ID', ctx.form.page.id),
      ];
    case ACTIVITY_TYPES.sendEmail:
    case ACTIVITY_TYPES.emailDelivered:
      return [...common, attr('Choice Number', 0), attr('Step ID', 1)];
    case ACTIVITY_TYPES.openEmail:
      return [...common, ...engagement];
    case ACTIVITY_TYPES.clickEmail:
      return [...common, ...engagement, attr('Link', ctx.link)];
    case ACTIVITY_TYPES.emailBounced:
    case ACTIVITY_TYPES.emailBouncedSoft:
      return [
        ...common,
        attr('Category', ctx.bounce.category),
        attr('Subcategory', ctx.bounce.subcategory),
        attr('Details', ctx.bounce.details),
        attr('Email', ctx.leadEmail),
      ];
    case ACTIVITY_TYPES.unsubscribeEmail:
      return [...common, attr('Client IP Address', ctx.clientIp)];
  }
}
