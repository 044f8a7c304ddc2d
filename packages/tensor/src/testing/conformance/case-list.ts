import type { ConformanceCase } from './conformance-case';

/** An empty case list and `add`, which appends one named case to it. */
export function caseList(): {
  cases: ConformanceCase[];
  add: (name: string, run: () => Promise<void>) => void;
} {
  const cases: ConformanceCase[] = [];
  const add = (name: string, run: () => Promise<void>): void => {
    cases.push({ name, run });
  };
  return { cases, add };
}
