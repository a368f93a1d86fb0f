// Every state a crash (power loss) may leave, from a MemFs's durable state and pending
// operations, in the spirit of ALICE: each directory keeps any prefix of its creations,
// renames and unlinks since its last fsync; each file keeps its fsynced bytes plus any
// prefix of its writes and truncations since, and the last kept write may be torn at any
// sector boundary inside it. Files no kept directory entry names are gone. Identical
// states are yielded once; past `maxStates` the combinations are sampled (seeded).
import { crc32 } from "../internal/crc.js";
import { MemFs, type DataOp, type Inode, type NameOp } from "./mem-fs.js";

export interface CrashStateOptions {
  /** Sector size for torn writes. Default 512. */
  readonly sectorBytes?: number;
  /** Most states to yield; beyond it combinations are sampled. Default 2,000. */
  readonly maxStates?: number;
  readonly seed?: number;
}

export interface CrashState {
  readonly fs: MemFs;
  /** What this state kept, for failure messages. */
  readonly description: string;
}

function applyOp(data: Uint8Array, op: DataOp, keepBytes = Infinity): Uint8Array {
  if (op.kind === "truncate") {
    const next = new Uint8Array(op.lengthBytes);
    next.set(data.subarray(0, op.lengthBytes));
    return next;
  }
  const bytes = op.bytes.subarray(0, Math.min(op.bytes.length, keepBytes));
  const end = op.position + bytes.length;
  const next = new Uint8Array(Math.max(data.length, end));
  next.set(data);
  next.set(bytes, op.position);
  return next;
}

/** Every content a file may have after a crash, with a label for each. */
function fileVariants(inode: Inode, sectorBytes: number): { bytes: Uint8Array; label: string }[] {
  const out: { bytes: Uint8Array; label: string }[] = [{ bytes: inode.durable, label: "0" }];
  let data = inode.durable;
  inode.pending.forEach((op, i) => {
    if (op.kind === "write") {
      const first = Math.floor(op.position / sectorBytes) * sectorBytes + sectorBytes;
      for (let b = first; b < op.position + op.bytes.length; b += sectorBytes) {
        out.push({ bytes: applyOp(data, op, b - op.position), label: `${i}+torn@${b}` });
      }
    }
    data = applyOp(data, op);
    out.push({ bytes: data, label: `${i + 1}` });
  });
  const seen = new Set<string>();
  return out.filter((v) => {
    const key = `${v.bytes.length}:${crc32(v.bytes)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dirVariants(durable: ReadonlyMap<string, Inode>, pending: readonly NameOp[]) {
  const out: Map<string, Inode>[] = [new Map(durable)];
  let cur = new Map(durable);
  for (const op of pending) {
    cur = new Map(cur);
    if (op.kind === "link") cur.set(op.name, op.inode);
    else cur.delete(op.name);
    out.push(cur);
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each combination of choices, all of them when few, else `max` sampled ones. */
function* combinations(sizes: number[], max: number, seed: number): Generator<number[]> {
  const total = sizes.reduce((a, b) => a * b, 1);
  if (total <= max) {
    for (let k = 0; k < total; k++) {
      let rest = k;
      yield sizes.map((n) => {
        const c = rest % n;
        rest = Math.floor(rest / n);
        return c;
      });
    }
    return;
  }
  const rnd = mulberry32(seed);
  yield sizes.map(() => 0);
  yield sizes.map((n) => n - 1);
  for (let k = 2; k < max; k++) yield sizes.map((n) => Math.floor(rnd() * n));
}

/** The crash states of `fs` as it is now. */
export function* crashStates(fs: MemFs, options: CrashStateOptions = {}): Generator<CrashState> {
  const sector = options.sectorBytes ?? 512;
  const max = options.maxStates ?? 2000;
  const model = fs.durabilityModel();
  const dirPaths = [...model.dirs.keys()];
  const dirChoices = dirPaths.map((p) => {
    const d = model.dirs.get(p)!;
    return dirVariants(d.durable, d.pending);
  });
  const inodes = new Set<Inode>();
  for (const choices of dirChoices)
    for (const m of choices) for (const i of m.values()) inodes.add(i);
  const inodeList = [...inodes];
  const variants = new Map(inodeList.map((i) => [i, fileVariants(i, sector)]));
  const sizes = [
    ...dirChoices.map((c) => c.length),
    ...inodeList.map((i) => variants.get(i)!.length),
  ];
  const seen = new Set<string>();
  for (const pick of combinations(sizes, max, options.seed ?? 1)) {
    const dirs = new Map<string, Map<string, Uint8Array>>();
    const labels: string[] = [];
    dirPaths.forEach((p, d) => {
      const entries = dirChoices[d]![pick[d]!]!;
      const files = new Map<string, Uint8Array>();
      for (const [name, inode] of entries) {
        const v = variants.get(inode)![pick[dirPaths.length + inodeList.indexOf(inode)]!]!;
        files.set(name, v.bytes);
        if (inode.pending.length > 0) labels.push(`${p}/${name}@${v.label}`);
      }
      if (model.dirs.get(p)!.pending.length > 0) labels.push(`${p}:names@${pick[d]}`);
      dirs.set(p, files);
    });
    const description = labels.join(" ");
    const key = [...dirs]
      .map(([p, f]) => `${p}{${[...f].map(([n, b]) => `${n}:${b.length}:${crc32(b)}`).join(",")}}`)
      .join("");
    if (seen.has(key)) continue;
    seen.add(key);
    yield { fs: MemFs.fromContents(dirs), description };
  }
}
