// `model.summary()`: a Keras-style table of layers, output shapes and parameter counts.
import { formatShape } from '../errors.js';
import type { Layer } from './layer.js';

export type SummaryOptions = {
  lineLength?: number;
  /** Where to print; default console.log. The text is also returned. */
  printFn?: (text: string) => void;
};

export interface SummarizableModel {
  readonly name: string;
  readonly layers: Layer[];
  readonly trainableWeights: { shape: number[] }[];
  readonly nonTrainableWeights: { shape: number[] }[];
  getClassName(): string;
}

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function outputShapeOf(layer: Layer): string {
  const node = layer.inboundNodes[layer.inboundNodes.length - 1];
  if (!node) return '?';
  const shapes = node.outputTensors.map((t) => formatShape(t.shape));
  return shapes.length === 1 ? shapes[0] : shapes.join(', ');
}

function connectionsOf(layer: Layer): string {
  const node = layer.inboundNodes[layer.inboundNodes.length - 1];
  return node ? node.inboundLayers.map((l) => l.name).join(', ') : '';
}

export function formatSummary(model: SummarizableModel, options: SummaryOptions = {}): string {
  const width = options.lineLength ?? 80;
  const showConnections = model.getClassName() !== 'Sequential';
  const columns = showConnections ? [0.3, 0.55, 0.7, 1] : [0.45, 0.8, 1];
  const stops = columns.map((c) => Math.floor(c * width));
  const row = (cells: string[]): string => {
    let line = '';
    cells.forEach((cell, i) => {
      const end = stops[i];
      line = (line + cell).slice(0, end - 1).padEnd(end);
    });
    return line.trimEnd();
  };
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(showConnections ? ['Connected to'] : [])];
  const lines = [`Model: "${model.name}"`, '_'.repeat(width), row(header), '='.repeat(width)];
  model.layers.forEach((layer, i) => {
    const cells = [`${layer.name} (${layer.getClassName()})`, outputShapeOf(layer), String(layer.countParams())];
    if (showConnections) cells.push(connectionsOf(layer));
    lines.push(row(cells));
    lines.push(i === model.layers.length - 1 ? '='.repeat(width) : '_'.repeat(width));
  });
  if (model.layers.length === 0) lines.push('='.repeat(width));
  const trainable = model.trainableWeights.reduce((n, w) => n + size(w.shape), 0);
  const nonTrainable = model.nonTrainableWeights.reduce((n, w) => n + size(w.shape), 0);
  lines.push(`Total params: ${(trainable + nonTrainable).toLocaleString('en-US')}`);
  lines.push(`Trainable params: ${trainable.toLocaleString('en-US')}`);
  lines.push(`Non-trainable params: ${nonTrainable.toLocaleString('en-US')}`);
  lines.push('_'.repeat(width));
  return lines.join('\n');
}
