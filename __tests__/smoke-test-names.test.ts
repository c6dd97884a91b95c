import { controllerSmokeTestJobName, fitJobName, tenantSmokeTestJobName } from "../lib/kubernetes/smoke-test-names";

describe("smoke-test Job names", () => {
  it("are the prefix and the tenant or controller", () => {
    expect(tenantSmokeTestJobName("web")).toBe("pod-identity-smoke-test-web");
    expect(controllerSmokeTestJobName("external-dns")).toBe("pod-identity-smoke-test-controller-external-dns");
  });

  it("fit the 63 characters of a label, cut with a hash of the whole name", () => {
    const long = tenantSmokeTestJobName("a".repeat(63));
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^pod-identity-smoke-test-a{30}-[0-9a-f]{8}$/);
    expect(tenantSmokeTestJobName(`${"a".repeat(62)}b`)).not.toBe(long);
    expect(fitJobName("x".repeat(63))).toBe("x".repeat(63));
  });
});
