/**
 * cdktf's jest matchers (toHaveResourceWithProperties & co.), registered in every test file but
 * loaded on first use: loading cdktf costs about 150 ms per test file, and most test files never
 * synthesize. The first matcher call runs cdktf's own Testing.setupJest(), which registers the
 * real matchers, and hands the call on to them.
 */
/// <reference path="../node_modules/cdktf/lib/testing/adapters/jest.d.ts" />

type Matcher = (this: jest.MatcherContext, ...args: unknown[]) => jest.CustomMatcherResult;

const NAMES = [
  "toHaveResource",
  "toHaveResourceWithProperties",
  "toHaveDataSource",
  "toHaveDataSourceWithProperties",
  "toHaveProvider",
  "toHaveProviderWithProperties",
  "toBeValidTerraform",
  "toPlanSuccessfully",
] as const;

let real: Record<string, Matcher> | undefined;

function cdktfMatchers(): Record<string, Matcher> {
  if (real) return real;
  const extend = expect.extend;
  let captured: Record<string, Matcher> = {};
  expect.extend = (m: Record<string, Matcher>) => {
    captured = m;
    extend(m);
  };
  try {
    (require("cdktf") as typeof import("cdktf")).Testing.setupJest();
  } finally {
    expect.extend = extend;
  }
  for (const name of NAMES) if (typeof captured[name] !== "function") throw new Error(`cdktf's Testing.setupJest() no longer registers ${name}`);
  return (real = captured);
}

expect.extend(
  Object.fromEntries(
    NAMES.map((name) => [
      name,
      function (this: jest.MatcherContext, ...args: unknown[]) {
        return cdktfMatchers()[name]!.apply(this, args);
      },
    ]),
  ),
);
