/** Turns a test's exact activity description into a draft with the type's default attributes. */
import { z } from 'zod';
import { DESKTOP, HARD_BOUNCE, SOFT_BOUNCE, buildAttributes, webPrimary } from './attributes';
import { CATALOG_EMAILS, CATALOG_FORMS, CATALOG_LINKS, CATALOG_PAGES } from './catalog';
import type { ActivityDraft, MarketoStore } from './store';
import { ACTIVITY_TYPES, ACTIVITY_TYPE_IDS, type ActivityTypeId } from './types';

const attributeValue = z.union([z.string(), z.number(), z.boolean()]);

export const addActivitySchema = z
  .object({
    leadId: z.number().int().positive(),
    activityTypeId: z.custom<ActivityTypeId>(
      (v) => typeof v === 'number' && (ACTIVITY_TYPE_IDS as readonly number[]).includes(v),
      {
        message: `activityTypeId must be one of ${ACTIVITY_TYPE_IDS.join(', ')}`,
      },
    ),
    /** Email asset id; default the first catalog email (1201). */
    emailId: z.number().int().positive().optional(),
    /** Default: now. */
    activityDate: z.coerce.date().optional(),
    /** Click Email's Link; default the first catalog link. */
    link: z.string().optional(),
    /** A visit's page, or the page of a form, as host + path; default the first catalog page (or the form's). */
    page: z.string().min(1).optional(),
    /** A form fill's form name; default the first catalog form. */
    formName: z.string().min(1).optional(),
    /** Marks an open/click as bot activity with this pattern. */
    botPattern: z.string().min(1).optional(),
    /** Replaces (same name) or adds attributes after the type's defaults. */
    attributes: z.record(z.string(), attributeValue).optional(),
    /** Served in place of the email's campaign and primary attribute; null is served as null. */
    fields: z
      .object({
        campaignId: z.number().int().nullable().optional(),
        primaryAttributeValueId: z.number().int().nullable().optional(),
        primaryAttributeValue: z.string().nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type AddActivityInput = z.input<typeof addActivitySchema>;

export function draftFor(input: AddActivityInput, store: MarketoStore, now: number): ActivityDraft {
  const parsed = addActivitySchema.parse(input);
  const emailId = parsed.emailId ?? CATALOG_EMAILS[0]?.id ?? 1201;
  const campaignId = store.emails.get(emailId)?.campaignId ?? 0;
  const web =
    parsed.activityTypeId === ACTIVITY_TYPES.visitWebpage || parsed.activityTypeId === ACTIVITY_TYPES.fillOutForm;
  const catalogForm = CATALOG_FORMS.find((f) => f.name === parsed.formName) ?? CATALOG_FORMS[0]!;
  const pageOf = (page: string | undefined, fallback: (typeof CATALOG_PAGES)[number]) =>
    page === undefined
      ? fallback
      : (CATALOG_PAGES.find((p) => p.page === page) ?? {
          id: 99,
          page,
          path: page.includes('/') ? page.slice(page.indexOf('/')) : '/',
        });
  const form = {
    ...catalogForm,
    name: parsed.formName ?? catalogForm.name,
    page: pageOf(parsed.page, catalogForm.page),
  };
  const page = pageOf(parsed.page, CATALOG_PAGES[0]!);
  const defaults = buildAttributes(parsed.activityTypeId, {
    mailingId: emailId,
    campaignRunId: campaignId * 100 + 1,
    link: parsed.link ?? CATALOG_LINKS[0] ?? 'https://example.com/',
    botPattern: parsed.botPattern,
    device: DESKTOP,
    bounce: parsed.activityTypeId === ACTIVITY_TYPES.emailBouncedSoft ? SOFT_BOUNCE : HARD_BOUNCE,
    leadEmail: store.leadEmail(parsed.leadId),
    clientIp: '203.0.113.10',
    page,
    form,
    referrer: '',
  });
  const overrides = parsed.attributes ?? {};
  const attributes = [
    ...defaults.map((a) => (a.name in overrides ? { name: a.name, value: overrides[a.name] ?? a.value } : a)),
    ...Object.entries(overrides)
      .filter(([name]) => !defaults.some((a) => a.name === name))
      .map(([name, value]) => ({ name, value })),
  ];
  // Web activity is about a page or a form, not an email: no email id, no campaign.
  const fields = {
    ...(web ? webPrimary(parsed.activityTypeId, { page, form }) : {}),
    ...withoutUndefined(parsed.fields ?? {}),
  };
  return {
    leadId: parsed.leadId,
    activityTypeId: parsed.activityTypeId,
    ...(web ? {} : { emailId }),
    at: parsed.activityDate?.getTime() ?? now,
    attributes,
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
