/** Received mail → reply events, with the real MIME parsing, a folder of raw messages and a file registry. */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMarketoEmulator, type MarketoEmulator } from '../../../scripts/marketo-emulator';
import { marketoClient, marketoLeadDirectory } from '../adapters/marketo-client';
import { folderRawMailStore } from '../adapters/raw-mail-store';
import { sampleRegistration } from '../../../test/support/registry-contract';
import { fileRegistry } from '../adapters/registry-file';
import { defaultConfig } from '../../../contract/src/config';
import { parseKintoneDomains } from '../core/kintone-domains';
import type { EngagementEvent } from '../../../contract/src/events';
import { acceptReply, type ReceivedMail, type ReplyDeps } from './accept-reply';
import type { Log, Registry } from './ports';

const CORPUS = path.resolve(__dirname, '../../../test/fixtures/replies');
const RECEIVED_AT = new Date('2026-11-28T12:00:00Z');

let dir: string;
let registry: Registry;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kms-replies-'));
  for (const [id, file] of Object.entries(MESSAGES)) await copyFile(path.join(CORPUS, file), path.join(dir, id));
  await writeFile(path.join(dir, 'not-mail'), '\u0000\u0001 binary junk, no headers at all');
  registry = fileRegistry(path.join(dir, 'registry.json'));
  const config = defaultConfig();
  await registry.put({ ...sampleRegistration('1'), config });
  await registry.put({
    ...sampleRegistration('2'),
    config: { ...config, leadKey: { source: 'leadId', field: 'marketo_lead_id' } },
  });
  await registry.put({ ...sampleRegistration('3'), config: { ...config, eventTypes: ['open', 'click'] } });
  await registry.put({ ...sampleRegistration('4'), enabled: false, config });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const MESSAGES = {
  'plain-with-token': '01-plain-text-english.eml',
  'outlook-no-token': '03-outlook-alternative.eml',
  'auto-submitted': '07-auto-submitted.eml',
  bounce: '09-bounce-dsn.eml',
};

const warnings: unknown[] = [];
const infos: Record<string, unknown>[] = [];
const quiet: Log = {
  info: (message, data) => void infos.push({ message, ...data }),
  warn: (message, data) => void warnings.push({ message, ...data }),
  error: () => undefined,
};
function deps(queued: EngagementEvent[], overrides: Partial<ReplyDeps> = {}): ReplyDeps {
  return {
    mail: folderRawMailStore(dir),
    registry,
    queue: { send: async (event) => void queued.push(event) },
    logger: quiet,
    kintoneDomains: parseKintoneDomains('example.cybozu.com', false),
    ...overrides,
  };
}
const received = (messageId: string, overrides: Partial<ReceivedMail> = {}): ReceivedMail => ({
  messageId,
  recipients: ['reply+1001@replies.example.com'],
  receivedAt: RECEIVED_AT,
  verdicts: { spam: 'PASS', virus: 'PASS' },
  authentication: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', envelopeFrom: 'bounces@mail.customer.example.com' },
  ...overrides,
});

/** The corpus message 01 again under another id, with its From header replaced. */
async function storedFrom(from: string): Promise<string> {
  const id = `from-${from.replace(/[^a-z0-9]/gi, '-')}`;
  const raw = await readFile(path.join(CORPUS, MESSAGES['plain-with-token']), 'latin1');
  await writeFile(path.join(dir, id), raw.replace(/^From:.*$/m, `From: ${from}`), 'latin1');
  return id;
}

