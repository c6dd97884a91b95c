import { DescribePodIdentityAssociationCommand, ListPodIdentityAssociationsCommand } from "@aws-sdk/client-eks";
import { fetchLiveAssociations, listAssociationIds, readingAssociations, type EksApi } from "../lib/live/drift-aws";
import { describeAwsError } from "../lib/live/aws-errors";
import { liveEksClient } from "../lib/live/aws";
import { fakeEks, type Assoc } from "./fake-eks";
import { awsEnv, startAwsStandIn, type AwsStandIn } from "./stand-in/aws-api";

const A = (n: number): Assoc => ({ associationId: `a-${n}`, namespace: `ns${n}`, serviceAccount: `sa${n}`, roleArn: `arn:aws:iam::111122223333:role/r${n}` });

describe("fetchLiveAssociations", () => {
  it("follows nextToken through every page and describes each association for its role", async () => {
    const eks = fakeEks([A(1), A(2), A(3), A(4), { ...A(5), ownerArn: "arn:aws:eks:us-east-1:111122223333:addon/demo/vpc-cni/x" }]);
    const live = await fetchLiveAssociations(eks, "demo", 2);
    expect(live).toEqual([
      { associationId: "a-1", namespace: "ns1", serviceAccount: "sa1", roleArn: "arn:aws:iam::111122223333:role/r1", ownerArn: undefined, targetRoleArn: undefined, disableSessionTags: false },
      { associationId: "a-2", namespace: "ns2", serviceAccount: "sa2", roleArn: "arn:aws:iam::111122223333:role/r2", ownerArn: undefined, targetRoleArn: undefined, disableSessionTags: false },
      { associationId: "a-3", namespace: "ns3", serviceAccount: "sa3", roleArn: "arn:aws:iam::111122223333:role/r3", ownerArn: undefined, targetRoleArn: undefined, disableSessionTags: false },
      { associationId: "a-4", namespace: "ns4", serviceAccount: "sa4", roleArn: "arn:aws:iam::111122223333:role/r4", ownerArn: undefined, targetRoleArn: undefined, disableSessionTags: false },
      {
        associationId: "a-5",
        namespace: "ns5",
        serviceAccount: "sa5",
        roleArn: "arn:aws:iam::111122223333:role/r5",
        ownerArn: "arn:aws:eks:us-east-1:111122223333:addon/demo/vpc-cni/x",
        targetRoleArn: undefined,
        disableSessionTags: false,
      },
    ]);
    expect(eks.calls.filter((c) => c.startsWith("list"))).toEqual(["list demo max=100 token=-", "list demo max=100 token=t2", "list demo max=100 token=t4"]);
    expect(eks.calls.filter((c) => c.startsWith("describe")).sort()).toEqual(["describe demo a-1", "describe demo a-2", "describe demo a-3", "describe demo a-4", "describe demo a-5"]);
  });

  it("lists once and describes nothing for a cluster without associations", async () => {
    const eks = fakeEks([]);
    expect(await fetchLiveAssociations(eks, "empty")).toEqual([]);
    expect(eks.calls).toEqual(["list empty max=100 token=-"]);
  });

  it("stops on a repeated nextToken instead of looping", async () => {
    const looping: EksApi = { send: (async (): Promise<any> => ({ associations: [], nextToken: "same" })) as EksApi["send"] };
    await expect(listAssociationIds(looping, "demo")).rejects.toThrow("ListPodIdentityAssociations returned the same nextToken twice for cluster demo");
  });

  it("fails on an association that vanished between list and describe", async () => {
    const eks = fakeEks([A(1)]);
    const vanishing: EksApi = {
      send: (async (c: unknown) => (c instanceof DescribePodIdentityAssociationCommand ? { association: undefined } : eks.send(c as ListPodIdentityAssociationsCommand))) as EksApi["send"],
    };
    await expect(fetchLiveAssociations(vanishing, "demo")).rejects.toThrow("DescribePodIdentityAssociation returned no association for a-1 on cluster demo");
  });

  it("skips an association deleted between list and describe: it is simply not live any more", async () => {
    const eks = fakeEks([A(1), A(2)]);
    const deleting: EksApi = {
      send: (async (c: unknown) =>
        c instanceof DescribePodIdentityAssociationCommand && c.input.associationId === "a-1"
          ? Promise.reject(Object.assign(new Error("Association not found"), { name: "ResourceNotFoundException" }))
          : eks.send(c as ListPodIdentityAssociationsCommand)) as EksApi["send"],
    };
    expect((await fetchLiveAssociations(deleting, "demo")).map((a) => a.associationId)).toEqual(["a-2"]);
  });

  it("passes AWS errors through to the caller", async () => {
    const failing: EksApi = { send: (async () => Promise.reject(Object.assign(new Error("No cluster found for name: nope."), { name: "ResourceNotFoundException" }))) as EksApi["send"] };
    await expect(fetchLiveAssociations(failing, "nope")).rejects.toThrow("No cluster found for name: nope.");
  });
});

