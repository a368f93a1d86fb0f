// The TCK's expected errors ("Then a TypeError should be raised at runtime: Detail") and
// how an actual error is judged against one. The TCK's error kinds map to the package's
// QueryError codes (docs/tck.md lists the table); the phase must match the error's phase
// unless the TCK says "any time" (a SkeinError that is no QueryError, such as CONSTRAINT
// from the store, counts as runtime). The detail is reported, not required.
//
// It does not decide what a failure costs (runner.ts does).
import { QueryError, SkeinError, type SkeinErrorCode } from "../../src/internal/errors.js";

export type ExpectedPhase = "compile time" | "runtime" | "any time";

export interface ExpectedError {
  readonly kind: string;
  readonly phase: ExpectedPhase;
  readonly detail: string;
}

/** The codes each TCK error kind accepts. */
export const ERROR_CODES: Readonly<Record<string, readonly SkeinErrorCode[]>> = {
  SyntaxError: ["SYNTAX", "SEMANTIC"],
  SemanticError: ["SEMANTIC"],
  TypeError: ["TYPE"],
  ArgumentError: ["ARGUMENT"],
  EntityNotFound: ["NOT_FOUND"],
  ConstraintVerificationFailed: ["CONSTRAINT"],
  ParameterMissing: ["PARAMETER_MISSING"],
  ProcedureError: ["SEMANTIC"],
};

const ERROR_STEP_RE = /^an? (\w+) should be raised at (compile time|runtime|any time): ?(.*)$/;

/** The error a step expects, or null when the step is no error step. */
export function expectedErrorOf(text: string): ExpectedError | null {
  const m = ERROR_STEP_RE.exec(text);
  if (m === null) return null;
  return { kind: m[1] ?? "", phase: m[2] as ExpectedPhase, detail: (m[3] ?? "").trim() };
}

export type ErrorVerdict =
  | { readonly ok: true; readonly detailMatches: boolean; readonly actualDetail: string | null }
  | { readonly ok: false; readonly why: string };

export function errorMatches(err: unknown, expected: ExpectedError): ErrorVerdict {
  if (!(err instanceof SkeinError)) return { ok: false, why: "not a SkeinError" };
  const codes = ERROR_CODES[expected.kind];
  if (codes === undefined) return { ok: false, why: `unknown TCK error kind ${expected.kind}` };
  if (!codes.includes(err.code)) {
    return { ok: false, why: `code ${err.code}, expected ${codes.join(" or ")}` };
  }
  const phase = err instanceof QueryError ? err.phase : "runtime";
  const wantPhase = expected.phase === "compile time" ? "compile" : expected.phase;
  if (wantPhase !== "any time" && phase !== wantPhase) {
    return { ok: false, why: `phase ${phase}, expected ${wantPhase}` };
  }
  const actualDetail = err instanceof QueryError ? err.detail : null;
  return { ok: true, detailMatches: actualDetail === expected.detail, actualDetail };
}
