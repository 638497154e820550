/** Wire shapes of the Marketo REST subset the emulator serves. */

/** Email and web activity types of a standard Marketo instance (GET /rest/v1/activities/types.json). */
export const ACTIVITY_TYPES = {
  visitWebpage: 1,
  fillOutForm: 2,
  sendEmail: 6,
  emailDelivered: 7,
  emailBounced: 8,
  unsubscribeEmail: 9,
  openEmail: 10,
  clickEmail: 11,
  emailBouncedSoft: 27,
} as const;

export type ActivityTypeId = (typeof ACTIVITY_TYPES)[keyof typeof ACTIVITY_TYPES];

export const ACTIVITY_TYPE_IDS: readonly ActivityTypeId[] = Object.values(ACTIVITY_TYPES);

/**
 * Other standard activity types, of which a real instance's log mostly consists. Names and primary attributes as
 * GET /rest/v1/activities/types.json describes them; which ones carry a campaignId is a guess (flow steps do, web
 * activity does not).
 */
export const OTHER_ACTIVITY_TYPES: readonly {
  id: number;
  name: string;
  primary: string | undefined;
  byCampaign: boolean;
}[] = [
  { id: 3, name: 'Click Link', primary: 'Link ID', byCampaign: false },
  { id: 12, name: 'New Lead', primary: undefined, byCampaign: false },
  { id: 13, name: 'Change Data Value', primary: 'Attribute Name', byCampaign: true },
  { id: 22, name: 'Change Score', primary: 'Attribute Name', byCampaign: true },
  { id: 24, name: 'Add to List', primary: 'List ID', byCampaign: true },
  { id: 46, name: 'Interesting Moment', primary: undefined, byCampaign: true },
  { id: 104, name: 'Change Status in Progression', primary: 'Program ID', byCampaign: true },
  { id: 110, name: 'Call Webhook', primary: 'Webhook ID', byCampaign: true },
];

export type AttributeValue = string | number | boolean;

export interface ActivityAttribute {
  name: string;
  value: AttributeValue;
}

export interface Activity {
  /** Left out when the emulator is told to: a client must not need it (marketoGUID is the key). */
  id?: number;
  marketoGUID: string;
  leadId: number;
  /** ISO 8601 in UTC without milliseconds, e.g. 2026-11-20T10:15:30Z. */
  activityDate: string;
  activityTypeId: number;
  /** Absent for activity no campaign caused; may be null. */
  campaignId?: number | null;
  /** The email asset id for every email activity type; the Webpage ID of a visit, the Webform ID of a form fill. */
  primaryAttributeValueId?: number | null;
  /** The email asset name; a visit's page as host + path; a form fill's form name. */
  primaryAttributeValue?: string | null;
  attributes: ActivityAttribute[];
}

export interface Lead {
  id: number;
  email: string;
  company: string;
  createdAt: string;
  updatedAt: string;
}

export interface TextValue {
  type: 'Text';
  value: string;
}

/** GET /rest/asset/v1/email/{id}.json result item (the fields a sync needs plus a few common ones). */
export interface EmailAsset {
  id: number;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Text, or the id of its dynamic content when the subject varies by segment. */
  subject: TextValue | { type: 'DynamicContent'; value: number };
  fromName: TextValue;
  fromEmail: TextValue;
  replyEmail: TextValue;
  folder: { type: 'Folder'; value: number; folderName: string };
  operational: boolean;
  textOnly: boolean;
  publishToMSI: boolean;
  webView: boolean;
  status: 'approved' | 'draft';
  template: number;
  workspace: string;
  isOpenTrackingDisabled: boolean;
  version: number;
  autoCopyToText: boolean;
}

export interface MarketoErrorItem {
  code: string;
  message: string;
}

export interface ActivityTypeDefinition {
  id: number;
  name: string;
  description: string;
  primaryAttribute?: { name: string; dataType: string };
  attributes: { name: string; dataType: string }[];
}

const string = (name: string) => ({ name, dataType: 'string' });
const integer = (name: string) => ({ name, dataType: 'integer' });
const boolean = (name: string) => ({ name, dataType: 'boolean' });
const mailing = { name: 'Mailing ID', dataType: 'integer' };
const engagement = [
  boolean('Is Bot Activity'),
  string('Bot Activity Pattern'),
  boolean('Is Mobile Device'),
  string('Device'),
  string('Platform'),
];

/**
 * GET /rest/v1/activities/types.json as the emulator serves it. Visit Webpage and Fill Out Form as Marketo's
 * "Activities" docs show them; the email types' attribute lists are those the emulator fills (attributes.ts).
 */
export const ACTIVITY_TYPE_DEFINITIONS: readonly ActivityTypeDefinition[] = [
  {
    id: 1,
    name: 'Visit Webpage',
    description: 'User visits a web page',
    primaryAttribute: integer('Webpage ID'),
    attributes: [
      string('Client IP Address'),
      string('Query Parameters'),
      string('Referrer URL'),
      string('Search Engine'),
      string('Search Query'),
      string('User Agent'),
      string('Webpage URL'),
    ],
  },
  {
    id: 2,
    name: 'Fill Out Form',
    description: 'User fills out and submits form on web page',
    primaryAttribute: integer('Webform ID'),
    attributes: [
      string('Client IP Address'),
      { name: 'Form Fields', dataType: 'text' },
      string('Query Parameters'),
      string('Referrer URL'),
      string('User Agent'),
      integer('Webpage ID'),
    ],
  },
  {
    id: 6,
    name: 'Send Email',
    description: 'Send Marketo Email to a person',
    primaryAttribute: mailing,
    attributes: [integer('Campaign Run ID'), integer('Choice Number'), integer('Step ID')],
  },
  {
    id: 7,
    name: 'Email Delivered',
    description: 'Marketo Email is delivered to a person',
    primaryAttribute: mailing,
    attributes: [integer('Campaign Run ID'), integer('Choice Number'), integer('Step ID')],
  },
  {
    id: 8,
    name: 'Email Bounced',
    description: 'Marketo Email is bounced for a person',
    primaryAttribute: mailing,
    attributes: [
      integer('Campaign Run ID'),
      string('Category'),
      string('Details'),
      string('Email'),
      string('Subcategory'),
    ],
  },
  {
    id: 9,
    name: 'Unsubscribe Email',
    description: 'Person unsubscribes from Marketo Emails',
    primaryAttribute: mailing,
    attributes: [integer('Campaign Run ID'), string('Client IP Address')],
  },
  {
    id: 10,
    name: 'Open Email',
    description: 'Person opens Marketo Email',
    primaryAttribute: mailing,
    attributes: [integer('Campaign Run ID'), ...engagement],
  },
  {
    id: 11,
    name: 'Click Email',
    description: 'Person clicks on a link in Marketo Email',
    primaryAttribute: mailing,
    attributes: [integer('Campaign Run ID'), ...engagement, string('Link')],
  },
  {
    id: 27,
    name: 'Email Bounced Soft',
    description: 'Marketo Email is soft bounced for a person',
    primaryAttribute: mailing,
    attributes: [
      integer('Campaign Run ID'),
      string('Category'),
      string('Details'),
      string('Email'),
      string('Subcategory'),
    ],
  },
  ...OTHER_ACTIVITY_TYPES.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.name,
    ...(t.primary ? { primaryAttribute: string(t.primary) } : {}),
    attributes: [],
  })),
];