const NARROWED = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-sales/*"}]}';

describe("over HTTP: the live commands' EKS client against a stand-in on 127.0.0.1", () => {
  const saved = { ...process.env };
  let api: AwsStandIn;
  const owner = "arn:aws:eks:eu-west-1:111122223333:addon/demo/vpc-cni/x";

  beforeAll(async () => {
    api = await startAwsStandIn({
      clusters: [
        { name: "demo", account: "111122223333", region: "eu-west-1", associations: [A(1), A(2), A(3), { ...A(4), ownerArn: owner }, A(5)] },
        { name: "empty", account: "111122223333", region: "eu-west-1", associations: [] },
        { name: "narrowed", account: "111122223333", region: "eu-west-1", associations: [{ ...A(6), disableSessionTags: true, policy: NARROWED }] },
      ],
      pageSize: 2,
      throttleOnce: ["ListPodIdentityAssociations", "DescribePodIdentityAssociation"],
    });
    Object.assign(process.env, awsEnv(api.url));
  });

  afterAll(async () => {
    process.env = saved;
    await api.close();
  });

  it("pages through every association, describes each for its role, retries a throttled call, and writes nothing", async () => {
    const live = await fetchLiveAssociations(liveEksClient("eu-west-1"), "demo", 2);
    const arn = (n: number) => `arn:aws:eks:eu-west-1:111122223333:podidentityassociation/demo/a-${n}`;
    expect(live).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({
        associationId: `a-${n}`,
        namespace: `ns${n}`,
        serviceAccount: `sa${n}`,
        roleArn: `arn:aws:iam::111122223333:role/r${n}`,
        ownerArn: n === 4 ? owner : undefined,
        targetRoleArn: undefined,
        disableSessionTags: false,
        associationArn: arn(n),
      })),
    );
    const lists = api.requests.filter((r) => r.startsWith("GET /clusters/demo/pod-identity-associations?"));
    // The first page twice (throttled once), then the pages the stand-in's tokens lead to.
    expect(lists.map((r) => new URLSearchParams(r.slice(r.indexOf("?") + 1)).get("nextToken"))).toEqual([null, null, "t2", "t4"]);
    expect(lists.every((r) => r.includes("maxResults=100"))).toBe(true);
    const describes = api.requests.filter((r) => /^GET \/clusters\/demo\/pod-identity-associations\/a-\d$/.test(r));
    expect(describes).toHaveLength(6);
    expect(new Set(describes).size).toBe(5);
    expect(api.writes).toEqual([]);
  });

  it("lists once and describes nothing for a cluster without associations", async () => {
    const before = api.requests.length;
    expect(await fetchLiveAssociations(liveEksClient("eu-west-1"), "empty")).toEqual([]);
    expect(api.requests.slice(before)).toEqual(["GET /clusters/empty/pod-identity-associations?maxResults=100"]);
  });

  it("turns the API's own error for a missing cluster into one line", async () => {
    const e = await fetchLiveAssociations(liveEksClient("eu-west-1"), "nope").catch((x: unknown) => x);
    expect(e).toMatchObject({ name: "ResourceNotFoundException" });
    expect(describeAwsError(e, readingAssociations("nope", "eu-west-1"))).toBe("cluster nope was not found in eu-west-1: No cluster found for name: nope.");
  });

  it("reads an association's session policy and session-tag setting", async () => {
    const [a] = await fetchLiveAssociations(liveEksClient("eu-west-1"), "narrowed", 2);
    expect(a).toMatchObject({ associationId: "a-6", disableSessionTags: true, policy: NARROWED });
  });
});
