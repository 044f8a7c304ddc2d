import { GpuBuffer, type BufferCell, type DeviceData } from './gpu-buffer';
import { nextTask } from './next-task';

/**
 * Live buffers below which growth is never reported: a model with its optimizer state and a few
 * steps' worth of tensors stays under it.
 */
const growthFloor = 10_000;

/**
 * Tracks the device buffers of one backend. Each wrapper's sentinel is registered with a
 * `FinalizationRegistry`, so the device data of a tensor that is garbage-collected without
 * `dispose()` is released too. `live` counts buffers neither freed nor collected.
 *
 * With `deleteData` (GL textures, which the garbage collector cannot free) the registry keeps
 * the data until the finalizer deletes it. Without it (gpu.js's Float32Arrays in `cpu` and
 * `webasm` modes) it keeps nothing of the buffer, and watches an empty sentinel rather than the
 * wrapper, so the arrays of dropped tensors are freed by the collector's first (minor)
 * collection, even in a loop that never yields to the finalizer.
 *
 * Finalizers run only between tasks of the event loop. When the live count reaches twice what
 * it was (and at least {@link growthFloor}) without a single task having run in between — a
 * loop that never yields, so collected buffers are never released — `onGrowth` is called, once,
 * with the two counts. Checking costs one comparison per buffer and one `nextTask` per doubling.
 *
 * @example
 * ```ts
 * const registry = new BufferRegistry(null); // Float32Array buffers
 * const buffer = registry.wrap(new Float32Array(4), 4);
 * registry.release(buffer); // registry.live is back to 0
 * ```
 */
export class BufferRegistry {
  private count = 0;
  private collectedCount = 0;
  private readonly finalizer: FinalizationRegistry<BufferCell | null>;
  /** The live count that triggers the next growth check (Infinity once reported). */
  private checkAt: number;
  /** The live count when the pending check task was scheduled; null when none is pending. */
  private checkedAt: number | null = null;

  constructor(
    private readonly deleteData: ((data: DeviceData) => void) | null,
    private readonly onGrowth: ((from: number, to: number) => void) | null = null,
  ) {
    // The held cell references neither the wrapper nor its sentinel: it cannot keep them alive.
    this.finalizer = new FinalizationRegistry((cell) => {
      this.collectedCount++;
      if (cell === null) this.count--;
      else this.releaseCell(cell);
    });
    this.checkAt = onGrowth === null ? Infinity : growthFloor;
  }

  /** Buffers created and not yet freed or collected. */
  get live(): number {
    return this.count;
  }

  /** How many buffers the garbage collector has released so far (not freed explicitly). */
  get collected(): number {
    return this.collectedCount;
  }

  /** Wraps kernel output `data` of `size` elements as a new live buffer. */
  wrap(data: DeviceData, size: number): GpuBuffer {
    const buffer = new GpuBuffer({ data }, size);
    if (++this.count >= this.checkAt) this.checkGrowth();
    this.finalizer.register(
      buffer.sentinel,
      this.deleteData === null ? null : buffer.cell,
      buffer.sentinel,
    );
    return buffer;
  }

  /** Frees a buffer now; freeing twice is harmless. */
  release(buffer: GpuBuffer): void {
    this.finalizer.unregister(buffer.sentinel);
    this.releaseCell(buffer.cell);
  }

  private releaseCell(cell: BufferCell): void {
    if (cell.data === null) return;
    const data = cell.data;
    cell.data = null;
    this.count--;
    this.deleteData?.(data);
  }

  /**
   * The count reached `checkAt`. If the task scheduled when it was half this is still pending,
   * nothing has yielded since: report it. Otherwise schedule a task that, when it runs, sets
   * the next threshold from the count at that time.
   */
  private checkGrowth(): void {
    if (this.checkedAt !== null) {
      this.checkAt = Infinity;
      this.onGrowth!(this.checkedAt, this.count);
      return;
    }
    this.checkedAt = this.count;
    this.checkAt = 2 * this.count;
    nextTask(() => {
      this.checkedAt = null;
      if (this.checkAt !== Infinity) this.checkAt = Math.max(growthFloor, 2 * this.count);
    });
  }
}
