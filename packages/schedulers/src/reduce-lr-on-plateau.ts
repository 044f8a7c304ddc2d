import { checkOption } from './check-option';
import { checkOptionKeys } from './check-option-keys';
import type { SchedulableOptimizer } from './schedulable-optimizer';

/** Options of {@link ReduceLROnPlateau}; names and defaults are PyTorch's. */
export interface ReduceLROnPlateauOptions {
  /** `'min'` when lower metrics are better (a loss), `'max'` when higher are (an accuracy). */
  mode?: 'min' | 'max';
  /** Multiplies the lr on each reduction, in [0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement tolerated before reducing. Default 10. */
  patience?: number;
  /** How much better than the best a metric must be to count as an improvement. Default 1e-4. */
  threshold?: number;
  /** `'rel'`: better than `best * (1 ∓ threshold)`; `'abs'`: than `best ∓ threshold`. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs after a reduction during which bad epochs are not counted. Default 0. */
  cooldown?: number;
  /** Lower bound on the lr, one for all groups or one per group. Default 0. */
  minLr?: number | readonly number[];
  /** Reductions smaller than this are skipped. Default 1e-8. */
  eps?: number;
}

/** What {@link ReduceLROnPlateau.stateDict} saves. */
export interface ReduceLROnPlateauStateDict {
  /**
   * Best metric so far; ±Infinity before the first `step()`. `JSON.stringify` writes it as
   * `null`, which `loadStateDict` reads back as "no metric yet".
   */
  best: number | null;
  /** Consecutive epochs without improvement, outside cooldown. */
  numBadEpochs: number;
  /** Epochs of cooldown left. */
  cooldownCounter: number;
  /** Number of `step()` calls so far. */
  lastEpoch: number;
}

/**
 * Lowers the learning rate when a metric stops improving, with PyTorch's exact rules: after
 * each `step(metric)`, a metric better than the best (by `threshold`) resets the count of bad
 * epochs, otherwise the count grows; during cooldown bad epochs are not counted; once the count
 * exceeds `patience`, every group's lr becomes `max(lr * factor, minLr)` (unless that changes
 * it by `eps` or less) and cooldown starts. A NaN metric counts as a bad epoch, as in PyTorch.
 *
 * @example
 * ```ts
 * const plateau = new ReduceLROnPlateau(opt, { patience: 3, factor: 0.5 });
 * for (let epoch = 0; epoch < 50; epoch++) {
 *   train(); plateau.step(evaluate().loss);
 * }
 * plateau.getLastLr(); // e.g. [0.0125]
 * ```
 */