it('queues a human reply for every enabled app that records replies and can find the customer', async () => {
  const queued: EngagementEvent[] = [];
  const before = await registry.status('1');
  const outcome = await acceptReply(received('plain-with-token'), deps(queued));
  expect(outcome).toEqual({ outcome: 'queued', kind: 'human', apps: ['1', '2'] });
  expect(queued.map((e) => e.appId)).toEqual(['1', '2']);
  const [event] = queued;
  expect(event).toMatchObject({
    type: 'reply',
    source: 'mail',
    email: 'jane.doe@customer.example.com',
    leadId: '1001',
    emailName: '',
    link: '',
    isBot: false,
    receivedAt: RECEIVED_AT.toISOString(),
  });
  expect(event!.snippet.length).toBeGreaterThan(10);
  expect(event!.snippet).not.toMatch(/wrote:|^>/m);
  expect(event!.key).toMatch(/^[0-9a-f]{32}$/);
  // One message, one identity in every app, and the same again when it is received twice.
  expect(queued[1]!.key).toBe(event!.key);
  const again: EngagementEvent[] = [];
  await acceptReply(received('plain-with-token', { receivedAt: new Date('2026-11-28T12:05:00Z') }), deps(again));
  expect(again[0]!.key).toBe(event!.key);
  expect((await registry.status('1')).accepted).toBe(before.accepted + 2);
  // The log says what was decided, never what the customer wrote or who they are.
  expect(infos).toContainEqual({
    message: 'reply queued',
    messageId: 'plain-with-token',
    kind: 'human',
    reason: expect.any(String),
    inThread: true,
    apps: ['1', '2'],
    identifiedBy: 'sender',
  });
  const logged = JSON.stringify(infos);
  for (const secret of [event!.snippet.slice(0, 20), 'jane.doe', event!.subject]) expect(logged).not.toContain(secret);
});

it('leaves out an app that finds customers by lead id when the reply carries no lead token', async () => {
  const queued: EngagementEvent[] = [];
  const outcome = await acceptReply(
    received('outlook-no-token', { recipients: ['replies@replies.example.com'] }),
    deps(queued),
  );
  expect(outcome).toEqual({ outcome: 'queued', kind: 'human', apps: ['1'] });
  expect(queued[0]).toMatchObject({ email: 'a.sato@contoso.example', leadId: '' });
});

describe('with Marketo connected', () => {
  let marketo: MarketoEmulator;
  beforeAll(async () => {
    marketo = await startMarketoEmulator();
  });
  afterAll(() => marketo.close());
  const leads = () =>
    marketoLeadDirectory(
      marketoClient(
        {
          restUrl: marketo.restUrl,
          identityUrl: marketo.identityUrl,
          clientId: marketo.clientId,
          clientSecret: marketo.clientSecret,
        },
        { retry: { attempts: 2, startingDelayMs: 10, maxDelayMs: 20 } },
      ),
    );

  it("puts a reply to reply+<lead id>@ on that lead's record when a colleague of the lead's domain sent it", async () => {
    const lead = marketo.leads.find((l) => l.id === 1001)!;
    const colleague = `colleague@${lead.email.split('@')[1]!}`;
    const queued: EngagementEvent[] = [];
    const outcome = await acceptReply(
      received(await storedFrom(colleague), {
        authentication: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', envelopeFrom: colleague },
      }),
      deps(queued, { leads: leads() }),
    );
    expect(outcome).toEqual({ outcome: 'queued', kind: 'human', apps: ['1', '2'] });
    expect(queued.map((e) => [e.appId, e.email, e.leadId])).toEqual([
      ['1', lead.email.toLowerCase(), '1001'],
      ['2', lead.email.toLowerCase(), '1001'],
    ]);
  });

  it("never lets the reply+ token put a stranger's words on the lead's record, authenticated or not", async () => {
    const lead = marketo.leads.find((l) => l.id === 1001)!;
    expect(lead.email.toLowerCase().endsWith('@customer.example.com')).toBe(false);
    const queued: EngagementEvent[] = [];
    const outcome = await acceptReply(received('plain-with-token'), deps(queued, { leads: leads() }));
    expect(outcome).toMatchObject({
      outcome: 'unauthenticated',
      reason: expect.stringMatching(/neither the customer \(by lead token\)/),
    });
    expect(queued).toEqual([]);
  });

  it('falls back to the (authenticated) sender for a lead Marketo does not know, or when Marketo cannot be asked', async () => {
    const unknown: EngagementEvent[] = [];
    await acceptReply(
      received('plain-with-token', { recipients: ['reply+999999@replies.example.com'] }),
      deps(unknown, { leads: leads() }),
    );
    expect(unknown[0]).toMatchObject({ email: 'jane.doe@customer.example.com', leadId: '999999' });

    marketo.faults.add({ path: '/rest/v1/leads.json', status: 503, times: 5 });
    const away: EngagementEvent[] = [];
    await acceptReply(received('plain-with-token'), deps(away, { leads: leads() }));
    expect(away[0]).toMatchObject({ email: 'jane.doe@customer.example.com', leadId: '1001' });
    expect(warnings).toContainEqual(
      expect.objectContaining({
        message: 'Marketo lead lookup failed, the sender stands for the customer',
        leadId: '1001',
      }),
    );
  });
});

