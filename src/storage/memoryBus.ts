// The in-process bus (one server instance): an EventEmitter per topic; a failing handler never reaches the publisher.
import { EventEmitter } from 'node:events';
import type { Bus, BusTopic } from './store.js';

export class MemoryBus implements Bus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open stream subscribes; the default limit of 10 would only produce warnings.
    this.emitter.setMaxListeners(0);
  }

  async publish(topic: BusTopic, id: string): Promise<void> {
    this.emitter.emit(topic, id);
  }

  subscribe(topic: BusTopic, handler: (id: string) => void): () => void {
    const safe = (id: string) => {
      try {
        handler(id);
      } catch {
        // A subscriber's bug must not break the publisher's request; subscribers log their own failures.
      }
    };
    this.emitter.on(topic, safe);
    return () => {
      this.emitter.off(topic, safe);
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
