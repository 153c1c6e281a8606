// Drives many scripted conversations over Direct Line (HTTP + WebSocket): a paced run for latency and a saturation run for throughput.
import { DirectLineClient, type DlActivity } from '../scale/directLineClient.js';
import { CRITICAL_MESSAGE, names112, nextMessage } from './screeningScript.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PacedOptions {
  conversations: number;
  turns: number;
  thinkMs: number;
  /** Every n-th conversation sends the critical message as its 4th turn (0 = none). */
  acuteEvery: number;
  /** The run stops here; turns still open then count as timeouts. */
  maxMs: number;
}

export interface PacedResult {
  latencies: number[];
  acuteLatencies: number[];
  turns: number;
  failures: number;
  firstFailure: string | null;
  elapsedMs: number;
}

/**
 * N conversations, starts spread over one think time so about N turns/s are offered; each waits
 * thinkMs after a reply before its next message. Conversations alternate over the given servers.
 */
export async function runPaced(baseUrls: string[], options: PacedOptions): Promise<PacedResult> {
  const result: PacedResult = { latencies: [], acuteLatencies: [], turns: 0, failures: 0, firstFailure: null, elapsedMs: 0 };
  const started = performance.now();
  const deadline = started + options.maxMs;
  const fail = (error: unknown) => {
    result.failures++;
    result.firstFailure ??= (error as Error).message;
  };
  const one = async (index: number) => {
    await sleep((index * Math.max(options.thinkMs, 1_000)) / options.conversations);
    let client: DirectLineClient | null = null;
    try {
      client = await DirectLineClient.start(baseUrls[index % baseUrls.length]!);
      await client.connect();
      // The welcome arrives on its own; wait for it so the first turn is measured like every other.
      await client.waitFor((a) => a.from?.role === 'bot', 10_000).catch(() => undefined);
      let replies: DlActivity[] = client.received.filter((a) => a.from?.role === 'bot');
      for (let turn = 0; turn < options.turns && performance.now() < deadline; turn++) {
        const acute = options.acuteEvery > 0 && index % options.acuteEvery === 0 && turn === 3;
        if (acute) {
          const from = client.received.length;
          const t0 = performance.now();
          const id = await client.post({ type: 'message', text: CRITICAL_MESSAGE });
          await client.waitFor((a) => a.replyToId === id && names112(a), 10_000, from);
          result.acuteLatencies.push(performance.now() - t0);
          // Let the rest of the safety answer arrive before choosing the next message from it.
          await client.waitFor((a) => a.replyToId === id && a.inputHint === 'expectingInput', 300, from).catch(() => undefined);
          replies = client.received.slice(from).filter((a) => a.replyToId === id);
        } else {
          const turnResult = await client.turn(nextMessage(turn, replies), { timeoutMs: Math.max(1_000, deadline - performance.now()) });
          result.latencies.push(turnResult.latencyMs);
          replies = turnResult.replies;
        }
        result.turns++;
        if (options.thinkMs > 0) await sleep(options.thinkMs);
      }
    } catch (error) {
      fail(error);
    } finally {
      client?.close();
    }
  };
  await Promise.all(Array.from({ length: options.conversations }, (_, i) => one(i)));
  result.elapsedMs = performance.now() - started;
  return result;
}

export interface SaturationResult {
  turns: number;
  turnsPerSecond: number;
  failures: number;
  firstFailure: string | null;
}

/**
 * `workers` conversations at a time with no think time, each replaced by a new one after `turns`
 * turns, for `seconds`; counts the turns that completed inside the window.
 */
export async function runSaturation(baseUrls: string[], options: { workers: number; turns: number; seconds: number }): Promise<SaturationResult> {
  const result: SaturationResult = { turns: 0, turnsPerSecond: 0, failures: 0, firstFailure: null };
  const started = performance.now();
  const end = started + options.seconds * 1_000;
  const worker = async (index: number) => {
    let round = 0;
    while (performance.now() < end) {
      let client: DirectLineClient | null = null;
      try {
        client = await DirectLineClient.start(baseUrls[(index + round++) % baseUrls.length]!);
        await client.connect();
        await client.waitFor((a) => a.from?.role === 'bot', 10_000).catch(() => undefined);
        let replies: DlActivity[] = client.received.filter((a) => a.from?.role === 'bot');
        for (let turn = 0; turn < options.turns && performance.now() < end; turn++) {
          const turnResult = await client.turn(nextMessage(turn, replies), { timeoutMs: 15_000, settleMs: 100 });
          replies = turnResult.replies;
          if (performance.now() <= end) result.turns++;
        }
      } catch (error) {
        result.failures++;
        result.firstFailure ??= (error as Error).message;
        await sleep(50);
      } finally {
        client?.close();
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  result.turnsPerSecond = result.turns / options.seconds;
  return result;
}

/** Opens n conversations (started, stream connected, welcome received) and keeps them open; returns a closer. */
export async function openIdle(baseUrl: string, n: number, batch = 50): Promise<{ close(): void; opened: number }> {
  const clients: DirectLineClient[] = [];
  for (let i = 0; i < n; i += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, async () => {
        const client = await DirectLineClient.start(baseUrl);
        await client.connect();
        await client.waitFor((a) => a.from?.role === 'bot', 10_000).catch(() => undefined);
        return client;
      }),
    );
    clients.push(...opened);
  }
  return {
    opened: clients.length,
    close: () => clients.forEach((c) => c.close()),
  };
}
