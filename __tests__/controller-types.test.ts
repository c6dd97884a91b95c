/**
 * A controller entry's types are written once, in lib/policy/controllers/controller-types.ts;
 * the tenants file's controller schema must produce exactly them. The check is at compile time
 * (`npx tsc -p . --noEmit` fails when they drift); the run-time half shows the construct fills
 * in the schema's defaults.
 */
import type { z } from "zod";
import type { ControllerConfig, ControllerInput, ControllerName, ControllerOf } from "../lib/policy/controllers/controller-types";
import { CONTROLLER_NAMES } from "../lib/policy/controllers/controller-types";
import { completeController } from "../lib/policy/controllers/controller-props";
import { controllerSchema } from "../lib/schema/controller-schema";

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T => true as T;
type Schema = ReturnType<typeof controllerSchema>;
type EachEqual = { [N in ControllerName]: Equal<Extract<z.output<Schema>, { name: N }>, ControllerOf<N>> }[ControllerName];

describe("controller types", () => {
  it("are exactly the schema's, controller by controller, output and input", () => {
    expect([same<EachEqual>(), same<Equal<z.output<Schema>, ControllerConfig>>(), same<Equal<z.input<Schema>, ControllerInput>>()]).toEqual([true, true, true]);
  });

  it("get the schema's defaults from the construct's own completion, for every controller", () => {
    const minimal: Record<ControllerName, Record<string, unknown>> = Object.fromEntries(CONTROLLER_NAMES.map((n) => [n, {}])) as never;
    Object.assign(minimal["external-dns"], { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"] });
    Object.assign(minimal["cert-manager"], { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"] });
    Object.assign(minimal.karpenter, { nodeRoleArns: ["arn:aws:iam::111122223333:role/n"] });
    Object.assign(minimal.velero, { bucketArns: ["arn:aws:s3:::b"], bucketPathArns: ["arn:aws:s3:::b/*"] });
    Object.assign(minimal["aws-mountpoint-s3-csi-driver"], { bucketArns: ["arn:aws:s3:::b"], bucketPathArns: ["arn:aws:s3:::b/*"] });
    Object.assign(minimal["aws-node-termination-handler"], { sqsQueueArns: ["arn:aws:sqs:us-east-1:111122223333:q"] });
    Object.assign(minimal["aws-privateca-issuer"], { certificateAuthorityArns: ["arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/x"] });
    Object.assign(minimal["amazon-managed-prometheus"], { workspaceArns: ["arn:aws:aps:us-east-1:111122223333:workspace/ws-1"] });
    Object.assign(minimal["aws-for-fluent-bit"], { logGroupArns: ["arn:aws:logs:us-east-1:111122223333:log-group:x"] });
    Object.assign(minimal["external-secrets"], { secretsManagerArns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:x-*"] });
    for (const name of CONTROLLER_NAMES) {
      const input = { name, ...minimal[name] } as ControllerInput;
      expect(completeController(input)).toEqual(controllerSchema().parse(input));
    }
  });
});
