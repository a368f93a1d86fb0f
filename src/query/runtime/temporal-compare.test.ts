// Tests of temporal comparison: the calendar arithmetic behind it and each kind's order.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  date,
  dateTime,
  duration,
  localDateTime,
  localTime,
  time,
} from "../../store/tagged-values.js";
import { compareDurations, compareTemporal, epochDay, temporalKey } from "./temporal-compare.js";

void test("epochDay counts days from 1970-01-01, far in both directions", () => {
  assert.equal(epochDay(1970, 1, 1), 0);
  assert.equal(epochDay(1970, 1, 2), 1);
  assert.equal(epochDay(1969, 12, 31), -1);
  assert.equal(epochDay(2000, 3, 1), 11017);
  assert.equal(epochDay(1, 1, 1), -719162);
  for (const [y, m, d] of [
    [2024, 2, 29],
    [1900, 3, 1],
    [1600, 12, 31],
    [-500, 6, 15],
  ] as const) {
    const js = new Date(0);
    js.setUTCFullYear(y, m - 1, d);
    assert.equal(epochDay(y, m, d), Math.round(js.getTime() / 86400000), `${y}-${m}-${d}`);
  }
});

void test("each kind compares by its fields or instant", () => {
  assert.ok(
    compareTemporal(
      date({ year: 1980, month: 12, day: 24 }),
      date({ year: 1984, month: 10, day: 11 }),
    ) < 0,
  );
  assert.equal(compareTemporal(localTime({ hour: 1 }), localTime({ hour: 1 })), 0);
  assert.ok(
    compareTemporal(localTime({ hour: 1, nanosecond: 2 }), localTime({ hour: 1, nanosecond: 1 })) >
      0,
  );
  assert.equal(
    compareTemporal(time({ hour: 12, offsetSeconds: 3600 }), time({ hour: 11, offsetSeconds: 0 })),
    0,
  );
  assert.ok(
    compareTemporal(
      localDateTime({ year: 1984, month: 10, day: 11, hour: 12, minute: 30 }),
      localDateTime({ year: 1984, month: 10, day: 11, hour: 12, minute: 31 }),
    ) < 0,
  );
  // crossing midnight through the offset
  const a = dateTime({ year: 2000, month: 1, day: 1, hour: 0, offsetSeconds: 3600 });
  const b = dateTime({ year: 1999, month: 12, day: 31, hour: 23, minute: 30, offsetSeconds: 0 });
  assert.ok(compareTemporal(a, b) < 0);
  assert.equal(
    temporalKey(a),
    temporalKey(dateTime({ year: 1999, month: 12, day: 31, hour: 23, offsetSeconds: 0 })),
  );
});

void test("durations have a total order for sorting", () => {
  assert.ok(compareDurations(duration({ months: 1 }), duration({ days: 40 })) > 0);
  assert.ok(compareDurations(duration({ seconds: 2n ** 60n }), duration({ seconds: 1 })) > 0);
  assert.equal(compareDurations(duration({ days: 1 }), duration({ days: 1 })), 0);
});
