/**
 * Every problem at once: a schema error in one entry does not hide the cross-field checks on
 * the others, and a missing (invalid) entry causes no false error of its own.
 */
import { parse } from "yaml";
import { partialConfig, partialFindings } from "../lib/file/partial";
import { problemsOf } from "./helpers";

const FILE = [
  "clusters:",
  "  - name: good",
  "    region: us-east-1",
  "  - name: broken",
  "    region: moon-1",
  "tenants:",
  "  - name: bad",
  "    namespace: Not_Valid",
  "    serviceAccount: sa",
  "  - name: web",
  "    namespace: web",
  "    serviceAccount: sa",
  "  - name: web",
  "    namespace: web2",
  "    serviceAccount: sa",
  "  - name: on-broken",
  "    namespace: ob",
  "    serviceAccount: sa",
  "    clusters: [broken]",
  "  - name: on-missing",
  "    namespace: om",
  "    serviceAccount: sa",
  "    clusters: [nowhere]",
  "  - name: shares",
  "    namespace: sh",
  "    serviceAccount: sa",
  "    sharedRole: team",
  "sharedRoles:",
  "  - name: team",
  "    tags: { aws:x: y }",
  "",
].join("\n");

it("reports schema errors and cross-field errors together, at the entries' places in the file", async () => {
  expect(await problemsOf(FILE)).toEqual([
    'tenants.yaml:5:13: clusters[1].region: "moon-1" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html',
    `tenants.yaml:8:16: tenants[0].namespace: "Not_Valid" is not a valid namespace: a DNS-1123 label of at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit`,
    // tenants[2] is the third entry of the file, and the first "web" is tenants[1] there, although
    // the check saw them as its entries 0 and 1.
    'tenants.yaml:13:11: tenants[2].name: tenant "web" is already defined at tenants[1]; tenant names must be unique',
    // A truly unknown cluster is still reported; "broken" (whose entry failed) is not.
    'tenants.yaml:23:16: tenants[4].clusters[0]: tenant "on-missing" names cluster "nowhere", which is not in clusters[]; defined clusters: good',
    `tenants.yaml:30:13: sharedRoles[0].tags["aws:x"]: "aws:x" is not a valid tag key: 1 to 128 letters, digits, spaces and _ . : / = + - @, not starting with aws: in any letter case`,
  ]);
});

describe("partialConfig", () => {
  it("keeps the valid entries and leaves out tenants that name a failed cluster or shared role", () => {
    const p = partialConfig(parse(FILE));
    expect(p?.config.clusters.map((c) => c.name)).toEqual(["good"]);
    expect(p?.config.tenants.map((t) => t.name)).toEqual(["web", "web", "on-missing"]);
    expect(p?.config.sharedRoles).toEqual([]);
    expect(p?.origins).toEqual({ clusters: [0], tenants: [1, 2, 4], sharedRoles: [] });
  });

  it("leaves out every tenant with a cluster list when clusters is not a list at all", () => {
    const data = { clusters: [{ name: "c", region: "us-east-1" }], sharedRoles: "oops", tenants: [{ name: "a", namespace: "a", serviceAccount: "a", sharedRole: "x" }] };
    expect(partialConfig(data)?.config.tenants).toEqual([]);
  });

  it("has nothing to check without a valid cluster", async () => {
    expect(partialConfig({ clusters: "none" })).toBeUndefined();
    expect(partialConfig([1, 2])).toBeUndefined();
    expect(await partialFindings({ clusters: [{ name: "c" }], tenants: [{ name: "a", clusters: ["zzz"] }] })).toEqual([]);
  });

  it("drops warnings, which a partial file could make false", async () => {
    // The shared role's only member is invalid: "has no member" would be untrue.
    const data = {
      clusters: [{ name: "c", region: "us-east-1" }],
      sharedRoles: [{ name: "team" }],
      tenants: [{ name: "a", namespace: "A!", serviceAccount: "a", sharedRole: "team" }],
    };
    expect(await partialFindings(data)).toEqual([]);
  });
});
