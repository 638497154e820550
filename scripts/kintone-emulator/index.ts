export { startKintoneEmulator } from './emulator';
export type { KintoneEmulator, KintoneEmulatorOptions } from './emulator';
export type { FaultController, FaultRule } from './faults';
export type { EmulatorStats } from './stats';
export type { TextCompare } from './query';
export type { AppDefinition, TokenRights } from './store';
export type { DemoInfo, FieldProperty, InSubtableFieldProperty, LayoutRow } from './types';
export { ADMIN_LOGIN, ADMIN_PASSWORD } from './auth';
export { DEMO_DIRECTORY, type DirectoryEntries } from './directory';
export {
  DEMO_CUSTOMERS,
  MKTO_STATUSES,
  basicCustomerAppDefinition,
  demoAppDefinition,
  japaneseCustomerAppDefinition,
} from './seed';
