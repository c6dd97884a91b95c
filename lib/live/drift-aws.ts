/**
 * The drift check's only AWS calls: list a cluster's Pod Identity associations (paginated) and
 * describe each one for its role, since list summaries carry no role ARN (EKS API reference,
 * ListPodIdentityAssociations). The client is injected: `bin/drift.ts` gives the live commands'
 * EKS client (lib/live/aws.ts, with the SDK's standard retries), and the tests give that client
 * aimed at a stand-in on 127.0.0.1, or a fake for what a real API cannot be made to do. Only the
 * drift command imports this module, so synth never loads the SDK.
 */
import {
  DescribePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
  type DescribePodIdentityAssociationCommandOutput,
  type ListPodIdentityAssociationsCommandOutput,
} from "@aws-sdk/client-eks";
import type { LiveAssociation } from "./drift-compare";
import type { AwsCall } from "./aws-errors";
import { forEachAtMost } from "./worker-pool";

/** The part of EKSClient the drift check uses. */
export interface EksApi {
  send(command: ListPodIdentityAssociationsCommand): Promise<ListPodIdentityAssociationsCommandOutput>;
  send(command: DescribePodIdentityAssociationCommand): Promise<DescribePodIdentityAssociationCommandOutput>;
}

/** 100 is the API's maximum page size (ListPodIdentityAssociations maxResults: 1-100). */
const PAGE_SIZE = 100;

export async function listAssociationIds(client: EksApi, clusterName: string): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await client.send(new ListPodIdentityAssociationsCommand({ clusterName, maxResults: PAGE_SIZE, nextToken }));
    for (const a of page.associations ?? []) if (a.associationId) ids.push(a.associationId);
    nextToken = page.nextToken;
    // A token seen before would loop forever; the SDK's own paginator stops on it too.
    if (nextToken !== undefined && seen.has(nextToken)) throw new Error(`ListPodIdentityAssociations returned the same nextToken twice for cluster ${clusterName}`);
    if (nextToken !== undefined) seen.add(nextToken);
  } while (nextToken);
  return ids;
}

/** Every association of the cluster with its role, describing a few at a time. */
export async function fetchLiveAssociations(client: EksApi, clusterName: string, concurrency = 5): Promise<LiveAssociation[]> {
  const ids = await listAssociationIds(client, clusterName);
  const out: LiveAssociation[] = new Array(ids.length);
  await forEachAtMost(ids, concurrency, async (id, i) => {
    let r;
    try {
      r = await client.send(new DescribePodIdentityAssociationCommand({ clusterName, associationId: id }));
    } catch (e) {
      // Deleted between List and Describe: it is simply not live any more.
      if ((e as { name?: string }).name === "ResourceNotFoundException") return;
      throw e;
    }
    const a = r.association;
    if (!a?.associationId || a.namespace === undefined || a.serviceAccount === undefined) {
      throw new Error(`DescribePodIdentityAssociation returned no association for ${id} on cluster ${clusterName}`);
    }
    out[i] = {
      associationId: a.associationId,
      namespace: a.namespace,
      serviceAccount: a.serviceAccount,
      roleArn: a.roleArn,
      ownerArn: a.ownerArn,
      targetRoleArn: a.targetRoleArn,
      disableSessionTags: a.disableSessionTags,
      policy: a.policy,
      associationArn: a.associationArn,
    };
  });
  return out.filter((a) => a !== undefined);
}

/** The calls fetchLiveAssociations makes, for describeAwsError. */
export function readingAssociations(cluster: string, region: string): AwsCall {
  return { doing: `reading the Pod Identity associations of cluster ${cluster}`, region, cluster, needs: ["eks:ListPodIdentityAssociations", "eks:DescribePodIdentityAssociation"] };
}