export class ReduceLROnPlateau {
  /** The optimizer whose groups' `lr` this scheduler reduces. */
  readonly optimizer: SchedulableOptimizer;
  /** `'min'` when lower metrics are better (a loss), `'max'` when higher are (an accuracy). */
  readonly mode: 'min' | 'max';
  /** Multiplies the lr on each reduction. */
  readonly factor: number;
  /** Epochs without improvement tolerated before reducing. */
  readonly patience: number;
  /** How much better than the best a metric must be to count as an improvement. */
  readonly threshold: number;
  /** `'rel'`: better than `best * (1 ∓ threshold)`; `'abs'`: than `best ∓ threshold`. */
  readonly thresholdMode: 'rel' | 'abs';
  /** Epochs after a reduction during which bad epochs are not counted. */
  readonly cooldown: number;
  /** Lower bound on each group's lr. */
  readonly minLrs: readonly number[];
  /** Reductions smaller than this are skipped. */
  readonly eps: number;
  /** Best metric seen so far (±Infinity before the first one). */
  best: number;
  /** Consecutive epochs without improvement, outside cooldown. */
  numBadEpochs = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Number of `step()` calls so far. */
  lastEpoch = 0;
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const op = 'ReduceLROnPlateau';
    if (!optimizer || !Array.isArray(optimizer.paramGroups))
      throw new TypeError(`${op}: optimizer must have a paramGroups array`);
    checkOptionKeys(op, options, [
      'mode',
      'factor',
      'patience',
      'threshold',
      'thresholdMode',
      'cooldown',
      'minLr',
      'eps',
    ]);
    this.optimizer = optimizer;
    this.mode = options.mode ?? 'min';
    if (this.mode !== 'min' && this.mode !== 'max')
      throw new RangeError(`${op}: mode must be 'min' or 'max', got ${String(this.mode)}`);
    this.thresholdMode = options.thresholdMode ?? 'rel';
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs')
      throw new RangeError(
        `${op}: thresholdMode must be 'rel' or 'abs', got ${String(this.thresholdMode)}`,
      );
    this.factor = checkOption(op, 'factor', options.factor ?? 0.1, 'nonNegative');
    if (this.factor >= 1)
      throw new RangeError(
        `${op}: factor must be below 1 (the lr is multiplied by it), got ${this.factor}`,
      );
    this.patience = checkOption(op, 'patience', options.patience ?? 10, 'nonNegativeInteger');
    this.threshold = checkOption(op, 'threshold', options.threshold ?? 1e-4, 'nonNegative');
    this.cooldown = checkOption(op, 'cooldown', options.cooldown ?? 0, 'nonNegativeInteger');
    this.eps = checkOption(op, 'eps', options.eps ?? 1e-8, 'nonNegative');
    const groups = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    if (typeof minLr === 'number') {
      this.minLrs = new Array<number>(groups).fill(checkOption(op, 'minLr', minLr, 'nonNegative'));
    } else {
      if (!Array.isArray(minLr) || minLr.length !== groups)
        throw new RangeError(
          `${op}: expected ${groups} minLr values (one per paramGroup), got ${Array.isArray(minLr) ? minLr.length : String(minLr)}`,
        );
      this.minLrs = minLr.map((v, i) => checkOption(op, `minLr[${i}]`, v, 'nonNegative'));
    }
    this.best = this.worst();
    this.lastLr = this.currentLrs();
  }

  /** Records the metric of an epoch and reduces the lr if it has plateaued. */
  step(metric: number): void {
    if (typeof metric !== 'number')
      throw new TypeError(`ReduceLROnPlateau.step: metric must be a number, got ${typeof metric}`);
    this.lastEpoch += 1;
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.currentLrs();
  }

  /** The lr of each group after the last `step()` (or at construction). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The counters, to save with a checkpoint; the lrs themselves live in the optimizer. */
  stateDict(): ReduceLROnPlateauStateDict {
    return {
      best: this.best,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastEpoch: this.lastEpoch,
    };
  }

  /** Restores the counters saved by {@link ReduceLROnPlateau.stateDict}. */
  loadStateDict(state: ReduceLROnPlateauStateDict): void {
    const op = 'ReduceLROnPlateau.loadStateDict';
    if (typeof state !== 'object' || state === null)
      throw new TypeError(`${op}: expected an object from stateDict()`);
    checkOptionKeys(
      op,
      state,
      ['best', 'numBadEpochs', 'cooldownCounter', 'lastEpoch'],
      'state key',
    );
    const best = state.best === null ? this.worst() : state.best;
    if (typeof best !== 'number' || Number.isNaN(best))
      throw new RangeError(`${op}: best must be a number or null, got ${String(state.best)}`);
    const numBadEpochs = checkOption(op, 'numBadEpochs', state.numBadEpochs, 'nonNegativeInteger');
    const cooldownCounter = checkOption(
      op,
      'cooldownCounter',
      state.cooldownCounter,
      'nonNegativeInteger',
    );
    const lastEpoch = checkOption(op, 'lastEpoch', state.lastEpoch, 'nonNegativeInteger');
    this.best = best;
    this.numBadEpochs = numBadEpochs;
    this.cooldownCounter = cooldownCounter;
    this.lastEpoch = lastEpoch;
    this.lastLr = this.currentLrs();
  }

  private worst(): number {
    return this.mode === 'min' ? Infinity : -Infinity;
  }

  // The comparisons are written as PyTorch's, so borderline metrics are judged identically.
  private isBetter(metric: number, best: number): boolean {
    if (this.mode === 'min')
      return this.thresholdMode === 'rel'
        ? metric < best * (1 - this.threshold)
        : metric < best - this.threshold;
    return this.thresholdMode === 'rel'
      ? metric > best * (this.threshold + 1)
      : metric > best + this.threshold;
  }

  private reduceLr(): void {
    const groups = this.optimizer.paramGroups;
    if (groups.length !== this.minLrs.length)
      throw new RangeError(
        `ReduceLROnPlateau: the optimizer has ${groups.length} paramGroups but minLr was set for ${this.minLrs.length}`,
      );
    groups.forEach((group, i) => {
      const oldLr = group.lr;
      const newLr = Math.max(oldLr * this.factor, this.minLrs[i]);
      if (oldLr - newLr > this.eps) group.lr = newLr;
    });
  }

  private currentLrs(): number[] {
    return this.optimizer.paramGroups.map((group) => group.lr);
  }
}
