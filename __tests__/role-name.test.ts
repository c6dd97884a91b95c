import { addonRoleNameFor, defaultAddonRoleName, defaultRoleName } from "../lib/config/role-name";

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
