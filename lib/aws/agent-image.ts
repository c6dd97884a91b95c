/**
 * The ECR registry that serves EKS add-on images, per region: the self-managed agent chart's
 * default registry is us-west-2's (aws/eks-pod-identity-agent charts/eks-pod-identity-agent/values.yaml,
 * `image.containerRegistry`), so a cluster elsewhere pulls from its own region's registry.
 *
 * No package ships this table, so it is committed here, from two AWS sources that agree on
 * every region both list:
 * - EKS user guide, "View Amazon container image registries for Amazon EKS add-ons"
 *   (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html; source
 *   awsdocs/amazon-eks-user-guide latest/ug/workloads/add-ons-images.adoc at commit 1cc6ebb4a163).
 *   Its ap-east-2 row names the registry host in ap-east-1, a slip: the account serves ap-east-2.
 * - amazon-eks-ami templates/al2/runtime/get-ecr-uri.sh at commit ff03e27ba881 (2025-08-28, the
 *   script's last version before AL2 support was removed), which also maps ap-southeast-5, missing
 *   from the guide's table.
 * Regions in neither (and the ISO partitions, which only the AMI script maps, for its own node
 * images) are unknown: validation asks for image.containerRegistry there. The host name's domain
 * is the partition's DNS suffix from the AWS SDK's region metadata (amazonaws.com.cn in China,
 * amazonaws.eu in the European Sovereign Cloud).
 */
import type { partition as Partition } from "@aws-sdk/core/client";
import { ownValue } from "../diagnostics/own-keys";

/**
 * Loaded on first use, for helm-mode clusters only: the SDK's client module costs about 40 ms of
 * start-up, which every synth would otherwise pay.
 */
const partition: typeof Partition = (region) => (require("@aws-sdk/core/client") as typeof import("@aws-sdk/core/client")).partition(region);

/** Regions whose add-on images are in account 602401143452, as the guide lists them. */
const MAIN_ACCOUNT = "602401143452";
const MAIN_ACCOUNT_REGIONS: ReadonlyArray<string> = [
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];

/** Regions with an account of their own. */
const OTHER_ACCOUNTS: Readonly<Record<string, string>> = {
  "af-south-1": "877085696533",
  "ap-east-1": "800184023465",
  "ap-east-2": "533267051163",
  "ap-south-2": "900889452093",
  "ap-southeast-3": "296578399912",
  "ap-southeast-4": "491585149902",
  // In amazon-eks-ami's script; not (yet) in the guide's table.
  "ap-southeast-5": "151610086707",
  "ap-southeast-6": "333609536671",
  "ap-southeast-7": "121268973566",
  "ca-west-1": "761377655185",
  "cn-north-1": "918309763551",
  "cn-northwest-1": "961992271922",
  "eu-central-2": "900612956339",
  "eu-south-1": "590381155156",
  "eu-south-2": "455263428931",
  "eusc-de-east-1": "877088126301",
  "il-central-1": "066635153087",
  "me-central-1": "759879836304",
  "me-south-1": "558608220178",
  "mx-central-1": "730335286997",
  "us-gov-east-1": "151742754352",
  "us-gov-west-1": "013241004608",
};

/** `<account>.dkr.ecr.<region>.<partition DNS suffix>`, or undefined for a region not listed here. */
export function agentImageRegistry(region: string): string | undefined {
  const account = ownValue(OTHER_ACCOUNTS, region) ?? (MAIN_ACCOUNT_REGIONS.includes(region) ? MAIN_ACCOUNT : undefined);
  if (account === undefined) return undefined;
  const { dnsSuffix } = partition(region) as { dnsSuffix: string };
  return `${account}.dkr.ecr.${region}.${dnsSuffix}`;
}

/** True when chart values already choose the image (image.containerRegistry or image.override). */
export function valuesChooseImage(values: Readonly<Record<string, unknown>> | undefined): boolean {
  const image = values?.["image"];
  if (typeof image !== "object" || image === null) return false;
  const i = image as Record<string, unknown>;
  return i["containerRegistry"] !== undefined || i["override"] !== undefined;
}
