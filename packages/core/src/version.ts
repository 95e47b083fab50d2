/** docmill's version, stored in every result so that outputs made by another version are reconverted. */
export const DOCMILL_VERSION = '0.1.0';
