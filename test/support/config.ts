import type { z } from 'zod';
import { configSchema, type PluginConfig } from '../../contract/src/config';

/** A plug-in config as a test writes it: the stored shape before validation, free to change in place. */
export type ConfigDraft = z.input<typeof configSchema>;

/** The draft, changed by `change` on a copy, then validated as stored config is. */
export function configFrom(draft: ConfigDraft, change: (draft: ConfigDraft) => void = () => undefined): PluginConfig {
  const copy = structuredClone(draft);
  change(copy);
  return configSchema.parse(copy);
}
