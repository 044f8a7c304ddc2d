/** True on little-endian hosts (nearly all), where typed arrays already hold safetensors' byte order. */
export const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
