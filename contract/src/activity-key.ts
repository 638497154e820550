/** Keys of events read from Marketo's Activities API (no crypto here: the plug-in's panel bundles the record patch). */

/**
 * The identity of an activity read from Marketo's Activities API: its marketoGUID, which Marketo keeps unique and
 * stable, so reconciling or backfilling the same activity again finds its row.
 */
export function activityKey(marketoGUID: string): string {
  return `mkto-${marketoGUID}`;
}

export function isActivityKey(key: string): boolean {
  return key.startsWith('mkto-');
}
