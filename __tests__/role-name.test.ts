import { addonRoleNameFor, defaultAddonRoleName, defaultRoleName, roleNameFor } from "../lib/aws/role-name";
import { violation, ROLE_NAME } from "../lib/aws/rules";

describe("defaultRoleName", () => {
  it("joins tenant and cluster with a dot, which neither name may contain", () => {
    expect(defaultRoleName("web", "prod-eu")).toBe("web.prod-eu");
    expect(defaultRoleName("a-b", "c")).not.toBe(defaultRoleName("a", "b-c"));
  });

  it("stays within 64 characters, deterministically, with a hash of the whole name", () => {
    const long = defaultRoleName("t".repeat(63), "c".repeat(100));
    expect(long).toHaveLength(64);
    expect(long).toBe(defaultRoleName("t".repeat(63), "c".repeat(100)));
    expect(long).toMatch(/^t{55}-[0-9a-f]{8}$/);
    expect(violation(ROLE_NAME, long)).toBeUndefined();
  });

  it("gives different names to long names that share their first 55 characters", () => {
    expect(defaultRoleName("t".repeat(63), "cluster-a")).not.toBe(defaultRoleName("t".repeat(63), "cluster-b"));
  });

  it("keeps names of exactly 64 characters as they are", () => {
    expect(defaultRoleName("t".repeat(50), "c".repeat(13))).toBe(`${"t".repeat(50)}.${"c".repeat(13)}`);
  });
});

it("roleNameFor prefers the name from the file", () => {
  expect(roleNameFor({ name: "web", role: { name: "given" } }, "c")).toBe("given");
  expect(roleNameFor({ name: "web", role: {} }, "c")).toBe("web.c");
});

describe("defaultAddonRoleName", () => {
  it("is addon.<add-on>.<cluster> when that fits in 64 characters", () => {
    expect(defaultAddonRoleName("vpc-cni", "demo")).toBe("addon.vpc-cni.demo");
  });

  it("cuts a longer name to 64 characters with a hash of the whole, deterministically", () => {
    const a = defaultAddonRoleName("amazon-cloudwatch-observability", "a-very-long-cluster-name-for-production");
    expect(a).toHaveLength(64);
    expect(a).toBe(defaultAddonRoleName("amazon-cloudwatch-observability", "a-very-long-cluster-name-for-production"));
    expect(a.startsWith("addon.amazon-cloudwatch-observability.a-very-long-clu")).toBe(true);
    expect(a).not.toBe(defaultAddonRoleName("amazon-cloudwatch-observability", "a-very-long-cluster-name-for-productioN"));
  });

  it("never takes a tenant's default name: tenant names have no dot, add-on defaults have two", () => {
    expect(defaultRoleName("addon", "demo").split(".")).toHaveLength(2);
    expect(defaultAddonRoleName("vpc-cni", "demo").split(".")).toHaveLength(3);
  });

  it("keeps a given name", () => {
    expect(addonRoleNameFor({ name: "vpc-cni", role: { name: "cni" } }, "demo")).toBe("cni");
    expect(addonRoleNameFor({ name: "vpc-cni", role: {} }, "demo")).toBe("addon.vpc-cni.demo");
  });
});
