// src/store: the graph's data, independent of how it is kept on disk.
//   values.ts         the value model: PropertyValue, maps, classification and validation,
//                     equality, UTF-8 key order (re-exports tagged-values.ts)
//   tagged-values.ts  Float and the tagged classes (date, point, vector, ...) and factories
//   events.ts         MutationEvent, the contract's twelve graph changes (and SchemaEvent,
//                     the index/constraint changes a LoraDB log may hold, to be refused)
//   lw1-values.ts     LW1 bytes of values and property maps, shared by the WAL and snapshots
//   lw1-codec.ts      the LW1 payload codec: events to and from the bytes of WAL records
//   canonical.ts      canonical frozen copies of values as they enter the graph
//   entities.ts       Node, Relationship and Path, the graph values readers receive
//   graph.ts          the in-memory property graph and its indexes
//
// Re-exports what other folders may use: the value model, events and graph entities for
// everyone, the graph for src/db, the LW1 codec for src/wal, the value and property-map
// encoding for src/snapshot. Message and decoding helpers (describeValue, setMapEntry,
// intFromBigInt, ...) stay in their files.
export type {
  BinaryFields,
  DateFields,
  DateTimeFields,
  DurationFields,
  LocalDateTimeFields,
  LocalTimeFields,
  PointFields,
  Properties,
  PropertyMap,
  PropertyValue,
  TaggedValue,
  TimeFields,
  ValueKind,
  VectorElementType,
  VectorFields,
} from "./values.js";
export {
  BinaryValue,
  DateTimeValue,
  DateValue,
  DurationValue,
  Float,
  LocalDateTimeValue,
  LocalTimeValue,
  MAX_VALUE_DEPTH,
  PointValue,
  TimeValue,
  VectorValue,
  assertProperties,
  assertPropertyValue,
  binary,
  compareKeys,
  date,
  dateTime,
  duration,
  float,
  isTaggedValue,
  localDateTime,
  localTime,
  point,
  sameItems,
  sortedKeys,
  time,
  valueKind,
  valuesEqual,
  vector,
} from "./values.js";
export type {
  AddNodeLabelEvent,
  ClearEvent,
  CreateNodeEvent,
  CreateRelationshipEvent,
  DeleteNodeEvent,
  DeleteRelationshipEvent,
  DetachDeleteNodeEvent,
  MutationEvent,
  MutationEventKind,
  RemoveNodeLabelEvent,
  RemoveNodePropertyEvent,
  RemoveRelationshipPropertyEvent,
  SetNodePropertyEvent,
  SetRelationshipPropertyEvent,
} from "./events.js";
export { MUTATION_EVENT_KINDS } from "./events.js";
export {
  decodeBatchPayload,
  decodeBatchPayloadInto,
  decodeEventPayload,
  encodeBatchPayload,
  encodeEventPayload,
  writeBatchPayload,
  writeEventPayload,
} from "./lw1-codec.js";
export type { KeepProperties } from "./lw1-codec.js";
export { readProperties, readValue, writeProperties, writeValue } from "./lw1-values.js";
export { Node, Path, Relationship } from "./entities.js";
export { Graph, type GraphView } from "./graph.js";
export { IdSet } from "./id-set.js";
export { PropertyArena } from "./property-arena.js";
export { skipProperties } from "./lw1-skip.js";
