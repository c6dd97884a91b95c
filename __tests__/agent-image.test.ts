import { readFileSync } from "node:fs";
import { agentImageRegistry, valuesChooseImage } from "../lib/aws/agent-image";
import { isKnownRegion } from "../lib/aws/sdk-regions";

/**
 * The registries as the EKS user guide's add-ons-images page lists them
 * (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html), row by row, except
 * ap-east-2, whose row names a host in ap-east-1; amazon-eks-ami's get-ecr-uri.sh maps the
 * account to ap-east-2. ap-southeast-5 is from that script alone.
 */
const REGISTRIES: Record<string, string> = {
  "af-south-1": "877085696533.dkr.ecr.af-south-1.amazonaws.com",
  "ap-east-1": "800184023465.dkr.ecr.ap-east-1.amazonaws.com",
  "ap-east-2": "533267051163.dkr.ecr.ap-east-2.amazonaws.com",
  "ap-southeast-3": "296578399912.dkr.ecr.ap-southeast-3.amazonaws.com",
  "ap-south-2": "900889452093.dkr.ecr.ap-south-2.amazonaws.com",
  "ap-southeast-4": "491585149902.dkr.ecr.ap-southeast-4.amazonaws.com",
  "ap-southeast-5": "151610086707.dkr.ecr.ap-southeast-5.amazonaws.com",
  "ap-southeast-6": "333609536671.dkr.ecr.ap-southeast-6.amazonaws.com",
  "ap-south-1": "602401143452.dkr.ecr.ap-south-1.amazonaws.com",
  "ap-northeast-3": "602401143452.dkr.ecr.ap-northeast-3.amazonaws.com",
  "ap-northeast-2": "602401143452.dkr.ecr.ap-northeast-2.amazonaws.com",
  "ap-southeast-1": "602401143452.dkr.ecr.ap-southeast-1.amazonaws.com",
  "ap-southeast-2": "602401143452.dkr.ecr.ap-southeast-2.amazonaws.com",
  "ap-southeast-7": "121268973566.dkr.ecr.ap-southeast-7.amazonaws.com",
  "ap-northeast-1": "602401143452.dkr.ecr.ap-northeast-1.amazonaws.com",
  "cn-north-1": "918309763551.dkr.ecr.cn-north-1.amazonaws.com.cn",
  "cn-northwest-1": "961992271922.dkr.ecr.cn-northwest-1.amazonaws.com.cn",
  "eu-central-1": "602401143452.dkr.ecr.eu-central-1.amazonaws.com",
  "eu-west-1": "602401143452.dkr.ecr.eu-west-1.amazonaws.com",
  "eu-west-2": "602401143452.dkr.ecr.eu-west-2.amazonaws.com",
  "eu-south-1": "590381155156.dkr.ecr.eu-south-1.amazonaws.com",
  "eu-west-3": "602401143452.dkr.ecr.eu-west-3.amazonaws.com",
  "eu-south-2": "455263428931.dkr.ecr.eu-south-2.amazonaws.com",
  "eu-north-1": "602401143452.dkr.ecr.eu-north-1.amazonaws.com",
  "eu-central-2": "900612956339.dkr.ecr.eu-central-2.amazonaws.com",
  "il-central-1": "066635153087.dkr.ecr.il-central-1.amazonaws.com",
  "mx-central-1": "730335286997.dkr.ecr.mx-central-1.amazonaws.com",
  "me-south-1": "558608220178.dkr.ecr.me-south-1.amazonaws.com",
  "me-central-1": "759879836304.dkr.ecr.me-central-1.amazonaws.com",
  "us-east-1": "602401143452.dkr.ecr.us-east-1.amazonaws.com",
  "us-east-2": "602401143452.dkr.ecr.us-east-2.amazonaws.com",
  "us-west-1": "602401143452.dkr.ecr.us-west-1.amazonaws.com",
  "us-west-2": "602401143452.dkr.ecr.us-west-2.amazonaws.com",
  "ca-central-1": "602401143452.dkr.ecr.ca-central-1.amazonaws.com",
  "ca-west-1": "761377655185.dkr.ecr.ca-west-1.amazonaws.com",
  "sa-east-1": "602401143452.dkr.ecr.sa-east-1.amazonaws.com",
  "us-gov-east-1": "151742754352.dkr.ecr.us-gov-east-1.amazonaws.com",
  "us-gov-west-1": "013241004608.dkr.ecr.us-gov-west-1.amazonaws.com",
  "eusc-de-east-1": "877088126301.dkr.ecr.eusc-de-east-1.amazonaws.eu",
};

/**
 * Regions the AWS SDK's metadata knows but the table does not: on neither source's list
 * (me-west-1, sa-west-1), or ISO partitions that only amazon-eks-ami maps, for its own node
 * images. Validation asks for image.containerRegistry there.
 */
const UNKNOWN = ["eu-isoe-west-1", "me-west-1", "sa-west-1", "us-iso-east-1", "us-iso-west-1", "us-isob-east-1", "us-isob-west-1", "us-isof-east-1", "us-isof-south-1"];

/**
 * Every region in the AWS SDK's region metadata, the data lib/aws/sdk-regions.ts answers from:
 * the `partitionsInfo` that @aws-sdk/core/client ships (it exports look-ups, not the list).
 */
function sdkRegions(): string[] {
  const src = readFileSync(require.resolve("@aws-sdk/core/client"), "utf8");
  const m = /const partitionsInfo = (\{[\s\S]*?\n\});\n/.exec(src);
  if (!m) throw new Error("the region metadata of @aws-sdk/core/client was not found; the test needs updating for this SDK version");
  const info = JSON.parse(m[1]!) as { partitions: Array<{ regions: Record<string, unknown> }> };
  return info.partitions.flatMap((p) => Object.keys(p.regions)).filter(isKnownRegion).sort();
}

describe("agentImageRegistry", () => {
  it("gives each region on the EKS add-on images page its registry", () => {
    for (const [region, registry] of Object.entries(REGISTRIES)) expect([region, agentImageRegistry(region)]).toEqual([region, registry]);
  });

  it("knows every region of the AWS SDK's metadata, except the ones listed as unknown", () => {
    const regions = sdkRegions();
    expect(regions.length).toBeGreaterThan(30);
    const unknown = regions.filter((r) => agentImageRegistry(r) === undefined);
    process.stdout.write(`agent image registry unknown for: ${unknown.join(", ")}\n`);
    expect(unknown).toEqual(UNKNOWN);
    // And nothing in the table that the SDK does not know as a region.
    expect(Object.keys(REGISTRIES).filter((r) => !regions.includes(r))).toEqual([]);
  });

  it("has no registry for a region it does not know", () => {
    expect(agentImageRegistry("me-west-1")).toBeUndefined();
    expect(agentImageRegistry("xx-north-9")).toBeUndefined();
  });
});

describe("valuesChooseImage", () => {
  it("is true when the chart values set the registry or the whole image", () => {
    expect(valuesChooseImage({ image: { containerRegistry: "my.registry.example" } })).toBe(true);
    expect(valuesChooseImage({ image: { override: "my.registry.example/eks/eks-pod-identity-agent:v0.1.37" } })).toBe(true);
    expect(valuesChooseImage({ image: { tag: "v0.1.37" } })).toBe(false);
    expect(valuesChooseImage(undefined)).toBe(false);
  });
});
