// Serialises work per conversation: turns of one conversation run one after another, other conversations in parallel.

/** A promise chain per key; a failed task never blocks the tasks queued after it. */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every earlier task of the same key has settled; resolves or rejects with the task's own result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget the key once its last task is done, so idle conversations hold no memory.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many conversations have work queued or running (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
