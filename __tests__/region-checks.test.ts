/** No cluster in a Region where EKS Pod Identity is unavailable. */
import { podIdentityRegions } from "../lib/checks/region-checks";
import { problemsOf } from "./helpers";

it("refuses clusters in the China Regions, with the AWS page that says why", async () => {
  const yaml = ["clusters:", "  - { name: bj, region: cn-north-1 }", "  - { name: nx, region: cn-northwest-1 }", "  - { name: gov, region: us-gov-west-1 }", ""].join("\n");
  const why = "a China Region, where EKS Pod Identity is not available (https://docs.amazonaws.cn/en_us/eks/latest/userguide/pod-identities.html); use IAM roles for service accounts there";
  expect(await problemsOf(yaml)).toEqual([
    `tenants.yaml:2:25: clusters[0].region: cluster "bj" is in cn-north-1, ${why}`,
    `tenants.yaml:3:25: clusters[1].region: cluster "nx" is in cn-northwest-1, ${why}`,
  ]);
});

it("checks clusters only: the check takes the config as the schema left it", () => {
  const config = { clusters: [{ name: "a", region: "us-east-1" }] } as unknown as Parameters<typeof podIdentityRegions>[0];
  expect(podIdentityRegions(config)).toEqual([]);
});
