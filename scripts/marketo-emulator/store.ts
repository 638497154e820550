/** The emulated instance's data: leads, email assets and the activity log in (activityDate, id) order. */
import { createHash } from 'node:crypto';
import { CATALOG_EMAILS, demoLeads, emailAsset, formatMarketoDate, type CatalogEmail } from './catalog';
import { comparePosition, type Position } from './paging-token';
import type { Activity, ActivityAttribute, EmailAsset, Lead } from './types';

export interface ActivityDraft {
  leadId: number;
  activityTypeId: number;
  /** The email an email activity is about: its campaign and primary attribute come from it. */
  emailId?: number;
  /** Replace (or, with no email, give) these fields; null is served as null. */
  fields?: Pick<Activity, 'campaignId' | 'primaryAttributeValueId' | 'primaryAttributeValue'>;
  /** ms; rounded down to the second like Marketo's activityDate. */
  at: number;
  attributes: ActivityAttribute[];
}

interface StoredActivity {
  at: number;
  id: number;
  activity: Activity;
}

export interface Page {
  activities: Activity[];
  position: Position;
  moreResult: boolean;
}

/** Real activity ids are large integers; GUIDs are UUID-shaped strings distinct from the id. */
const FIRST_ACTIVITY_ID = 500_001;

function withoutId(activity: Activity): Activity {
  const { id: _id, ...rest } = activity;
  return rest;
}

function guidFor(id: number): string {
  const hex = createHash('sha1')
    .update(`marketo-emulator-activity:${String(id)}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export class MarketoStore {
  readonly leads = new Map<number, Lead>();
  readonly emails = new Map<number, { asset: EmailAsset; campaignId: number }>();
  /** Smart campaigns by id: each catalog email's sending campaign. */
  readonly campaigns = new Map<number, string>();
  private log: StoredActivity[] = [];
  private nextId = FIRST_ACTIVITY_ID;
  /** Serve activities without `id`, for clients that must not need it. */
  omitIds = false;

  constructor() {
    for (const lead of demoLeads()) this.leads.set(lead.id, lead);
    for (const email of CATALOG_EMAILS) this.addEmail(email);
  }

  addEmail(email: CatalogEmail): EmailAsset {
    const asset = emailAsset(email);
    this.emails.set(email.id, { asset, campaignId: email.campaignId });
    this.campaigns.set(email.campaignId, email.campaignName);
    return asset;
  }

  leadEmail(leadId: number): string {
    return this.leads.get(leadId)?.email ?? `lead-${String(leadId)}@example.invalid`;
  }

  addActivity(draft: ActivityDraft): Activity {
    const email = draft.emailId === undefined ? undefined : this.emails.get(draft.emailId);
    if (draft.emailId !== undefined && !email)
      throw new Error(`no email asset ${String(draft.emailId)}; add it with addEmail first`);
    const at = Math.floor(draft.at / 1000) * 1000;
    const id = this.nextId++;
    const activity: Activity = {
      id,
      marketoGUID: guidFor(id),
      leadId: draft.leadId,
      activityDate: formatMarketoDate(at),
      activityTypeId: draft.activityTypeId,
      ...(email
        ? {
            campaignId: email.campaignId,
            primaryAttributeValueId: email.asset.id,
            primaryAttributeValue: email.asset.name,
          }
        : {}),
      ...draft.fields,
      attributes: draft.attributes,
    };
    const entry = { at, id, activity };
    this.log.splice(this.firstAfter({ at, afterId: id }), 0, entry);
    return activity;
  }

  /**
   * Marketo reads the next `batchSize` activities of ALL types after the position and returns the ones
   * of the requested types, so a filtered page can hold fewer (even none) while moreResult is true
   * (Adobe KB "Get Lead Activities REST API Is Not Returning Any Activities").
   */
  page(position: Position, typeIds: ReadonlySet<number>, batchSize: number): Page {
    const start = this.firstAfter(position);
    const window = this.log.slice(start, start + batchSize);
    const last = window.at(-1);
    return {
      activities: window
        .filter((e) => typeIds.has(e.activity.activityTypeId))
        .map((e) => (this.omitIds ? withoutId(e.activity) : e.activity)),
      position: last ? { at: last.at, afterId: last.id } : position,
      moreResult: start + batchSize < this.log.length,
    };
  }

  allActivities(): Activity[] {
    return this.log.map((e) => e.activity);
  }

  /** Index of the first activity strictly after the position (binary search). */
  private firstAfter(position: Position): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = this.log[mid];
      if (entry && comparePosition(entry, position) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
