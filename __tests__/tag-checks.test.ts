import { mergedTagCount, tagKeyClashes } from "../lib/aws/tag-rules";
import { problemsOf } from "./helpers";

describe("tags as IAM and EKS take them", () => {
  it("refuses keys that differ only in letter case, within a map and against defaults.tags", async () => {
    const yaml = `clusters: [{ name: demo, region: us-east-1 }]
defaults:
  tags: { Team: platform, owner: me, OWNER: you }
tenants:
  - { name: a, namespace: a, serviceAccount: a, tags: { team: web, Owner: x, env: prod, ENV: dev } }
  - { name: b, namespace: b, serviceAccount: b, tags: { Team: web } }
sharedRoles:
  - { name: s, tags: { TEAM: shared } }
`;
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:3:38: defaults.tags.OWNER: tag key \"OWNER\" differs from tag key \"owner\" only in letter case; AWS treats tag keys case-insensitively, so they are one key. Keep one",
      "tenants.yaml:5:57: tenants[0].tags.team: tag key \"team\" differs from \"Team\" of defaults.tags only in letter case; AWS treats tag keys case-insensitively and refuses both on one resource. Spell it \"Team\" to override the default",
      "tenants.yaml:5:68: tenants[0].tags.Owner: tag key \"Owner\" differs from \"OWNER\" of defaults.tags only in letter case; AWS treats tag keys case-insensitively and refuses both on one resource. Spell it \"OWNER\" to override the default",
      "tenants.yaml:5:89: tenants[0].tags.ENV: tag key \"ENV\" differs from tag key \"env\" only in letter case; AWS treats tag keys case-insensitively, so they are one key. Keep one",
      "warning: tenants.yaml:8:13: sharedRoles[0].name: shared role \"s\" has no member; no tenant sets sharedRole: s, so it is not created",
      "tenants.yaml:8:24: sharedRoles[0].tags.TEAM: tag key \"TEAM\" differs from \"Team\" of defaults.tags only in letter case; AWS treats tag keys case-insensitively and refuses both on one resource. Spell it \"Team\" to override the default",
    ]);
  });

  it("lets a resource override a default tag spelled the same way", () => {
    expect(tagKeyClashes({ Team: "web" }, { Team: "platform" })).toEqual([]);
    expect(mergedTagCount({ Team: "web", env: "prod" }, { Team: "platform", owner: "me" })).toBe(3);
  });

  it("counts defaults.tags with each shared role's tags, and defaults alone once", async () => {
    const tags = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}: v`).join(", ");
    const shared = `
clusters: [{ name: demo, region: us-east-1 }]
defaults: { tags: { ${tags("d", 40)} } }
tenants: [{ name: t, namespace: t, serviceAccount: t, sharedRole: s }]
sharedRoles: [{ name: s, tags: { ${tags("s", 11)} } }]
`;
    expect(await problemsOf(shared)).toEqual(['tenants.yaml:5:32: sharedRoles[0].tags: shared role "s" would carry 51 tags with defaults.tags; AWS allows at most 50 per resource']);
    const defaultsOnly = `
clusters: [{ name: demo, region: us-east-1, addons: [{ name: vpc-cni }] }]
defaults: { tags: { ${tags("d", 51)} } }
tenants: [{ name: t, namespace: t, serviceAccount: t }]
`;
    expect(await problemsOf(defaultsOnly)).toEqual([
      "tenants.yaml:3:19: defaults.tags: defaults.tags has 51 tags, and every AWS resource of every stack carries them; AWS allows at most 50 tags per IAM role and per EKS resource",
    ]);
  });
});
