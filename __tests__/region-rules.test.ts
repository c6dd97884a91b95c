/** Regions that exist, by the AWS SDK's metadata. */
import { unknownRegion } from "../lib/aws/region-rules";
import { spawnSync } from "node:child_process";
import { problemsOf } from "./helpers";
import { ROOT } from "./run";

const LIST = "use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html";

it("knows real regions and suggests the nearest for a typo", () => {
  expect(unknownRegion("il-central-1")).toBeUndefined();
  expect(unknownRegion("us-gov-east-1")).toBeUndefined();
  expect(unknownRegion("eu-wset-1")).toBe(`"eu-wset-1" is not an AWS region; did you mean "eu-west-1"?; ${LIST}`);
  expect(unknownRegion("moon-base-1")).toBe(`"moon-base-1" is not an AWS region; ${LIST}`);
});

it("applies the region rule to the state bucket's region too", async () => {
  const yaml = ["clusters: [{ name: c, region: us-east-1 }]", "state: { s3: { bucket: my-state, region: us-est-1 } }", ""].join("\n");
  expect(await problemsOf(yaml)).toEqual([`tenants.yaml:2:42: state.s3.region: "us-est-1" is not an AWS region; did you mean "us-east-1"?; ${LIST}`]);
});

it("answers from the generated list without loading the AWS SDK's client module", () => {
  // In a plain node process (jest keeps its own module registry): the built module, asked about
  // known regions, leaves @aws-sdk/core unloaded; asked about an unknown one, it loads it.
  const probe = (region: string) =>
    spawnSync(
      process.execPath,
      ["-e", `const r = require("./dist/lib/aws/region-rules"); r.unknownRegion(${JSON.stringify(region)}); r.regionPartition("cn-north-1"); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes("@aws-sdk/core"))))`],
      { cwd: ROOT, encoding: "utf8" },
    ).stdout;
  expect(probe("eu-west-1")).toBe("false");
  expect(probe("xx-nowhere-1")).toBe("true");
});
