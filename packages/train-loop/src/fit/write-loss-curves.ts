import { atomicWriteFile } from '../node/atomic-write-file';
import { lossCurveSvg } from '../plot/loss-curve-svg';
import { lossCurveText } from '../plot/loss-curve-text';
import type { ProgressMode } from '../progress/progress-reporter';
import type { ProgressWriter } from '../progress/progress-writer';
import type { FitOptions } from './fit-options';
import type { History } from './history';

/**
 * The end of `fit`: the loss curves printed in the terminal (`chart`, by default when progress
 * is shown) and written as an SVG file (`plot`, atomically).
 *
 * @example
 * ```ts
 * await writeLossCurves(history, { plot: 'runs/loss.svg' }, process.stdout, 'log');
 * ```
 */
export async function writeLossCurves(
  history: History,
  options: Pick<FitOptions, 'chart' | 'plot' | 'plotTitle'>,
  writer: ProgressWriter,
  mode: ProgressMode,
): Promise<void> {
  if (options.chart ?? mode !== 'none') {
    if (history.train.length > 0) writer.write(`${lossCurveText(history)}\n`);
  }
  if (options.plot !== undefined) {
    await atomicWriteFile(options.plot, lossCurveSvg(history, { title: options.plotTitle }), 'fit');
    if (mode !== 'none') writer.write(`loss curve written to ${options.plot}\n`);
  }
}
