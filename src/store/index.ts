// src/store: the graph's data, independent of how it is kept on disk.
//   values.ts     the value model: PropertyValue, Float and the tagged classes, factories,
//                 classification, equality, UTF-8 key order
//   events.ts     MutationEvent, the contract's twelve graph changes (and SchemaEvent, the
//                 index/constraint changes a LoraDB log may hold, recognised to be refused)
//   lw1-codec.ts  the LW1 payload codec: events to and from the bytes of WAL records
//
// The package entry re-exports this file wholesale, so only names fit for users are here;
// message and decoding helpers (describeValue, setMapEntry, intFromBigInt, ...) stay in
// values.ts.
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
  decodeEventPayload,
  encodeBatchPayload,
  encodeEventPayload,
  writeBatchPayload,
  writeEventPayload,
} from "./lw1-codec.js";
