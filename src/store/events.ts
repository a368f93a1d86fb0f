// Mutation events: one graph change each, as the contract names them. The write-ahead log
// records them, replay returns them, the graph applies them.
//
// This file only names their shapes; lw1-codec.ts gives them bytes and the graph gives
// them meaning. Ids are non-negative safe integers (`number`): LoraDB's u64 ids never
// exceed that in practice, and the codec refuses one that would.
//
// LoraDB's log may also carry index and constraint changes (LW1 tags 13 to 16). Skein has
// no indexes yet, so those are not mutation events here: `SchemaEvent` keeps just enough
// of one (which, and its tag) for the codec to recognise it and refuse it by name.
import type { Properties, PropertyValue } from "./values.js";

export interface CreateNodeEvent {
  kind: "createNode";
  id: number;
  labels: string[];
  properties: Properties;
}
export interface CreateRelationshipEvent {
  kind: "createRelationship";
  id: number;
  src: number;
  dst: number;
  type: string;
  properties: Properties;
}
export interface SetNodePropertyEvent {
  kind: "setNodeProperty";
  nodeId: number;
  key: string;
  value: PropertyValue;
}
export interface RemoveNodePropertyEvent {
  kind: "removeNodeProperty";
  nodeId: number;
  key: string;
}
export interface AddNodeLabelEvent {
  kind: "addNodeLabel";
  nodeId: number;
  label: string;
}
export interface RemoveNodeLabelEvent {
  kind: "removeNodeLabel";
  nodeId: number;
  label: string;
}
export interface SetRelationshipPropertyEvent {
  kind: "setRelationshipProperty";
  relId: number;
  key: string;
  value: PropertyValue;
}
export interface RemoveRelationshipPropertyEvent {
  kind: "removeRelationshipProperty";
  relId: number;
  key: string;
}
export interface DeleteRelationshipEvent {
  kind: "deleteRelationship";
  relId: number;
}
export interface DeleteNodeEvent {
  kind: "deleteNode";
  nodeId: number;
}
/**
 * Deletes a node and its relationships. LoraDB logs it after the relationship deletions
 * and DeleteNode, so whoever applies it must accept a node that is already gone.
 */
export interface DetachDeleteNodeEvent {
  kind: "detachDeleteNode";
  nodeId: number;
}
export interface ClearEvent {
  kind: "clear";
}

export type MutationEvent =
  | CreateNodeEvent
  | CreateRelationshipEvent
  | SetNodePropertyEvent
  | RemoveNodePropertyEvent
  | AddNodeLabelEvent
  | RemoveNodeLabelEvent
  | SetRelationshipPropertyEvent
  | RemoveRelationshipPropertyEvent
  | DeleteRelationshipEvent
  | DeleteNodeEvent
  | DetachDeleteNodeEvent
  | ClearEvent;

export type MutationEventKind = MutationEvent["kind"];

/** Every kind, in the contract's order. */
export const MUTATION_EVENT_KINDS: readonly MutationEventKind[] = Object.freeze([
  "createNode",
  "createRelationship",
  "setNodeProperty",
  "removeNodeProperty",
  "addNodeLabel",
  "removeNodeLabel",
  "setRelationshipProperty",
  "removeRelationshipProperty",
  "deleteRelationship",
  "deleteNode",
  "detachDeleteNode",
  "clear",
]);

/** LoraDB's names for the schema changes Skein cannot apply yet. */
export type SchemaEventName = "CreateIndex" | "DropIndex" | "CreateConstraint" | "DropConstraint";

/** A schema change found in a log: recognised, then refused (see the header). */
export interface SchemaEvent {
  kind: "schema";
  name: SchemaEventName;
  tag: number;
  /** What is missing, for the refusal's message. */
  subject: "indexes" | "constraints";
}
