/**
 * A computed colour as `rgb(r, g, b)`, whatever its serialization: the kit computes its colours with
 * CSS relative colours, which Chromium serializes as `oklch(…)`. A 1×1 canvas converts to sRGB.
 */
export function rgb(colour: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = colour;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return `rgb(${r}, ${g}, ${b})`;
}
