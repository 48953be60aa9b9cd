/**
 * A response as the browser receives it after JSON: dates become ISO strings. The web apps type their fetches
 * with `Wire<…Response>` (the input side of a service's Z…ResponseSchema) instead of copying the shape.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
