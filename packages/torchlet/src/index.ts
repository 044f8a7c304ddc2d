// The umbrella package: re-exports only. Importing it attaches autograd, so backward() works.
export * from '@torchlet/tensor';
export * from '@torchlet/autograd';
export * as autograd from '@torchlet/autograd';
