/**
 * The benchmark's accounting through the real stack, on a small workload: our writer spends exactly the
 * request floor of the batches it was given, the one-call-per-event baseline at least two requests per event, and both
 * leave the same engagement on every record. Nothing here is timed.
 */
import { runBench } from '../../scripts/bench/run';
import { WRITER_MAXIMUM_CONCURRENCY } from '../../scripts/local/relay';

jest.setTimeout(180_000);

it('spends the request floor where the baseline spends two requests per event, with the same result', async () => {
  const result = await runBench({
    events: 300,
    records: 30,
    type: 'mix',
    batchSize: 50,
    batchingWindowMs: 200,
    // As deployed: writers side by side, on 30 records, so batches in flight at once share records.
    writers: WRITER_MAXIMUM_CONCURRENCY,
    concurrency: 10,
    kintoneLatencyMs: 0,
    encoding: 'form',
    baseline: true,
    seed: 7,
    settleTimeoutMs: 60_000,
    onProgress: () => undefined,
    log: () => undefined,
  });

  expect(result.ours.settled).toBe(true);
  expect(result.ours.answers).toEqual({ '202': 300 });
  expect(result.baseline?.answers).toEqual({ '202': 300 });
  const { written, duplicates, unmatched, filtered, failed } = result.ours.status;
  expect(written + duplicates + unmatched + filtered).toBe(300);
  expect(failed).toBe(0);
  // 'delivered' is not among the demo mapping's event types: those events cost nothing on either side.
  expect(filtered).toBeGreaterThan(0);
  expect(result.ours.writerBatches).toBeGreaterThanOrEqual(Math.ceil(300 / 50));
  expect(result.ours.kintoneRequests).toBe(result.ours.floor);
  expect(result.baseline!.kintoneRequests).toBeGreaterThanOrEqual(2 * written);
  expect(result.ratios!.kintoneRequests).toBe(result.baseline!.kintoneRequests / result.ours.kintoneRequests);
  expect(result.recordsThatDiffer).toBe(0);
});
