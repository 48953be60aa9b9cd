import js from "@eslint/js";
import tseslint from "typescript-eslint";

// A worker must not load the HTTP stack (express, OpenAPI, bull-board, the RPC server): outside the entry points
// (app.ts, http/, rpc/) a service takes the platform by role (/core, /jobs) and /http only for types.
const platformByRole = [
  { name: "@crm/platform", message: "Import the platform by role: @crm/platform/core, /jobs or (entry points only) /http." },
  { name: "@crm/platform/http", allowTypeImports: true, message: "Only app.ts, http/ and rpc/ load the HTTP stack; elsewhere import its types only." },
];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/prisma-client/**", "**/web-dist/**", "artifacts/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["services/*/src/**/*.ts", "packages/*/src/**/*.ts"],
    ignores: ["packages/test-kit/**"],
    rules: { "no-console": "error" },
  },
  {
    // Only data-access talks to Prisma.
    files: ["services/*/src/**/*.ts"],
    ignores: ["services/*/src/data-access/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/prisma-client/**", "@prisma/*"], message: "Only data-access imports Prisma." }] }],
    },
  },
  {
    // Layer direction: entry points (http, rpc, jobs) call the domain, the domain calls data-access and the
    // integrations through their types only (it declares what it needs; container.ts wires the values).
    files: ["services/*/src/domain/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            // "../../": from a flow's own folder (domain/endorsement/).
            { group: ["../http/*", "../rpc/*", "../jobs/*", "../app", "../container", "../main"].flatMap((p) => [p, `../${p}`]), message: "The domain does not import entry points or wiring." },
            { group: ["../integrations/*", "../data-access/*"].flatMap((p) => [p, `../${p}`]), allowTypeImports: true, message: "The domain uses integrations and data-access through their types (values are wired in container.ts)." },
          ],
          paths: platformByRole,
        },
      ],
    },
  },
  {
    files: ["services/*/src/data-access/**/*.ts"],
    ignores: ["services/*/src/data-access/prisma-client/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["../domain/*", "../http/*", "../rpc/*", "../jobs/*", "../integrations/*"], message: "data-access imports no other layer: it only talks to the database." }],
          paths: platformByRole,
        },
      ],
    },
  },
  {
    files: ["services/*/src/jobs/**/*.ts", "services/*/src/integrations/**/*.ts", "services/*/src/{container,config,main}.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: platformByRole }] },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly", __dirname: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
