import { Tensor, tensor } from 'torchlet';

/**
 * A character-level tokenizer: every distinct character of a text is a token, numbered in sorted
 * order (nanoGPT's `stoi` / `itos`).
 *
 * @example
 * ```ts
 * const vocab = CharVocab.fromText('hello');
 * vocab.chars; // ['e', 'h', 'l', 'o']
 * vocab.encode('hell'); // tensor([1, 0, 2, 2], dtype=int32)
 * vocab.decode([3, 2]); // 'ol'
 * ```
 */
export class CharVocab {
  readonly chars: readonly string[];
  private readonly stoi: Map<string, number>;

  constructor(chars: readonly string[]) {
    this.chars = [...chars];
    this.stoi = new Map(this.chars.map((c, i) => [c, i]));
  }

  /** The vocabulary of `text`: its distinct characters (code points), sorted. */
  static fromText(text: string): CharVocab {
    return new CharVocab([...new Set(text)].sort());
  }

  get size(): number {
    return this.chars.length;
  }

  /** The token ids of `text`, as a 1-D int32 tensor. */
  encode(text: string): Tensor {
    const chars = [...text];
    const ids = new Int32Array(chars.length);
    chars.forEach((c, i) => {
      const id = this.stoi.get(c);
      if (id === undefined) {
        throw new RangeError(
          `CharVocab.encode: character ${JSON.stringify(c)} (at ${i}) is not in the vocabulary ` +
            `of ${this.size} characters; build the vocabulary from a text that contains it`,
        );
      }
      ids[i] = id;
    });
    return tensor(ids, { dtype: 'int32' });
  }

  /** The text of token ids (a tensor, an array, any iterable of ids). */
  decode(ids: Tensor | Iterable<number>): string {
    const list = ids instanceof Tensor ? Array.from(ids.dataSync()) : [...ids];
    return list
      .map((id) => {
        const c = this.chars[id];
        if (c === undefined) {
          throw new RangeError(
            `CharVocab.decode: token id ${id} is out of range for a vocabulary of ${this.size}`,
          );
        }
        return c;
      })
      .join('');
  }
}
