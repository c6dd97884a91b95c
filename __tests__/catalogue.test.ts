import { isWrite, lookUpAction } from "../lib/aws/catalogue";

const errorOf = async (a: string) => (await lookUpAction(a)).error;

describe("lookUpAction", () => {
  it("finds an action, without regard to case, under the catalogue's spelling", async () => {
    expect(await lookUpAction("s3:GetObject")).toEqual({ matches: [{ action: "s3:GetObject", accessLevel: "Read" }] });
    expect(await lookUpAction("S3:getobject")).toEqual({ matches: [{ action: "s3:GetObject", accessLevel: "Read" }] });
  });

  it("suggests the closest real action for a typo", async () => {
    expect(await errorOf("s3:GetObjects")).toBe('"s3:GetObjects" is not an IAM action; did you mean "s3:GetObject"?');
    expect(await errorOf("kms:ReEncrypt")).toBe('"kms:ReEncrypt" is not an IAM action; did you mean "kms:ReEncryptFrom" or "kms:ReEncryptTo"?');
    expect(await errorOf("dynamodb:TransactWriteItems")).toBe('"dynamodb:TransactWriteItems" is not an IAM action; did you mean "dynamodb:BatchWriteItem"?');
  });

  it("expands wildcards, which must match at least one action", async () => {
    const get = await lookUpAction("sqs:Get*");
    expect(get.matches.map((m) => m.action)).toEqual(["sqs:GetQueueAttributes", "sqs:GetQueueUrl"]);
    expect(await errorOf("s3:Zzz*")).toBe('"s3:Zzz*" matches no action of service "s3" in the IAM action catalogue');
    expect((await lookUpAction("sns:Publis?")).matches.map((m) => m.action)).toEqual(["sns:Publish"]);
    expect(await lookUpAction("*")).toEqual({ matches: [], everything: true });
  });

  it("names an unknown service, with a suggestion, instead of failing on a missing file", async () => {
    expect(await errorOf("s4:GetObject")).toBe('"s4:GetObject" names no AWS service: "s4" is not a service prefix in the IAM action catalogue; did you mean "s3:GetObject"?');
    expect(await errorOf("nosuchsvc:Foo")).toBe('"nosuchsvc:Foo" names no AWS service: "nosuchsvc" is not a service prefix in the IAM action catalogue');
  });

  it("never lets prototype keys or paths reach the package", async () => {
    const format = "is not an IAM action: a service prefix of a-z, 0-9 and '-', then ':' and an action name of letters and digits, with * and ? as wildcards";
    expect(await errorOf("__proto__:x")).toBe(`"__proto__:x" ${format}`);
    expect(await errorOf("../services:0")).toBe(`"../services:0" ${format}`);
    expect(await errorOf("s3:__proto__")).toBe(`"s3:__proto__" ${format}`);
    expect(await errorOf("constructor:x")).toBe('"constructor:x" names no AWS service: "constructor" is not a service prefix in the IAM action catalogue');
    expect(await errorOf("s3:constructor")).toBe('"s3:constructor" is not an IAM action of service "s3"');
    expect(await errorOf("GetObject")).toBe('"GetObject" is not an IAM action: expected <service>:<action>, such as s3:GetObject');
  });

  it("tells writes from reads by access level", async () => {
    const [put] = (await lookUpAction("s3:PutObject")).matches;
    const [list] = (await lookUpAction("s3:ListBucket")).matches;
    const [tag] = (await lookUpAction("s3:PutObjectTagging")).matches;
    expect([isWrite(put!), isWrite(list!), isWrite(tag!)]).toEqual([true, false, true]);
  });
});

describe("resourceArnFormats", () => {
  it("gives a service's own ARN formats, as the Service Authorization Reference writes them", async () => {
    const { resourceArnFormats } = await import("../lib/aws/catalogue");
    expect(await resourceArnFormats("sqs")).toEqual(["arn:${Partition}:sqs:${Region}:${Account}:${QueueName}"]);
    const iam = await resourceArnFormats("iam");
    expect(iam).toContain("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
    // The Systems Manager table also lists S3 buckets and IAM roles; only ssm ARNs are its own.
    const ssm = await resourceArnFormats("ssm");
    expect(ssm).toContain("arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}");
    expect(ssm.every((f) => f.startsWith("arn:${Partition}:ssm:"))).toBe(true);
  });

  it("is empty for what is no service, without reaching the package's files", async () => {
    const { resourceArnFormats } = await import("../lib/aws/catalogue");
    expect(await resourceArnFormats("nosuchservice")).toEqual([]);
    expect(await resourceArnFormats("../iam")).toEqual([]);
    expect(await resourceArnFormats("__proto__")).toEqual([]);
  });
});
