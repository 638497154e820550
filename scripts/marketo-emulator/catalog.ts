/**
 * The fixed content of the emulated instance: demo leads (the kintone demo customers, lead ids 1001..)
 * and the email assets the simulator's webhooks talk about (same names, subjects and ids 1201..1204).
 */
import { DEMO_CUSTOMERS } from '../kintone-emulator/seed';
import type { EmailAsset, Lead } from './types';

const HOUR = 3_600_000;
export const FIRST_LEAD_ID = 1001;

export const formatMarketoDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Asset dates look like "2014-12-05T02:06:21Z+0000" in Marketo's asset API (sic). */
const assetDate = (ms: number): string => `${formatMarketoDate(ms)}+0000`;

export function demoLeads(): Lead[] {
  return DEMO_CUSTOMERS.map(([company, , email], index) => {
    // Same fixed dates as the kintone demo records.
    const created = formatMarketoDate(Date.UTC(2025, 2, 1) + index * HOUR);
    return { id: FIRST_LEAD_ID + index, email, company, createdAt: created, updatedAt: created };
  });
}

export interface CatalogEmail {
  id: number;
  name: string;
  subject: string;
  /** The id of a dynamic content subject: the asset then has no single subject text. */
  dynamicSubject?: number;
  campaignId: number;
  campaignName: string;
}

/** Copied from scripts/marketo-simulator/activities.ts (not exported there); campaign ids are ours. */
export const CATALOG_EMAILS: readonly CatalogEmail[] = [
  {
    id: 1201,
    name: '2026-11 Newsletter',
    subject: '【11月号】kintone活用ニュースレター',
    campaignId: 3201,
    campaignName: 'Newsletter 2026-11',
  },
  {
    id: 1202,
    name: 'Webinar Invite - Sales DX',
    subject: 'Webinar: Sales DX in 30 minutes — register now',
    campaignId: 3202,
    campaignName: 'Webinar Sales DX',
  },
  {
    id: 1203,
    name: 'Product Update Q4',
    subject: 'What’s new in Q4 🚀 "Faster sync" & more',
    campaignId: 3203,
    campaignName: 'Product Update Q4',
  },
  {
    id: 1204,
    name: 'Event Follow-up Tokyo',
    subject: '東京イベントご来場ありがとうございました',
    campaignId: 3204,
    campaignName: 'Tokyo Expo Follow-up',
  },
];

export const CATALOG_LINKS: readonly string[] = [
  'https://example.com/webinar?utm_source=marketo',
  'https://example.co.jp/case-study/42',
  'https://example.com/pricing#plans',
];

/**
 * Pages Munchkin tracks, as Marketo names them in a visit's primary attribute (host + path) with their Webpage ID and
 * path (the Webpage URL attribute). The demo records visits to /pricing and /contact only; the others must be left out.
 */
export interface CatalogPage {
  id: number;
  page: string;
  path: string;
}
export const CATALOG_PAGES: readonly CatalogPage[] = [
  { id: 71, page: 'www.example.com/pricing', path: '/pricing' },
  { id: 72, page: 'www.example.com/contact', path: '/contact' },
  { id: 73, page: 'www.example.com/blog/kintone-tips', path: '/blog/kintone-tips' },
  { id: 74, page: 'www.example.com/', path: '/' },
];

/** Forms with their Webform ID and the page each is embedded on. */
export interface CatalogForm {
  id: number;
  name: string;
  page: CatalogPage;
}
export const CATALOG_FORMS: readonly CatalogForm[] = [
  { id: 1001, name: 'Contact Us', page: CATALOG_PAGES[1]! },
  { id: 1002, name: 'Demo Request', page: CATALOG_PAGES[0]! },
];

export function emailAsset(email: CatalogEmail): EmailAsset {
  const created = assetDate(Date.UTC(2026, 9, 1) + (email.id - 1200) * HOUR);
  return {
    id: email.id,
    name: email.name,
    description: '',
    createdAt: created,
    updatedAt: created,
    subject:
      email.dynamicSubject === undefined
        ? { type: 'Text', value: email.subject }
        : { type: 'DynamicContent', value: email.dynamicSubject },
    fromName: { type: 'Text', value: 'Example Marketing' },
    fromEmail: { type: 'Text', value: 'news@example.com' },
    replyEmail: { type: 'Text', value: 'reply@mail.example.com' },
    folder: { type: 'Folder', value: 1001, folderName: 'Emails' },
    operational: false,
    textOnly: false,
    publishToMSI: false,
    webView: true,
    status: 'approved',
    template: 1001,
    workspace: 'Default',
    isOpenTrackingDisabled: false,
    version: 2,
    autoCopyToText: true,
  };
}
