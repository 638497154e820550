/** An app or guest space id as kintone numbers them: a positive whole number, no leading zero, at most 18 digits. */
export const KINTONE_ID = /^[1-9]\d{0,17}$/;
