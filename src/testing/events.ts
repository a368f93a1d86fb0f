// Small event builders shared by tests.
import type { MutationEvent } from "../store/index.js";

/** A node creation carrying its id as a property, like the reference tests' `ev`. */
export function ev(id: number): MutationEvent {
  return { kind: "createNode", id, labels: ["N"], properties: { v: id } };
}
