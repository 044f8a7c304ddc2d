/**
 * Splits text into lower-case words: runs of letters, with an inner apostrophe kept ("whale's",
 * "don't"). The book's curly apostrophes become straight ones, so both spellings are one word;
 * dashes, digits and punctuation separate words.
 *
 * @example
 * ```ts
 * tokenizeWords('Call me Ishmael. Some years ago—never mind'); // ['call', 'me', 'ishmael', 'some', 'years', 'ago', 'never', 'mind']
 * ```
 */
export function tokenizeWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[a-z]+(?:'[a-z]+)*/g) ?? []
  );
}
