// The LW1 payload codec: the bytes of mutation events inside Mutation (kind 1) and
// MutationBatch (kind 6) records, exactly as LoraDB 0.15 writes them, so a log written by
// either engine replays in the other.
//
// It does not frame records, check CRCs or know LSNs (src/wal does) and does not apply
// events. Decoding is bounded and total: it returns events or throws a SkeinError, "DECODE"
// for malformed bytes and "WAL_UNSUPPORTED_EVENT" for a well-formed index or constraint
// change, and every count read is checked against the bytes that remain before anything is
// allocated for it. Encoding sits on the commit path, so it writes straight into the
// caller's ByteWriter without intermediate buffers; if it throws (an invalid event:
// TypeError/RangeError), the writer holds a partial payload that the caller must discard.
//
// Integers are little-endian. str = u64 byte length + UTF-8; bytes = u64 length + raw
// bytes; bool = u8 0 or 1 (any other byte is refused).
//
//   event payload  [0..4) magic "LW1\0" · [4..) one event
//   batch payload  [0..4) magic "LW1\0" · [4..12) u64 event count · [12..) the events
//   event          [0..1) u8 tag · [1..) fields by tag:
//      1 createNode                  u64 id · u64 label count, str each · properties
//      2 createRelationship          u64 id · u64 src · u64 dst · str type · properties
//      3 setNodeProperty             u64 node · str key · value
//      4 removeNodeProperty          u64 node · str key
//      5 addNodeLabel / 6 removeNodeLabel           u64 node · str label
//      7 setRelationshipProperty     u64 rel · str key · value
//      8 removeRelationshipProperty  u64 rel · str key
//      9 deleteRelationship u64 rel · 10 deleteNode u64 node · 11 detachDeleteNode u64 node
//     12 clear                       (no fields)
//     13 CreateIndex bytes request · bool ifNotExists  | read, then refused with
//     14 DropIndex str name · bool ifExists            | WAL_UNSUPPORTED_EVENT: Skein has
//     15 CreateConstraint bytes request · bool         | no indexes or constraints yet
//     16 DropConstraint str name · bool                |
//   properties, value  see lw1-values.ts (shared with the snapshot format)
import { ByteReader, ByteWriter } from "../internal/bytes.js";
import { SkeinError } from "../internal/errors.js";
import type { MutationEvent, SchemaEvent, SchemaEventName } from "./events.js";
import {
  readBool,
  readProperties,
  readValue,
  writeProperties,
  writeText,
  writeValue,
} from "./lw1-values.js";
import { skipProperties } from "./lw1-skip.js";
import { describeValue } from "./tagged-values.js";
import type { Properties } from "./values.js";

const MAGIC = 0x0031_574c; // "LW1\0" read as a little-endian u32

// ---- encoding ----------------------------------------------------------------------------

/** Magic, then one event. */
export function writeEventPayload(w: ByteWriter, ev: MutationEvent): void {
  w.u32(MAGIC);
  writeEvent(w, ev);
}

/** Magic, the event count, then the events. */
export function writeBatchPayload(w: ByteWriter, events: readonly MutationEvent[]): void {
  if (!Array.isArray(events)) throw new TypeError("a batch needs an array of events");
  w.u32(MAGIC);
  w.u64(events.length);
  for (const ev of events as readonly MutationEvent[]) writeEvent(w, ev);
}

/** Bytes a cleared batch keeps for the next transaction: a huge one does not pin its buffer. */
const BATCH_KEEP_BYTES = 4 * 1024 * 1024;

/**
 * A batch payload built one event at a time, as a transaction makes its changes: each
 * event is encoded when it is made, so a transaction holds bytes rather than event objects
 * until it commits, and a bulk load's events die young. `writePayload` frames them as
 * `writeBatchPayload` frames the same events, byte for byte.
 */
export class EventBatch {
  readonly #events = new ByteWriter();
  #count = 0;
  /** Where the last event added starts. */
  #lastAt = 0;

  get count(): number {
    return this.#count;
  }

