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

export type AttributeValue = string | number | boolean;

export interface ActivityAttribute {
  name: string;
  value: AttributeValue;
}

export interface Activity {
  id: number;
  marketoGUID: string;
  leadId: number;
  /** ISO 8601 in UTC without milliseconds, e.g. 2026-11-20T10:15:30Z. */
  activityDate: string;
  activityTypeId: ActivityTypeId;
  campaignId: number;
  /** The email asset id for every email activity type. */
  primaryAttributeValueId: number;
  /** The email asset name. */
  primaryAttributeValue: string;
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
  subject: TextValue;
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
