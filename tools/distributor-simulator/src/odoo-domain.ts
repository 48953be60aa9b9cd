/**
 * Odoo search domains in Polish notation: `[["status","in",["pending","sent"]], "|", ["a","=",1], ["b","=",2]]`.
 * Terms next to each other are joined by an implicit `&`.
 */
export type Row = Record<string, unknown>;
export type DomainItem = string | [string, string, unknown];

export class DomainError extends Error {
  override name = "DomainError";
}

const valueOf = (v: unknown): unknown => (Array.isArray(v) && v.length === 2 && typeof v[0] === "number" ? v[0] : v);

function likeMatch(haystack: unknown, needle: unknown, caseInsensitive: boolean): boolean {
  if (typeof haystack !== "string" || typeof needle !== "string") return false;
  return caseInsensitive ? haystack.toLowerCase().includes(needle.toLowerCase()) : haystack.includes(needle);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b));
}

function evalTerm(row: Row, [field, op, expected]: [string, string, unknown]): boolean {
  const actual = valueOf(row[field]);
  switch (op) {
    case "=":
    case "==":
      return actual === expected || (expected === false && (actual === false || actual === null || actual === undefined));
    case "!=":
    case "<>":
      return !(actual === expected || (expected === false && (actual === false || actual === null || actual === undefined)));
    case "in":
      if (!Array.isArray(expected)) throw new DomainError(`"in" needs a list for ${field}`);
      return expected.includes(actual as never);
    case "not in":
      if (!Array.isArray(expected)) throw new DomainError(`"not in" needs a list for ${field}`);
      return !expected.includes(actual as never);
    case "<":
      return actual !== false && compare(actual, expected) < 0;
    case "<=":
      return actual !== false && compare(actual, expected) <= 0;
    case ">":
      return actual !== false && compare(actual, expected) > 0;
    case ">=":
      return actual !== false && compare(actual, expected) >= 0;
    case "like":
      return likeMatch(actual, expected, false);
    case "ilike":
      return likeMatch(actual, expected, true);
    case "=ilike":
      return typeof actual === "string" && typeof expected === "string" && actual.toLowerCase() === expected.toLowerCase();
    default:
      throw new DomainError(`Invalid operator ${JSON.stringify(op)}`);
  }
}

type Node = { op: "&" | "|"; left: Node; right: Node } | { op: "!"; arg: Node } | { op: "term"; term: [string, string, unknown] };

function isTerm(item: unknown): item is [string, string, unknown] {
  return Array.isArray(item) && item.length === 3 && typeof item[0] === "string" && typeof item[1] === "string";
}

/** Builds a predicate for a domain, or throws DomainError for a malformed one. */
export function compileDomain(domain: unknown): (row: Row) => boolean {
  if (domain === undefined || domain === null || domain === false) return () => true;
  if (!Array.isArray(domain)) throw new DomainError("Domain must be a list");
  if (domain.length === 0) return () => true;
  let pos = 0;
  const parse = (): Node => {
    const item = domain[pos++] as unknown;
    if (item === "&" || item === "|") return { op: item, left: parse(), right: parse() };
    if (item === "!") return { op: "!", arg: parse() };
    if (isTerm(item)) return { op: "term", term: item };
    throw new DomainError(`Invalid domain term ${JSON.stringify(item)}`);
  };
  const nodes: Node[] = [];
  while (pos < domain.length) nodes.push(parse());
  const root = nodes.reduce((acc, n) => ({ op: "&", left: acc, right: n }) as Node);
  const evalNode = (n: Node, row: Row): boolean => {
    switch (n.op) {
      case "&":
        return evalNode(n.left, row) && evalNode(n.right, row);
      case "|":
        return evalNode(n.left, row) || evalNode(n.right, row);
      case "!":
        return !evalNode(n.arg, row);
      case "term":
        return evalTerm(row, n.term);
    }
  };
  return (row) => evalNode(root, row);
}

/** `"create_date asc, id desc"` → a comparator; unknown fields are rejected. */
export function compileOrder(order: unknown, knownFields: Set<string>): (a: Row, b: Row) => number {
  const spec = typeof order === "string" && order.trim() ? order : "id asc";
  const keys = spec.split(",").map((part) => {
    const [field = "", dir = "asc"] = part.trim().split(/\s+/);
    if (!knownFields.has(field)) throw new DomainError(`Invalid field ${JSON.stringify(field)} in order`);
    return { field, sign: dir.toLowerCase() === "desc" ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const c = compare(valueOf(a[field]), valueOf(b[field]));
      if (c !== 0) return c * sign;
    }
    return 0;
  };
}