it.each([
  ['auto-submitted', 'auto-reply'],
  ['bounce', 'bounce'],
])('drops %s mail (%s) without queueing anything', async (messageId, kind) => {
  const queued: EngagementEvent[] = [];
  const outcome = await acceptReply(received(messageId), deps(queued));
  expect(outcome).toMatchObject({ outcome: 'dropped', kind });
  expect(queued).toEqual([]);
});

it("rejects what SES's scan failed without reading it, and names a message that is not there", async () => {
  const queued: EngagementEvent[] = [];
  const unread = { read: () => Promise.reject(new Error('read a message SES flagged')) };
  const outcome = await acceptReply(
    received('plain-with-token', { verdicts: { spam: 'PASS', virus: 'FAIL' } }),
    deps(queued, { mail: unread }),
  );
  expect(outcome).toEqual({ outcome: 'rejected', reason: 'SES virus verdict FAIL' });
  expect(warnings).toContainEqual(
    expect.objectContaining({ message: 'received mail rejected', messageId: 'plain-with-token' }),
  );
  // Not mail at all: answered, not thrown, since retrying cannot make it readable.
  expect(await acceptReply(received('not-mail'), deps(queued))).toEqual({
    outcome: 'rejected',
    reason: 'the input has no mail header (From, Date, Received, …)',
  });
  // A message that is not stored (yet) is an error: Lambda retries the invocation.
  await expect(acceptReply(received('never-stored'), deps(queued))).rejects.toThrow(/ENOENT/);
  expect(queued).toEqual([]);
});

describe("SES's sender verdicts", () => {
  const FROM = 'jane.doe@customer.example.com';
  it.each([
    // spf, dkim, dmarc, envelope sender (MAIL FROM) → outcome; the From header is Jane.Doe@Customer.Example.com
    ['PASS', 'PASS', 'PASS', 'bounces@mail.customer.example.com', 'queued'],
    ['FAIL', 'PASS', 'PASS', 'someone@elsewhere.example', 'queued'],
    ['PASS', 'FAIL', 'GRAY', 'bounces@mail.customer.example.com', 'queued'],
    ['PASS', 'FAIL', 'GRAY', FROM, 'queued'],
    ['PASS', 'PASS', 'FAIL', FROM, 'unauthenticated'],
    ['FAIL', 'FAIL', 'FAIL', FROM, 'unauthenticated'],
    ['FAIL', 'FAIL', 'GRAY', FROM, 'unauthenticated'],
    ['GRAY', 'GRAY', 'GRAY', FROM, 'unauthenticated'],
    ['FAIL', 'PASS', 'GRAY', FROM, 'unauthenticated'],
    ['PROCESSING_FAILED', 'PROCESSING_FAILED', 'PROCESSING_FAILED', FROM, 'unauthenticated'],
    // SPF passed for the attacker's own envelope domain and the From is forged: the attacker is not the customer.
    ['PASS', 'FAIL', 'GRAY', 'attacker@attacker.example', 'unauthenticated'],
  ])('SPF %s, DKIM %s, DMARC %s, envelope %s → %s', async (spf, dkim, dmarc, envelopeFrom, expected) => {
    const queued: EngagementEvent[] = [];
    const noToken = { recipients: ['replies@replies.example.com'], authentication: { spf, dkim, dmarc, envelopeFrom } };
    const outcome = await acceptReply(received('plain-with-token', noToken), deps(queued));
    expect(outcome.outcome).toBe(expected);
    expect(queued.length > 0).toBe(expected === 'queued');
  });

  it('queues nothing for an app left on a kintone host this deployment no longer serves', async () => {
    const queued: EngagementEvent[] = [];
    const outcome = await acceptReply(
      received('plain-with-token'),
      deps(queued, { kintoneDomains: parseKintoneDomains('other.cybozu.com', false) }),
    );
    expect(outcome).toMatchObject({ outcome: 'unmatched' });
    expect(queued).toEqual([]);
  });
});
