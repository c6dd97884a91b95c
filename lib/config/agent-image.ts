/**
 * The ECR registry that serves EKS add-on images, per region: the self-managed agent chart's
 * default registry is us-west-2 (aws/eks-charts stable/eks-pod-identity-agent/values.yaml,
 * `image.containerRegistry`), so a cluster elsewhere pulls from its own region's registry.
 * Source: EKS user guide, "View Amazon container image registries for Amazon EKS add-ons"
 * (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html).
 */

/** Regions whose add-on images are not in account 602401143452. */
const OTHER_ACCOUNTS: Readonly<Record<string, string>> = {
  "af-south-1": "877085696533",
  "ap-east-1": "800184023465",
  "ap-south-2": "900889452093",
  "ap-southeast-3": "296578399912",
  "ap-southeast-4": "491585149902",
  "ca-west-1": "761377655185",
  "cn-north-1": "918309763551",
  "cn-northwest-1": "961992271922",
  "eu-central-2": "900612956339",
  "eu-south-1": "590381155156",
  "eu-south-2": "455263428931",
  "me-central-1": "759879836304",
  "me-south-1": "558608220178",
  "us-gov-east-1": "151742754352",
  "us-gov-west-1": "013241004608",
};

/** Regions served by account 602401143452, as the same page lists them. */
const MAIN_ACCOUNT_REGIONS: ReadonlyArray<string> = [
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];

/** `<account>.dkr.ecr.<region>.amazonaws.com[.cn]`, or undefined for a region not listed here. */
export function agentImageRegistry(region: string): string | undefined {
  const account = OTHER_ACCOUNTS[region] ?? (MAIN_ACCOUNT_REGIONS.includes(region) ? "602401143452" : undefined);
  if (account === undefined) return undefined;
  return `${account}.dkr.ecr.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
}

/** True when chart values already choose the image (image.containerRegistry or image.override). */
export function valuesChooseImage(values: Readonly<Record<string, unknown>> | undefined): boolean {
  const image = values?.["image"];
  if (typeof image !== "object" || image === null) return false;
  const i = image as Record<string, unknown>;
  return i["containerRegistry"] !== undefined || i["override"] !== undefined;
}
