// Prometheus counters for the whole server: aggregate figures only, never labelled with anything about a person.
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly conversationsStarted: Counter;
  readonly turns: Counter;
  readonly urgentFlags: Counter;
  readonly handoffs: Counter;
}

/** A fresh registry per app, so tests and several servers in one process never share counts. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'hulpwijzer_' });
  const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
  return {
    registry,
    conversationsStarted: counter('hulpwijzer_conversations_started_total', 'Conversations started over Direct Line'),
    turns: counter('hulpwijzer_turns_total', 'User messages handled'),
    urgentFlags: counter('hulpwijzer_urgent_flags_total', 'Conversations marked urgent because of a critical signal'),
    handoffs: counter('hulpwijzer_handoffs_total', 'Conversations handed to a staff member'),
  };
}
