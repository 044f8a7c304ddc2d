/** Formats a shape as `[2, 3]` for messages. */
export const show = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
