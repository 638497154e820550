/** The I/O the services need, implemented by the adapters (and by nothing else). */
import type { PluginConfig } from '../../../contract/src/config';
import type { FieldProperty, FormLayoutSpace } from '../../../contract/src/field-rules';
import type { EngagementEvent, EventSource } from '../../../contract/src/events';
import type { RecordUpdate, StoredRecord } from '../../../contract/src/kintone-record';
import type { LastErrorCode } from '../../../contract/src/last-error';

/** How the server reaches one kintone app: its API token, and its guest space if it lives in one. */
export interface KintoneConnection {
  baseUrl: string;
  apiToken: string;
  appId: string;
  /** The guest space the app lives in: kintone serves such an app under /k/guest/<id>/v1/ only (GAIA_IL23 otherwise). */
  guestSpaceId?: string | undefined;
}

export interface RecordStore {
  /** Every record whose `field` equals one of `values` (any number of values; the adapter pages). */
  findByLeadKeys(field: string, values: readonly string[], fields: readonly string[]): Promise<StoredRecord[]>;
  /**
   * Records whose `field` contains one of `values` as kintone's word search (`like`) finds it, whatever the letter
   * case: a superset that the caller narrows down.
   */
  searchByLeadKeys(field: string, values: readonly string[], fields: readonly string[]): Promise<StoredRecord[]>;
  findByIds(ids: readonly string[], fields: readonly string[]): Promise<StoredRecord[]>;
  /** At most 100 updates, written all or nothing; throws RevisionConflictError when a revision moved on. */
  updateRecords(updates: readonly RecordUpdate[]): Promise<void>;
  /**
   * One page of the records whose NUMBER field `field` holds at least 1 (`everyRecord`: of all records), in id order
   * from the first id above `afterId` ('0': from the first record): 500 records, fewer only on the last page. One
   * request.
   */
  findScoredAfter(
    field: string,
    afterId: string,
    fields: readonly string[],
    everyRecord?: boolean,
  ): Promise<StoredRecord[]>;
  /**
   * Posts a comment on the record (one request); kintone notifies the mentioned users. Throws KintoneRefusedError
   * when kintone refuses it (comments disabled in the app, a mentioned user gone, the token without view).
   */
  addComment(recordId: string, comment: RecordComment): Promise<void>;
  /** Requests sent to kintone so far, retries included: each one counts against the app's daily limit. */
  requestsSent(): number;
}

/** A record comment: its text and whom it mentions (at most 10, kintone's limit). */
export interface RecordComment {
  text: string;
  mentions: { code: string; type: 'USER' | 'GROUP' | 'ORGANIZATION' }[];
}

export class RevisionConflictError extends Error {
  constructor() {
    super('a record changed since it was read (kintone GAIA_CO02)');
  }
}

/** kintone refused records of a bulk PUT as invalid; nothing of that PUT was written. */
export class RecordValidationError extends Error {
  /** Positions in the PUT of the refused records; empty when kintone did not say which. */
  readonly positions: number[];

  constructor(positions: number[], message: string) {
    super(message);
    this.positions = positions;
  }
}

/**
 * kintone refused a call. `reason` says why in words an admin can act on; `about` is what to correct: the API token,
 * the app id, the guest space, or nothing of ours (`proxy`: an answer without kintone's error code comes from
 * something in front of kintone, never from the token). The message is kintone's answer, for logs and the status.
 */
export class KintoneRefusedError extends Error {
  constructor(
    message: string,
    readonly about: 'token' | 'app' | 'guestSpace' | 'proxy',
    readonly reason: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'KintoneRefusedError';
  }
}

/**
 * No answer of kintone's API came back (after the adapter's retries): no connection, a timeout, or a page that is not
 * kintone's. `code` is the socket's error code, when there was one.
 */
export class KintoneUnreachableError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'KintoneUnreachableError';
  }
}

/**
 * Marketo stopped answering for a while: its daily quota (or this deployment's share of it) is spent, or it refused
 * the API credentials. The Marketo adapter's errors carry it, so services tell them apart without reading its classes.
 */
export interface MarketoStop {
  readonly marketoStop: 'quota' | 'credentials';
}

/** The last failure of an app: when, the server's own sentence, and what kind of failure it was. */
export interface LastError {
  at: string;
  message: string;
  /** Absent on statuses stored before codes existed. */
  code?: LastErrorCode;
}

/** Received mail, raw, by SES message id: S3 deployed (the receipt rule stores it there), a folder locally. */
export interface RawMailStore {
  read(messageId: string): Promise<Uint8Array>;
}

/** Marketo's leads by id (the Marketo REST adapter implements it). */
export interface LeadDirectory {
  /** The lead's email address; undefined when Marketo has no such lead or no address for it. */
  emailOf(leadId: string): Promise<string | undefined>;
}

/**
 * Seals the kintone API token for storage and opens it when kintone is called: deployed with a KMS key of the stack
 * (the app id is the encryption context, so one app's sealed token cannot be opened as another's), locally with a
 * key file beside the registry.
 */
export interface TokenVault {
  seal(appId: string, token: string): Promise<string>;
  open(appId: string, sealed: string): Promise<string>;
}

export interface EventQueue {
  /** `delaySeconds` (at most 900) keeps the event out of the writer's reach that long. */
  send(event: EngagementEvent, options?: { delaySeconds?: number }): Promise<void>;
}

/**
 * What the server knows about one kintone app. The API token is kept sealed (TokenVault) and the webhook secret only
 * as a hash: neither can be read back from the registry, its backups or its file.
 */
