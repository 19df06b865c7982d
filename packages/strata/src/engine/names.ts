// Default layer names as Keras gives them: the snake_case class name, then `_1`, `_2`, ...

const usedCounts = new Map<string, number>();

/** Keras' `to_snake_case`: Conv2D → conv2d, MaxPooling2D → max_pooling2d, SimpleRNN → simple_rnn. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

export function uniqueLayerName(className: string): string {
  const base = toSnakeCase(className);
  const count = usedCounts.get(base) ?? 0;
  usedCounts.set(base, count + 1);
  return count === 0 ? base : `${base}_${count}`;
}
