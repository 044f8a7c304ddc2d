/** The shape of a {@link GPT}: nanoGPT's `GPTConfig`, in camelCase. */
export interface GPTConfig {
  /** Number of token ids (the characters of the text). */
  vocabSize: number;
  /** The longest context the model sees (the learned position embeddings). */
  blockSize: number;
  /** Transformer blocks. */
  nLayer: number;
  /** Attention heads per block; `nEmbd` must divide by it. */
  nHead: number;
  /** Width of the residual stream. */
  nEmbd: number;
  /** Dropout on embeddings, attention weights and residual branches (0 for small runs). */
  dropout: number;
  /** Biases in the Linear layers and LayerNorms (nanoGPT's `bias`). */
  bias: boolean;
}