export interface AppRegistration {
  appId: string;
  kintoneBaseUrl: string;
  /** The app's kintone API token as the TokenVault sealed it for this app id. */
  apiTokenSealed: string;
  /** `hashSecret` of the secret Marketo sends in X-Webhook-Secret. */
  webhookSecretHash: string;
  /** The guest space the app lives in: kintone serves it under /k/guest/<id>/v1/ only. */
  guestSpaceId?: string;
  enabled: boolean;
  config: PluginConfig;
  updatedAt: string;
}

export interface AppCounters {
  accepted: number;
  written: number;
  duplicates: number;
  /** Not written: the history was full of rows it keeps before this one (record-patch's retention rule). */
  trimmed: number;
  unmatched: number;
  filtered: number;
  failed: number;
  /** Put back on the queue for later because the app's daily kintone request budget was used up. */
  deferred: number;
  /** Alert comments posted to records' owners (one kintone request each). */
  alertsPosted: number;
  /** Alert comments not posted: the daily request budget was spent, or kintone refused them (see lastError). */
  alertsSkipped: number;
}

/**
 * The counters again, split by where the events came from (the webhook, Marketo's activity log through reconciliation
 * or backfill, test events, replies by mail). Counted since the version that introduced it: the totals of
 * AppCounters include events counted before, so a source's counters may add up to less than the total.
 */
export type CountersBySource = Partial<Record<EventSource, Partial<AppCounters>>>;

export interface AppStatus extends AppCounters {
  bySource?: CountersBySource;
  lastEventAt?: string;
  lastError?: LastError;
  /** kintone requests the writer spent per kintone day (UTC date: kintone's day starts 09:00 JST). */
  kintoneRequests?: Record<string, number>;
  /** Marketo's activities before this moment have been reconciled into the app (the scheduled reconciliation's watermark). */
  reconciledUntil?: string;
  lastRescore?: RescoreRun;
}

/** The latest daily re-score of the app's engagement scores (services/rescore). */
export interface RescoreRun {
  at: string;
  /** Records read: those whose stored score was at least 1, or every record on a first pass. */
  examined: number;
  /** Records whose score was rewritten because it moved by a point or more. */
  changed: number;
  /** Records left as they were because they changed while the run wrote: re-scored when next written or tomorrow. */
  skipped: number;
  /** kintone requests the run spent (counted in kintoneRequests too). */
  requests: number;
  /** Why the run ended before the last record, when it did: the rest waits for the next run. */
  stopped?: { reason: 'budget' | 'time' | 'error'; message: string };
  /**
   * The score field every record of the app has been read for, once (a first pass): records whose events were written
   * before the field was mapped got their score then. Carried from run to run; another score field is read whole again.
   */
  everyRecordScoredIn?: string;
}

export interface StatusUpdate {
  add: Partial<AppCounters>;
  /** The same counts by source; each source's counts are also in `add`. */
  bySource?: CountersBySource;
  lastEventAt?: string;
  lastError?: LastError;
  kintoneRequests?: { day: string; count: number };
  lastRescore?: RescoreRun;
}

export interface Registry {
  get(appId: string): Promise<AppRegistration | undefined>;
  /** The registration and its status in one read (the writer needs both for every batch). */
  getWithStatus(appId: string): Promise<{ registration: AppRegistration; status: AppStatus } | undefined>;
  put(registration: AppRegistration): Promise<void>;
  status(appId: string): Promise<AppStatus>;
  recordStatus(appId: string, update: StatusUpdate): Promise<void>;
  /** Every registered app's id. */
  appIds(): Promise<string[]>;
  /**
   * Moves the app's reconciliation watermark forward, never back, with the marketoGUIDs of the activities read just
   * before it (the next run re-reads that overlap and skips them); an unknown app is left unknown.
   */
  recordReconciled(appId: string, until: string, recent?: readonly string[]): Promise<void>;
  /** The marketoGUIDs recorded with the current watermark ([] when none). */
  reconciledRecently(appId: string): Promise<string[]>;
  /**
   * Takes the app's write lease for `holder` until `until` (ms since the epoch), unless another holder's lease is
   * still running at `now`; true when taken (or renewed by its holder). An unknown app has no lease to take.
   */
  acquireWriteLease(appId: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Gives the lease back if `holder` still has it. */
  releaseWriteLease(appId: string, holder: string): Promise<void>;
  /**
   * The daily alert ledger: takes one of the `limit` alerts record `recordId` may get for moment `kind` on kintone day
   * `day`; false when all are taken. Atomic, so writers side by side never post more than `limit`.
   */
  claimAlert(appId: string, recordId: string, kind: string, day: string, limit: number): Promise<boolean>;
}

export function emptyStatus(): AppStatus {
  return {
    accepted: 0,
    written: 0,
    duplicates: 0,
    trimmed: 0,
    unmatched: 0,
    filtered: 0,
    failed: 0,
    deferred: 0,
    alertsPosted: 0,
    alertsSkipped: 0,
  };
}

/** Structured logging; adapters decide where lines go. Never pass secrets or tokens in `data`. */
export interface Log {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface AppForm {
  properties: Record<string, FieldProperty>;
  spaces: FormLayoutSpace[];
}

export interface TokenRights {
  view: boolean;
  edit: boolean;
}

/** What registration needs to know about an app before it accepts a mapping for it. */
export interface AppInspector {
  readForm(): Promise<AppForm>;
  probeRights(): Promise<TokenRights>;
}
