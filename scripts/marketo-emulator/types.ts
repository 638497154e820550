/** Wire shapes of the Marketo REST subset the emulator serves. */

/** Email activity types of a standard Marketo instance (GET /rest/v1/activities/types.json). */
export const ACTIVITY_TYPES = {
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
  { id: 1, name: 'Visit Webpage', primary: 'Webpage ID', byCampaign: false },
  { id: 2, name: 'Fill Out Form', primary: 'Webform ID', byCampaign: false },
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
  /** The email asset id for every email activity type. */
  primaryAttributeValueId?: number | null;
  /** The email asset name. */
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
