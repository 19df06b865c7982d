// Where the channels axis is: tfjs spells it 'channelsLast' / 'channelsFirst', Keras
// 'channels_last' / 'channels_first'. Layers accept both, compute in the tfjs spelling, and store
// Keras' spelling in configs so files read in Keras and tfjs-layers alike.
import { ValueError } from '../errors.js';

export type DataFormat = 'channelsLast' | 'channelsFirst';
export type DataFormatName = DataFormat | 'channels_last' | 'channels_first';
/** Keras' spelling, as configs store it. */
export type DataFormatConfig = 'channels_last' | 'channels_first';

/** Accepts either spelling; the default is channels-last. */
export function dataFormatOf(value: DataFormatName | string | undefined, layerName: string): DataFormat {
  const v = value ?? 'channelsLast';
  if (v === 'channelsLast' || v === 'channels_last') return 'channelsLast';
  if (v === 'channelsFirst' || v === 'channels_first') return 'channelsFirst';
  throw new ValueError(`Layer '${layerName}': dataFormat must be 'channelsLast' or 'channelsFirst', found '${v}'.`);
}

export function dataFormatConfig(format: DataFormat): DataFormatConfig {
  return format === 'channelsLast' ? 'channels_last' : 'channels_first';
}
