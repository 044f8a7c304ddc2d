import { randn, type Tensor } from 'torchlet';

/**
 * Samples with real structure, as in the demo: 16 random features, labelled by the argmax of a
 * fixed random linear `teacher` [16, 4] plus noise, so a small network can learn them.
 */
export function teacherData(teacher: Tensor, samples: number): [x: Tensor, y: Tensor] {
  const x = randn([samples, 16]);
  const y = x
    .matmul(teacher)
    .add(randn([samples, 4]).mul(0.5))
    .argmax(1);
  return [x, y];
}
