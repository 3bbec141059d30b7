/** The English messages must have exactly the shape of the Chinese ones (strings at the leaves). */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
