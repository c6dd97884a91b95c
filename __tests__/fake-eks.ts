/** A fake EKS client for the drift check's tests: no network, every call recorded. */
import { DescribePodIdentityAssociationCommand, ListPodIdentityAssociationsCommand } from "@aws-sdk/client-eks";
import type { EksApi } from "../lib/live/drift-aws";

export type Assoc = { associationId: string; namespace: string; serviceAccount: string; roleArn: string; ownerArn?: string; associationArn?: string };

/** A fake EKS: serves pages of `pageSize` and describes from `all`, recording every call. */
export function fakeEks(all: Assoc[], pageSize = 2): EksApi & { calls: string[] } {
  const calls: string[] = [];
  const send = async (command: unknown): Promise<any> => {
    if (command instanceof ListPodIdentityAssociationsCommand) {
      const { clusterName, maxResults, nextToken } = command.input;
      calls.push(`list ${clusterName} max=${maxResults} token=${nextToken ?? "-"}`);
      const start = nextToken ? Number(nextToken.slice(1)) : 0;
      const page = all.slice(start, start + pageSize);
      const next = start + pageSize < all.length ? `t${start + pageSize}` : undefined;
      return { associations: page.map((a) => ({ clusterName, namespace: a.namespace, serviceAccount: a.serviceAccount, associationId: a.associationId, ownerArn: a.ownerArn })), nextToken: next };
    }
    if (command instanceof DescribePodIdentityAssociationCommand) {
      calls.push(`describe ${command.input.clusterName} ${command.input.associationId}`);
      const a = all.find((x) => x.associationId === command.input.associationId);
      return { association: a ? { ...a, clusterName: command.input.clusterName, disableSessionTags: false } : undefined };
    }
    throw new Error("unexpected command");
  };
  return { send: send as EksApi["send"], calls };
}