  /** Encode one more event; an invalid one (TypeError/RangeError) leaves the batch as it was. */
  add(ev: MutationEvent): void {
    const start = this.#events.length;
    try {
      writeEvent(this.#events, ev);
    } catch (err) {
      this.#events.rewind(start);
      throw err;
    }
    this.#lastAt = start;
    this.#count++;
  }

  /** Take back the event just added (it was refused after all); once per `add`. */
  removeLast(): void {
    this.#events.rewind(this.#lastAt);
    this.#count--;
  }

  /** Empty it, for the next transaction. */
  clear(): void {
    this.#events.reset(BATCH_KEEP_BYTES);
    this.#count = 0;
  }

  /** Magic, the event count, then the events. */
  writePayload(w: ByteWriter): void {
    w.u32(MAGIC);
    w.u64(this.#count);
    w.bytes(this.#events.view());
  }
}

export function encodeEventPayload(ev: MutationEvent): Uint8Array {
  const w = new ByteWriter();
  writeEventPayload(w, ev);
  return w.toBytes();
}

export function encodeBatchPayload(events: readonly MutationEvent[]): Uint8Array {
  const w = new ByteWriter();
  writeBatchPayload(w, events);
  return w.toBytes();
}

function writeEvent(w: ByteWriter, ev: MutationEvent): void {
  if (typeof ev !== "object" || ev === null) {
    throw new TypeError(`a mutation event must be an object, got ${describeValue(ev)}`);
  }
  switch (ev.kind) {
    case "createNode":
      w.u8(1);
      writeId(w, ev.id, "node id");
      writeLabels(w, ev.labels);
      writeProperties(w, ev.properties);
      return;
    case "createRelationship":
      w.u8(2);
      writeId(w, ev.id, "relationship id");
      writeId(w, ev.src, "source node id");
      writeId(w, ev.dst, "target node id");
      writeText(w, ev.type, "relationship type");
      writeProperties(w, ev.properties);
      return;
    case "setNodeProperty":
      writeHead(w, 3, ev.nodeId, "node id");
      writeText(w, ev.key, "property key");
      return writeValue(w, ev.value);
    case "removeNodeProperty":
      writeHead(w, 4, ev.nodeId, "node id");
      return writeText(w, ev.key, "property key");
    case "addNodeLabel":
      writeHead(w, 5, ev.nodeId, "node id");
      return writeText(w, ev.label, "label");
    case "removeNodeLabel":
      writeHead(w, 6, ev.nodeId, "node id");
      return writeText(w, ev.label, "label");
    case "setRelationshipProperty":
      writeHead(w, 7, ev.relId, "relationship id");
      writeText(w, ev.key, "property key");
      return writeValue(w, ev.value);
    case "removeRelationshipProperty":
      writeHead(w, 8, ev.relId, "relationship id");
      return writeText(w, ev.key, "property key");
    case "deleteRelationship":
      return writeHead(w, 9, ev.relId, "relationship id");
    case "deleteNode":
      return writeHead(w, 10, ev.nodeId, "node id");
    case "detachDeleteNode":
      return writeHead(w, 11, ev.nodeId, "node id");
    case "clear":
      return w.u8(12);
  }
  const kind: unknown = (ev as { kind?: unknown }).kind;
  throw new TypeError(`unknown mutation event kind ${describeValue(kind)}`);
}

/** An event's tag and the id it acts on. */
function writeHead(w: ByteWriter, tag: number, id: number, what: string): void {
  w.u8(tag);
  writeId(w, id, what);
}

function writeId(w: ByteWriter, id: number, what: string): void {
  if (!Number.isSafeInteger(id) || id < 0) {
    throw new RangeError(`${what} ${describeValue(id)} is not a non-negative safe integer`);
  }
  w.u64(id);
}

function writeLabels(w: ByteWriter, labels: unknown): void {
  if (!Array.isArray(labels)) {
    throw new TypeError(`labels must be an array, got ${describeValue(labels)}`);
  }
  w.u64(labels.length);
  for (let i = 0; i < labels.length; i++) writeText(w, labels[i], "label");
}

// ---- decoding ----------------------------------------------------------------------------

export function decodeEventPayload(bytes: Uint8Array): MutationEvent {
  const r = new ByteReader(bytes);
  readMagic(r);
  const ev = readEvent(r);
  r.expectEnd("mutation event");
  if (ev.kind === "schema") throw unsupported(ev);
  return ev;
}

/** The batch's events; a schema change in it is refused only once the whole batch parsed. */
export function decodeBatchPayload(bytes: Uint8Array): MutationEvent[] {
  const events: MutationEvent[] = [];
  decodeBatchPayloadInto(bytes, events, null, null);
  return events;
}

/**
 * Keeps an encoded property map, `bytes[start, end)` with its framing checked, somewhere
 * (see property-arena.ts) and returns its location.
 */
export type KeepProperties = (bytes: Uint8Array, start: number, end: number) => number;

/**
 * As decodeBatchPayload, appending to `events`. With `keep`, the property maps of creates
 * are not built: each is checked for framing and kept, its event carries empty
 * properties, and `kept` receives its location (-1 for the other events).
 */
export function decodeBatchPayloadInto(
  bytes: Uint8Array,
  events: MutationEvent[],
  kept: number[] | null,
  keep: KeepProperties | null,
): void {
  const r = new ByteReader(bytes);
  readMagic(r);
  const count = r.count("event count", 1);
  let refused: SchemaEvent | undefined;
  for (let i = 0; i < count; i++) {
    keptAt = -1;
    const ev = readEvent(r, keep);
    if (ev.kind === "schema") {
      refused ??= ev;
      continue;
    }
    events.push(ev);
    kept?.push(keptAt);
  }
  r.expectEnd("mutation batch");
  if (refused !== undefined) throw unsupported(refused);
}

/** Where readEvent last kept a property map (decoding is synchronous: one at a time). */
let keptAt = -1;
const KEPT: Properties = Object.freeze({});

/** A create's property map, built, or with `keep` kept (see decodeBatchPayloadInto). */
function createProperties(r: ByteReader, keep: KeepProperties | null): Properties {
  if (keep === null) return readProperties(r);
  const bytes = r.buffer;
  const start = r.index;
  const end = skipProperties(bytes, start, r.endIndex);
  r.skip(end - start, "properties");
  keptAt = keep(bytes, start, end);
  return KEPT;
}

function unsupported(ev: SchemaEvent): SkeinError {
  return new SkeinError(
    "WAL_UNSUPPORTED_EVENT",
    `unsupported mutation event ${ev.name} (tag ${ev.tag}): ${ev.subject} are not supported yet`,
  );
}

function readMagic(r: ByteReader): void {
  const magic = r.take(4, "payload magic");
  if (magic[0] !== 0x4c || magic[1] !== 0x57 || magic[2] !== 0x31 || magic[3] !== 0) {
    const hex = Buffer.from(magic).toString("hex");
    throw new SkeinError("DECODE", `bad payload magic 0x${hex} (expected "LW1\\0")`);
  }
}

function readEvent(r: ByteReader, keep: KeepProperties | null = null): MutationEvent | SchemaEvent {
  const at = r.position;
  const tag = r.u8("event tag");
  switch (tag) {
    case 1:
      return {
        kind: "createNode",
        id: r.safeU64("node id"),
        labels: readLabels(r),
        properties: createProperties(r, keep),
      };
    case 2:
      return {
        kind: "createRelationship",
        id: r.safeU64("relationship id"),
        src: r.safeU64("source node id"),
        dst: r.safeU64("target node id"),
        type: r.string("relationship type"),
        properties: createProperties(r, keep),
      };
    case 3:
      return { kind: "setNodeProperty", ...readNodeKey(r), value: readValue(r) };
    case 4:
      return { kind: "removeNodeProperty", ...readNodeKey(r) };
    case 5:
      return { kind: "addNodeLabel", ...readNodeLabel(r) };
    case 6:
      return { kind: "removeNodeLabel", ...readNodeLabel(r) };
    case 7:
      return { kind: "setRelationshipProperty", ...readRelKey(r), value: readValue(r) };
    case 8:
      return { kind: "removeRelationshipProperty", ...readRelKey(r) };
    case 9:
      return { kind: "deleteRelationship", relId: r.safeU64("relationship id") };
    case 10:
      return { kind: "deleteNode", nodeId: r.safeU64("node id") };
    case 11:
      return { kind: "detachDeleteNode", nodeId: r.safeU64("node id") };
    case 12:
      return { kind: "clear" };
  }
  const schema = SCHEMA_EVENTS[tag - 13];
  if (schema === undefined) {
    throw new SkeinError("DECODE", `unknown event tag ${tag} at byte ${at}`);
  }
  return readSchemaEvent(r, tag, ...schema);
}

function readNodeKey(r: ByteReader): { nodeId: number; key: string } {
  return { nodeId: r.safeU64("node id"), key: r.string("property key") };
}

function readNodeLabel(r: ByteReader): { nodeId: number; label: string } {
  return { nodeId: r.safeU64("node id"), label: r.string("label") };
}

function readRelKey(r: ByteReader): { relId: number; key: string } {
  return { relId: r.safeU64("relationship id"), key: r.string("property key") };
}

const SCHEMA_EVENTS: readonly [SchemaEventName, SchemaEvent["subject"]][] = [
  ["CreateIndex", "indexes"],
  ["DropIndex", "indexes"],
  ["CreateConstraint", "constraints"],
  ["DropConstraint", "constraints"],
];

/** Reads a schema change through to its end, so a malformed one is a decode error. */
function readSchemaEvent(
  r: ByteReader,
  tag: number,
  name: SchemaEventName,
  subject: SchemaEvent["subject"],
): SchemaEvent {
  if (name.startsWith("Create")) r.take(r.count(`${name} request length`, 1), `${name} request`);
  else r.string(`${name} name`);
  readBool(r, `${name} flag`);
  return { kind: "schema", name, tag, subject };
}

function readLabels(r: ByteReader): string[] {
  const count = r.count("label count", 8);
  const labels: string[] = [];
  for (let i = 0; i < count; i++) labels.push(r.string("label"));
  return labels;
}
