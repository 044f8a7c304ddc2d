// "A three-layer network": Linear 4→64, 64→32, 32→3 with ReLU, and its parameter count.
import { Linear, Module, relu, type Tensor } from 'torchlet';

class ThreeLayerNet extends Module {
  fc1 = new Linear(4, 64);
  fc2 = new Linear(64, 32);
  fc3 = new Linear(32, 3);

  forward(x: Tensor): Tensor {
    x = relu(this.fc1.forward(x));
    x = relu(this.fc2.forward(x));
    return this.fc3.forward(x);
  }
}

const model = new ThreeLayerNet();
console.log(String(model));
for (const [name, p] of model.namedParameters())
  console.log(`${name.padEnd(11)} [${p.shape.join(', ')}]`);
console.log(`Total parameters: ${model.numParameters().toLocaleString('en-US')}`);
