/**
 * How alike a word of a search and a word of a name must be (trigram word similarity, 0-1). pg_trgm's default
 * for its `<%` operator, 0.6, misses "Udin" for "Uddin"; every database session starts with this value instead
 * (src/database/typeorm-options.ts), so the search needs no transaction to set it.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.5;
