/** The committed region list (for "did you mean") is exactly what the installed AWS SDK knows. */
import { KNOWN_REGIONS, REGION_PARTITIONS } from "../lib/aws/known-regions";
import { isKnownRegion, partitionOf } from "../lib/aws/sdk-regions";
import { renderKnownRegions, sdkRegions } from "../scripts/gen-regions";
import { readFileSync } from "node:fs";
import { join } from "node:path";

it("equals the installed SDK's regions; run `npm run regions` after updating @aws-sdk/core", () => {
  expect([...KNOWN_REGIONS]).toEqual(sdkRegions());
  expect(readFileSync(join(__dirname, "..", "lib", "aws", "known-regions.ts"), "utf8")).toBe(renderKnownRegions(sdkRegions()));
});

it("holds real regions only, newer ones included, and no pseudo-regions", () => {
  for (const r of KNOWN_REGIONS) {
    expect(isKnownRegion(r)).toBe(true);
    expect(REGION_PARTITIONS[r]).toBe(partitionOf(r));
  }
  expect([REGION_PARTITIONS["cn-north-1"], REGION_PARTITIONS["us-gov-west-1"], REGION_PARTITIONS["il-central-1"]]).toEqual(["aws-cn", "aws-us-gov", "aws"]);
  expect(KNOWN_REGIONS).toEqual(expect.arrayContaining(["us-east-1", "il-central-1", "mx-central-1", "ap-southeast-7", "cn-north-1", "us-gov-west-1"]));
  expect(KNOWN_REGIONS).not.toContain("aws-global");
  expect(KNOWN_REGIONS.length).toBeGreaterThanOrEqual(40);
});
