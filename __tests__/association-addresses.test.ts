import { planClusters } from "../lib/plan/plan";
import { associationAddresses } from "../stacks/association-addresses";
import { configOf, resources, synthYaml } from "./helpers";

const text = `
clusters:
  - name: demo
    region: us-east-1
    controllers:
      - name: external-dns
        hostedZoneArns: [arn:aws:route53:::hostedzone/Z1]
tenants:
  - name: web
    namespace: web
    serviceAccount: web-sa
`;

it("gives tenants' and controllers' associations the addresses synth writes", async () => {
  const config = await configOf(text);
  const addresses = associationAddresses(config, planClusters(config)[0]!);
  const synthesized = Object.keys(resources((await synthYaml(text)).demo!, "aws_eks_pod_identity_association")).map((id) => `aws_eks_pod_identity_association.${id}`);
  expect([...addresses.keys()].sort()).toEqual(["controller external-dns", "web"]);
  expect([...addresses.values()].sort()).toEqual(synthesized.sort());
  expect(addresses.get("controller external-dns")).toBe("aws_eks_pod_identity_association.controller_external-dns_association_FD534683");
});
