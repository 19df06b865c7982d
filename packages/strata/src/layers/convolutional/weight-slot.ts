// A weight's initializer, regularizer and constraint, resolved once in the constructor and
// written back to the config (kernel, bias, depthwise and pointwise kernels share this).
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import type { Constraint } from '../../constraints/constraint.js';
import { getConstraint, type ConstraintIdentifier } from '../../constraints/get-constraint.js';
import type { Regularizer } from '../../regularizers/regularizer.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { serializeOptional, type OptionalSerialized } from '../../saving/optional.js';
import { serialize, type SerializedObject } from '../../saving/serialization.js';

export type WeightSlot = { initializer: Initializer; regularizer: Regularizer | null; constraint: Constraint | null };

export function weightSlot(
  initializer: InitializerIdentifier | undefined,
  fallback: string,
  regularizer: RegularizerIdentifier | null | undefined,
  constraint: ConstraintIdentifier | null | undefined,
): WeightSlot {
  return {
    initializer: getInitializer(initializer ?? fallback),
    regularizer: getRegularizer(regularizer),
    constraint: getConstraint(constraint),
  };
}

export type SerializedSlot = { initializer: SerializedObject; regularizer: OptionalSerialized; constraint: OptionalSerialized };

export function serializeSlot(slot: WeightSlot): SerializedSlot {
  return {
    initializer: serialize(slot.initializer),
    regularizer: serializeOptional(slot.regularizer),
    constraint: serializeOptional(slot.constraint),
  };
}
