import { defaultWriter } from '../progress/default-writer';
import { formatLogLine } from '../progress/format-log-line';
import { ProgressReporter, type ProgressMode } from '../progress/progress-reporter';
import type { ProgressWriter } from '../progress/progress-writer';
import type { FitOptions } from './fit-options';
import type { EvalRow, TrainRow } from './history';

/**
 * What `fit` prints while it trains: the progress bar (or nothing between log lines), a log
 * line every `logEvery` steps, at each evaluation and at the last step, and the lines of
 * callbacks (`ctx.log`).
 *
 * @example
 * ```ts
 * const log = new FitLog({ progress: 'log' }, 500, 100);
 * log.progress(row);
 * log.stepEnd(row, evalRow, false); // "step  100 | train loss 1.3109 | val loss 1.3044 | lr 2.96e-04"
 * ```
 */
export class FitLog {
  /** Where everything goes (`options.output`, or the default writer). */
  readonly writer: ProgressWriter;
  readonly mode: ProgressMode;
  private readonly reporter: ProgressReporter;
  private lastLogged = -1;

  constructor(
    options: Pick<FitOptions, 'progress' | 'output'>,
    total: number | undefined,
    private readonly logEvery: number,
  ) {
    this.writer = options.output ?? defaultWriter();
    this.mode = progressMode(options.progress, this.writer);
    this.reporter = new ProgressReporter(this.mode, this.writer, { total });
  }

  /** Step `row` is done: the bar moves. */
  progress(row: TrainRow): void {
    this.reporter.update(row.step, row.loss);
  }

  /** After the step's evaluation: its line, every `logEvery` steps, at the last and when evaluated. */
  stepEnd(row: TrainRow, evalRow: EvalRow | undefined, isLast: boolean): void {
    if (row.step % this.logEvery === 0 || isLast || evalRow !== undefined) this.row(row, evalRow);
  }

  /** The line of step `row` and the evaluation that followed it, if any. */
  row(row: TrainRow, evalRow: EvalRow | undefined): void {
    this.reporter.line(logLine(row, evalRow));
    this.lastLogged = row.step;
  }

  /** The run's last step: its line, unless printed already with nothing new to add. */
  last(row: TrainRow, evalRow: EvalRow | undefined): void {
    if (evalRow !== undefined || this.lastLogged !== row.step) this.row(row, evalRow);
  }

  /** A permanent line of text (a callback's, the stop reason). */
  line(text: string): void {
    this.reporter.line(text);
  }

  /** Ends the bar's line. */
  finish(): void {
    this.reporter.finish();
  }
}

function logLine(row: TrainRow, evalRow: EvalRow | undefined): string {
  let val: Record<string, number> | undefined;
  if (evalRow !== undefined) {
    const { step: _step, epoch: _epoch, ...metrics } = evalRow;
    val = metrics;
  }
  return formatLogLine({ step: row.step, trainLoss: row.loss, val, lr: row.lr });
}

function progressMode(option: FitOptions['progress'], writer: ProgressWriter): ProgressMode {
  if (option === false || option === 'none') return 'none';
  if (option === 'bar' || option === 'log') return option;
  return writer.isTTY === true ? 'bar' : 'log';
}
