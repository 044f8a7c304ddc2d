import { trackStorages, type Storage, type Tensor } from '@torchlet/tensor';

/**
 * The books of one backward pass: which storages the pass itself created, how many pending
 * gradients still refer to each, and which escaped to the user (a leaf's `.grad`, a returned
 * gradient). A storage the pass created, that no pending gradient refers to and that did not
 * escape is garbage, and is freed at once. So a backward pass leaves behind no device buffers
 * but the gradients it hands out, even in a loop that never yields to the garbage collector.
 *
 * Disabled (it frees nothing) when the pass is recorded for higher-order gradients: the new
 * graph saves some of these tensors.
 *
 * @example
 * ```ts
 * const ledger = new GradientLedger(true);
 * const gx = ledger.run(() => g.mul(2)); // made by the pass
 * ledger.hold(gx); // pending for some node
 * ledger.drop(gx); // used up: its buffer is freed
 * ```
 */
export class GradientLedger {
  private readonly made = new Set<Storage>();
  private readonly refs = new Map<Storage, number>();
  private readonly escaped = new Set<Storage>();
  private batch: Storage[] = [];

  constructor(readonly enabled: boolean) {}

  /** Runs `fn`, noting every storage it creates as the pass's own. */
  run<T>(fn: () => T): T {
    if (!this.enabled) return fn();
    const batch: Storage[] = [];
    const result = trackStorages(batch, fn);
    for (const s of batch) this.made.add(s);
    this.batch = batch;
    return result;
  }

  /** Runs code the pass does not own (a custom function's backward): nothing it makes is freed. */
  foreign<T>(fn: () => T): T {
    return this.enabled ? trackStorages(null, fn) : fn();
  }

  /** A pending gradient now refers to `t`'s storage. */
  hold(t: Tensor): void {
    if (!this.enabled) return;
    this.refs.set(t.storage, (this.refs.get(t.storage) ?? 0) + 1);
  }

  /** A pending gradient that referred to `t`'s storage was used up. */
  drop(t: Tensor): void {
    if (!this.enabled) return;
    const s = t.storage;
    const left = (this.refs.get(s) ?? 1) - 1;
    if (left > 0) {
      this.refs.set(s, left);
      return;
    }
    this.refs.delete(s);
    this.freeIfGarbage(s);
  }

  /** `t` reaches user code: its storage is never freed. */
  escape(t: Tensor): void {
    if (this.enabled) this.escaped.add(t.storage);
  }

  /**
   * Whether `t`'s storage is the pass's own and not yet handed out, so a leaf may take it as its
   * `.grad` without a copy (two leaves, or a leaf and the caller, must never share one buffer).
   */
  owns(t: Tensor): boolean {
    return this.enabled && this.made.has(t.storage) && !this.escaped.has(t.storage);
  }

  /** Frees what the last {@link run} made and nothing refers to (a rule's temporaries). */
  sweep(): void {
    for (const s of this.batch) this.freeIfGarbage(s);
    this.batch = [];
  }

  private freeIfGarbage(s: Storage): void {
    if (this.made.has(s) && !this.refs.has(s) && !this.escaped.has(s) && !s.disposed) {
      s.dispose();
      this.made.delete(s);
    }
  }
}
